"""Fixtures for procurement notices: an index with one notice in each status, in two languages.

Deadlines are set relative to now, so each notice keeps its status whenever the tests run.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone
from wagtail.models import Locale, Page

from procurement.models import ProcurementIndexPage, ProcurementNoticePage
from site_pages.testing import add_page

ETIMAD = "https://tenders.etimad.sa/Tender/DetailsForVisitor?STenderId="


def days_from_now(days: int) -> datetime.datetime:
    return timezone.now().replace(microsecond=0) + datetime.timedelta(days=days)


def translate(page: Page, english: Locale, **fields) -> Page:
    """The published English translation of a published Arabic page."""
    translated = page.copy_for_translation(english)
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    translated.refresh_from_db()
    return translated


def make_notice(
    index: Page,
    english: Locale | None,
    slug: str,
    ar: dict[str, Any],
    en: dict[str, Any] | None = None,
    *,
    reference: str = "250139001234",
    notice_type: str = "public_tender",
    published_days_ago: int = 10,
    deadline_in_days: int = 20,
    publish: bool = True,
    **fields,
) -> ProcurementNoticePage:
    """An Arabic notice (published, or a draft never live) and, with `en`, its translation."""
    deadline = days_from_now(deadline_in_days)
    page = ProcurementNoticePage(
        slug=slug,
        reference=reference,
        notice_type=notice_type,
        publication_date=timezone.localdate() - datetime.timedelta(days=published_days_ago),
        questions_deadline=deadline - datetime.timedelta(days=5),
        submission_deadline=deadline,
        opening_at=deadline + datetime.timedelta(days=1),
        etimad_url=ETIMAD + reference,
        **fields,
        **ar,
    )
    page = add_page(index, page, publish=publish)
    if en is not None and english is not None:
        translate(page, english, **en)
    return page


def make_procurement(home_ar: Page, english: Locale) -> dict[str, Any]:
    """The index and four notices: open, closed, awarded (published last year) and cancelled."""
    index = add_page(
        home_ar,
        ProcurementIndexPage(
            title="المنافسات والمشتريات", slug="tenders", intro="منافسات الوزارة."
        ),
    )
    translate(index, english, title="Tenders and procurement", intro="The ministry's tenders.")
    open_ = make_notice(
        index,
        english,
        "cleaning-services",
        {"title": "منافسة خدمات النظافة", "summary": "خدمات النظافة لمباني الوزارة."},
        {"title": "Cleaning services tender", "summary": "Cleaning of the ministry's buildings."},
        reference="250139000001",
    )
    closed = make_notice(
        index,
        english,
        "printing",
        {"title": "منافسة أعمال الطباعة", "summary": "طباعة وثائق الميزانية."},
        {"title": "Printing tender", "summary": "Printing of the budget documents."},
        reference="250139000002",
        notice_type="limited_tender",
        published_days_ago=40,
        deadline_in_days=-3,
    )
    awarded = make_notice(
        index,
        english,
        "data-centre",
        {
            "title": "منافسة تشغيل مركز البيانات",
            "summary": "تشغيل مركز البيانات وصيانته.",
            "awarded_supplier": "شركة الحلول الرقمية",
        },
        {
            "title": "Data centre operation tender",
            "summary": "Operation and maintenance of the data centre.",
            "awarded_supplier": "Digital Solutions Company",
        },
        reference="240139000003",
        notice_type="framework_agreement",
        published_days_ago=400,
        deadline_in_days=-360,
        award_value=Decimal("4750000.00"),
        award_date=timezone.localdate() - datetime.timedelta(days=300),
    )
    cancelled = make_notice(
        index,
        english,
        "furniture",
        {
            "title": "شراء أثاث مكتبي",
            "summary": "أثاث مكتبي للفروع.",
            "cancelled": True,
            "cancellation_reason": "أُلغيت لتغير الاحتياج.",
        },
        {
            "title": "Office furniture purchase",
            "summary": "Office furniture for the branches.",
            "cancellation_reason": "Cancelled: the need changed.",
        },
        reference="250139000004",
        notice_type="direct_purchase",
        published_days_ago=20,
        deadline_in_days=5,
    )
    return {
        "index": index,
        "open": open_,
        "closed": closed,
        "awarded": awarded,
        "cancelled": cancelled,
    }


@pytest.fixture
def procurement(site_tree) -> dict[str, Any]:
    home_ar, home_en = site_tree
    return make_procurement(home_ar, home_en.locale)


# One URL per page type and language for the page and browser checks (axe, Nu checker).
PROCUREMENT_URLS = {
    "ProcurementIndexPage": {"ar": "/ar/tenders/", "en": "/en/tenders/"},
    "ProcurementIndexFiltered": {
        "ar": "/ar/tenders/?status=awarded",
        "en": "/en/tenders/?type=limited_tender&status=closed",
    },
    "ProcurementNoticePage": {
        "ar": "/ar/tenders/data-centre/",
        "en": "/en/tenders/data-centre/",
    },
    "ProcurementNoticeCancelled": {"ar": "/ar/tenders/furniture/", "en": "/en/tenders/furniture/"},
    # Search results holding notices, each labelled as a notice with its status and reference.
    "ProcurementSearch": {"ar": "/ar/search/?q=منافسة", "en": "/en/search/?q=tender"},
}


@pytest.fixture
def procurement_site(db) -> dict[str, Any]:
    """The bilingual test site of frontend.testing with the notices under /tenders/."""
    from frontend.testing import build_site

    site = build_site()
    english = Locale.objects.get(language_code="en")
    return {**site, **make_procurement(site["home"], english)}
