"""Queries on the database search index that Wagtail's database backend maintains.

Wagtail's database backend keeps the index (IndexEntry rows: a title and a body column, plus
an FTS5 table on SQLite and tsvector columns on PostgreSQL) and we keep using it for that.
Its query side ranks each hit with a correlated sub-query, which takes minutes for a word found
in thousands of services on SQLite, and it cannot return counts per type without running the
match again. So the site search reads the same index here with one statement per search:

- SQLite: FTS5 `MATCH` on the title and body columns, ranked with `bm25()` weighting the title.
- PostgreSQL: `@@` on the title and body tsvectors (their GIN indexes), ranked with
  `ts_rank` (title first), using the configuration the vectors were built with.

A search (`summarise`) finds and ranks the matches once, in a materialised CTE, and returns from
it their counts by page type and category (the total and the facets) and only the best of the
narrowed ones (`ORDER BY rank LIMIT n`, a top-N sort). Sending every match to Python for its
counts cost 20 ms per 1,000 matches on PostgreSQL; two statements, one to count and one to
rank, matched twice.
The restriction to what may be shown is the SQL of `cms.graphql.visibility.visible_pages(...)`,
inlined as a sub-query.
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
class MatchCount:
    content_type_id: int
    category_id: Any
    pinned: bool
    count: int


@dataclass(frozen=True)
class MatchSummary:
    counts: list[MatchCount]
    best: list[Match]  # ranked, narrowed, at most the limit asked for


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


def compact_index() -> bool:
    """Merge SQLite's FTS5 index into one segment (after a rebuild); False where not needed."""
    if connection.vendor != "sqlite" or not supported():
        return False
    table = f"{IndexEntry._meta.db_table}_fts"
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table}({table}) VALUES('optimize')")
    return True


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


@dataclass(frozen=True)
class Narrowing:
    """Which matches are ranked and sent: page types and categories (None: any)."""

    content_type_ids: frozenset[int] | None = None
    category_ids: frozenset | None = None

    def sql(self, content_type: str, category: str) -> tuple[str, tuple]:
        """Conditions on the given column expressions, each starting with " AND"."""
        sql, params = "", ()
        if self.content_type_ids is not None:
            ids = ", ".join(str(int(pk)) for pk in sorted(self.content_type_ids))
            sql += f" AND {content_type} IN ({ids or 'NULL'})"
        if self.category_ids is not None:
            keys = sorted(self.category_ids, key=str)
            sql += f" AND {category} IN ({', '.join(['%s'] * len(keys)) or 'NULL'})"
            params += tuple(keys)
        return sql, params


@dataclass(frozen=True)
class _Statement:
    """The FROM and WHERE of a match statement and the expressions built on them."""

    from_where: str
    params: tuple
    rank: str
    category: str
    entry_id: str
    # Whether the title has the query (PostgreSQL: ranks title matches first, see _best_sql).
    title_match: str | None = None


def _sqlite_statement(match: str, pages: QuerySet, categories: Sequence[CategoryColumn]):
    table = IndexEntry._meta.db_table
    visible_sql, visible_params = _visible_page_exists_sql(pages)
    category, joins = _category_sql(categories, _entry_id_sql())
    weights = ", ".join(str(w) for w in SQLITE_COLUMN_WEIGHTS)
    return _Statement(
        from_where=(
            f"FROM {table}_fts f JOIN {table} e ON f.rowid = e.id{joins} "
            f"WHERE {table}_fts MATCH %s AND e.content_type_id IN ({_page_content_types_sql()}) "
            f"AND {visible_sql}"
        ),
        params=(match, *visible_params),
        # bm25() is lower for better matches; negated, higher is better, as ts_rank is.
        rank=f"-bm25({table}_fts, {weights}) * (1 + e.title_norm / 4)",
        category=category,
        entry_id=_entry_id_sql(),
    )


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


def _postgres_statement(
    tsquery: str,
    pages: QuerySet,
    categories: Sequence[CategoryColumn] = (),
    autocomplete: bool = False,
):
    table = IndexEntry._meta.db_table
    visible_sql, visible_params = _visible_page_exists_sql(pages)
    category, joins = _category_sql(categories, _entry_id_sql())
    if autocomplete:
        # Wagtail builds the autocomplete vector with the 'simple' configuration.
        query = "to_tsquery('simple', %s)"
        condition, condition_params = f"e.autocomplete @@ {query}", (tsquery,)
        rank = "ts_rank(e.autocomplete, q.query)"
    else:
        # No configuration named: the same default Wagtail's vectors were built with.
        query = "to_tsquery(%s)"
        condition = f"(e.title @@ {query} OR e.body @@ {query})"
        condition_params = (tsquery, tsquery)
        rank = (
            f"ts_rank('{POSTGRES_WEIGHTS}', e.title, q.query) * {POSTGRES_TITLE_FACTOR} "
            f"* (1 + e.title_norm / 4) + ts_rank('{POSTGRES_WEIGHTS}', e.body, q.query)"
        )
    # The query is joined in once (`q.query`) for what is computed per match: to_tsquery()
    # is only stable, so written into a select list it is parsed again for every row. The
    # condition writes it out too, so the planner estimates the number of matches from the
    # index statistics (hash joins for thousands), not a blind guess of a hundred.
    return _Statement(
        from_where=(
            f"FROM {table} e CROSS JOIN {query} AS q(query){joins} "
            f"WHERE {condition} AND e.content_type_id IN ({_page_content_types_sql()}) "
            f"AND {visible_sql}"
        ),
        params=(tsquery, *condition_params, *visible_params),
        rank=rank,
        category=category,
        entry_id=_entry_id_sql(),
        title_match=None if autocomplete else "e.title @@ q.query",
    )


