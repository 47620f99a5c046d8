"""The services catalogue, the "Start the service" link and "Was this page useful?".

Both visitor actions work without JavaScript: the start link is a plain link that counts a KPI
start and redirects to the service's https address; feedback is a POST that redirects to a
thank-you message (or shows the page again with the errors next to their fields).
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any
from urllib.parse import urlencode, urlsplit

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.views.decorators.http import require_GET, require_POST

from frontend import client
from frontend.forms import FeedbackForm, honeypot_filled
from frontend.rendering import base_context, current_language, render_html, template_for
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
        "feedback_form": FeedbackForm(),
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


def record(request: HttpRequest, code: str, event: str) -> None:
    """Count a KPI event; a counting failure must never stop the visitor."""
    try:
        client.run(
            "RecordServiceEvent",
            {"code": code, "event": event, "locale": current_language()},
            request,
        )
    except (client.ApiUnavailable, client.ApiError) as exc:
        logger.warning("Could not record %s for %s: %s", event, code, exc)


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


@require_POST
@friendly_on_api_failure
def feedback(request: HttpRequest, code: str) -> HttpResponse:
    """Record "Was this page useful?" and redirect to the thank-you message (POST-redirect-GET)."""
    if not _valid_code(code):
        return not_found_response(request)
    language = current_language()
    form = FeedbackForm(request.POST)
    is_bot = honeypot_filled(request.POST)
    if is_bot or form.is_valid():
        service = client.run("ServiceByCode", {"code": code, "locale": language}, request)[
            "service"
        ]
        if not service:
            return not_found_response(request)
        if is_bot:
            # The feedback mutation has no honeypot argument, so the frontend drops the answer
            # itself, and thanks the sender exactly as it thanks a person.
            logger.info("Feedback on %s dropped: honeypot filled", service["code"])
        else:
            client.run(
                "SubmitServiceFeedback",
                {"code": service["code"], "locale": language, **form.variables()},
                request,
            )
        return HttpResponseRedirect(f"{service['url']}?feedback=thanks#feedback")
    data = client.run("ServicePageByCode", {"code": code, "locale": language}, request)
    page = data.get("service")
    if not page:
        return not_found_response(request, data)
    context = base_context(request, data, page)
    context.update(service_context(page))
    context["feedback_form"] = form
    return render_html(request, template_for(page["__typename"]), context, status=400)
