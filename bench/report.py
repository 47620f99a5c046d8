"""Step 6: the issue's targets checked against the figures, and the results as JSON and Markdown."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bench import config

PAGES = ("home_ar", "service_page_ar", "catalogue_category", "search_page")
DUMMY_CACHE = "django.core.cache.backends.dummy.DummyCache"


def ratio(rps: float | None, reference_rps: float | None) -> float | None:
    if not rps or not reference_rps:
        return None
    return round(rps / reference_rps, 2)


def cpu_ratio(cpu_ms: float | None, reference_cpu_ms: float | None) -> float | None:
    """The reference's CPU per request over ours: the req/s ratio an idle machine would show."""
    if not cpu_ms or not reference_cpu_ms:
        return None
    return round(reference_cpu_ms / cpu_ms, 2)


def _row(results: dict, variant: str, name: str) -> dict | None:
    return (results["variants"].get(variant) or {}).get("measurements", {}).get(name)


def check_targets(results: dict) -> list[dict[str, Any]]:
    """Issue 7's targets, each with the measured figure and whether it is met."""
    checks: list[dict[str, Any]] = []
    reference_rps = (results.get("reference") or {}).get("rps")

    def versus(row: dict) -> str:
        return (
            f"{row['rps']} req/s = {row.get('ratio')}x; CPU {row.get('cpu_ms_per_request')} ms/req "
            f"= {row.get('cpu_ratio')}x"
        )

    def add(target: str, figure: str, met: bool | None, row: dict | None = None) -> None:
        if row is not None and not row.get("requests"):
            figure, met = f"no request completed in {row.get('seconds')} s", False
        checks.append({"target": target, "measured": figure, "met": met})

    uncached = results["variants"].get("uncached")
    if uncached:
        note = "" if uncached.get("cache_backend") == DUMMY_CACHE else " (cache NOT off: see note)"
        service = _row(results, "uncached", "service_page_ar")
        if service:
            value = ratio(service["rps"], reference_rps)
            add(
                "uncached Arabic service page >= 0.5x reference req/s (aim 1.0x)" + note,
                versus(service),
                None if value is None else value >= 0.5,
                service,
            )
        twenty = _row(results, "uncached", "gql_20_services")
        if twenty:
            add(
                "GraphQL 20 services: <= 12 SQL queries",
                str(twenty.get("sql_queries")),
                twenty.get("sql_queries") is not None and twenty["sql_queries"] <= 12,
            )
            add(
                f"GraphQL 20 services: p95 <= 60 ms uncached, "
                f"{results['meta']['connections']} connections" + note,
                f"{twenty['p95_ms']} ms",
                twenty["p95_ms"] <= 60,
                twenty,
            )
            alone = twenty.get("unqueued")
            if alone and alone.get("requests"):
                add(
                    "GraphQL 20 services: p95 <= 60 ms uncached, one connection "
                    "(no request waits for another)" + note,
                    f"{alone['p95_ms']} ms (p50 {alone['p50_ms']} ms, {alone['rps']} req/s)",
                    alone["p95_ms"] <= 60,
                )
        latency = results.get("search_latency")
        if latency:
            add(
                f"search p95 <= 50 ms over {results['database']['synthetic']} services "
                f"({results['database']['engine']}, bench/search_bench.py: one query at a time)",
                f"{latency['p95_ms']} ms (p50 {latency['p50_ms']} ms)",
                latency["p95_ms"] <= 50,
            )
        search = _row(results, "uncached", "search_page")
        if search:
            add(
                f"search p95 <= 50 ms over {results['database']['synthetic']} services "
                f"({results['database']['engine']}, search results page, uncached, "
                f"{results['meta']['connections']} connections)",
                f"{search['p95_ms']} ms",
                search["p95_ms"] <= 50,
                search,
            )
    if results["variants"].get("cached"):
        for name in PAGES:
            row = _row(results, "cached", name)
            if row:
                value = ratio(row["rps"], reference_rps)
                add(
                    f"cached {name} >= 10x reference req/s",
                    versus(row),
                    None if value is None else value >= 10,
                    row,
                )
    for variant, data in results["variants"].items():
        worst = max((m for m in data.get("worker_rss_mb") or [] if m is not None), default=None)
        add(
            f"each gunicorn worker <= 150 MB resident after the run ({variant})",
            f"{worst} MB",
            None if worst is None else worst <= 150,
        )
    return checks


