"""Procurement notices: the filtered list (a plain GET form, no script) and a notice's page.

Unlike the other libraries, a filter value the list does not know is a 404, not ignored: a
bidder following an old or mistyped link must not be shown "all notices" as if it were the
filtered list (an open tender looked for and not found is not the same as none open).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest

from frontend import client
from frontend.publications import UnknownFilter
from frontend.rendering import current_language

TYPES = ("public_tender", "limited_tender", "direct_purchase", "framework_agreement")
STATUSES = ("open", "closed", "awarded", "cancelled")
YEAR = re.compile(r"^(20|21)\d\d$")
CURSOR = re.compile(r"^[A-Za-z0-9_=-]{1,1000}$")
FILTERS = ("type", "status", "year")


def notice_filters(request: HttpRequest) -> dict[str, Any]:
    """The filters of the query string; an empty value means "any", any other unknown value
    raises UnknownFilter."""
    found: dict[str, Any] = {"type": None, "status": None, "year": None}
    for name in FILTERS:
        value = request.GET.get(name, "")
        if value == "":
            continue
        if name == "type" and value in TYPES:
            found["type"] = value
        elif name == "status" and value in STATUSES:
            found["status"] = value
        elif name == "year" and YEAR.match(value):
            found["year"] = int(value)
        else:
            raise UnknownFilter({name: value})
    return found


def list_context(request: HttpRequest, page: dict[str, Any]) -> dict[str, Any]:
    filters = notice_filters(request)
    after = request.GET.get("after") or ""
    variables = {
        "locale": current_language(),
        "type": (filters["type"] or "").upper() or None,
        "status": (filters["status"] or "").upper() or None,
        "year": filters["year"],
        "after": after if CURSOR.match(after) else None,
    }
    try:
        data = client.run("ProcurementList", variables, request)
    except client.ApiError:
        if not variables["after"]:
            raise
        # A cursor from another list or an old link: start the list again.
        data = client.run("ProcurementList", {**variables, "after": None}, request)
    listing = data["procurementNotices"]
    query = {key: value for key, value in filters.items() if value}
    next_cursor = listing["pageInfo"]["endCursor"] if listing["pageInfo"]["hasNextPage"] else None
    return {
        "notices": listing["items"],
        "total": listing["totalCount"],
        "filters": filters,
        "has_filters": bool(query),
        "next_query": urlencode({**query, "after": next_cursor}) if next_cursor else None,
        "first_query": urlencode(query) if variables["after"] else None,
    }
