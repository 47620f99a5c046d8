"""A real database outage: in a separate Django process, or in this one for a while.

The test process keeps its own test database; a script that reports prints one line
`ANSWERS<json>`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLOSED_PORT = 1  # nothing listens there: connections are refused at once
SERVICE_VARIABLES = ("DATABASE_URL", "REDIS_URL", "ELASTICSEARCH_URL")


def this_test_database_url() -> str:
    """The test database this process uses, as a DATABASE_URL for a process of its own (a
    worker, a server): on `transactional_db`, what the test writes is committed there."""
    from django.db import connection

    database = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{database['NAME']}"
    user = database.get("USER") or ""
    password = f":{database['PASSWORD']}" if database.get("PASSWORD") else ""
    host = database.get("HOST") or "127.0.0.1"
    port = f":{database['PORT']}" if database.get("PORT") else ""
    return f"postgres://{user}{password}@{host}{port}/{database['NAME']}"


def run_django_script(
    script: str, *, database_url: str, without: tuple[str, ...] = ()
) -> subprocess.CompletedProcess:
    """Run `script` under the test settings against `database_url`; fail on a non-zero exit."""
    environment = {key: value for key, value in os.environ.items() if key not in without}
    environment.update(
        DJANGO_SETTINGS_MODULE="cms.settings.test",
        DATABASE_URL=database_url,
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
    return result


def run_with_database_down(script: str) -> dict:
    result = run_django_script(
        script,
        database_url=f"postgres://postgres@127.0.0.1:{CLOSED_PORT}/mizan",
        without=SERVICE_VARIABLES,
    )
    line = next(x for x in result.stdout.splitlines() if x.startswith("ANSWERS"))
    return json.loads(line[len("ANSWERS") :])


@contextmanager
def database_unreachable() -> Iterator[None]:
    """In this process: the default connection points at a database that is not there, so
    every query fails to connect (PostgreSQL: a closed port; SQLite: a file in no folder).
    For tests on `transactional_db` (no test transaction to lose)."""
    from django.db import connection

    settings_dict = connection.settings_dict
    saved = dict(settings_dict)
    kept = None
    if connection.vendor == "postgresql":
        connection.close()
        settings_dict["HOST"], settings_dict["PORT"] = "127.0.0.1", str(CLOSED_PORT)
    else:
        kept, connection.connection = connection.connection, None
        settings_dict["NAME"] = "/nonexistent/mizan-down.sqlite3"
    try:
        yield
    finally:
        settings_dict.update(saved)
        if kept is not None:
            connection.connection = kept
        else:
            connection.close()
