"""Per-key usage (requests, 4xx, 429 per day) counted without a database write per request.

Counts go through a `CountBuffer` (cms/count_buffer.py): summed in memory and written every
`COUNTS_FLUSH_SECONDS` as one upsert per key, day and column. The admin lists the rows under
Settings > API key usage.
"""

from __future__ import annotations

import datetime
from collections.abc import Hashable

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from cms.count_buffer import CountBuffer
from cms.models import ApiKeyUsage

REQUESTS, CLIENT_ERRORS, RATE_LIMITED = "requests", "client_errors", "rate_limited"


def _write(key: Hashable, count: int) -> None:
    api_key_id, day, column = key  # type: ignore[misc]
    increment = {column: F(column) + count}
    if ApiKeyUsage.objects.filter(api_key_id=api_key_id, day=day).update(**increment):
        return
    try:
        with transaction.atomic():
            ApiKeyUsage.objects.create(api_key_id=api_key_id, day=day, **{column: count})
    except IntegrityError:  # another worker created the row first
        ApiKeyUsage.objects.filter(api_key_id=api_key_id, day=day).update(**increment)


usage_buffer = CountBuffer("API key usage", _write)


def record(api_key_id: int, status: int) -> None:
    """Count one answer to a keyed request."""
    day: datetime.date = timezone.localdate()  # Riyadh's day, as every other daily count
    usage_buffer.add((api_key_id, day, REQUESTS))
    if status == 429:
        usage_buffer.add((api_key_id, day, RATE_LIMITED))
    elif 400 <= status < 500:
        usage_buffer.add((api_key_id, day, CLIENT_ERRORS))
