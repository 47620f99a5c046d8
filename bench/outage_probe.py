"""The database outage in the middle of `make loadtest` (issue 19), seen by one visitor.

Stores the visitor's pages first (each asked twice: the second answer must come from the store),
then stages the outage with bench/tcp_proxy.py (SIGUSR1 to the proxy), asks for every page again
and again for `--seconds`, ends the outage (SIGUSR2) and asks once more when it is over. Writes
the figures as JSON: the share of stored pages served during the outage (target: all of them),
what the others got, and the outage's start and end (the load report counts locust's failures
outside that window).

    .venv/bin/python -m bench.outage_probe http://127.0.0.1:8061 --proxy-pid 1234 --seconds 10
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

HEADERS = {"X-Forwarded-For": "2001:db8:fffe::1"}
PAGES = 60
LOC = re.compile(r"<loc>([^<]+)</loc>")


def fetch(url: str) -> tuple[int, str]:
    """The status and X-Cache of a GET (a refused or timed-out request is status 0)."""
    request = urllib.request.Request(url, headers=HEADERS)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            response.read()
            return response.status, response.headers.get("X-Cache", "")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("X-Cache", "")
    except OSError:
        return 0, ""


def visitor_paths(host: str) -> list[str]:
    """Pages from the sitemap (pages, services and the rest, both languages): up to `PAGES`."""
    paths: list[str] = []
    sitemaps = [f"{host}/sitemap.xml"]
    while sitemaps and len(paths) < PAGES:
        request = urllib.request.Request(sitemaps.pop(0), headers=HEADERS)
        with urllib.request.urlopen(request, timeout=30) as response:
            locations = LOC.findall(response.read().decode("utf-8"))
        for location in locations:
            path = urlsplit(location).path
            if path.endswith(".xml"):  # a sitemap index names its sitemaps
                sitemaps.append(host + urlsplit(location).path + "?" + urlsplit(location).query)
            elif len(paths) < PAGES:
                paths.append(path)
    return paths


def probe(host: str, proxy_pid: int, seconds: float) -> dict:
    paths = visitor_paths(host)
    for path in paths:
        fetch(host + path)
    stored = [path for path in paths if fetch(host + path) == (200, "HIT")]

    os.kill(proxy_pid, signal.SIGUSR1)
    started = time.time()
    answers: dict[str, Counter] = {path: Counter() for path in paths}
    while time.time() - started < seconds:
        for path in paths:
            status, cache = fetch(host + path)
            answers[path][f"{status} {cache}".strip()] += 1
    os.kill(proxy_pid, signal.SIGUSR2)
    ended = time.time()

    time.sleep(3)  # the workers reconnect at their next request
    after = {path: fetch(host + path)[0] for path in paths}
    stored_served = [path for path in stored if set(answers[path]) <= {"200 STALE", "200 HIT"}]
    everything = sum((answers[path] for path in paths), Counter())
    return {
        "outage_started": started,
        "outage_ended": ended,
        "outage_seconds": round(ended - started, 1),
        "pages": len(paths),
        "pages_stored_before": len(stored),
        "stored_pages_served_throughout": len(stored_served),
        "stored_pages_not_served": {
            path: dict(answers[path]) for path in stored if path not in stored_served
        },
        "requests_during": sum(everything.values()),
        "answers_during": dict(everything),
        "not_200_after": {path: status for path, status in after.items() if status != 200},
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("host")
    parser.add_argument("--proxy-pid", type=int, required=True)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    figures = probe(args.host.rstrip("/"), args.proxy_pid, args.seconds)
    args.out.write_text(json.dumps(figures, indent=2, ensure_ascii=False), encoding="utf-8")
    print(
        f"outage {figures['outage_seconds']} s: {figures['stored_pages_served_throughout']} of "
        f"{figures['pages_stored_before']} stored pages served throughout; "
        f"{figures['requests_during']} requests: {figures['answers_during']}"
    )


if __name__ == "__main__":
    main()
