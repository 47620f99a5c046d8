"""Reading the pages of a page of results: few queries, and only the columns that are used.

A search reads its hits' pages, the ranking texts of its first matches and its category facets;
each would read the same categories again, and a page of results spends half its loading time
decoding StreamFields that a snippet seldom needs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from wagtail.models import Page


class RelatedRows:
    """Rows of related models (a page's category) by key, each read once per search."""

    def __init__(self) -> None:
        self._rows: dict[type[models.Model], dict[Any, models.Model]] = {}

    def get(self, model: type[models.Model], keys: Iterable[Any]) -> dict[Any, models.Model]:
        """The rows of `model` with these keys (and any read before), reading only new keys."""
        known = self._rows.setdefault(model, {})
        missing = set(keys) - known.keys() - {None}
        if missing:
            known.update(model._default_manager.in_bulk(missing))
        return known


def _specific_pages(ids: list[int], content_types: Mapping[int, int]) -> dict[int, Page]:
    """Pages, without their StreamFields, whose type the match statement gave are read from
    their own table directly; the rest through Wagtail's `specific()` (one more query to learn
    their types)."""
    by_model: dict[type[Page], list[int]] = {}
    unknown = []
    for pk in ids:
        content_type = content_types.get(pk)
        model = ContentType.objects.get_for_id(content_type).model_class() if content_type else None
        if model is None or not issubclass(model, Page):
            unknown.append(pk)
        else:
            by_model.setdefault(model, []).append(pk)
    pages: dict[int, Page] = {}
    for model, pks in by_model.items():
        queryset = model.objects.filter(id__in=pks).defer_streamfields()
        pages.update((page.pk, page) for page in queryset)
    if unknown:
        queryset = Page.objects.filter(id__in=unknown).specific().defer_streamfields()
        pages.update((page.pk, page) for page in queryset)
    return pages


def load_pages(
    ids: Iterable[int],
    content_types: Mapping[int, int] | None = None,
    rows: RelatedRows | None = None,
) -> dict[int, Page]:
    """Specific pages by id, with their categories attached (ranking and hits read them).

    Their StreamFields are left unread (decoding them is half the cost of loading a page of
    results; `StreamLoader` reads them when a snippet needs one); `content_types` (page id ->
    content type id) saves a query.
    """
    ids = list(dict.fromkeys(ids))
    if not ids:
        return {}
    pages = _specific_pages(ids, content_types or {})
    rows = rows if rows is not None else RelatedRows()
    by_field: dict[tuple[type, str], list[Page]] = {}
    for page in pages.values():
        name = getattr(page, "search_category_field", None)
        if name:
            by_field.setdefault((type(page), name), []).append(page)
    for (model, name), group in by_field.items():
        relation = model._meta.get_field(name)
        related = rows.get(relation.related_model, {getattr(p, relation.attname) for p in group})
        for page in group:
            relation.set_cached_value(page, related.get(getattr(page, relation.attname)))
    return pages


class StreamLoader:
    """Reads the StreamFields `load_pages` left unread that the site search shows
    text from (a page type's summary and body fields), for all of its pages in one query per
    page type, the first time any of them needs one."""

    def __init__(self, pages: Iterable[Page]):
        self._pages = list(pages)
        self._loaded = False

    @staticmethod
    def unread(page: Page) -> set[str]:
        model = type(page)
        names = set(getattr(model, "get_streamfield_names", lambda: ())())
        shown = {
            *getattr(model, "search_summary_fields", ()),
            *getattr(model, "search_body_fields", ()),
        }
        return page.get_deferred_fields() & names & shown

    def load(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        by_model: dict[type[Page], list[Page]] = {}
        for page in self._pages:
            if self.unread(page):
                by_model.setdefault(type(page), []).append(page)
        for model, pages in by_model.items():
            names = sorted(self.unread(pages[0]))
            rows = model.objects.filter(pk__in=[p.pk for p in pages]).only(*names).in_bulk()
            for page in pages:
                row = rows.get(page.pk)
                if row is not None:
                    for name in names:
                        page.__dict__[name] = row.__dict__[name]
