"""Anonymous query counts: Wagtail's daily hits (search promotions) and our per-language rows."""

from __future__ import annotations

import datetime
import logging
import re

from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

from cms.count_buffer import CountBuffer
from search.models import SearchQueryDay
from search.normalize import query_terms, words

logger = logging.getLogger("mizan.search")

MAX_LOGGED_CHARS = 200
_EMAIL = re.compile(r"\S+@\S+")
_LONG_NUMBER = re.compile(r"\d{6,}")  # identity, phone and account numbers; codes have <= 5


def _masked(query: str) -> str:
    return _LONG_NUMBER.sub(" # ", _EMAIL.sub(" @ ", query))


def loggable_query(query: str) -> str:
    """The query as counted: e-mail addresses and long numbers masked, then normalised words."""
    parts: list[str] = []
    for chunk in _masked(query).split():
        parts.extend([chunk] if chunk in {"#", "@"} else words(chunk))
    return " ".join(parts)[:MAX_LOGGED_CHARS].strip()


def typed_query(query: str) -> str:
    """The query as the visitor typed it, for the editors' report: masked the same way, spaces
    collapsed, but spelled as typed (the normalised form reads "الهويه" for "الهوية")."""
    return " ".join(_masked(query).split())[:MAX_LOGGED_CHARS].strip()


def _count_day(
    language_code: str, query: str, typed: str, found_nothing: bool, day: datetime.date, count: int
) -> None:
    # Spellings that normalise alike share a row; it shows the latest one typed.
    increments = {"searches": F("searches") + count, "typed": typed}
    if found_nothing:
        increments["zero_results"] = F("zero_results") + count
    rows = SearchQueryDay.objects.filter(language_code=language_code, query=query, date=day)
    if rows.update(**increments):
        return
    try:
        with transaction.atomic():
            SearchQueryDay.objects.create(
                language_code=language_code,
                query=query,
                typed=typed,
                date=day,
                searches=count,
                zero_results=count if found_nothing else 0,
            )
    except IntegrityError:
        rows.update(**increments)  # another request created the row first


def _add_daily_hits(query: str, day: datetime.date, count: int) -> None:
    """Wagtail's daily hits for the promotions report (its Query.add_hit, by `count`)."""
    hits, _created = QueryDailyHits.objects.get_or_create(query=Query.get(query), date=day)
    hits.hits = F("hits") + count
    hits.save(update_fields=["hits"])


def _write_counts(key: tuple[str, str, str, bool, datetime.date], count: int) -> None:
    """Both counts of a batch in one transaction: one commit, and on PostgreSQL a commit that
    does not wait for the disk (statistics: a crash may lose the last moment's counts)."""
    language_code, query, typed, found_nothing, day = key
    counts = (
        (
            "Could not count a search query",
            _count_day,
            (language_code, query, typed, found_nothing),
        ),
        ("Could not add a daily hit for a search query", _add_daily_hits, (query,)),
    )
    owns_transaction = not connection.in_atomic_block
    with transaction.atomic():
        if owns_transaction and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
        for message, write, arguments in counts:
            try:
                with transaction.atomic():  # a failure undoes this count only
                    write(*arguments, day, count)
            except Exception:
                logger.exception(message)


# Searches are summed in memory and written in batches (cms/count_buffer.py), so a visitor's
# search does not wait for a database write.
search_counts = CountBuffer("search counts", _write_counts)


def record_search(query: str, language_code: str, total: int) -> None:
    """Count one search; never lets a counting failure break the search itself."""
    logged = loggable_query(query)
    if logged:
        typed = typed_query(query)
        search_counts.add((language_code, logged, typed, total == 0, timezone.localdate()))


def count_served_search(request, query: str, language: str, total: int) -> None:
    """Serve handler: a results page was served, rendered or stored (cms.page_cache). Counted
    as `search.service.search` counts: only a query with words to search for."""
    if query_terms(query):
        record_search(query, language, total)
