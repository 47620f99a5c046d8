"""Queries on the database search index that Wagtail's database backend maintains.

Wagtail's database backend keeps the index (IndexEntry rows: a title and a body column, plus
an FTS5 table on SQLite and tsvector columns on PostgreSQL) and we keep using it for that.
Its query side ranks each hit with a correlated sub-query, which takes minutes for a word found
in thousands of services on SQLite, and it cannot return counts per type without running the
match again. So the site search reads the same index here with one statement per search:

- SQLite: FTS5 `MATCH` on the title and body columns, ranked with `bm25()` weighting the title.
- PostgreSQL: `@@` on the title and body tsvectors (their GIN indexes), ranked with
  `ts_rank` (title first), using the configuration the vectors were built with.

Each returns every visible match in rank order as (page id, content type id), so the total, the
facets and any page of results come from that one list. The restriction to what may be shown is
the SQL of `cms.graphql.visibility.visible_pages(...)`, inlined as a sub-query.
The shape of IndexEntry is pinned by tests/test_search_database.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL
from wagtail.search.models import IndexEntry

from search.synonyms import Stems, TermGroup

# bm25() weights per FTS5 column, in the table's order: (autocomplete, body, title).
SQLITE_COLUMN_WEIGHTS = (0.0, 1.0, 4.0)
# ts_rank weights for D, C, B, A (the weights Wagtail gives fields by boost) and the title factor.
POSTGRES_WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"
POSTGRES_TITLE_FACTOR = 4.0


@dataclass(frozen=True)
class Match:
    page_id: int
    content_type_id: int
    category_id: Any = None  # when asked for: the page's category key (facets, filter)


@dataclass(frozen=True)
class CategoryColumn:
    """Where a page type keeps its category: read in the match statement, not once more."""

    table: str
    page_column: str
    category_column: str


def category_columns(models: Sequence[type]) -> list[CategoryColumn]:
    columns = []
    for model in models:
        name = getattr(model, "search_category_field", None)
        if name:
            columns.append(
                CategoryColumn(
                    model._meta.db_table,
                    model._meta.pk.column,
                    model._meta.get_field(name).column,
                )
            )
    return columns


def _category_sql(columns: Sequence[CategoryColumn], entry_id: str) -> tuple[str, str]:
    """(select expression, joins): each page type's category by a primary-key join."""
    if not columns:
        return "NULL", ""
    joins = "".join(
        f" LEFT JOIN {c.table} c{i} ON c{i}.{c.page_column} = {entry_id}"
        for i, c in enumerate(columns)
    )
    values = [f"c{i}.{c.category_column}" for i, c in enumerate(columns)]
    select = values[0] if len(values) == 1 else f"COALESCE({', '.join(values)})"
    return select, joins


def supported() -> bool:
    """Whether this database has an index we know how to query (else use Wagtail's API)."""
    if connection.vendor == "postgresql":
        return True
    if connection.vendor == "sqlite":
        from modelsearch.backends.database.sqlite.utils import fts5_available, fts_table_exists

        return fts5_available() and fts_table_exists()
    return False


def _page_content_types_sql() -> str:
    """Index entries of our page types only: other models' entries reuse the same object ids."""
    from django.contrib.contenttypes.models import ContentType

    from search.indexing import searchable_models

    ids = sorted(ContentType.objects.get_for_models(*searchable_models()).values(), key=str)
    return ", ".join(str(int(ct.pk)) for ct in ids) or "NULL"


# --- SQLite FTS5 ------------------------------------------------------------------------------


def _fts_term(word: str, prefix: bool = False) -> str:
    # Words are letters and digits only (search.normalize), so quoting is all the escaping needed.
    return f'"{word}"' + ("*" if prefix else "")


def _fts_alternative(stems: Stems) -> str:
    terms = [_fts_term(s) for s in stems]
    return terms[0] if len(terms) == 1 else "(" + " AND ".join(terms) + ")"


def fts_expression(groups: Sequence[TermGroup], operator: str = "and") -> str:
    """An FTS5 query over the title and body columns, e.g. {title body} : ("a" AND ("b" OR "c"))."""
    parts = []
    for group in groups:
        alternatives = [_fts_alternative(a) for a in group.alternatives]
        parts.append(
            alternatives[0] if len(alternatives) == 1 else "(" + " OR ".join(alternatives) + ")"
        )
    joined = f" {operator.upper()} ".join(parts)
    return "{title body} : (" + joined + ")"


def fts_prefix_expression(words: Sequence[str]) -> str:
    terms = [_fts_term(w) for w in words[:-1]] + [_fts_term(words[-1], prefix=True)]
    return "{autocomplete} : (" + " AND ".join(terms) + ")"


def _entry_id_sql() -> str:
    if connection.vendor == "postgresql":
        # object_id is text; only digits are cast, so another model's key can never fail.
        return "(CASE WHEN e.object_id ~ '^[0-9]+$' THEN e.object_id::integer END)"
    return "CAST(e.object_id AS INTEGER)"


