"""The publications library (filters without JavaScript, stable addresses per type and year) and
the budget year pages (figures as a table first, then a server-drawn SVG chart).

Stable addresses: /<lang>/<library>/type/<type-slug>/ and /<lang>/<library>/year/<year>/ show
the library filtered by that type or year; the filter form's query string (?type=&year=&lang=)
combines them. Unknown values are ignored, never an error.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext
from django.views.decorators.http import require_GET

from cms.page_cache import on_every_serve
from frontend import client
from frontend.rendering import current_language

LIBRARY_PAGE_SIZE = 10
TYPE_SLUG = re.compile(r"^[a-z-]{2,40}$")
YEAR = re.compile(r"^(19|20|21)\d\d$")
CURSOR = re.compile(r"^[A-Za-z0-9_=-]{1,400}$")
FILTER_PATH = re.compile(r"^(?P<library>(?:[\w-]+/)*)(?P<kind>type|year)/(?P<value>[\w-]+)/$")


class UnknownFilter(Exception):
    """A stable address names a type or year the library does not know: a 404."""


def filter_route(path: str) -> tuple[str, dict[str, str]] | None:
    """('publications/', {'type': 'enacted-budget'}) for 'publications/type/enacted-budget/'."""
    found = FILTER_PATH.match(path)
    if not found:
        return None
    return found["library"], {found["kind"]: found["value"]}


def _type_enum(slug: str | None) -> str | None:
    if slug and TYPE_SLUG.match(slug):
        return slug.replace("-", "_").upper()
    return None


def library_filters(request: HttpRequest, route: dict[str, str] | None = None) -> dict[str, Any]:
    route = route or {}
    type_slug = route.get("type") or request.GET.get("type") or None
    year = route.get("year") or request.GET.get("year") or None
    language = request.GET.get("lang") or None
    return {
        "type": type_slug if type_slug and TYPE_SLUG.match(type_slug) else None,
        "year": year if year and YEAR.match(year) else None,
        "lang": language if language in ("ar", "en") else None,
    }


def library_context(
    request: HttpRequest, page: dict[str, Any], route: dict[str, str] | None = None
) -> dict[str, Any]:
    filters = library_filters(request, route)
    if route and not all(filters.get(key) == value for key, value in route.items()):
        raise UnknownFilter(route)
    after = request.GET.get("after") or None
    variables = {
        "locale": current_language(),
        "type": _type_enum(filters["type"]),
        "year": int(filters["year"]) if filters["year"] else None,
        "fileLanguage": filters["lang"].upper() if filters["lang"] else None,
        "first": LIBRARY_PAGE_SIZE,
        "after": after if after and CURSOR.match(after) else None,
    }
    try:
        data = client.run("PublicationList", variables, request)
    except client.ApiError:
        if route and route.get("type"):
            raise UnknownFilter(route) from None
        # An unknown type in the query string, or a stale cursor: ignore them.
        variables.update(type=None, after=None)
        filters["type"] = None
        data = client.run("PublicationList", variables, request)
    listing = data["publications"]
    facets = data["publicationFacets"]
    query = {key: value for key, value in filters.items() if value}
    base = page["url"]
    type_labels = {facet["value"]: facet["label"] for facet in facets["types"]}
    heading_parts = []
    if filters["type"]:
        heading_parts.append(type_labels.get(filters["type"], filters["type"]))
    if filters["year"]:
        heading_parts.append(gettext("Fiscal year %(year)s") % {"year": filters["year"]})
    next_link = None
    if listing["pageInfo"]["hasNextPage"]:
        next_link = "?" + urlencode({**query, "after": listing["pageInfo"]["endCursor"]})
    return {
        "publications": listing["items"],
        "total": listing["totalCount"],
        "facets": facets,
        "filters": filters,
        "has_filters": bool(query),
        "filter_heading": " · ".join(heading_parts),
        "type_links": [
            {**facet, "href": f"{base}type/{facet['value']}/"} for facet in facets["types"]
        ],
        "year_links": [
            {**facet, "href": f"{base}year/{facet['value']}/"} for facet in facets["years"]
        ],
        "next_link": next_link,
        "first_link": ("?" + urlencode(query)) if after else None,
        "library_url": base,
        **({"canonical": request.build_absolute_uri(request.path)} if route else {}),
    }


# -- budget years -----------------------------------------------------------------------------

# Okabe-Ito: distinguishable with the common colour-vision deficiencies; each bar also carries
# its value as text, so colour is never the only carrier of meaning.
REVENUE_COLOUR = "#0072B2"
EXPENDITURE_COLOUR = "#D55E00"
CHART_WIDTH = 640
BAR_HEIGHT = 26
BAR_GAP = 12
LABEL_SPACE = 220
VALUE_SPACE = 110


def number(value: float) -> str:
    return f"{round(value):,}"


def chart(lines: list[dict[str, Any]], language: str) -> dict[str, Any]:
    """Bars for every line, drawn as SVG geometry: mirrored for Arabic (bars grow from the
    right), the value written at each bar's end."""
    rtl = language == "ar"
    largest = max((float(line["amount"]) for line in lines), default=0) or 1
    room = CHART_WIDTH - LABEL_SPACE - VALUE_SPACE
    bars = []
    for index, line in enumerate(lines):
        amount = float(line["amount"])
        width = max(1.0, room * amount / largest)
        y = index * (BAR_HEIGHT + BAR_GAP)
        if rtl:
            x = CHART_WIDTH - LABEL_SPACE - width
            label_x, label_anchor = CHART_WIDTH - LABEL_SPACE + 8, "end"
            value_x, value_anchor = x - 8, "end"
        else:
            x = LABEL_SPACE
            label_x, label_anchor = LABEL_SPACE - 8, "end"
            value_x, value_anchor = x + width + 8, "start"
        bars.append(
            {
                "x": round(x, 1),
                "y": y,
                "width": round(width, 1),
                "height": BAR_HEIGHT,
                "colour": REVENUE_COLOUR if line["kind"] == "revenue" else EXPENDITURE_COLOUR,
                "pattern": line["kind"] == "expenditure",
                "label": line["label"],
                "label_x": label_x,
                "label_anchor": label_anchor,
                "value": number(amount),
                "value_x": round(value_x, 1),
                "value_anchor": value_anchor,
                "text_y": y + BAR_HEIGHT * 0.7,
            }
        )
    # Geometry as plain strings: templates would localise floats ("110,0" in Arabic).
    for bar in bars:
        for key in ("x", "y", "width", "height", "label_x", "value_x", "text_y"):
            bar[key] = f"{float(bar[key]):.1f}"
    return {
        "width": CHART_WIDTH,
        "height": str(max(1, len(lines) * (BAR_HEIGHT + BAR_GAP))),
        "bars": bars,
        "direction": "rtl" if rtl else "ltr",
    }


