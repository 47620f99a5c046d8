"""Step 3: load one URL for a bounded time with wrk (or, when wrk cannot be had, a Python loop).

Each measurement is a `Target`: a GET of a public page or a POST of a GraphQL document. wrk runs
`bench/wrk/report.lua` (with the request prepended for POSTs) and prints one JSON line.
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Any

from bench import config


@dataclass(frozen=True)
class Target:
    name: str
    label: str
    path: str
    method: str = "GET"
    body: str = ""
    headers: dict[str, str] = field(default_factory=dict)

    def encoded_body(self) -> bytes | None:
        return self.body.encode("utf-8") if self.body else None


def graphql_target(name: str, label: str, query: str, variables: dict[str, Any]) -> Target:
    body = json.dumps({"query": query, "variables": variables}, ensure_ascii=False)
    return Target(name, label, "/graphql/", "POST", body, {"Content-Type": "application/json"})


def wrk_available() -> bool:
    return shutil.which("wrk") is not None


def _lua_literal(text: str) -> str:
    level = 1
    while f"]{'=' * level}]" in text:
        level += 1
    eq = "=" * level
    return f"[{eq}[{text}]{eq}]"


def _wrk_script(target: Target) -> str:
    lines = [f"wrk.method = {_lua_literal(target.method)}"]
    if target.body:
        lines.append(f"wrk.body = {_lua_literal(target.body)}")
    for name, value in target.headers.items():
        lines.append(f"wrk.headers[ {_lua_literal(name)} ] = {_lua_literal(value)}")
    report = (config.WRK_SCRIPTS / "report.lua").read_text(encoding="utf-8")
    return "\n".join(lines) + "\n" + report


def run_wrk(base_url: str, target: Target, seconds: int, threads: int, connections: int) -> dict:
    script = config.VAR / "wrk" / f"{target.name}.lua"
    script.parent.mkdir(parents=True, exist_ok=True)
    script.write_text(_wrk_script(target), encoding="utf-8")
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "-s",
        str(script),
        base_url + target.path,
    ]
    out = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60, check=False)
    for line in out.stdout.splitlines():
        if line.startswith("BENCH_RESULT="):
            return _summarise(json.loads(line.split("=", 1)[1]), tool="wrk")
    raise RuntimeError(
        f"wrk gave no result for {target.name}: {out.stdout[-500:]} {out.stderr[-500:]}"
    )


def _summarise(raw: dict, tool: str) -> dict:
    seconds = raw["duration_us"] / 1e6
    latency = raw["latency_us"]
    errors = raw["errors"]
    return {
        "tool": tool,
        "requests": raw["requests"],
        "seconds": round(seconds, 2),
        "rps": round(raw["requests"] / seconds, 1) if seconds else 0.0,
        "p50_ms": round(latency["p50"] / 1000, 1),
        "p95_ms": round(latency["p95"] / 1000, 1),
        "p99_ms": round(latency["p99"] / 1000, 1),
        "max_ms": round(latency["max"] / 1000, 1),
        "non2xx": raw["non2xx"],
        "socket_errors": sum(errors.values()),
    }


def run_python(base_url: str, target: Target, seconds: int, connections: int) -> dict:
    """A bounded closed-loop load generator: `connections` threads, one request at a time each.

    Only for machines where wrk cannot be installed; it saturates a core itself, so its figures
    are lower than wrk's and marked with tool=python.
    """
    latencies: list[float] = []
    non2xx = 0
    errors = 0
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def worker() -> None:
        nonlocal non2xx, errors
        while time.monotonic() < deadline:
            request = urllib.request.Request(
                base_url + target.path,
                data=target.encoded_body(),
                method=target.method,
                headers=target.headers,
            )
            started = time.monotonic()
            status = 0
            try:
                with urllib.request.urlopen(request, timeout=10) as response:
                    response.read()
                    status = response.status
            except urllib.error.HTTPError as exc:
                status = exc.code
            except (urllib.error.URLError, TimeoutError, ConnectionError):
                with lock:
                    errors += 1
                continue
            elapsed = time.monotonic() - started
            with lock:
                latencies.append(elapsed)
                if not 200 <= status <= 299:
                    non2xx += 1

    started = time.monotonic()
    workers = [threading.Thread(target=worker, daemon=True) for _ in range(connections)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join(timeout=seconds + 30)
    elapsed = time.monotonic() - started
    ordered = sorted(latencies) or [0.0]

    def pct(p: float) -> int:
        return int(ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1e6)

    raw = {
        "requests": len(latencies),
        "duration_us": int(elapsed * 1e6),
        "non2xx": non2xx,
        "errors": {"connect": errors, "read": 0, "write": 0, "timeout": 0},
        "latency_us": {
            "mean": statistics.fmean(ordered) * 1e6,
            "max": int(ordered[-1] * 1e6),
            "p50": pct(50),
            "p90": pct(90),
            "p95": pct(95),
            "p99": pct(99),
        },
    }
    return _summarise(raw, tool="python")


def warm(base_url: str, target: Target, settings: config.Settings) -> None:
    """Load for the warm-up time; the figures are discarded."""
    if wrk_available():
        run_wrk(base_url, target, settings.warmup, settings.threads, settings.connections)
    else:
        run_python(base_url, target, settings.warmup, settings.connections)


def measure(base_url: str, target: Target, settings: config.Settings) -> dict:
    """Load for the configured time and summarise."""
    if wrk_available():
        return run_wrk(base_url, target, settings.duration, settings.threads, settings.connections)
    return run_python(base_url, target, settings.duration, settings.connections)
