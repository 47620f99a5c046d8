"""Rendered public pages, cached for anonymous visitors and answered with ETag / 304.

What is stored: a 200 answer to an anonymous GET whose view marked it `Cache-Control: public`
(the frontend does so for published pages, search results, sitemaps and feeds; previews, forms
after a POST and error pages are never public). The key is the host, path, query string and the
display-tools cookies (the only cookies a public page reads), under the content generation, so
a publish retires every page at once and the very next request renders afresh.

Who never gets a stored page: a request with a session cookie (an editor: pages may carry their
name, and they must see a correction at once). Their answers are marked private.

The middleware sits near the top of the stack, so a stored page is answered without the rest of
it (sessions, locale, CSRF, authentication, the views): what those add to an answer (security
headers, CSP, Vary, Content-Language) is stored with the page as the complete answer had it, and
replayed. Cookies are never stored.

Forms on cached pages: the CSRF token is per visitor, so it is stored as a placeholder and the
visitor's own token is put in on the way out, with Django's CSRF middleware reading and setting
the cookie as it would for the view (the page is then private to that browser, though shared in
this server's cache). A CDN therefore caches only pages without forms.

Side effects of a page view (a service page counts a view, a results page its search) are named
events on the response, run by this middleware through handlers the apps register: after the
view on a miss, and from the stored page on a hit, so a page counts the same whether it was
rendered or not. A HEAD request runs none: it shows the page to nobody.
"""

from __future__ import annotations

import hashlib
import logging
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.utils.cache import get_conditional_response, patch_cache_control

from cms import outages, response_store
from cms.content_generation import current_generation, pinned_to
from cms.security.middleware import (
    DATABASE_DOWN_ERRORS,
    database_failed,
    database_unavailable_response,
    forget_database_failure,
)

logger = logging.getLogger("mizan.cache")

CACHE_STATUS_HEADER = "X-Cache"
MAX_BODY_BYTES = 1_000_000
MAX_QUERY_STRING = 512
CSRF_PLACEHOLDER = "__mizan_csrf_token__"
_CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
# Headers a stored page does not keep: recomputed for each answer.
_UNSTORED_HEADERS = {
    "content-length",
    "etag",
    "date",
    "set-cookie",
    CACHE_STATUS_HEADER.lower(),
}

# The request headers that can turn an answer into a 304 (or a 412).
_CONDITIONAL_HEADERS = (
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_MATCH",
    "HTTP_IF_UNMODIFIED_SINCE",
)

EventHandler = Callable[..., None]
_event_handlers: dict[str, EventHandler] = {}


def register_serve_handler(name: str, handler: EventHandler) -> None:
    """`handler(request, **arguments)` runs each time a page carrying event `name` is served."""
    _event_handlers[name] = handler


def on_every_serve(response: HttpResponse, name: str, **arguments: Any) -> None:
    """Run event `name` each time this page is served, rendered now or from the cache."""
    events = getattr(response, "page_cache_events", None)
    if events is None:
        events = response.page_cache_events = []
    events.append((name, arguments))


def mark_public(response: HttpResponse) -> HttpResponse:
    """A page anyone may be given: browsers and CDNs may keep it briefly, this cache too."""
    patch_cache_control(
        response,
        public=True,
        max_age=settings.PUBLIC_MAX_AGE_SECONDS,
        stale_while_revalidate=settings.PUBLIC_STALE_WHILE_REVALIDATE_SECONDS,
        stale_if_error=settings.PUBLIC_STALE_IF_ERROR_SECONDS,
    )
    return response


@dataclass
class StoredPage:
    body: bytes  # zlib-compressed, the CSRF token replaced by the placeholder
    headers: dict[str, str]
    etag: str
    has_csrf_token: bool
    events: list[tuple[str, dict[str, Any]]] = field(default_factory=list)


def _has_session(request: HttpRequest) -> bool:
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def _is_public_read(request: HttpRequest) -> bool:
    return request.method in ("GET", "HEAD") and not request.path.startswith(
        tuple(settings.PAGE_CACHE_EXCLUDED_PATHS)
    )


def known_cookie_value(request: HttpRequest, name: str, values: list[str]) -> str:
    """The cookie's value when it is one the page can show; '' (as if absent) otherwise."""
    value = request.COOKIES.get(name, "")
    return value if value in values else ""


ENTRY_KIND = "page"


def _key_parts(request: HttpRequest) -> tuple[str, ...]:
    cookies = [
        f"{name}={known_cookie_value(request, name, values)}"
        for name, values in settings.PAGE_CACHE_COOKIES.items()
    ]
    query = "&".join(sorted(request.META.get("QUERY_STRING", "").split("&")))
    return (request.scheme, request.get_host(), request.path, query, *cookies)


def _key(request: HttpRequest, generation: int) -> str:
    return response_store.entry_key(ENTRY_KIND, generation, *_key_parts(request))


def _is_storable(response: HttpResponse) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and "public" in cache_control
        and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
        # The CSRF cookie is the visitor's own and is not stored; any other cookie means the
        # answer was meant for one visitor.
        and set(response.cookies) <= {settings.CSRF_COOKIE_NAME}
        and len(response.content) <= MAX_BODY_BYTES
    )


