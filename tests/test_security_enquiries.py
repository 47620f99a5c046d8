"""Contact-centre enquiries are never lost: stored before any e-mail (issue 6, item 6)."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django_tasks_db.models import DBTaskResult

from site_pages import enquiries
from site_pages.models import Enquiry, EnquiryTopic
from site_pages.models import enquiries as enquiry_models

SUBMIT = """mutation Submit($locale: String, $name: String, $email: String, $phone: String,
  $topic: String!, $message: String!, $honeypot: String) {
  submitEnquiry(locale: $locale, name: $name, email: $email, phone: $phone, topic: $topic,
    message: $message, honeypot: $honeypot) { ok reference errors { field message } }
}"""
REFERENCE = re.compile(r"^MOF-\d{4}-[2-9A-HJKMNP-TV-Z]{8}$")
VALID = {
    "locale": "ar",
    "name": "سارة",
    "email": "sara@example.com",
    "topic": "payment_orders",
    "message": "أود الاستفسار عن حالة أمر الدفع رقم ١٢٣.",
}


def submit(gql, **changes) -> dict:
    return gql(SUBMIT, {**VALID, **changes})["submitEnquiry"]


def test_an_enquiry_is_stored_and_the_visitor_gets_a_reference(gql, db):
    result = submit(gql)
    assert result["ok"] and result["errors"] == []
    assert REFERENCE.match(result["reference"]), result["reference"]
    stored = Enquiry.objects.get(reference=result["reference"])
    assert (stored.language, stored.topic, stored.status) == ("ar", "payment_orders", "new")
    assert stored.name == "سارة" and stored.message == VALID["message"]


def test_a_phone_number_alone_is_enough_and_is_normalised(gql, db):
    result = submit(gql, email=None, phone="+966 ٥٠ ١٢٣ ٤٥٦٧")
    assert result["ok"]
    assert Enquiry.objects.get(reference=result["reference"]).phone == "+966501234567"


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"email": None, "phone": None}, "email"),
        ({"email": "not-an-address"}, "email"),
        ({"phone": "call me maybe"}, "phone"),
        ({"message": "short"}, "message"),
        ({"message": "x" * 3001}, "message"),
        ({"topic": "gossip"}, "topic"),
        ({"name": "n" * 121}, "name"),
    ],
)
def test_invalid_input_comes_back_as_field_errors(gql, db, changes, field):
    result = submit(gql, locale="en", **changes)
    assert result["ok"] is False and result["reference"] is None
    assert field in [error["field"] for error in result["errors"]]
    assert Enquiry.objects.count() == 0


def test_errors_are_in_the_visitors_language(gql, db):
    english = submit(gql, locale="en", email=None, phone=None)["errors"][0]["message"]
    arabic = submit(gql, locale="ar", email=None, phone=None)["errors"][0]["message"]
    assert english == "Give an e-mail address or a phone number so that we can answer you."
    # The literal text of locale/ar: comparing with gettext(english) would pass without it.
    assert arabic == "أدخل بريدًا إلكترونيًا أو رقم هاتف لنتمكن من الرد عليك."


def test_a_filled_honeypot_stores_nothing(gql, db):
    result = submit(gql, honeypot="http://spam.example/")
    assert result["ok"] is False and result["reference"] is None
    assert result["errors"][0]["field"] == "__all__"
    assert Enquiry.objects.count() == 0


def test_an_unknown_locale_is_a_client_error(gql, db):
    response = gql.post(SUBMIT, {**VALID, "locale": "fr"})
    # GraphQL-over-HTTP: the field ran and failed, so 200 with its null beside a coded error.
    assert response.status_code == 200
    error = response.json()["errors"][0]
    assert "Unknown locale" in error["message"]
    assert error["extensions"]["code"] == "UNKNOWN_LOCALE"
    assert response.json()["data"] == {"submitEnquiry": None}
    assert Enquiry.objects.count() == 0


def test_mutations_are_refused_over_get(client, db):
    response = client.get("/graphql/", {"query": SUBMIT, "variables": '{"topic": "general"}'})
    assert response.status_code == 405 and response["Allow"] == "POST"
    assert Enquiry.objects.count() == 0


def test_the_notification_is_queued_only_after_the_enquiry_is_committed(
    gql, db, settings, django_capture_on_commit_callbacks
):
    settings.ENQUIRY_NOTIFY_EMAILS = ["care@mof.gov.sa"]
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        result = submit(gql)
        stored = Enquiry.objects.get(reference=result["reference"])
        assert stored.notify_after is not None  # the outbox row, in the same transaction
        assert not DBTaskResult.objects.exists()
    assert mail.outbox == [] and len(callbacks) == 1  # nothing queued inside the transaction
    callbacks[0]()
    queued = DBTaskResult.objects.get()
    assert queued.task_path == enquiries.send_staff_notification.module_path
    assert mail.outbox == []  # the request sends nothing: the worker does


def test_no_notification_is_due_when_nobody_is_to_be_told(gql, db, settings):
    settings.ENQUIRY_NOTIFY_EMAILS = []
    result = submit(gql)
    assert Enquiry.objects.get(reference=result["reference"]).notify_after is None


def test_references_are_unique_and_a_clash_is_retried(db, monkeypatch):
    references = iter(["MOF-2026-AAAAAAAA", "MOF-2026-AAAAAAAA", "MOF-2026-BBBBBBBB"])
    monkeypatch.setattr(enquiry_models, "new_reference", lambda now=None: next(references))
    data = {k: v for k, v in VALID.items() if k != "locale"}
    first = enquiries.submit_enquiry(data, "ar")
    second = enquiries.submit_enquiry(data, "ar")
    assert (first.reference, second.reference) == ("MOF-2026-AAAAAAAA", "MOF-2026-BBBBBBBB")


def test_many_references_never_repeat(db):
    drawn = {enquiry_models.new_reference() for _ in range(5000)}
    assert len(drawn) == 5000


def test_the_database_refuses_an_enquiry_without_a_way_to_answer(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        Enquiry.objects.create(language="ar", topic="general", message="A message here.")


def test_topics_are_listed_in_each_language(gql, db):
    english = gql('{ enquiryTopics(locale: "en") { code label } }')["enquiryTopics"]
    assert [t["code"] for t in english] == list(EnquiryTopic.values)
    assert english[0]["label"] == "General question"
    arabic = gql("{ enquiryTopics { code label } }")["enquiryTopics"]
    assert arabic[0]["label"] == "استفسار عام"
