"""Cached API answers and pages: fast when nothing changed, never stale when something did.

These run on the suite's own `responses` cache: local memory, or Redis when REDIS_URL is set
(as `.ci/run` does), emptied before each test (cms/testing.py). They use only the public cache
API, so they test whichever backend is configured.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.db import connection
from django.db.models import Sum
from django.http import JsonResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from wagtail.models import Site

from cms.content_generation import current_generation
from cms.graphql import response_cache as graphql_answers
from cms.graphql.execute import execute_document
from cms.response_store import CACHE_ALIAS, lifetime
from frontend.testing import build_site
from search.models import SearchQueryDay
from services_catalog.models import ServiceDailyStats
from site_pages.models import Menu, MenuItem

SERVICE_URL = "/ar/services/loan-exemption/"
CONTACT_CENTRE_URL = "/ar/contact-centre/"
DUMMY_CACHE = "django.core.cache.backends.dummy.DummyCache"
PAGE_QUERY = 'query Title { page(path: "/about/", locale: "ar") { title } }'


@pytest.fixture
def response_cache():
    """The suite's cache for answers and pages, as configured (cms/testing.py empties it)."""
    return caches[CACHE_ALIAS]


@pytest.fixture
def site(db, response_cache):
    return build_site()


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """Publish as the admin does: the generation moves when the transaction commits."""

    def run(change) -> None:
        with django_capture_on_commit_callbacks(execute=True):
            change()

    return run


def _stored(query: str, variables=None, *, language: str = "ar", request=None) -> bool:
    """Whether an answer to `query` is stored, for that language and the request's host."""
    with translation.override(language):
        key = graphql_answers.key_for(query, variables, None, request)
    return caches[CACHE_ALIAS].has_key(key)


def _title(request=None) -> str:
    result = execute_document(PAGE_QUERY, context=request)
    assert not result.errors, result.errors
    return result.data["page"]["title"]


# --- GraphQL answers ---------------------------------------------------------------------------


def test_a_repeated_query_is_answered_from_the_cache(site, response_cache):
    first = _title()
    with CaptureQueriesContext(connection) as queries:
        assert _title() == first
    assert len(queries) == 1  # the generation, nothing else
    assert _stored(PAGE_QUERY)
    assert not _stored(PAGE_QUERY, language="en")


def test_a_publish_shows_in_the_very_next_answer(site, publish):
    _title()
    about = site["about"].specific
    about.title = "من نحن - محدثة"
    publish(lambda: about.save_revision().publish())
    assert _title() == "من نحن - محدثة"


def test_an_unpublished_page_disappears_at_once(site, publish):
    _title()
    publish(site["about"].specific.unpublish)
    assert execute_document(PAGE_QUERY).data["page"] is None


def test_a_menu_edit_shows_at_once(site, publish):
    query = 'query { menu(slot: MAIN, locale: "ar") { items { label url } } }'
    before = execute_document(query).data
    menu = Menu.objects.get(slot="main", locale__language_code="ar")
    publish(
        lambda: MenuItem.objects.create(menu=menu, label="عنصر جديد", url="https://example.org/")
    )
    after = execute_document(query).data
    assert after != before
    assert "عنصر جديد" in str(after)


def test_a_saved_draft_keeps_the_cached_answer(site, publish):
    _title()
    about = site["about"].specific
    about.title = "مسودة"
    generation = current_generation()
    publish(about.save_revision)
    assert current_generation() == generation
    assert _title() != "مسودة"


def test_a_preview_never_enters_the_cache(site, response_cache):
    about = site["about"].specific
    about.title = "مسودة للمعاينة"
    about.save_revision()
    token = about.create_page_preview().token
    query = "query P($t: String!) { pagePreview(token: $t) { title } }"
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            result = execute_document(query, {"t": token})
        assert result.data["pagePreview"]["title"] == "مسودة للمعاينة"
        assert len(queries) > 1  # resolved each time, not answered from a stored entry
    assert not _stored(query, {"t": token})


