"""Finding the matches of a query: scope, pinned results and the two ways to ask a backend.

- On the database backends (SQLite FTS5, PostgreSQL) one statement counts the visible matches
  by type and category (totals and facets) and sends only the best ones (search.database).
- Otherwise (Elasticsearch, or a database we have no statement for) Wagtail's search API:
  `search()`, `count()`, slices and `facet()`, each a request the backend answers fast.
"""

from __future__ import annotations

import operator
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import reduce
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import Q, QuerySet
from wagtail.models import Locale, Page
from wagtail.search.backends.base import FilterFieldError

from cms.graphql.visibility import visible_pages
from search import database
from search.backends import build_query, is_database_backend
from search.cache import DERIVED_TTL_SECONDS, derived_key
from search.indexing import searchable_models
from search.loading import RelatedRows
from search.normalize import query_terms, words
from search.ranking import RERANK_WINDOW, rank_texts, rerank
from search.synonyms import TermGroup

# Elasticsearch receives id filters as a list; more than this and the list is cut.
MAX_ID_FILTER = 20_000


@dataclass
class Scope:
    """The page models searched and the filters narrowing them (category slug, audience code)."""

    models: list[type[Page]]
    category: str | None = None
    audience: str | None = None

    def id_filters(self, models: Sequence[type[Page]]) -> list[QuerySet] | None:
        """Per model, the ids passing the category and audience filters; None if unfiltered."""
        if not (self.category or self.audience):
            return None
        filters = []
        for model in models:
            q = Q()
            if self.category:
                if not model.search_category_field:
                    continue
                q &= Q(**{f"{model.search_category_field}__slug": self.category})
            if self.audience:
                audience_q = model.search_audience_q(self.audience)
                if audience_q is None:
                    continue
                q &= audience_q
            filters.append(model.objects.filter(q).values("id"))
        return filters

    def pages(
        self,
        language: Locale,
        as_lists: bool = False,
        models: Sequence[type[Page]] | None = None,
        base_model: type[Page] = Page,
    ) -> QuerySet:
        """The visible pages in scope, as `visible_pages(...)` returns them.

        Filters a backend cannot index (category slug, audience) become an id filter: a
        sub-query, or lists of ids for a backend outside the database (`as_lists`).
        """
        models = list(self.models if models is None else models)
        if base_model is Page:
            qs = Page.objects.type(*models) if models else Page.objects.none()
            qs = qs.only("id", "content_type")
        else:
            qs = base_model.objects.all()
        id_filters = self.id_filters(models)
        if id_filters is not None:
            matching = [
                Q(
                    id__in=list(ids.values_list("id", flat=True)[:MAX_ID_FILTER])
                    if as_lists
                    else ids
                )
                for ids in id_filters
            ]
            qs = qs.filter(reduce(operator.or_, matching)) if matching else qs.none()
        return visible_pages(qs, language)


# --- Pinned results ---------------------------------------------------------------------------


def code_variants(text: str) -> list[str]:
    """Service codes a query may name, in our AAA-AAA-000 form, however it was typed.

    "MOF-IND-001", "mof ind 1", "mofind001" and "MOF-IND-٠٠١" all give MOF-IND-001 (and the
    other zero-paddings, since codes have three to five digits).
    """
    tokens = words(text)
    found: list[str] = []
    for position, token in enumerate(tokens):
        if not token.isdigit() or len(token) > 5 or position == 0:
            continue
        value = int(token)
        numbers = sorted({token, *(f"{value:0{width}d}" for width in (3, 4, 5))})
        before = [t for t in tokens[max(0, position - 2) : position] if t.isascii() and t.isalpha()]
        prefixes: list[tuple[str, str]] = []
        if len(before) == 2 and all(2 <= len(t) <= 5 for t in before):
            prefixes.append((before[0], before[1]))
        letters = before[-1] if before else ""
        prefixes.extend(
            (letters[:cut], letters[cut:])
            for cut in range(2, min(5, len(letters) - 2) + 1)
            if 2 <= len(letters) - cut <= 5
        )
        found.extend(f"{a}-{b}-{n}".upper() for a, b in prefixes for n in numbers)
    return list(dict.fromkeys(found))


