"""Views and search counts are summed in memory and written in batches; a flush loses nothing."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.db.models import Sum
from wagtail.contrib.search_promotions.models import QueryDailyHits

from cms.count_buffer import CountBuffer
from search.analytics import record_search, search_counts
from search.models import SearchQueryDay
from services_catalog.kpi import record_event, view_buffer
from services_catalog.models import ServiceDailyStats
from tests.database_down import run_django_script, this_test_database_url

# A worker that counts with the buffer on and then exits the normal way (gunicorn's graceful
# stop, max-requests): what waits in memory must reach the database.
COUNTING_WORKER = """
import django
django.setup()
from django.conf import settings
settings.COUNTS_FLUSH_SECONDS = 3600
from search.analytics import record_search, search_counts
from services_catalog.kpi import record_event, view_buffer
for _ in range(7):
    record_event("MOF-IND-001", "ar", "view")
for _ in range(3):
    record_search("إعفاء القرض", "ar", total=4)
from services_catalog.models import ServiceDailyStats
print("PENDING", view_buffer.pending, search_counts.pending, ServiceDailyStats.objects.count())
"""


def _views(code: str) -> int:
    rows = ServiceDailyStats.objects.filter(service_code=code)
    return rows.aggregate(n=Sum("views"))["n"] or 0


@pytest.fixture
def buffered(settings):
    settings.COUNTS_FLUSH_SECONDS = 3600
    yield
    view_buffer.flush()
    search_counts.flush()


@pytest.mark.django_db
def test_views_wait_in_memory_until_the_flush(buffered):
    for _ in range(3):
        record_event("MOF-IND-001", "ar", "view")
    record_event("MOF-IND-001", "en", "view")
    assert view_buffer.pending == 4
    assert _views("MOF-IND-001") == 0
    view_buffer.flush()
    assert view_buffer.pending == 0
    assert _views("MOF-IND-001") == 4
    assert ServiceDailyStats.objects.get(service_code="MOF-IND-001", language="ar").views == 3


@pytest.mark.django_db
def test_starts_are_written_at_once_even_with_the_buffer_on(buffered):
    record_event("MOF-IND-004", "ar", "start")
    assert ServiceDailyStats.objects.get(service_code="MOF-IND-004").starts == 1


@pytest.mark.django_db
def test_search_counts_wait_then_land_in_both_reports(buffered):
    for _ in range(3):
        record_search("إعفاء القرض", "ar", total=4)
    record_search("zzzz", "en", total=0)
    assert SearchQueryDay.objects.count() == 0
    search_counts.flush()
    counted = SearchQueryDay.objects.get(language_code="ar")
    assert (counted.searches, counted.zero_results) == (3, 0)
    nothing = SearchQueryDay.objects.get(language_code="en")
    assert (nothing.searches, nothing.zero_results) == (1, 1)
    assert QueryDailyHits.objects.aggregate(n=Sum("hits"))["n"] == 4


def test_a_full_buffer_writes_itself(settings):
    settings.COUNTS_FLUSH_SECONDS = 3600
    written: list[tuple[str, int]] = []
    buffer = CountBuffer("test", lambda key, count: written.append((key, count)))
    for _ in range(CountBuffer.MAX_PENDING):
        buffer.add("k")
    assert written == [("k", CountBuffer.MAX_PENDING)]
    assert buffer.pending == 0


def test_an_old_buffer_writes_itself(settings):
    written: list[tuple[str, int]] = []
    buffer = CountBuffer("test", lambda key, count: written.append((key, count)))
    settings.COUNTS_FLUSH_SECONDS = 3600
    buffer.add("k")
    assert written == []
    settings.COUNTS_FLUSH_SECONDS = 0.000001
    buffer.add("k")
    assert written == [("k", 2)]


def test_counts_are_written_when_the_window_ends_even_if_nothing_else_arrives(settings):
    written: list[tuple[str, int]] = []
    done = threading.Event()

    def write(key, count):
        written.append((key, count))
        done.set()

    buffer = CountBuffer("test", write)
    settings.COUNTS_FLUSH_SECONDS = 0.2
    buffer.add("k")
    buffer.add("k")
    assert written == []
    assert done.wait(5), "nothing was written after the window"
    assert written == [("k", 2)] and buffer.pending == 0


def test_a_failing_writer_costs_the_counts_not_the_request(settings, caplog):
    settings.COUNTS_FLUSH_SECONDS = 3600

    def broken(key, count):
        raise RuntimeError("database is down")

    buffer = CountBuffer("test", broken)
    buffer.add(("x", datetime.date(2026, 1, 1)))
    buffer.flush()  # no exception
    # Which counts were lost, exactly: the log is all an operator has to go on.
    assert "Could not write 1 test for ('x', datetime.date(2026, 1, 1))" in caplog.messages


def test_a_buffer_is_due_the_moment_its_window_ends(settings, monkeypatch):
    """At exactly `COUNTS_FLUSH_SECONDS` after the oldest count, the next count writes them."""
    settings.COUNTS_FLUSH_SECONDS = 3600
    clock = iter([1000.0, 1000.0 + 3599.5, 1000.0 + 3600.0])
    monkeypatch.setattr("cms.count_buffer.time.monotonic", lambda: next(clock))
    monkeypatch.setattr(CountBuffer, "_flush_later", lambda self, window: None)
    written: list[tuple[str, int]] = []
    buffer = CountBuffer("test", lambda key, count: written.append((key, count)))
    buffer.add("k")
    buffer.add("k")
    assert written == []
    buffer.add("k")
    assert written == [("k", 3)]


# Transactional: the worker, in its own process, sees only committed rows, and its rows land in
# the test database for this test to read.
@pytest.mark.django_db(transaction=True)
def test_counts_waiting_in_memory_are_written_when_the_worker_exits():
    worker = run_django_script(COUNTING_WORKER, database_url=this_test_database_url())
    # Before it exited, everything was still in memory.
    assert "PENDING 7 3 0" in worker.stdout, (worker.stdout, worker.stderr[-3000:])
    assert _views("MOF-IND-001") == 7
    counted = SearchQueryDay.objects.get(language_code="ar")
    assert (counted.searches, counted.zero_results) == (3, 0)


def test_the_flush_timer_never_holds_up_a_worker_that_exits(settings):
    """Python waits for every non-daemon thread before it runs the exit handlers: a timer that
    is not a daemon would keep a stopping worker alive for the whole window (an hour here)
    before the exit flush wrote its counts."""
    settings.COUNTS_FLUSH_SECONDS = 3600
    buffer = CountBuffer("timer test", lambda key, count: None)
    buffer.add("x")
    timers = [
        thread
        for thread in threading.enumerate()
        if isinstance(thread, threading.Timer) and thread.function == buffer._flush_from_timer
    ]
    try:
        assert len(timers) == 1
        assert timers[0].daemon is True
    finally:
        for timer in timers:
            timer.cancel()
        buffer.flush()
