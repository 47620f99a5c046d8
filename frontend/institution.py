"""The organisation page: its units, which the API lists in the order of the structure with
each unit's parent, nested for the template as a tree of lists."""

from __future__ import annotations

from typing import Any

# The units' section is an h2: a top unit's name is an h3, its people's names h4, and so on
# one level down per level of the tree; HTML has no heading below h6.
TOP_UNIT_HEADING = 3


def _heading(level: int) -> str:
    return f"h{min(level, 6)}"


def unit_tree(units: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The top units, each with `children` (the units under it, nested the same way) and the
    heading tags of its name and of its people's names."""
    nodes = {unit["id"]: {**unit, "children": []} for unit in units}
    tops: list[dict[str, Any]] = []
    for unit in units:
        node = nodes[unit["id"]]
        level = TOP_UNIT_HEADING + (unit.get("depth") or 0)
        node["heading"], node["person_heading"] = _heading(level), _heading(level + 1)
        parent = nodes.get(unit.get("parentId"))
        (parent["children"] if parent is not None else tops).append(node)
    return tops


def organisation_context(page: dict[str, Any]) -> dict[str, Any]:
    return {"unit_tree": unit_tree(page.get("units") or [])}
