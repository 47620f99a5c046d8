"""Each rule of cms/page_cache.py, pinned exactly (issue 24): which requests bypass the stored
pages, which answers are stored, the key, the headers kept and replayed, the ETag, the CSRF
token of a stored form, the serve events and the stale copies.

The middleware is driven directly, with RequestFactory requests and small views of this file
(the whole-site tests, which build the demo site, are in tests/test_caching.py and
tests/test_stale_if_error.py). What it works with is real: the suite's `responses` cache (local
memory, or Redis with REDIS_URL), the content generation in the database, Django's CSRF
middleware and the outage middleware around it as settings.MIDDLEWARE orders them.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable

import pytest
from django.core.signals import got_request_exception
from django.db import OperationalError, connection
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from cms import page_cache, response_store
from cms.content_generation import bump_generation, current_generation
from cms.page_cache import (
    CSRF_PLACEHOLDER,
    MAX_BODY_BYTES,
    MAX_QUERY_STRING,
    PageCacheMiddleware,
    known_cookie_value,
    mark_public,
    on_every_serve,
    register_serve_handler,
)
from cms.response_store import STALE_WARNING
from cms.security.middleware import DatabaseUnavailableMiddleware, database_failed
from cms.testing import DUMMY_CACHE
from tests.database_down import database_unreachable

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_outage_under_way")]

PAGE = "/ar/about/"
BODY = "<main><h1>عن الوزارة</h1></main>"
# What mark_public writes on a fresh answer, from the settings' 60, 300 and 86400 seconds.
PUBLIC = "public, max-age=60, stale-while-revalidate=300, stale-if-error=86400"
# The same once the page holds a visitor's CSRF token.
PRIVATE = "max-age=60, stale-while-revalidate=300, stale-if-error=86400, private"
# An editor's (a session cookie's) answer to a public page.
EDITOR = "max-age=0, stale-while-revalidate=300, stale-if-error=86400, private, no-cache"
SECRET = "visitorsecret0123456789abcdefghi"  # a CSRF cookie: 32 letters and digits
OTHER_SECRET = "anothersecret0123456789abcdefghi"

factory = RequestFactory()


def etag_of(body: str | bytes) -> str:
    data = body.encode() if isinstance(body, str) else body
    return f'W/"{hashlib.sha256(data).hexdigest()[:32]}"'


def request(
    path: str = PAGE, method: str = "get", cookies: dict[str, str] | None = None, **extra
) -> HttpRequest:
    if cookies:
        extra["HTTP_COOKIE"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
    return getattr(factory, method)(path, **extra)


class View:
    """A view: `answer(request)`, with every request it was given."""

    def __init__(self, answer: Callable[[HttpRequest], HttpResponse]) -> None:
        self.answer = answer
        self.requests: list[HttpRequest] = []
        self.given: list[HttpResponse] = []

    def __call__(self, request: HttpRequest) -> HttpResponse:
        self.requests.append(request)
        self.given.append(self.answer(request))
        return self.given[-1]

    @property
    def calls(self) -> int:
        return len(self.requests)


def page_view(body: str | bytes = BODY, status: int = 200, **headers: str) -> View:
    """A public page (mark_public), with more headers if given."""

    def answer(request: HttpRequest) -> HttpResponse:
        response = mark_public(HttpResponse(body, status=status))
        for name, value in headers.items():
            response[name.replace("_", "-")] = value
        return response

    return View(answer)


def counted_page(request: HttpRequest) -> HttpResponse:
    """A public page with two serve events (a service view and a search counted)."""
    response = mark_public(HttpResponse(BODY))
    on_every_serve(response, "view_counted", code="MOF-IND-001", language="ar")
    on_every_serve(response, "search_counted", query="قرض")
    return response


def form_body(*tokens: str) -> str:
    inputs = "".join(
        f'<input type="hidden" name="csrfmiddlewaretoken" value="{token}">' for token in tokens
    )
    return f'<form method="post">{inputs}<button>أرسل</button></form>'


def form_view(token_count: int = 1) -> View:
    """A public page whose form holds `token_count` tokens, each from its own get_token()
    (each masks the visitor's secret anew). With none, the token is read but not shown as a
    form field (the CSRF middleware sets its cookie all the same)."""

    def answer(request: HttpRequest) -> HttpResponse:
        tokens = [get_token(request) for _ in range(max(token_count, 1))]
        if token_count == 0:
            return mark_public(HttpResponse(f"<script>const token = '{tokens[0]}';</script>"))
        return mark_public(HttpResponse(form_body(*tokens)))

    return View(answer)


def with_csrf(view: View) -> PageCacheMiddleware:
    """The page cache over Django's CSRF middleware, as in settings.MIDDLEWARE."""
    return PageCacheMiddleware(CsrfViewMiddleware(view))


def token_in(response: HttpResponse) -> str:
    """The (first) token in the page's form."""
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode())[1]


