"""Demo catalogue and synthetic generator."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from wagtail.models import Locale, Page

from cms.localize import publish_translation
from services_catalog import generator
from services_catalog.demo import content, load_demo_services
from services_catalog.models import ServiceCategory, ServiceIndexPage, ServicePage

pytestmark = pytest.mark.django_db
# The `catalogue` fixture: declared here, not borrowed from another module that loads it.
pytest_plugins = ["services_catalog.testing"]


def test_demo_has_20_plus_services_across_the_five_families():
    assert len(content.SERVICES) >= 20
    assert {spec["category"] for spec in content.SERVICES} == {
        c["slug"] for c in content.CATEGORIES
    }
    assert len({spec["code"] for spec in content.SERVICES}) == len(content.SERVICES)


def test_demo_loads_in_both_languages_once(site_tree, gql, django_capture_on_commit_callbacks):
    home_ar, _home_en = site_tree
    # wagtail-localize publishes translations on commit: run those hooks, in order, as a commit would.
    with django_capture_on_commit_callbacks(execute=True):
        created = load_demo_services(home_ar, translate=publish_translation)
    assert created == len(content.SERVICES) + len(content.CATEGORIES) + 1
    for language in ("ar", "en"):
        locale = Locale.objects.get(language_code=language)
        services = ServicePage.objects.filter(locale=locale, live=True)
        assert services.count() == len(content.SERVICES)
        assert ServiceCategory.objects.filter(locale=locale).count() == 5
        for page in services:
            page.full_clean()  # every demo record passes the editors' validation
    english = gql(
        '{ services(locale: "en", first: 100, status: [AVAILABLE, COMING_SOON, SUSPENDED, WITHDRAWN]) { totalCount items { name documents { name } steps { title } faqs { question } } } }'
    )
    assert english["services"]["totalCount"] == len(content.SERVICES)
    assert not any("ا" in item["name"] for item in english["services"]["items"])  # no Arabic left
    # Child counts are right after the commit hooks (see repair_child_counts), so editors can add.
    for index in ServiceIndexPage.objects.all():
        assert index.numchild == index.get_children().count() == len(content.SERVICES)
    with django_capture_on_commit_callbacks(execute=True):
        assert load_demo_services(home_ar, translate=publish_translation) == 0
    assert ServicePage.objects.count() == 2 * len(content.SERVICES)
    index_en = ServiceIndexPage.objects.get(locale__language_code="en")
    index_en.add_child(
        instance=ServicePage(
            title="x",
            slug="added-later",
            code="MOF-IND-777",
            summary="x",
            category=ServiceCategory.objects.filter(locale=index_en.locale).first(),
            audiences=["citizen"],
            department="x",
            online_url="https://x.example/",
        )
    )


def test_generator_is_deterministic(catalogue):
    slugs = sorted(catalogue.categories_ar)
    assert generator.synthetic_spec(42, 7, slugs) == generator.synthetic_spec(42, 7, slugs)
    assert generator.synthetic_spec(42, 7, slugs) != generator.synthetic_spec(42, 8, slugs)


def test_generate_command_creates_bilingual_services_with_progress(catalogue, settings):
    from wagtail.models import Site

    assert Site.objects.filter(is_default_site=True).exists()
    out, err = io.StringIO(), io.StringIO()
    call_command("generate_services", count=30, seed=2, stdout=out, stderr=err)
    assert "Created 30 services (60 pages" in out.getvalue()
    assert "30/30 services" in err.getvalue()
    arabic = list(
        ServicePage.objects.filter(code__startswith="MOF-SYN-", locale=catalogue.arabic)
        .order_by("code")
        .values_list("code", "title")
    )
    english = ServicePage.objects.filter(code__startswith="MOF-SYN-", locale=catalogue.english)
    assert len(arabic) == english.count() == 30
    for page in ServicePage.objects.filter(code__startswith="MOF-SYN-")[:10]:
        page.full_clean()
    first_run = arabic
    call_command("generate_services", count=30, seed=2, replace=True, stdout=out, stderr=err)
    again = list(
        ServicePage.objects.filter(code__startswith="MOF-SYN-", locale=catalogue.arabic)
        .order_by("code")
        .values_list("code", "title")
    )
    assert again == first_run
    for index in (catalogue.index_ar, catalogue.index_en):
        index = Page.objects.get(pk=index.pk)
        assert index.numchild == index.get_children().count() == 30
    call_command("generate_services", count=5, seed=2, stdout=out, stderr=err)
    assert ServicePage.objects.filter(code="MOF-SYN-00035").count() == 2  # numbering continues
