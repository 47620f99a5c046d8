"""Procurement notices: status and award rules, the API and its filters, pages, RSS, sitemap."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from procurement.models import ProcurementNoticePage, Status, next_deadline, with_status
from procurement.testing import ETIMAD, days_from_now

pytest_plugins = ["procurement.testing"]

# Filled in when Wagtail saves a page; an unsaved test page does not have them yet.
FIELDS_SET_BY_WAGTAIL = ["path", "depth", "content_type", "translation_key", "draft_title"]


def _notice(index, **fields) -> ProcurementNoticePage:
    """An unsaved notice under `index` (so the page rules that need a parent can run)."""
    values = {
        "title": "منافسة",
        "slug": "x",
        "reference": "250139009999",
        "notice_type": "public_tender",
        "summary": "-",
        "publication_date": timezone.localdate() - datetime.timedelta(days=30),
        "questions_deadline": days_from_now(-20),
        "submission_deadline": days_from_now(-10),
        "opening_at": days_from_now(-9),
        "etimad_url": ETIMAD + "1",
        "locale_id": index.locale_id,
        **fields,
    }
    page = ProcurementNoticePage(**values)
    page.path, page.depth = index.path + "ZZZZ", index.depth + 1  # a child's place, not saved
    return page


def _errors(page) -> dict[str, list[str]]:
    try:
        page.clean()
    except ValidationError as error:
        return error.message_dict
    return {}


def test_a_valid_notice_has_no_errors(procurement):
    assert _errors(_notice(procurement["index"])) == {}


def test_an_award_needs_its_supplier_and_value(procurement):
    index = procurement["index"]
    assert "award_value" in _errors(_notice(index, awarded_supplier="شركة"))
    assert "awarded_supplier" in _errors(_notice(index, award_value=Decimal("10")))
    assert "awarded_supplier" in _errors(_notice(index, award_date=timezone.localdate()))
    complete = _notice(index, awarded_supplier="شركة", award_value=Decimal("10"))
    assert _errors(complete) == {}


def test_an_award_comes_after_the_deadline_and_never_on_a_cancelled_notice(procurement):
    index = procurement["index"]
    award = {"awarded_supplier": "شركة", "award_value": Decimal("10")}
    still_open = _notice(index, submission_deadline=days_from_now(3), opening_at=None, **award)
    assert "awarded_supplier" in _errors(still_open)
    assert "cancelled" in _errors(_notice(index, cancelled=True, **award))
    early = _notice(index, award_date=timezone.localdate() - datetime.timedelta(days=25), **award)
    assert "award_date" in _errors(early)
    zero = _notice(index, awarded_supplier="شركة", award_value=Decimal("0"))
    with pytest.raises(ValidationError) as raised:
        zero.clean_fields(exclude=FIELDS_SET_BY_WAGTAIL)
    assert list(raised.value.message_dict) == ["award_value"]


def test_deadlines_are_in_order(procurement):
    index = procurement["index"]
    late_questions = _notice(index, questions_deadline=days_from_now(-5))
    assert "questions_deadline" in _errors(late_questions)
    early_opening = _notice(index, opening_at=days_from_now(-11))
    assert "opening_at" in _errors(early_opening)
    before_publication = _notice(
        index, publication_date=timezone.localdate(), submission_deadline=days_from_now(-2)
    )
    assert "submission_deadline" in _errors(before_publication)


def test_the_etimad_link_must_be_on_etimad(procurement):
    index = procurement["index"]
    for url in ("http://tenders.etimad.sa/x", "https://etimad.sa.example.com/", "https://a.sa/"):
        page = _notice(index, etimad_url=url)
        with pytest.raises(ValidationError) as raised:
            page.clean_fields(exclude=FIELDS_SET_BY_WAGTAIL)
        assert "etimad_url" in raised.value.message_dict, url


def test_a_reference_is_unique_within_a_language(procurement):
    taken = procurement["open"].reference
    assert "reference" in _errors(_notice(procurement["index"], reference=taken))


def test_the_status_follows_the_dates_and_the_rules(procurement):
    statuses = {key: procurement[key].status for key in ("open", "closed", "awarded", "cancelled")}
    assert statuses == {
        "open": Status.OPEN,
        "closed": Status.CLOSED,
        "awarded": Status.AWARDED,
        "cancelled": Status.CANCELLED,
    }
    # The database says the same as Python, now and after the open notice's deadline.
    pages = with_status(ProcurementNoticePage.objects.filter(locale=procurement["index"].locale))
    assert {p.pk: p.computed_status for p in pages} == {
        procurement[key].pk: value for key, value in statuses.items()
    }
    later = days_from_now(21)
    pages = with_status(ProcurementNoticePage.objects.filter(pk=procurement["open"].pk), later)
    assert pages.get().computed_status == Status.CLOSED


def test_caches_end_at_the_next_deadline(procurement):
    from cms.content_generation import next_scheduled_expiry

    deadline = procurement["open"].submission_deadline
    assert next_deadline() == deadline
    assert next_scheduled_expiry() == deadline
