"""Reads of regulations per regulation, version and day.

The frontend marks a regulation's page, and each version's citation address, with the
`regulation_view` event; `count_view` adds it to the shared daily page views counter
(cms/page_views.py: a buffer in memory, written in batches with atomic F() increments).
"""

from __future__ import annotations

from cms.page_views import DailyPageViews, page_id_of
from regulations.models import RegulationDailyStats

# Version 0 is the regulation's own page; n the citation address of its version n.
PAGE = 0
MAX_VERSION = 32767  # the column is a PositiveSmallIntegerField

regulation_views = DailyPageViews(
    "regulation views", RegulationDailyStats, "regulation", keys=("version",)
)
view_buffer = regulation_views.buffer


def count_view(request: object, page_id: int | str, version: int | str = PAGE) -> None:
    """One read of a regulation's page (version 0) or of one version's citation address."""
    found = page_id_of(page_id)
    try:
        version = int(version)
    except (TypeError, ValueError):
        return  # the frontend sends numbers it read from the API: anything else is not a read
    if found is None or not PAGE <= version <= MAX_VERSION:
        return
    regulation_views.add(found, version)


def views(page_id: int, version: int | None = None) -> int:
    """Every read counted of this regulation page (of one version's address when given)."""
    if version is None:
        return regulation_views.total(page_id)
    return regulation_views.total(page_id, version=version)
