"""GraphQL for the laws and regulations library: page types, versions, links, the root list.

Every regulation, linked regulation and governed service leaves through the visibility policy
(`visible_pages`); a link stored against the Arabic page is shown in the reader's language by
its translation key, or not at all when that language has no public version.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import graphene
from django.db.models import QuerySet
from django.utils import translation
from graphql import GraphQLError
from wagtail.documents import get_document_model
from wagtail.models import CollectionViewRestriction, Page

from cms.graphql.batching import PageBatch, language_code, page_url
from cms.graphql.hijri import hijri_beside, hijri_field
from cms.graphql.page_registry import register_page_type
from cms.graphql.paging import PageInfo, cursor_arguments, paginate
from cms.graphql.richtext import render_rich_text
from cms.graphql.visibility import resolve_locale, visible_pages, visible_pages_of_type
from regulations import models
from site_pages.graphql import PageInterface

MAX_PAGE_SIZE = 50
MIN_YEAR, MAX_YEAR = 1900, 2100

InstrumentEnum = graphene.Enum.from_enum(models.Instrument, name="RegulationInstrument")
StatusEnum = graphene.Enum.from_enum(models.Status, name="RegulationStatus")
RelationKindEnum = graphene.Enum.from_enum(models.RelationKind, name="RegulationRelationKind")


def _value(choice) -> str | None:
    if choice is None:
        return None
    return getattr(choice, "value", choice)


def public_documents(ids: set[int]) -> dict[int, object]:
    """The documents of these ids outside a private collection."""
    ids = {pk for pk in ids if pk}
    if not ids:
        return {}
    restricted = list(CollectionViewRestriction.objects.values_list("collection__path", flat=True))
    documents = get_document_model().objects.filter(pk__in=ids).select_related("collection")
    return {
        doc.pk: doc
        for doc in documents
        if not any(doc.collection.path.startswith(path) for path in restricted)
    }


class _DocumentBatch:
    """The public documents of a list's objects, read together on the first one asked for, and
    not at all when the query asks for no document."""

    def __init__(self, owners: list, field: str) -> None:
        self.owners, self.field = owners, field
        self.found: dict[int, object] | None = None

    def get(self, document_id: int | None) -> object | None:
        if self.found is None:
            self.found = public_documents({getattr(o, self.field) for o in self.owners})
        return self.found.get(document_id)


def read_documents_together(owners: list, field: str) -> None:
    """Let the objects of one list read their documents in `field` in one query."""
    batch = _DocumentBatch(owners, field)
    for owner in owners:
        setattr(owner, f"_batch_{field}", batch)


def public_document(owner: object, field: str) -> object | None:
    """`owner`'s document in `field` (an id attribute) if public, read once per object (its
    URL and its title are asked for together), or once per list (`read_documents_together`)."""
    memo = f"_public_{field}"
    if not hasattr(owner, memo):
        document_id = getattr(owner, field)
        batch = getattr(owner, f"_batch_{field}", None)
        found = (
            batch.get(document_id) if batch else public_documents({document_id}).get(document_id)
        )
        setattr(owner, memo, found)
    return getattr(owner, memo)


def _held(page: Page, relation: str) -> list | None:
    """The page's `relation` rows when they are already in memory (prefetched, or held by a
    preview's revision), else None: those are read for the whole batch in one query."""
    if relation in getattr(page, "_prefetched_objects_cache", {}) or relation in getattr(
        page, "_cluster_related_objects", {}
    ):
        return list(getattr(page, relation).all())
    return None


