"""Open-data downloads of the catalogue, per language, at stable addresses under /open-data/."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from services_catalog import open_data

CACHE_SECONDS = 300
FORMATS = {
    "jsonld": ("application/ld+json; charset=utf-8", open_data.json_ld_chunks),
    "json": ("application/json; charset=utf-8", open_data.json_chunks),
    "csv": ("text/csv; charset=utf-8", open_data.csv_lines),
}
EXCEL_BOM = "\ufeff"


def _stream(request: HttpRequest, language: str, fmt: str) -> StreamingHttpResponse:
    locale = open_data.supported_locale(language)
    if locale is None:
        raise Http404("Unknown language: use ar or en.")
    content_type, produce = FORMATS[fmt]
    chunks = produce(locale, request)
    if fmt == "csv" and request.GET.get("excel") == "1":
        # Excel reads UTF-8 Arabic correctly only when the file starts with a byte-order mark.
        chunks = _prefixed(EXCEL_BOM, chunks)
    response = StreamingHttpResponse(chunks, content_type=content_type)
    response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
    response["Access-Control-Allow-Origin"] = "*"
    response["Content-Disposition"] = f'inline; filename="services-{language}.{fmt}"'
    return response


def _prefixed(prefix, chunks):
    yield prefix
    yield from chunks


@require_GET
def services_jsonld(request: HttpRequest, language: str) -> StreamingHttpResponse:
    return _stream(request, language, "jsonld")


@require_GET
def services_json(request: HttpRequest, language: str) -> StreamingHttpResponse:
    return _stream(request, language, "json")


@require_GET
def services_csv(request: HttpRequest, language: str) -> StreamingHttpResponse:
    return _stream(request, language, "csv")


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """What is published here, in the spirit of a DCAT catalogue: one entry per distribution."""
    views = {"jsonld": "services_jsonld", "json": "services_json", "csv": "services_csv"}
    distributions = [
        {
            "language": language,
            "format": fmt,
            "mediaType": FORMATS[fmt][0].split(";")[0],
            "url": request.build_absolute_uri(
                reverse(f"open_data:{views[fmt]}", kwargs={"language": language})
            ),
        }
        for language in ("ar", "en")
        for fmt in ("jsonld", "json", "csv")
    ]
    body = {
        "title": "E-services catalogue of the Ministry of Finance",
        "description": (
            "Every published individual e-service, per language, as schema.org GovernmentService "
            "JSON-LD and as JSON and CSV with the same fields."
        ),
        "fields": open_data.RECORD_FIELDS,
        "distributions": distributions,
    }
    response = JsonResponse(body, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Access-Control-Allow-Origin"] = "*"
    return response
