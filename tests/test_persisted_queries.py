"""Apollo automatic persisted queries through the real /graphql/ endpoint (issue 20, item 3):
hash only -> PersistedQueryNotFound -> hash + query -> hash only answers, over GET and POST;
mismatched hashes refused; GET answers cacheable; mutations by GET refused; limits apply to
stored queries; every worker sees a stored query (the table behind the cache)."""

from __future__ import annotations

import hashlib
import json

import pytest
from django.core.cache import caches

from cms.models import PersistedQuery

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("answers_not_stored")]

QUERY = 'query Settings { siteSettings(locale: "en") { contactPhone } }'


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def extension(digest: str) -> dict:
    return {"persistedQuery": {"version": 1, "sha256Hash": digest}}


def post(client, body: dict, **headers):
    return client.post(
        "/graphql/", data=json.dumps(body), content_type="application/json", **headers
    )


def get(client, params: dict, **headers):
    encoded = {k: json.dumps(v) if isinstance(v, dict) else v for k, v in params.items()}
    return client.get("/graphql/", encoded, **headers)


def codes(response) -> list[str]:
    return [e["extensions"]["code"] for e in response.json().get("errors", [])]


def forget_cache() -> None:
    caches["default"].clear()


@pytest.fixture(autouse=True)
def no_stored_queries():
    """The default cache is per process: start and end every test without stored queries."""
    forget_cache()
    yield
    forget_cache()


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_round_trip(client, home_ar, method):
    send = get if method == "GET" else post
    digest = sha(QUERY)
    missing = send(client, {"extensions": extension(digest), "operationName": "Settings"})
    assert missing.status_code == 200
    assert missing.json() == {
        "errors": [
            {
                "message": "PersistedQueryNotFound",
                "extensions": {"code": "PERSISTED_QUERY_NOT_FOUND"},
            }
        ]
    }
    assert "no-cache" in missing["Cache-Control"] or "max-age=0" in missing["Cache-Control"]
    registered = send(client, {"query": QUERY, "extensions": extension(digest)})
    assert registered.status_code == 200 and "data" in registered.json(), registered.content
    answered = send(client, {"extensions": extension(digest), "operationName": "Settings"})
    assert answered.status_code == 200
    assert answered.json() == registered.json()
    assert PersistedQuery.objects.get(sha256=digest).query == QUERY


def test_a_stored_query_survives_a_cache_flush_and_other_workers_see_it(client, home_ar):
    digest = sha(QUERY)
    post(client, {"query": QUERY, "extensions": extension(digest)})
    forget_cache()  # another worker's empty LocMem cache, or a flushed Redis
    answered = get(client, {"extensions": extension(digest)})
    assert answered.status_code == 200 and "data" in answered.json()


def test_get_by_hash_is_cacheable_with_the_same_etag_as_the_query(client, home_ar):
    digest = sha(QUERY)
    by_query = get(client, {"query": QUERY, "extensions": extension(digest)})
    by_hash = get(client, {"extensions": extension(digest)})
    assert by_hash["ETag"] and by_hash["ETag"] == by_query["ETag"]
    assert "public" in by_hash["Cache-Control"]
    again = get(client, {"extensions": extension(digest)}, HTTP_IF_NONE_MATCH=by_hash["ETag"])
    assert again.status_code == 304


def test_a_hash_that_is_not_the_querys_is_refused(client, home_ar):
    wrong = sha("something else")
    for send in (get, post):
        refused = send(client, {"query": QUERY, "extensions": extension(wrong)})
        assert refused.status_code == 400 and codes(refused) == ["BAD_REQUEST"]
        assert "sha" in refused.json()["errors"][0]["message"]
    assert not PersistedQuery.objects.exists()
    assert codes(get(client, {"extensions": extension(wrong)})) == ["PERSISTED_QUERY_NOT_FOUND"]


@pytest.mark.parametrize(
    "extensions",
    [
        {"persistedQuery": {"version": 2, "sha256Hash": "0" * 64}},
        {"persistedQuery": {"version": 1, "sha256Hash": "xyz"}},
        {"persistedQuery": {"version": 1}},
        {"persistedQuery": "abc"},
        "not an object",
    ],
)
def test_a_malformed_extension_is_a_clear_400(client, extensions):
    refused = post(client, {"extensions": extensions})
    assert refused.status_code == 400 and codes(refused) == ["BAD_REQUEST"]
    broken = client.get("/graphql/", {"extensions": "{nope"})
    assert broken.status_code == 400 and "'extensions'" in broken.json()["errors"][0]["message"]


def test_an_invalid_query_is_not_stored(client):
    bad = "{ noSuchField }"
    refused = post(client, {"query": bad, "extensions": extension(sha(bad))})
    assert codes(refused) == ["VALIDATION_FAILED"]
    assert not PersistedQuery.objects.exists()
    assert codes(post(client, {"extensions": extension(sha(bad))})) == ["PERSISTED_QUERY_NOT_FOUND"]


def test_a_stored_mutation_is_refused_by_get(client):
    mutation = 'mutation { submitServiceFeedback(code: "MOF-IND-001", useful: true) { ok } }'
    digest = sha(mutation)
    post(client, {"query": mutation, "extensions": extension(digest)})  # stored even if it fails
    refused = get(client, {"extensions": extension(digest)})
    assert refused.status_code == 405 and codes(refused) == ["METHOD_NOT_ALLOWED"]


def test_request_limits_apply_to_a_stored_query(client, settings):
    deep = '{ page(path: "/") { ' + "parent { " * 12 + "id" + " }" * 13 + " }"
    digest = sha(deep)
    # Stored by someone before the limits were lowered: the limits still run on every request.
    PersistedQuery.objects.create(sha256=digest, query=deep)
    refused = get(client, {"extensions": extension(digest)})
    assert refused.status_code == 400 and codes(refused) == ["TOO_DEEP"]


def test_the_table_is_capped(client, settings, home_ar):
    settings.APQ_MAX_STORED_QUERIES = 1
    for locale in ("ar", "en"):
        query = f'{{ siteSettings(locale: "{locale}") {{ contactPhone }} }}'
        assert "data" in post(client, {"query": query, "extensions": extension(sha(query))}).json()
    assert PersistedQuery.objects.count() == 1
    english = '{ siteSettings(locale: "en") { contactPhone } }'
    assert "data" in get(client, {"extensions": extension(sha(english))}).json()  # from the cache