class RegulationBatch:
    """The pages listed together in one response (the `PageBatch` the execution marked), with
    their links to regulations and services read once for the whole list.

    Each look-up costs the same few queries whether the list holds one page or fifty: the links,
    then the linked pages in the readers' languages through `visible_pages` (drafts, private
    pages, aliases and other languages never come back; a link whose target has no public
    version in the page's language is left out, as it was page by page).
    """

    def __init__(self, pages: Sequence[Page], context: Any = None) -> None:
        self.pages = list(pages)
        self.context = context
        self._relations: dict[int, list[tuple[str, models.RegulationPage]]] | None = None
        self._related_by: dict[tuple, list[tuple[str, models.RegulationPage]]] | None = None
        self._services: dict[int, list[Page]] | None = None
        self._governing: dict[tuple, list[models.RegulationPage]] | None = None
        for page in self.pages:
            page._regulation_batch = self

    @classmethod
    def of(cls, page: Page, context: Any = None) -> RegulationBatch:
        batch = getattr(page, "_regulation_batch", None)
        if batch is None:
            siblings = PageBatch.of(page, context)
            batch = cls(siblings.pages, siblings.context)
        return batch

    def _regulations(self) -> list[models.RegulationPage]:
        return [p for p in self.pages if isinstance(p, models.RegulationPage)]

    def _rows(self, relation: str, columns: tuple[str, ...]) -> dict[int, list]:
        """Each regulation's `relation` rows, keyed by id(page): in memory when held there,
        the rest in one query."""
        found: dict[int, list] = {}
        missing: dict[int, list[models.RegulationPage]] = {}
        for page in self._regulations():
            held = _held(page, relation)
            if held is None:
                missing.setdefault(page.pk, []).append(page)
            else:
                found[id(page)] = held
        if missing:
            model = getattr(models.RegulationPage, relation).rel.related_model
            rows = model.objects.filter(page_id__in=list(missing)).order_by("sort_order", "pk")
            by_page: dict[int, list] = {}
            for row in rows.only("pk", "page", *columns):
                by_page.setdefault(row.page_id, []).append(row)
            for pk, pages in missing.items():
                for page in pages:
                    found[id(page)] = by_page.get(pk, [])
        return found

    def _visible(self, model: type[Page], keys: set, locales: set[int]) -> dict[tuple, Page]:
        """The visible pages of `model` with these translation keys in these languages, by
        (translation key, locale id), in one query; a batch of their own for what they show."""
        if not keys or not locales:
            return {}
        queryset = model.objects.filter(translation_key__in=keys, locale_id__in=locales)
        if model is not models.RegulationPage:
            from services_catalog.presenting import service_queryset

            queryset = service_queryset(queryset)
        found = list(visible_pages(queryset))
        PageBatch(found, self.context)
        if model is not models.RegulationPage:
            from services_catalog.presenting import ServiceBatch

            ServiceBatch(found)
        return {(p.translation_key, p.locale_id): p for p in found}

    def _keys(self, page_ids: set[int]) -> dict[int, Any]:
        if not page_ids:
            return {}
        return dict(Page.objects.filter(pk__in=page_ids).values_list("pk", "translation_key"))

    # -- what a regulation amends, repeals or implements ----------------------------------------

    def relations(self, page: models.RegulationPage) -> list[tuple[str, models.RegulationPage]]:
        if self._relations is None:
            rows = self._rows("relations", ("kind", "target"))
            keys = self._keys({row.target_id for links in rows.values() for row in links})
            targets = self._visible(
                models.RegulationPage,
                set(keys.values()),
                {p.locale_id for p in self._regulations()},
            )
            self._relations = {}
            for other in self._regulations():
                listed = self._relations[id(other)] = []
                for row in rows.get(id(other), []):
                    target = targets.get((keys.get(row.target_id), other.locale_id))
                    if target is not None:
                        listed.append((row.kind, target))
        return self._relations.get(id(page), [])

    # -- the regulations that amend, repeal or implement it -------------------------------------

    def related_by(self, page: models.RegulationPage) -> list[tuple[str, models.RegulationPage]]:
        if self._related_by is None:
            wanted = {p.translation_key for p in self._regulations()}
            links = list(
                models.RegulationRelation.objects.filter(target__translation_key__in=wanted)
                .order_by("pk")
                .values_list("kind", "target__translation_key", "page__translation_key")
            )
            sources = self._visible(
                models.RegulationPage,
                {source for _kind, _target, source in links},
                {p.locale_id for p in self._regulations()},
            )
            self._related_by = {}
            for key, locale_id in {(p.translation_key, p.locale_id) for p in self._regulations()}:
                # Each language's copy of a regulation holds the same links: one per regulation
                # and kind.
                found: dict[tuple, models.RegulationPage] = {}
                for kind, target, source in links:
                    by = sources.get((source, locale_id))
                    if target == key and by is not None:
                        found.setdefault((source, kind), by)
                self._related_by[(key, locale_id)] = [
                    (kind, by) for (_source, kind), by in found.items()
                ]
        return self._related_by.get((page.translation_key, page.locale_id), [])

    # -- the services a regulation governs ------------------------------------------------------

    def services(self, page: models.RegulationPage) -> list[Page]:
        if self._services is None:
            from services_catalog.models import ServicePage

            rows = self._rows("governed_services", ("service",))
            keys = self._keys({row.service_id for links in rows.values() for row in links})
            services = self._visible(
                ServicePage, set(keys.values()), {p.locale_id for p in self._regulations()}
            )
            self._services = {}
            for other in self._regulations():
                listed = self._services[id(other)] = []
                for row in rows.get(id(other), []):
                    service = services.get((keys.get(row.service_id), other.locale_id))
                    if service is not None and service not in listed:
                        listed.append(service)
        return self._services.get(id(page), [])

    # -- the regulations that govern a service --------------------------------------------------

    def governing(self, service: Page) -> list[models.RegulationPage]:
        if self._governing is None:
            wanted = {p.translation_key for p in self.pages}
            links = list(
                models.GovernedService.objects.filter(service__translation_key__in=wanted)
                .order_by("page__issued_on", "page_id")
                .values_list("service__translation_key", "page__translation_key")
            )
            regulations = self._visible(
                models.RegulationPage,
                {source for _service, source in links},
                {p.locale_id for p in self.pages},
            )
            self._governing = {}
            for key, locale_id in {(p.translation_key, p.locale_id) for p in self.pages}:
                listed = self._governing[(key, locale_id)] = []
                for service_key, source in links:
                    regulation = regulations.get((source, locale_id))
                    if service_key == key and regulation is not None and regulation not in listed:
                        listed.append(regulation)
        return self._governing.get((service.translation_key, service.locale_id), [])


