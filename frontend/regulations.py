"""The laws and regulations library: the filtered list, a regulation with its schema.org
`Legislation` JSON-LD, and the stable citation address of each version
(`<regulation url>versions/<n>/`; a regulation has no child pages, so no page can take it).

Filters are a plain GET form (no script); unknown values are ignored, never an error.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from frontend import client
from frontend.rendering import absolute, current_language, shared_unless_editor
from frontend.views import friendly_on_api_failure, not_found_response, page

INSTRUMENTS = ("royal_decree", "council_of_ministers", "ministerial", "circular")
STATUSES = ("in_force", "amended", "repealed")
YEAR = re.compile(r"^(19|20)\d\d$")
CURSOR = re.compile(r"^[A-Za-z0-9_=-]{1,1000}$")


def library_filters(request: HttpRequest) -> dict[str, Any]:
    instrument = (request.GET.get("instrument") or "").lower()
    status = (request.GET.get("status") or "").lower()
    year = request.GET.get("year") or ""
    return {
        "instrument": instrument if instrument in INSTRUMENTS else None,
        "status": status if status in STATUSES else None,
        "year": int(year) if YEAR.match(year) else None,
    }


def library_context(request: HttpRequest) -> dict[str, Any]:
    filters = library_filters(request)
    after = request.GET.get("after") or ""
    variables = {
        "locale": current_language(),
        "instrument": (filters["instrument"] or "").upper() or None,
        "status": (filters["status"] or "").upper() or None,
        "year": filters["year"],
        "after": after if CURSOR.match(after) else None,
    }
    try:
        data = client.run("RegulationList", variables, request)
    except client.ApiError:
        if not variables["after"]:
            raise
        # A cursor from another list or an old link: start the list again.
        data = client.run("RegulationList", {**variables, "after": None}, request)
    listing = data["regulations"]
    query = {key: value for key, value in filters.items() if value}
    next_cursor = listing["pageInfo"]["endCursor"] if listing["pageInfo"]["hasNextPage"] else None
    return {
        "regulations": listing["items"],
        "total": listing["totalCount"],
        "filters": filters,
        "has_filters": bool(query),
        "next_query": urlencode({**query, "after": next_cursor}) if next_cursor else None,
        "first_query": urlencode(query) if variables["after"] else None,
        "instruments": INSTRUMENTS,
    }


def legislation_json_ld(request: HttpRequest, regulation: dict[str, Any]) -> dict[str, Any]:
    """schema.org Legislation: identifier, date, legal force, and each version as a
    consolidated text of the regulation with its own address."""
    url = absolute(request, regulation["url"])
    return {
        "@context": "https://schema.org",
        "@type": "Legislation",
        "@id": url,
        "url": url,
        "name": regulation["title"],
        "inLanguage": regulation["locale"],
        "legislationIdentifier": regulation["number"],
        "legislationType": regulation["instrumentLabel"],
        "legislationDate": regulation["issuedOn"],
        "legislationLegalForce": {"@id": regulation["legalForce"]},
        "abstract": regulation["summary"],
        "workExample": [
            {
                "@type": "Legislation",
                "@id": absolute(request, version["citationUrl"]),
                "url": absolute(request, version["citationUrl"]),
                "name": f"{regulation['title']} — {version['label']}",
                "legislationDateVersion": version["effectiveFrom"],
                "legislationConsolidates": {"@id": url},
            }
            for version in regulation["versions"]
            if version.get("citationUrl")
        ],
        "legislationChanges": [
            {"@id": absolute(request, link["regulation"]["url"])}
            for link in regulation["relations"]
            if link["kind"] in ("AMENDS", "REPEALS") and link["regulation"].get("url")
        ],
    }


def regulation_context(request: HttpRequest, regulation: dict[str, Any]) -> dict[str, Any]:
    return {"structured_data": legislation_json_ld(request, regulation)}


@require_GET
@friendly_on_api_failure
def version(request: HttpRequest, path: str, number: str) -> HttpResponse:
    """One version of a regulation at its citation address; any other page's path falls back
    to the page view (which answers 404 for a path no page has)."""
    from frontend.views import render_page

    variables = {"path": "/" + path, "locale": current_language()}
    data = client.run("PageByPath", variables, request)
    found = data.get("page")
    if not found or found["__typename"] != "RegulationPage":
        return page(request, f"{path}versions/{number}/")
    chosen = next((v for v in found["versions"] if v["number"] == int(number)), None)
    if chosen is None:
        return not_found_response(request, data)
    response = render_page(
        request,
        data,
        found,
        version=chosen,
        canonical=absolute(request, chosen["citationUrl"]),
        page_title=f"{found['title']} — {chosen['label']}",
    )
    return shared_unless_editor(request, response)
