"""Umm al-Qura Hijri dates beside every Gregorian date: conversion, API fields, pages.

Known dates are the Saudi Supreme Court's announcements, which follow the Umm al-Qura
calendar: 1 Muharram 1444 = 30 July 2022 (SPA, 28 July 2022), 1 Shawwal 1446 = 30 March 2025
(Eid al-Fitr, Royal Court via SPA, 29 March 2025), 1 Muharram 1447 = 26 June 2025 (Supreme
Court, 25 June 2025), and 1 Ramadan 1447 = 18 February 2026 (Umm al-Qura calendar).
"""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import translation

from cms.hijri import HijriDate, riyadh_date, to_hijri
from frontend.templatetags.frontend_tags import with_hijri
from frontend.testing import build_site
from services_catalog.models import ServicePage
from site_pages.models import NewsArticlePage, NewsIndexPage
from site_pages.testing import add_page

UTC = datetime.UTC

PUBLISHED_UMM_AL_QURA = [
    (datetime.date(2022, 7, 30), HijriDate(1444, 1, 1)),
    (datetime.date(2025, 3, 30), HijriDate(1446, 10, 1)),
    (datetime.date(2025, 6, 26), HijriDate(1447, 1, 1)),
    (datetime.date(2026, 2, 18), HijriDate(1447, 9, 1)),
]


@pytest.mark.parametrize("gregorian,hijri", PUBLISHED_UMM_AL_QURA)
def test_known_days_match_the_published_umm_al_qura_calendar(gregorian, hijri):
    assert to_hijri(gregorian) == hijri
    # The day before is still the previous month: the month starts on the published day.
    assert to_hijri(gregorian - datetime.timedelta(days=1)).month != hijri.month


def test_formatted_in_each_language_with_western_digits():
    ramadan = to_hijri(datetime.date(2026, 2, 18))
    assert ramadan.formatted("ar") == "1 رمضان 1447 هـ"
    assert ramadan.formatted("en") == "1 Ramadan 1447 AH"
    assert ramadan.month_name("ar") == "رمضان" and ramadan.iso == "1447-09-01"
    with pytest.raises(ValueError):
        ramadan.formatted("fr")


def test_a_moment_counts_as_its_day_in_riyadh():
    """21:30 UTC on 17 February 2026 is 00:30 on the 18th in Riyadh (UTC+3): 1 Ramadan."""
    late_evening_utc = datetime.datetime(2026, 2, 17, 21, 30, tzinfo=UTC)
    assert riyadh_date(late_evening_utc) == datetime.date(2026, 2, 18)
    assert to_hijri(late_evening_utc) == HijriDate(1447, 9, 1)
    earlier = datetime.datetime(2026, 2, 17, 20, 59, tzinfo=UTC)
    assert to_hijri(earlier) == HijriDate(1447, 8, 29)
    assert to_hijri(datetime.datetime(2026, 2, 17, 21, 30)) == HijriDate(1447, 9, 1)  # naive: UTC


def test_outside_the_umm_al_qura_tables_there_is_no_hijri_date():
    assert to_hijri(datetime.date(1924, 8, 1)) == HijriDate(1343, 1, 1)
    assert to_hijri(datetime.date(1924, 7, 31)) is None
    assert to_hijri(datetime.date(2077, 11, 16)) == HijriDate(1500, 12, 30)
    assert to_hijri(datetime.date(2077, 11, 17)) is None
    assert to_hijri(datetime.date(1, 1, 1)) is None and to_hijri(None) is None


def test_the_frontend_puts_the_hijri_date_first_and_falls_back_to_the_gregorian_alone():
    hijri = {"formatted": "1 رمضان 1447 هـ"}
    with translation.override("ar"):
        assert with_hijri("18 فبراير، 2026", hijri) == "1 رمضان 1447 هـ الموافق 18 فبراير، 2026 م"
        assert with_hijri("18 فبراير، 1900", None) == "18 فبراير، 1900"
    with translation.override("en"):
        assert with_hijri("18 February 2026", {"formatted": "1 Ramadan 1447 AH"}) == (
            "1 Ramadan 1447 AH (18 February 2026 CE)"
        )


HIJRI = "year month day iso monthName formatted"


def _news(home, date: datetime.date, slug: str = "ramadan") -> NewsArticlePage:
    index = add_page(home, NewsIndexPage(title="الأخبار", slug="news"))
    return add_page(index, NewsArticlePage(title="خبر", slug=slug, summary="ملخص", date=date))