def budget_context(request: HttpRequest, page: dict[str, Any]) -> dict[str, Any]:
    language = current_language()
    year = page["fiscalYear"]["year"]
    data = client.run("BudgetYearContext", {"locale": language, "year": year}, request)
    lines = page["lines"]
    revenue = [line for line in lines if line["kind"] == "revenue"]
    expenditure = [line for line in lines if line["kind"] == "expenditure"]
    years = sorted(data["budgetYears"], key=lambda y: y["fiscalYear"]["year"])
    previous = next((y for y in reversed(years) if y["fiscalYear"]["year"] < year), None)
    comparison = []
    if previous is not None:
        for key, label in (
            ("revenue", gettext("Revenue")),
            ("expenditure", gettext("Expenditure")),
            ("balance", gettext("Surplus or deficit")),
        ):
            change = page[key] - previous[key]
            base = abs(previous[key]) or 1
            comparison.append(
                {
                    "label": label,
                    "previous": number(previous[key]),
                    "current": number(page[key]),
                    "change": ("+" if change > 0 else "") + number(change),
                    "percent": f"{'+' if change > 0 else ''}{change / base * 100:.1f}%",
                }
            )
    return {
        "structured_data": dataset_json_ld(request, page, language),
        "revenue_lines": [{**line, "shown": number(line["amount"])} for line in revenue],
        "expenditure_lines": [{**line, "shown": number(line["amount"])} for line in expenditure],
        "totals": {
            "revenue": number(page["revenue"]),
            "expenditure": number(page["expenditure"]),
            "balance": number(page["balance"]),
            "is_deficit": page["balance"] < 0,
        },
        "chart": chart(lines, language),
        "previous_year": previous,
        "comparison": comparison,
        "year_documents": data["publications"]["items"],
        "other_years": [y for y in years if y["fiscalYear"]["year"] != year],
    }


OPEN_LICENCE = "https://creativecommons.org/licenses/by/4.0/"


def dataset_json_ld(request: HttpRequest, page: dict[str, Any], language: str) -> dict[str, Any]:
    """schema.org Dataset for the year's figures, pointing at the open-data files."""
    year = page["fiscalYear"]["year"]
    downloads = [
        {
            "@type": "DataDownload",
            "encodingFormat": media,
            "contentUrl": request.build_absolute_uri(f"/open-data/budget/{language}.{fmt}"),
        }
        for fmt, media in (("csv", "text/csv"), ("json", "application/json"))
    ]
    return {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": page["title"],
        "description": page.get("intro") or page["title"],
        "url": request.build_absolute_uri(page["url"]),
        "inLanguage": language,
        "temporalCoverage": f"{year}-01-01/{year}-12-31",
        "license": OPEN_LICENCE,
        "isAccessibleForFree": True,
        "creator": {"@type": "GovernmentOrganization", "name": gettext("Ministry of Finance")},
        "distribution": downloads,
    }


@require_GET
def download(request: HttpRequest, page_id: str, file_id: str) -> HttpResponse:
    """Count a download (after the response, through the page cache's serve events: no
    database write here), then send the visitor to the file."""
    from frontend.views import friendly_on_api_failure, not_found_response

    @friendly_on_api_failure
    def run(request):
        data = client.run(
            "PublicationDownload", {"id": page_id, "locale": current_language()}, request
        )
        page = data.get("pageById") or {}
        found = next((f for f in page.get("files") or [] if f["id"] == file_id), None)
        if found is None:
            return not_found_response(request)
        response = HttpResponseRedirect(found["url"])
        response["Cache-Control"] = "no-store"
        response["X-Robots-Tag"] = "noindex"
        on_every_serve(response, "publication_download", file_id=int(file_id))
        return response

    return run(request)