def regulations_governing(service: Page, context: Any = None) -> list[models.RegulationPage]:
    """The public regulations, in the service's language, that govern this service (read for
    every service listed with it at once)."""
    return RegulationBatch.of(service, context).governing(service)


def label_in(page: Page, choice) -> str:
    """A choice's label in the page's language, not the request's: over HTTP the API request
    carries no language of its own."""
    with translation.override(language_code(page.locale_id)):
        return str(choice.label)


class RegulationVersion(graphene.ObjectType):
    number = graphene.Int(required=True)
    label = graphene.String(required=True)
    effective_from = graphene.Date(required=True)
    effective_from_hijri = hijri_field("effectiveFrom")
    text_html = graphene.String(required=True)
    document_url = graphene.String(required=True, description="Empty when there is no file")
    document_title = graphene.String(required=True)
    citation_url = graphene.String(
        description="Stable address of this version: the regulation's URL + versions/<number>/"
    )
    is_current = graphene.Boolean(
        required=True, description="The latest version in effect (highest number)"
    )

    @staticmethod
    def resolve_effective_from_hijri(version, info):
        return hijri_beside(version.effective_from, language_code(version.page.locale_id))

    @staticmethod
    def resolve_text_html(version, info):
        return render_rich_text(version.text)

    @staticmethod
    def resolve_document_url(version, info):
        doc = public_document(version, "document_id")
        return doc.url if doc else ""

    @staticmethod
    def resolve_document_title(version, info):
        doc = public_document(version, "document_id")
        return doc.title if doc else ""

    @staticmethod
    def resolve_citation_url(version, info):
        url = page_url(version.page, info.context)
        return f"{url}versions/{version.number}/" if url else None

    @staticmethod
    def resolve_is_current(version, info):
        return version.number == max(v.number for v in version.page.versions.all())


class RegulationLink(graphene.ObjectType):
    kind = graphene.Field(RelationKindEnum, required=True)
    kind_label = graphene.String(required=True)
    regulation = graphene.Field(lambda: RegulationPage, required=True)


class RegulationPage(graphene.ObjectType):
    number = graphene.String(required=True)
    instrument = graphene.Field(InstrumentEnum, required=True)
    instrument_label = graphene.String(required=True)
    issued_on = graphene.Date(required=True)
    issued_on_hijri = hijri_field("issuedOn")
    legal_status = graphene.Field(
        StatusEnum, required=True, description="In force, amended or repealed"
    )
    legal_status_label = graphene.String(required=True)
    legal_force = graphene.String(
        required=True, description="schema.org legislationLegalForce: InForce or NotInForce URL"
    )
    summary = graphene.String(required=True)
    versions = graphene.List(
        graphene.NonNull(RegulationVersion), required=True, description="Oldest first"
    )
    relations = graphene.List(
        graphene.NonNull(RegulationLink),
        required=True,
        description="Regulations this one amends, repeals or implements",
    )
    related_by = graphene.List(
        graphene.NonNull(RegulationLink),
        required=True,
        description="Regulations that amend, repeal or implement this one",
    )
    services = graphene.List(
        graphene.NonNull(PageInterface), required=True, description="Services it governs"
    )

    class Meta:
        interfaces = (PageInterface,)

    @staticmethod
    def resolve_instrument_label(page, info):
        return label_in(page, models.Instrument(page.instrument))

    @staticmethod
    def resolve_issued_on_hijri(page, info):
        return hijri_beside(page.issued_on, language_code(page.locale_id))

    @staticmethod
    def resolve_legal_status(page, info):
        return page.status

    @staticmethod
    def resolve_legal_status_label(page, info):
        return label_in(page, models.Status(page.status))

    @staticmethod
    def resolve_legal_force(page, info):
        return models.LEGAL_FORCE[models.Status(page.status)]

    @staticmethod
    def resolve_versions(page, info):
        versions = sorted(page.versions.all(), key=lambda v: v.number)
        for version in versions:
            version.page = page
        if versions and not hasattr(versions[0], "_batch_document_id"):  # a page on its own
            read_documents_together(versions, "document_id")
        return versions

    @staticmethod
    def resolve_relations(page, info):
        return [
            RegulationLink(
                kind=kind, kind_label=label_in(page, models.RelationKind(kind)), regulation=target
            )
            for kind, target in RegulationBatch.of(page, info.context).relations(page)
        ]

    @staticmethod
    def resolve_related_by(page, info):
        return [
            RegulationLink(
                kind=kind, kind_label=label_in(page, models.RelationKind(kind)), regulation=source
            )
            for kind, source in RegulationBatch.of(page, info.context).related_by(page)
        ]

    @staticmethod
    def resolve_services(page, info):
        return RegulationBatch.of(page, info.context).services(page)