def accepted(token: str, secret: str) -> bool:
    """Whether Django's CSRF middleware accepts a form sent with `token` and cookie `secret`."""
    post = request(
        method="post", cookies={"csrftoken": secret}, data={"csrfmiddlewaretoken": token}
    )
    middleware = CsrfViewMiddleware(View(lambda request: HttpResponse()))
    middleware.process_request(post)
    return middleware.process_view(post, middleware.get_response, (), {}) is None


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """A publish: the generation moves once the transaction commits."""

    def run() -> None:
        before = current_generation()
        with django_capture_on_commit_callbacks(execute=True):
            bump_generation()
        assert current_generation() == before + 1

    return run


@pytest.fixture(autouse=True)
def _handlers_as_registered():
    """The apps' serve handlers, as they were before the test registered its own."""
    saved = dict(page_cache._event_handlers)
    yield
    page_cache._event_handlers.clear()
    page_cache._event_handlers.update(saved)


@pytest.fixture
def served(caplog):
    """The serve events run, as (event, request, arguments), through handlers registered for
    `view_counted` and `search_counted`."""
    caplog.set_level(logging.WARNING, logger="mizan.cache")
    runs: list[tuple] = []

    def handler(name: str) -> Callable[..., None]:
        def run(request: HttpRequest, **arguments) -> None:
            runs.append((name, request, arguments))

        return run

    register_serve_handler("view_counted", handler("view_counted"))
    register_serve_handler("search_counted", handler("search_counted"))
    return runs


def cache_log(caplog) -> list[tuple[str, str]]:
    return [(r.levelname, r.getMessage()) for r in caplog.records if r.name == "mizan.cache"]


# mark_public, known_cookie_value, the key -----------------------------------------------------


def test_mark_public_writes_the_configured_cache_control(settings):
    response = HttpResponse()
    assert mark_public(response) is response
    assert response["Cache-Control"] == PUBLIC
    settings.PUBLIC_MAX_AGE_SECONDS = 7
    settings.PUBLIC_STALE_WHILE_REVALIDATE_SECONDS = 8
    settings.PUBLIC_STALE_IF_ERROR_SECONDS = 9
    assert mark_public(HttpResponse())["Cache-Control"] == (
        "public, max-age=7, stale-while-revalidate=8, stale-if-error=9"
    )


def test_a_cookie_counts_only_with_a_value_the_page_can_show():
    known = ["normal", "high"]
    got = request(cookies={"mizan_contrast": "high", "mizan_text": "HIGH"})
    assert known_cookie_value(got, "mizan_contrast", known) == "high"
    assert known_cookie_value(got, "mizan_text", known) == ""  # a value it cannot take
    assert known_cookie_value(got, "absent", known) == ""
    assert known_cookie_value(request(cookies={"c": "highx"}), "c", known) == ""


def test_the_key_is_scheme_host_path_sorted_query_and_known_display_cookies():
    got = request(
        "/ar/search/?q=x&b=2&a=1",
        cookies={"mizan_text": "2", "mizan_contrast": "HIGH", "other": "1"},
        HTTP_HOST="mof.example",
        secure=True,
    )
    parts = (
        "https",
        "mof.example",
        "/ar/search/",
        "a=1&b=2&q=x",
        "mizan_text=2",
        "mizan_contrast=",
    )
    assert page_cache._key_parts(got) == parts
    assert page_cache._key(got, 7) == response_store.entry_key("page", 7, *parts)
    plain = request()
    del plain.META["QUERY_STRING"]  # PEP 3333: a server may leave it out when it is empty
    assert page_cache._key_parts(plain) == (
        "http",
        "testserver",
        PAGE,
        "",
        "mizan_text=",
        "mizan_contrast=",
    )


def test_the_csrf_middleware_inside_a_stored_page_never_runs_a_view():
    with pytest.raises(AssertionError, match="^only the CSRF middleware's request and response"):
        page_cache._no_view(request())


# Stored, then served ----------------------------------------------------------------------------


def test_a_public_page_is_stored_then_served_with_its_etag():
    view = page_view()
    middleware = PageCacheMiddleware(view)
    first = middleware(request())
    assert first.status_code == 200
    assert (first["X-Cache"], first["ETag"], first["Cache-Control"]) == (
        "MISS",
        etag_of(BODY),
        PUBLIC,
    )
    second = middleware(request())
    assert (second["X-Cache"], second["ETag"], second["Cache-Control"]) == (
        "HIT",
        etag_of(BODY),
        PUBLIC,
    )
    assert second.status_code == 200 and second.content == BODY.encode()
    assert not second.streaming
    assert view.calls == 1


