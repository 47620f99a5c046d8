"""Which GraphQL object type represents which page model.

Apps register their page types here (site_pages, services_catalog), so the `Page` interface can
resolve any page without the schema knowing every app.
"""

from __future__ import annotations

import graphene

_TYPES: dict[type, type[graphene.ObjectType]] = {}


def register_page_type(model: type, graphql_type: type[graphene.ObjectType]) -> None:
    _TYPES[model] = graphql_type


def graphql_type_for(page) -> type[graphene.ObjectType] | None:
    for klass in type(page).__mro__:
        if klass in _TYPES:
            return _TYPES[klass]
    return None


def registered_types() -> list[type[graphene.ObjectType]]:
    return list(_TYPES.values())
