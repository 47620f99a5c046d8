"""The change feed: what is recorded, in what order, and paging through it (issue 20, item 1)."""

from __future__ import annotations

import base64
import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from services_catalog.models import ServicePage
from services_catalog.testing import make_service
from site_pages.models import StandardPage
from site_pages.testing import add_page
from syndication.models import ChangeAction, ChangeEntry

pytestmark = pytest.mark.django_db
pytest_plugins = ["services_catalog.testing"]

FEED = """query($after: String, $first: Int, $locale: String) {
  changes(after: $after, first: $first, locale: $locale) {
    items { sequence cursor action pageId pageType locale path url serviceCode serviceStatus
            tombstone occurredAt }
    pageInfo { hasNextPage endCursor }
  }
}"""


def actions(page) -> list[str]:
    return list(
        ChangeEntry.objects.filter(page_id=page.pk)
        .order_by("sequence")
        .values_list("action", flat=True)
    )


def standard(parent, slug, publish=True):
    return add_page(parent, StandardPage(title=slug, slug=slug), publish=publish)


def test_a_page_life_is_recorded_in_order(home_ar, home_en):
    page = standard(home_ar, "budget")
    page.title = "Budget, corrected"
    page.save_revision().publish()
    page.unpublish()
    page.save_revision().publish()
    section = standard(home_ar, "section")
    page.move(section, pos="last-child")
    Page.objects.get(pk=page.pk).delete()
    assert actions(page) == [
        "published",
        "republished",
        "unpublished",
        "published",
        "moved",
        "deleted",
    ]
    entries = list(ChangeEntry.objects.filter(page_id=page.pk).order_by("sequence"))
    assert entries[0].path == "/budget/" and entries[0].url == "/ar/budget/"
    assert entries[4].path == "/section/budget/"
    for tomb in (entries[2], entries[5]):
        assert (tomb.path, tomb.url) == ("", "")  # tombstones carry no content
        assert (tomb.page_type, tomb.locale) == ("StandardPage", "ar")
    sequences = [e.sequence for e in ChangeEntry.objects.all()]
    assert sequences == sorted(sequences) and len(set(sequences)) == len(sequences)


def test_moving_a_section_moves_every_public_page_under_it(home_ar):
    section = standard(home_ar, "section")
    child = standard(section, "child")
    draft = standard(section, "draft", publish=False)
    target = standard(home_ar, "target")
    Page.objects.get(pk=section.pk).move(target, pos="last-child")
    assert actions(section)[-1] == actions(child)[-1] == "moved"
    assert (
        ChangeEntry.objects.get(page_id=child.pk, action="moved").path == "/target/section/child/"
    )
    assert actions(draft) == []


def test_a_page_that_was_never_public_never_appears(home_ar, home_en):
    draft = standard(home_ar, "draft", publish=False)
    draft.delete()
    private = standard(home_ar, "private", publish=False)
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    private.save_revision().publish()  # published, but behind a restriction: not public
    private.unpublish()
    private.delete()
    # The English tree's alias of an untranslated Arabic page is a placeholder, never public.
    english_alias = standard(home_ar, "untranslated").copy_for_translation(
        home_en.locale, alias=True
    )
    assert english_alias.alias_of_id is not None
    assert actions(draft) == actions(private) == actions(english_alias) == []


def test_a_view_restriction_takes_the_subtree_out_and_back(home_ar):
    section = standard(home_ar, "section")
    child = standard(section, "child")
    restriction = PageViewRestriction.objects.create(
        page=section, restriction_type="password", password="x"
    )
    assert actions(child) == ["published", "unpublished"]
    restriction.delete()
    assert actions(child) == ["published", "unpublished", "published"]
    # Deleting a private page does not flash it into the feed as public on the way out.
    PageViewRestriction.objects.create(page=section, restriction_type="password", password="x")
    Page.objects.get(pk=section.pk).delete()
    assert actions(child) == ["published", "unpublished", "published", "unpublished"]


def test_expiry_by_the_scheduler_is_recorded_as_expired(home_ar):
    page = standard(home_ar, "offer")
    Page.objects.filter(pk=page.pk).update(expire_at=timezone.now() - datetime.timedelta(minutes=1))
    call_command("publish_scheduled")
    assert actions(page) == ["published", "expired"]


