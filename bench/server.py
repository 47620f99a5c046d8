"""Step 2: a gunicorn server on loopback for the length of a `with` block, always stopped after.

The server gets its own process group, so stopping it ends the master and its workers and
nothing else; `atexit` and the signal handlers in run_bench stop it on failure too.
"""

from __future__ import annotations

import atexit
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench import config

_RUNNING: set[subprocess.Popen] = set()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((config.HOST, 0))
        return probe.getsockname()[1]


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)  # the group of this server only
            process.wait(timeout=15)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            process.wait(timeout=5)
    _RUNNING.discard(process)


def stop_all() -> None:
    for process in list(_RUNNING):
        stop(process)


atexit.register(stop_all)


def worker_pids(master_pid: int) -> list[int]:
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children")
    try:
        return [int(pid) for pid in children.read_text().split()]
    except OSError:
        return []


def resident_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def cpu_seconds(pids: list[int]) -> float:
    """User plus system CPU time the processes have used, from /proc/<pid>/stat."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    return total / ticks


def wait_until_idle(
    pids: list[int], base_url: str, timeout: float = 60, poll: float = 0.25
) -> None:
    """Return once the workers have used no CPU for two polls in a row and have answered one
    request sent after that (a worker waiting on a database lock uses no CPU either)."""
    deadline = time.monotonic() + timeout
    last, quiet = cpu_seconds(pids), 0
    while quiet < 2 and time.monotonic() < deadline:
        time.sleep(poll)
        now = cpu_seconds(pids)
        quiet = quiet + 1 if now == last else 0
        last = now
    for _ in range(len(pids)):  # one per worker, in turn, so each has finished its backlog
        try:
            with urllib.request.urlopen(base_url + "/robots.txt", timeout=timeout) as response:
                response.read()
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass


def _wait_until_ready(process: subprocess.Popen, url: str, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited ({process.returncode}); see {log}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                response.read()
            return
        except urllib.error.HTTPError:
            return  # it answers: the status is the benchmark's business
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not answer {url} within {timeout:.0f}s; see {log}")


@contextmanager
def gunicorn(
    app: str, env: dict[str, str], cwd: Path, workers: int, name: str, ready_path: str = "/"
) -> Iterator[tuple[str, subprocess.Popen]]:
    """Serve `app` with `workers` sync workers on 127.0.0.1:<free port>; yield (base URL, process)."""
    port = free_port()
    log = config.VAR / "logs" / f"{name}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    command = [
        str(config.BIN / "gunicorn"),
        app,
        "--workers",
        str(workers),
        "--bind",
        f"{config.HOST}:{port}",
        "--log-level",
        "warning",
        "--timeout",
        "60",
    ]
    with log.open("w") as log_file:
        process = subprocess.Popen(
            command,
            cwd=cwd,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    _RUNNING.add(process)
    base_url = f"http://{config.HOST}:{port}"
    try:
        _wait_until_ready(process, base_url + ready_path, log)
        yield base_url, process
    finally:
        stop(process)
