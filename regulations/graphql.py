"""GraphQL for the laws and regulations library: page types, versions, links, the root list.

Every regulation, linked regulation and governed service leaves through the visibility policy
(`visible_pages`); a link stored against the Arabic page is shown in the reader's language by
its translation key, or not at all when that language has no public version.
"""

from __future__ import annotations

import graphene
from django.db.models import QuerySet
from django.utils import translation
from graphql import GraphQLError
from wagtail.documents import get_document_model
from wagtail.models import CollectionViewRestriction, Page

from cms.graphql.batching import language_code, page_url
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


def in_language(page_ids: list[int], locale_id: int) -> list[Page]:
    """The visible pages, in this language, that are these pages or their translations, in
    the order given."""
    keys = dict(Page.objects.filter(pk__in=page_ids).values_list("pk", "translation_key"))
    if not keys:
        return []
    found = {
        page.translation_key: page
        for page in visible_pages(
            Page.objects.filter(translation_key__in=set(keys.values())), None
        ).filter(locale_id=locale_id)
    }
    ordered = []
    for pk in page_ids:
        page = found.get(keys.get(pk))
        if page is not None and page not in ordered:
            ordered.append(page)
    return ordered


def specific_in_language(model, page_ids: list[int], locale_id: int) -> list:
    pages = in_language(page_ids, locale_id)
    by_pk = {p.pk: p for p in model.objects.filter(pk__in=[p.pk for p in pages])}
    return [by_pk[p.pk] for p in pages if p.pk in by_pk]


def regulations_governing(service: Page) -> list[models.RegulationPage]:
    """The public regulations, in the service's language, that govern this service."""
    same_service = Page.objects.filter(translation_key=service.translation_key).values("pk")
    page_ids = list(
        models.GovernedService.objects.filter(service_id__in=same_service)
        .order_by("page__issued_on", "page_id")
        .values_list("page_id", flat=True)
    )
    return specific_in_language(models.RegulationPage, page_ids, service.locale_id)


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
        doc = public_documents({version.document_id}).get(version.document_id)
        return doc.url if doc else ""

    @staticmethod
    def resolve_document_title(version, info):
        doc = public_documents({version.document_id}).get(version.document_id)
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
        return versions

    @staticmethod
    def resolve_relations(page, info):
        links = list(page.relations.all())
        targets = {
            t.translation_key: t
            for t in specific_in_language(
                models.RegulationPage, [link.target_id for link in links], page.locale_id
            )
        }
        keys = dict(
            Page.objects.filter(pk__in=[link.target_id for link in links]).values_list(
                "pk", "translation_key"
            )
        )
        return [
            RegulationLink(
                kind=link.kind,
                kind_label=label_in(page, models.RelationKind(link.kind)),
                regulation=targets[keys[link.target_id]],
            )
            for link in links
            if keys.get(link.target_id) in targets
        ]

    @staticmethod
    def resolve_related_by(page, info):
        same = Page.objects.filter(translation_key=page.translation_key).values("pk")
        links = list(models.RegulationRelation.objects.filter(target_id__in=same).order_by("pk"))
        sources = {
            p.pk: p
            for p in specific_in_language(
                models.RegulationPage, [link.page_id for link in links], page.locale_id
            )
        }
        keys = dict(
            Page.objects.filter(pk__in=[link.page_id for link in links]).values_list(
                "pk", "translation_key"
            )
        )
        by_key = {p.translation_key: p for p in sources.values()}
        # Each language's copy of a regulation holds the same links: one per regulation and kind.
        found: dict[tuple, RegulationLink] = {}
        for link in links:
            key = keys.get(link.page_id)
            if key in by_key and (key, link.kind) not in found:
                found[(key, link.kind)] = RegulationLink(
                    kind=link.kind,
                    kind_label=label_in(page, models.RelationKind(link.kind)),
                    regulation=by_key[key],
                )
        return list(found.values())

    @staticmethod
    def resolve_services(page, info):
        from services_catalog.models import ServicePage

        ids = [s.service_id for s in page.governed_services.all()]
        return specific_in_language(ServicePage, ids, page.locale_id)


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
