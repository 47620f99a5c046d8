"""How a page type takes part in the site search: a mixin and the index fields it declares.

A page model opts in by inheriting `SearchablePageMixin` (BasePage does, so every public page
type does) and naming its fields by weight with class attributes:

    search_title_fields = ("title", "code")             # weighs most
    search_summary_fields = ("summary", "keywords")     # then these
    search_body_fields = ("description",)               # then these
    search_result_type = "service"                      # the hit's type in results and facets
    search_code_field = "code"                          # exact code queries find this page first
    search_category_field = "category"                  # facet and filter by category

`searchable_page_fields()` turns those into Wagtail index fields holding a *prepared* copy of
the text (search.normalize), so both the database and the Elasticsearch backends index the same
normalised, stemmed words that queries are turned into.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q
from django.utils.encoding import force_str
from wagtail.rich_text import get_text_for_indexing
from wagtail.search import index

from search.normalize import index_text, words

# Boosts of the three weights. PostgreSQL maps distinct boosts onto its weights A-D and
# Elasticsearch multiplies scores by them; search.service re-ranks the first results by the
# same three weights on every backend (SQLite FTS5 only knows a title and a body column).
TITLE_BOOST = 10.0
SUMMARY_BOOST = 4.0
BODY_BOOST = 2.0


def plain_text(value: Any) -> str:
    """Text of a field value: strings, rich text, StreamField content, lists, related objects."""
    if value is None:
        return ""
    if isinstance(value, str):
        return get_text_for_indexing(value) if "<" in value else value
    if isinstance(value, (list, tuple, set)):
        return " ".join(plain_text(item) for item in value)
    if isinstance(value, dict):
        return " ".join(plain_text(item) for item in value.values())
    return force_str(value)


def field_text(obj: models.Model, name: str) -> str:
    """The searchable text of one field, property or method of `obj`."""
    try:
        field = obj._meta.get_field(name)
    except FieldDoesNotExist:
        value = getattr(obj, name, None)
        return plain_text(value() if callable(value) else value)
    if field.is_relation and (field.many_to_one or field.one_to_one):
        return plain_text(getattr(obj, name, None))
    value = field.value_from_object(obj)
    if hasattr(field, "get_searchable_content"):
        value = field.get_searchable_content(value)
    return plain_text(value)


def fields_text(obj: models.Model, names: Iterable[str]) -> str:
    return " ".join(text for text in (field_text(obj, name) for name in names) if text)


class SearchablePageMixin(models.Model):
    """Opt a page model into the site search; see the module docstring for the attributes.

    An abstract model without fields (no migration): Elasticsearch names an index field after
    the model that defines it, so the prepared-text methods must live on a model class.
    """

    search_result_type: str = "page"
    search_title_fields: tuple[str, ...] = ("title",)
    search_summary_fields: tuple[str, ...] = ("search_description",)
    search_body_fields: tuple[str, ...] = ()
    search_code_field: str | None = None
    search_category_field: str | None = None
    # The settings above, by name: what the index content depends on (the search bench stamps it).
    SEARCH_SETTINGS = (
        "search_result_type",
        "search_title_fields",
        "search_summary_fields",
        "search_body_fields",
        "search_code_field",
        "search_category_field",
    )

    # Index on publish, unpublish, move and delete (search.signals), not on every draft save.
    search_auto_update = False

    class Meta:
        abstract = True

    @classmethod
    def search_audience_q(cls, audience: str) -> Q | None:
        """The filter for pages meant for `audience` (a code), or None if the type has none."""
        return None

    def search_title_text(self) -> str:
        return fields_text(self, self.search_title_fields)

    def search_summary_text(self) -> str:
        return fields_text(self, self.search_summary_fields)

    def search_body_text(self) -> str:
        return fields_text(self, self.search_body_fields)

    # Prepared copies, indexed by the fields from searchable_page_fields().
    def search_prepared_summary(self) -> str:
        return index_text(self.search_summary_text())

    def search_prepared_body(self) -> str:
        return index_text(self.search_body_text())

    def search_prepared_suggest(self) -> str:
        """Title words as typed (normalised) and as stems, for prefix suggestions."""
        text = self.search_title_text()
        return " ".join([*words(text), index_text(text)])


class PreparedTitleField(index.SearchField):
    """The prepared words of a page's title fields, indexed under the name `title`.

    The database backends give the name `title` their own, heavier column; Wagtail's own
    `SearchField("title")` stays beside it (Wagtail's checks want it, and the admin searches the
    title as written), this one adds the normalised, stemmed words that public queries use.
    """

    def get_value(self, obj):
        if isinstance(obj, SearchablePageMixin):
            return index_text(obj.search_title_text())
        return super().get_value(obj)


def searchable_page_fields(base_fields: Iterable[index.BaseField]) -> list[index.BaseField]:
    """`base_fields` (usually Page.search_fields) plus the prepared fields of the site search.

    Also declares the visibility policy's fields as filters, so a search can run on the very
    queryset `cms.graphql.visibility.visible_pages` returns, on every backend.
    """
    return [
        *base_fields,
        PreparedTitleField("title", boost=TITLE_BOOST),
        index.SearchField("search_prepared_summary", boost=SUMMARY_BOOST),
        index.SearchField("search_prepared_body", boost=BODY_BOOST),
        index.AutocompleteField("search_prepared_suggest"),
        index.FilterField("expired"),
        index.FilterField("expire_at"),
        index.FilterField("alias_of"),
    ]


def searchable_models() -> list[type[models.Model]]:
    """Concrete page models that take part in the site search."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, SearchablePageMixin) and not model._meta.abstract
    ]


def models_of_type(result_type: str) -> list[type[models.Model]]:
    return [model for model in searchable_models() if model.search_result_type == result_type]


def result_types() -> list[str]:
    return sorted({model.search_result_type for model in searchable_models()})
