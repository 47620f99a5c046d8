"""GraphQL for the organisation structure page and the related government entities.

Pages leave through the `Page` interface and `page(path)`, which apply the visibility policy;
entities through `visible_snippets`, in the requested language only.
"""

from __future__ import annotations

import graphene

from cms.graphql.batching import link_images
from cms.graphql.page_registry import register_page_type
from cms.graphql.read_once import read_once
from cms.graphql.visibility import all_locales, resolve_locale, visible_snippets
from institution import models
from institution.structure import code_of, in_structure
from reviews.graphql import ReviewedContent
from site_pages.graphql import PageInterface
from site_pages.graphql_blocks import Block, Image, stream_to_blocks


class Person(graphene.ObjectType):
    name = graphene.String(required=True)
    role = graphene.String(required=True)
    photo = graphene.Field(Image, description="Null when the editor chose no photo")
    photo_alt = graphene.String(
        required=True, description="The photo's alternative text; always set with a photo"
    )
    biography = graphene.String(required=True)


def _person(value) -> Person:
    photo = value.get("photo")
    return Person(
        name=value.get("name") or "",
        role=value.get("role") or "",
        photo=photo,
        photo_alt=(value.get("photo_alt") or "") if photo else "",
        biography=value.get("biography") or "",
    )


def _link_photos(page) -> None:
    """The page's portraits, leaders' and units' alike, share one rendition query per size."""
    if getattr(page, "_photos_linked", False):
        return
    photos = [child.value.get("photo") for child in page.leadership]
    photos += [
        person.get("photo") for child in page.units for person in child.value.get("people") or []
    ]
    link_images(photos)
    page._photos_linked = True


class OrganisationUnit(graphene.ObjectType):
    id = graphene.ID(description="Stable across edits and shared by the unit's translations")
    code = graphene.String(
        required=True,
        description="Short and the same in every language, e.g. public-finance; empty if none",
    )
    parent_id = graphene.ID(
        description="The `id` of the unit this one belongs to, on the same page; null at the top"
    )
    depth = graphene.Int(
        required=True, description="0 for a unit at the top, 1 for a unit under it, and so on"
    )
    name = graphene.String(required=True)
    description = graphene.String(required=True)
    people = graphene.List(graphene.NonNull(Person), required=True)


class OrganisationPage(graphene.ObjectType):
    intro = graphene.String(required=True)
    leadership = graphene.List(graphene.NonNull(Person), required=True)
    units = graphene.List(
        graphene.NonNull(OrganisationUnit),
        required=True,
        description="In the order of the structure: each unit followed by the units under it "
        "(in the editors' order), each with its people, its `parentId` and its `depth`",
    )
    body = graphene.List(graphene.NonNull(Block), required=True)

    class Meta:
        interfaces = (PageInterface, ReviewedContent)

    @staticmethod
    def resolve_leadership(page, info):
        _link_photos(page)
        return [_person(child.value) for child in page.leadership]

    @staticmethod
    def resolve_units(page, info):
        _link_photos(page)
        return [
            OrganisationUnit(
                id=placed.child.id,
                code=code_of(placed.child.value),
                parent_id=placed.parent_id,
                depth=placed.depth,
                name=placed.child.value.get("name") or "",
                description=placed.child.value.get("description") or "",
                people=[_person(person) for person in placed.child.value.get("people") or []],
            )
            for placed in in_structure(page.units)
        ]

    @staticmethod
    def resolve_body(page, info):
        return stream_to_blocks(page.body, info.context, page.locale_id)


class GovernmentEntity(graphene.ObjectType):
    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    url = graphene.String(required=True, description="The entity's website (https)")
    description = graphene.String(required=True)
    order = graphene.Int(required=True, description="Smaller first; the list is already sorted")

    @staticmethod
    def resolve_order(entity, info):
        return entity.sort_order


def government_entities(language) -> list:
    """The entities in one language, in their order, read once per response."""
    return read_once(
        f"government_entities:{language.pk}",
        lambda: list(
            visible_snippets(models.GovernmentEntity.objects.all(), language).order_by(
                "sort_order", "pk"
            )
        ),
    )


class GovernmentEntitiesPage(graphene.ObjectType):
    intro = graphene.String(required=True)
    entities = graphene.List(graphene.NonNull(GovernmentEntity), required=True)

    class Meta:
        interfaces = (PageInterface,)

    @staticmethod
    def resolve_entities(page, info):
        language = next(locale for locale in all_locales() if locale.pk == page.locale_id)
        return government_entities(language)


register_page_type(models.OrganisationPage, OrganisationPage)
register_page_type(models.GovernmentEntitiesPage, GovernmentEntitiesPage)


class Query:
    government_entities = graphene.List(
        graphene.NonNull(GovernmentEntity),
        required=True,
        locale=graphene.String(default_value="ar", description="Language code: ar (default) or en"),
        description="Related government entities, in their order, in one language.",
    )

    @staticmethod
    def resolve_government_entities(root, info, locale="ar"):
        return government_entities(resolve_locale(locale))


types = [OrganisationPage, GovernmentEntitiesPage]
