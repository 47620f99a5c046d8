"""`make bench`: prepare, serve, load, count, compare with a fresh Wagtail project, report.

    .venv/bin/python -m bench.run_bench      (scripts/bench.sh installs wrk first)

Only loopback is used. Every server started here runs in its own process group and is stopped
when its measurements end, on an exception, on Ctrl-C or SIGTERM, and at interpreter exit.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections import Counter

from bench import config, load, prepare, reference, report, server
from bench.log import step
from bench.targets import from_dict

SEARCH_BENCH = config.ROOT / "bench" / "search_bench.py"
SEARCH_BENCH_TIMEOUT = 300
SETTLE_LOAD = 1.0
# Targets whose latency target is also measured without queueing (see unqueued_latency).
UNQUEUED_LATENCY = {"gql_20_services"}
SETTLE_SECONDS = 90.0


def _stop_on_signal(signum, _frame) -> None:
    server.stop_all()
    raise SystemExit(128 + signum)


def _commit() -> str:
    out = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=config.ROOT, capture_output=True, text=True
    )
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"],
        cwd=config.ROOT,
        capture_output=True,
        text=True,
    )
    return out.stdout.strip() + ("+dirty" if dirty.stdout.strip() else "")


def load_average() -> float | None:
    """The 1-minute load average: other work on the machine skews every figure."""
    try:
        return float(open("/proc/loadavg").read().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def in_process(env: dict[str, str]) -> dict:
    """Run bench.inprocess with the server's environment: URLs, SQL counts, cache backend."""
    out = subprocess.run(
        [config.PYTHON, "-m", "bench.inprocess"],
        cwd=config.ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    for line in out.stdout.splitlines():
        if line.startswith("BENCH_INPROCESS="):
            return json.loads(line.split("=", 1)[1])
    raise SystemExit(f"In-process replay failed:\n{out.stderr[-3000:]}")


def most_repeated(statements: list[str]) -> str:
    """The statement shape repeated most often (literals blanked) and how often: N+1 hunting."""
    shapes = Counter(re.sub(r"\b\d+\b|'[^']*'|%s", "?", s)[:160] for s in statements)
    if not shapes:
        return ""
    shape, times = shapes.most_common(1)[0]
    return f"{times}x {shape}"


def keep_statements(variant: str, counts: dict) -> None:
    """Every statement of each counted request, for whoever hunts a query (too big for results)."""
    folder = config.VAR / "sql"
    folder.mkdir(parents=True, exist_ok=True)
    for name, sql in counts.items():
        text = ";\n".join(sql["statements"]) + ";\n"
        (folder / f"{variant}-{name}.sql").write_text(text, encoding="utf-8")


def measure_with_cpu(base_url: str, target, settings, process) -> dict:
    """Warm up, then measure; add the workers' CPU time per request and the load average.

    CPU milliseconds per request do not depend on what else the machine is doing, unlike req/s:
    on a shared machine they are the figure to compare with the reference.
    """
    load.warm(base_url, target, settings)
    workers = server.worker_pids(process.pid)
    # wrk stops, but the workers still answer what the warm-up left queued: let them finish,
    # or the measurement starts behind.
    server.wait_until_idle(workers, base_url)
    busy = load_average()
    before = server.cpu_seconds(workers)
    row = load.measure(base_url, target, settings)
    used = server.cpu_seconds(workers) - before
    # Three decimals: a stored page costs about 0.5 ms, and its ratio to the reference is
    # computed from this figure.
    row["cpu_ms_per_request"] = round(1000 * used / row["requests"], 3) if row["requests"] else None
    row["load_average_before"] = busy
    return row


def unqueued_latency(base_url: str, target, settings: config.Settings) -> dict:
    """Latency over one connection: what a request takes when none waits for another.

    At 8 connections on 2 sync workers each request waits for about three others, so p95 is
    about 4x the time a request takes; both figures are reported. (Two connections for two
    workers still queue: a sync worker may accept both.)
    """
    alone = dataclasses.replace(settings, connections=1, threads=1)
    row = load.measure(base_url, target, alone)
    return {key: row.get(key) for key in ("rps", "p50_ms", "p95_ms", "p99_ms", "requests")} | {
        "connections": alone.connections
    }


def run_variant(settings: config.Settings, variant: str) -> dict:
    env = config.mizan_env(settings, variant)
    step(f"{variant}: counting SQL queries per request in-process")
    replay = in_process(env)
    keep_statements(variant, replay["sql"])
    targets = [from_dict(t) for t in replay["targets"]]
    measurements: dict[str, dict] = {}
    with server.gunicorn(
        "cms.wsgi:application", env, config.ROOT, settings.workers, f"mizan-{variant}", "/ar/"
    ) as (base_url, process):
        for target in targets:
            step(f"{variant}: {target.label}")
            row = measure_with_cpu(base_url, target, settings, process)
            if variant == "uncached" and target.name in UNQUEUED_LATENCY:
                step(f"{variant}: {target.label}, one connection per worker")
                row["unqueued"] = unqueued_latency(base_url, target, settings)
            sql = replay["sql"][target.name]
            measurements[target.name] = {
                "label": target.label,
                "method": target.method,
                "path": target.path,
                **row,
                "sql_queries": sql["queries"],
                "sql_writes": sql["writes"],
                "sql_most_repeated": most_repeated(sql["statements"]),
                "in_process_status": sql["status"],
                "response_bytes": sql["bytes"],
            }
        workers = server.worker_pids(process.pid)
        memory = [server.resident_mb(pid) for pid in workers]
    return {
        "cache_backend": replay["cache_backend"],
        "debug": replay["debug"],
        "measurements": measurements,
        "worker_rss_mb": memory,
    }


def run_reference(settings: config.Settings) -> dict:
    reference.build(settings)
    target = load.Target("reference_home", "Reference: wagtail start home page", "/")
    with server.gunicorn(
        f"{reference.PROJECT}.wsgi:application",
        reference.env(settings),
        reference.directory(settings),
        settings.workers,
        "reference",
    ) as (base_url, process):
        step("reference: home page")
        row = measure_with_cpu(base_url, target, settings, process)
        memory = [server.resident_mb(pid) for pid in server.worker_pids(process.pid)]
    return {**row, "worker_rss_mb": memory}


def settle(limit: float = SETTLE_LOAD, longest: float = SETTLE_SECONDS) -> float:
    """Wait (at most `longest` s) for the load average to fall below `limit`; seconds waited.

    The search benchmark times one query at a time right after minutes of load tests; measured
    at once, its queries took half as long again in CPU time as on a machine that had rested.
    """
    waited = 0.0
    while os.getloadavg()[0] >= limit and waited < longest:
        time.sleep(5)
        waited += 5
    return waited


def run_search_bench(settings: config.Settings) -> str | None:
    """The search helper's own benchmark, when it exists, over the same database."""
    if not SEARCH_BENCH.exists() or os.environ.get("BENCH_SEARCH") == "0":
        return None
    waited = settle()
    step(f"bench/search_bench.py (after {waited:.0f} s for the load average to settle)")
    env = config.mizan_env(settings, "uncached")
    command = [config.PYTHON, "-m", "bench.search_bench"]
    if settings.is_postgres:
        command.append("--postgres")
        env["BENCH_PG_URL"] = settings.database_url
    try:
        out = subprocess.run(
            command,
            cwd=config.ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=SEARCH_BENCH_TIMEOUT,
        )
    except subprocess.TimeoutExpired:
        return f"bench/search_bench.py did not finish within {SEARCH_BENCH_TIMEOUT} s"
    text = (out.stdout or "")[-4000:]
    if out.returncode != 0:
        text += f"\n(exit {out.returncode})\n{(out.stderr or '')[-2000:]}"
    return text


def search_latency(settings: config.Settings) -> dict | None:
    """The search benchmark's own figures for this engine (one query at a time, in-process)."""
    path = config.RESULTS / f"search-{settings.database_label}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        search = data["search"]
        return {
            "p50_ms": search["p50_ms"],
            "p95_ms": search["p95_ms"],
            "services": data.get("service_pages"),
            "measured_at": data.get("measured_at"),
        }
    except (OSError, ValueError, KeyError, TypeError):
        return None


def notes_for(results: dict) -> list[str]:
    notes = []
    uncached = results["variants"].get("uncached")
    if uncached and uncached["cache_backend"] != report.DUMMY_CACHE:
        notes.append(
            "the uncached run did not get a dummy response cache: cms/settings/base.py must map "
            "MIZAN_CACHE=off to django.core.cache.backends.dummy.DummyCache for `responses`; "
            "until then 'uncached' means the normal configuration."
        )
    if not load.wrk_available():
        notes.append("wrk was not available: figures come from the Python load generator.")
    return notes


def main() -> int:
    signal.signal(signal.SIGTERM, _stop_on_signal)
    signal.signal(signal.SIGINT, _stop_on_signal)
    settings = config.Settings()
    started = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    clock = time.monotonic()
    try:
        database = prepare.prepare(settings)
        results: dict = {
            "meta": {
                "started": started.isoformat().replace("+00:00", "Z"),
                "commit": _commit(),
                "cpus": os.cpu_count(),
                "database": settings.database_label,
                "duration": settings.duration,
                "warmup": settings.warmup,
                "threads": settings.threads,
                "connections": settings.connections,
                "workers": settings.workers,
                "load_tool": "wrk" if load.wrk_available() else "python",
            },
            "database": {"engine": settings.database_label, **database},
            "variants": {},
        }
        for variant in settings.variants:
            results["variants"][variant] = run_variant(settings, variant)
        results["reference"] = run_reference(settings) if settings.reference else None
        reference_row = results["reference"] or {}
        for data in results["variants"].values():
            for row in data["measurements"].values():
                row["ratio"] = report.ratio(row["rps"], reference_row.get("rps"))
                row["cpu_ratio"] = report.cpu_ratio(
                    row.get("cpu_ms_per_request"), reference_row.get("cpu_ms_per_request")
                )
        results["search_bench"] = run_search_bench(settings)
        results["search_latency"] = search_latency(settings) if results["search_bench"] else None
        results["targets"] = report.check_targets(results)
        results["notes"] = notes_for(results)
        results["meta"]["seconds"] = round(time.monotonic() - clock, 1)
        path, table = report.write(results)
    finally:
        server.stop_all()
    print(table)
    step(f"wrote {path.relative_to(config.ROOT)} and bench/results/latest.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