def test_searches_and_kpis_are_never_cached(site, response_cache):
    search = 'query { search(query: "قرض", locale: "ar") { total } }'
    kpis = 'query { service(code: "MOF-IND-001", locale: "ar") { kpis { views } } }'
    for query in (search, kpis):
        for _ in range(2):
            with CaptureQueriesContext(connection) as queries:
                assert not execute_document(query).errors
            assert len(queries) > 1  # resolved each time
        assert not _stored(query)


def test_mutations_are_never_cached(site, response_cache):
    mutation = (
        'mutation { recordServiceEvent(code: "MOF-IND-001", event: START, locale: "ar") { ok } }'
    )
    starts = []
    for _ in range(2):
        assert execute_document(mutation).data == {"recordServiceEvent": {"ok": True}}
        starts.append(ServiceDailyStats.objects.aggregate(n=Sum("starts"))["n"])
    assert starts[1] == starts[0] + 1
    assert not _stored(mutation)


def test_an_answer_lives_no_longer_than_the_next_expiry(site):
    generation = current_generation()
    assert lifetime(generation) > 60
    about = site["about"]
    type(about).objects.filter(pk=about.pk).update(
        expire_at=timezone.now() + datetime.timedelta(seconds=30)
    )
    assert 0 < lifetime(generation + 1) <= 30


def test_the_http_endpoint_shares_the_cache(site, client, response_cache):
    def post():
        return client.post("/graphql/", {"query": PAGE_QUERY}, content_type="application/json")

    assert post().json() == {"data": {"page": {"title": "عن الوزارة"}}}
    with CaptureQueriesContext(connection) as queries:
        assert post().json() == {"data": {"page": {"title": "عن الوزارة"}}}
    assert len(queries) == 1  # the generation
    assert _stored(PAGE_QUERY, request=RequestFactory().post("/graphql/"))


def test_the_same_query_in_arabic_and_english_is_stored_apart(site, publish):
    """A rich-text link points at the linked page in the active language: the same document
    has a different answer in each, and each must get its own."""
    about = site["about"].specific
    contact = site["centre"]
    about.body = [("paragraph", f'<p><a linktype="page" id="{contact.pk}">مركز الاتصال</a></p>')]
    publish(lambda: about.save_revision().publish())
    query = """query { page(path: "/about/", locale: "ar") {
        ... on StandardPage { body { ... on ParagraphBlock { html } } } } }"""

    def link(language: str) -> str:
        with translation.override(language):
            result = execute_document(query)
        assert not result.errors, result.errors
        return result.data["page"]["body"][0]["html"]

    assert 'href="/ar/contact-centre/"' in link("ar")
    assert 'href="/en/contact-centre/"' in link("en")
    with CaptureQueriesContext(connection) as queries:
        assert 'href="/ar/contact-centre/"' in link("ar")
        assert 'href="/en/contact-centre/"' in link("en")
    assert len(queries) == 2  # each answered from its own entry


def test_the_same_query_on_two_hosts_is_stored_apart(site, client, publish):
    """Absolute addresses in an answer (JSON-LD) are the host's own: another site's visitors
    must not be sent this one's."""
    publish(
        lambda: Site.objects.create(hostname="portal.example.org", port=80, root_page=site["home"])
    )
    query = 'query { service(code: "MOF-IND-001", locale: "ar") { jsonLd } }'

    def json_ld(host: str) -> str:
        response = client.post(
            "/graphql/", {"query": query}, content_type="application/json", HTTP_HOST=host
        )
        assert response.status_code == 200, response.content
        return response.json()["data"]["service"]["jsonLd"]

    for _ in range(2):  # the second round from the cache
        assert "http://localhost/" in json_ld("localhost")
        portal = json_ld("portal.example.org")
        assert "http://portal.example.org/" in portal and "localhost" not in portal


