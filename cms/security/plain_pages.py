"""Pages that must render when the database (or everything else) is unavailable.

They come from a static template, rendered without a request context: no context processor,
no session, no user, no query. The language comes from the URL prefix (/ar/ or /en/), because
the usual sources (LocaleMiddleware, the language cookie) may not have run.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext, gettext_noop

LANGUAGES = ("ar", "en")
DEFAULT_LANGUAGE = "ar"


def language_from_path(path: str) -> str:
    first = path.lstrip("/").split("/", 1)[0].lower()
    return first if first in LANGUAGES else DEFAULT_LANGUAGE


def _stylesheet() -> str | None:
    try:
        return static("frontend/css/site.css")
    except Exception:  # no manifest entry: the page still reads well unstyled
        return None


def plain_page(
    request: HttpRequest, status: int, heading: str, message: str, retry_after: int | None = None
) -> HttpResponse:
    """`heading` and `message` are msgids, translated here in the visitor's language."""
    language = language_from_path(request.path_info)
    with translation.override(language):
        html = render_to_string(
            "security/plain_page.html",
            {
                "language": language,
                "other_language": "en" if language == "ar" else "ar",
                "heading": gettext(heading),
                "message": gettext(message),
                "stylesheet": _stylesheet(),
            },
        )
    response = HttpResponse(html, status=status, content_type="text/html; charset=utf-8")
    response["Content-Language"] = language
    if retry_after is not None:
        response["Retry-After"] = str(retry_after)
    add_never_cache_headers(response)
    return response


# Marked for makemessages; translated at render time by plain_page().
UNAVAILABLE_HEADING = gettext_noop("Service temporarily unavailable")
UNAVAILABLE_MESSAGE = gettext_noop(
    "Sorry, we cannot show this page right now. Please try again in a few minutes."
)
TOO_MANY_HEADING = gettext_noop("Too many requests")
TOO_MANY_MESSAGE = gettext_noop(
    "You have sent several forms in a short time. Please wait a minute and try again."
)
