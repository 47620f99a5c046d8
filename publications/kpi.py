"""Downloads of publication files per file and day.

The download route (frontend) marks its redirect with the `publication_download` event; the
page cache middleware runs this handler after the view, which adds one to a buffer in memory
(cms/count_buffer.py). The buffer writes its sums every COUNTS_FLUSH_SECONDS with atomic F()
increments: no database write in the visitor's request, no read-modify-write in Python.
"""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from cms.count_buffer import CountBuffer
from publications.models import PublicationDownloadStats, PublicationFile


def _write(key: tuple[int, datetime.date], count: int) -> None:
    file_id, day = key
    rows = PublicationDownloadStats.objects.filter(file_id=file_id, day=day)
    if rows.update(downloads=F("downloads") + count):
        return
    if not PublicationFile.objects.filter(pk=file_id).exists():
        return  # the file was removed since: nothing to count against
    try:
        with transaction.atomic():
            PublicationDownloadStats.objects.create(file_id=file_id, day=day, downloads=count)
    except IntegrityError:  # another worker created the row first
        rows.update(downloads=F("downloads") + count)


download_buffer = CountBuffer("publication downloads", _write)


def count_download(request: object, file_id: int) -> None:
    download_buffer.add((int(file_id), timezone.localdate()))


def downloads(file_id: int) -> int:
    rows = PublicationDownloadStats.objects.filter(file_id=file_id)
    return sum(rows.values_list("downloads", flat=True))
