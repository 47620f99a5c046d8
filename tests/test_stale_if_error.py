"""Stale-if-error: through a database outage, what was stored is served, marked stale; only what
was never stored gets the outage page (issue 19, item 3).

The database is made unreachable for real, in this process (`database_unreachable`: the
connection points at a closed port, or an SQLite file in no folder). The stored copies are in
the suite's `responses` cache: local memory, or Redis with REDIS_URL (`.ci/run`), so on
PostgreSQL with Redis these run against a shared cache as a scaled-out site does.
"""

from __future__ import annotations

import json

import pytest
from django.db import transaction
from django.utils import translation

from cms.content_generation import current_generation
from cms.graphql.execute import execute_document
from cms.response_store import STALE_WARNING
from frontend.testing import build_site
from tests.database_down import database_unreachable

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.faults,
    pytest.mark.usefixtures("no_outage_under_way"),
]

ABOUT = "/ar/about/"
PAGE_QUERY = 'query Title { page(path: "/about/", locale: "ar") { title } }'


@pytest.fixture
def site(transactional_db):
    return build_site()


def _assert_stale(response) -> None:
    assert response.status_code == 200, response.content[:300]
    assert response["Warning"] == STALE_WARNING
    assert "no-cache" in response["Cache-Control"] and "max-age=60" not in response["Cache-Control"]


def test_a_stored_page_is_served_through_an_outage_marked_stale(site, client):
    fresh = client.get(ABOUT)
    assert fresh["X-Cache"] == "MISS"
    assert "stale-if-error=" in fresh["Cache-Control"]  # CDNs and browsers may do the same
    with database_unreachable():
        stale = client.get(ABOUT)
        never_stored = client.get("/en/about/")
    _assert_stale(stale)
    assert stale["X-Cache"] == "STALE"
    assert stale.content == fresh.content
    assert stale["ETag"] == fresh["ETag"]
    # What was never stored: the outage page, in the visitor's language, not a stale guess.
    assert never_stored.status_code == 503
    assert never_stored["Retry-After"].isdigit()
    assert 'lang="en"' in never_stored.content.decode()
    assert "Warning" not in never_stored


def test_a_stale_page_answers_a_conditional_request_with_304(site, client):
    etag = client.get(ABOUT)["ETag"]
    with database_unreachable():
        response = client.get(ABOUT, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304


def test_a_page_published_before_the_outage_is_never_served_old_once_it_is_back(site, client):
    client.get(ABOUT)
    generation = current_generation()
    about = site["about"].specific
    about.title = "عن الوزارة - تصحيح"
    about.save_revision().publish()  # commits: the generation moves at once
    assert current_generation() == generation + 1
    with database_unreachable():
        during = client.get(ABOUT)
    # Down, the newest stored copy is all there is (the one before the publish), marked stale.
    _assert_stale(during)
    assert "عن الوزارة - تصحيح" not in during.content.decode()
    # Up again: the database's generation decides, so the old copy is never served again.
    after = client.get(ABOUT)
    assert after["X-Cache"] == "MISS" and "Warning" not in after
    assert "عن الوزارة - تصحيح" in after.content.decode()
    assert client.get(ABOUT)["X-Cache"] == "HIT"


def test_a_stale_copy_follows_the_newest_store(site, client):
    client.get(ABOUT)
    about = site["about"].specific
    about.title = "عن الوزارة - تصحيح"
    about.save_revision().publish()
    client.get(ABOUT)  # stored again under the new generation
    with database_unreachable():
        response = client.get(ABOUT)
    _assert_stale(response)
    assert "عن الوزارة - تصحيح" in response.content.decode()


def test_signed_in_editors_get_the_outage_page_not_the_visitors_copy(site, client):
    client.get(ABOUT)
    client.cookies["sessionid"] = "an-editor-session"
    with database_unreachable():
        response = client.get(ABOUT)
    assert response.status_code == 503


def _post(client, query: str):
    return client.post("/graphql/", {"query": query}, content_type="application/json")


def test_a_stored_api_answer_is_served_through_an_outage_marked_stale(site, client):
    fresh = _post(client, PAGE_QUERY)
    assert fresh.json() == {"data": {"page": {"title": "عن الوزارة"}}}
    got = client.get("/graphql/", {"query": PAGE_QUERY})
    assert "stale-if-error=" in got["Cache-Control"]
    other = 'query { page(path: "/about/", locale: "en") { title } }'
    with database_unreachable():
        stale_post = _post(client, PAGE_QUERY)
        stale_get = client.get("/graphql/", {"query": PAGE_QUERY}, HTTP_IF_NONE_MATCH=got["ETag"])
        never_stored = _post(client, other)
    for response in (stale_post, stale_get):
        _assert_stale(response)
        assert response["Content-Type"] == "application/json"
        assert response.content == fresh.content
    assert never_stored.status_code == 503 and never_stored["Retry-After"].isdigit()
    assert never_stored["Content-Type"] == "application/json"
    error = json.loads(never_stored.content)["errors"][0]
    assert error["extensions"]["code"] == "SERVICE_UNAVAILABLE"


def test_the_frontends_in_process_reads_get_stale_answers_too(site):
    with translation.override("ar"):
        assert execute_document(PAGE_QUERY).data == {"page": {"title": "عن الوزارة"}}
        with database_unreachable():
            answer = execute_document(PAGE_QUERY)
    assert answer.stale and not answer.errors
    assert answer.data == {"page": {"title": "عن الوزارة"}}


def test_each_operation_and_each_set_of_variables_gets_its_own_stale_answer(site):
    """The stale copy is found under the whole key, variables and operation included: a page
    whose every query has variables must not lose its stale answer, nor get another's."""
    document = """query Title($path: String!) { page(path: $path, locale: "ar") { title } }
        query Path($path: String!) { page(path: $path, locale: "ar") { url } }"""
    asked = [("Title", "/about/"), ("Path", "/about/"), ("Title", "/contact-centre/")]
    with translation.override("ar"):
        fresh = [
            execute_document(document, {"path": path}, operation_name=operation).data
            for operation, path in asked
        ]
        with database_unreachable():
            stale = [
                execute_document(document, {"path": path}, operation_name=operation)
                for operation, path in asked
            ]
    assert [answer.data for answer in stale] == fresh
    assert all(answer.stale and not answer.errors for answer in stale)
    assert fresh[0] != fresh[2] and fresh[0] != fresh[1]


def test_mutations_are_never_answered_from_a_stored_copy(site, client):
    mutation = (
        'mutation { recordServiceEvent(code: "MOF-IND-001", event: START, locale: "ar") { ok } }'
    )
    assert _post(client, mutation).status_code == 200
    with database_unreachable():
        response = _post(client, mutation)
    assert response.status_code == 503
    assert json.loads(response.content)["errors"][0]["extensions"]["code"] == "SERVICE_UNAVAILABLE"


def test_a_publish_whose_bump_was_lost_to_an_outage_still_retires_the_old_page(site, client):
    """The page commits, then the database goes away before the generation is bumped (the bump
    runs on commit): once it is back, the old page must not be served as current."""
    assert client.get(ABOUT)["X-Cache"] == "MISS"
    about = site["about"].specific
    about.title = "عن الوزارة - تصحيح"
    outage = database_unreachable()
    with transaction.atomic():
        transaction.on_commit(outage.__enter__)  # runs before the bump registered below
        about.save_revision().publish()
    outage.__exit__(None, None, None)
    response = client.get(ABOUT)
    assert response["X-Cache"] == "MISS"
    assert "عن الوزارة - تصحيح" in response.content.decode()