def test_a_service_status_change_and_its_code(catalogue):
    service, english = make_service(catalogue, "MOF-FED-001")
    service.status = "suspended"
    service.status_note = "متوقفة مؤقتاً للصيانة"
    service.save_revision().publish()
    service.title = service.title + " (مصحح)"
    service.save_revision().publish()
    assert actions(service) == ["published", "status_changed", "republished"]
    entry = ChangeEntry.objects.filter(page_id=service.pk).order_by("sequence")[1]
    assert (entry.service_code, entry.service_status, entry.page_type) == (
        "MOF-FED-001",
        "suspended",
        "ServicePage",
    )
    assert ChangeEntry.objects.get(page_id=english.pk).locale == "en"
    ServicePage.objects.get(pk=service.pk).unpublish()
    assert ChangeEntry.objects.filter(page_id=service.pk).last().service_code == "MOF-FED-001"


def test_the_api_shows_ids_only_for_what_is_no_longer_public(gql, home_ar):
    kept = standard(home_ar, "kept")
    gone = standard(home_ar, "secret-gone")
    gone.unpublish()
    items = gql(FEED)["changes"]["items"]
    by_page = [(i["pageId"], i["action"], i["path"], i["tombstone"]) for i in items]
    assert (str(kept.pk), "PUBLISHED", "/kept/", False) in by_page
    assert (str(gone.pk), "PUBLISHED", None, False) in by_page  # not public now: no path
    assert (str(gone.pk), "UNPUBLISHED", None, True) in by_page
    assert "secret" not in str(items)


def test_the_locale_filter_and_bad_arguments(gql, client, home_ar, home_en):
    standard(home_en, "english-only")
    english = gql(FEED, {"locale": "en"})["changes"]["items"]
    assert {i["locale"] for i in english} == {"en"}
    both = gql(FEED)["changes"]["items"]
    assert {i["locale"] for i in both} == {"ar", "en"}
    for variables, code in (
        ({"after": "bm90LWEtY3Vyc29y"}, "BAD_CURSOR"),
        ({"after": base64.b64encode(b"service:3").decode()}, "BAD_CURSOR"),
        ({"first": 101}, "BAD_USER_INPUT"),
        ({"first": -1}, "BAD_USER_INPUT"),
        ({"locale": "fr"}, "UNKNOWN_LOCALE"),
    ):
        answer = gql.post(FEED, variables).json()
        assert answer["errors"][0]["extensions"]["code"] == code, (variables, answer)


def _generate_week(count: int) -> list[int]:
    """A week of changes written straight into the feed (the paging is under test, not the
    recording): a mix of actions over 500 pages in both languages."""
    start = timezone.now() - datetime.timedelta(days=7)
    kinds = [a for a in ChangeAction.values]
    rows = [
        ChangeEntry(
            action=kinds[n % len(kinds)],
            page_id=100_000 + n % 500,
            page_type="ServicePage",
            locale=("ar", "en")[n % 2],
            service_code=f"MOF-GEN-{n % 500:03d}",
            occurred_at=start + datetime.timedelta(seconds=60 * n),
        )
        for n in range(count)
    ]
    ChangeEntry.objects.bulk_create(rows, batch_size=2000)
    return list(ChangeEntry.objects.order_by("sequence").values_list("sequence", flat=True))


def test_a_week_offline_catches_up_exactly_with_constant_queries_per_page(gql, answers_not_stored):
    expected = _generate_week(10_000)
    seen: list[int] = []
    query_counts: set[int] = set()
    after = None
    while True:
        with CaptureQueriesContext(connection) as captured:
            page = gql(FEED, {"after": after, "first": 100})["changes"]
        query_counts.add(len(captured))
        seen += [item["sequence"] for item in page["items"]]
        after = page["pageInfo"]["endCursor"]
        if not page["pageInfo"]["hasNextPage"]:
            break
    assert seen == expected  # nothing missed, nothing twice, in order
    assert len(query_counts) == 1, query_counts  # page 1 costs what page 100 costs
    sql = " ".join(q["sql"] for q in captured.captured_queries).upper()
    assert "OFFSET" not in sql
    # Caught up: asking again from the last cursor gives nothing, and keeps the cursor.
    tail = gql(FEED, {"after": after})["changes"]
    assert tail["items"] == [] and tail["pageInfo"]["endCursor"] == after
    # A change made after the catch-up is the next thing the partner reads.
    ChangeEntry.objects.create(action="published", page_id=1, page_type="StandardPage", locale="ar")
    assert [i["action"] for i in gql(FEED, {"after": after})["changes"]["items"]] == ["PUBLISHED"]


