"""One schema composed from each app's `graphql.py` root-field mixins."""

import graphene

from consultations.graphql import Mutation as ConsultationMutation
from consultations.graphql import Query as ConsultationsQuery
from consultations.graphql import types as consultation_types
from institution.graphql import Query as InstitutionQuery
from institution.graphql import types as institution_types
from old_addresses.graphql import Query as RedirectQuery
from procurement.graphql import Query as ProcurementQuery
from procurement.graphql import types as procurement_types
from publications.graphql import Query as PublicationsQuery
from publications.graphql import types as publication_types
from regulations.graphql import Query as RegulationsQuery
from regulations.graphql import types as regulation_types
from search.graphql import Query as SearchQuery
from services_catalog.graphql import Mutation as CatalogueMutation
from services_catalog.graphql import Query as CatalogueQuery
from services_catalog.graphql import types as catalogue_types
from site_pages.graphql import Query as PagesQuery
from site_pages.graphql import types as page_types
from site_pages.graphql_enquiries import Mutation as EnquiryMutation
from site_pages.graphql_enquiries import Query as EnquiryQuery
from syndication.graphql import Query as ChangesQuery


class Query(
    PagesQuery,
    CatalogueQuery,
    RegulationsQuery,
    SearchQuery,
    EnquiryQuery,
    ChangesQuery,
    PublicationsQuery,
    ProcurementQuery,
    ConsultationsQuery,
    RedirectQuery,
    InstitutionQuery,
    graphene.ObjectType,
):
    pass


# Mutations only record anonymous visitor input: KPI events, feedback, contact-centre enquiries,
# comments on public consultations.
# None is cookie-authenticated; /graphql/ limits them per client (cms/graphql/view.py).
class Mutation(CatalogueMutation, EnquiryMutation, ConsultationMutation, graphene.ObjectType):
    pass


schema = graphene.Schema(
    query=Query,
    mutation=Mutation,
    types=[
        *page_types,
        *catalogue_types,
        *regulation_types,
        *publication_types,
        *institution_types,
        *procurement_types,
        *consultation_types,
    ],
    auto_camelcase=True,
)
