"""Reads of consultations: counted per page and day when served, and the admin report with the
comments received, read from the stored comments."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from consultations import kpi
from consultations.models import ConsultationComment, ConsultationDailyStats, ConsultationPage
from tests.report_helpers import csv_rows, english

pytest_plugins = ["consultations.testing", "services_catalog.testing"]

pytestmark = pytest.mark.django_db

REPORT = "/admin/consultation-reports/reads/"


def counted() -> dict[tuple[str, str], int]:
    """(language, slug) -> views, for every row of the day."""
    rows = ConsultationDailyStats.objects.filter(day=timezone.localdate()).select_related(
        "consultation__locale"
    )
    return {
        (row.consultation.locale.language_code, row.consultation.slug): row.views for row in rows
    }


def test_each_serve_of_a_consultation_counts_once(client, consultations):
    for _ in range(3):  # the second and third come from the page cache: they count too
        assert client.get("/en/consultations/open/").status_code == 200
    assert client.get("/ar/consultations/open/").status_code == 200
    assert client.get("/ar/consultations/outcome/").status_code == 200
    assert counted() == {("en", "open"): 3, ("ar", "open"): 1, ("ar", "outcome"): 1}
    assert kpi.consultation_views.total(english(consultations["open"]).pk) == 3


def test_what_is_not_a_read_of_a_consultation_counts_nothing(client, consultations):
    assert client.get("/en/consultations/").status_code == 200  # the list is not a reading
    assert client.get("/en/consultations/nothing-here/").status_code == 404
    # A comment refused (a POST) shows the page again: not a reading either.
    refused = client.post(
        "/en/consultations/open/comment/",
        {"consultation": str(english(consultations["open"]).pk), "comment": "", "website": ""},
    )
    assert refused.status_code == 400
    for bad in ("not-a-number", None, 0, -4):
        kpi.count_view(None, bad)
    assert counted() == {}


def test_a_deleted_consultation_gets_no_row(consultations):
    page_id = consultations["upcoming"].pk
    ConsultationPage.objects.filter(pk=page_id).delete()
    kpi.count_view(None, page_id)
    assert not ConsultationDailyStats.objects.exists()


def test_buffered_reads_are_summed_and_added_to_the_days_row(settings, consultations):
    page_id = consultations["open"].pk
    kpi.count_view(None, page_id)  # written at once (the tests' setting is 0)
    settings.COUNTS_FLUSH_SECONDS = 3600
    for _ in range(4):
        kpi.count_view(None, str(page_id))
    assert kpi.consultation_views.buffer.pending == 4
    assert kpi.consultation_views.total(page_id) == 1
    kpi.consultation_views.buffer.flush()
    assert kpi.consultation_views.total(page_id) == 5
    assert ConsultationDailyStats.objects.filter(consultation_id=page_id).count() == 1


def _comment(page: ConsultationPage, days_ago: int, language: str = "ar") -> None:
    ConsultationComment.objects.create(
        consultation_key=page.translation_key,
        page=page,
        consultation_title=page.title,
        language=language,
        comment="المهلة قصيرة على المنشآت الصغيرة.",
        created_at=timezone.now() - datetime.timedelta(days=days_ago),
    )


@pytest.fixture
def reads(consultations):
    """Reads and comments: the open consultation read in both languages this week and
    commented on, the one with an outcome read the week before and long ago."""
    today = timezone.localdate()
    open_, outcome = consultations["open"], consultations["outcome"]

    def add(page, days_ago, views):
        ConsultationDailyStats.objects.create(
            consultation=page, views=views, day=today - datetime.timedelta(days_ago)
        )

    add(open_, 0, 30)
    add(english(open_), 1, 12)
    add(outcome, 9, 20)
    add(outcome, 100, 99)
    _comment(open_, 0)
    _comment(english(open_), 2, language="en")
    _comment(open_, 20)
    _comment(outcome, 40)
    return consultations


def test_the_report_ranks_by_views_with_the_comments_received_and_exports_it(editor_client, reads):
    page = editor_client.get(REPORT, {"period": "7"})
    assert page.status_code == 200
    html = page.content.decode()
    assert html.index("مسودة مفتوحة") < html.index("مسودة قادمة")
    rows = csv_rows(editor_client.get(REPORT, {"period": "7", "export": "csv"}))
    header, data = rows[0], {row[0]: row for row in rows[1:]}
    # Title, status, opens, closes, views (every language), comments, previous views, trend.
    assert len(header) == 8
    assert data["مسودة مفتوحة"][1] == "مفتوحة لإبداء الملاحظات"
    assert data["مسودة مفتوحة"][4:7] == ["42", "2", "0"]
    assert data["مسودة صدرت نتيجتها"][4:8] == ["0", "0", "20", "-1.0"]
    # Most read first; those read as often, the newest opening first.
    order = ["مسودة مفتوحة", "مسودة قادمة", "مسودة مغلقة", "مسودة صدرت نتيجتها"]
    assert [row[0] for row in rows[1:]] == order
    month = csv_rows(editor_client.get(REPORT, {"period": "30", "export": "csv"}))
    assert {row[0]: row[5] for row in month[1:]}["مسودة مفتوحة"] == "3"
    quarter = csv_rows(editor_client.get(REPORT, {"period": "90", "export": "csv"}))
    assert {row[0]: row[5] for row in quarter[1:]}["مسودة صدرت نتيجتها"] == "1"


def test_the_report_filters_by_status_names_in_english_and_ignores_bad_values(editor_client, reads):
    outcome = csv_rows(editor_client.get(REPORT, {"status": "outcome_published", "export": "csv"}))
    assert [row[0] for row in outcome[1:]] == ["مسودة صدرت نتيجتها"]
    names = csv_rows(editor_client.get(REPORT, {"locale": "en", "export": "csv"}))
    assert {row[0]: row[4] for row in names[1:]}["Open draft"] == "42"
    for bad in ({"period": "bogus"}, {"locale": "fr"}, {"status": "<script>"}):
        assert editor_client.get(REPORT, bad).status_code == 200


def test_the_report_is_in_the_reports_menu_and_speaks_arabic(editor_client, reads):
    from wagtail.users.models import UserProfile

    UserProfile.objects.update_or_create(
        user=editor_client.user, defaults={"preferred_language": "ar"}
    )
    assert REPORT in editor_client.get("/admin/").content.decode()
    html = editor_client.get(REPORT).content.decode()
    assert "الاستشارات الأكثر قراءة" in html and "الملاحظات الواردة" in html


def test_the_report_is_for_editors_only(client, reads):
    assert client.get(REPORT).status_code == 302  # to the sign-in page