def test_head_is_answered_from_the_stored_page_and_stores_one():
    view = page_view()
    middleware = PageCacheMiddleware(view)
    assert middleware(request(method="head"))["X-Cache"] == "MISS"
    assert middleware(request())["X-Cache"] == "HIT"
    assert middleware(request(method="head"))["X-Cache"] == "HIT"
    assert view.calls == 1


def test_a_conditional_request_gets_304_for_the_same_etag_and_the_page_otherwise(publish):
    view = page_view()
    middleware = PageCacheMiddleware(view)
    etag = middleware(request())["ETag"]
    same = middleware(request(HTTP_IF_NONE_MATCH=etag))
    assert (same.status_code, same.content) == (304, b"")
    # A 304 keeps only the validator and the caching headers (RFC 9110 section 15.4.5).
    assert dict(same.items()) == {"Cache-Control": PUBLIC, "ETag": etag}
    other = middleware(request(HTTP_IF_NONE_MATCH='W/"other"'))
    assert (other.status_code, other.content) == (200, BODY.encode())
    assert middleware(request(HTTP_IF_MATCH='"other"')).status_code == 412
    # No Last-Modified is known: a date alone never makes a 304.
    since = middleware(request(HTTP_IF_MODIFIED_SINCE="Sat, 01 Jan 2000 00:00:00 GMT"))
    assert since.status_code == 200
    # All four at once: If-Match * holds for a page that exists, If-None-Match matches.
    every = middleware(
        request(
            HTTP_IF_NONE_MATCH=etag,
            HTTP_IF_MATCH="*",
            HTTP_IF_MODIFIED_SINCE="Sat, 01 Jan 2000 00:00:00 GMT",
            HTTP_IF_UNMODIFIED_SINCE="Sat, 01 Jan 2000 00:00:00 GMT",
        )
    )
    assert every.status_code == 304
    # Rendered again after a publish that left the page as it was: the browser's copy holds.
    publish()
    again = middleware(request(HTTP_IF_NONE_MATCH=etag))
    assert again.status_code == 304 and view.calls == 2
    assert middleware(request())["X-Cache"] == "HIT"  # it was stored all the same


def test_the_etag_is_the_first_32_hex_digits_of_the_bodys_sha256():
    body = b"<p>" + b"x" * 100 + b"</p>"
    response = PageCacheMiddleware(page_view(body))(request())
    digest = hashlib.sha256(body).hexdigest()
    assert response["ETag"] == f'W/"{digest[:32]}"'
    assert len(response["ETag"]) == 36


def test_a_page_in_another_charset_is_served_byte_for_byte():
    body = "<p>café</p>".encode("iso-8859-1")
    view = page_view(body, Content_Type="text/html; charset=iso-8859-1")
    middleware = PageCacheMiddleware(view)
    first = middleware(request())
    hit = middleware(request())
    assert (first["X-Cache"], hit["X-Cache"]) == ("MISS", "HIT")
    assert hit.content == first.content == body
    assert hit["Content-Type"] == "text/html; charset=iso-8859-1"
    assert hit["ETag"] == etag_of(body)


def test_what_the_stack_added_is_replayed_but_not_what_each_answer_recomputes():
    view = page_view(
        Content_Length="999",
        ETag='"from-the-view"',
        Date="Sat, 01 Jan 2000 00:00:00 GMT",
        Set_Cookie="theme=dark",
        X_Cache="from-the-view",
        Content_Language="ar",
        Vary="Accept-Language, Cookie",
        X_Frame_Options="DENY",
    )
    middleware = PageCacheMiddleware(view)
    first = middleware(request())
    assert (first["X-Cache"], first["ETag"], first["Date"]) == (
        "MISS",
        etag_of(BODY),
        "Sat, 01 Jan 2000 00:00:00 GMT",
    )
    hit = middleware(request())
    assert dict(hit.items()) == {
        "Content-Type": "text/html; charset=utf-8",
        "Cache-Control": PUBLIC,
        "Content-Language": "ar",
        "Vary": "Accept-Language, Cookie",
        "X-Frame-Options": "DENY",
        "X-Cache": "HIT",
        "ETag": etag_of(BODY),
    }


def test_a_page_of_exactly_the_size_limit_is_stored_one_byte_more_is_not():
    at_limit = PageCacheMiddleware(page_view(b"x" * MAX_BODY_BYTES))
    assert at_limit(request())["X-Cache"] == "MISS"
    assert at_limit(request())["X-Cache"] == "HIT"
    over = page_view(b"x" * (MAX_BODY_BYTES + 1))
    middleware = PageCacheMiddleware(over)
    assert middleware(request("/ar/big/"))["X-Cache"] == "BYPASS"
    assert middleware(request("/ar/big/"))["X-Cache"] == "BYPASS"
    assert over.calls == 2


