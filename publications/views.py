"""Open fiscal data at stable addresses under /open-data/ (a published contract). The counted
download of a publication's file is frontend/publications.py's `download`."""

from __future__ import annotations

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.http import require_GET

from publications import open_data

CACHE_SECONDS = 300
MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json; charset=utf-8"}


def _open(response: HttpResponse, filename: str | None = None) -> HttpResponse:
    response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
    response["Access-Control-Allow-Origin"] = "*"
    if filename:
        response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _locale(language: str):
    locale = open_data.locale_for(language)
    if locale is None:
        raise Http404("Unknown language: use ar or en.")
    return locale


def _dataset(request, language, fmt, name, rows, fields):
    if fmt == "csv":
        body = open_data.to_csv(rows, fields)
        if request.GET.get("excel") == "1":
            body = "\ufeff" + body  # Excel reads UTF-8 Arabic only after a byte-order mark
        return _open(HttpResponse(body, content_type=MEDIA_TYPES["csv"]), f"{name}-{language}.csv")
    body = {"language": language, "fields": list(fields), name: rows}
    text = json.dumps(body, ensure_ascii=False, indent=1, cls=DjangoJSONEncoder)
    return _open(HttpResponse(text, content_type=MEDIA_TYPES["json"]), f"{name}-{language}.json")


@require_GET
def budget(request: HttpRequest, language: str, fmt: str) -> HttpResponse:
    locale = _locale(language)
    rows = open_data.budget_rows(locale)
    return _dataset(request, language, fmt, "budget", rows, open_data.BUDGET_FIELDS)


@require_GET
def publications(request: HttpRequest, language: str, fmt: str) -> HttpResponse:
    locale = _locale(language)
    rows = open_data.publication_rows(locale, request)
    return _dataset(request, language, fmt, "publications", rows, open_data.PUBLICATION_FIELDS)


@require_GET
def catalogue(request: HttpRequest) -> HttpResponse:
    response = JsonResponse(
        open_data.catalogue(request),
        content_type="application/ld+json; charset=utf-8",
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )
    return _open(response)
