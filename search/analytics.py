"""Anonymous query counts: Wagtail's daily hits (search promotions) and our per-language rows."""

from __future__ import annotations

import logging
import re

from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query

from search.models import SearchQueryDay
from search.normalize import words

logger = logging.getLogger("mizan.search")

MAX_LOGGED_CHARS = 200
_EMAIL = re.compile(r"\S+@\S+")
_LONG_NUMBER = re.compile(r"\d{6,}")  # identity, phone and account numbers; codes have <= 5


def loggable_query(query: str) -> str:
    """The query as counted: e-mail addresses and long numbers masked, then normalised words."""
    masked = _LONG_NUMBER.sub(" # ", _EMAIL.sub(" @ ", query))
    parts: list[str] = []
    for chunk in masked.split():
        parts.extend([chunk] if chunk in {"#", "@"} else words(chunk))
    return " ".join(parts)[:MAX_LOGGED_CHARS].strip()


def _count_day(language_code: str, query: str, found_nothing: bool) -> None:
    today = timezone.localdate()
    increments = {"searches": F("searches") + 1}
    if found_nothing:
        increments["zero_results"] = F("zero_results") + 1
    rows = SearchQueryDay.objects.filter(language_code=language_code, query=query, date=today)
    if rows.update(**increments):
        return
    try:
        with transaction.atomic():
            SearchQueryDay.objects.create(
                language_code=language_code,
                query=query,
                date=today,
                searches=1,
                zero_results=int(found_nothing),
            )
    except IntegrityError:
        rows.update(**increments)  # another request created the row first


def record_search(query: str, language_code: str, total: int) -> None:
    """Count one search; never lets a counting failure break the search itself.

    Both counts share one transaction, so a search costs one commit, and on PostgreSQL that
    commit does not wait for the disk: these are statistics, and a crash may lose the last
    moment's counts, but a visitor should not wait for a WAL flush to get results.
    """
    logged = loggable_query(query)
    if not logged:
        return
    counts = (
        ("Could not count a search query", lambda: _count_day(language_code, logged, total == 0)),
        ("Could not add a daily hit for a search query", lambda: Query.get(logged).add_hit()),
    )
    try:
        owns_transaction = not connection.in_atomic_block
        with transaction.atomic():
            if owns_transaction and connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL synchronous_commit TO OFF")
            for message, count in counts:
                try:
                    with transaction.atomic():  # a failure undoes this count only
                        count()
                except Exception:
                    logger.exception(message)
    except Exception:
        logger.exception("Could not count a search query")
