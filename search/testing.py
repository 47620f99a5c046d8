"""Pytest fixtures and helpers for the search tests (load with pytest_plugins)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.cache import cache
from wagtail.models import Locale, Page

from search.models import SynonymSet
from site_pages.models import NewsArticlePage, NewsIndexPage, StandardPage
from site_pages.testing import add_page

# (slug, Arabic title, Arabic intro, English title, English intro)
SEARCH_PAGES = [
    (
        "loan-exemption-guide",
        "دليل الإعفاء من القروض",
        "كيف تطلب إعفاءً من القرض الحكومي وما المستندات المطلوبة.",
        "Guide to loan exemptions",
        "How to ask for an exemption from a government loan and which documents you need.",
    ),
    (
        "payment-orders-help",
        "مساعدة أوامر الدفع",
        "تابع أوامر الدفع الصادرة لك وحالة صرفها.",
        "Help with payment orders",
        "Follow the payment orders issued to you and their disbursement.",
    ),
    (
        "contact-us",
        "تواصل معنا",
        "مركز الاتصال الموحد على الرقم ١٩٩٩٠ والبريد الإلكتروني للعناية.",
        "Contact us",
        "The unified contact centre on 19990 and the care e-mail inbox.",
    ),
]


@pytest.fixture(autouse=True)
def _fresh_derived_cache() -> None:
    """Every test's database starts at the same content generation, so entries derived from
    another test's content (search.cache) would look current: start each test without them."""
    cache.clear()


@pytest.fixture
def committed(django_capture_on_commit_callbacks) -> Callable[[Callable[[], Any]], Any]:
    """Run a change and then its on-commit work (the content generation bump), as the commit
    of an editor's request would; the test's own transaction never commits."""

    def run(change: Callable[[], Any]) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return change()

    return run


def make_synonyms(language_code: str, terms: str) -> SynonymSet:
    locale = Locale.objects.get(language_code=language_code)
    return SynonymSet.objects.create(locale=locale, terms=terms)


def make_search_pages(home_ar: Page, home_en: Page) -> dict[str, tuple[Page, Page]]:
    """Published Arabic pages and their English counterparts (separate trees, same slugs)."""
    pages = {}
    for slug, title_ar, intro_ar, title_en, intro_en in SEARCH_PAGES:
        arabic = add_page(home_ar, StandardPage(title=title_ar, slug=slug, intro=intro_ar))
        english = add_page(
            home_en,
            StandardPage(title=title_en, slug=slug, intro=intro_en, locale=home_en.locale),
        )
        pages[slug] = (arabic, english)
    news_ar = add_page(home_ar, NewsIndexPage(title="الأخبار", slug="news"))
    news_en = add_page(home_en, NewsIndexPage(title="News", slug="news", locale=home_en.locale))
    pages["launch-news"] = (
        add_page(
            news_ar,
            NewsArticlePage(
                title="إطلاق منصة المواطن والمقيم",
                slug="launch",
                summary="أطلقت وزارة المالية منصة الخدمات الإلكترونية للأفراد.",
            ),
        ),
        add_page(
            news_en,
            NewsArticlePage(
                title="The Citizen and Resident platform launches",
                slug="launch",
                summary="The Ministry of Finance launched its e-services platform for individuals.",
                locale=home_en.locale,
            ),
        ),
    )
    return pages


@pytest.fixture
def search_pages(site_tree) -> dict[str, tuple[Page, Page]]:
    return make_search_pages(*site_tree)


# --- Services ---------------------------------------------------------------------------------


@pytest.fixture
def service_search():
    """ServicePage, which declares its own search configuration (docs/search.md)."""
    from services_catalog.models import ServicePage

    return ServicePage


def make_demo_services(catalogue, codes: list[str] | None = None) -> dict[str, tuple[Page, Page]]:
    """The demo catalogue's services (services_catalog.demo.content), published in both languages.

    English versions are direct copies (fast), as services_catalog.testing.make_service does.
    """
    from services_catalog.building import service_fields
    from services_catalog.demo import content
    from services_catalog.models import ServicePage

    made = {}
    for spec in content.SERVICES:
        if codes is not None and spec["code"] not in codes:
            continue
        page = ServicePage(
            category=catalogue.categories_ar[spec["category"]], **service_fields(spec, "ar")
        )
        catalogue.index_ar.add_child(instance=page)
        page.save_revision().publish()
        page = ServicePage.objects.get(pk=page.pk)
        english = page.copy_for_translation(catalogue.english)
        for name, value in service_fields(spec, "en").items():
            if name not in ("slug", "code"):
                setattr(english, name, value)
        english.category = catalogue.categories_en[spec["category"]]
        english.save_revision().publish()
        made[spec["code"]] = (page, ServicePage.objects.get(pk=english.pk))
    return made


@pytest.fixture
def demo_services(service_search, catalogue) -> dict[str, tuple[Page, Page]]:
    return make_demo_services(catalogue)