def test_the_api_gives_each_date_its_hijri_date(gql, home_ar):
    article = _news(home_ar, datetime.date(2026, 2, 18))
    # Published at 21:30 UTC on the 17th: already the 18th, 1 Ramadan, in Riyadh.
    moment = datetime.datetime(2026, 2, 17, 21, 30, tzinfo=UTC)
    NewsArticlePage.objects.filter(pk=article.pk).update(
        first_published_at=moment, last_published_at=moment
    )
    query = f"""{{ page(path: "/news/ramadan/", locale: "ar") {{
      firstPublishedAtHijri {{ {HIJRI} }} lastPublishedAtHijri {{ {HIJRI} }}
      ... on NewsArticlePage {{ date dateHijri {{ {HIJRI} english: formatted(locale: "en")
        englishMonth: monthName(locale: "en") }} }} }} }}"""
    page = gql(query)["page"]
    ramadan = {
        "year": 1447,
        "month": 9,
        "day": 1,
        "iso": "1447-09-01",
        "monthName": "رمضان",
        "formatted": "1 رمضان 1447 هـ",
    }
    assert page["date"] == "2026-02-18"
    assert page["dateHijri"] == {
        **ramadan,
        "english": "1 Ramadan 1447 AH",
        "englishMonth": "Ramadan",
    }
    assert page["firstPublishedAtHijri"] == ramadan
    assert page["lastPublishedAtHijri"] == ramadan


def test_names_follow_the_language_of_the_content_and_an_unknown_locale_is_refused(
    gql, home_ar, home_en
):
    _news(home_en, datetime.date(2025, 6, 26), slug="new-year")
    query = '{ page(path: "/news/new-year/", locale: "en") { ... on NewsArticlePage { dateHijri { formatted } } } }'
    assert gql(query)["page"]["dateHijri"]["formatted"] == "1 Muharram 1447 AH"
    response = gql.post(query.replace("formatted", 'formatted(locale: "fr")'))
    assert "Unknown locale 'fr'" in response.json()["errors"][0]["message"]


def test_a_date_outside_the_tables_has_no_hijri_date_in_the_api(gql, home_ar):
    _news(home_ar, datetime.date(1900, 1, 1), slug="old")
    query = '{ page(path: "/news/old/", locale: "ar") { ... on NewsArticlePage { date dateHijri { formatted } } } }'
    assert gql(query)["page"] == {"date": "1900-01-01", "dateHijri": None}


def _time_text(html: str, marker: str) -> tuple[str, str]:
    """The datetime attribute and the text of the <time> after `marker`."""
    found = re.search(re.escape(marker) + r'\s*<time datetime="([^"]+)">([^<]+)</time>', html)
    assert found, marker
    return found.group(1), found.group(2)


@pytest.fixture
def site(db):
    return build_site()


def test_news_pages_show_both_dates_in_the_visitors_language(client, site):
    arabic = client.get("/ar/news/news-1/").content.decode()
    # 1 January 2026 is 12 Rajab 1447.
    assert _time_text(arabic, "تاريخ النشر:") == (
        "2026-01-01",
        "12 رجب 1447 هـ الموافق 1 يناير، 2026 م",
    )
    english = client.get("/en/news/news-1/").content.decode()
    assert _time_text(english, "Published:") == (
        "2026-01-01",
        "12 Rajab 1447 AH (Jan. 1, 2026 CE)",
    )
    cards = client.get("/ar/news/").content.decode()
    assert '<time datetime="2026-01-11">22 رجب 1447 هـ الموافق 11 يناير، 2026 م</time>' in cards


def test_last_updated_shows_the_riyadh_day_of_a_publication_near_midnight_utc(client, site):
    moment = datetime.datetime(2026, 2, 17, 21, 30, tzinfo=UTC)
    NewsArticlePage.objects.filter(slug="news-2").update(last_published_at=moment)
    attribute, text = _time_text(client.get("/ar/news/news-2/").content.decode(), "آخر تحديث:")
    assert attribute == "2026-02-18T00:30:00+0300"
    assert text.startswith("1 رمضان 1447 هـ الموافق 18 فبراير، 2026 م الساعة ")
    _attribute, text = _time_text(client.get("/en/news/news-2/").content.decode(), "Last updated:")
    assert text.startswith("1 Ramadan 1447 AH (Feb. 18, 2026 CE) at ")


def test_a_service_shows_when_its_information_was_last_reviewed_in_both_calendars(client, site):
    ServicePage.objects.filter(slug="loan-exemption").update(
        last_reviewed=datetime.date(2025, 3, 30)
    )
    html = client.get("/ar/services/loan-exemption/").content.decode()
    assert _time_text(html, "تاريخ آخر مراجعة للمعلومات:") == (
        "2025-03-30",
        "1 شوال 1446 هـ الموافق 30 مارس، 2025 م",
    )


def test_a_page_dated_outside_the_tables_shows_the_gregorian_date_alone(client, site):
    NewsArticlePage.objects.filter(slug="news-3").update(date=datetime.date(1900, 1, 1))
    html = client.get("/ar/news/news-3/").content.decode()
    assert _time_text(html, "تاريخ النشر:") == ("1900-01-01", "1 يناير، 1900")