def test_a_stored_answer_is_sent_byte_for_byte_as_a_fresh_one(site, client, settings):
    """A hit is sent as stored, not re-encoded: it must be what JsonResponse sends fresh (Arabic
    unescaped, dates as the encoder writes them)."""
    query = 'query { page(path: "/about/", locale: "ar") { title lastPublishedAt url } }'

    def post():
        return client.post("/graphql/", {"query": query}, content_type="application/json")

    stored_answers = settings.CACHES["responses"]
    settings.CACHES = {**settings.CACHES, "responses": {"BACKEND": DUMMY_CACHE}}
    fresh = post()
    settings.CACHES = {**settings.CACHES, "responses": stored_answers}
    post()  # stored
    with CaptureQueriesContext(connection) as queries:
        hit = post()
    assert len(queries) == 1  # the generation: the answer came from the cache
    assert "عن الوزارة" in hit.content.decode("utf-8")
    assert hit.content == fresh.content
    assert hit["Content-Type"] == fresh["Content-Type"] == "application/json"
    assert hit.status_code == fresh.status_code == 200


def test_each_operation_of_a_document_is_stored_apart(site):
    """One document, two operations: the operation run decides the answer, so it is part of
    the entry's key."""
    document = """query Title { page(path: "/about/", locale: "ar") { title } }
        query Path { page(path: "/about/", locale: "ar") { url } }"""

    def run(operation: str) -> dict:
        result = execute_document(document, operation_name=operation)
        assert not result.errors, result.errors
        return result.data["page"]

    for _ in range(2):  # the second round from the cache
        assert run("Title") == {"title": "عن الوزارة"}
        assert run("Path") == {"url": "/ar/about/"}


def test_the_same_variables_in_another_order_share_an_entry(site):
    query = "query($p: String!, $l: String) { page(path: $p, locale: $l) { title } }"
    first = execute_document(query, {"p": "/about/", "l": "ar"})
    assert first.data == {"page": {"title": "عن الوزارة"}}
    with CaptureQueriesContext(connection) as queries:
        again = execute_document(query, {"l": "ar", "p": "/about/"})
    assert again.data == first.data
    assert len(queries) == 1  # the generation: the same entry
    other = execute_document(query, {"p": "/contact-centre/", "l": "ar"})
    assert other.data["page"]["title"] != "عن الوزارة"  # other values, another entry


@pytest.mark.parametrize("stored", [b"not zlib", "text", 7])
def test_an_unreadable_entry_is_a_miss_not_an_error(site, response_cache, stored):
    key = graphql_answers.key_for(PAGE_QUERY, None, None, None)
    response_cache.set(key, stored)
    assert graphql_answers.load(key) is None
    assert _title() == "عن الوزارة"  # answered afresh, and stored again readable
    assert graphql_answers.decode(graphql_answers.load(key)) == {"page": {"title": "عن الوزارة"}}


def test_a_refused_host_shares_no_entry_with_an_allowed_one_nor_with_none(site, settings):
    settings.ALLOWED_HOSTS = ["localhost"]
    allowed = RequestFactory().post("/graphql/", HTTP_HOST="localhost")
    refused = RequestFactory().post("/graphql/", HTTP_HOST="evil.example")
    keys = {
        graphql_answers.key_for(PAGE_QUERY, None, None, context)
        for context in (None, allowed, refused, object())
    }
    # No context and a context without a host share the in-process entry; the others do not.
    assert len(keys) == 3


def test_a_field_named_never_cached_keeps_its_operations_out_of_every_cache():
    fields = frozenset({"page", "mizanTestLiveFigure"})
    assert graphql_answers.may_be_shared(fields)
    graphql_answers.never_cache_field("mizanTestLiveFigure")
    try:
        assert not graphql_answers.may_be_shared(fields)
        assert not graphql_answers.is_cacheable(fields, is_mutation=False)
        assert graphql_answers.may_be_shared(frozenset({"page"}))
    finally:
        graphql_answers._never_cached_fields.discard("mizanTestLiveFigure")


