"""The site search: one entry point, used by GraphQL and through it by the frontend.

    search(query, locale, types, category, audience, page, page_size) -> SearchResults
    suggest(prefix, locale, limit) -> list[Suggestion]

Only live, public pages in the requested locale are searched: every query runs on
`cms.graphql.visibility.visible_pages(...)`. The order of results:
1. a service whose code the query names ("mof ind 1" finds MOF-IND-001);
2. pages editors promoted for this query (wagtail.contrib.search_promotions);
3. the backend's matches, the first ones re-ranked by where the words occur (search.ranking).
A query is cut, not refused, after MAX_QUERY_CHARS characters (search.normalize).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Locale, Page

from cms.graphql.visibility import SUPPORTED_LOCALES
from search import analytics, database, matching, spelling
from search.backends import build_query, is_database_backend, run_with_fallback
from search.highlight import best_snippet, highlight
from search.indexing import SearchablePageMixin, field_text, searchable_models
from search.loading import RelatedRows, StreamLoader, load_pages
from search.matching import Matches, Scope
from search.normalize import (
    MAX_QUERY_CHARS,
    MAX_QUERY_TERMS,
    clean,
    cut_query,
    is_stopword,
    query_terms,
    stem,
    words,
)
from search.synonyms import TermGroup, expand

__all__ = ["MAX_QUERY_CHARS", "SearchInputError", "SearchResults", "search", "suggest"]

MAX_PAGE_SIZE = 50
MAX_PAGE = 100
MAX_SUGGESTIONS = 10
MAX_PREFIX_CHARS = 100
MAX_FILTER_CHARS = 80

_FILTER_VALUE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


class SearchInputError(ValueError):
    """Bad input from a caller: the message is written for them."""

    code = "BAD_USER_INPUT"  # the API's extensions.code


class UnknownLocaleError(SearchInputError):
    code = "UNKNOWN_LOCALE"


@dataclass(frozen=True)
class Category:
    slug: str
    name: str


@dataclass
class SearchHit:
    type: str
    page: Page
    title: str
    title_highlighted: str
    url: str | None
    snippet: str
    code: str | None = None
    summary: str | None = None
    category: Category | None = None
    promoted: bool = False


@dataclass(frozen=True)
class FacetCount:
    value: str
    label: str
    count: int


@dataclass
class SearchResults:
    query: str
    locale: str
    total: int
    page: int
    page_size: int
    hits: list[SearchHit] = field(default_factory=list)
    type_facets: list[FacetCount] = field(default_factory=list)
    category_facets: list[FacetCount] = field(default_factory=list)
    did_you_mean: str | None = None
    truncated: bool = False

    @property
    def page_count(self) -> int:
        return -(-self.total // self.page_size) if self.total else 0


@dataclass(frozen=True)
class Suggestion:
    title: str
    url: str | None
    type: str
    code: str | None = None


# --- Input ------------------------------------------------------------------------------------


def _language(locale: Locale | str | None) -> Locale:
    if isinstance(locale, Locale):
        return locale
    code = (locale or "ar").strip().lower()
    if code not in SUPPORTED_LOCALES:
        raise UnknownLocaleError(
            f"Unknown locale '{code[:10]}'. Use one of: {', '.join(SUPPORTED_LOCALES)}."
        )
    try:
        return Locale.objects.get(language_code=code)
    except Locale.DoesNotExist as exc:
        raise SearchInputError(f"Locale '{code}' is not set up on this site.") from exc


def _filter_value(name: str, value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    value = value.strip().lower()
    if len(value) > MAX_FILTER_CHARS or not _FILTER_VALUE.match(value):
        raise SearchInputError(f"'{name}' must be a code such as 'payment-orders'.")
    return value


def _models_for(types: Iterable[str] | None) -> list[type[Page]]:
    models = searchable_models()
    wanted = {t.strip().lower() for t in types or () if t and t.strip()}
    if not wanted:
        return models
    known = {m.search_result_type for m in models}
    unknown = wanted - known
    if unknown:
        raise SearchInputError(
            f"Unknown result type '{sorted(unknown)[0][:20]}'. Use: {', '.join(sorted(known))}."
        )
    return [m for m in models if m.search_result_type in wanted]


def _paging(page: int | None, page_size: int | None) -> tuple[int, int]:
    page = 1 if page is None else page
    page_size = 10 if page_size is None else page_size
    if page < 1 or page > MAX_PAGE:
        raise SearchInputError(f"'page' must be between 1 and {MAX_PAGE}.")
    if page_size < 1:
        raise SearchInputError("'pageSize' must be at least 1.")
    return page, min(page_size, MAX_PAGE_SIZE)


# --- Hits -------------------------------------------------------------------------------------


def _category_of(page: Page) -> Category | None:
    name = getattr(page, "search_category_field", None)
    related = getattr(page, name, None) if name else None
    if related is None:
        return None
    return Category(slug=related.slug, name=related.name)


def _snippet_for(page: Page, stems: set[str], streams: StreamLoader | None = None) -> str:
    """From the first summary or body field that mentions the query, else the first one.

    Fields left unread (StreamFields, see `search.loading`) are looked at last: a hit whose
    query is in a text field needs no StreamField read for its snippet.
    """
    if not isinstance(page, SearchablePageMixin):
        return ""
    unread = StreamLoader.unread(page)
    names = sorted(
        (
            name
            for name in (*page.search_summary_fields, *page.search_body_fields)
            if name != page.search_category_field
        ),
        key=lambda name: name in unread,
    )

    def texts() -> Iterator[str]:
        for name in names:
            if name in unread and streams is not None:
                streams.load()
            yield field_text(page, name)

    return best_snippet(texts(), stems)


def _summary_of(page: Page) -> str | None:
    for name in ("summary", "search_description", "intro"):
        value = getattr(page, name, None)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def build_hit(
    page: Page,
    stems: set[str],
    request=None,
    promoted: bool = False,
    streams: StreamLoader | None = None,
) -> SearchHit:
    code_field = getattr(page, "search_code_field", None)
    return SearchHit(
        type=getattr(page, "search_result_type", "page"),
        page=page,
        title=page.title,
        title_highlighted=highlight(page.title, stems),
        url=page.get_url(request),
        snippet=_snippet_for(page, stems, streams),
        code=getattr(page, code_field, None) if code_field else None,
        summary=_summary_of(page),
        category=_category_of(page),
        promoted=promoted,
    )


def _type_facets(type_counts: dict[int, int]) -> list[FacetCount]:
    totals: dict[str, int] = {}
    for content_type_id, count in type_counts.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        result_type = getattr(model, "search_result_type", None)
        if result_type:
            totals[result_type] = totals.get(result_type, 0) + count
    return [FacetCount(t, t, n) for t, n in sorted(totals.items(), key=lambda i: (-i[1], i[0]))]


def _category_facets(counts: dict[Any, int], scope: Scope, rows: RelatedRows) -> list[FacetCount]:
    if not counts:
        return []
    facets = []
    for related in matching.category_models(scope.models):
        found = rows.get(related, counts)
        facets.extend(
            FacetCount(found[pk].slug, found[pk].name, count)
            for pk, count in counts.items()
            if pk in found
        )
    return sorted(facets, key=lambda f: (-f.count, f.label))


# --- Entry points -----------------------------------------------------------------------------


def _find(
    groups: list[TermGroup],
    language: Locale,
    scope: Scope,
    pinned: list[int],
    wanted: slice,
    any_word: bool,
    rows: RelatedRows,
) -> Matches:
    def operation(search_backend) -> Matches:
        if is_database_backend(search_backend) and database.supported():
            return matching.database_matches(
                groups, language, scope, pinned, wanted, rows, any_word
            )
        return matching.api_matches(
            search_backend, groups, language, scope, pinned, wanted, rows, any_word
        )

    return run_with_fallback(operation)


def search(
    query: str | None,
    locale: Locale | str | None = "ar",
    types: Iterable[str] | None = None,
    category: str | None = None,
    audience: str | None = None,
    page: int | None = 1,
    page_size: int | None = 10,
    request=None,
    record: bool = True,
) -> SearchResults:
    """Search live, public pages and services of one language; see the module docstring."""
    language = _language(locale)
    page, page_size = _paging(page, page_size)
    scope = Scope(
        _models_for(types),
        category=_filter_value("category", category),
        audience=_filter_value("audience", audience),
    )
    text = cut_query(query or "")
    results = SearchResults(
        query=text,
        locale=language.language_code,
        total=0,
        page=page,
        page_size=page_size,
        truncated=len(clean(query or "")) > len(text),
    )
    terms = query_terms(text)
    if not terms:
        return results

    groups = expand(terms, language.language_code)
    stems = {s for group in groups for s in group.all_stems}
    by_code = matching.code_matches(text, language, scope)
    by_promotion = [
        pk for pk in matching.promoted_matches(terms, language, scope) if pk not in by_code
    ]
    pinned = [*by_code, *by_promotion]
    start = (page - 1) * page_size
    rows = RelatedRows()
    # A code names one service: pages sharing only some of its parts are noise.
    found = _find(
        groups, language, scope, pinned, slice(start, start + page_size), not by_code, rows
    )

    page_ids = [*found.head[start : start + page_size], *found.tail][:page_size]
    results.total = found.total + len(pinned) - found.pinned_matched
    pages = load_pages(page_ids, found.content_types, rows)
    streams = StreamLoader(pages.values())
    results.hits = [
        build_hit(pages[pk], stems, request, promoted=pk in by_promotion, streams=streams)
        for pk in page_ids
        if pk in pages
    ]
    results.type_facets = _type_facets(found.type_counts)
    results.category_facets = _category_facets(found.category_counts, scope, rows)
    if results.total == 0:
        results.did_you_mean = did_you_mean(text, language, scope)
    if record and page == 1:
        analytics.record_search(text, language.language_code, results.total)
    return results


def did_you_mean(text: str, language: Locale, scope: Scope) -> str | None:
    """A corrected query that finds something, or None."""
    corrected = spelling.correction(text, language)
    if not corrected:
        return None
    groups = expand(query_terms(corrected), language.language_code)
    if not groups:
        return None

    def finds_something(search_backend) -> bool:
        if is_database_backend(search_backend) and database.supported():
            return database.has_match(groups, scope.pages(language), "or")
        pages = scope.pages(language, as_lists=True)
        return search_backend.search(build_query(groups, "or"), pages).count() > 0

    return corrected if run_with_fallback(finds_something) else None


def suggest(
    prefix: str | None, locale: Locale | str | None = "ar", limit: int | None = 8, request=None
) -> list[Suggestion]:
    """Titles of pages and services containing what the visitor has typed so far."""
    language = _language(locale)
    limit = 8 if limit is None else limit
    if limit < 1:
        raise SearchInputError("'limit' must be at least 1.")
    limit = min(limit, MAX_SUGGESTIONS)
    typed = [
        w for w in words(cut_query(prefix or "", MAX_PREFIX_CHARS)) if len(w) > 1 or w.isdigit()
    ]
    if not typed:
        return []
    # Finished words match as stems; the word being typed matches as the start of a word.
    terms = [stem(w) for w in typed[:-1] if not is_stopword(w)] + [typed[-1]]
    terms = terms[-MAX_QUERY_TERMS:]
    scope = Scope(searchable_models())

    def operation(search_backend) -> list[int]:
        if is_database_backend(search_backend) and database.supported():
            found = database.prefix_matches(terms, scope.pages(language), limit * 2)
            return [m.page_id for m in found]
        pages = scope.pages(language, as_lists=True)
        results = search_backend.autocomplete(" ".join(terms), pages, operator="and")
        return [p.pk for p in results[: limit * 2]]

    ids = run_with_fallback(operation)
    pages = load_pages(ids)
    suggestions: list[Suggestion] = []
    seen: set[str] = set()
    for pk in ids:
        page = pages.get(pk)
        if page is None or page.title in seen:
            continue
        seen.add(page.title)
        code_field = getattr(page, "search_code_field", None)
        suggestions.append(
            Suggestion(
                title=page.title,
                url=page.get_url(request),
                type=getattr(page, "search_result_type", "page"),
                code=getattr(page, code_field, None) if code_field else None,
            )
        )
    return suggestions[:limit]
