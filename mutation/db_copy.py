"""The test database of a mutation run: a copy of one migrated SQLite file per pytest session.

Creating the test database runs every migration (close to a minute on a busy 2-core machine), and
mutmut starts a new pytest session for each mutant, so the set-up would dwarf the tests. The driver
(scripts/mutate.py) migrates a template file once; each session, in its own process, copies it and
removes the copy at the end, so sessions running side by side never share a file.
"""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

TEMPLATE_VARIABLE = "MUTATION_DB_TEMPLATE"


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


@pytest.fixture(scope="session")
def django_db_setup(django_test_environment: None, django_db_blocker) -> Iterator[None]:
    """Point the default database at a private copy of the migrated template."""
    from django.db import connections

    template = Path(os.environ[TEMPLATE_VARIABLE])
    copy = template.with_name(f"session-{os.getpid()}.sqlite3")
    with django_db_blocker.unblock():
        connections.close_all()
        shutil.copyfile(template, copy)
        connections["default"].settings_dict["NAME"] = str(copy)
    yield
    with django_db_blocker.unblock():
        connections.close_all()
    _remove(copy)
