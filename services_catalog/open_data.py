"""The catalogue as open data: one flat record per service (JSON and CSV) and schema.org JSON-LD.

JSON and CSV carry the same fields in the same order (`RECORD_FIELDS`); lists are JSON arrays in
JSON and ` | `-separated text in CSV. JSON-LD maps the same record onto schema.org's
GovernmentService. docs/open-data.md documents every field for integrators.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q
from django.http import HttpRequest
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.translation import gettext
from wagtail.models import Locale, Site

from cms.graphql.visibility import visible_pages
from services_catalog import presenting
from services_catalog.models import Audience, ServicePage, ServiceStatus

CHUNK_SIZE = 500
SCHEMA_ORG = "https://schema.org"
LIST_SEPARATOR = " | "

# name -> what it holds; the order is the CSV column order and the JSON key order.
RECORD_FIELDS: dict[str, str] = {
    "code": "Stable service code, e.g. MOF-IND-001",
    "name": "Name of the service",
    "summary": "One sentence, at most 160 characters",
    "description": "Description (plain text)",
    "keywords": "Search keywords",
    "url": "Public page of the service",
    "language": "Language of the record: ar or en",
    "category_slug": "Category identifier, the same in every language",
    "category_name": "Category name",
    "audiences": "Who it is for: citizen, resident, business, government",
    "life_event": "Life event code (empty if none)",
    "eligibility": "Who can apply (plain text)",
    "documents": "Required documents, in order",
    "steps": "Steps, in order",
    "is_free": "true if the service costs nothing",
    "cost_amount": "Fee as a decimal number (empty when free)",
    "cost_currency": "ISO 4217 currency of the fee (SAR)",
    "cost_note": "About the fee",
    "processing_time": "ISO 8601 duration, e.g. P5D",
    "channels": "Channels offered: online, phone, office",
    "online_url": "https start address of the online service",
    "phone": "Contact centre number for the service",
    "office_address": "Office address",
    "office_hours": "Office opening hours",
    "output": "What the applicant receives",
    "department": "Competent department",
    "legal_basis": "Laws and decisions the service rests on",
    "status": "available, coming_soon, suspended or withdrawn",
    "status_note": "Why a service is suspended or withdrawn",
    "contact_email": "Contact point e-mail",
    "contact_phone": "Contact point telephone",
    "faqs": "Questions and answers",
    "related_services": "Codes of related services",
    "last_reviewed": "Date the content was last reviewed (YYYY-MM-DD)",
    "last_updated": "Date and time of the last publication (ISO 8601)",
}

_AVAILABILITY = {
    ServiceStatus.AVAILABLE: "InStock",
    ServiceStatus.COMING_SOON: "PreOrder",
    ServiceStatus.SUSPENDED: "OutOfStock",
    ServiceStatus.WITHDRAWN: "Discontinued",
}
_SPACES = re.compile(r"\s+")


def plain_text(markup: str) -> str:
    return _SPACES.sub(" ", html.unescape(strip_tags(markup or ""))).strip()


def supported_locale(language: str) -> Locale | None:
    if language not in ("ar", "en"):
        return None
    return Locale.objects.filter(language_code=language).first()


@dataclass(frozen=True)
class Provider:
    name: str
    url: str

    @classmethod
    def for_language(cls, language: str, request: HttpRequest | None = None) -> Provider:
        from site_pages.models import SiteSettings

        if request is not None:
            # Wagtail keeps the request's site and settings on it: a page that also shows the
            # settings reads them once.
            site = Site.find_for_request(request)
            settings = SiteSettings.load(request_or_site=request)
        else:
            site = Site.objects.filter(is_default_site=True).first()
            settings = SiteSettings.objects.first()
        name = settings.ministry_name(language) if settings else ""
        if not name:
            with translation.override(language):
                name = gettext("Ministry of Finance")
        base = site.root_url if site else ""
        return cls(name=name, url=f"{base}/{language}/")


def catalogue_batches(locale: Locale) -> Iterator[presenting.ServiceBatch]:
    """Every published service in one language, a chunk at a time, in code order."""
    services = visible_pages(presenting.service_queryset(), locale).order_by("code", "pk")
    last_key: tuple[str, int] | None = None
    while True:
        chunk_qs = services
        if last_key is not None:
            code, pk = last_key
            chunk_qs = chunk_qs.filter(Q(code__gt=code) | Q(code=code, pk__gt=pk))
        chunk = list(chunk_qs[:CHUNK_SIZE])
        if not chunk:
            return
        yield presenting.ServiceBatch(chunk, locale.language_code)
        last_key = (chunk[-1].code, chunk[-1].pk)


def page_url(page: ServicePage, request: HttpRequest | None) -> str:
    return page.get_full_url(request) or ""


# -- the flat record ---------------------------------------------------------------------------


def service_record(page: ServicePage, request: HttpRequest | None = None) -> dict[str, Any]:
    batch = presenting.ServiceBatch.of(page)
    channels = presenting.channels(page)
    office = next((c for c in channels if c["kind"] == "office"), None)
    cost = presenting.cost(page)
    record = {
        "code": page.code,
        "name": page.title,
        "summary": page.summary,
        "description": plain_text(batch.rich_text(page.description)),
        "keywords": page.keyword_list,
        "url": page_url(page, request),
        "language": page.locale.language_code,
        "category_slug": page.category.slug,
        "category_name": page.category.name,
        "audiences": list(page.audiences),
        "life_event": page.life_event,
        "eligibility": plain_text(batch.rich_text(page.eligibility)),
        "documents": [
            {"name": d["name"], "description": d["description"], "optional": d["optional"]}
            for d in presenting.documents(page)
        ],
        "steps": [
            {"position": s["position"], "title": s["title"], "description": s["description"]}
            for s in presenting.steps(page)
        ],
        "is_free": cost["is_free"],
        "cost_amount": cost["amount"],
        "cost_currency": cost["currency"],
        "cost_note": cost["note"],
        "processing_time": page.processing_time,
        "channels": [c["kind"] for c in channels],
        "online_url": next((c["url"] for c in channels if c["kind"] == "online"), ""),
        "phone": next((c["phone"] for c in channels if c["kind"] == "phone"), ""),
        "office_address": office["address"] if office else "",
        "office_hours": office["hours"] if office else [],
        "output": page.output,
        "department": page.department,
        "legal_basis": [
            {"title": item["title"], "url": item["url"] or item["document_url"]}
            for item in presenting.legal_basis(page)
        ],
        "status": page.status,
        "status_note": page.status_note,
        "contact_email": page.contact_email,
        "contact_phone": page.contact_phone,
        "faqs": [
            {"question": f["question"], "answer": plain_text(f["answer_html"])}
            for f in presenting.faqs(page)
        ],
        "related_services": [
            related.code
            for related in batch.related(presenting.BASE_COLUMNS + ("code",)).get(page.pk, [])
        ],
        "last_reviewed": page.last_reviewed.isoformat() if page.last_reviewed else "",
        "last_updated": _iso(presenting.last_updated(page)),
    }
    return {name: record[name] for name in RECORD_FIELDS}


def _iso(value) -> str:
    return value.isoformat() if value else ""


def _csv_cell(name: str, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if name == "office_hours":
        return LIST_SEPARATOR.join(
            f"{p['days'][0]}-{p['days'][-1]} {p['opens']}-{p['closes']}" for p in value
        )
    if name == "documents":
        return LIST_SEPARATOR.join(
            d["name"] + (f" ({d['description']})" if d["description"] else "") for d in value
        )
    if name == "steps":
        return LIST_SEPARATOR.join(f"{s['position']}. {s['title']}" for s in value)
    if name == "legal_basis":
        return LIST_SEPARATOR.join(f"{item['title']} <{item['url']}>" for item in value)
    if name == "faqs":
        return LIST_SEPARATOR.join(f"{f['question']} {f['answer']}" for f in value)
    if isinstance(value, list):
        return LIST_SEPARATOR.join(str(item) for item in value)
    return str(value)


def csv_lines(locale: Locale, request: HttpRequest | None = None) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writerow(list(RECORD_FIELDS))
    yield flush()
    for batch in catalogue_batches(locale):
        for page in batch.pages:
            record = service_record(page, request)
            writer.writerow([_csv_cell(name, record[name]) for name in RECORD_FIELDS])
        yield flush()


class _Encoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, Decimal):
            return float(o)
        return super().default(o)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, cls=_Encoder)


def json_chunks(locale: Locale, request: HttpRequest | None = None) -> Iterator[str]:
    header = {"language": locale.language_code, "fields": list(RECORD_FIELDS)}
    yield _dumps(header)[:-1] + ', "services": ['  # the header object, left open
    first = True
    for batch in catalogue_batches(locale):
        parts = [_dumps(service_record(page, request)) for page in batch.pages]
        yield ("" if first else ",") + ",".join(parts)
        first = False
    yield "]}"


# -- JSON-LD -------------------------------------------------------------------------------------


def _opening_hours(periods: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": [f"{SCHEMA_ORG}/{code.capitalize()}" for code in p["days"]],
            "opens": p["opens"],
            "closes": p["closes"],
        }
        for p in periods
    ]


def service_json_ld(
    page: ServicePage, provider: Provider, request: HttpRequest | None = None
) -> dict[str, Any]:
    """One GovernmentService node of schema.org."""
    record = service_record(page, request)
    language = record["language"]
    url = record["url"]
    with translation.override(language):
        channel_names = {
            "online": gettext("Online"),
            "phone": gettext("Contact centre"),
            "office": gettext("Office"),
        }
    node: dict[str, Any] = {
        "@type": "GovernmentService",
        "@id": f"{url}#service",
        "identifier": record["code"],
        "name": record["name"],
        "description": record["summary"],
        "url": url,
        "inLanguage": language,
        "category": record["category_name"],
        "serviceType": record["category_name"],
        "provider": {
            "@type": "GovernmentOrganization",
            "name": provider.name,
            "url": provider.url,
        },
        "audience": [
            {
                "@type": "Audience",
                "audienceType": presenting.labelled(Audience.choices, code, language),
                "identifier": code,
            }
            for code in record["audiences"]
        ],
        "availableChannel": [],
        "offers": {
            "@type": "Offer",
            "price": "0" if record["is_free"] else f"{record['cost_amount']:.2f}",
            "priceCurrency": record["cost_currency"],
            "availability": f"{SCHEMA_ORG}/{_AVAILABILITY[ServiceStatus(record['status'])]}",
        },
    }
    if record["department"]:
        node["provider"]["department"] = {
            "@type": "GovernmentOrganization",
            "name": record["department"],
        }
    if record["keywords"]:
        node["keywords"] = ", ".join(record["keywords"])
    if record["cost_note"]:
        node["offers"]["description"] = record["cost_note"]
    if record["output"]:
        node["serviceOutput"] = {"@type": "Thing", "name": record["output"]}
    if record["online_url"]:
        node["availableChannel"].append(
            {
                "@type": "ServiceChannel",
                "name": channel_names["online"],
                "serviceUrl": record["online_url"],
            }
        )
    if record["phone"]:
        node["availableChannel"].append(
            {
                "@type": "ServiceChannel",
                "name": channel_names["phone"],
                "servicePhone": {"@type": "ContactPoint", "telephone": record["phone"]},
            }
        )
    if record["office_address"]:
        place: dict[str, Any] = {"@type": "Place", "address": record["office_address"]}
        hours = _opening_hours(record["office_hours"])
        if hours:
            place["openingHoursSpecification"] = hours
            node["hoursAvailable"] = hours
        node["availableChannel"].append(
            {"@type": "ServiceChannel", "name": channel_names["office"], "serviceLocation": place}
        )
    if record["contact_email"] or record["contact_phone"]:
        contact: dict[str, Any] = {"@type": "ContactPoint", "contactType": "customer support"}
        if record["contact_email"]:
            contact["email"] = record["contact_email"]
        if record["contact_phone"]:
            contact["telephone"] = record["contact_phone"]
        node["provider"]["contactPoint"] = contact
    related = [
        {"@id": f"{page_url(target, request)}#service"}
        for target in presenting.ServiceBatch.of(page)
        .related(presenting.BASE_COLUMNS)
        .get(page.pk, [])
    ]
    if related:
        node["isRelatedTo"] = related
    return node


def json_ld_document(page: ServicePage, request: HttpRequest | None = None) -> dict[str, Any]:
    """A single service as a stand-alone JSON-LD document, for embedding in its page."""
    provider = presenting.ServiceBatch.of(page).provider(page.locale.language_code, request)
    return {"@context": SCHEMA_ORG, **service_json_ld(page, provider, request)}


def json_ld_chunks(locale: Locale, request: HttpRequest | None = None) -> Iterator[str]:
    provider = Provider.for_language(locale.language_code, request)
    yield _dumps({"@context": SCHEMA_ORG})[:-1] + ', "@graph": ['  # left open for the nodes
    first = True
    for batch in catalogue_batches(locale):
        parts = [_dumps(service_json_ld(page, provider, request)) for page in batch.pages]
        yield ("" if first else ",") + ",".join(parts)
        first = False
    yield "]}"
