"""Count the missing paths visitors ask for, without a database write per request.

A miss is added to a `CountBuffer` (cms/count_buffer.py) keyed by (key, path, referrer); the
buffer writes the sums every `COUNTS_FLUSH_SECONDS` with `F()` increments (an upsert), so
concurrent workers add up and never overwrite each other.
"""

from __future__ import annotations

from urllib.parse import unquote

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from cms.count_buffer import CountBuffer
from old_addresses.lookup import lookup_key
from old_addresses.models import (
    MAX_PATH_LENGTH,
    MAX_REFERRER_LENGTH,
    MissingPath,
    MissingReferrer,
)


def _write(item, count: int) -> None:
    key, path, referrer = item
    now = timezone.now()
    with transaction.atomic():
        updated = MissingPath.objects.filter(key=key).update(hits=F("hits") + count, last_seen=now)
        if not updated:
            try:
                with transaction.atomic():
                    MissingPath.objects.create(key=key, path=path, hits=count)
            except IntegrityError:  # another worker created it first
                MissingPath.objects.filter(key=key).update(hits=F("hits") + count, last_seen=now)
        missing_id = MissingPath.objects.filter(key=key).values_list("pk", flat=True).first()
        if missing_id is None:
            return
        updated = MissingReferrer.objects.filter(missing_id=missing_id, referrer=referrer).update(
            hits=F("hits") + count
        )
        if not updated:
            try:
                with transaction.atomic():
                    MissingReferrer.objects.create(
                        missing_id=missing_id, referrer=referrer, hits=count
                    )
            except IntegrityError:
                MissingReferrer.objects.filter(missing_id=missing_id, referrer=referrer).update(
                    hits=F("hits") + count
                )


buffer = CountBuffer("missing paths", _write)


def record_miss(path: str, referrer: str = "") -> bool:
    """Count one request for `path` that found nothing; False when it is not worth keeping."""
    if not path or "\0" in path or len(path) > MAX_PATH_LENGTH:
        return False
    key = lookup_key(path)
    if len(key) > MAX_PATH_LENGTH:
        return False
    shown = unquote(path, errors="replace")[:MAX_PATH_LENGTH]
    buffer.add((key, shown, (referrer or "")[:MAX_REFERRER_LENGTH]))
    return True
