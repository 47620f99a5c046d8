"""Fixtures for the change feed and webhooks: a real HTTP receiver on 127.0.0.1."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass
class Received:
    body: bytes
    headers: dict[str, str]


@dataclass
class Receiver:
    """A partner's receiver. `fail_next` answers 500 that many times; `hold` makes it wait
    (the test releases it) before answering."""

    url: str = ""
    received: list[Received] = field(default_factory=list)
    fail_next: int = 0
    status: int = 204
    hold: threading.Event | None = None
    arrived: threading.Event = field(default_factory=threading.Event)

    def ids(self) -> list[str]:
        return [r.headers["webhook-id"] for r in self.received]


def serve_receiver(receiver: Receiver) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # the name http.server calls
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            receiver.arrived.set()
            if receiver.hold is not None:
                receiver.hold.wait(timeout=30)
            if receiver.fail_next > 0:
                receiver.fail_next -= 1
                self.send_response(500)
                self.end_headers()
                return
            receiver.received.append(
                Received(body, {k.lower(): v for k, v in self.headers.items()})
            )
            self.send_response(receiver.status)
            self.end_headers()

        def log_message(self, *args):  # quiet
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    receiver.url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    found = Receiver()
    server = serve_receiver(found)
    try:
        yield found
    finally:
        if found.hold is not None:
            found.hold.set()
        server.shutdown()
        server.server_close()


def make_endpoint(url: str, events: list[str] | None = None, partner: str = "Citizen portal"):
    """A partner key and its receiver (created directly: the admin's https rule is for people)."""
    from cms.models import ApiKey
    from cms.security.api_keys import issue_key
    from syndication.delivery import new_secret
    from syndication.models import ChangeAction, WebhookEndpoint

    api_key = ApiKey(name=partner)
    issue_key(api_key)
    return WebhookEndpoint.objects.create(
        api_key=api_key,
        url=url,
        events=events or list(ChangeAction.values),
        secret=new_secret(),
    )
