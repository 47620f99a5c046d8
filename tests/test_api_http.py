"""GraphQL over HTTP as partners meet it (issue 18, items 4 and 5; issue 19, F3): status codes,
media types, error codes, Content-Language, ETag and 304, CORS, and keys that stop working on
the next request once revoked or rotated."""

from __future__ import annotations

import json

from cms.content_generation import _increment
from cms.graphql.view import MAX_BODY_BYTES
from cms.models import ApiKey
from cms.security.api_keys import issue_key
from tests.database_down import run_with_database_down

pytest_plugins = ["services_catalog.testing"]

SERVICES = "query($locale: String) { services(locale: $locale, first: 5) { totalCount } }"
PARTNER_ORIGIN = "https://portal.example.gov.sa"


def post(client, query, variables=None, **headers):
    body = json.dumps({"query": query, "variables": variables or {}})
    return client.post("/graphql/", body, content_type="application/json", **headers)


def codes(response) -> set[str]:
    return {error["extensions"]["code"] for error in response.json()["errors"]}


# --- status codes, media types, error codes ----------------------------------------------------


def test_a_field_error_beside_data_is_200_and_a_request_error_is_400(client, site_tree):
    field_error = post(client, '{ siteSettings { contactPhone } pageById(id: "abc") { id } }')
    assert field_error.status_code == 200
    assert field_error.json()["data"]["siteSettings"] is not None
    assert codes(field_error) == {"BAD_USER_INPUT"}
    for query, code in [
        ("{ nope }", "VALIDATION_FAILED"),
        ("{ page(", "BAD_REQUEST"),
        ('{ page(path: "/") { ' + "parent { " * 12 + "id" + " }" * 12 + " } }", "TOO_DEEP"),
    ]:
        refused = post(client, query)
        assert refused.status_code == 400 and refused["Content-Type"] == "application/json"
        assert "data" not in refused.json() and codes(refused) == {code}, refused.json()


def test_the_graphql_response_media_type_when_asked(client, site_tree):
    accept = "application/graphql-response+json, application/json;q=0.9"
    ok = post(client, "{ __typename }", HTTP_ACCEPT=accept)
    assert ok.status_code == 200 and ok["Content-Type"] == "application/graphql-response+json"
    refused = post(client, "{ nope }", HTTP_ACCEPT=accept)
    assert refused.status_code == 400
    assert refused["Content-Type"] == "application/graphql-response+json"
    assert post(client, "{ __typename }")["Content-Type"] == "application/json"


def test_oversized_and_unreadable_bodies_get_json(client, db):
    huge = json.dumps({"query": "{ __typename }", "pad": "x" * (MAX_BODY_BYTES + 1)})
    for response in (
        client.post("/graphql/", huge, content_type="application/json"),
        client.post("/graphql/", "{", content_type="application/json"),
        client.put("/graphql/", "{}", content_type="application/json"),
        client.post("/graphql/", "q", content_type="text/plain"),
    ):
        assert response["Content-Type"] == "application/json", response.content[:200]
        assert response.status_code in (400, 405, 415)
        assert response.json()["errors"][0]["extensions"]["code"]


def test_content_language_follows_the_locale_asked(client, catalogue):
    assert post(client, SERVICES, {"locale": "en"})["Content-Language"] == "en"
    assert post(client, SERVICES, {"locale": "ar"})["Content-Language"] == "ar"
    assert post(client, SERVICES)["Content-Language"] == "ar"  # the argument's default
    both = '{ a: services(locale: "ar") { totalCount } b: services(locale: "en") { totalCount } }'
    assert post(client, both)["Content-Language"] == "ar, en"


# --- ETag, 304, Cache-Control -------------------------------------------------------------------


