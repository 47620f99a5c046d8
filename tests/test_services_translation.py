"""wagtail-localize: text is translated while codes, URLs, costs and durations stay synchronised;
editors see services whose English is missing or out of date."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

from cms.localize import publish_translation
from services_catalog.admin_views import MISSING, OUTDATED, needing_translation
from services_catalog.building import service_fields
from services_catalog.models import ServiceCategory, ServicePage
from services_catalog.testing import make_service, service_spec

pytestmark = pytest.mark.django_db
pytest_plugins = ["services_catalog.testing"]


@pytest.fixture
def run_commit_hooks(django_capture_on_commit_callbacks):
    """wagtail-localize publishes translations on commit; run those hooks inside the test."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def sync_english(arabic: ServicePage, english: ServicePage, run_commit_hooks) -> ServicePage:
    """What an editor's "Sync translated pages" does."""
    with run_commit_hooks():
        source, _ = TranslationSource.update_or_create_from_instance(arabic)
        Translation.objects.get(source=source, target_locale=english.locale).save_target(
            publish=True
        )
    return ServicePage.objects.get(pk=english.pk)


@pytest.fixture
def translated(catalogue, run_commit_hooks):
    """An Arabic service and its English version made by wagtail-localize itself."""
    english = Locale.objects.get(language_code="en")
    category_ar = catalogue.categories_ar["expropriation"]
    # The catalogue fixture copies categories directly; make this one a real translation too.
    ServiceCategory.objects.filter(pk=catalogue.categories_en["expropriation"].pk).delete()
    with run_commit_hooks():
        category_en = publish_translation(
            category_ar,
            ServiceCategory(
                slug="expropriation",
                name="Expropriation",
                description="Property for public benefit.",
            ),
        )
    spec = service_spec("MOF-IND-501", category="expropriation")
    page = ServicePage(category=category_ar, **service_fields(spec, "ar"))
    catalogue.index_ar.add_child(instance=page)
    page.save_revision().publish()
    with run_commit_hooks():
        english_page = publish_translation(
            page, ServicePage(category=category_en, **service_fields(spec, "en"))
        )
    assert english_page.locale == english
    return ServicePage.objects.get(pk=page.pk), ServicePage.objects.get(pk=english_page.pk), spec


def test_text_is_translated_and_data_is_shared(translated):
    arabic, english, spec = translated
    assert english.title == spec["en"]["title"] and english.summary == spec["en"]["summary"]
    assert english.department == spec["en"]["department"]
    assert english.documents.raw_data[0]["value"]["name"] == spec["en"]["documents"][0][0]
    assert english.faqs.raw_data[0]["value"]["question"] == spec["en"]["faqs"][0][0]
    assert english.category.name == "Expropriation" and english.category.locale == english.locale
    for name in (
        "code",
        "online_url",
        "is_free",
        "cost_amount",
        "processing_time",
        "audiences",
        "status",
        "slug",
        "translation_key",
    ):
        assert getattr(english, name) == getattr(arabic, name), name


def test_sync_copies_codes_urls_costs_and_durations_but_keeps_english_text(
    translated, run_commit_hooks
):
    arabic, english, spec = translated
    arabic.online_url = "https://eservices.mof.gov.sa/individuals/new-start"
    arabic.is_free, arabic.cost_amount = False, Decimal("75.00")
    arabic.processing_time = "P2W"
    arabic.audiences = ["citizen"]
    arabic.last_reviewed = datetime.date(2026, 1, 2)
    arabic.save_revision().publish()
    english = sync_english(arabic, english, run_commit_hooks)
    assert english.live and english.online_url.endswith("/new-start")
    assert (english.is_free, english.cost_amount) == (False, Decimal("75.00"))
    assert english.processing_time == "P2W" and english.audiences == ["citizen"]
    assert english.last_reviewed == datetime.date(2026, 1, 2)
    assert english.title == spec["en"]["title"] and english.summary == spec["en"]["summary"]


def test_synchronised_fields_are_not_offered_for_translation(translated):
    arabic, _english, _spec = translated
    source = TranslationSource.objects.get(object_id=arabic.translation_key, locale=arabic.locale)
    paths = {segment.context.path for segment in source.stringsegment_set.all()}
    assert "summary" in paths and any(p.startswith("documents.") for p in paths)
    for synchronised in ("code", "online_url", "processing_time", "phone_number", "status"):
        assert synchronised not in paths


def test_report_lists_missing_and_out_of_date_english(
    editor_client, translated, catalogue, run_commit_hooks
):
    arabic, english, _spec = translated
    alone, _ = make_service(catalogue, "MOF-IND-502", english=False)
    _fresh, _fresh_en = make_service(catalogue, "MOF-IND-503")
    assert set(needing_translation(ServicePage.objects.all()).values_list("code", flat=True)) == {
        "MOF-IND-502"
    }
    # The Arabic text changes and an editor syncs: the new sentence has no English yet.
    arabic.summary = "ملخص جديد للخدمة بعد التعديل."
    arabic.save_revision().publish()
    sync_english(arabic, english, run_commit_hooks)
    assert list(
        needing_translation(ServicePage.objects.all(), OUTDATED).values_list("code", flat=True)
    ) == ["MOF-IND-501"]
    assert list(
        needing_translation(ServicePage.objects.all(), MISSING).values_list("code", flat=True)
    ) == ["MOF-IND-502"]
    client = editor_client
    html = client.get("/admin/service-reports/translations/").content.decode()
    assert "MOF-IND-501" in html and "MOF-IND-502" in html and "MOF-IND-503" not in html
    listing = client.get("/admin/services/", {"translation": MISSING}).content.decode()
    assert alone.title in listing


def test_an_arabic_edit_after_the_english_publication_is_out_of_date(catalogue):
    arabic, _english = make_service(catalogue, "MOF-IND-504")
    arabic.save_revision().publish()
    assert list(
        needing_translation(ServicePage.objects.all(), OUTDATED).values_list("code", flat=True)
    ) == ["MOF-IND-504"]


def test_an_untranslated_alias_counts_as_missing(catalogue):
    from wagtail_localize.models import LocaleSynchronization
    from wagtail_localize.synctree import create_aliases_for_new_page

    LocaleSynchronization.objects.create(locale=catalogue.english, sync_from=catalogue.arabic)
    arabic, _ = make_service(catalogue, "MOF-IND-505", english=False)
    create_aliases_for_new_page(arabic)  # the admin's tree sync, when it is switched on
    assert arabic.get_translations().get().alias_of_id == arabic.pk
    missing = needing_translation(ServicePage.objects.all(), MISSING)
    assert list(missing.values_list("code", flat=True)) == ["MOF-IND-505"]
