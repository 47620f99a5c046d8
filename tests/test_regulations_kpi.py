"""Reads of regulations: counted per page, version and day when served, and the admin report."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from frontend.testing import build_site
from regulations import kpi
from regulations.models import RegulationDailyStats, RegulationPage
from regulations.testing import make_regulation
from tests.report_helpers import csv_rows

pytest_plugins = ["regulations.testing", "services_catalog.testing"]

pytestmark = pytest.mark.django_db

REPORT = "/admin/regulation-reports/reads/"


@pytest.fixture
def site(db):
    return build_site()


def counted() -> dict[tuple[str, int], int]:
    """(language, version) -> views, for every row of the day."""
    rows = RegulationDailyStats.objects.filter(day=timezone.localdate()).select_related(
        "regulation__locale"
    )
    return {
        (row.regulation.locale.language_code, row.version): row.views for row in rows if row.views
    }


def test_each_serve_of_a_regulation_and_of_a_version_counts_once(client, site):
    for _ in range(3):  # the second and third come from the page cache: they count too
        assert client.get("/en/laws/exemption-rules/").status_code == 200
    assert client.get("/en/laws/exemption-rules/versions/1/").status_code == 200
    assert client.get("/ar/laws/exemption-rules/").status_code == 200
    assert counted() == {("en", 0): 3, ("en", 1): 1, ("ar", 0): 1}
    english = RegulationPage.objects.get(
        translation_key=site["regulation"].translation_key, locale__language_code="en"
    )
    assert kpi.views(english.pk) == 4 and kpi.views(english.pk, version=1) == 1


def test_what_is_not_a_read_of_a_regulation_counts_nothing(client, site):
    assert client.get("/en/laws/exemption-rules/versions/3/").status_code == 404
    assert client.get("/en/laws/").status_code == 200  # the library's list is not a reading
    assert client.get("/en/services/loan-exemption/").status_code == 200
    kpi.count_view(None, "not-a-number")
    kpi.count_view(None, 0)  # a preview never saved
    kpi.count_view(None, site["regulation"].pk, version=-1)
    assert counted() == {}


def test_a_deleted_regulation_gets_no_row(site):
    page_id = site["regulation"].pk
    RegulationPage.objects.filter(pk=page_id).delete()
    kpi.count_view(None, page_id)
    assert not RegulationDailyStats.objects.exists()


def test_buffered_reads_are_summed_and_added_to_the_days_row(settings, site):
    page_id = site["regulation"].pk
    kpi.count_view(None, page_id)  # written at once (the tests' setting is 0)
    settings.COUNTS_FLUSH_SECONDS = 3600
    for _ in range(4):
        kpi.count_view(None, str(page_id))
    kpi.count_view(None, page_id, version="2")
    assert kpi.view_buffer.pending == 5 and kpi.views(page_id) == 1
    kpi.view_buffer.flush()
    assert kpi.views(page_id, version=0) == 5 and kpi.views(page_id, version=2) == 1
    assert RegulationDailyStats.objects.filter(regulation_id=page_id).count() == 2


@pytest.fixture
def reads(library):
    """Reads of the library's two laws: the law in both languages this week, the old law a
    week before and long ago."""
    today = timezone.localdate()
    law, old = library["law"], library["old"]
    law_en = RegulationPage.objects.get(
        translation_key=law.translation_key, locale__language_code="en"
    )

    def add(page, days_ago, views, version=0):
        RegulationDailyStats.objects.create(
            regulation=page, version=version, views=views, day=today - datetime.timedelta(days_ago)
        )

    add(law, 0, 30)
    add(law_en, 1, 12)
    add(law, 2, 5, version=1)
    add(old, 9, 20)
    add(old, 100, 99)
    return library


def test_the_report_lists_the_most_read_over_the_period_and_exports_it(editor_client, reads):
    page = editor_client.get(REPORT, {"period": "7"})
    assert page.status_code == 200
    html = page.content.decode()
    assert html.index("نظام المنافسات والمشتريات الحكومية") < html.index("نظام المنافسات السابق")
    exported = editor_client.get(REPORT, {"period": "7", "export": "csv"})
    rows = csv_rows(exported)
    header, data = rows[0], {row[0]: row for row in rows[1:]}
    assert len(header) == 8
    # Number, title, issued by, status, views (every language), of versions, previous, trend.
    assert data["M/128"][1] == "نظام المنافسات والمشتريات الحكومية"
    assert data["M/128"][4:7] == ["47", "5", "0"]
    assert data["M/58"][4:7] == ["0", "0", "20"] and data["M/58"][7] == "-1.0"
    assert [row[0] for row in rows[1:3]] == ["M/128", "M/58"]
    year = csv_rows(editor_client.get(REPORT, {"period": "365", "export": "csv"}))
    assert {row[0]: row[4] for row in year[1:]} == {"M/128": "47", "M/58": "119"}


def test_the_report_filters_names_in_english_and_ignores_bad_values(editor_client, reads):
    english = csv_rows(editor_client.get(REPORT, {"period": "30", "locale": "en", "export": "csv"}))
    titles = {row[1]: row[4] for row in english[1:]}
    assert titles == {"Government Tenders and Procurement Law": "47", "Former tenders law": "20"}
    by_instrument = csv_rows(
        editor_client.get(REPORT, {"instrument": "ministerial", "export": "csv"})
    )
    assert by_instrument[1:] == []
    for bad in ({"period": "bogus"}, {"locale": "fr"}, {"instrument": "<script>"}):
        assert editor_client.get(REPORT, bad).status_code == 200


def test_the_report_is_in_the_reports_menu_and_speaks_arabic(editor_client, reads):
    from wagtail.users.models import UserProfile

    UserProfile.objects.update_or_create(
        user=editor_client.user, defaults={"preferred_language": "ar"}
    )
    dashboard = editor_client.get("/admin/").content.decode()
    assert REPORT in dashboard
    html = editor_client.get(REPORT).content.decode()
    assert "الأنظمة الأكثر قراءة" in html and "مشاهدات النسخ" in html


def test_the_report_is_for_editors_only(client, reads):
    assert client.get(REPORT).status_code == 302  # to the sign-in page


def test_a_regulation_without_reads_is_listed_with_none(editor_client, library):
    make_regulation(
        library["index"], None, "circular", {"title": "تعميم جديد", "summary": "ملخص"}, number="C/1"
    )
    rows = csv_rows(editor_client.get(REPORT, {"export": "csv"}))
    assert {row[0]: row[4] for row in rows[1:]}["C/1"] == "0"
