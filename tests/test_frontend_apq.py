"""The frontend's HTTP transport speaks automatic persisted queries to a real content API.

A recording proxy stands between the transport and the live server, so each test sees exactly
what went over the wire; in "legacy" mode it plays a GraphQL server without APQ (it refuses a
request without `query` and ignores `extensions`, as graphene-django's own view does).
"""

from __future__ import annotations

import json
import logging
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.conf import settings as django_settings
from django.core.cache import caches

from cms import outages
from cms.graphql import persisted
from cms.models import PersistedQuery
from frontend import client
from frontend.testing import build_site


def _forget_registered_operations() -> None:
    # The server keeps a registered query in its cache too, which outlives a test's database.
    apq_cache = caches[django_settings.APQ_CACHE]
    for operation in client.OPERATIONS.values():
        apq_cache.delete(persisted.CACHE_PREFIX + operation.sha256)


@pytest.fixture(autouse=True)
def _fresh_transport_state():
    client.reset_persisted_queries()
    outages.reset()
    _forget_registered_operations()
    yield
    _forget_registered_operations()
    client.reset_persisted_queries()
    outages.reset()


@contextmanager
def proxy(target: str, legacy: bool = False) -> Iterator[dict]:
    """A local HTTP server forwarding to `target`; it records method, query string and body."""
    seen: dict = {"requests": []}

    class Handler(BaseHTTPRequestHandler):
        def _forward(self, body: bytes | None) -> None:
            path, _, query_string = self.path.partition("?")
            params = {k: v[0] for k, v in urllib.parse.parse_qs(query_string).items()}
            sent = json.loads(body) if body else dict(params)
            seen["requests"].append({"method": self.command, "params": params, "body": sent})
            if legacy:
                if not sent.get("query"):
                    self._answer(400, b'{"errors": [{"message": "Must provide query string."}]}')
                    return
                sent.pop("extensions", None)  # an old server does not look at it
                body = json.dumps(sent).encode()
            headers = {k: v for k, v in self.headers.items() if k.lower() != "host"}
            request = urllib.request.Request(
                target + (f"?{query_string}" if query_string else ""),
                data=body,
                method=self.command,
                headers=headers,
            )
            try:
                with urllib.request.urlopen(request, timeout=10) as response:
                    self._answer(response.status, response.read())
            except urllib.error.HTTPError as exc:
                self._answer(exc.code, exc.read())

        def _answer(self, status: int, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
            self._forward(None)

        def do_POST(self):
            self._forward(self.rfile.read(int(self.headers.get("Content-Length", 0))))

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    seen["url"] = f"http://127.0.0.1:{server.server_address[1]}/graphql/"
    try:
        yield seen
    finally:
        server.shutdown()
        server.server_close()


def _hash_of(request: dict) -> str | None:
    extensions = request["body"].get("extensions")
    if isinstance(extensions, str):
        extensions = json.loads(extensions)
    return ((extensions or {}).get("persistedQuery") or {}).get("sha256Hash")


@pytest.fixture
def api(transactional_db, live_server, settings):
    build_site()
    settings.CMS_GRAPHQL_URL = None
    settings.CMS_GRAPHQL_API_KEY = None
    return f"{live_server.url}/graphql/"


def test_a_query_misses_once_registers_then_goes_as_a_hash_only_get(api, settings):
    shell = client.OPERATIONS["Shell"]
    assert shell.sha256 == persisted.sha256(shell.document)
    in_process = client.run("Shell", {"locale": "en"})
    with proxy(api) as wire:
        settings.CMS_GRAPHQL_URL = wire["url"]
        first = client.run("Shell", {"locale": "en"})
        miss, register = wire["requests"]
        assert miss["method"] == "GET" and "query" not in miss["body"]
        assert _hash_of(miss) == shell.sha256
        assert json.loads(miss["params"]["variables"]) == {"locale": "en"}
        assert miss["params"]["operationName"] == "Shell"
        # The server did not know it: the query goes once with its hash, and is stored.
        assert register["method"] == "POST"
        assert register["body"]["query"] == shell.document
        assert _hash_of(register) == shell.sha256
        assert PersistedQuery.objects.filter(sha256=shell.sha256).exists()

        second = client.run("Shell", {"locale": "en"})
        assert len(wire["requests"]) == 3
        hit = wire["requests"][2]
        assert hit["method"] == "GET" and "query" not in hit["body"]
        assert _hash_of(hit) == shell.sha256
    assert first == second == in_process
    assert first["siteSettings"] is not None


def test_a_mutation_goes_by_post_hash_first_and_is_run_once(api, settings):
    variables = {"code": "MOF-IND-001", "event": "VIEW", "locale": "ar"}
    digest = client.OPERATIONS["RecordServiceEvent"].sha256
    with proxy(api) as wire:
        settings.CMS_GRAPHQL_URL = wire["url"]
        assert client.run("RecordServiceEvent", variables) == {"recordServiceEvent": {"ok": True}}
        assert [r["method"] for r in wire["requests"]] == ["POST", "POST"]
        assert "query" not in wire["requests"][0]["body"]
        assert wire["requests"][1]["body"]["query"].startswith("mutation RecordServiceEvent")
        assert client.run("RecordServiceEvent", variables) == {"recordServiceEvent": {"ok": True}}
        assert len(wire["requests"]) == 3
        again = wire["requests"][2]
        assert again["method"] == "POST" and "query" not in again["body"]
        assert _hash_of(again) == digest


def test_a_long_query_string_goes_by_post(api, settings, monkeypatch):
    monkeypatch.setattr(client, "MAX_GET_URL_LENGTH", 50)
    with proxy(api) as wire:
        settings.CMS_GRAPHQL_URL = wire["url"]
        client.run("Shell", {"locale": "ar"})
        client.run("Shell", {"locale": "ar"})
    assert [r["method"] for r in wire["requests"]] == ["POST", "POST", "POST"]
    assert "query" not in wire["requests"][2]["body"]


def test_a_server_without_apq_gets_full_queries(api, settings, caplog):
    with proxy(api, legacy=True) as wire:
        settings.CMS_GRAPHQL_URL = wire["url"]
        with caplog.at_level(logging.INFO, logger="mizan.frontend"):
            data = client.run("Shell", {"locale": "ar"})
        assert data["siteSettings"] is not None
        refused, full = wire["requests"]
        assert refused["method"] == "GET" and "query" not in refused["body"]
        assert full["method"] == "POST" and full["body"]["query"].startswith("query Shell")
        # Remembered: the next operations go as full queries at once, mutations too.
        client.run("Shell", {"locale": "en"})
        client.run("RecordServiceEvent", {"code": "MOF-IND-001", "event": "VIEW", "locale": "ar"})
        assert [r["method"] for r in wire["requests"][2:]] == ["POST", "POST"]
        assert all(r["body"].get("query") for r in wire["requests"][2:])
    said = [r for r in caplog.records if "persisted queries" in r.getMessage()]
    assert len(said) == 1 and said[0].levelno == logging.INFO


def test_an_error_in_the_request_itself_does_not_switch_apq_off(api, settings):
    with proxy(api) as wire:
        settings.CMS_GRAPHQL_URL = wire["url"]
        client.run("Shell", {"locale": "ar"})  # registered
        with pytest.raises(client.ApiError):
            client.run("Shell", {})  # $locale missing: 400 for the hash and for the query
        assert len(wire["requests"]) == 4  # one more try with the query, not a loop
        client.run("Shell", {"locale": "ar"})
        assert wire["requests"][-1]["method"] == "GET"


def test_an_outage_during_apq_is_logged_once(api, settings, caplog):
    with proxy(api) as wire:
        url = wire["url"]
    settings.CMS_GRAPHQL_URL = url  # the proxy is gone: nothing listens there any more
    with caplog.at_level(logging.INFO):
        for _ in range(3):
            with pytest.raises(client.ApiUnavailable):
                client.run("Shell", {"locale": "ar"})
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1 and "content API unavailable" in warnings[0].getMessage()
