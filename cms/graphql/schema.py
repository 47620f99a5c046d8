"""One schema composed from each app's `graphql.py` root-field mixins."""

import graphene

from old_addresses.graphql import Query as RedirectQuery
from search.graphql import Query as SearchQuery
from services_catalog.graphql import Mutation as CatalogueMutation
from services_catalog.graphql import Query as CatalogueQuery
from services_catalog.graphql import types as catalogue_types
from site_pages.graphql import Query as PagesQuery
from site_pages.graphql import types as page_types
from site_pages.graphql_enquiries import Mutation as EnquiryMutation
from site_pages.graphql_enquiries import Query as EnquiryQuery


class Query(
    PagesQuery, CatalogueQuery, SearchQuery, EnquiryQuery, RedirectQuery, graphene.ObjectType
):
    pass


# Mutations only record anonymous visitor input: KPI events, feedback, contact-centre enquiries.
# None is cookie-authenticated; /graphql/ limits them per client (cms/graphql/view.py).
class Mutation(CatalogueMutation, EnquiryMutation, graphene.ObjectType):
    pass


schema = graphene.Schema(
    query=Query, mutation=Mutation, types=[*page_types, *catalogue_types], auto_camelcase=True
)