def test_a_shared_get_has_an_etag_and_if_none_match_gets_304(client, catalogue):
    params = {"query": SERVICES, "variables": json.dumps({"locale": "en"})}
    first = client.get("/graphql/", params)
    assert first.status_code == 200
    etag = first["ETag"]
    assert "public" in first["Cache-Control"] and "max-age=60" in first["Cache-Control"]
    assert {"Accept", "Authorization", "X-Api-Key"} <= {v.strip() for v in first["Vary"].split(",")}
    again = client.get("/graphql/", params, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again["ETag"] == etag and again.content == b""
    arabic = client.get("/graphql/", {**params, "variables": json.dumps({"locale": "ar"})})
    assert arabic["ETag"] != etag
    _increment()  # what a publish does when its transaction commits
    changed = client.get("/graphql/", params, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_answers_that_must_not_be_shared_carry_no_etag(client, catalogue):
    search = client.get("/graphql/", {"query": '{ search(query: "x") { total } }'})
    assert search.status_code == 200 and "ETag" not in search
    key = issue_key(ApiKey.objects.create(name="Portal"))
    keyed = client.get("/graphql/", {"query": SERVICES}, HTTP_X_API_KEY=key)
    assert "ETag" not in keyed and "public" not in keyed["Cache-Control"]
    posted = post(client, SERVICES)
    assert "ETag" not in posted and "public" not in posted.get("Cache-Control", "")


# --- CORS ---------------------------------------------------------------------------------------


def preflight(client, origin: str):
    return client.options(
        "/graphql/",
        HTTP_ORIGIN=origin,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="content-type, x-api-key",
    )


def test_cors_for_listed_origins_without_credentials(client, db, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://open.example.org"]
    allowed = preflight(client, "https://open.example.org")
    assert allowed.status_code == 200
    assert allowed["Access-Control-Allow-Origin"] == "https://open.example.org"
    assert "x-api-key" in allowed["Access-Control-Allow-Headers"]
    assert "Access-Control-Allow-Credentials" not in allowed
    other = preflight(client, "https://elsewhere.example.com")
    assert "Access-Control-Allow-Origin" not in other
    answer = post(client, "{ __typename }", HTTP_ORIGIN="https://open.example.org")
    assert answer["Access-Control-Allow-Origin"] == "https://open.example.org"
    assert "Access-Control-Allow-Credentials" not in answer


def test_a_key_opens_its_own_origins(client, db, settings):
    settings.CORS_ALLOWED_ORIGINS = []
    key = issue_key(ApiKey.objects.create(name="Portal", allowed_origins=PARTNER_ORIGIN + "\n"))
    assert preflight(client, PARTNER_ORIGIN)["Access-Control-Allow-Origin"] == PARTNER_ORIGIN
    with_key = post(client, "{ __typename }", HTTP_ORIGIN=PARTNER_ORIGIN, HTTP_X_API_KEY=key)
    assert with_key["Access-Control-Allow-Origin"] == PARTNER_ORIGIN
    without = post(client, "{ __typename }", HTTP_ORIGIN=PARTNER_ORIGIN)
    assert "Access-Control-Allow-Origin" not in without
    ApiKey.objects.update(is_active=False)
    assert "Access-Control-Allow-Origin" not in preflight(client, PARTNER_ORIGIN)


# --- keys ---------------------------------------------------------------------------------------


def test_bearer_is_the_same_key_and_anything_unreadable_is_a_401(client, db):
    key = issue_key(ApiKey.objects.create(name="Portal", requests_per_minute=7))
    bearer = post(client, "{ __typename }", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert bearer.status_code == 200 and bearer["RateLimit-Limit"] == "7"
    for headers in (
        {"HTTP_AUTHORIZATION": f"Basic {key}"},
        {"HTTP_AUTHORIZATION": "Bearer mzn_nope_nope"},
        {"HTTP_AUTHORIZATION": f"Bearer {key}", "HTTP_X_API_KEY": key + "x"},
        {"HTTP_X_API_KEY": "mzn_unknown"},
    ):
        refused = post(client, "{ __typename }", **headers)
        assert refused.status_code == 401, headers
        assert codes(refused) == {"INVALID_API_KEY"}


def test_revoking_or_rotating_applies_on_the_next_request(client, db):
    api_key = ApiKey.objects.create(name="Portal")
    old = issue_key(api_key)
    assert post(client, "{ __typename }", HTTP_X_API_KEY=old).status_code == 200
    new = issue_key(api_key)  # rotation
    assert post(client, "{ __typename }", HTTP_X_API_KEY=old).status_code == 401
    assert post(client, "{ __typename }", HTTP_X_API_KEY=new).status_code == 200
    # Revoked from another process (the admin on another host): no signal reaches this one.
    ApiKey.objects.filter(pk=api_key.pk).update(is_active=False)
    assert post(client, "{ __typename }", HTTP_X_API_KEY=new).status_code == 401


# --- the database down (issue 19, F3) -----------------------------------------------------------

DATABASE_DOWN_SCRIPT = """
import json, django
django.setup()
from django.test import Client
from django.test.utils import override_settings
locmem = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "answers"}
answers = {}
with override_settings(CACHES={**__import__("django.conf").conf.settings.CACHES, "responses": locmem}):
    client = Client()
    query = "{ news { totalCount } }"
    for name, response in (
        ("post", client.post("/graphql/", json.dumps({"query": query}),
                             content_type="application/json")),
        ("get", client.get("/graphql/", {"query": query})),
        ("key", client.get("/graphql/", {"query": query}, HTTP_X_API_KEY="mzn_a_b")),
        ("graphql-response", client.post("/graphql/", json.dumps({"query": query}),
                             content_type="application/json",
                             HTTP_ACCEPT="application/graphql-response+json")),
    ):
        answers[name] = [response.status_code, response["Content-Type"],
                         response.get("Retry-After"), response.content.decode()]
print("ANSWERS" + json.dumps(answers))
"""


def test_graphql_answers_json_when_the_database_is_down_with_the_cache_on():
    answers = run_with_database_down(DATABASE_DOWN_SCRIPT)
    for name, (status, content_type, retry_after, body) in answers.items():
        assert status == 503, (name, body[:300])
        assert content_type.startswith("application/"), (name, content_type)
        assert "json" in content_type and retry_after, name
        error = json.loads(body)["errors"][0]
        assert error["extensions"]["code"] == "SERVICE_UNAVAILABLE", name


def test_the_api_keys_command_creates_lists_rotates_and_revokes(client, db):
    from io import StringIO

    from django.core.management import call_command

    def run(*args) -> list[str]:
        out = StringIO()
        call_command("api_keys", *args, stdout=out)
        return out.getvalue().splitlines()

    created = run("create", "Citizen portal", "--origin", PARTNER_ORIGIN, "--introspection")
    key = created[-1]
    api_key = ApiKey.objects.get()
    assert key.startswith(f"mzn_{api_key.prefix}_") and api_key.allow_introspection
    assert api_key.allowed_origins == PARTNER_ORIGIN
    listed = "\n".join(run("list"))
    assert api_key.prefix in listed and key not in listed  # the secret is never shown again
    assert post(client, "{ __typename }", HTTP_X_API_KEY=key).status_code == 200
    rotated = run("rotate", api_key.prefix)[-1]
    assert post(client, "{ __typename }", HTTP_X_API_KEY=key).status_code == 401
    assert post(client, "{ __typename }", HTTP_X_API_KEY=rotated).status_code == 200
    run("revoke", ApiKey.objects.get().prefix)
    assert post(client, "{ __typename }", HTTP_X_API_KEY=rotated).status_code == 401


def test_usage_per_key_is_counted_in_the_buffer_and_listed_in_the_admin(client, db, settings):
    from django.contrib.auth import get_user_model
    from django.core.cache import caches

    from cms.models import ApiKeyUsage
    from cms.security.api_key_usage import usage_buffer

    settings.COUNTS_FLUSH_SECONDS = 3600  # nothing is written until the buffer is flushed
    caches[settings.RATE_LIMIT_CACHE].clear()  # key ids repeat across tests: start a new window
    api_key = ApiKey.objects.create(name="Counted portal", requests_per_minute=3)
    key = issue_key(api_key)
    statuses = [
        post(client, q, HTTP_X_API_KEY=key).status_code
        for q in ("{ __typename }", "{ nope }", "{ __typename }", "{ __typename }")
    ]
    assert statuses == [200, 400, 200, 429]
    assert not ApiKeyUsage.objects.exists()  # no database write per request
    usage_buffer.flush()
    usage = ApiKeyUsage.objects.get(api_key=api_key)
    assert (usage.requests, usage.client_errors, usage.rate_limited) == (4, 1, 1)
    admin = get_user_model().objects.create_superuser("boss", "b@example.org", "pw-0123456789")
    client.force_login(admin)
    listing = client.get("/admin/api-key-usage/")
    assert listing.status_code == 200 and "Counted portal" in listing.content.decode()


def test_the_admin_form_sets_origins_and_introspection(client, db):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("boss", "b@example.org", "pw-0123456789")
    client.force_login(admin)
    api_key = ApiKey.objects.create(name="Portal")
    issue_key(api_key)
    form = {
        "name": "Portal",
        "requests_per_minute": "100",
        "is_active": "on",
        "allow_introspection": "on",
        "allowed_origins": "https://a.example.org\nnot an origin",
    }
    refused = client.post(f"/admin/api-keys/edit/{api_key.pk}/", form)
    # The admin speaks Arabic by default.
    assert refused.status_code == 200 and "ليس عنوان موقع" in refused.content.decode()
    form["allowed_origins"] = "https://a.example.org"
    assert client.post(f"/admin/api-keys/edit/{api_key.pk}/", form).status_code == 302
    api_key.refresh_from_db()
    assert api_key.allow_introspection and api_key.allowed_origins == "https://a.example.org"


def test_usage_is_counted_on_riyadhs_day(db, monkeypatch):
    """21:30 UTC on 6 December is 00:30 on 7 December in Riyadh, the day every other daily
    count of the admin uses."""
    import datetime

    from django.utils import timezone

    from cms.models import ApiKeyUsage
    from cms.security import api_key_usage

    api_key = ApiKey.objects.create(name="Night portal", requests_per_minute=3)
    instant = datetime.datetime(2026, 12, 6, 21, 30, tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: instant)
    api_key_usage.record(api_key.pk, 200)
    api_key_usage.usage_buffer.flush()
    assert ApiKeyUsage.objects.get(api_key=api_key).day == datetime.date(2026, 12, 7)
