"""Run a module's tests in the order mutation/modules.toml lists their files.

mutmut hands pytest the tests that reach a mutant as an unordered set and stops at the first
failure (`-x`). A module whose list starts with fast, exact tests (a rules file) and ends with
slow whole-site ones (the schema walks, the caching tests) then kills most mutants within
seconds, instead of waiting on a walk that happened to come first. Survivors still run every
listed test, so the verdicts are the same; only the time to reach them changes.
"""

import os

import pytest

ORDER_VARIABLE = "MUTATION_TEST_ORDER"


def _rank(nodeid: str, files: list[str]) -> int:
    path = nodeid.split("::", 1)[0]
    return next((index for index, name in enumerate(files) if path.endswith(name)), len(files))


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    files = [name for name in os.environ.get(ORDER_VARIABLE, "").split(",") if name]
    if files:
        items.sort(key=lambda item: _rank(item.nodeid, files))  # stable: file order kept
