"""The "browser checks" section at the end of a run (loaded from tests/conftest.py).

The browser tests put their figures (pages checked, violations, Chromium's version, or why they
skipped) in `REPORT`. Under pytest-xdist they run in worker processes, whose terminal nobody
sees: each worker hands its figures back when it finishes (`workeroutput`), and the controller
merges them and prints the section.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

REPORT: dict[str, Any] = {}
_KEY = "mizan_browser_report"


def pytest_sessionfinish(session) -> None:
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:  # an xdist worker: hand the figures to the controller
        workeroutput[_KEY] = json.dumps(REPORT, default=str)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error) -> None:
    REPORT.update(json.loads(getattr(node, "workeroutput", {}).get(_KEY, "{}")))


def pytest_terminal_summary(terminalreporter) -> None:
    if not REPORT:
        return
    terminalreporter.section("browser checks")
    if "skipped" in REPORT:
        terminalreporter.write_line(f"SKIPPED: {REPORT['skipped']}")
        return
    for key, value in sorted(REPORT.items()):
        terminalreporter.write_line(f"{key}: {value}")
