"""Run a script in a Django process whose database is at a closed port (a real outage).

The test process keeps its own test database; the script prints one line `ANSWERS<json>`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLOSED_PORT = 1  # nothing listens there: connections are refused at once


def run_with_database_down(script: str) -> dict:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "REDIS_URL", "ELASTICSEARCH_URL")
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="cms.settings.test",
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{CLOSED_PORT}/mizan",
        PYTHONPATH=str(ROOT),
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    line = next(x for x in result.stdout.splitlines() if x.startswith("ANSWERS"))
    return json.loads(line[len("ANSWERS") :])
