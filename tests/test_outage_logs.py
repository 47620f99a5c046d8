"""Logs fit for on-call (issue 19, item 7): an outage is one WARNING on the way down and one INFO
on the way back per worker, not a traceback per request; a client's bad Host header or oversized
body is one WARNING without a traceback.

Real faults: the database unreachable in this process (tests/database_down.py), and a Redis of
the test's own (`redis-server` on a free port, stopped and started again).
"""

from __future__ import annotations

import logging
import re
import shutil
import socket
import subprocess
import time

import pytest
from django.core.cache import caches

from cms import outages
from frontend.testing import build_site
from tests.database_down import database_unreachable

pytestmark = [pytest.mark.faults, pytest.mark.usefixtures("no_outage_under_way")]


def _records(caplog, level=logging.DEBUG):
    """Records at `level` or above, without the frontend's slow-call lines (a busy machine)."""
    return [
        r
        for r in caplog.records
        if r.levelno >= level and not re.match(r"GraphQL \w+ took", r.getMessage())
    ]


def _assert_no_traceback_nor_error(caplog) -> None:
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []
    assert [r.getMessage() for r in caplog.records if r.exc_info] == []


@pytest.mark.django_db(transaction=True)
def test_a_database_outage_is_one_warning_down_and_one_info_back(client, caplog):
    build_site()
    client.get("/ar/about/")  # stored: served stale during the outage
    caplog.clear()
    with caplog.at_level(logging.INFO), database_unreachable():
        statuses = []
        for _ in range(3):
            statuses.append(client.get("/ar/about/").status_code)  # stale copy
            statuses.append(client.get("/en/services/").status_code)  # never stored: 503
            statuses.append(
                client.post(
                    "/graphql/", {"query": "{ news { totalCount } }"}, "application/json"
                ).status_code
            )
            editor = client.get("/ar/", HTTP_COOKIE="sessionid=an-editor")
            statuses.append(editor.status_code)
    assert statuses == [200, 503, 503, 503] * 3
    _assert_no_traceback_nor_error(caplog)
    warnings = [r for r in _records(caplog, logging.WARNING)]
    assert [(r.name, r.levelname) for r in warnings] == [("mizan.outages", "WARNING")]
    assert "database unavailable" in warnings[0].getMessage()
    caplog.clear()
    with caplog.at_level(logging.INFO):
        assert client.get("/ar/about/").status_code == 200
        assert client.get("/ar/").status_code == 200
    back = [r for r in caplog.records if r.name == "mizan.outages"]
    assert [r.levelname for r in back] == ["INFO"]
    assert "database available again" in back[0].getMessage()
    assert "failed attempts" in back[0].getMessage()