def _fmt(value: Any) -> str:
    if value is None:
        return "-"
    return f"{value:g}" if isinstance(value, float) else str(value)


def markdown(results: dict) -> str:
    reference = results.get("reference") or {}
    meta = results["meta"]
    lines = [
        f"# Benchmark {meta['started']}",
        "",
        f"`make bench` on {meta['cpus']} cores, {meta['database']}, commit `{meta['commit']}`; "
        f"wrk {meta['threads']} threads, {meta['connections']} connections, "
        f"{meta['duration']} s after a {meta['warmup']} s warm-up; gunicorn {meta['workers']} "
        "sync workers, production settings, DEBUG off, whitenoise. Latencies in ms; "
        "x ref = req/s divided by the reference's. CPU ms/req = the workers' CPU time over the "
        "requests served, which other work on the machine does not change; CPU x ref = the "
        "reference's CPU per request over ours, the req/s ratio an idle machine would show. "
        "load avg = the machine's 1-minute load average before the measurement (2 cores: above "
        "2, other work was competing for them).",
        "",
    ]
    if reference:
        lines += [
            f"Reference (fresh `wagtail start` home page, served the same way): "
            f"**{_fmt(reference.get('rps'))} req/s**, p50 {_fmt(reference.get('p50_ms'))}, "
            f"p95 {_fmt(reference.get('p95_ms'))}, p99 {_fmt(reference.get('p99_ms'))} ms, "
            f"non-2xx {_fmt(reference.get('non2xx'))}, CPU "
            f"{_fmt(reference.get('cpu_ms_per_request'))} ms a request, workers "
            f"{', '.join(_fmt(m) for m in reference.get('worker_rss_mb') or [])} MB.",
            "",
        ]
    for variant, data in results["variants"].items():
        lines += [
            f"## {variant} (cache backend `{data.get('cache_backend')}`)",
            "",
            "| measurement | req/s | x ref | CPU ms/req | CPU x ref | p50 | p95 | p99 | non-2xx "
            "| SQL/req | writes/req | load avg |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for row in data["measurements"].values():
            lines.append(
                f"| {row['label']} | {_fmt(row['rps'])} | {_fmt(row.get('ratio'))} | "
                f"{_fmt(row.get('cpu_ms_per_request'))} | {_fmt(row.get('cpu_ratio'))} | "
                f"{_fmt(row['p50_ms'])} | {_fmt(row['p95_ms'])} | {_fmt(row['p99_ms'])} | "
                f"{_fmt(row['non2xx'] + row['socket_errors'])} | {_fmt(row.get('sql_queries'))} | "
                f"{_fmt(row.get('sql_writes'))} | {_fmt(row.get('load_average_before'))} |"
            )
        memory = ", ".join(_fmt(m) for m in data.get("worker_rss_mb") or [])
        lines += ["", f"Worker resident memory after the run: {memory} MB.", ""]
    if results.get("search_bench"):
        lines += ["## bench/search_bench.py", "", "```", results["search_bench"].strip(), "```", ""]
    lines += ["## Targets (issue 7)", "", "| target | measured | met |", "| --- | --- | --- |"]
    for check in results["targets"]:
        met = {True: "yes", False: "**no**", None: "-"}[check["met"]]
        lines.append(f"| {check['target']} | {check['measured']} | {met} |")
    for note in results.get("notes") or []:
        lines += ["", f"Note: {note}"]
    return "\n".join(lines) + "\n"


def write(results: dict) -> tuple[Path, str]:
    config.RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = results["meta"]["started"].replace(":", "").replace("-", "")
    text = json.dumps(results, ensure_ascii=False, indent=2)
    path = config.RESULTS / f"{stamp}-{results['meta']['database']}.json"
    path.write_text(text + "\n", encoding="utf-8")
    (config.RESULTS / "latest.json").write_text(text + "\n", encoding="utf-8")
    table = markdown(results)
    (config.RESULTS / "latest.md").write_text(table, encoding="utf-8")
    engine = results["meta"]["database"]
    (config.RESULTS / f"latest-{engine}.json").write_text(text + "\n", encoding="utf-8")
    (config.RESULTS / f"latest-{engine}.md").write_text(table, encoding="utf-8")
    return path, table
