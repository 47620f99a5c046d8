"""Fixtures for the laws and regulations library: a small bilingual library linked to services."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from wagtail.models import Locale, Page

from regulations.models import (
    GovernedService,
    RegulationIndexPage,
    RegulationPage,
    RegulationRelation,
    RegulationVersion,
)
from site_pages.testing import add_page


def _translate(page: Page, english: Locale, versions_en: list[tuple[str, str]], **fields) -> Page:
    """The published English translation of a published Arabic regulation (or index)."""
    translated = page.copy_for_translation(english)
    for name, value in fields.items():
        setattr(translated, name, value)
    if versions_en:
        for version, (label, text) in zip(translated.versions.all(), versions_en, strict=True):
            version.label, version.text = label, text
            version.save()
    translated.save_revision().publish()
    translated.refresh_from_db()
    return translated


def make_regulation(
    index_ar: Page,
    english: Locale | None,
    slug: str,
    ar: dict[str, str],
    en: dict[str, str] | None = None,
    *,
    number: str = "M/1",
    instrument: str = "royal_decree",
    issued_on: datetime.date = datetime.date(2019, 7, 16),
    status: str = "in_force",
    versions: list[tuple[int, datetime.date, str, str]] | None = None,
    versions_en: list[tuple[str, str]] | None = None,
    relations: list[tuple[str, Page]] = (),
    services: list[Page] = (),
    publish: bool = True,
) -> RegulationPage:
    """An Arabic regulation (published, or a draft never live) and, with `en`, its English
    translation. `versions`: (number, effective from, Arabic label, Arabic text)."""
    page = RegulationPage(
        slug=slug,
        number=number,
        instrument=instrument,
        issued_on=issued_on,
        status=status,
        **ar,
    )
    for order, (n, effective, label, text) in enumerate(
        versions or [(1, issued_on, "النص الأصلي", "<p>نص النظام.</p>")]
    ):
        page.versions.add(
            RegulationVersion(
                number=n, effective_from=effective, label=label, text=text, sort_order=order
            )
        )
    for kind, target in relations:
        page.relations.add(RegulationRelation(kind=kind, target=target))
    for service in services:
        page.governed_services.add(GovernedService(service=service))
    page = add_page(index_ar, page, publish=publish)
    if en is not None and english is not None:
        _translate(
            page,
            english,
            versions_en or [("Original text", "<p>Text of the law.</p>")],
            **en,
        )
    return page


def make_library(home_ar: Page, english: Locale) -> dict[str, Any]:
    """The index with three regulations: a repealed law, the law that repealed it, and its
    amended implementing regulation (two versions) governing `service` when given."""
    index = add_page(
        home_ar,
        RegulationIndexPage(title="الأنظمة واللوائح", slug="laws", intro="مكتبة الأنظمة."),
    )
    _translate(index, english, [], title="Laws and regulations", intro="The library.")
    old = make_regulation(
        index,
        english,
        "old-law",
        {"title": "نظام المنافسات السابق", "summary": "النظام الملغى."},
        {"title": "Former tenders law", "summary": "The repealed law."},
        number="M/58",
        issued_on=datetime.date(2006, 9, 27),
        status="repealed",
    )
    law = make_regulation(
        index,
        english,
        "tenders-law",
        {"title": "نظام المنافسات والمشتريات الحكومية", "summary": "إجراءات المشتريات."},
        {"title": "Government Tenders and Procurement Law", "summary": "How bodies buy."},
        number="M/128",
        relations=[("repeals", old)],
    )
    return {"index": index, "old": old, "law": law}


@pytest.fixture
def library(site_tree) -> dict[str, Any]:
    home_ar, home_en = site_tree
    return make_library(home_ar, home_en.locale)
