"""Content that stays current (issue 21, item 2): owners, review-by dates, the overdue report,
"Confirm still correct", the reminders the worker sends, and the dates in GraphQL."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from wagtail.models import Revision

from cms import background
from cms.content_generation import bump_generation
from reviews import status
from reviews.models import ContentReview, ReviewReminder, ReviewStatus, add_months
from services_catalog.testing import make_service
from site_pages.models import StandardPage
from site_pages.testing import add_page, make_site_tree

pytestmark = pytest.mark.django_db
pytest_plugins = ["services_catalog.testing"]

REPORT = "/admin/content-reviews/due/"


def set_last_reviewed(page, day: datetime.date):
    """The page as it would be after a review on `day` (as a confirmation writes it)."""
    type(page).objects.filter(pk=page.pk).update(last_reviewed=day)
    page.refresh_from_db()
    status.refresh(page)
    return page


def months_ago(months: int, days: int = 0) -> datetime.date:
    return add_months(timezone.localdate(), -months) + datetime.timedelta(days=days)


@pytest.fixture
def department(django_user_model):
    group = Group.objects.create(name="إدارة الميزانية")
    member = django_user_model.objects.create_user("budget", "budget@mof.example", "pw-1234567")
    member.groups.add(group)
    django_user_model.objects.create_user("other", "other@mof.example", "pw-1234567")
    return group


@pytest.fixture
def pages(db, department):
    home, _ = make_site_tree()
    stale = add_page(
        home,
        StandardPage(title="رسوم الخدمات القديمة", slug="old-fees", review_owner=department),
    )
    fresh = add_page(home, StandardPage(title="صفحة محدثة", slug="fresh", intro="x"))
    set_last_reviewed(stale, months_ago(7))
    return {"stale": stale, "fresh": fresh, "home": home}


def titles_in(response) -> set[str]:
    html = response.content.decode()
    return {title for title in ("رسوم الخدمات القديمة", "صفحة محدثة") if title in html}


def test_a_first_publication_after_midnight_in_riyadh_counts_on_riyadhs_date(pages):
    """21:30 UTC on 6 December is 00:30 on 7 December in Riyadh: the review clock starts on the
    7th, whatever the hour the suite runs at."""
    page = StandardPage.objects.get(pk=pages["fresh"].pk)
    page.last_reviewed = None
    page.first_published_at = datetime.datetime(2026, 12, 6, 21, 30, tzinfo=datetime.UTC)
    assert page.reviewed_on() == datetime.date(2026, 12, 7)


def test_review_by_is_last_review_plus_the_interval(pages):
    row = ReviewStatus.objects.get(page_id=pages["stale"].pk)
    assert row.last_reviewed == months_ago(7)
    assert row.review_by == add_months(months_ago(7), 6)
    assert row.owner.name == "إدارة الميزانية" and row.live
    # Never confirmed: the first publication counts.
    fresh = ReviewStatus.objects.get(page_id=pages["fresh"].pk)
    assert fresh.last_reviewed == timezone.localdate()


def test_a_service_takes_its_categorys_interval(catalogue):
    service, _english = make_service(catalogue, "MOF-IND-701", category="payment-orders")
    row = ReviewStatus.objects.get(page_id=service.pk)
    assert row.review_by == add_months(service.last_reviewed, 6)
    assert row.category_slug == "payment-orders"
    category = service.category
    category.review_interval_months = 3
    category.save()
    row.refresh_from_db()
    assert row.review_by == add_months(service.last_reviewed, 3)


def test_a_page_past_its_review_date_is_in_the_overdue_report(editor_client, pages):
    response = editor_client.get(REPORT, {"state": "overdue"})
    assert response.status_code == 200
    assert titles_in(response) == {"رسوم الخدمات القديمة"}
    assert titles_in(editor_client.get(REPORT, {"state": "all"})) == {
        "رسوم الخدمات القديمة",
        "صفحة محدثة",
    }
    group = Group.objects.get(name="إدارة الميزانية")
    assert titles_in(editor_client.get(REPORT, {"state": "all", "owner": group.pk})) == {
        "رسوم الخدمات القديمة"
    }
    assert titles_in(editor_client.get(REPORT, {"state": "all", "owner": "none"})) == {"صفحة محدثة"}
    assert titles_in(editor_client.get(REPORT, {"state": "all", "language": "en"})) == set()
    # Bad filter values are ignored or refused by the form, never a server error.
    assert editor_client.get(REPORT, {"owner": "<x>", "state": "nope"}).status_code == 200


def test_the_report_exports_csv(editor_client, pages):
    response = editor_client.get(REPORT, {"state": "overdue", "export": "csv"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    assert "رسوم الخدمات القديمة" in body and "إدارة الميزانية" in body
    assert add_months(months_ago(7), 6).isoformat() in body
    assert "صفحة محدثة" not in body


def test_confirm_still_correct_clears_it_without_a_revision(editor_client, pages):
    stale = pages["stale"]
    revisions = Revision.page_revisions.filter(object_id=str(stale.pk)).count()
    url = f"/admin/content-review-confirm/{stale.pk}/"
    page = editor_client.get(url)
    assert page.status_code == 200 and "رسوم الخدمات القديمة" in page.content.decode()
    response = editor_client.post(url, {"next": REPORT})
    assert response.status_code == 302 and response["Location"] == REPORT

    report = editor_client.get(REPORT, {"state": "overdue"}).content.decode()
    assert f"/admin/pages/{stale.pk}/edit/" not in report
    stale.refresh_from_db()
    today = timezone.localdate()
    assert stale.last_reviewed == today
    review = ContentReview.objects.get(page_id=stale.pk)
    assert review.reviewed_by == editor_client.user
    assert review.was_due == add_months(months_ago(7), 6)
    # Not a content edit: no new revision, the latest revision is what it was.
    assert Revision.page_revisions.filter(object_id=str(stale.pk)).count() == revisions
    assert ReviewStatus.objects.get(page_id=stale.pk).review_by == add_months(today, 6)

    # Publishing the older revision again does not move the date back.
    stale.get_latest_revision().publish()
    stale.refresh_from_db()
    assert stale.last_reviewed == today

    # An off-site "next" is not followed.
    response = editor_client.post(url, {"next": "https://evil.example/"})
    assert response["Location"] == f"/admin/pages/{stale.pk}/edit/"


def test_confirm_needs_edit_permission(client, pages, django_user_model):
    user = django_user_model.objects.create_user("reader", "r@example.com", "pw-1234567")
    client.force_login(user)
    response = client.post(f"/admin/content-review-confirm/{pages['stale'].pk}/")
    assert response.status_code in (302, 403)
    assert not ContentReview.objects.exists()


def test_graphql_gives_the_dates_with_hijri(pages, gql, settings):
    query = """query($path: String!) { page(path: $path) { ... on ReviewedContent {
        lastReviewed reviewBy reviewOverdue reviewNotice
        reviewByHijri { year month day formatted } } } }"""
    data = gql(query, {"path": "/old-fees/"})["page"]
    due = add_months(months_ago(7), 6)
    assert data["lastReviewed"] == months_ago(7).isoformat()
    assert data["reviewBy"] == due.isoformat()
    assert data["reviewOverdue"] is True and data["reviewNotice"] is False
    assert data["reviewByHijri"]["formatted"].endswith("هـ")
    settings.CONTENT_REVIEW_PUBLIC_NOTICE = True
    fresh = gql(query.replace("page(path", "p: page(path"), {"path": "/old-fees/"})
    assert fresh["p"]["reviewNotice"] is True


def test_dashboard_panel_lists_the_editors_own_groups(client, pages, django_user_model):
    member = django_user_model.objects.get(username="budget")
    member.is_superuser = True
    member.save()
    client.force_login(member)
    html = client.get("/admin/").content.decode()
    assert "رسوم الخدمات القديمة" in html
    other = django_user_model.objects.get(username="other")
    other.is_superuser = True
    other.save()
    client.force_login(other)
    assert "رسوم الخدمات القديمة" not in client.get("/admin/").content.decode()


@pytest.mark.django_db(transaction=True)
def test_the_worker_sends_each_reminder_once(run_worker, department, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    home, _ = make_site_tree()
    due = add_page(home, StandardPage(title="مستحقة اليوم", slug="due", review_owner=department))
    soon = add_page(home, StandardPage(title="خلال أسبوع", slug="soon", review_owner=department))
    set_last_reviewed(due, months_ago(6, days=-1))
    set_last_reviewed(soon, months_ago(6, days=3))
    mail.outbox.clear()

    background.ensure_every_minute()
    run_worker()
    subjects = sorted(message.subject for message in mail.outbox)
    assert len(mail.outbox) == 2, subjects
    assert all(message.to == ["budget@mof.example"] for message in mail.outbox)
    bodies = "\n".join(message.body for message in mail.outbox)
    assert "مستحقة اليوم" in bodies and "خلال أسبوع" in bodies
    assert f"/admin/pages/{due.pk}/edit/" in bodies

    # The next minute's tick (and a second chain) send nothing again.
    DBTaskResult.objects.filter(status=TaskResultStatus.READY).update(run_after=timezone.now())
    run_worker()
    background.every_minute.enqueue()
    run_worker()
    assert len(mail.outbox) == 2
    assert set(ReviewReminder.objects.values_list("kind", flat=True)) == {"week", "due"}
    assert ReviewReminder.objects.get(page_id=due.pk).recipients == 1


def test_an_overdue_service_tells_visitors_when_the_ministry_chooses_so(
    client, catalogue, settings, django_capture_on_commit_callbacks
):
    service, english = make_service(catalogue, "MOF-IND-702")
    set_last_reviewed(service, months_ago(7))
    set_last_reviewed(english, months_ago(7))
    notice = {"ar": "حان موعد مراجعة هذه المعلومات", "en": "This information is due for review"}

    def shown(language: str, page) -> bool:
        response = client.get(f"/{language}/services/{page.slug}/")
        assert response.status_code == 200
        return notice[language] in response.content.decode()

    assert not shown("ar", service) and not shown("en", english)
    settings.CONTENT_REVIEW_PUBLIC_NOTICE = True
    # Pages stored before the switch go with the next content change (as documented).
    with django_capture_on_commit_callbacks(execute=True):
        bump_generation()
    assert shown("ar", service) and shown("en", english)