def _store(request: HttpRequest, response: HttpResponse) -> StoredPage | None:
    text = response.content.decode(response.charset)
    # Django's CSRF middleware sets its cookie whenever the view used the token.
    has_token = settings.CSRF_COOKIE_NAME in response.cookies
    if has_token:
        tokens = set(_CSRF_INPUT.findall(text))
        if len(tokens) != 1:
            return None  # a token we cannot find must not be shared with the next visitor
        text = text.replace(tokens.pop(), CSRF_PLACEHOLDER)
    encoded = text.encode(response.charset)
    return StoredPage(
        body=zlib.compress(encoded),
        headers={
            name: value for name, value in response.items() if name.lower() not in _UNSTORED_HEADERS
        },
        etag=f'W/"{hashlib.sha256(encoded).hexdigest()[:32]}"',
        has_csrf_token=has_token,
        events=list(getattr(response, "page_cache_events", [])),
    )


def _serve(request: HttpRequest, stored: StoredPage) -> HttpResponse:
    body = zlib.decompress(stored.body)
    csrf = None
    if stored.has_csrf_token:
        csrf = CsrfViewMiddleware(_no_view)
        csrf.process_request(request)  # the visitor's secret from their cookie, if any
        body = body.replace(CSRF_PLACEHOLDER.encode(), get_token(request).encode())
    response = HttpResponse(body, status=200)
    for name, value in stored.headers.items():
        response[name] = value
    if csrf is not None:
        csrf.process_response(request, response)  # sets or renews the cookie
    return response


def _no_view(request: HttpRequest) -> HttpResponse:
    raise AssertionError("only the CSRF middleware's request and response steps are used")


def _run_events(request: HttpRequest, events: list[tuple[str, dict[str, Any]]]) -> None:
    if request.method == "HEAD":
        return  # the page is shown to nobody (and the views answer a HEAD 405, counting nothing)
    for name, arguments in events:
        handler = _event_handlers.get(name)
        if handler is None:
            logger.warning("No handler for the page event %s", name)
            continue
        try:
            handler(request, **arguments)
        except Exception:  # counting a view must never cost the visitor their page
            logger.exception("Page event %s failed", name)


def _finish(
    request: HttpRequest, response: HttpResponse, stored: StoredPage, status: str
) -> HttpResponse:
    response[CACHE_STATUS_HEADER] = status
    response["ETag"] = stored.etag
    if stored.has_csrf_token:
        # The page holds this visitor's token: their browser may keep it, a shared cache not.
        patch_cache_control(response, private=True)
    if not any(name in request.META for name in _CONDITIONAL_HEADERS):
        return response  # most requests: nothing to compare, and parsing nothing costs time too
    return get_conditional_response(request, etag=stored.etag, response=response)


class PageCacheMiddleware:
    """Place right after DatabaseUnavailableMiddleware (see MIDDLEWARE in settings)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _is_public_read(request):
            return self.get_response(request)
        if _has_session(request):
            response = self._render(request)
            # An editor's pages: theirs alone, and checked again each time (a correction they
            # publish must show at once).
            patch_cache_control(response, private=True, no_cache=True, max_age=0)
            return response
        if (
            not response_store.enabled()
            or len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_STRING
        ):
            return self._render(request)
        try:
            generation = current_generation()
        except DATABASE_DOWN_ERRORS as error:
            # Stale-if-error: the generation cannot be checked, so the newest stored copy is
            # served, marked stale; a page never stored gets the outage page.
            outages.down("database", error)
            stale = self._stale(request)
            return stale if stale is not None else database_unavailable_response(request)
        with pinned_to(generation):
            key = _key(request, generation)
            stored = response_store.load(key)
            if isinstance(stored, StoredPage):
                _run_events(request, stored.events)
                return _finish(request, _serve(request, stored), stored, "HIT")
            response = self._render(request)
            if database_failed(request) or response.status_code == 503:
                # The content could not be read while the page was being rendered (the database
                # went away, or the remote content API): a stored copy beats the outage page.
                stale = self._stale(request)
                if stale is not None:
                    return stale
                return response
            if not _is_storable(response):
                response[CACHE_STATUS_HEADER] = "BYPASS"
                return response
            stored = _store(request, response)
            if stored is None:
                response[CACHE_STATUS_HEADER] = "BYPASS"
                return response
            response_store.save(key, stored, generation)
            return _finish(request, response, stored, "MISS")

    def _stale(self, request: HttpRequest) -> HttpResponse | None:
        """The newest stored copy of this page, marked stale (Warning 110, X-Cache: STALE).

        Its serve events (view and search counts) are not run: they need the database."""
        stored = response_store.load_latest(ENTRY_KIND, *_key_parts(request))
        if not isinstance(stored, StoredPage):
            return None
        forget_database_failure(request)
        response = _serve(request, stored)
        response_store.mark_stale(response)
        return _finish(request, response, stored, "STALE")

    def _render(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        _run_events(request, getattr(response, "page_cache_events", []))
        return response
