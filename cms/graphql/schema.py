"""One schema composed from each app's `graphql.py` root-field mixins."""

import graphene

from search.graphql import Query as SearchQuery
from services_catalog.graphql import Mutation as CatalogueMutation
from services_catalog.graphql import Query as CatalogueQuery
from services_catalog.graphql import types as catalogue_types
from site_pages.graphql import Query as PagesQuery
from site_pages.graphql import types as page_types


class Query(PagesQuery, CatalogueQuery, SearchQuery, graphene.ObjectType):
    pass


# Mutations only record anonymous, aggregated visitor signals (KPI events, feedback).
_mutation_fields = [name for name in vars(CatalogueMutation) if not name.startswith("_")]
Mutation = (
    type("Mutation", (CatalogueMutation, graphene.ObjectType), {}) if _mutation_fields else None
)

schema = graphene.Schema(
    query=Query, mutation=Mutation, types=[*page_types, *catalogue_types], auto_camelcase=True
)
