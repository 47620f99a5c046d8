"""Public pages: language redirect, the catch-all page view, previews, and error pages.

Content comes only from GraphQL through `frontend.client`; when the API fails the visitor gets a
friendly page in their language (503), never a traceback.
"""

from __future__ import annotations

import logging
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseNotFound, HttpResponseRedirect
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language_from_request
from django.views.decorators.http import require_GET

from cms import outages
from cms.page_cache import on_every_serve
from frontend import client
from frontend.middleware import redirected_by_middleware
from frontend.rendering import (
    LANGUAGES,
    base_context,
    current_language,
    render_html,
    shared_unless_editor,
    template_for,
    with_security_headers,
)

logger = logging.getLogger("mizan.frontend")

NEWS_PAGE_SIZE = 10
# Pages whose views are counted per page and day (cms/page_views.py): type -> serve event.
PAGE_VIEW_EVENTS = {
    "ConsultationPage": "consultation_view",
    "ProcurementNoticePage": "notice_view",
}
MAX_PAGE_NUMBER = 1000


def language_root(request: HttpRequest) -> HttpResponse:
    """Send the visitor to /ar/ or /en/ by their browser's preference, Arabic by default."""
    language = get_language_from_request(request, check_path=False)
    response = HttpResponseRedirect(f"/{language if language in LANGUAGES else 'ar'}/")
    response["Vary"] = "Accept-Language, Cookie"
    return response


def service_unavailable(request: HttpRequest) -> HttpResponse:
    """The API failed or was too slow: a page that needs no data at all."""
    html = render_to_string(
        "errors/unavailable.html", {"language": current_language()}, request=request
    )
    response = HttpResponse(html, status=503)
    response["Retry-After"] = "30"
    add_never_cache_headers(response)
    # The outage is logged once (cms/outages.py), not as a "Service Unavailable" ERROR each time.
    outages.already_logged(response)
    return with_security_headers(response)


