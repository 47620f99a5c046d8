"""Middleware: a 503 page when the database is down, and a per-client limit on visitor posts."""

from __future__ import annotations

import logging
import sys

from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, JsonResponse

from cms import outages
from cms.outages import already_logged
from cms.security import plain_pages, ratelimit
from cms.security.client_ip import client_bucket

logger = logging.getLogger("mizan.security")

# The errors that mean "the database cannot be reached", not "our query is wrong".
DATABASE_DOWN_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30
_FLAG = "_mizan_database_unavailable"


GRAPHQL_PATH = "/graphql/"


def database_unavailable_response(request: HttpRequest) -> HttpResponse:
    if request.path == GRAPHQL_PATH:
        # API clients get JSON whatever failed (the view answers most outages itself).
        from cms.graphql.execute import UNAVAILABLE_ERROR, UNAVAILABLE_MESSAGE

        error = {"message": UNAVAILABLE_MESSAGE, "extensions": {"code": UNAVAILABLE_ERROR}}
        response = JsonResponse({"errors": [error]}, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    else:
        response = plain_pages.plain_page(
            request,
            503,
            plain_pages.UNAVAILABLE_HEADING,
            plain_pages.UNAVAILABLE_MESSAGE,
            retry_after=RETRY_AFTER_SECONDS,
        )
    return already_logged(response)


def database_failed(request: HttpRequest) -> bool:
    """Whether something in this request failed because the database could not be reached."""
    return getattr(request, _FLAG, False)


def forget_database_failure(request: HttpRequest) -> None:
    """The request was answered anyway (a stored copy): not an outage answer after all."""
    setattr(request, _FLAG, False)


@receiver(got_request_exception)
def _note_database_outage(sender, request=None, **kwargs) -> None:
    """Django turns an exception raised inside any middleware into a 500 response before the
    outer middleware sees it; this signal runs first, so it marks the request for
    DatabaseUnavailableMiddleware to answer 503 instead (and Django's own "Internal Server
    Error" record for it is dropped by cms.logs.DatabaseOutageFilter)."""
    error = sys.exc_info()[1]
    if request is not None and isinstance(error, DATABASE_DOWN_ERRORS):
        outages.down("database", error)
        setattr(request, _FLAG, True)


class DatabaseUnavailableMiddleware:
    """Outermost: any request that failed because the database is unreachable gets a 503 page
    in the visitor's language (from the URL prefix), rendered without touching the database,
    with no traceback. The log gets one WARNING per outage and worker (cms/outages.py)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            response = self.get_response(request)
        except DATABASE_DOWN_ERRORS as error:
            outages.down("database", error)
            return database_unavailable_response(request)
        if database_failed(request):
            return database_unavailable_response(request)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception):
        if isinstance(exception, DATABASE_DOWN_ERRORS):
            outages.down("database", exception)
            return database_unavailable_response(request)
        return None


# Paths whose posts are counted elsewhere or not at all: the admin has django-axes and its
# own users; /graphql/ has its own per-client and per-key limits.
VISITOR_POST_EXEMPT_PREFIXES = ("/admin/", "/graphql/")


class VisitorPostRateLimitMiddleware:
    """Limit the public forms (feedback, enquiries, language choice) per client address.

    The frontend calls the schema in-process, so these posts never reach /graphql/'s limits;
    they are counted here instead. Refusals get a 429 page in the visitor's language.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method != "POST" or request.path_info.startswith(VISITOR_POST_EXEMPT_PREFIXES):
            return self.get_response(request)
        decision = ratelimit.hit(
            "visitor_post", client_bucket(request), ratelimit.configured_rate("visitor_post")
        )
        if not decision.allowed:
            logger.warning(
                "Visitor posts rate-limited for %s on %s", client_bucket(request), request.path
            )
            response = plain_pages.plain_page(
                request,
                429,
                plain_pages.TOO_MANY_HEADING,
                plain_pages.TOO_MANY_MESSAGE,
            )
            return ratelimit.add_headers(response, decision)
        return self.get_response(request)