def test_the_stored_body_is_what_jsonresponse_sends_for_any_answer():
    """Dates, decimals and Arabic text, encoded as the endpoint's JsonResponse does (UTF-8, not
    \\u escapes), so a hit and a fresh answer are the same bytes."""
    data = {"title": "عن الوزارة", "on": datetime.date(2026, 12, 6), "fee": Decimal("50.00")}
    expected = JsonResponse({"data": data}, json_dumps_params={"ensure_ascii": False}).content
    assert graphql_answers.encode(data) == expected
    assert (
        expected == '{"data": {"title": "عن الوزارة", "on": "2026-12-06", "fee": "50.00"}}'.encode()
    )


# --- Rendered pages ----------------------------------------------------------------------------


def test_a_page_is_stored_then_served_with_an_etag_and_304(site, client):
    first = client.get("/ar/about/")
    assert first["X-Cache"] == "MISS"
    assert "public" in first["Cache-Control"] and "max-age=60" in first["Cache-Control"]
    second = client.get("/ar/about/")
    assert second["X-Cache"] == "HIT"
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    # The security headers are added to stored pages too.
    assert "script-src 'self'" in second["Content-Security-Policy"]
    assert second["X-Content-Type-Options"] == "nosniff"
    not_modified = client.get("/ar/about/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert not_modified.status_code == 304
    assert not_modified.content == b""
    assert client.get("/ar/about/", HTTP_IF_NONE_MATCH='W/"other"').status_code == 200
    # A client that may only change what it saw (If-Match) learns the page has changed.
    assert client.get("/ar/about/", HTTP_IF_MATCH='"other"').status_code == 412


def test_a_stored_page_is_cheap(site, client):
    client.get("/ar/about/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/ar/about/")["X-Cache"] == "HIT"
    assert len(queries) == 1  # the generation


def test_a_publish_shows_on_the_very_next_page_view(site, client, publish):
    client.get("/ar/about/")
    about = site["about"].specific
    about.title = "عن الوزارة - تصحيح"
    publish(lambda: about.save_revision().publish())
    response = client.get("/ar/about/")
    assert response["X-Cache"] == "MISS"
    assert "عن الوزارة - تصحيح" in response.content.decode()


def test_display_preferences_get_their_own_stored_page(site, client):
    client.get("/en/")
    client.cookies["mizan_contrast"] = "high"
    response = client.get("/en/")
    assert response["X-Cache"] == "MISS"
    assert "contrast-high" in response.content.decode()
    assert "Cookie" in response["Vary"]


def test_previews_are_not_stored(site, client):
    about = site["about"].specific
    about.title = "مسودة"
    about.save_revision()
    token = about.create_page_preview().token
    for _ in range(2):
        response = client.get(
            "/preview/", {"content_type": "site_pages.standardpage", "token": token}
        )
        assert response.status_code == 200
        assert response.get("X-Cache") != "HIT"
        assert "no-store" in response["Cache-Control"]


@pytest.fixture
def editor(db):
    user = get_user_model().objects.create_superuser(
        "editor", "editor@example.org", "a-long-password-1", first_name="Huda", last_name="Saleh"
    )
    return user


def test_an_editor_never_gets_the_anonymous_page_nor_the_other_way_round(site, client, editor):
    anonymous = client.get("/ar/about/")  # stored for visitors
    assert client.get("/ar/about/")["X-Cache"] == "HIT"

    editor_client = Client()
    editor_client.force_login(editor)
    theirs = editor_client.get("/ar/about/")
    html = theirs.content.decode()
    assert "Huda Saleh" in html and f"/admin/pages/{site['about'].pk}/edit/" in html
    assert "X-Cache" not in theirs
    assert "private" in theirs["Cache-Control"] and "public" not in theirs["Cache-Control"]

    again = client.get("/ar/about/")
    assert again.content == anonymous.content
    assert "Huda Saleh" not in again.content.decode()


def test_a_stored_form_carries_each_visitors_own_token(site):
    first = Client(enforce_csrf_checks=True)
    second = Client(enforce_csrf_checks=True)
    token_pattern = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
    assert first.get(CONTACT_CENTRE_URL)["X-Cache"] == "MISS"
    response = second.get(CONTACT_CENTRE_URL)
    assert response["X-Cache"] == "HIT"
    assert "private" in response["Cache-Control"]
    token = token_pattern.search(response.content.decode()).group(1)
    assert "__mizan_csrf_token__" not in response.content.decode()
    assert second.cookies["csrftoken"].value
    # Not refused as a forgery (403): the form is checked and shown again with its errors.
    sent = second.post("/ar/enquiry/", {"message": "", "csrfmiddlewaretoken": token})
    assert sent.status_code == 400


def test_a_stored_service_page_is_public_and_holds_no_token(site):
    first = Client(enforce_csrf_checks=True)
    assert first.get(SERVICE_URL)["X-Cache"] == "MISS"
    response = Client(enforce_csrf_checks=True).get(SERVICE_URL)
    assert response["X-Cache"] == "HIT"
    assert "public" in response["Cache-Control"] and "private" not in response["Cache-Control"]
    assert "csrftoken" not in response.cookies
    assert "csrfmiddlewaretoken" not in response.content.decode()


def test_a_stored_service_page_still_counts_its_views(site, client):
    def views() -> int:
        return ServiceDailyStats.objects.aggregate(n=Sum("views"))["n"] or 0

    before = views()
    assert client.get(SERVICE_URL)["X-Cache"] == "MISS"
    assert client.get(SERVICE_URL)["X-Cache"] == "HIT"
    assert views() == before + 2
    # A HEAD (a monitor, a link checker) shows the page to nobody: answered from the stored page,
    # not counted, as the view itself (405) counts none.
    assert client.head(SERVICE_URL)["X-Cache"] == "HIT"
    assert views() == before + 2


def test_a_stored_search_page_still_counts_its_search(site, client, publish):
    def searches() -> int:
        return SearchQueryDay.objects.aggregate(n=Sum("searches"))["n"] or 0

    before = searches()
    first = client.get("/ar/search/", {"q": "قرض"})
    assert first["X-Cache"] == "MISS"
    assert "public" in first["Cache-Control"]
    assert client.get("/ar/search/", {"q": "قرض"})["X-Cache"] == "HIT"
    assert client.get("/ar/search/", {"q": "قرض", "page": "2"})["X-Cache"] == "MISS"
    assert searches() == before + 2  # the first page, twice; later pages are not counted again
    row = SearchQueryDay.objects.get(query="قرض")
    assert row.searches == 2

    # A publish changes what the same search finds, on the very next request.
    about = site["about"].specific
    publish(lambda: setattr(about, "title", "قرض الإسكان") or about.save_revision().publish())
    again = client.get("/ar/search/", {"q": "قرض"})
    assert again["X-Cache"] == "MISS"
    assert "قرض الإسكان" in again.content.decode()


def test_the_api_counts_a_search_unless_told_not_to(site):
    def searches() -> int:
        return SearchQueryDay.objects.aggregate(n=Sum("searches"))["n"] or 0

    before = searches()
    assert not execute_document('query { search(query: "قرض", locale: "ar") { total } }').errors
    assert searches() == before + 1
    quiet = 'query { search(query: "قرض", locale: "ar", record: false) { total } }'
    assert not execute_document(quiet).errors
    assert searches() == before + 1


def test_junk_display_cookies_make_no_new_stored_pages(site, client):
    # Through the public cache behaviour only (so it holds on Redis too): every junk value is a
    # HIT on the one page stored without preferences, so none of them stored a page of its own.
    assert client.get("/en/")["X-Cache"] == "MISS"
    for junk in ("7", "nonsense", "2 ", "-0", "HIGH", "high'--"):
        client.cookies["mizan_text"] = junk
        client.cookies["mizan_contrast"] = junk
        response = client.get("/en/")
        assert response["X-Cache"] == "HIT", junk  # the page without preferences
        assert '<html lang="en" dir="ltr">' in response.content.decode()
    client.cookies["mizan_text"], client.cookies["mizan_contrast"] = "2", "high"
    assert client.get("/en/")["X-Cache"] == "MISS"  # a real variant gets its own page
    assert client.get("/en/")["X-Cache"] == "HIT"