# Answers that are not stored --------------------------------------------------------------------


def _streaming(request):
    return mark_public(StreamingHttpResponse(iter([b"a", b"b"])))


def _with_cookie(name: str) -> Callable[[HttpRequest], HttpResponse]:
    def answer(request):
        response = mark_public(HttpResponse(BODY))
        response.set_cookie(name, "1")
        return response

    return answer


def _with_cookies(request):
    response = mark_public(HttpResponse(form_body(get_token(request))))
    response.set_cookie("other", "1")
    return response


def _cache_control(value: str | None) -> Callable[[HttpRequest], HttpResponse]:
    def answer(request):
        response = HttpResponse(BODY)
        if value is not None:
            response["Cache-Control"] = value
        return response

    return answer


def _status(status: int) -> Callable[[HttpRequest], HttpResponse]:
    return lambda request: mark_public(HttpResponse(BODY, status=status))


@pytest.mark.parametrize(
    "answer",
    [
        _status(201),
        _status(203),
        _status(404),
        _status(500),
        _streaming,
        _cache_control(None),
        _cache_control("max-age=60"),
        _cache_control("public, private"),
        _cache_control("public, max-age=60, no-store"),
        _cache_control("no-cache, public"),
        _with_cookie("sessionid"),
        _with_cookie("mizan_contrast"),
    ],
    ids=[
        "201",
        "203",
        "404",
        "500",
        "streaming",
        "no cache-control",
        "not public",
        "private",
        "no-store",
        "no-cache",
        "session cookie",
        "display cookie",
    ],
)
def test_an_answer_that_is_not_for_everyone_is_passed_on_not_stored(answer):
    view = View(answer)
    middleware = PageCacheMiddleware(view)
    for _ in range(2):
        response = middleware(request())
        assert response is view.given[-1]
        assert response["X-Cache"] == "BYPASS"
    assert view.calls == 2
    assert "ETag" not in response


def test_a_cookie_beside_the_csrf_cookie_keeps_a_form_from_being_stored():
    view = View(_with_cookies)
    middleware = with_csrf(view)
    for _ in range(2):
        response = middleware(request())
        assert response["X-Cache"] == "BYPASS"
        assert response.cookies["other"].value == "1"
    assert view.calls == 2


def test_a_bypassed_answer_is_the_views_own():
    given = []

    def answer(request):
        given.append(mark_public(StreamingHttpResponse(iter([b"a", b"b"]))))
        return given[-1]

    response = PageCacheMiddleware(View(answer))(request())
    assert response is given[0]
    assert b"".join(response.streaming_content) == b"ab"
    assert response["Cache-Control"] == PUBLIC


# Requests that never get a stored page ----------------------------------------------------------


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete", "options"])
def test_only_get_and_head_are_answered_from_or_stored_in_the_cache(method):
    view = page_view()
    middleware = PageCacheMiddleware(view)
    given = middleware(request(method=method))
    assert "X-Cache" not in given and given["Cache-Control"] == PUBLIC
    assert given.content == BODY.encode()
    assert view.requests[0].method == method.upper()
    assert middleware(request())["X-Cache"] == "MISS"  # nothing was stored by the other method
    assert "X-Cache" not in middleware(request(method=method))
    assert view.calls == 3


def test_each_excluded_path_prefix_is_left_alone(settings):
    assert settings.PAGE_CACHE_EXCLUDED_PATHS  # the list this test walks
    for prefix in settings.PAGE_CACHE_EXCLUDED_PATHS:
        view = page_view()
        middleware = PageCacheMiddleware(view)
        with CaptureQueriesContext(connection) as queries:
            for _ in range(2):
                response = middleware(request(prefix + "x/"))
                assert "X-Cache" not in response, prefix
                assert response["Cache-Control"] == PUBLIC
        assert view.calls == 2 and len(queries) == 0, prefix
    # A path that only begins with the same letters is a page like any other.
    assert PageCacheMiddleware(page_view())(request("/administration/"))["X-Cache"] == "MISS"