def friendly_on_api_failure(view):
    """Turn a failed or slow content API call into the friendly 503 page."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except client.ApiUnavailable:
            # Logged once per outage where it happened: the database's (in process) or the
            # remote content API's (client.HttpTransport).
            return service_unavailable(request)
        except client.ApiError as exc:
            logger.error("Content API failed for %s: %s", request.path, exc)
            return service_unavailable(request)

    return wrapped


def page_number(request: HttpRequest) -> int:
    """?page=N from the query string; anything else means the first page."""
    try:
        number = int(request.GET.get("page", "1"))
    except ValueError:
        return 1
    return min(max(number, 1), MAX_PAGE_NUMBER)


def pagination(number: int, total: int, size: int) -> dict[str, Any]:
    pages = max(1, -(-total // size))
    return {
        "number": number,
        "count": pages,
        "previous": number - 1 if number > 1 else None,
        "next": number + 1 if number < pages else None,
    }


def render_page(
    request: HttpRequest, data: dict[str, Any], page: dict[str, Any], **extra
) -> HttpResponse:
    from frontend import (
        consultations,
        enquiries,
        institution,
        procurement,
        publications,
        regulations,
        services,
    )  # they build on these helpers

    context = base_context(request, data, page)
    typename = page["__typename"]
    if typename == "NewsIndexPage":
        total = (page.get("articles") or {}).get("totalCount") or 0
        context["pagination"] = pagination(extra.get("number", 1), total, NEWS_PAGE_SIZE)
    elif typename == "ServiceIndexPage":
        context.update(services.catalogue_context(request))
    elif typename == "ContactCentrePage":
        context.update(enquiries.contact_centre_context(request))
    elif typename == "RegulationIndexPage":
        context.update(regulations.library_context(request))
    elif typename == "RegulationPage":
        context.update(regulations.regulation_context(request, page))
    elif typename == "PublicationIndexPage":
        context.update(publications.library_context(request, page, extra.pop("route", None)))
    elif typename == "ConsultationIndexPage":
        context.update(consultations.index_context(request, page))
    elif typename == "ConsultationPage":
        context.update(consultations.detail_context(request, page))
    elif typename == "BudgetYearPage":
        context.update(publications.budget_context(request, page))
    elif typename == "ProcurementIndexPage":
        context.update(procurement.list_context(request, page))
    elif typename == "OrganisationPage":
        context.update(institution.organisation_context(page))
    elif typename == "ServicePage":
        context.update(services.service_context(page))
        context["feedback_thanks"] = request.GET.get("feedback") == "thanks"
    context.update(extra)
    response = render_html(request, template_for(typename), context)
    if typename == "ServicePage" and not extra.get("is_preview"):
        # Counted by the page cache each time the page is served, rendered or stored, without
        # a database write in the request (cms/page_cache.py, services_catalog/kpi.py).
        on_every_serve(response, "service_view", code=page["code"], language=current_language())
    elif typename == "RegulationPage" and not extra.get("is_preview"):
        # The page itself is version 0; a version's citation address counts as that version
        # (regulations/kpi.py).
        version = (extra.get("version") or {}).get("number") or 0
        on_every_serve(response, "regulation_view", page_id=page["id"], version=version)
    elif typename in PAGE_VIEW_EVENTS and not extra.get("is_preview"):
        on_every_serve(response, PAGE_VIEW_EVENTS[typename], page_id=page["id"])
    return response


def old_address_redirect(request: HttpRequest) -> HttpResponse | None:
    """A redirect to where an old address now lives (GraphQL `redirect`), else None.

    Asked only when no page answers, so normal pages pay nothing for it. The path goes as it
    arrived (percent-encoded, with its query); the API matches it in any letter case and counts
    it as missing when nothing matches.
    """
    request.old_address_asked = True  # frontend.middleware: asked once per request
    variables = {
        "path": request.get_full_path()[:2000],
        "referrer": request.headers.get("Referer", "")[:300] or None,
    }
    try:
        found = client.run("OldAddress", variables, request).get("redirect")
    except (client.ApiUnavailable, client.ApiError):
        return None  # the 404 page is still the right answer
    if not found or not found.get("location"):
        return None
    permanent = found.get("statusCode") == 301
    response = HttpResponseRedirect(found["location"])
    if permanent:
        # 308 keeps a form's POST a POST; browsers and crawlers treat both as permanent.
        response.status_code = 301 if request.method in ("GET", "HEAD") else 308
    response["Cache-Control"] = "public, max-age=3600" if permanent else "no-cache"
    return response


def not_found_response(request: HttpRequest, data: dict[str, Any] | None = None) -> HttpResponse:
    """The 404 page with the site's header and footer (a plain one if the API is down too),
    unless the address is an old one that lives elsewhere now."""
    redirect = old_address_redirect(request)
    if redirect is not None:
        return redirect
    if data is None:
        try:
            data = client.run("Shell", {"locale": current_language()}, request)
        except (client.ApiUnavailable, client.ApiError):
            data = {}
    context = base_context(request, data, None, title=translation.gettext("Page not found"))
    return render_html(request, "404.html", context, status=404)


@require_GET
@friendly_on_api_failure
def page(request: HttpRequest, path: str) -> HttpResponse:
    """Any Wagtail page: path -> GraphQL `page(path, locale)` -> template by __typename."""
    number = page_number(request)
    variables = {
        "path": "/" + path,
        "locale": current_language(),
        "first": NEWS_PAGE_SIZE,
        "offset": (number - 1) * NEWS_PAGE_SIZE,
    }
    data = client.run("PageByPath", variables, request)
    found = data.get("page")
    route = None
    if not found:
        # The library's stable addresses: <library>/type/<type>/ and <library>/year/<year>/.
        from frontend.publications import filter_route

        routed = filter_route(path)
        if routed is not None:
            data = client.run("PageByPath", {**variables, "path": "/" + routed[0]}, request)
            found = data.get("page")
            route = routed[1]
            if not found or found["__typename"] != "PublicationIndexPage":
                found = None
    if not found:
        return not_found_response(request, data)
    from frontend.publications import UnknownFilter

    try:
        response = render_page(request, data, found, number=number, route=route)
    except UnknownFilter:
        return not_found_response(request, data)
    return shared_unless_editor(request, response)


@require_GET
@friendly_on_api_failure
def preview(request: HttpRequest) -> HttpResponse:
    """The admin's Preview: the draft a wagtail-headless-preview token names, never cached."""
    token = request.GET.get("token", "")
    data = client.run("PagePreview", {"token": token[:512]}, request) if token else {}
    draft = data.get("pagePreview")
    language = (draft or {}).get("locale") or current_language()
    with translation.override(language):
        if not draft:
            # 400, not 404: LocaleMiddleware would turn a 404 here into a redirect to /ar/preview/.
            context = base_context(
                request, {}, None, title=translation.gettext("Preview unavailable")
            )
            response = render_html(request, "errors/preview_invalid.html", context, status=400)
        else:
            shell = client.run("Shell", {"locale": language}, request)
            # Wagtail's userbar (editors only: the tag checks admin access) carries the axe
            # checks and content metrics that the editor's Checks panel runs on this document.
            request.in_preview_panel = request.GET.get("in_preview_panel") == "true"
            response = render_page(request, shell, draft, is_preview=True, editor_checks=True)
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    # The admin shows the preview in an iframe of its own origin.
    response["X-Frame-Options"] = "SAMEORIGIN"
    if "Content-Security-Policy" in response:
        response["Content-Security-Policy"] = response["Content-Security-Policy"].replace(
            "frame-ancestors 'none'", "frame-ancestors 'self'"
        )
    return response


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """handler404: paths no route matches get the same page as unknown page paths.

    A path that Django's middleware will answer with a redirect instead (a missing trailing
    slash, a missing language prefix) gets a bare 404 here: looking it up as an old address
    would count every such visit as a missing path in the editors' report.
    """
    if redirected_by_middleware(request):
        return HttpResponseNotFound()
    return not_found_response(request)


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: rendered from the template alone, without the database or the API."""
    html = render_to_string("500.html", {"language": current_language()})
    return with_security_headers(HttpResponse(html, status=500))


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: a form sent from a stale page gets a plain explanation, not Django's."""
    context = base_context(
        request, {}, None, title=translation.gettext("Please send the form again")
    )
    response = render_html(request, "errors/csrf.html", context, status=403)
    add_never_cache_headers(response)
    return response