def _ranked(statement: _Statement, limit: int | None) -> list[Match]:
    sql = (
        f"SELECT e.object_id, e.content_type_id, {statement.category} {statement.from_where} "
        f"ORDER BY {statement.rank} DESC, e.id DESC"
    )
    params = statement.params
    if limit is not None:
        sql += " LIMIT %s"
        params += (limit,)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [Match(int(oid), ct, cat) for oid, ct, cat in cursor.fetchall()]


def _best_sql(statement: _Statement, narrowing: Narrowing, limit: int) -> tuple[str, str, tuple]:
    """The CTE `m`'s ordering columns, then the SELECT of the best narrowed matches from `m`
    and its params."""
    narrowed, narrowed_params = narrowing.sql("m.content_type_id", "m.category_id")
    columns = f"{statement.rank} AS rank"
    order = "m.rank DESC, m.entry_id DESC"
    if statement.title_match is not None:
        # PostgreSQL: pages with the query in their title come first whatever their body
        # (search.ranking weighs the title most). Every match is ranked inside the CTE, where
        # a parallel plan shares the ts_rank calls (5 µs a match: each reads the whole body
        # vector) between the workers that found the matches.
        columns += f", {statement.title_match} AS title_match"
        order = f"m.title_match DESC, {order}"
    select = (
        "SELECT * FROM (SELECT m.object_id, m.content_type_id, m.category_id, 0, 0 FROM m "
        f"WHERE 1 = 1{narrowed} ORDER BY {order} LIMIT %s) AS best"
    )
    return columns, select, (*narrowed_params, limit)


def _summarised(
    statement: _Statement, pinned: Sequence[int], limit: int, narrowing: Narrowing
) -> MatchSummary:
    """One pass over the matches, kept in a CTE: their counts by type, category and pinned,
    then the best `limit` of the narrowed ones (a top-N sort: only those are sent)."""
    ids = ", ".join(str(int(pk)) for pk in pinned)
    flag = f"CASE WHEN {statement.entry_id} IN ({ids}) THEN 1 ELSE 0 END" if ids else "0"
    column, best_select, best_params = _best_sql(statement, narrowing, limit)
    sql = (
        "WITH m AS MATERIALIZED ("
        f"SELECT e.id AS entry_id, e.object_id AS object_id, "
        f"e.content_type_id AS content_type_id, {statement.category} AS category_id, "
        f"{flag} AS pinned, {column} {statement.from_where}) "
        "SELECT NULL, content_type_id, category_id, pinned, COUNT(*) FROM m GROUP BY 2, 3, 4 "
        f"UNION ALL {best_select}"
    )
    params = (*statement.params, *best_params)
    counts, best = [], []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for object_id, content_type_id, category_id, flag_value, count in cursor.fetchall():
            if object_id is None:
                counts.append(MatchCount(content_type_id, category_id, bool(flag_value), count))
            else:
                best.append(Match(int(object_id), content_type_id, category_id))
    return MatchSummary(counts, best)


def _statement(
    groups: Sequence[TermGroup], pages: QuerySet, operator: str, categories
) -> _Statement:
    if connection.vendor == "postgresql":
        return _postgres_statement(tsquery_expression(groups, operator), pages, categories)
    return _sqlite_statement(fts_expression(groups, operator), pages, categories)


# --- Entry points ----------------------------------------------------------------------------


def matches(
    groups: Sequence[TermGroup],
    pages: QuerySet,
    operator: str = "and",
    categories: Sequence[CategoryColumn] = (),
    limit: int | None = None,
) -> list[Match]:
    """The visible pages matching the groups (all, or any with operator "or"), best first, at
    most `limit`, with their category key when `categories` says where page types keep it."""
    if not groups:
        return []
    return _ranked(_statement(groups, pages, operator, categories), limit)


def has_match(groups: Sequence[TermGroup], pages: QuerySet, operator: str = "and") -> bool:
    """Whether any visible page matches: the first match found ends it, nothing is ranked."""
    if not groups:
        return False
    statement = _statement(groups, pages, operator, ())
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT 1 {statement.from_where} LIMIT 1", statement.params)
        return cursor.fetchone() is not None


def summarise(
    groups: Sequence[TermGroup],
    pages: QuerySet,
    operator: str,
    categories: Sequence[CategoryColumn],
    pinned: Sequence[int],
    limit: int,
    narrowing: Narrowing,
) -> MatchSummary:
    """Counts of the visible matches by page type, category and whether `pinned` holds them,
    and the best `limit` of those `narrowing` keeps, from one statement."""
    if not groups:
        return MatchSummary([], [])
    return _summarised(_statement(groups, pages, operator, categories), pinned, limit, narrowing)


def prefix_matches(words: Sequence[str], pages: QuerySet, limit: int) -> list[Match]:
    """Visible pages whose title has all `words`, the last one as a prefix, best first."""
    if not words:
        return []
    if connection.vendor == "postgresql":
        tsquery = " & ".join(
            _ts_alternative((w,), prefix_last=i == len(words) - 1) for i, w in enumerate(words)
        )
        return _ranked(_postgres_statement(tsquery, pages, autocomplete=True), limit)
    return _ranked(_sqlite_statement(fts_prefix_expression(words), pages, ()), limit)