def _visible_page_exists_sql(pages: QuerySet) -> tuple[str, tuple]:
    """EXISTS(visible page with the entry's id): one primary-key probe per match, two to four
    times faster on both databases than materialising every visible id for an IN (...)."""
    probe = pages.order_by().filter(id=RawSQL(_entry_id_sql(), ())).values("id")
    sql, params = probe.query.sql_with_params()
    return f"EXISTS ({sql})", tuple(params)


def _sqlite_matches(
    match: str, pages: QuerySet, limit: int | None, categories: Sequence[CategoryColumn] = ()
) -> list[Match]:
    table = IndexEntry._meta.db_table
    visible_sql, visible_params = _visible_page_exists_sql(pages)
    category, joins = _category_sql(categories, _entry_id_sql())
    weights = ", ".join(str(w) for w in SQLITE_COLUMN_WEIGHTS)
    sql = (
        f"SELECT e.object_id, e.content_type_id, {category} FROM {table}_fts f "
        f"JOIN {table} e ON f.rowid = e.id{joins} "
        f"WHERE {table}_fts MATCH %s AND e.content_type_id IN ({_page_content_types_sql()}) "
        f"AND {visible_sql} "
        f"ORDER BY bm25({table}_fts, {weights}) * (1 + e.title_norm / 4), e.id DESC"
    )
    params: tuple = (match, *visible_params)
    if limit is not None:
        sql += " LIMIT %s"
        params += (limit,)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [Match(int(oid), ct, cat) for oid, ct, cat in cursor.fetchall()]


# --- PostgreSQL ------------------------------------------------------------------------------


def _ts_alternative(stems: Stems, prefix_last: bool = False) -> str:
    terms = [f"'{s}'" for s in stems]
    if prefix_last:
        terms[-1] += ":*"
    return terms[0] if len(terms) == 1 else "(" + " & ".join(terms) + ")"


def tsquery_expression(groups: Sequence[TermGroup], operator: str = "and") -> str:
    """A to_tsquery() text, e.g. 'a' & ('b' | 'c')."""
    parts = []
    for group in groups:
        alternatives = [_ts_alternative(a) for a in group.alternatives]
        parts.append(
            alternatives[0] if len(alternatives) == 1 else "(" + " | ".join(alternatives) + ")"
        )
    return (" & " if operator == "and" else " | ").join(parts)


def _postgres_matches(
    tsquery: str,
    pages: QuerySet,
    limit: int | None,
    autocomplete: bool = False,
    categories: Sequence[CategoryColumn] = (),
) -> list[Match]:
    table = IndexEntry._meta.db_table
    visible_sql, visible_params = _visible_page_exists_sql(pages)
    category, joins = _category_sql(categories, _entry_id_sql())
    if autocomplete:
        # Wagtail builds the autocomplete vector with the 'simple' configuration.
        condition = "e.autocomplete @@ q.query"
        rank = "ts_rank(e.autocomplete, q.query)"
        query_sql = "to_tsquery('simple', %s)"
    else:
        # No configuration named: the same default Wagtail's vectors were built with.
        condition = "(e.title @@ q.query OR e.body @@ q.query)"
        rank = (
            f"ts_rank('{POSTGRES_WEIGHTS}', e.title, q.query) * {POSTGRES_TITLE_FACTOR} "
            f"* (1 + e.title_norm / 4) + ts_rank('{POSTGRES_WEIGHTS}', e.body, q.query)"
        )
        query_sql = "to_tsquery(%s)"
    sql = (
        f"SELECT e.object_id, e.content_type_id, {category} "
        f"FROM {table} e CROSS JOIN {query_sql} AS q(query){joins} "
        f"WHERE {condition} AND e.content_type_id IN ({_page_content_types_sql()}) "
        f"AND {visible_sql} "
        f"ORDER BY {rank} DESC, e.id DESC"
    )
    params: tuple = (tsquery, *visible_params)
    if limit is not None:
        sql += " LIMIT %s"
        params += (limit,)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [Match(int(oid), ct, cat) for oid, ct, cat in cursor.fetchall()]


# --- Entry points ----------------------------------------------------------------------------


def matches(
    groups: Sequence[TermGroup],
    pages: QuerySet,
    operator: str = "and",
    categories: Sequence[CategoryColumn] = (),
) -> list[Match]:
    """Every visible page matching the groups (all, or any with operator "or"), best first,
    with its category key when `categories` says where page types keep it."""
    if not groups:
        return []
    if connection.vendor == "postgresql":
        tsquery = tsquery_expression(groups, operator)
        return _postgres_matches(tsquery, pages, None, categories=categories)
    return _sqlite_matches(fts_expression(groups, operator), pages, None, categories)


def prefix_matches(words: Sequence[str], pages: QuerySet, limit: int) -> list[Match]:
    """Visible pages whose title has all `words`, the last one as a prefix, best first."""
    if not words:
        return []
    if connection.vendor == "postgresql":
        tsquery = " & ".join(
            _ts_alternative((w,), prefix_last=i == len(words) - 1) for i, w in enumerate(words)
        )
        return _postgres_matches(tsquery, pages, limit, autocomplete=True)
    return _sqlite_matches(fts_prefix_expression(words), pages, limit)