def code_matches(text: str, language: Locale, scope: Scope) -> list[int]:
    variants = code_variants(text)
    if not variants:
        return []
    ids: list[int] = []
    for model in scope.models:
        if not model.search_code_field:
            continue
        named = model.objects.filter(**{f"{model.search_code_field}__in": variants})
        visible = scope.pages(language, models=[model]).filter(id__in=named.values("id"))
        ids.extend(visible.values_list("id", flat=True))
    return ids


def _promotion_table() -> dict[str, list[int]]:
    """Promoted page ids by the prepared form of the editors' query, in the editors' order."""
    key = derived_key("promotions")
    table = cache.get(key)
    if table is None:
        from wagtail.contrib.search_promotions.models import SearchPromotion

        table = {}
        promotions = SearchPromotion.objects.filter(page__isnull=False).order_by(
            "query_id", "sort_order", "pk"
        )
        for query_string, page_id in promotions.values_list("query__query_string", "page_id"):
            table.setdefault(" ".join(query_terms(query_string)), []).append(page_id)
        cache.set(key, table, DERIVED_TTL_SECONDS)
    return table


def promoted_matches(terms: Sequence[str], language: Locale, scope: Scope) -> list[int]:
    page_ids = _promotion_table().get(" ".join(terms), [])
    if not page_ids:
        return []
    # An editor may pin a page in one language: visitors get its translation in theirs.
    keys = dict(Page.objects.filter(id__in=page_ids).values_list("id", "translation_key"))
    in_language = dict(
        scope.pages(language)
        .filter(translation_key__in=set(keys.values()))
        .values_list("translation_key", "id")
    )
    return [in_language[keys[pk]] for pk in page_ids if keys.get(pk) in in_language]


# --- Matching ---------------------------------------------------------------------------------


@dataclass
class Matches:
    total: int
    head: list[int]  # pinned pages, then the re-ranked window
    tail: list[int]  # backend order after the window, as far as the requested page needs
    type_counts: dict[int, int] = field(default_factory=dict)  # content type id -> count
    category_counts: dict[Any, int] = field(default_factory=dict)  # category pk -> count
    pinned_matched: int = 0  # pinned pages the backend also matched (counted once in `total`)
    content_types: dict[int, int] = field(default_factory=dict)  # page id -> content type id


def _arrange(
    ordered: Sequence[tuple[int, int]],
    pinned: list[int],
    groups: Sequence[TermGroup],
    wanted: slice,
    rows: RelatedRows,
) -> tuple[list[int], list[int]]:
    """Pinned first, then the re-ranked window, then as much of the rest as `wanted` needs.

    `ordered` is (page id, content type id) in the backend's order.
    """
    pinned_set = set(pinned)
    window = [(pk, ct) for pk, ct in ordered[:RERANK_WINDOW] if pk not in pinned_set]
    by_model: dict[type[Page], list[int]] = {}
    for pk, ct in window:
        by_model.setdefault(ContentType.objects.get_for_id(ct).model_class(), []).append(pk)
    head = [*pinned, *rerank([pk for pk, _ct in window], rank_texts(by_model, rows), groups)]
    rest = [pk for pk, _ct in ordered[RERANK_WINDOW:] if pk not in pinned_set]
    first = max(0, wanted.start - len(head))
    count = max(0, wanted.stop - max(wanted.start, len(head)))
    return head, rest[first : first + count]


def _content_type_ids(models: Iterable[type[Page]]) -> set[int]:
    return {ContentType.objects.get_for_model(m, for_concrete_model=False).pk for m in models}


def category_models(models: Iterable[type[Page]]) -> set[type]:
    return {
        m._meta.get_field(m.search_category_field).related_model
        for m in models
        if m.search_category_field
    }


def _category_pks(scope: Scope) -> set:
    pks: set = set()
    for related in category_models(scope.models):
        pks.update(related.objects.filter(slug=scope.category).values_list("pk", flat=True))
    return pks


