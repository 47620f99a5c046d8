"""Slow clients (issue 19, F5 and item 5): behind nginx as `make serve-prod` runs it, clients that
send their request a byte every second hold no gunicorn worker, and a visitor's page still
answers within 1 s; gunicorn's two sync workers facing the same clients directly are both held.

A real stack in processes of their own: gunicorn (2 sync workers, the test database) and nginx
with deploy/nginx/mizan.conf (written by scripts/nginx-conf.sh, as for `make serve-prod`).
"""

from __future__ import annotations

import http.client
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.slow_clients import slow_client
from frontend.testing import build_site
from tests.browser.tools import in_ci
from tests.database_down import ROOT, this_test_database_url

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]

SLOW_CLIENTS = 6
PAGE = "/ar/about/"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _nginx() -> str | None:
    return shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
    )


def _answers(port: int) -> bool:
    try:
        return _get(port, timeout=2)[0] == 200
    except OSError:
        return False


def _get(port: int, timeout: float) -> tuple[int, float]:
    started = time.monotonic()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", PAGE)
        status = connection.getresponse().status
    finally:
        connection.close()
    return status, time.monotonic() - started


def _wait_until_answering(port: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, f"the server on {port} exited ({process.returncode})"
        if _answers(port):
            return
        time.sleep(0.3)
    pytest.fail(f"nothing answered {PAGE} on port {port} within 60 s")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def stack(tmp_path) -> Iterator[dict[str, int]]:
    """gunicorn on one loopback port, nginx in front of it on another."""
    nginx = _nginx()
    if nginx is None:
        reason = "nginx is not installed: run scripts/browser-deps.sh (apt-get nginx-light)"
        if in_ci():
            pytest.fail(f"{reason} (CI is set: the slow-client test must run)", pytrace=False)
        pytest.skip(reason)
    build_site()
    app_port, proxy_port = _free_port(), _free_port()
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": this_test_database_url(),
        "PYTHONPATH": str(ROOT),
    }
    gunicorn = subprocess.Popen(
        [
            *(sys.executable, "-m", "gunicorn", "cms.wsgi:application"),
            *("--workers", "2", "--timeout", "60", "--bind", f"127.0.0.1:{app_port}"),
        ],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    conf = subprocess.run(
        [
            *("bash", "scripts/nginx-conf.sh", str(tmp_path / "nginx")),
            *(f"127.0.0.1:{proxy_port}", f"127.0.0.1:{app_port}", str(tmp_path / "static")),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    proxy = subprocess.Popen(
        [nginx, "-c", conf, "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_until_answering(app_port, gunicorn)
        _wait_until_answering(proxy_port, proxy)
        yield {"app": app_port, "proxy": proxy_port}
    finally:
        _stop(proxy)
        _stop(gunicorn)


def _slow_clients(port: int) -> tuple[threading.Event, list[threading.Thread]]:
    stop = threading.Event()
    threads = [
        threading.Thread(target=slow_client, args=("127.0.0.1", port, stop, 1.0), daemon=True)
        for _ in range(SLOW_CLIENTS)
    ]
    for thread in threads:
        thread.start()
    time.sleep(1.5)  # each has connected and sent its first bytes
    return stop, threads


def _end(stop: threading.Event, threads: list[threading.Thread]) -> None:
    stop.set()
    for thread in threads:
        thread.join(timeout=5)


def test_behind_nginx_slow_clients_leave_every_page_answering_within_a_second(stack):
    stop, threads = _slow_clients(stack["proxy"])
    try:
        answers = [_get(stack["proxy"], timeout=10) for _ in range(12) if not time.sleep(0.25)]
    finally:
        _end(stop, threads)
    assert [status for status, _ in answers] == [200] * 12
    worst = max(seconds for _, seconds in answers)
    assert worst < 1.0, f"worst answer {worst:.2f} s with {SLOW_CLIENTS} slow clients"


def test_gunicorn_facing_them_directly_is_held_by_them(stack):
    """The control: without nginx the same clients take both sync workers, so the test above
    would fail if nginx stopped reading requests whole."""
    stop, threads = _slow_clients(stack["app"])
    try:
        with pytest.raises(TimeoutError):
            _get(stack["app"], timeout=3)
    finally:
        _end(stop, threads)
