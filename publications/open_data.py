"""The budget figures and the publications list as open data (CSV and JSON, the same figures as
the pages), and the site's data catalogue in W3C DCAT (JSON-LD, with its context inline).

Only what the visibility policy lets the API show is published here too: live, public pages.
"""

from __future__ import annotations

import csv
import datetime
import io
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from wagtail.models import Locale

from cms.graphql.visibility import visible_pages_of_type
from publications.models import BudgetYearPage, PublicationPage, type_label, type_slug

LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
LICENCE_NAME = "Creative Commons Attribution 4.0 International (CC BY 4.0)"
PUBLISHER = {"ar": "وزارة المالية", "en": "Ministry of Finance"}
# The EU vocabulary of frequencies (DCAT-AP's recommended values).
ANNUAL = "http://publications.europa.eu/resource/authority/frequency/ANNUAL"
CONTINUOUS = "http://publications.europa.eu/resource/authority/frequency/UPDATE_CONT"

BUDGET_FIELDS = ("fiscal_year", "kind", "label", "amount_million_sar", "is_sample_data")
PUBLICATION_FIELDS = (
    "title",
    "type",
    "type_label",
    "fiscal_year",
    "publication_date",
    "url",
    "files",
)
TOTAL_KINDS = ("revenue_total", "expenditure_total", "balance")


def locale_for(language: str) -> Locale | None:
    if language not in ("ar", "en"):
        return None
    return Locale.objects.filter(language_code=language).first()


def budget_years(locale: Locale) -> list[BudgetYearPage]:
    pages = visible_pages_of_type(BudgetYearPage, locale)
    return list(pages.order_by("fiscal_year").prefetch_related("lines"))


