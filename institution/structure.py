"""The organisation's units as a tree: each unit may name, by its code, the unit it belongs to.

Units are blocks of one page's StreamField, so a parent is always a unit of the same page (and,
the codes being synchronised to translations, of the same page in every language). The editor's
rules (`structure_errors`, run when the page is saved) refuse a parent that is not on the page,
the unit itself, a loop and a tree deeper than `MAX_LEVELS`; `in_structure` still places units
that break them (content imported some other way) rather than failing: a unit whose parent is
missing, or that sits in a loop, is put at the top.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

# Minister's office, a deputy ministry, a general directorate, a department: headings h3 to h6.
MAX_LEVELS = 4


def code_of(value: Any) -> str:
    return (value.get("code") or "").strip()


def parent_of(value: Any) -> str:
    return (value.get("parent") or "").strip()


def structure_errors(values: Sequence[Any]) -> dict[int, dict[str, Any]]:
    """The editor's messages by unit index and field ("code" or "parent"); empty when the units
    make a tree."""
    errors: dict[int, dict[str, Any]] = {}
    first_with: dict[str, int] = {}
    for index, value in enumerate(values):
        code = code_of(value)
        if not code:
            continue
        if code in first_with:
            errors.setdefault(index, {})["code"] = _("Another unit on this page has this code.")
        else:
            first_with[code] = index
    for index, value in enumerate(values):
        parent = parent_of(value)
        if not parent:
            continue
        if parent == code_of(value):
            errors.setdefault(index, {})["parent"] = _("A unit cannot belong to itself.")
        elif parent not in first_with:
            errors.setdefault(index, {})["parent"] = _(
                "No unit on this page has the code “%(code)s”: a unit can only belong to a "
                "unit of this page."
            ) % {"code": parent}
    if errors:
        return errors  # loops and depth are only worth checking between known units
    for index, value in enumerate(values):
        seen = {index}
        levels, parent = 1, parent_of(value)
        while parent:
            above = first_with[parent]
            if above in seen:
                errors.setdefault(index, {})["parent"] = _(
                    "This makes a loop: the unit would end up under itself."
                )
                break
            seen.add(above)
            levels += 1
            parent = parent_of(values[above])
        else:
            if levels > MAX_LEVELS:
                errors.setdefault(index, {})["parent"] = _(
                    "This unit would be %(levels)d levels deep; the structure can have at most "
                    "%(max)d."
                ) % {"levels": levels, "max": MAX_LEVELS}
    return errors


@dataclass(frozen=True)
class PlacedUnit:
    child: Any  # the StreamField child: `.id` and `.value`
    parent_id: str | None
    depth: int


def in_structure(children: Sequence[Any]) -> list[PlacedUnit]:
    """The units in the order of the structure: each followed by the units under it, siblings
    in the order the editor gave them, with each unit's parent's block id and its depth."""
    children = list(children)
    by_code: dict[str, int] = {}
    for index, child in enumerate(children):
        by_code.setdefault(code_of(child.value), index)
    by_code.pop("", None)
    under: dict[int, list[int]] = {}
    tops: list[int] = []
    for index, child in enumerate(children):
        parent = by_code.get(parent_of(child.value))
        if parent is None or parent == index:
            tops.append(index)
        else:
            under.setdefault(parent, []).append(index)
    placed: list[PlacedUnit] = []
    done: set[int] = set()

    def place(index: int, parent_id: str | None, depth: int) -> None:
        if index in done:
            return
        done.add(index)
        placed.append(PlacedUnit(children[index], parent_id, depth))
        for below in under.get(index, []):
            place(below, children[index].id, depth + 1)

    for index in tops:
        place(index, None, 0)
    # Units in a loop were reached from no top unit: each goes to the top, with what is under it.
    for index in range(len(children)):
        place(index, None, 0)
    return placed
