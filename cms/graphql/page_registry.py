"""Which GraphQL object type represents which page model.

Apps register their page types here (site_pages, services_catalog), so the `Page` interface can
resolve any page without the schema knowing every app.
"""

from __future__ import annotations

from collections.abc import Callable

import graphene
from django.db.models import QuerySet

_TYPES: dict[type, type[graphene.ObjectType]] = {}
_DETAIL_QUERYSETS: dict[type, Callable[[QuerySet], QuerySet]] = {}


def register_page_type(
    model: type,
    graphql_type: type[graphene.ObjectType],
    detail_queryset: Callable[[QuerySet], QuerySet] | None = None,
) -> None:
    """`detail_queryset` adds to a query of `model` what one page of it shows (the rows its
    type's fields read, joined in), so that reading one page of that type takes one query."""
    _TYPES[model] = graphql_type
    if detail_queryset is not None:
        _DETAIL_QUERYSETS[model] = detail_queryset


def detail_queryset(model: type) -> QuerySet:
    """A query of `model`'s pages with what one page of it shows joined in."""
    queryset = model._default_manager.all()
    for klass in model.__mro__:
        if klass in _DETAIL_QUERYSETS:
            return _DETAIL_QUERYSETS[klass](queryset)
    return queryset


def graphql_type_for(page) -> type[graphene.ObjectType] | None:
    for klass in type(page).__mro__:
        if klass in _TYPES:
            return _TYPES[klass]
    return None


def registered_types() -> list[type[graphene.ObjectType]]:
    return list(_TYPES.values())
