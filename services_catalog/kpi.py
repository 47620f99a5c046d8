"""Count views, starts and 'was this useful?' answers per service and day, without losing any.

Each count is one SQL statement, `INSERT ... ON CONFLICT DO UPDATE SET n = n + 1`, which SQLite
and PostgreSQL both run atomically: two requests counting at the same moment both land, with no
read-modify-write in Python. Other databases take an update-then-insert path that retries on the
unique constraint.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.db import IntegrityError, connection, transaction
from django.db.models import F, Sum
from django.utils import timezone

from cms.count_buffer import CountBuffer
from services_catalog.models import FeedbackReason, KpiEvent, ServiceDailyStats, ServiceFeedback

COUNTERS = ("views", "starts", "useful_yes", "useful_no")
EVENT_COUNTERS = {KpiEvent.VIEW: "views", KpiEvent.START: "starts"}
COMMENT_MAX_LENGTH = 500
REDACTED = "[…]"
_UPSERT_VENDORS = {"sqlite", "postgresql"}

# What could identify a person in a free-text comment: e-mail addresses, IBANs, long numbers
# (national ID, iqama, phone, account), and handles. Arabic-Indic digits are folded first.
_PERSONAL_DATA = [
    re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
    re.compile(r"\bSA\d{2}[\s-]?(?:[\dA-Z][\s-]?){18,22}\b", re.IGNORECASE),
    re.compile(r"\+?\d[\d\s\-/().]{5,}\d"),
    re.compile(r"(?<!\w)@\w{2,}"),
]
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def increment(
    code: str, language: str, counter: str, day: datetime.date | None = None, by: int = 1
) -> None:
    """Add to a counter of a service's row for the day, creating the row when needed."""
    if counter not in COUNTERS:
        raise ValueError(f"Unknown counter {counter!r}")
    day = day or timezone.localdate()
    if connection.vendor in _UPSERT_VENDORS:
        _upsert(code, language, day, counter, by)
    else:
        _update_or_create(code, language, day, counter, by)


def _upsert(code: str, language: str, day: datetime.date, counter: str, by: int = 1) -> None:
    quote = connection.ops.quote_name
    table = quote(ServiceDailyStats._meta.db_table)
    column = quote(counter)
    others = [quote(name) for name in COUNTERS if name != counter]
    sql = (
        f"INSERT INTO {table} ({quote('service_code')}, {quote('language')}, {quote('day')}, "
        f"{column}, {', '.join(others)}) VALUES (%s, %s, %s, %s{', 0' * len(others)}) "
        f"ON CONFLICT ({quote('service_code')}, {quote('language')}, {quote('day')}) "
        f"DO UPDATE SET {column} = {table}.{column} + %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [code, language, day, by, by])


def _update_or_create(
    code: str, language: str, day: datetime.date, counter: str, by: int = 1
) -> None:
    rows = ServiceDailyStats.objects.filter(service_code=code, language=language, day=day)
    if rows.update(**{counter: F(counter) + by}):
        return
    try:
        with transaction.atomic():
            ServiceDailyStats.objects.create(
                service_code=code, language=language, day=day, **{counter: by}
            )
    except IntegrityError:
        rows.update(**{counter: F(counter) + by})  # another request created the row first


def record_event(code: str, language: str, event: str) -> None:
    counter = EVENT_COUNTERS[KpiEvent(event)]
    if counter == "views":
        view_buffer.add((code, language, timezone.localdate()))
    else:
        increment(code, language, counter)


def _write_views(key: tuple[str, str, datetime.date], count: int) -> None:
    code, language, day = key
    increment(code, language, "views", day=day, by=count)


# Views are the most frequent event: summed in memory, written in batches (cms/count_buffer.py).
view_buffer = CountBuffer("service views", _write_views)


def redact_comment(text: str | None) -> str:
    """Keep what the visitor says about the page, drop what could identify them."""
    cleaned = _CONTROL.sub("", (text or "").translate(_DIGITS)).strip()
    for pattern in _PERSONAL_DATA:
        cleaned = pattern.sub(REDACTED, cleaned)
    return cleaned[:COMMENT_MAX_LENGTH]


def record_feedback(
    code: str, language: str, useful: bool, reason: str = "", comment: str = ""
) -> None:
    """Count the answer; keep the reason and a redacted comment, never who sent them."""
    if reason and reason not in FeedbackReason.values:
        raise ValueError(f"Unknown reason {reason!r}")
    comment = redact_comment(comment)
    with transaction.atomic():
        increment(code, language, "useful_yes" if useful else "useful_no")
        if reason or comment:
            ServiceFeedback.objects.create(
                service_code=code,
                language=language,
                day=timezone.localdate(),
                useful=useful,
                reason=reason,
                comment=comment,
            )


@dataclass(frozen=True)
class Totals:
    views: int = 0
    starts: int = 0
    useful_yes: int = 0
    useful_no: int = 0

    @property
    def answers(self) -> int:
        return self.useful_yes + self.useful_no

    @property
    def satisfaction_rate(self) -> float | None:
        """Share of 'useful' answers, 0 to 1; None when nobody answered."""
        return round(self.useful_yes / self.answers, 4) if self.answers else None

    @property
    def start_rate(self) -> float | None:
        return round(self.starts / self.views, 4) if self.views else None


def period(days: int, today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    """The last `days` days, today included."""
    end = today or timezone.localdate()
    return end - datetime.timedelta(days=days - 1), end


def totals_by_code(codes: list[str], start: datetime.date, end: datetime.date) -> dict[str, Totals]:
    """Sums over every language for each code, in one query."""
    if not codes:
        return {}
    rows = (
        ServiceDailyStats.objects.filter(service_code__in=codes, day__range=(start, end))
        .values("service_code")
        .annotate(**{f"total_{name}": Sum(name) for name in COUNTERS})
    )
    return {
        row["service_code"]: Totals(**{name: row[f"total_{name}"] or 0 for name in COUNTERS})
        for row in rows
    }


def count_view(request: object, code: str, language: str) -> None:
    """A service page was served (rendered or from the page cache): one view."""
    view_buffer.add((code, language, timezone.localdate()))
