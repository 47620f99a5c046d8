"""GraphQL root fields of the site search: `search(...)` and `searchSuggestions(...)`.

Both call `search.service`, the one entry point; bad input becomes a GraphQL error with a
message, never a server error.
"""

from __future__ import annotations

import graphene
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, override
from graphql import GraphQLError

from cms.graphql.response_cache import never_cache_field
from search import service
from search.normalize import MAX_QUERY_CHARS
from site_pages.graphql import PageInterface

# Every search is logged for the analytics reports: run it each time, never from the cache.
never_cache_field("search")

SearchResultType = graphene.Enum(
    "SearchResultType",
    [
        ("SERVICE", "service"),
        ("PAGE", "page"),
        ("NEWS", "news"),
        ("REGULATION", "regulation"),
        ("PUBLICATION", "publication"),
        ("CONSULTATION", "consultation"),
        ("PROCUREMENT_NOTICE", "procurement_notice"),
    ],
    description="What a search hit is: an e-service, a news article, a law or regulation, "
    "a publication, a public consultation, a procurement notice (tender or award) or another "
    "page.",
)

# Marked for translation here, translated when a facet is labelled (in the results' language).
TYPE_LABELS = {
    "service": gettext_noop("Services"),
    "page": gettext_noop("Pages"),
    "news": gettext_noop("News"),
    "regulation": gettext_noop("Laws and regulations"),
    "publication": gettext_noop("Publications"),
    "consultation": gettext_noop("Public consultations"),
    "procurement_notice": gettext_noop("Procurement notices"),
}


def _type_label(value: str) -> str:
    return _(TYPE_LABELS.get(value, value))


class SearchCategory(graphene.ObjectType):
    slug = graphene.String(required=True)
    name = graphene.String(required=True)


def _hit_type(hit, info):
    return hit.type


class SearchHitBase(graphene.Interface):
    """What every hit has; select it with `... on SearchHitBase { ... }`."""

    # An explicit resolver: Interface.resolve_type is graphene's type resolver, not this field's.
    type = graphene.Field(SearchResultType, required=True, resolver=_hit_type)
    title = graphene.String(required=True)
    title_highlighted = graphene.String(
        required=True, description="The title as HTML: escaped, matching words in <mark>."
    )
    url = graphene.String(description="Public URL path, e.g. /ar/services/...")
    snippet = graphene.String(
        required=True,
        description="About 200 characters of text as HTML: escaped, matching words in <mark>.",
    )
    promoted = graphene.Boolean(
        required=True, description="Pinned by editors for this query (search promotions)."
    )
    page = graphene.Field(PageInterface, required=True, description="The page itself.")


class PageHit(graphene.ObjectType):
    page_type = graphene.String(required=True, description="GraphQL type name of the page.")

    class Meta:
        interfaces = (SearchHitBase,)

    @staticmethod
    def resolve_page_type(hit, info):
        from cms.graphql.page_registry import graphql_type_for

        found = graphql_type_for(hit.page)
        return found._meta.name if found else "GenericPage"


class ServiceHit(graphene.ObjectType):
    code = graphene.String(description="Stable service code, e.g. MOF-IND-001.")
    summary = graphene.String()
    category = graphene.Field(SearchCategory)

    class Meta:
        interfaces = (SearchHitBase,)


class SearchHit(graphene.Union):
    """A service or another page (news articles and pages are PageHit)."""

    class Meta:
        types = (ServiceHit, PageHit)

    @classmethod
    def resolve_type(cls, instance, info):
        return ServiceHit if instance.type == "service" else PageHit


class FacetCount(graphene.ObjectType):
    value = graphene.String(required=True, description="Use as the filter value.")
    label = graphene.String(required=True)
    count = graphene.Int(required=True)


class SearchFacets(graphene.ObjectType):
    types = graphene.List(graphene.NonNull(FacetCount), required=True)
    categories = graphene.List(graphene.NonNull(FacetCount), required=True)


class SearchResults(graphene.ObjectType):
    query = graphene.String(required=True, description="The query as searched (cut if too long).")
    truncated = graphene.Boolean(
        required=True, description=f"The query was longer than {MAX_QUERY_CHARS} characters."
    )
    locale = graphene.String(required=True)
    total = graphene.Int(required=True)
    page = graphene.Int(required=True)
    page_size = graphene.Int(required=True)
    page_count = graphene.Int(required=True)
    hits = graphene.List(graphene.NonNull(SearchHit), required=True)
    facets = graphene.Field(SearchFacets, required=True)
    did_you_mean = graphene.String(description="A corrected query, when this one found nothing.")

    @staticmethod
    def resolve_facets(results, info):
        with override(results.locale):
            types = [
                FacetCount(value=f.value, label=_type_label(f.value), count=f.count)
                for f in results.type_facets
            ]
        return SearchFacets(types=types, categories=results.category_facets)


class SearchSuggestion(graphene.ObjectType):
    title = graphene.String(required=True)
    url = graphene.String()
    type = graphene.Field(SearchResultType, required=True)
    code = graphene.String()


def _value(enum_or_str):
    return getattr(enum_or_str, "value", enum_or_str)


class Query:
    search = graphene.Field(
        SearchResults,
        required=True,
        query=graphene.String(
            required=True,
            description=f"What the visitor typed; cut (not refused) after {MAX_QUERY_CHARS} characters.",
        ),
        locale=graphene.String(default_value="ar", description="Language code: ar (default) or en"),
        types=graphene.List(graphene.NonNull(SearchResultType)),
        category=graphene.String(description="A category slug, e.g. payment-orders"),
        audience=graphene.String(description="An audience code, e.g. citizen"),
        page=graphene.Int(default_value=1),
        page_size=graphene.Int(default_value=10, description=f"At most {service.MAX_PAGE_SIZE}"),
        record=graphene.Boolean(
            default_value=True,
            description=(
                "Count this search in the site's search analytics (the default). A caller "
                "that counts the searches it serves itself passes false."
            ),
        ),
    )
    search_suggestions = graphene.List(
        graphene.NonNull(SearchSuggestion),
        required=True,
        prefix=graphene.String(required=True),
        locale=graphene.String(default_value="ar", description="Language code: ar (default) or en"),
        limit=graphene.Int(default_value=8, description=f"At most {service.MAX_SUGGESTIONS}"),
    )

    @staticmethod
    def resolve_search(
        root,
        info,
        query,
        locale="ar",
        types=None,
        category=None,
        audience=None,
        page=1,
        page_size=10,
        record=True,
    ):
        try:
            return service.search(
                query,
                locale,
                types=[_value(t) for t in types or []],
                category=category,
                audience=audience,
                page=page,
                page_size=page_size,
                request=info.context,
                record=bool(record),
            )
        except service.SearchInputError as error:
            raise GraphQLError(str(error), extensions={"code": error.code}) from None

    @staticmethod
    def resolve_search_suggestions(root, info, prefix, locale="ar", limit=8):
        try:
            return service.suggest(prefix, locale, limit=limit, request=info.context)
        except service.SearchInputError as error:
            raise GraphQLError(str(error), extensions={"code": error.code}) from None


# Reachable through the SearchHit union: nothing to add to the schema's `types`.
types: list = []
