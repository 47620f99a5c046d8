"""Views of a kind of page per page and day: regulations, consultations, procurement notices.

The frontend marks such a page with a serve event (`regulation_view`, `consultation_view`,
`notice_view`); the page cache middleware runs the app's handler each time the page is served,
rendered or stored (cms/page_cache.py), which adds one to a buffer in memory
(cms/count_buffer.py). The buffer writes its sums every COUNTS_FLUSH_SECONDS with atomic F()
increments: no database write in the visitor's request, no read-modify-write in Python. These
rows are visitors' writes: they are not content and never move the content generation.

Each app keeps its own table (one row per page, day and any further key such as a regulation's
version, with a unique constraint over them) and describes it with a `DailyPageViews`.
"""

from __future__ import annotations

import datetime
from collections.abc import Hashable

from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone

from cms.count_buffer import CountBuffer


def page_id_of(value: object) -> int | None:
    """The page id a serve event carries, or None when it is not one: the frontend sends ids it
    read from the API, and 0 is a preview never saved (cms.graphql.visibility's
    UNSAVED_PREVIEW_ID), which nobody can read again."""
    try:
        page_id = int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return page_id if page_id > 0 else None


class DailyPageViews:
    """The views of one page type per page and day, counted through a buffer.

    `model` has a ForeignKey `page_field` to the page, a DateField `day`, the counter `counter`
    and the further key fields `keys` (e.g. a version), unique together with the page and day.
    """

    def __init__(
        self,
        name: str,
        model: type[models.Model],
        page_field: str,
        *,
        counter: str = "views",
        keys: tuple[str, ...] = (),
    ) -> None:
        self.model = model
        self.page_field = page_field
        self.counter = counter
        self.keys = keys
        self.buffer = CountBuffer(name, self._write)

    def add(self, page_id: int, *keys: Hashable) -> None:
        """One view of the page (with its further keys, in the order of `keys`) today."""
        if len(keys) != len(self.keys):
            raise TypeError(f"expected the keys {self.keys}, got {keys!r}")
        self.buffer.add((page_id, *keys, timezone.localdate()))

    def count_served(self, request: object, page_id: object) -> None:
        """The serve handler of a page type counted by page alone (cms.page_cache)."""
        found = page_id_of(page_id)
        if found is not None:
            self.add(found)

    def _key_fields(self, page_id: int, keys: tuple, day: datetime.date) -> dict[str, object]:
        return {
            f"{self.page_field}_id": page_id,
            "day": day,
            **dict(zip(self.keys, keys, strict=True)),
        }

    def _write(self, key: tuple, count: int) -> None:
        page_id, *keys, day = key
        fields = self._key_fields(page_id, tuple(keys), day)
        rows = self.model.objects.filter(**fields)
        if rows.update(**{self.counter: F(self.counter) + count}):
            return
        page_model = self.model._meta.get_field(self.page_field).related_model
        if not page_model.objects.filter(pk=page_id).exists():
            return  # the page was deleted since: nothing to count against
        try:
            with transaction.atomic():
                self.model.objects.create(**fields, **{self.counter: count})
        except IntegrityError:  # another worker created the row first
            rows.update(**{self.counter: F(self.counter) + count})

    def total(self, page_id: int, **keys: object) -> int:
        """Every view counted of this page (of these further keys when given)."""
        rows = self.model.objects.filter(**{f"{self.page_field}_id": page_id}, **keys)
        return sum(rows.values_list(self.counter, flat=True))
