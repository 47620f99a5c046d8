"""Reads of regulations per regulation, version and day.

The frontend marks a regulation's page, and each version's citation address, with the
`regulation_view` event; the page cache middleware runs `count_view` each time such a page is
served, rendered or stored (cms/page_cache.py), which adds one to a buffer in memory
(cms/count_buffer.py). The buffer writes its sums every COUNTS_FLUSH_SECONDS with atomic F()
increments: no database write in the visitor's request, no read-modify-write in Python.
"""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from cms.count_buffer import CountBuffer
from regulations.models import RegulationDailyStats, RegulationPage

# Version 0 is the regulation's own page; n the citation address of its version n.
PAGE = 0


def _write(key: tuple[int, int, datetime.date], count: int) -> None:
    page_id, version, day = key
    rows = RegulationDailyStats.objects.filter(regulation_id=page_id, version=version, day=day)
    if rows.update(views=F("views") + count):
        return
    if not RegulationPage.objects.filter(pk=page_id).exists():
        return  # the regulation was deleted since: nothing to count against
    try:
        with transaction.atomic():
            RegulationDailyStats.objects.create(
                regulation_id=page_id, version=version, day=day, views=count
            )
    except IntegrityError:  # another worker created the row first
        rows.update(views=F("views") + count)


view_buffer = CountBuffer("regulation views", _write)


def count_view(request: object, page_id: int | str, version: int | str = PAGE) -> None:
    """One read of a regulation's page (version 0) or of one version's citation address."""
    try:
        page_id, version = int(page_id), int(version)
    except (TypeError, ValueError):
        return  # the frontend sends ids it read from the API: anything else is not a read
    if page_id <= 0 or not 0 <= version <= 32767:
        return  # 0: a preview never saved (cms.graphql.visibility.UNSAVED_PREVIEW_ID)
    view_buffer.add((page_id, version, timezone.localdate()))


def views(page_id: int, version: int | None = None) -> int:
    """Every read counted of this regulation page (of one version's address when given)."""
    rows = RegulationDailyStats.objects.filter(regulation_id=page_id)
    if version is not None:
        rows = rows.filter(version=version)
    return sum(rows.values_list("views", flat=True))
