"""Pytest fixtures for the page tree, shared by every app's tests (loaded from tests/conftest.py)."""

from __future__ import annotations

import pytest
from wagtail.models import Locale, Page, Site

from site_pages.models import HomePage


def make_locales() -> tuple[Locale, Locale]:
    arabic, _ = Locale.objects.get_or_create(language_code="ar")
    english, _ = Locale.objects.get_or_create(language_code="en")
    return arabic, english


def make_site_tree() -> tuple[HomePage, HomePage]:
    """An Arabic home page as the site root and its English translation, both live."""
    arabic, english = make_locales()
    root = Page.get_first_root_node()
    # Wagtail's initial migration leaves a placeholder "Welcome" page at the top.
    Page.objects.filter(depth=2).delete()
    home_ar = HomePage(
        title="الصفحة الرئيسية", slug="home", hero_title="وزارة المالية", locale=arabic
    )
    root.add_child(instance=home_ar)
    home_ar.save_revision().publish()
    home_en = home_ar.copy_for_translation(english)
    home_en.title = "Home"
    home_en.hero_title = "Ministry of Finance"
    home_en.save_revision().publish()
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home_ar, is_default_site=True)
    return HomePage.objects.get(pk=home_ar.pk), HomePage.objects.get(pk=home_en.pk)


def add_page(parent: Page, page: Page, publish: bool = True) -> Page:
    parent.add_child(instance=page)
    if publish:
        page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def locales(db) -> tuple[Locale, Locale]:
    return make_locales()


@pytest.fixture
def site_tree(db) -> tuple[HomePage, HomePage]:
    return make_site_tree()


@pytest.fixture
def home_ar(site_tree) -> HomePage:
    return site_tree[0]


@pytest.fixture
def home_en(site_tree) -> HomePage:
    return site_tree[1]
