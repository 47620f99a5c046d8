"""Validation of service records: the messages editors see, and the stored forms of values."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from services_catalog.models import ServicePage, ServiceStatus
from services_catalog.models.fields import has_member
from services_catalog.testing import make_service
from services_catalog.validation import parse_duration

pytestmark = pytest.mark.django_db
pytest_plugins = ["services_catalog.testing"]


@pytest.fixture(autouse=True)
def english_messages():
    """The site's default language is Arabic; these tests read the English messages."""
    with translation.override("en"):
        yield


def errors_of(page: ServicePage) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        page.full_clean()
    return caught.value.message_dict


def test_a_valid_service_passes(catalogue):
    page, english = make_service(catalogue, "MOF-IND-101")
    page.full_clean()
    english.full_clean()
    assert english.code == page.code and english.translation_key == page.translation_key


@pytest.mark.parametrize(
    "code", ["mof-ind-1", "MOF_IND_001", "MOFIND001", "M-IND-001", "MOF-IND-0000001"]
)
def test_code_format_is_explained(catalogue, code):
    page, _ = make_service(catalogue, "MOF-IND-102", english=False)
    page.code = code
    assert "e.g. MOF-IND-001" in " ".join(errors_of(page)["code"])


def test_code_is_normalised_to_capitals(catalogue):
    page, _ = make_service(catalogue, "MOF-IND-103", english=False, publish=False)
    page.code = " mof-ind-103 "
    page.full_clean()
    assert page.code == "MOF-IND-103"


def test_code_must_be_unique_across_services_but_shared_by_translations(catalogue):
    make_service(catalogue, "MOF-IND-104")
    other, _ = make_service(catalogue, "MOF-IND-105", english=False, publish=False)
    other.code = "MOF-IND-104"
    assert "Another service already uses this code" in " ".join(errors_of(other)["code"])


def test_published_code_cannot_change(catalogue):
    page, _ = make_service(catalogue, "MOF-IND-106", english=False)
    page.code = "MOF-IND-107"
    assert "cannot change" in " ".join(errors_of(page)["code"])


def test_draft_code_can_still_change(catalogue):
    page, _ = make_service(catalogue, "MOF-IND-108", english=False, publish=False)
    page.code = "MOF-IND-109"
    page.full_clean()


def test_online_channel_needs_an_https_address(catalogue):
    page, _ = make_service(catalogue, "MOF-IND-110", english=False)
    page.online_url = "http://example.gov.sa/start"
    # Once: the field's validator and the model's clean() must not both say it.
    assert errors_of(page)["online_url"] == [
        "The online start address must begin with https:// so visitors' data is protected."
    ]
    page.online_url = ""
    assert "needs its https start address" in " ".join(errors_of(page)["online_url"])


def test_summary_is_at_most_160_characters(catalogue):
    page, _ = make_service(catalogue, "MOF-IND-111", english=False)
    page.summary = "ا" * 161
    assert "160" in " ".join(errors_of(page)["summary"])


def test_fee_rules(catalogue):
    page, _ = make_service(catalogue, "MOF-IND-112", english=False)
    page.is_free, page.cost_amount = False, None
    assert "Give the fee" in " ".join(errors_of(page)["cost_amount"])
    page.is_free, page.cost_amount = True, Decimal("10")
    assert "A free service has no fee" in " ".join(errors_of(page)["cost_amount"])
    page.is_free = False
    page.full_clean()


def test_processing_time_must_be_iso_8601(catalogue):
    page, _ = make_service(catalogue, "MOF-IND-113", english=False)
    page.processing_time = "5 days"
    assert "ISO 8601" in " ".join(errors_of(page)["processing_time"])
    for valid in ("P5D", "PT2H", "P1M", "P2W", "P1DT12H"):
        page.processing_time = valid
        page.full_clean()


def test_withdrawn_service_must_say_why_and_keeps_its_address(catalogue):
    page, _ = make_service(catalogue, "MOF-IND-114", english=False)
    page.status = ServiceStatus.WITHDRAWN
    assert "Say why" in " ".join(errors_of(page)["status_note"])
    page.status_note = "Replaced by MOF-IND-010."
    page.save_revision().publish()
    page = ServicePage.objects.get(pk=page.pk)
    page.slug = "a-new-address"
    assert "keeps its address" in " ".join(errors_of(page)["slug"])
    assert page.live, "withdrawing is a status: the page stays published"


def test_an_available_service_needs_a_channel(catalogue):
    page, _ = make_service(catalogue, "MOF-IND-115", english=False)
    page.online_channel = page.phone_channel = page.office_channel = False
    assert "at least one channel" in " ".join(errors_of(page)["online_channel"])


def test_office_channel_needs_an_address(catalogue):
    page, _ = make_service(catalogue, "MOF-IND-116", english=False)
    page.office_channel, page.office_address = True, ""
    assert "office address" in " ".join(errors_of(page)["office_address"])


def test_category_must_be_in_the_page_language(catalogue):
    _page, english = make_service(catalogue, "MOF-IND-117")
    english.category = catalogue.categories_ar["payment-orders"]
    assert "this page's language" in " ".join(errors_of(english)["category"])


def test_review_date_cannot_be_in_the_future(catalogue):
    page, _ = make_service(catalogue, "MOF-IND-118", english=False)
    page.last_reviewed = timezone.localdate() + datetime.timedelta(days=2)
    assert "future" in " ".join(errors_of(page)["last_reviewed"])


def test_audiences_are_stored_as_a_findable_set(catalogue):
    page, _ = make_service(
        catalogue, "MOF-IND-119", english=False, audiences=["resident", "citizen"]
    )
    page = ServicePage.objects.get(pk=page.pk)
    assert page.audiences == ["citizen", "resident"]  # choice order, whatever the input order
    assert ServicePage.objects.filter(has_member("audiences", "resident"), pk=page.pk).exists()
    assert not ServicePage.objects.filter(has_member("audiences", "business"), pk=page.pk).exists()
    page.audiences = []
    assert "audiences" in errors_of(page)
    page.audiences = ["martian"]
    assert "Unknown choice" in " ".join(errors_of(page)["audiences"])


def test_durations_parse_and_describe():
    assert parse_duration("P1DT12H").approximate_days() == 1.5
    assert parse_duration("P") is None and parse_duration("5D") is None
    assert parse_duration("P2W").describe() == "2 weeks"


def test_messages_are_in_the_editors_language(catalogue):
    page, _ = make_service(catalogue, "MOF-IND-120", english=False)
    page.online_url = "http://example.gov.sa/"
    with translation.override("ar"):
        assert "https://" in " ".join(errors_of(page)["online_url"])
        assert "لحماية بيانات الزوار" in " ".join(errors_of(page)["online_url"])
    with translation.override("ar"):
        assert parse_duration("P3D").describe() == "3 أيام"