def test_the_baseline_records_what_is_public_once(home_ar):
    page = standard(home_ar, "older")
    standard(home_ar, "draft", publish=False)
    ChangeEntry.objects.all().delete()  # content from before the feed existed
    call_command("changes_baseline")
    recorded = set(ChangeEntry.objects.values_list("page_id", flat=True))
    assert page.pk in recorded and home_ar.pk in recorded
    assert ChangeEntry.objects.filter(action="published").count() == len(recorded)
    call_command("changes_baseline")
    assert ChangeEntry.objects.count() == len(recorded)
    page.unpublish()
    assert actions(page) == ["published", "unpublished"]


class FeedWriteFailed(Exception):
    pass


@pytest.fixture
def failing_feed_write():
    """Every feed entry save raises, as a database failing at that moment would."""
    from django.db.models.signals import pre_save

    def fail(sender, **kwargs):
        raise FeedWriteFailed

    pre_save.connect(fail, sender=ChangeEntry, dispatch_uid="test-failing-feed")
    yield
    pre_save.disconnect(sender=ChangeEntry, dispatch_uid="test-failing-feed")


def test_a_publish_whose_feed_write_fails_is_rolled_back(home_ar, failing_feed_write):
    page = standard(home_ar, "budget", publish=False)
    with pytest.raises(FeedWriteFailed):
        page.save_revision().publish()
    page = Page.objects.get(pk=page.pk)
    assert not page.live and page.live_revision_id is None and page.first_published_at is None


def test_an_unpublish_or_move_whose_feed_write_fails_is_rolled_back(home_ar):
    page = standard(home_ar, "budget")
    section = standard(home_ar, "section")
    from django.db.models.signals import pre_save

    def fail(sender, **kwargs):
        raise FeedWriteFailed

    pre_save.connect(fail, sender=ChangeEntry, dispatch_uid="test-failing-feed")
    try:
        with pytest.raises(FeedWriteFailed):
            Page.objects.get(pk=page.pk).unpublish()
        assert Page.objects.get(pk=page.pk).live
        with pytest.raises(FeedWriteFailed):
            Page.objects.get(pk=page.pk).move(section, pos="last-child")
        assert Page.objects.get(pk=page.pk).url_path.endswith("/budget/")
        assert not Page.objects.get(pk=page.pk).url_path.endswith("/section/budget/")
    finally:
        pre_save.disconnect(sender=ChangeEntry, dispatch_uid="test-failing-feed")
    assert actions(page) == ["published"]


def test_a_view_restriction_whose_feed_write_fails_is_rolled_back(home_ar, monkeypatch):
    """Setting or removing a restriction commits with the feed entries it causes, or not at all
    (before, the restriction was committed first and a failed feed write lost the entries)."""
    from syndication import delivery

    section = standard(home_ar, "section")
    child = standard(section, "child")
    hidden = standard(home_ar, "hidden")
    kept = PageViewRestriction.objects.create(
        page=hidden, restriction_type="password", password="x"
    )

    def fail(entries):
        raise FeedWriteFailed  # the webhook outbox, written with the entries, cannot be written

    with monkeypatch.context() as patched:
        patched.setattr(delivery, "queue_deliveries", fail)
        with pytest.raises(FeedWriteFailed):
            PageViewRestriction.objects.create(
                page=section, restriction_type="password", password="x"
            )
        # Not private while the feed still says public.
        assert not PageViewRestriction.objects.filter(page=section).exists()
        with pytest.raises(FeedWriteFailed):
            PageViewRestriction.objects.get(pk=kept.pk).delete()
        assert PageViewRestriction.objects.filter(pk=kept.pk).exists()
    assert actions(section) == actions(child) == ["published"]
    assert actions(hidden) == ["published", "unpublished"]
    # With the feed writable again, both changes are recorded with their restriction.
    PageViewRestriction.objects.create(page=section, restriction_type="password", password="x")
    PageViewRestriction.objects.get(pk=kept.pk).delete()
    assert actions(section) == actions(child) == ["published", "unpublished"]
    assert actions(hidden) == ["published", "unpublished", "published"]