def database_matches(
    groups: list[TermGroup],
    language: Locale,
    scope: Scope,
    pinned: list[int],
    wanted: slice,
    rows: RelatedRows,
    any_word: bool = True,
) -> Matches:
    """One statement on the database index: the matches counted by type and category, and
    only as many of them ranked and sent as the re-ranking window and the requested page need.

    Facets: per type ignoring the `types` filter, per category ignoring the category filter.
    When no page has every word and `any_word` is set, pages with some of them are ranked.
    """
    every_type = Scope(searchable_models(), audience=scope.audience)
    pages = every_type.pages(language)
    columns = database.category_columns(every_type.models)
    wanted_types = _content_type_ids(scope.models)
    chosen = frozenset(_category_pks(scope)) if scope.category else None
    narrowing = database.Narrowing(frozenset(wanted_types), chosen)
    limit = max(RERANK_WINDOW, wanted.stop) + len(pinned)
    summary = database.summarise(groups, pages, "and", columns, pinned, limit, narrowing)
    if not summary.counts and any_word and len(groups) > 1:
        # No page has every word: rank by how many.
        summary = database.summarise(groups, pages, "or", columns, pinned, limit, narrowing)
    counts = summary.counts
    in_category = [c for c in counts if chosen is None or c.category_id in chosen]
    selected = [c for c in in_category if c.content_type_id in wanted_types]
    total = sum(c.count for c in selected)
    type_counts: Counter = Counter()
    for c in in_category:
        type_counts[c.content_type_id] += c.count
    category_counts: Counter = Counter()
    for c in counts:
        if c.content_type_id in wanted_types and c.category_id is not None:
            category_counts[c.category_id] += c.count
    # The facets name every matched category, the ranked matches' ones among them: one read.
    for related in category_models(scope.models):
        rows.get(related, category_counts)
    ordered = [(m.page_id, m.content_type_id) for m in summary.best]
    head, tail = _arrange(ordered, pinned, groups, wanted, rows)
    return Matches(
        total=total,
        head=head,
        tail=tail,
        pinned_matched=sum(c.count for c in selected if c.pinned),
        type_counts=dict(type_counts),
        category_counts=dict(category_counts),
        content_types=dict(ordered),
    )


def _facet(results, field_name: str) -> dict[Any, int]:
    """Counts by a FilterField's column (its attname, e.g. "category_id")."""
    try:
        return {key: count for key, count in results.facet(field_name).items() if key is not None}
    except (FilterFieldError, NotImplementedError):
        return {}


def api_matches(
    search_backend,
    groups: list[TermGroup],
    language: Locale,
    scope: Scope,
    pinned: list[int],
    wanted: slice,
    rows: RelatedRows,
    any_word: bool = True,
) -> Matches:
    """Through Wagtail's search API: for Elasticsearch (and databases search.database lacks)."""
    as_lists = not is_database_backend(search_backend)
    pages = scope.pages(language, as_lists)
    query = build_query(groups, "and")
    results = search_backend.search(query, pages)
    total = results.count()
    if total == 0 and any_word and len(groups) > 1:
        query = build_query(groups, "or")
        results = search_backend.search(query, pages)
        total = results.count()
    if total == 0:
        return Matches(0, list(pinned), [])
    window_end = RERANK_WINDOW + max(0, wanted.stop - RERANK_WINDOW) + len(pinned)
    ordered = [(page.pk, page.content_type_id) for page in results[:window_end]]
    head, tail = _arrange(ordered, pinned, groups, wanted, rows)
    every_type = Scope(searchable_models(), category=scope.category, audience=scope.audience)
    type_counts = _facet(
        search_backend.search(query, every_type.pages(language, as_lists)), "content_type_id"
    )
    category_counts: dict[Any, int] = {}
    any_category = Scope(scope.models, audience=scope.audience)
    for model in scope.models:
        if model.search_category_field:
            attname = model._meta.get_field(model.search_category_field).attname
            model_pages = any_category.pages(language, as_lists, [model], base_model=model)
            for key, count in _facet(search_backend.search(query, model_pages), attname).items():
                category_counts[key] = category_counts.get(key, 0) + count
    # As far as fetched: exact unless a pinned page matched beyond the requested page.
    pinned_matched = len(set(pinned) & {pk for pk, _ct in ordered})
    return Matches(total, head, tail, type_counts, category_counts, pinned_matched, dict(ordered))
