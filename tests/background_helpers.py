"""Fixtures for background work: the real worker run in-process, and real SMTP servers.

`run_worker()` runs django-tasks-db's own worker loop in this process until no task is ready
(or `max_tasks` ran), as `manage.py db_worker --batch` does, without taking over the test
runner's signal handlers. Tests that use it need `django_db(transaction=True)`: the worker
commits, and the enquiry's on-commit hook must really run.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings
from django_tasks_db.management.commands.db_worker import Worker


def run_queued_tasks(max_tasks: int | None = None) -> None:
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name=settings.BACKGROUND_TASKS,
        startup_delay=False,
        max_tasks=max_tasks,
        worker_id="test-worker",
        excluded_queue_names=[],
    ).run()


@pytest.fixture
def run_worker() -> Callable[..., None]:
    return run_queued_tasks


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class ReceivedMail:
    messages: list = field(default_factory=list)

    async def handle_DATA(self, server, session, envelope):  # the name aiosmtpd calls
        self.messages.append(envelope)
        return "250 OK"


@dataclass
class SmtpServer:
    host: str
    port: int
    received: ReceivedMail


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    """A working SMTP server on loopback (aiosmtpd) that keeps what it receives."""
    received = ReceivedMail()
    controller = Controller(received, hostname="127.0.0.1", port=_free_port())
    controller.start()
    try:
        yield SmtpServer(controller.hostname, controller.port, received)
    finally:
        controller.stop()


@dataclass
class SilentServer:
    host: str
    port: int
    connections: int = 0


@pytest.fixture
def silent_smtp_server() -> Iterator[SilentServer]:
    """A mail server that accepts connections and never says a word (the hung-server fault)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    server = SilentServer("127.0.0.1", listener.getsockname()[1])
    held: list[socket.socket] = []

    def accept() -> None:
        while True:
            try:
                connection, _ = listener.accept()
            except OSError:
                return  # the listener was closed
            server.connections += 1
            held.append(connection)

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        try:
            listener.shutdown(socket.SHUT_RDWR)  # wakes the blocked accept()
        except OSError:
            pass
        listener.close()
        for connection in held:
            connection.close()
        thread.join(timeout=5)
