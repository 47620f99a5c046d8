"""The search page (/ar/search/, /en/search/) and its suggestions endpoint.

Facets and pagination are plain links, so everything works without JavaScript; site.js only adds
suggestions to the search box. Odd input (a long query, an unknown facet, a bad page number) is
cut or ignored, never an error.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext
from django.views.decorators.http import require_GET

from cms.page_cache import on_every_serve
from frontend import client
from frontend.rendering import (
    base_context,
    current_language,
    render_html,
    shared_unless_editor,
)
from frontend.views import friendly_on_api_failure, page_number, pagination

MAX_QUERY_CHARS = 200
RESULT_TYPES = (
    "SERVICE",
    "PAGE",
    "NEWS",
    "REGULATION",
    "PUBLICATION",
    "CONSULTATION",
    "PROCUREMENT_NOTICE",
)
CATEGORY_SLUG = re.compile(r"^[-\w]{1,80}$")
SUGGEST_MIN_CHARS = 2


# Control characters (NUL included) can be neither searched for nor sent to the API: dropped.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _query(request: HttpRequest) -> str:
    raw = _CONTROL.sub(" ", request.GET.get("q") or "")
    return " ".join(raw.split())[:MAX_QUERY_CHARS]


def _had_control_characters(request: HttpRequest) -> bool:
    return bool(_CONTROL.search(request.GET.get("q") or ""))


def _filters(request: HttpRequest) -> dict[str, str]:
    kind = (request.GET.get("type") or "").upper()
    category = request.GET.get("category") or ""
    return {
        "type": kind if kind in RESULT_TYPES else "",
        "category": category if CATEGORY_SLUG.match(category) else "",
    }


def _link(query: str, **params: str | int) -> str:
    """A search URL's query string with only the parameters that have a value."""
    values = {"q": query, **params}
    return "?" + urlencode({key: value for key, value in values.items() if value})


def _facet_links(query: str, filters: dict[str, str], facets: dict[str, Any]) -> dict[str, Any]:
    types = [
        {
            **facet,
            "href": _link(query, type=facet["value"], category=filters["category"]),
            "selected": facet["value"].upper() == filters["type"],
        }
        for facet in facets.get("types") or []
    ]
    categories = [
        {
            **facet,
            "href": _link(query, type=filters["type"], category=facet["value"]),
            "selected": facet["value"] == filters["category"],
        }
        for facet in facets.get("categories") or []
    ]
    return {
        "types": types,
        "categories": categories,
        "all_types_href": _link(query, category=filters["category"]),
        "all_categories_href": _link(query, type=filters["type"]),
    }


def _other_search(language: str) -> str:
    return f"/{'en' if language == 'ar' else 'ar'}/search/"


@require_GET
@friendly_on_api_failure
def search(request: HttpRequest) -> HttpResponse:
    language = current_language()
    query = _query(request)
    filters = _filters(request)
    number = page_number(request)
    if not query:
        data = client.run("Shell", {"locale": language}, request)
        context = base_context(
            request, data, None, title=gettext("Search"), switch_path=_other_search(language)
        )
        context.update(
            {"query": "", "results": None, "query_cleaned": _had_control_characters(request)}
        )
        return shared_unless_editor(request, render_html(request, "search/search.html", context))
    variables = {
        "query": query,
        "locale": language,
        "types": [filters["type"]] if filters["type"] else None,
        "category": filters["category"] or None,
        "page": number,
    }
    data = client.run("SiteSearch", variables, request)
    results = data["search"]
    catalogue_items = (data.get("catalogue") or {}).get("items") or []
    context = base_context(
        request,
        data,
        None,
        title=gettext("Search results for “%(query)s”") % {"query": query},
        switch_path=_other_search(language) + _link(query),
    )
    context.update(
        {
            "query": query,
            "query_cleaned": _had_control_characters(request),
            "results": results,
            "filters": filters,
            "facets": _facet_links(query, filters, results["facets"]),
            "did_you_mean_href": _link(results["didYouMean"]) if results["didYouMean"] else "",
            "pagination": pagination(results["page"], results["total"], 10)
            | {"count": results["pageCount"] or 1},
            "query_prefix": _link(query, **{k: v for k, v in filters.items() if v})[1:] + "&",
            "catalogue": catalogue_items[0]["parent"] if catalogue_items else None,
            "contact_centre": ((data.get("home") or {}).get("contactCentre")),
        }
    )
    response = render_html(request, "search/search.html", context)
    response["X-Robots-Tag"] = "noindex, follow"
    if results["page"] == 1:
        # Counted each time the page is served, rendered or stored (the query above is not).
        on_every_serve(
            response,
            "search_query",
            query=results["query"],
            language=language,
            total=results["total"],
        )
    return shared_unless_editor(request, response)


@require_GET
def suggestions(request: HttpRequest) -> JsonResponse:
    """Titles that start like what the visitor is typing: {"suggestions": [...]}."""
    prefix = _query(request)
    found: list[str] = []
    if len(prefix) >= SUGGEST_MIN_CHARS:
        try:
            data = client.run(
                "SearchSuggestions", {"prefix": prefix, "locale": current_language()}, request
            )
            found = [item["title"] for item in data["searchSuggestions"]]
        except (client.ApiUnavailable, client.ApiError):
            found = []  # suggestions are optional: the form still works
    response = JsonResponse({"suggestions": found}, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "max-age=60"
    return response
