"""Slow clients against a server (issue 19, F5): SLOW connections each send one header byte every
few seconds while a normal client asks for PATH; prints the normal client's worst answer time.

    .venv/bin/python bench/slow_clients.py http://127.0.0.1:8170/robots.txt --slow 8 --seconds 30

Behind nginx (make serve-prod) the normal client keeps answering at once; gunicorn's sync
workers facing the clients directly are all held by the slow ones (F5: 30 s timeouts).
"""

from __future__ import annotations

import argparse
import http.client
import socket
import threading
import time
from urllib.parse import urlsplit


def slow_client(host: str, port: int, stop: threading.Event, gap: float) -> None:
    request = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"a" * 1000
    try:
        sock = socket.create_connection((host, port), timeout=5)
    except OSError:
        return
    with sock:
        for byte in request:
            if stop.wait(gap):
                return
            try:
                sock.send(bytes([byte]))
            except OSError:
                return


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--slow", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--gap", type=float, default=3)
    args = parser.parse_args()
    parts = urlsplit(args.url)
    host, port = parts.hostname, parts.port or 80
    stop = threading.Event()
    threads = [
        threading.Thread(target=slow_client, args=(host, port, stop, args.gap), daemon=True)
        for _ in range(args.slow)
    ]
    for thread in threads:
        thread.start()
    time.sleep(1)
    times, failures = [], 0
    deadline = time.monotonic() + args.seconds
    while time.monotonic() < deadline:
        started = time.monotonic()
        try:
            connection = http.client.HTTPConnection(host, port, timeout=35)
            connection.request("GET", parts.path or "/")
            status = connection.getresponse().status
            connection.close()
            if status != 200:
                failures += 1
        except OSError:
            failures += 1
        times.append(time.monotonic() - started)
        time.sleep(0.5)
    stop.set()
    print(
        f"slow clients: {args.slow}; requests: {len(times)}; failures: {failures}; "
        f"worst: {max(times):.3f} s; median: {sorted(times)[len(times) // 2]:.3f} s"
    )


if __name__ == "__main__":
    main()
