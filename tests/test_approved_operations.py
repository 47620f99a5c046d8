"""API keys limited to approved operations (issue 20, item 3): documents registered from
.graphql files by `manage.py register_operations` (idempotent) or in the admin run, by text or
by hash; anything else is refused with 403 OPERATION_NOT_APPROVED."""

from __future__ import annotations

import hashlib
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from cms.models import ApiKey, ApprovedOperation
from cms.security.api_keys import issue_key

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("answers_not_stored")]

PHONE = """# The contact centre's number
query Phone($locale: String) {
  siteSettings(locale: $locale) { contactPhone }
}
"""
OTHER = '{ siteSettings(locale: "ar") { ministryName } }'


@pytest.fixture
def limited(tmp_path, home_ar):
    api_key = ApiKey.objects.create(name="Portal")
    key = issue_key(api_key)
    (tmp_path / "phone.graphql").write_text(PHONE, encoding="utf-8")
    call_command(
        "register_operations",
        str(tmp_path / "phone.graphql"),
        "--key",
        api_key.prefix,
        "--approved-only",
    )
    return api_key, key


def post(client, key: str, body: dict):
    return client.post(
        "/graphql/", data=json.dumps(body), content_type="application/json", HTTP_X_API_KEY=key
    )


def code(response) -> str:
    return response.json()["errors"][0]["extensions"]["code"]


def test_the_registered_document_runs_by_text_in_any_layout(client, limited):
    _api_key, key = limited
    exact = post(client, key, {"query": PHONE, "variables": {"locale": "en"}})
    assert exact.status_code == 200 and exact.json()["data"]["siteSettings"]["contactPhone"]
    relaid = "query Phone($locale: String) { siteSettings(locale: $locale) { contactPhone } }"
    assert post(client, key, {"query": relaid}).status_code == 200


def test_the_registered_document_runs_by_hash_without_a_round_trip(client, limited):
    _api_key, key = limited
    digest = hashlib.sha256(PHONE.encode()).hexdigest()
    extensions = {"persistedQuery": {"version": 1, "sha256Hash": digest}}
    answer = client.get("/graphql/", {"extensions": json.dumps(extensions)}, HTTP_X_API_KEY=key)
    assert answer.status_code == 200 and "data" in answer.json(), answer.content


def test_anything_else_is_refused(client, limited):
    _api_key, key = limited
    refused = post(client, key, {"query": OTHER})
    assert refused.status_code == 403 and code(refused) == "OPERATION_NOT_APPROVED"
    digest = hashlib.sha256(OTHER.encode()).hexdigest()
    by_hash = post(
        client, key, {"extensions": {"persistedQuery": {"version": 1, "sha256Hash": digest}}}
    )
    assert by_hash.status_code == 403 and code(by_hash) == "OPERATION_NOT_APPROVED"
    # The same query is fine without the key (anonymous) and with an unlimited key.
    assert (
        client.post("/graphql/", {"query": OTHER}, content_type="application/json").status_code
        == 200
    )
    free = issue_key(ApiKey.objects.create(name="Free"))
    assert post(client, free, {"query": OTHER}).status_code == 200


def test_registering_is_idempotent_and_checks_the_documents(client, limited, tmp_path, capsys):
    api_key, _key = limited
    call_command("register_operations", str(tmp_path / "phone.graphql"), "--key", api_key.prefix)
    assert ApprovedOperation.objects.filter(api_key=api_key).count() == 1
    assert "0 registered, 1 already there" in capsys.readouterr().out
    (tmp_path / "broken.graphql").write_text("{ siteSettings {", encoding="utf-8")
    (tmp_path / "unknown.graphql").write_text("{ noSuchField }", encoding="utf-8")
    for name in ("broken.graphql", "unknown.graphql", "missing.graphql"):
        with pytest.raises(CommandError, match=name):
            call_command("register_operations", str(tmp_path / name), "--key", api_key.prefix)
    with pytest.raises(CommandError, match="No key"):
        call_command("register_operations", str(tmp_path / "phone.graphql"), "--key", "nope")


def test_the_admin_form_checks_the_document(limited):
    api_key, _key = limited
    with pytest.raises(ValidationError):
        ApprovedOperation(api_key=api_key, query="{ broken").full_clean()
    with pytest.raises(ValidationError):  # the same document again, spaced differently
        ApprovedOperation(api_key=api_key, query=" ".join(PHONE.split()[5:])).full_clean()
    added = ApprovedOperation(api_key=api_key, query=OTHER)
    added.full_clean()
    added.save()
    assert added.name == "" and added.sha256 == hashlib.sha256(OTHER.encode()).hexdigest()
