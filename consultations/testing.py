"""Fixtures for public consultations: an index with one consultation in each state, both
languages, relative to today in Riyadh so that the states hold whatever day the tests run."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from wagtail.models import Locale, Page

from consultations.models import (
    ConsultationIndexPage,
    ConsultationPage,
    ConsultationTheme,
    riyadh_today,
)
from site_pages.testing import add_page

DAY = datetime.timedelta(days=1)


def translate(page: Page, english: Locale, themes_en: list[str] = (), **fields) -> Page:
    """The published English translation of a published Arabic consultation (or index)."""
    translated = page.copy_for_translation(english)
    for name, value in fields.items():
        setattr(translated, name, value)
    for theme, name in zip(translated.themes.all() if themes_en else [], themes_en, strict=True):
        theme.name = name
        theme.save()
    translated.save_revision().publish()
    translated.refresh_from_db()
    return translated


def make_consultation(
    index_ar: Page,
    english: Locale | None,
    slug: str,
    ar: dict[str, str],
    en: dict[str, str] | None = None,
    *,
    opens_on: datetime.date,
    closes_on: datetime.date,
    outcome_published_on: datetime.date | None = None,
    themes: list[tuple[str, str, str, int]] = (),
    publish: bool = True,
) -> ConsultationPage:
    """An Arabic consultation (published, or a draft never live) and, with `en`, its English
    translation. `themes`: (code, Arabic name, English name, count)."""
    fields = {"summary": "ملخص.", "affects": "المنشآت.", "draft": "<p>نص المسودة.</p>", **ar}
    page = ConsultationPage(
        slug=slug,
        opens_on=opens_on,
        closes_on=closes_on,
        outcome_published_on=outcome_published_on,
        **fields,
    )
    for order, (code, name_ar, _name_en, count) in enumerate(themes):
        page.themes.add(
            ConsultationTheme(code=code, name=name_ar, comment_count=count, sort_order=order)
        )
    page = add_page(index_ar, page, publish=publish)
    if en is not None and english is not None:
        english_fields = {
            "summary": "Summary.",
            "affects": "Businesses.",
            "draft": "<p>Text of the draft.</p>",
            **en,
        }
        translate(page, english, [t[2] for t in themes], **english_fields)
    return page


def make_consultations(home_ar: Page, english: Locale) -> dict[str, Any]:
    """The index with an upcoming, an open, a closed and a closed-with-outcome consultation."""
    today = riyadh_today()
    index = add_page(
        home_ar,
        ConsultationIndexPage(title="الاستشارات العامة", slug="consultations", intro="شاركنا."),
    )
    translate(index, english, title="Public consultations", intro="Have your say.")
    upcoming = make_consultation(
        index,
        english,
        "upcoming",
        {"title": "مسودة قادمة"},
        {"title": "Upcoming draft"},
        opens_on=today + 10 * DAY,
        closes_on=today + 40 * DAY,
    )
    open_ = make_consultation(
        index,
        english,
        "open",
        {"title": "مسودة مفتوحة"},
        {"title": "Open draft"},
        opens_on=today - 5 * DAY,
        closes_on=today,
    )
    closed = make_consultation(
        index,
        english,
        "closed",
        {"title": "مسودة مغلقة", "what_we_heard": "<p>لم تُنشر بعد.</p>"},
        {"title": "Closed draft", "what_we_heard": "<p>Not published yet.</p>"},
        opens_on=today - 60 * DAY,
        closes_on=today - DAY,
        outcome_published_on=today + 5 * DAY,
        themes=[("fees", "الرسوم", "Fees", 7)],
    )
    outcome = make_consultation(
        index,
        english,
        "outcome",
        {
            "title": "مسودة صدرت نتيجتها",
            "what_we_heard": "<p>سمعنا أن المهل قصيرة.</p>",
            "what_changed": "<p>مددنا المهل.</p>",
        },
        {
            "title": "Draft with outcome",
            "what_we_heard": "<p>We heard the deadlines were short.</p>",
            "what_changed": "<p>We extended the deadlines.</p>",
        },
        opens_on=today - 90 * DAY,
        closes_on=today - 30 * DAY,
        outcome_published_on=today - 2 * DAY,
        themes=[("deadlines", "المهل", "Deadlines", 12), ("fees", "الرسوم", "Fees", 3)],
    )
    return {
        "index": index,
        "upcoming": upcoming,
        "open": open_,
        "closed": closed,
        "outcome": outcome,
    }


@pytest.fixture
def consultations(site_tree) -> dict[str, Any]:
    home_ar, home_en = site_tree
    return make_consultations(home_ar, home_en.locale)
