"""Pytest fixtures and builders for the publications library (the demo library, fast).

`build_library(home_ar)` loads the demo library (15 publications with real PDF files, three
budget years) with English copies made directly rather than through translation memory.
"""

from __future__ import annotations

from typing import Any

import pytest
from wagtail.models import Locale, Page

from publications.demo import load_demo_publications
from publications.models import BudgetYearPage, PublicationIndexPage

LIBRARY_URLS = {
    "PublicationIndexPage": {"ar": "/ar/publications/", "en": "/en/publications/"},
    "PublicationTypeAddress": {
        "ar": "/ar/publications/type/enacted-budget/",
        "en": "/en/publications/year/2025/",
    },
    "PublicationPage": {
        "ar": "/ar/publications/enacted-budget-2025/",
        "en": "/en/publications/enacted-budget-2025/",
    },
    "BudgetYearPage": {
        "ar": "/ar/publications/budget-2025/",
        "en": "/en/publications/budget-2025/",
    },
}


def copy_translate(source: Page, english: Any) -> Page:
    """An English copy with the English text, published (no translation memory: fast)."""
    locale = Locale.objects.get(language_code="en")
    target = source.specific.copy_for_translation(locale)
    for field in ("title", "intro", "summary", "unit_note", "html_version", "body"):
        if hasattr(english, field) and getattr(english, field, None):
            setattr(target, field, getattr(english, field))
    if isinstance(target, BudgetYearPage):
        for line, shadow in zip(target.lines.all(), english.lines.all(), strict=True):
            line.label = shadow.label
    target.save_revision().publish()
    return target


def build_library(home_ar: Page) -> PublicationIndexPage:
    load_demo_publications(home_ar, translate=copy_translate)
    return PublicationIndexPage.objects.get(locale=home_ar.locale)


@pytest.fixture(scope="module")
def library_module(django_db_setup, django_db_blocker):
    """The site and the library built once for a module, inside a transaction rolled back at
    its end; each test runs in a savepoint of it (the `db` fixture), so tests stay isolated.
    Not for live-server tests: another thread cannot see uncommitted rows."""
    from django.db import transaction

    from frontend.testing import build_site

    with django_db_blocker.unblock(), transaction.atomic():
        site = build_site()
        index = build_library(site["home"])
        yield {**site, "library": index}
        transaction.set_rollback(True)


@pytest.fixture
def library(library_module, db) -> dict[str, Any]:
    return library_module
