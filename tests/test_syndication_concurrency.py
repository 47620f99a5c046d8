"""The change feed under concurrent writers, on PostgreSQL (syndication/recording.py's "Order").

Two threads, each with its own database connection, publish and unpublish pages at the same
time. Each feed entry is held uncommitted for a few milliseconds after its insert (a slow
webhook outbox, a busy disk), the window in which, without the advisory lock, a later sequence
would commit first. Meanwhile one reader takes snapshots of the table and another pages
`changes(after:)` as a partner does. The feed is right when every snapshot is a prefix of the
final feed (sequences become visible in commit order) and the partner's pages hold every entry
exactly once.

SQLite has one writer at a time, so the lock and this test are PostgreSQL's only: run it with
DATABASE_URL=postgres://... (docs/operations.md).
"""

from __future__ import annotations

import random
import threading
import time

import pytest
from django.conf import settings
from django.db import connection
from django.db.models.signals import post_save
from wagtail.models import Page

from cms.graphql.execute import execute_document
from site_pages.models import StandardPage
from site_pages.testing import add_page
from syndication.models import ChangeEntry

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="the feed's advisory lock is PostgreSQL's (SQLite lets one writer at a time): "
        "set DATABASE_URL to a PostgreSQL database to run it",
    ),
    pytest.mark.django_db(transaction=True),
]

WRITERS = 2
PAGES_PER_WRITER = 12
FEED = """query($after: String) {
  changes(after: $after, first: 3) {
    items { sequence action pageId }
    pageInfo { hasNextPage endCursor }
  }
}"""


@pytest.fixture
def slow_feed_commits():
    """Each feed insert waits 10-40 ms before its transaction goes on to commit."""

    def linger(sender, created=False, **kwargs):
        if created:
            time.sleep(random.uniform(0.01, 0.04))

    post_save.connect(linger, sender=ChangeEntry, dispatch_uid="test-slow-feed-commit")
    yield
    post_save.disconnect(sender=ChangeEntry, dispatch_uid="test-slow-feed-commit")


def _in_thread(work, errors: list[BaseException]):
    def run():
        try:
            work()
        except BaseException as error:  # reported by the test, not lost in the thread
            errors.append(error)
        finally:
            connection.close()  # this thread's own connection

    return threading.Thread(target=run, daemon=True)


def test_concurrent_publishes_become_visible_in_sequence_order_and_paging_skips_none(
    home_ar, slow_feed_commits
):
    pages = {
        writer: [
            add_page(
                home_ar, StandardPage(title=f"w{writer}-{n}", slug=f"w{writer}-{n}"), publish=False
            )
            for n in range(PAGES_PER_WRITER)
        ]
        for writer in range(WRITERS)
    }
    before = list(ChangeEntry.objects.values_list("sequence", flat=True))
    start = threading.Barrier(WRITERS + 2)
    writing = threading.Event()
    writing.set()
    errors: list[BaseException] = []
    snapshots: list[list[int]] = []
    paged: list[dict] = []

    def write(writer: int):
        def work():
            start.wait()
            for number, page in enumerate(pages[writer]):
                StandardPage.objects.get(pk=page.pk).save_revision().publish()
                if number % 2:
                    Page.objects.get(pk=page.pk).unpublish()

        return work

    def snapshot():
        start.wait()
        while writing.is_set():
            snapshots.append(list(ChangeEntry.objects.values_list("sequence", flat=True)))

    def page_the_feed():
        start.wait()
        after, done = None, False
        while True:
            finished = not writing.is_set()  # read before the request: no entry after this one
            answer = execute_document(FEED, {"after": after})
            assert not answer.errors, answer.errors
            connection_page = answer.data["changes"]
            paged.extend(connection_page["items"])
            after = connection_page["pageInfo"]["endCursor"] or after
            if connection_page["pageInfo"]["hasNextPage"]:
                continue
            if done:
                return
            done = finished  # one more full pass after the writers are through

    writers = [_in_thread(write(w), errors) for w in range(WRITERS)]
    readers = [_in_thread(snapshot, errors), _in_thread(page_the_feed, errors)]
    for thread in writers + readers:
        thread.start()
    for thread in writers:
        thread.join(timeout=120)
    writing.clear()
    for thread in readers:
        thread.join(timeout=60)
    assert not errors, errors
    assert not any(thread.is_alive() for thread in writers + readers)

    final = list(ChangeEntry.objects.order_by("sequence").values_list("sequence", flat=True))
    new = final[len(before) :]
    assert len(new) == WRITERS * (PAGES_PER_WRITER + PAGES_PER_WRITER // 2)
    # Nothing rolled back: the sequences are gapless, so any hole in a snapshot is a later
    # sequence seen committed before an earlier one.
    assert new == list(range(new[0], new[0] + len(new)))
    assert len(snapshots) > 10, "the reader must have looked while the writers wrote"
    seen_growing = {len(s) for s in snapshots}
    assert len(seen_growing) > 2, "the snapshots must have caught the feed mid-way"
    for visible in snapshots:
        assert sorted(visible) == final[: len(visible)], "a sequence committed before a lower one"
    # Each writer's own changes are in the order it made them.
    for group in pages.values():
        ids = [page.pk for page in group]
        mine = list(
            ChangeEntry.objects.filter(page_id__in=ids, sequence__gt=max(before))
            .order_by("sequence")
            .values_list("page_id", "action")
        )
        expected = []
        for number, pk in enumerate(ids):
            expected.append((pk, "published"))
            if number % 2:
                expected.append((pk, "unpublished"))
        assert mine == expected
    # The partner paging during the writes got every entry exactly once, in order.
    assert [item["sequence"] for item in paged] == final