def _amount(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def budget_rows(locale: Locale) -> list[dict[str, Any]]:
    """Every line of every published year, then its totals (the figures the page shows)."""
    rows = []
    for page in budget_years(locale):
        revenue = expenditure = Decimal(0)
        for line in page.lines.all():
            rows.append(
                {
                    "fiscal_year": page.fiscal_year,
                    "kind": line.kind,
                    "label": line.label,
                    "amount_million_sar": _amount(line.amount),
                    "is_sample_data": page.is_sample_data,
                }
            )
            if line.kind == "revenue":
                revenue += line.amount
            else:
                expenditure += line.amount
        for kind, amount in zip(
            TOTAL_KINDS, (revenue, expenditure, revenue - expenditure), strict=True
        ):
            rows.append(
                {
                    "fiscal_year": page.fiscal_year,
                    "kind": kind,
                    "label": kind,
                    "amount_million_sar": _amount(amount),
                    "is_sample_data": page.is_sample_data,
                }
            )
    return rows


def publication_rows(locale: Locale, request: HttpRequest) -> list[dict[str, Any]]:
    from django.utils import translation

    pages = visible_pages_of_type(PublicationPage, locale)
    rows = []
    with translation.override(locale.language_code):
        for page in pages.order_by("-publication_date", "pk").prefetch_related("files__document"):
            rows.append(
                {
                    "title": page.title,
                    "type": type_slug(page.publication_type),
                    "type_label": type_label(page.publication_type),
                    "fiscal_year": page.fiscal_year,
                    "publication_date": page.publication_date.isoformat(),
                    "url": request.build_absolute_uri(page.get_url(request) or ""),
                    "files": [
                        {
                            "url": request.build_absolute_uri(f.document.url),
                            "format": f.file_format,
                            "language": f.language,
                            "size_bytes": f.size_bytes,
                            "pages": f.page_count,
                        }
                        for f in page.files.all()
                    ],
                }
            )
    return rows


def to_csv(rows: list[dict[str, Any]], fields: tuple[str, ...]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(fields)
    for row in rows:
        values = []
        for name in fields:
            value = row[name]
            if name == "files":
                value = " | ".join(f"{f['format']} {f['language']} <{f['url']}>" for f in value)
            elif isinstance(value, bool):
                value = "true" if value else "false"
            values.append(value)
        writer.writerow(values)
    return buffer.getvalue()


# -- DCAT -------------------------------------------------------------------------------------

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "dct:license": {"@type": "@id"},
    "dct:accrualPeriodicity": {"@type": "@id"},
    "dcat:downloadURL": {"@type": "@id"},
    "dcat:accessURL": {"@type": "@id"},
    "dcat:landingPage": {"@type": "@id"},
    "dcat:startDate": {"@type": "xsd:date"},
    "dcat:endDate": {"@type": "xsd:date"},
    "dct:issued": {"@type": "xsd:date"},
}


def _texts(ar: str, en: str) -> list[dict[str, str]]:
    return [{"@value": ar, "@language": "ar"}, {"@value": en, "@language": "en"}]


def _distribution(url: str, media_type: str, language: str, title: str) -> dict[str, Any]:
    return {
        "@id": url + "#distribution",
        "@type": "dcat:Distribution",
        "dct:title": title,
        "dcat:downloadURL": url,
        "dcat:accessURL": url,
        "dcat:mediaType": media_type,
        "dct:format": media_type.split("/")[-1].upper(),
        "dct:language": language,
        "dct:license": LICENCE_URL,
    }


def _distributions(request: HttpRequest, view: str, formats: dict[str, str], name: str):
    """One distribution per language and format; `view` names the URL (with `fmt` in its
    arguments for ours, in its name for the catalogue's `open_data:services_<fmt>`)."""
    found = []
    for language in ("ar", "en"):
        for fmt, media_type in formats.items():
            if view.startswith("fiscal_data:"):
                path = reverse(view, kwargs={"language": language, "fmt": fmt})
            else:
                path = reverse(f"{view}_{fmt}", kwargs={"language": language})
            url = request.build_absolute_uri(path)
            found.append(_distribution(url, media_type, language, f"{name} ({language}, {fmt})"))
    return found


def catalogue(request: HttpRequest) -> dict[str, Any]:
    """The site's open data as a dcat:Catalog: the budget, the publications, the services."""
    arabic = locale_for("ar")
    years = [page.fiscal_year for page in budget_years(arabic)] if arabic else []
    first, last = (min(years), max(years)) if years else (datetime.date.today().year,) * 2
    publisher = {
        "@id": request.build_absolute_uri("/"),
        "@type": "foaf:Organization",
        "foaf:name": _texts(PUBLISHER["ar"], PUBLISHER["en"]),
    }
    period = {
        "@type": "dct:PeriodOfTime",
        "dcat:startDate": f"{first}-01-01",
        "dcat:endDate": f"{last}-12-31",
    }
    data_formats = {"csv": "text/csv", "json": "application/json"}
    datasets = [
        {
            "@id": request.build_absolute_uri("/open-data/budget/"),
            "@type": "dcat:Dataset",
            "dct:identifier": "budget",
            "dct:title": _texts("أرقام الميزانية العامة", "State budget figures"),
            "dct:description": _texts(
                "الإيرادات حسب المصدر والمصروفات حسب القطاع والإجماليات والعجز لكل سنة مالية، "
                "بملايين الريالات، وهي الأرقام نفسها المعروضة في صفحات الميزانية.",
                "Revenue by source, expenditure by sector, totals and the balance of each fiscal "
                "year, in millions of riyals: the same figures as the budget pages.",
            ),
            "dcat:keyword": _texts("الميزانية", "budget"),
            "dct:license": LICENCE_URL,
            "dct:publisher": publisher,
            "dct:accrualPeriodicity": ANNUAL,
            "dct:temporal": period,
            "dcat:distribution": _distributions(
                request, "fiscal_data:budget", data_formats, "Budget figures"
            ),
        },
        {
            "@id": request.build_absolute_uri("/open-data/publications/"),
            "@type": "dcat:Dataset",
            "dct:identifier": "publications",
            "dct:title": _texts("قائمة المطبوعات", "List of publications"),
            "dct:description": _texts(
                "وثائق الميزانية والتقارير والنشرات والتعاميم والأدلة مع روابط ملفاتها.",
                "Budget documents, reports, bulletins, circulars and guides with links to "
                "their files.",
            ),
            "dcat:keyword": _texts("المطبوعات", "publications"),
            "dct:license": LICENCE_URL,
            "dct:publisher": publisher,
            "dct:accrualPeriodicity": CONTINUOUS,
            "dct:temporal": period,
            "dcat:distribution": _distributions(
                request, "fiscal_data:publications", data_formats, "Publications"
            ),
        },
        {
            "@id": request.build_absolute_uri("/open-data/services/"),
            "@type": "dcat:Dataset",
            "dct:identifier": "services",
            "dct:title": _texts("دليل الخدمات الإلكترونية", "E-services catalogue"),
            "dct:description": _texts(
                "كل خدمة إلكترونية منشورة للأفراد، لكل لغة.",
                "Every published individual e-service, per language.",
            ),
            "dcat:keyword": _texts("الخدمات", "services"),
            "dct:license": LICENCE_URL,
            "dct:publisher": publisher,
            "dct:accrualPeriodicity": CONTINUOUS,
            "dct:temporal": {
                "@type": "dct:PeriodOfTime",
                "dcat:startDate": f"{first}-01-01",
            },
            "dcat:distribution": _distributions(
                request,
                "open_data:services",
                {"csv": "text/csv", "json": "application/json", "jsonld": "application/ld+json"},
                "E-services",
            ),
        },
    ]
    return {
        "@context": CONTEXT,
        "@id": request.build_absolute_uri("/open-data/catalog.jsonld"),
        "@type": "dcat:Catalog",
        "dct:title": _texts("البيانات المفتوحة لوزارة المالية", "Ministry of Finance open data"),
        "dct:description": _texts(
            "بيانات الميزانية والمطبوعات والخدمات بصيغ مفتوحة وترخيص مفتوح.",
            "Budget, publications and services data in open formats under an open licence.",
        ),
        "dct:publisher": publisher,
        "dct:license": LICENCE_URL,
        "dct:language": ["ar", "en"],
        "dcat:dataset": datasets,
    }