class RegulationConnection(graphene.ObjectType):
    total_count = graphene.Int(required=True)
    items = graphene.List(graphene.NonNull(RegulationPage), required=True)
    page_info = graphene.Field(PageInfo, required=True)


class RegulationFacets(graphene.ObjectType):
    years = graphene.List(
        graphene.NonNull(graphene.Int), required=True, description="Years of issue, newest first"
    )


def _filter_arguments():
    return {
        "instrument": graphene.Argument(InstrumentEnum),
        "status": graphene.Argument(StatusEnum),
        "year": graphene.Int(description="Gregorian year of issue"),
    }


def filtered(queryset: QuerySet, instrument=None, status=None, year=None) -> QuerySet:
    if instrument:
        queryset = queryset.filter(instrument=_value(instrument))
    if status:
        queryset = queryset.filter(status=_value(status))
    if year is not None:
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise GraphQLError(
                f"'year' must be between {MIN_YEAR} and {MAX_YEAR}.",
                extensions={"code": "BAD_USER_INPUT"},
            )
        queryset = queryset.filter(issued_on__year=year)
    return queryset


def regulation_connection(queryset, first, after) -> RegulationConnection:
    found = paginate(
        queryset.prefetch_related("versions"),
        ("-issued_on", "pk"),
        first=first,
        after=after,
        max_size=MAX_PAGE_SIZE,
        default_size=20,
        tag="regulations",
    )
    # Every version of every listed regulation, so a list asking for their files reads them once.
    read_documents_together([v for page in found.items for v in page.versions.all()], "document_id")
    return RegulationConnection(
        total_count=queryset.count(), items=found.items, page_info=found.page_info
    )


class RegulationIndexPage(graphene.ObjectType):
    intro = graphene.String(required=True)
    regulations = graphene.Field(
        RegulationConnection,
        required=True,
        **_filter_arguments(),
        **cursor_arguments(MAX_PAGE_SIZE, 20),
    )
    years = graphene.List(
        graphene.NonNull(graphene.Int), required=True, description="Years of issue, newest first"
    )

    class Meta:
        interfaces = (PageInterface,)

    @staticmethod
    def resolve_regulations(page, info, first=None, after=None, **filters):
        children = visible_pages_of_type(models.RegulationPage).child_of(page)
        return regulation_connection(filtered(children, **filters), first, after)

    @staticmethod
    def resolve_years(page, info):
        children = visible_pages_of_type(models.RegulationPage).child_of(page)
        return sorted({d.year for d in children.values_list("issued_on", flat=True)}, reverse=True)


register_page_type(models.RegulationIndexPage, RegulationIndexPage)
register_page_type(
    models.RegulationPage,
    RegulationPage,
    lambda qs: qs.prefetch_related("versions", "relations", "governed_services"),
)


class Query:
    regulations = graphene.Field(
        RegulationConnection,
        required=True,
        locale=graphene.String(default_value="ar", description="ar (default) or en"),
        **_filter_arguments(),
        **cursor_arguments(MAX_PAGE_SIZE, 20),
        description="The laws, regulations and circulars, newest first",
    )

    @staticmethod
    def resolve_regulations(root, info, locale="ar", first=None, after=None, **filters):
        language = resolve_locale(locale)
        pages = visible_pages_of_type(models.RegulationPage, language)
        return regulation_connection(filtered(pages, **filters), first, after)


types = [RegulationIndexPage, RegulationPage]
