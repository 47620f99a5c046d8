"""Read a service page into plain values, for the API and the open data alike.

A `ServiceBatch` wraps the list of services one response shows. Whatever needs the database
beyond the page rows (linked documents, related services, links in rich text, KPIs) is fetched
once for the whole batch on first use, so a list of 100 services costs the same number of queries
as a list of 10.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from functools import cached_property
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import translation
from wagtail.documents import get_document_model
from wagtail.models import CollectionViewRestriction

from cms.graphql.batching import INTERFACE_COLUMNS
from cms.graphql.richtext import page_link_ids, render_rich_text
from cms.graphql.visibility import visible_page_ids, visible_pages
from services_catalog import kpi
from services_catalog.models import (
    Audience,
    ChannelKind,
    LifeEvent,
    RelatedService,
    ServicePage,
    ServiceStatus,
)
from services_catalog.models.choices import WEEKDAY_CODES, WEEKDAYS
from services_catalog.validation import parse_duration


def service_queryset(queryset: QuerySet | None = None) -> QuerySet:
    """Services with what every card needs joined in: category (and its locale) and locale."""
    qs = ServicePage.objects.all() if queryset is None else queryset
    return qs.select_related("category", "category__locale", "locale")


# What every service read reads: the page interface's columns and the joined category and locale.
BASE_COLUMNS = (*INTERFACE_COLUMNS, "category", "locale")


def labelled(choices, code: str, language: str) -> str:
    with translation.override(language):
        return str(dict(choices).get(code, code))


def _stream(raw_stream) -> list[dict[str, Any]]:
    """The blocks of a StreamField as stored: cheap, and free of chooser lookups."""
    return [dict(item.get("value") or {}, id=item.get("id")) for item in (raw_stream or [])]


def raw_blocks(page: ServicePage, field: str) -> list[dict[str, Any]]:
    return _stream(getattr(page, field).raw_data)


class ServiceBatch:
    """The services of one response, with their shared look-ups done once."""

    def __init__(self, pages: Sequence[ServicePage], language: str | None = None) -> None:
        self.pages = list(pages)
        self.language = language
        for page in self.pages:
            page._service_batch = self
            if "category" in page._state.fields_cache:
                page.category._service_batch = self  # its serviceCount is batched too

    @classmethod
    def of(cls, page: ServicePage) -> ServiceBatch:
        batch = getattr(page, "_service_batch", None)
        return batch if batch is not None else cls([page])

    # -- rich text ------------------------------------------------------------------------------

    @cached_property
    def visible_link_ids(self) -> set[int]:
        ids: set[int] = set()
        for page in self.pages:
            ids |= page_link_ids(page.description) | page_link_ids(page.eligibility)
            for faq in raw_blocks(page, "faqs"):
                ids |= page_link_ids(faq.get("answer") or "")
        return visible_page_ids(ids)

    def rich_text(self, html: str) -> str:
        return render_rich_text(html, self.visible_link_ids)

    # -- documents of the legal basis ----------------------------------------------------------

    @cached_property
    def public_documents(self) -> dict[int, Any]:
        ids = {
            item.get("document")
            for page in self.pages
            for item in raw_blocks(page, "legal_basis")
            if item.get("document")
        }
        if not ids:
            return {}
        restricted = CollectionViewRestriction.objects.values_list("collection__path", flat=True)
        documents = get_document_model().objects.filter(pk__in=ids).select_related("collection")
        return {
            doc.pk: doc
            for doc in documents
            if not any(doc.collection.path.startswith(path) for path in restricted)
        }

    # -- related services -----------------------------------------------------------------------

    def related(self, columns: tuple[str, ...] | None = None) -> dict[int, list[ServicePage]]:
        """Each page's related services, shown in the page's own language if published there:
        whole rows, or only `columns` (`services_catalog.graphql.service_columns`). A read
        already done that holds the columns asked for serves the call."""
        reads: dict[tuple[str, ...] | None, dict[int, list[ServicePage]]]
        reads = self.__dict__.setdefault("_related", {})
        for read_columns, related in reads.items():
            if read_columns is None or (columns is not None and set(columns) <= set(read_columns)):
                return related
        reads[columns] = self._read_related(columns)
        return reads[columns]

    def _read_related(self, columns: tuple[str, ...] | None) -> dict[int, list[ServicePage]]:
        links = list(
            RelatedService.objects.filter(page_id__in=[p.pk for p in self.pages])
            .order_by("sort_order")
            .values_list("page_id", "target__translation_key")
        )
        if not links:
            return {}
        keys = {key for _page_id, key in links}
        locales = {page.locale_id for page in self.pages}
        targets = visible_pages(
            service_queryset().filter(translation_key__in=keys, locale_id__in=locales)
        )
        if columns is not None:
            targets = targets.only(*columns)
        by_key = {(t.translation_key, t.locale_id): t for t in targets}
        # The targets are a list of their own: whatever they show is batched among them.
        ServiceBatch(list(by_key.values()), self.language)
        locale_of = {page.pk: page.locale_id for page in self.pages}
        related: dict[int, list[ServicePage]] = {}
        for page_id, key in links:
            target = by_key.get((key, locale_of[page_id]))
            if target is not None and target.pk != page_id:
                related.setdefault(page_id, []).append(target)
        return related

    # -- category counts and the provider, shared by the whole batch --------------------------

    @cached_property
    def category_counts(self) -> dict[int, int]:
        from services_catalog.graphql import category_counts

        if not self.pages:
            return {}
        ids = sorted({page.category_id for page in self.pages})
        return category_counts(self.pages[0].locale, ids)

    def provider(self, language: str, request: HttpRequest | None = None):
        from services_catalog.open_data import Provider

        cache = self.__dict__.setdefault("_providers", {})
        if language not in cache:
            cache[language] = Provider.for_language(language, request)
        return cache[language]

    # -- KPIs -----------------------------------------------------------------------------------

    def kpis(self, page: ServicePage, days: int) -> kpi.Totals:
        cache = self.__dict__.setdefault("_kpis", {})
        if days not in cache:
            start, end = kpi.period(days)
            cache[days] = kpi.totals_by_code([p.code for p in self.pages], start, end)
        return cache[days].get(page.code, kpi.Totals())


# -- values of one service ------------------------------------------------------------------------


def documents(page: ServicePage) -> list[dict[str, Any]]:
    return [
        {
            "id": item["id"],
            "name": item.get("name", ""),
            "description": item.get("description", ""),
            "optional": bool(item.get("optional")),
        }
        for item in raw_blocks(page, "documents")
    ]


def steps(page: ServicePage) -> list[dict[str, Any]]:
    return [
        {
            "id": item["id"],
            "position": position,
            "title": item.get("title", ""),
            "description": item.get("description", ""),
        }
        for position, item in enumerate(raw_blocks(page, "steps"), start=1)
    ]


def faqs(page: ServicePage) -> list[dict[str, Any]]:
    batch = ServiceBatch.of(page)
    return [
        {
            "id": item["id"],
            "question": item.get("question", ""),
            "answer_html": batch.rich_text(item.get("answer", "")),
        }
        for item in raw_blocks(page, "faqs")
    ]


def legal_basis(page: ServicePage) -> list[dict[str, Any]]:
    batch = ServiceBatch.of(page)
    items = []
    for item in raw_blocks(page, "legal_basis"):
        document = batch.public_documents.get(item.get("document"))
        items.append(
            {
                "id": item["id"],
                "title": item.get("title", ""),
                "url": item.get("url") or "",
                "document_url": document.url if document else "",
                "document_title": document.title if document else "",
            }
        )
    return [item for item in items if item["url"] or item["document_url"]]


def _time(value: str | None) -> str:
    """Stored times look like 08:00:00; hours are shown and exported as 08:00."""
    return (value or "")[:5]


def opening_hours(page: ServicePage) -> list[dict[str, Any]]:
    periods = []
    for item in raw_blocks(page, "office_hours"):
        first, last = item.get("first_day", "sunday"), item.get("last_day", "thursday")
        if first not in WEEKDAY_CODES or last not in WEEKDAY_CODES:
            continue
        days = WEEKDAY_CODES[WEEKDAY_CODES.index(first) : WEEKDAY_CODES.index(last) + 1]
        periods.append(
            {"days": days, "opens": _time(item.get("opens")), "closes": _time(item.get("closes"))}
        )
    return periods


def day_names(codes: Iterable[str], language: str) -> list[str]:
    return [labelled(WEEKDAYS, code, language) for code in codes]


def channels(page: ServicePage) -> list[dict[str, Any]]:
    offered = []
    kinds = page.channel_kinds
    if ChannelKind.ONLINE in kinds:
        offered.append({"kind": ChannelKind.ONLINE.value, "url": page.online_url})
    if ChannelKind.PHONE in kinds:
        offered.append({"kind": ChannelKind.PHONE.value, "phone": page.phone_number})
    if ChannelKind.OFFICE in kinds:
        offered.append(
            {
                "kind": ChannelKind.OFFICE.value,
                "address": page.office_address,
                "hours": opening_hours(page),
            }
        )
    return offered


def cost(page: ServicePage) -> dict[str, Any]:
    return {
        "is_free": page.is_free,
        "amount": None if page.is_free or page.cost_amount is None else page.cost_amount,
        "currency": page.cost_currency,
        "note": page.cost_note,
    }


def processing_time_text(page: ServicePage) -> str:
    duration = parse_duration(page.processing_time)
    if duration is None:
        return ""
    with translation.override(page.locale.language_code):
        return duration.describe()


def audience_labels(page: ServicePage) -> list[dict[str, str]]:
    language = page.locale.language_code
    return [
        {"code": code, "label": labelled(Audience.choices, code, language)}
        for code in page.audiences
    ]


def life_event_label(page: ServicePage) -> str:
    if not page.life_event:
        return ""
    return labelled(LifeEvent.choices, page.life_event, page.locale.language_code)


def status_label(page: ServicePage) -> str:
    return labelled(ServiceStatus.choices, page.status, page.locale.language_code)


def last_updated(page: ServicePage) -> datetime.datetime | None:
    return page.last_published_at or page.latest_revision_created_at