def test_a_session_gets_its_own_page_private_and_checked_each_time(served):
    view = View(counted_page)
    middleware = PageCacheMiddleware(view)
    assert middleware(request())["X-Cache"] == "MISS"
    for _ in range(2):
        theirs = middleware(request(cookies={"sessionid": "an-editor"}))
        assert "X-Cache" not in theirs and "ETag" not in theirs
        assert theirs["Cache-Control"] == EDITOR
    assert view.calls == 3
    assert [(name, got.COOKIES.get("sessionid")) for name, got, _ in served] == [
        ("view_counted", None),
        ("search_counted", None),
        ("view_counted", "an-editor"),
        ("search_counted", "an-editor"),
        ("view_counted", "an-editor"),
        ("search_counted", "an-editor"),
    ]
    # The editor's answers were not stored over the visitors' page.
    assert middleware(request())["X-Cache"] == "HIT"
    assert view.calls == 3


def test_a_session_cookie_of_another_name_is_a_visitors(settings):
    settings.SESSION_COOKIE_NAME = "mizan_session"
    middleware = PageCacheMiddleware(page_view())
    assert "X-Cache" not in middleware(request(cookies={"mizan_session": "x"}))
    assert middleware(request(cookies={"sessionid": "x"}))["X-Cache"] == "MISS"


def test_a_query_string_of_512_characters_is_cached_one_more_is_not():
    assert MAX_QUERY_STRING == 512
    view = page_view()
    middleware = PageCacheMiddleware(view)
    longest = "q=" + "x" * 510
    assert middleware(request(PAGE + "?" + longest))["X-Cache"] == "MISS"
    assert middleware(request(PAGE + "?" + longest))["X-Cache"] == "HIT"
    too_long = [request(PAGE + "?" + longest + "y"), request(PAGE + "?" + longest + "y")]
    with CaptureQueriesContext(connection) as queries:
        for got in too_long:
            response = middleware(got)
            assert "X-Cache" not in response and response["Cache-Control"] == PUBLIC
    assert len(queries) == 0  # not even the generation is read
    assert view.requests[1:] == too_long


def test_a_request_without_a_query_string_is_the_page_without_one():
    view = page_view()
    middleware = PageCacheMiddleware(view)
    assert middleware(request())["X-Cache"] == "MISS"
    bare = request()
    del bare.META["QUERY_STRING"]
    assert middleware(bare)["X-Cache"] == "HIT"
    first = request("/ar/other/")
    del first.META["QUERY_STRING"]
    assert middleware(first)["X-Cache"] == "MISS"
    assert view.calls == 2


def test_with_the_store_switched_off_nothing_is_read_and_the_events_still_run(settings, served):
    settings.CACHES = {**settings.CACHES, response_store.CACHE_ALIAS: DUMMY_CACHE}
    view = View(counted_page)
    middleware = PageCacheMiddleware(view)
    requests = [request(), request()]
    with CaptureQueriesContext(connection) as queries:
        for got in requests:
            response = middleware(got)
            assert "X-Cache" not in response and "ETag" not in response
            assert response["Cache-Control"] == PUBLIC
    assert len(queries) == 0
    assert view.requests == requests
    assert [(name, got) for name, got, _ in served] == [
        ("view_counted", requests[0]),
        ("search_counted", requests[0]),
        ("view_counted", requests[1]),
        ("search_counted", requests[1]),
    ]


# The key, through the middleware ----------------------------------------------------------------


def test_scheme_host_path_and_query_each_get_their_own_page():
    view = page_view()
    middleware = PageCacheMiddleware(view)
    assert middleware(request(PAGE + "?a=1&b=2"))["X-Cache"] == "MISS"
    assert middleware(request(PAGE + "?b=2&a=1"))["X-Cache"] == "HIT"
    assert middleware(request(PAGE + "?a=1&b=2", HTTP_HOST="other.example"))["X-Cache"] == "MISS"
    assert middleware(request(PAGE + "?a=1&b=2", secure=True))["X-Cache"] == "MISS"
    assert middleware(request(PAGE + "?a=1"))["X-Cache"] == "MISS"
    assert middleware(request(PAGE + "?a=1&b=3"))["X-Cache"] == "MISS"
    assert middleware(request("/en/about/?a=1&b=2"))["X-Cache"] == "MISS"
    assert middleware(request(PAGE + "?b=2&a=1", secure=True))["X-Cache"] == "HIT"
    assert view.calls == 6


def test_each_known_display_cookie_value_gets_its_own_page_others_share_the_plain_one():
    view = page_view()
    middleware = PageCacheMiddleware(view)
    assert middleware(request())["X-Cache"] == "MISS"
    for junk in ({"mizan_text": "7"}, {"mizan_contrast": "HIGH"}, {"theme": "dark"}):
        assert middleware(request(cookies=junk))["X-Cache"] == "HIT", junk
    assert middleware(request(cookies={"mizan_text": "2"}))["X-Cache"] == "MISS"
    assert middleware(request(cookies={"mizan_text": "2"}))["X-Cache"] == "HIT"
    assert middleware(request(cookies={"mizan_contrast": "high"}))["X-Cache"] == "MISS"
    both = {"mizan_text": "2", "mizan_contrast": "high"}
    assert middleware(request(cookies=both))["X-Cache"] == "MISS"
    assert view.calls == 4