def test_a_flapping_dependency_warns_at_most_once_a_minute(caplog):
    with caplog.at_level(logging.INFO, logger="mizan.outages"):
        for _ in range(5):
            outages.down("redis", ConnectionError("Connection refused"))
            outages.up("redis")
    levels = [r.levelname for r in caplog.records if r.name == "mizan.outages"]
    assert levels == ["WARNING", "INFO"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class OwnRedis:
    """A redis-server of the test's own, without persistence, that can be stopped and started."""

    def __init__(self) -> None:
        self.port = _free_port()
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(100):
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None


@pytest.fixture
def own_redis(settings):
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed")
    redis = OwnRedis()
    redis.start()
    location = f"redis://127.0.0.1:{redis.port}/0"
    settings.CACHES = {
        alias: {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": location,
            "KEY_PREFIX": f"own-{alias}",
            "OPTIONS": _redis_options(),
        }
        for alias in ("default", "ratelimit", "responses")
    }
    settings.DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    settings.DJANGO_REDIS_LOGGER = "mizan.cache.redis"
    try:
        yield redis
    finally:
        for alias in ("default", "ratelimit", "responses"):
            caches[alias].close()
        redis.stop()


def _redis_options() -> dict:
    from cms.logs import RedisConnection

    return {
        "CLIENT_CLASS": "django_redis.client.DefaultClient",
        "SOCKET_CONNECT_TIMEOUT": 1,
        "SOCKET_TIMEOUT": 1,
        "IGNORE_EXCEPTIONS": True,
        "CONNECTION_POOL_KWARGS": {"connection_class": RedisConnection},
    }


@pytest.mark.django_db(transaction=True)
def test_a_redis_outage_is_one_warning_down_and_one_info_back(client, own_redis, caplog):
    build_site()
    assert client.get("/ar/about/")["X-Cache"] == "MISS"
    assert client.get("/ar/about/")["X-Cache"] == "HIT"  # stored in our Redis
    own_redis.stop()
    caplog.clear()
    with caplog.at_level(logging.INFO):
        for _ in range(5):  # pages render from the database; the API answers
            assert client.get("/ar/about/").status_code == 200
            answer = client.get("/graphql/", {"query": "{ siteSettings { contactPhone } }"})
            assert answer.status_code == 200
    _assert_no_traceback_nor_error(caplog)
    # One outage, one line: the rate limiter rests on the same Redis and says nothing more.
    warnings = [(r.name, r.getMessage()[:25]) for r in _records(caplog, logging.WARNING)]
    assert warnings == [("mizan.outages", "redis unavailable: Connec")]
    own_redis.start()
    caplog.clear()
    with caplog.at_level(logging.INFO):
        assert client.get("/ar/about/").status_code == 200
        assert client.get("/graphql/", {"query": "{ __typename }"}).status_code == 200
    back = sorted(
        (r.levelname, r.getMessage().split(" available again")[0])
        for r in caplog.records
        if r.name == "mizan.outages"
    )
    assert back == [("INFO", "redis")]


def test_a_bad_host_header_is_a_warning_without_traceback(client, settings, caplog, db):
    settings.ALLOWED_HOSTS = ["testserver"]
    with caplog.at_level(logging.INFO):
        response = client.get("/ar/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    _assert_no_traceback_nor_error(caplog)
    records = [r for r in caplog.records if r.name.startswith("django.security")]
    assert [(r.name, r.levelname) for r in records] == [
        ("django.security.DisallowedHost", "WARNING")
    ]


def test_an_oversized_body_is_a_warning_without_traceback(client, settings, caplog, db):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    with caplog.at_level(logging.INFO):
        response = client.post("/en/enquiry/", {"message": "x" * 5000})
    assert response.status_code == 400
    _assert_no_traceback_nor_error(caplog)
    records = [r for r in caplog.records if r.name.startswith("django.security")]
    assert [(r.name, r.levelname) for r in records] == [
        ("django.security.RequestDataTooBig", "WARNING")
    ]


def test_a_remote_content_api_outage_is_one_warning_down_and_one_info_back(
    client, settings, caplog, db
):
    """The frontend on its own (CMS_GRAPHQL_URL): each request tries the API twice; the log
    gets one line when it goes, none per request or attempt, and one when it answers again."""
    from tests.test_frontend_transport import _closed_port_url, fake_api

    settings.CMS_GRAPHQL_URL = _closed_port_url()
    with caplog.at_level(logging.INFO):
        for _ in range(3):
            assert client.get("/en/about/").status_code == 503
    _assert_no_traceback_nor_error(caplog)
    warnings = [(r.name, r.getMessage()[:23]) for r in _records(caplog, logging.WARNING)]
    assert warnings == [("mizan.outages", "content API unavailable")]
    caplog.clear()
    with caplog.at_level(logging.INFO), fake_api(body=b'{"data": {"page": null}}') as api:
        settings.CMS_GRAPHQL_URL = api["url"]
        client.get("/en/about/")
    back = [
        (r.levelname, r.getMessage()[:27]) for r in _records(caplog) if r.name == "mizan.outages"
    ]
    assert back == [("INFO", "content API available again")]
