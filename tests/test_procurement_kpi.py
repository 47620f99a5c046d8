"""Reads of procurement notices: counted per page and day when served, and the admin report."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from procurement import kpi
from procurement.models import NoticeDailyStats, ProcurementNoticePage
from tests.report_helpers import csv_rows, english

pytest_plugins = ["procurement.testing", "services_catalog.testing"]

pytestmark = pytest.mark.django_db

REPORT = "/admin/procurement-reports/reads/"


def counted() -> dict[tuple[str, str], int]:
    """(language, slug) -> views, for every row of the day."""
    rows = NoticeDailyStats.objects.filter(day=timezone.localdate()).select_related(
        "notice__locale"
    )
    return {(row.notice.locale.language_code, row.notice.slug): row.views for row in rows}


def test_each_serve_of_a_notice_counts_once(client, procurement_site):
    for _ in range(3):  # the second and third come from the page cache: they count too
        assert client.get("/en/tenders/data-centre/").status_code == 200
    assert client.get("/ar/tenders/data-centre/").status_code == 200
    assert client.get("/ar/tenders/furniture/").status_code == 200
    assert counted() == {("en", "data-centre"): 3, ("ar", "data-centre"): 1, ("ar", "furniture"): 1}
    assert kpi.notice_views.total(english(procurement_site["awarded"]).pk) == 3


def test_what_is_not_a_read_of_a_notice_counts_nothing(client, procurement_site):
    assert client.get("/en/tenders/").status_code == 200  # the list is not a reading
    assert client.get("/en/tenders/?status=open").status_code == 200
    assert client.get("/en/tenders/no-such-notice/").status_code == 404
    for bad in ("not-a-number", None, 0, -4):
        kpi.count_view(None, bad)
    assert counted() == {}


def test_a_deleted_notice_gets_no_row(procurement):
    page_id = procurement["open"].pk
    ProcurementNoticePage.objects.filter(pk=page_id).delete()
    kpi.count_view(None, page_id)
    assert not NoticeDailyStats.objects.exists()


def test_buffered_reads_are_summed_and_added_to_the_days_row(settings, procurement):
    page_id = procurement["open"].pk
    kpi.count_view(None, page_id)  # written at once (the tests' setting is 0)
    settings.COUNTS_FLUSH_SECONDS = 3600
    for _ in range(4):
        kpi.count_view(None, str(page_id))
    assert kpi.notice_views.buffer.pending == 4 and kpi.notice_views.total(page_id) == 1
    kpi.notice_views.buffer.flush()
    assert kpi.notice_views.total(page_id) == 5
    assert NoticeDailyStats.objects.filter(notice_id=page_id).count() == 1


@pytest.fixture
def reads(procurement):
    """The open notice read in both languages this week; the awarded one the week before and
    long ago."""
    today = timezone.localdate()

    def add(page, days_ago, views):
        NoticeDailyStats.objects.create(
            notice=page, views=views, day=today - datetime.timedelta(days_ago)
        )

    add(procurement["open"], 0, 30)
    add(english(procurement["open"]), 1, 12)
    add(procurement["awarded"], 9, 20)
    add(procurement["awarded"], 100, 99)
    return procurement


def test_the_report_ranks_notices_by_views_and_exports_them(editor_client, reads):
    page = editor_client.get(REPORT, {"period": "7"})
    assert page.status_code == 200
    html = page.content.decode()
    assert html.index("منافسة خدمات النظافة") < html.index("منافسة تشغيل مركز البيانات")
    rows = csv_rows(editor_client.get(REPORT, {"period": "7", "export": "csv"}))
    header, data = rows[0], {row[0]: row for row in rows[1:]}
    # Reference, title, type, status, views (every language), previous views, trend.
    assert len(header) == 7
    assert data["250139000001"][1:7] == [
        "منافسة خدمات النظافة",
        "منافسة عامة",
        "مفتوحة لتقديم العروض",
        "42",
        "0",
        "",
    ]
    assert data["240139000003"][3:7] == ["تمت الترسية", "0", "20", "-1.0"]
    assert rows[1][0] == "250139000001" and len(rows) == 5
    year = csv_rows(editor_client.get(REPORT, {"period": "365", "export": "csv"}))
    assert {row[0]: row[4] for row in year[1:]}["240139000003"] == "119"


def test_the_report_filters_by_type_and_status(editor_client, reads):
    def references(**filters):
        rows = csv_rows(editor_client.get(REPORT, {**filters, "export": "csv"}))
        return sorted(row[0] for row in rows[1:])

    assert references(status="awarded") == ["240139000003"]
    assert references(status="cancelled") == ["250139000004"]
    assert references(notice_type="limited_tender") == ["250139000002"]
    assert references(notice_type="public_tender", status="closed") == []
    names = csv_rows(editor_client.get(REPORT, {"locale": "en", "export": "csv"}))
    assert {row[1]: row[4] for row in names[1:]}["Cleaning services tender"] == "42"
    for bad in ({"period": "bogus"}, {"locale": "fr"}, {"status": "x"}, {"notice_type": "<b>"}):
        assert editor_client.get(REPORT, bad).status_code == 200


def test_the_report_is_in_the_reports_menu_and_speaks_arabic(editor_client, reads):
    from wagtail.users.models import UserProfile

    UserProfile.objects.update_or_create(
        user=editor_client.user, defaults={"preferred_language": "ar"}
    )
    assert REPORT in editor_client.get("/admin/").content.decode()
    html = editor_client.get(REPORT).content.decode()
    assert "المنافسات الأكثر قراءة" in html and "الرقم المرجعي" in html


def test_the_report_is_for_editors_only(client, reads):
    assert client.get(REPORT).status_code == 302  # to the sign-in page
