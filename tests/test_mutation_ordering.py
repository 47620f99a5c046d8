"""`make mutate` runs a module's tests in the order mutation/modules.toml lists their files."""

from __future__ import annotations

from types import SimpleNamespace

from mutation import ordering


def test_items_follow_the_listed_file_order_and_keep_their_own(monkeypatch):
    items = [
        SimpleNamespace(nodeid=nodeid)
        for nodeid in (
            "tests/test_walk.py::test_a",
            "tests/test_other.py::test_z",
            "tests/test_rules.py::test_b",
            "tests/test_walk.py::test_c",
            "tests/test_rules.py::test_a",
        )
    ]
    monkeypatch.setenv(ordering.ORDER_VARIABLE, "tests/test_rules.py,tests/test_walk.py")
    ordering.pytest_collection_modifyitems(items)
    assert [item.nodeid for item in items] == [
        "tests/test_rules.py::test_b",
        "tests/test_rules.py::test_a",
        "tests/test_walk.py::test_a",
        "tests/test_walk.py::test_c",
        "tests/test_other.py::test_z",  # not listed: last
    ]


def test_without_a_listed_order_nothing_moves(monkeypatch):
    items = [SimpleNamespace(nodeid=f"tests/test_{name}.py::t") for name in "cab"]
    monkeypatch.delenv(ordering.ORDER_VARIABLE, raising=False)
    ordering.pytest_collection_modifyitems(items)
    assert [item.nodeid for item in items] == [f"tests/test_{name}.py::t" for name in "cab"]