def test_a_publish_retires_every_stored_page(publish):
    view = page_view()
    middleware = PageCacheMiddleware(view)
    assert middleware(request())["X-Cache"] == "MISS"
    assert middleware(request())["X-Cache"] == "HIT"
    publish()
    assert middleware(request())["X-Cache"] == "MISS"
    assert middleware(request())["X-Cache"] == "HIT"
    assert view.calls == 2


def test_a_page_is_rendered_and_stored_under_the_generation_read_first(
    django_capture_on_commit_callbacks,
):
    start = current_generation()
    seen = []

    def answer(request):
        seen.append(current_generation())
        with django_capture_on_commit_callbacks(execute=True):
            bump_generation()  # an editor publishes while the page is being rendered
        seen.append(current_generation())
        return mark_public(HttpResponse(BODY))

    view = View(answer)
    middleware = PageCacheMiddleware(view)
    assert middleware(request())["X-Cache"] == "MISS"
    assert seen == [start, start]
    assert current_generation() == start + 1
    # Stored under the generation it was rendered for: the next request, on the new one, renders.
    assert middleware(request())["X-Cache"] == "MISS"
    assert view.calls == 2


# Forms ------------------------------------------------------------------------------------------


def test_a_form_is_stored_once_and_carries_each_visitors_own_token():
    view = form_view()
    middleware = with_csrf(view)
    first = middleware(request())
    token = token_in(first)
    secret = first.cookies["csrftoken"].value
    assert first["X-Cache"] == "MISS" and first["Cache-Control"] == PRIVATE
    assert accepted(token, secret)
    assert first["ETag"] == etag_of(form_body(CSRF_PLACEHOLDER))

    theirs = middleware(request(cookies={"csrftoken": SECRET}))
    assert theirs["X-Cache"] == "HIT" and theirs["Cache-Control"] == PRIVATE
    assert theirs["ETag"] == first["ETag"]
    assert theirs.cookies["csrftoken"].value == SECRET  # renewed, as Django does
    assert CSRF_PLACEHOLDER not in theirs.content.decode()
    assert theirs.content.decode() == form_body(token_in(theirs))
    assert accepted(token_in(theirs), SECRET)
    assert not accepted(token_in(theirs), OTHER_SECRET)
    assert not accepted(token, SECRET)

    new_visitor = middleware(request())
    assert new_visitor["X-Cache"] == "HIT"
    new_secret = new_visitor.cookies["csrftoken"].value
    assert new_secret not in (SECRET, secret)
    assert accepted(token_in(new_visitor), new_secret)
    assert view.calls == 1


def test_a_form_showing_one_token_twice_is_stored():
    def answer(request):
        token = get_token(request)
        return mark_public(HttpResponse(form_body(token) + form_body(token)))

    view = View(answer)
    middleware = with_csrf(view)
    assert middleware(request())["X-Cache"] == "MISS"
    hit = middleware(request(cookies={"csrftoken": SECRET}))
    assert hit["X-Cache"] == "HIT"
    html = hit.content.decode()
    token = token_in(hit)
    assert html == form_body(token) + form_body(token) and accepted(token, SECRET)
    assert view.calls == 1


@pytest.mark.parametrize("token_count", [0, 2])
def test_a_page_whose_token_cannot_be_told_apart_is_not_stored(token_count):
    view = form_view(token_count)
    middleware = with_csrf(view)
    for _ in range(2):
        response = middleware(request(cookies={"csrftoken": SECRET}))
        assert response["X-Cache"] == "BYPASS"
        assert response["Cache-Control"] == PUBLIC  # the view's own answer, untouched
        assert "ETag" not in response
    assert view.calls == 2


def test_a_page_without_a_form_is_stored_public_without_the_csrf_cookie():
    middleware = with_csrf(page_view())
    assert middleware(request())["X-Cache"] == "MISS"
    hit = middleware(request(cookies={"csrftoken": SECRET}))
    assert (hit["X-Cache"], hit["Cache-Control"]) == ("HIT", PUBLIC)
    assert "csrftoken" not in hit.cookies
    assert hit.content == BODY.encode()


# Serve events -----------------------------------------------------------------------------------


