"""A source's publish carries its synchronised facts to its published translations at once.

The processing time of an Arabic service changes from 10 to 15 days: once the Arabic page is
published, the English page says 15 days too, without "Sync translated pages" and without a
hand-made republish, and the content generation (every cache's key) moves once.
"""

from __future__ import annotations

import pytest
from wagtail.models import Locale

from cms.content_generation import current_generation
from cms.localize import publish_translation
from services_catalog.building import service_fields
from services_catalog.models import ServiceCategory, ServicePage
from services_catalog.testing import service_spec

pytestmark = pytest.mark.django_db
pytest_plugins = ["services_catalog.testing"]


@pytest.fixture
def translated(catalogue, django_capture_on_commit_callbacks):
    """An Arabic service and its English version made by wagtail-localize itself."""
    english = Locale.objects.get(language_code="en")
    for slug in ("expropriation", "payment-orders"):
        ServiceCategory.objects.filter(pk=catalogue.categories_en[slug].pk).delete()
        with django_capture_on_commit_callbacks(execute=True):
            publish_translation(
                catalogue.categories_ar[slug],
                ServiceCategory(slug=slug, name=f"EN {slug}", description="Category."),
            )
    spec = service_spec("MOF-IND-901", category="expropriation", processing_time="P10D")
    page = ServicePage(
        category=catalogue.categories_ar["expropriation"], **service_fields(spec, "ar")
    )
    catalogue.index_ar.add_child(instance=page)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
        english_page = publish_translation(
            page,
            ServicePage(
                category=ServiceCategory.objects.get(slug="expropriation", locale=english),
                **service_fields(spec, "en"),
            ),
        )
    return ServicePage.objects.get(pk=page.pk), ServicePage.objects.get(pk=english_page.pk)


def test_a_changed_fact_reaches_the_published_translation(
    translated, catalogue, django_capture_on_commit_callbacks
):
    arabic, english = translated
    assert english.processing_time == "P10D" and english.live
    english_title = english.title
    before = current_generation()
    arabic.processing_time = "P15D"
    arabic.cost_amount = 250
    arabic.is_free = False
    arabic.category = catalogue.categories_ar["payment-orders"]
    with django_capture_on_commit_callbacks(execute=True):
        arabic.save_revision().publish()
    english = ServicePage.objects.get(pk=english.pk)
    assert english.processing_time == "P15D" and english.cost_amount == 250
    assert not english.is_free
    assert english.category.slug == "payment-orders" and english.category.locale == english.locale
    assert english.title == english_title  # translated text is the translation's own
    assert english.live and not english.has_unpublished_changes
    assert english.live_revision.content["processing_time"] == "P15D"
    assert current_generation() == before + 1


def test_a_translation_with_its_own_draft_is_not_published_behind_its_editor(
    translated, django_capture_on_commit_callbacks
):
    arabic, english = translated
    english.title = "A draft title"
    english.save_revision()
    arabic.processing_time = "P20D"
    with django_capture_on_commit_callbacks(execute=True):
        arabic.save_revision().publish()
    live = ServicePage.objects.get(pk=english.pk)
    assert live.processing_time == "P10D" and live.title != "A draft title"
