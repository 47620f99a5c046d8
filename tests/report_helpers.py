"""What the KPI report tests share: reading a report's CSV export, and a page's English side."""

from __future__ import annotations

import csv
import io

from wagtail.models import Locale, Page


def csv_rows(response) -> list[list[str]]:
    """The rows of a report's streamed CSV export (with its byte-order mark)."""
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body)))


def english(page: Page) -> Page:
    return page.get_translation(Locale.objects.get(language_code="en"))