def test_serve_events_run_on_a_miss_and_again_on_each_hit(served):
    middleware = PageCacheMiddleware(View(counted_page))
    requests = [request(), request()]
    answers = [middleware(r) for r in requests]
    assert [a["X-Cache"] for a in answers] == ["MISS", "HIT"]
    assert served == [
        ("view_counted", requests[0], {"code": "MOF-IND-001", "language": "ar"}),
        ("search_counted", requests[0], {"query": "قرض"}),
        ("view_counted", requests[1], {"code": "MOF-IND-001", "language": "ar"}),
        ("search_counted", requests[1], {"query": "قرض"}),
    ]


def test_a_head_request_runs_no_serve_events_stored_page_or_not(served):
    """A HEAD shows the page to nobody: it is not a view or a search to count. The site's views
    answer it 405 (require_GET), counting nothing; a stored page answers it 200, and must not
    count it either."""
    middleware = PageCacheMiddleware(View(counted_page))
    assert middleware(request(method="head"))["X-Cache"] == "MISS"
    assert middleware(request(method="head"))["X-Cache"] == "HIT"
    assert served == []
    session = middleware(request(method="head", cookies={"sessionid": "an-editor"}))
    assert session.status_code == 200 and served == []
    got = request()
    assert middleware(got)["X-Cache"] == "HIT"
    assert [(name, r) for name, r, _ in served] == [("view_counted", got), ("search_counted", got)]


def test_on_every_serve_adds_each_event_to_the_answer():
    response = HttpResponse()
    on_every_serve(response, "view_counted", page_id=3)
    on_every_serve(response, "view_counted", page_id=4)
    on_every_serve(response, "search_counted")
    assert response.page_cache_events == [
        ("view_counted", {"page_id": 3}),
        ("view_counted", {"page_id": 4}),
        ("search_counted", {}),
    ]


def test_an_event_without_a_handler_is_logged_and_the_others_still_run(served, caplog):
    def answer(request):
        response = mark_public(HttpResponse(BODY))
        on_every_serve(response, "nobody_handles_this", page_id=1)
        on_every_serve(response, "view_counted", page_id=1)
        return response

    middleware = PageCacheMiddleware(View(answer))
    assert [middleware(request())["X-Cache"] for _ in range(2)] == ["MISS", "HIT"]
    assert [(name, arguments) for name, _, arguments in served] == [
        ("view_counted", {"page_id": 1}),
        ("view_counted", {"page_id": 1}),
    ]
    warning = ("WARNING", "No handler for the page event nobody_handles_this")
    assert cache_log(caplog) == [warning, warning]


def test_a_failing_event_is_logged_and_the_page_still_served(served, caplog):
    def broken(request, **arguments):
        raise RuntimeError("the count could not be kept")

    register_serve_handler("broken", broken)

    def answer(request):
        response = mark_public(HttpResponse(BODY))
        on_every_serve(response, "broken", page_id=1)
        on_every_serve(response, "view_counted", page_id=1)
        return response

    middleware = PageCacheMiddleware(View(answer))
    answers = [middleware(request()) for _ in range(2)]
    assert [(a.status_code, a["X-Cache"], a.content) for a in answers] == [
        (200, "MISS", BODY.encode()),
        (200, "HIT", BODY.encode()),
    ]
    assert [name for name, _, _ in served] == ["view_counted", "view_counted"]
    assert cache_log(caplog) == [("ERROR", "Page event broken failed")] * 2
    records = [r for r in caplog.records if r.name == "mizan.cache"]
    assert all(r.exc_info and r.exc_info[0] is RuntimeError for r in records)


def test_a_handler_registered_again_under_a_name_replaces_the_first(served):
    later = []
    register_serve_handler("view_counted", lambda request, **arguments: later.append(arguments))
    PageCacheMiddleware(View(counted_page))(request())
    assert later == [{"code": "MOF-IND-001", "language": "ar"}]
    assert [name for name, _, _ in served] == ["search_counted"]


def test_a_bypassed_answer_runs_its_events_too(served):
    def answer(request):
        response = HttpResponse(BODY)  # not public
        on_every_serve(response, "view_counted", page_id=9)
        return response

    response = PageCacheMiddleware(View(answer))(request())
    assert response["X-Cache"] == "BYPASS"
    assert [(name, arguments) for name, _, arguments in served] == [
        ("view_counted", {"page_id": 9})
    ]


# Stale copies -----------------------------------------------------------------------------------


def _database_failed(request: HttpRequest) -> HttpResponse:
    """What Django does with a query that could not reach the database, inside the stack: the
    request is marked (cms.security.middleware) and the exception becomes a 500."""
    try:
        raise OperationalError("connection refused")
    except OperationalError:
        got_request_exception.send(sender=None, request=request)
    return HttpResponse("Server Error", status=500)


