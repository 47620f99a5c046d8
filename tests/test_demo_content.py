"""The demo command builds both trees once, as wagtail-localize translations, and is idempotent."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Page, Revision
from wagtail_localize.models import Translation

from site_pages.demo_content import LAUNCH_ARTICLE

ARABIC_LETTER = re.compile(r"[\u0600-\u06FF]")


@pytest.fixture
def load(django_capture_on_commit_callbacks):
    """Run the command as `make serve` does: wagtail-localize publishes on commit."""

    def run() -> str:
        out = StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("load_demo_content", "--no-index", stdout=out)
        return out.getvalue()

    return run


def _counts() -> dict[str, int]:
    from site_pages.models import Menu, MenuItem

    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "menus": Menu.objects.count(),
        "menu_items": MenuItem.objects.count(),
        "translations": Translation.objects.count(),
    }


@pytest.mark.django_db
def test_demo_content_is_bilingual_and_idempotent(load):
    load()
    first = _counts()
    assert "nothing changed" in load()
    assert _counts() == first

    arabic_pages = Page.objects.filter(depth__gte=2, locale__language_code="ar")
    assert arabic_pages.count() >= 9
    for page in arabic_pages:
        english = page.get_translations().filter(locale__language_code="en").first()
        assert english is not None, f"{page.url_path} has no English translation"
        assert english.live
        assert not ARABIC_LETTER.search(english.title), english.title
        assert ARABIC_LETTER.search(page.title), page.title
    # The English pages are wagtail-localize translations editors can sync, not loose copies.
    assert Translation.objects.filter(target_locale__language_code="en").count() >= 9
    _check_demo_regulations()


def _check_demo_regulations() -> None:
    from regulations.models import GovernedService, RegulationPage

    regulations = RegulationPage.objects.filter(locale__language_code="en")
    assert regulations.count() >= 10
    assert {r.status for r in regulations} == {"in_force", "amended", "repealed"}
    for regulation in regulations:
        versions = list(regulation.versions.all())
        assert versions, regulation.title
        for version in versions:
            assert not ARABIC_LETTER.search(version.label + version.text), version.label
    assert any(len(r.versions.all()) > 1 for r in regulations)
    assert GovernedService.objects.filter(page__locale__language_code="ar").count() >= 5


@pytest.mark.django_db
def test_demo_content_over_graphql(client, load):
    load()
    query = """query($l: String) { page(path: "/", locale: $l) { title
        ... on HomePage { featured { ... on ServiceFamilyBlock { title url } } latestNews { title } } } }"""
    for locale, title in (("ar", "إعفاءات القروض"), ("en", "Loan exemptions")):
        response = client.post(
            "/graphql/",
            {"query": query, "variables": {"l": locale}},
            content_type="application/json",
        )
        page = response.json()["data"]["page"]
        assert title in [block.get("title") for block in page["featured"]]
        # Each family card leads to the catalogue filtered by its category.
        assert f"/{locale}/services/?category=loan-exemptions" in [
            block.get("url") for block in page["featured"]
        ]
        # The demo's one article, in the page's language.
        assert page["latestNews"] == [{"title": LAUNCH_ARTICLE[locale]["title"]}], locale
