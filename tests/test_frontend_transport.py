"""The GraphQL client's HTTP transport: it works, and a failed or slow API gives a friendly page."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.cache import caches

from cms.response_store import CACHE_ALIAS
from frontend import client
from frontend.testing import build_site


@contextmanager
def fake_api(status: int = 200, delay: float = 0.0, body: bytes = b"{}") -> Iterator[dict]:
    """A real local HTTP server standing in for a sick content API; it counts requests."""
    seen = {"requests": 0, "headers": [], "methods": []}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # a query's persisted-query hash comes by GET
            self.do_POST()

        def do_POST(self):
            seen["requests"] += 1
            seen["headers"].append(dict(self.headers))
            seen["methods"].append(self.command)
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            time.sleep(delay)
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up waiting, as it should

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


def _closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/graphql/"


def test_unreachable_api_gives_a_friendly_page_in_the_visitors_language(client, settings, db):
    settings.CMS_GRAPHQL_URL = _closed_port_url()
    for language, words in (("ar", "الخدمة غير متاحة مؤقتًا"), ("en", "temporarily unavailable")):
        response = client.get(f"/{language}/about/")
        assert response.status_code == 503
        html = response.content.decode()
        assert words in html and f'<html lang="{language}"' in html
        assert "Traceback" not in html
        assert response["Retry-After"] == "30"


def test_slow_api_times_out_into_the_friendly_page(client, settings, db):
    with fake_api(delay=1.5) as api:
        settings.CMS_GRAPHQL_URL = api["url"]
        settings.CMS_GRAPHQL_TIMEOUT = 0.2
        started = time.monotonic()
        response = client.get("/en/")
        elapsed = time.monotonic() - started
    assert response.status_code == 503
    assert elapsed < 1.5, f"the visitor waited {elapsed:.1f} s"
    assert api["requests"] == 2  # a read is retried once


def test_api_server_error_gives_the_friendly_page(client, settings, db):
    with fake_api(status=502, body=b"<html>Bad gateway</html>") as api:
        settings.CMS_GRAPHQL_URL = api["url"]
        response = client.get("/ar/news/")
    assert response.status_code == 503


def test_api_answering_nonsense_gives_the_friendly_page(client, settings, db):
    with fake_api(body=b"not json") as api:
        settings.CMS_GRAPHQL_URL = api["url"]
        assert client.get("/ar/").status_code == 503
    with fake_api(body=json.dumps({"errors": [{"message": "boom"}]}).encode()) as api:
        settings.CMS_GRAPHQL_URL = api["url"]
        assert client.get("/ar/").status_code == 503


def test_mutations_are_never_retried(settings):
    with fake_api(status=503) as api:
        settings.CMS_GRAPHQL_URL = api["url"]
        with pytest.raises(client.ApiUnavailable):
            client.run(
                "RecordServiceEvent", {"code": "MOF-IND-001", "event": "VIEW", "locale": "ar"}
            )
        assert api["requests"] == 1
        with pytest.raises(client.ApiUnavailable):
            client.run("Shell", {"locale": "ar"})
        assert api["requests"] == 3


def test_the_api_key_is_sent_when_one_is_set(settings):
    answer = json.dumps({"data": {"enquiryTopics": []}}).encode()
    with fake_api(body=answer) as api:
        settings.CMS_GRAPHQL_URL = api["url"]
        settings.CMS_GRAPHQL_API_KEY = None
        client.run("EnquiryTopics", {"locale": "ar"})
        settings.CMS_GRAPHQL_API_KEY = "mzk_frontend_secret"
        client.run("EnquiryTopics", {"locale": "ar"})
    without, with_key = ({k.lower(): v for k, v in h.items()} for h in api["headers"])
    assert api["methods"] == ["GET", "GET"]  # the hash alone was enough here
    assert "x-api-key" not in without
    assert with_key["x-api-key"] == "mzk_frontend_secret"
    assert with_key["accept"] == "application/json"


@pytest.mark.django_db(transaction=True)
def test_http_transport_renders_the_same_pages_as_in_process(client, settings, live_server):
    build_site()
    in_process = client.get("/en/services/loan-exemption/").content.decode()
    settings.CMS_GRAPHQL_URL = f"{live_server.url}/graphql/"
    # The page and its answers were stored: without them the page is rendered again, over HTTP.
    caches[CACHE_ALIAS].clear()
    over_http = client.get("/en/services/loan-exemption/")
    assert over_http.status_code == 200
    assert over_http["X-Cache"] == "MISS"
    html = over_http.content.decode()
    assert "Apply for a loan exemption" in html and 'href="/en/service-start/MOF-IND-001/"' in html
    # The same page apart from per-request values (CSRF token).
    strip = lambda text: [line for line in text.splitlines() if "csrfmiddlewaretoken" not in line]  # noqa: E731
    assert strip(html) == strip(in_process)