def _unavailable(request: HttpRequest) -> HttpResponse:
    """The frontend's answer when the content API failed: its 503 page."""
    return HttpResponse("unavailable", status=503)


class Switch:
    """A view that renders the page until it is told to fail with `failure`."""

    def __init__(self, failure: Callable[[HttpRequest], HttpResponse], page=counted_page) -> None:
        self.failure = failure
        self.page = page
        self.failing = False
        self.given: list[HttpResponse] = []

    def __call__(self, request: HttpRequest) -> HttpResponse:
        self.given.append((self.failure if self.failing else self.page)(request))
        return self.given[-1]


def _assert_stale(response: HttpResponse, body: bytes = BODY.encode()) -> None:
    assert (response.status_code, response["X-Cache"]) == (200, "STALE")
    assert response["Warning"] == STALE_WARNING == '110 - "Response is Stale"'
    assert response["Cache-Control"] == "no-cache"
    assert response["ETag"] == etag_of(body)
    assert response.content == body


def test_a_render_that_lost_the_database_serves_the_stored_copy_marked_stale(publish, served):
    view = Switch(_database_failed)
    stack = DatabaseUnavailableMiddleware(PageCacheMiddleware(view))
    assert stack(request())["X-Cache"] == "MISS"
    publish()  # the stored copy is now of an older generation: not a HIT
    view.failing = True
    failed = request()
    response = stack(failed)
    _assert_stale(response)
    assert not database_failed(failed)  # answered after all: not turned into the outage page
    assert len(served) == 2  # the miss's two events; the stale copy runs none
    # A page never stored: the outage page, from the middleware around the page cache.
    never = request("/en/never-stored/")
    assert stack(never).status_code == 503
    assert database_failed(never)
    assert PageCacheMiddleware(view)(request("/en/never-stored/")) is view.given[-1]


def test_an_unavailable_answer_is_replaced_by_the_stored_copy_or_passed_on(publish):
    view = Switch(_unavailable)
    middleware = PageCacheMiddleware(view)
    assert middleware(request())["X-Cache"] == "MISS"
    publish()
    view.failing = True
    _assert_stale(middleware(request()))
    never = middleware(request("/en/never-stored/"))
    assert never is view.given[-1] and never.status_code == 503
    assert "X-Cache" not in never


def test_an_error_that_is_not_an_outage_is_never_answered_with_a_stale_copy(publish):
    view = Switch(lambda request: mark_public(HttpResponse("oops", status=500)))
    middleware = PageCacheMiddleware(view)
    assert middleware(request())["X-Cache"] == "MISS"
    publish()
    view.failing = True
    response = middleware(request())
    assert (response.status_code, response["X-Cache"]) == (500, "BYPASS")


def test_a_stale_form_carries_the_visitors_own_token(publish):
    view = Switch(_unavailable, page=form_view())
    middleware = with_csrf(view)
    assert middleware(request())["X-Cache"] == "MISS"
    publish()
    view.failing = True
    stale = middleware(request(cookies={"csrftoken": SECRET}))
    assert (stale["X-Cache"], stale["Cache-Control"]) == ("STALE", "no-cache, private")
    assert stale["Warning"] == STALE_WARNING
    assert stale.content.decode() == form_body(token_in(stale))
    assert accepted(token_in(stale), SECRET)
    assert stale.cookies["csrftoken"].value == SECRET


@pytest.mark.django_db(transaction=True)
def test_through_a_real_outage_the_newest_stored_copy_or_the_outage_page(caplog, served):
    """The database really unreachable (a closed port, or an SQLite file in no folder): the
    generation cannot be read. Transactional: a closed connection loses no test transaction."""
    caplog.set_level(logging.WARNING, logger="mizan.outages")
    view = View(counted_page)
    middleware = PageCacheMiddleware(view)
    assert middleware(request())["X-Cache"] == "MISS"
    with database_unreachable():
        stale = middleware(request())
        not_modified = middleware(request(HTTP_IF_NONE_MATCH=etag_of(BODY)))
        never = middleware(request("/en/never-stored/"))
    _assert_stale(stale)
    assert not_modified.status_code == 304  # a 304 keeps only the validator and caching headers
    assert dict(not_modified.items()) == {"Cache-Control": "no-cache", "ETag": etag_of(BODY)}
    assert never.status_code == 503 and never["Retry-After"] == "30"
    assert 'lang="en"' in never.content.decode() and "X-Cache" not in never
    assert view.calls == 1
    assert len(served) == 2  # the miss's events; the stale copies run none (they need the database)
    outage_lines = [r.getMessage() for r in caplog.records if r.name == "mizan.outages"]
    assert len(outage_lines) == 1
    assert outage_lines[0].startswith("database unavailable: OperationalError: ")
