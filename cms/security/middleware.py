"""Middleware: a 503 page when the database is down, and a per-client limit on visitor posts."""

from __future__ import annotations

import logging
import sys

from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, JsonResponse

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
        return response
    return plain_pages.plain_page(
        request,
        503,
        plain_pages.UNAVAILABLE_HEADING,
        plain_pages.UNAVAILABLE_MESSAGE,
        retry_after=RETRY_AFTER_SECONDS,
    )


@receiver(got_request_exception)
def _note_database_outage(sender, request=None, **kwargs) -> None:
    """Django turns an exception raised inside any middleware into a 500 response before the
    outer middleware sees it; this signal runs first, so it marks the request for
    DatabaseUnavailableMiddleware to answer 503 instead."""
    error = sys.exc_info()[1]
    if request is not None and isinstance(error, DATABASE_DOWN_ERRORS):
        setattr(request, _FLAG, True)


class DatabaseUnavailableMiddleware:
    """Outermost: any request that failed because the database is unreachable gets a 503 page
    in the visitor's language (from the URL prefix), rendered without touching the database,
    with no traceback. The full error goes to the log."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            response = self.get_response(request)
        except DATABASE_DOWN_ERRORS:
            logger.exception("Database unavailable while serving %s", request.path)
            return database_unavailable_response(request)
        if getattr(request, _FLAG, False):
            logger.error("Database unavailable while serving %s: answered 503", request.path)
            return database_unavailable_response(request)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception):
        if isinstance(exception, DATABASE_DOWN_ERRORS):
            logger.error("Database unavailable while serving %s: %s", request.path, exception)
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
