"""The browser checks' tools: where they are, whether a missing one skips or fails, and the Nu
HTML Checker run with its exit code and output both checked.

Locally a missing tool skips the browser checks (and says why at the end of the run). With `CI`
set it fails them: a green CI run must mean the pages were checked, not that nothing was there to
check them. `MIZAN_CHROMIUM` and `MIZAN_NODE_MODULES` point elsewhere than /usr/bin/chromium and
./node_modules (a browser of one's own, or an empty folder to see the CI failure).
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
# vnu.jar exits 0 when it found no error, 1 when it reported some; anything else, or an output
# that is not its JSON report, means it did not check the files (a missing or broken jar, no
# Java, an option it does not know). Java's own launcher also exits 1 ("Unable to access
# jarfile"), so a 1 counts only with errors in the report.
VNU_NO_ERRORS, VNU_ERRORS_FOUND = 0, 1
VNU_ERROR_TYPES = ("error", "non-document-error")


class VnuFailed(RuntimeError):
    """The Nu HTML Checker did not run to the end: its silence says nothing about the HTML."""


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def chromium_path() -> Path:
    return Path(os.environ.get("MIZAN_CHROMIUM", "/usr/bin/chromium"))


def node_modules() -> Path:
    return Path(os.environ.get("MIZAN_NODE_MODULES", ROOT / "node_modules"))


def axe_script() -> Path:
    return node_modules() / "axe-core" / "axe.min.js"


def vnu_jar() -> Path:
    return node_modules() / "vnu-jar" / "build" / "dist" / "vnu.jar"


def missing_tools() -> str | None:
    """What the browser tests cannot run without, or None when all is there."""
    chromium = chromium_path()
    if not chromium.exists():
        return f"Chromium not found at {chromium}: run scripts/browser-deps.sh (apt-get chromium)"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "the playwright Python package is not installed (requirements-dev.txt)"
    if not axe_script().exists():
        return f"{axe_script()} is missing: run scripts/browser-deps.sh (npm ci)"
    return None


def require(reason: str | None, report: dict[str, Any]) -> None:
    """Skip for `reason` locally (noted in `report`); fail under CI."""
    if reason is None:
        return
    if in_ci():
        pytest.fail(f"{reason} (CI is set: the browser checks must run, not skip)", pytrace=False)
    report["skipped"] = reason
    pytest.skip(reason)


def run_vnu(files: list[Path], java: str, jar: Path) -> list[dict[str, Any]]:
    """The checker's errors for `files`; VnuFailed when it did not check them."""
    completed = subprocess.run(
        [java, "-jar", str(jar), "--errors-only", "--format", "json", "--stdout"]
        + [str(f) for f in files],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

    def failed(why: str) -> VnuFailed:
        return VnuFailed(
            f"{why} (exit code {completed.returncode}): "
            f"stdout {completed.stdout[-500:]!r}, stderr {completed.stderr[-1000:]!r}"
        )

    if completed.returncode not in (VNU_NO_ERRORS, VNU_ERRORS_FOUND):
        raise failed("vnu.jar failed")
    try:
        report = json.loads(completed.stdout)
        messages = report["messages"]
    except (ValueError, KeyError, TypeError):
        raise failed("vnu.jar wrote no JSON report") from None
    errors = [m for m in messages if m.get("type") in VNU_ERROR_TYPES]
    if (completed.returncode == VNU_ERRORS_FOUND) != bool(errors):
        raise failed("vnu.jar's exit code and report disagree")
    return errors
