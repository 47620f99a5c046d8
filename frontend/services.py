"""The services catalogue, the "Start the service" link and "Was this page useful?".

Both visitor actions work without JavaScript: the start link is a plain link that counts a KPI
start and redirects to the service's https address. Feedback has a step of its own: the service
page asks "Was this page useful?" with a Yes / No choice (a GET form, which records nothing) that
leads to the form, whose POST redirects to the thank-you message on the service page (or shows
the form again with the errors next to their fields). Thanks come only after the API stored the
answer: otherwise the form comes back with the visitor's answer and a plain message (503). The service page therefore carries no
per-visitor CSRF token, so any cache, a CDN's included, may keep it.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any
from urllib.parse import urlencode, urlsplit

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods

from frontend import client
from frontend.forms import FeedbackForm, honeypot_filled
from frontend.rendering import current_language, fixed_route_context, render_html
from frontend.submissions import NOT_STORED_MESSAGE, NotStored, not_stored, submit
from frontend.views import friendly_on_api_failure, not_found_response, page_number, pagination

logger = logging.getLogger("mizan.frontend")

CATALOGUE_PAGE_SIZE = 12
AUDIENCES = ("CITIZEN", "RESIDENT", "BUSINESS", "GOVERNMENT")
SERVICE_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{1,39}$")
CATEGORY_SLUG = re.compile(r"^[-\w]{1,80}$")


def catalogue_filters(request: HttpRequest) -> dict[str, str | None]:
    """Category and audience from the query string; unknown values are ignored, never an error."""
    category = request.GET.get("category") or None
    audience = (request.GET.get("audience") or "").upper() or None
    return {
        "category": category if category and CATEGORY_SLUG.match(category) else None,
        "audience": audience if audience in AUDIENCES else None,
    }


def catalogue_context(request: HttpRequest) -> dict[str, Any]:
    filters = catalogue_filters(request)
    number = page_number(request)
    variables = {
        "locale": current_language(),
        **filters,
        "limit": CATALOGUE_PAGE_SIZE,
        "offset": (number - 1) * CATALOGUE_PAGE_SIZE,
    }
    data = client.run("ServiceList", variables, request)
    services = data["services"]
    query = {key: value.lower() for key, value in filters.items() if value}
    return {
        "services": services["items"],
        "total": services["totalCount"],
        "categories": data["serviceCategories"],
        "filters": {"category": filters["category"], "audience": query.get("audience")},
        "has_filters": bool(query),
        "pagination": pagination(number, services["totalCount"], CATALOGUE_PAGE_SIZE),
        "query_prefix": urlencode(query) + "&" if query else "",
    }


def service_context(page: dict[str, Any]) -> dict[str, Any]:
    """JSON-LD from the API, re-serialised here so that it can never close its <script>."""
    try:
        structured = json.loads(page.get("jsonLd") or "null")
    except ValueError:
        structured = None
    return {
        "structured_data": structured,
        "start_link": start_path(page),
    }


def start_path(page: dict[str, Any]) -> str | None:
    if page.get("status") != "AVAILABLE" or not is_https(page.get("startUrl")):
        return None
    return f"/{page['locale']}/service-start/{page['code']}/"


def is_https(url: str | None) -> bool:
    if not url:
        return False
    parts = urlsplit(url)
    return parts.scheme == "https" and bool(parts.netloc)


def record(request: HttpRequest, code: str, event: str) -> bool:
    """Count a KPI event; False when it was not counted. It never stops the visitor, who is
    on their way to the service itself."""
    variables = {"code": code, "event": event, "locale": current_language()}
    try:
        counted = submit("RecordServiceEvent", variables, request, "recordServiceEvent")
    except NotStored as exc:
        logger.warning("Could not record %s for %s: %s", event, code, exc)
        return False
    return bool(counted.get("ok"))


def _valid_code(code: str) -> bool:
    return bool(SERVICE_CODE.match(code or ""))


@require_GET
@friendly_on_api_failure
def start(request: HttpRequest, code: str) -> HttpResponse:
    """Count a start, then send the visitor to the service's https address."""
    if not _valid_code(code):
        return not_found_response(request)
    service = client.run("ServiceByCode", {"code": code, "locale": current_language()}, request)[
        "service"
    ]
    if not service:
        return not_found_response(request)
    if service["status"] != "AVAILABLE" or not is_https(service.get("startUrl")):
        return HttpResponseRedirect(service["url"])
    record(request, service["code"], "START")
    response = HttpResponseRedirect(service["startUrl"])
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@require_http_methods(["GET", "HEAD", "POST"])
@friendly_on_api_failure
def feedback(request: HttpRequest, code: str) -> HttpResponse:
    """The "Was this page useful?" form (GET, with ?useful=yes|no chosen on the service page),
    and where it posts to: recorded, then redirected to the thank-you message (POST-redirect-GET).
    """
    if not _valid_code(code):
        return not_found_response(request)
    language = current_language()
    if request.method != "POST":
        chosen = request.GET.get("useful")
        form = FeedbackForm(initial={"useful": chosen if chosen in ("yes", "no") else None})
        return _feedback_page(request, code, form)
    form = FeedbackForm(request.POST)
    is_bot = honeypot_filled(request.POST)
    if not (is_bot or form.is_valid()):
        response = _feedback_page(request, code, form, status=400)
        add_never_cache_headers(response)  # it holds what this visitor typed
        return response
    service = client.run("ServiceByCode", {"code": code, "locale": language}, request)["service"]
    if not service:
        return not_found_response(request)
    if is_bot:
        # The feedback mutation has no honeypot argument, so the frontend drops the answer
        # itself, and thanks the sender exactly as it thanks a person.
        logger.info("Feedback on %s dropped: honeypot filled", service["code"])
    else:
        variables = {"code": service["code"], "locale": language, **form.variables()}
        try:
            stored = submit("SubmitServiceFeedback", variables, request, "submitServiceFeedback")
        except NotStored:
            stored = {}
        if not stored.get("ok"):
            form.add_error(None, NOT_STORED_MESSAGE)
            return not_stored(_feedback_page(request, code, form))
    return HttpResponseRedirect(f"{service['url']}?feedback=thanks#feedback")


def _feedback_page(
    request: HttpRequest, code: str, form: FeedbackForm, status: int = 200
) -> HttpResponse:
    data = client.run("ServiceFeedbackPage", {"code": code, "locale": current_language()}, request)
    service = data.get("service")
    if not service:
        return not_found_response(request, data)
    context = fixed_route_context(
        request,
        data,
        f"service-feedback/{service['code']}/",
        gettext("Was this page useful?"),
        parent={"title": service["title"], "url": service["url"]},
    )
    context.update(service=service, feedback_form=form)
    response = render_html(request, "feedback/feedback.html", context, status=status)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
