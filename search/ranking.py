"""The final order of the first results: where the query's words occur counts most.

Whatever the backend's own scores, the first RERANK_WINDOW matches are re-ranked here by three
weights, the same on every backend: a part of the query found in the title (a service's name
and code) counts most, then one found in the summary and keywords, then one found only in the
body. The backend's order breaks ties.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from django.core.exceptions import FieldDoesNotExist
from wagtail.models import Page

from search.indexing import SearchablePageMixin
from search.loading import RelatedRows
from search.normalize import analyse
from search.synonyms import TermGroup

RERANK_WINDOW = 50
TITLE_WEIGHT, SUMMARY_WEIGHT, BODY_WEIGHT = 100.0, 30.0, 10.0
WHOLE_TITLE_BONUS = 50.0  # the title says nothing but what was asked
POSITION_TIEBREAK = 0.1  # at most 5 over the window: less than one weight step
# A page type's tie-breaker (RankText.bonus): with the position's, still less than one weight
# step, so it never outweighs where the words were found.
MAX_BONUS = BODY_WEIGHT - RERANK_WINDOW * POSITION_TIEBREAK


@dataclass(frozen=True)
class RankText:
    """The words of a page by weight: title (and name and code), then summary and keywords."""

    title: str
    summary: str
    # A page type's own tie-breaker (publications: the budget documents), below one weight step.
    bonus: float = 0.0


def _text(row: dict, names: Sequence[str], related: dict[str, dict]) -> str:
    parts = []
    for name in names:
        if name in related:
            found = related[name].get(row.get(name))
            parts.append(str(found) if found is not None else "")
        else:
            value = row.get(name)
            parts.append(value if isinstance(value, str) else "")
    return " ".join(p for p in parts if p)


def rank_texts(
    ids_by_model: dict[type[Page], list[int]], known: RelatedRows | None = None
) -> dict[int, RankText]:
    """Ranking text of pages read as column values, one query per model (no page objects);
    related rows (a category's name) from `known`, read there if not yet."""
    known = known if known is not None else RelatedRows()
    texts: dict[int, RankText] = {}
    for model, ids in ids_by_model.items():
        if not ids or not issubclass(model, SearchablePageMixin):
            continue
        names = list(dict.fromkeys([*model.search_title_fields, *model.search_summary_fields]))
        columns, foreign = [], {}
        for name in names:
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                field = None
            if field is None or field.many_to_many or field.one_to_many:
                return {**texts, **_rank_texts_from_pages(model, ids)}
            if field.is_relation:
                foreign[name] = field
            columns.append(field.attname if field.is_relation else name)
        rows = list(model.objects.filter(id__in=ids).values("id", *columns))
        related = {}
        for name, field in foreign.items():
            keys = {row[field.attname] for row in rows} - {None}
            related[name] = known.get(field.related_model, keys)
            for row in rows:
                row[name] = row.get(field.attname)
        for row in rows:
            texts[row["id"]] = RankText(
                _text(row, model.search_title_fields, related),
                _text(row, model.search_summary_fields, related),
            )
    return texts


def _rank_texts_from_pages(model: type[Page], ids: list[int]) -> dict[int, RankText]:
    # A weight named after a property or method: read it from the pages themselves.
    return {
        page.pk: RankText(
            page.search_title_text(),
            page.search_summary_text(),
            min(float(getattr(page, "search_rank_bonus", 0.0)), MAX_BONUS),
        )
        for page in model.objects.filter(id__in=ids)
    }


@lru_cache(maxsize=20_000)
def _stems(text: str) -> frozenset[str]:
    # The same popular services come back query after query: analyse their texts once.
    return frozenset(analyse(text))


def relevance(text: RankText, groups: Sequence[TermGroup], position: int) -> float:
    title = _stems(text.title)
    summary = _stems(text.summary)
    score = text.bonus - position * POSITION_TIEBREAK
    for group in groups:
        alternatives = [set(a) for a in group.alternatives]
        if any(a <= title for a in alternatives):
            score += TITLE_WEIGHT
        elif any(a <= summary for a in alternatives):
            score += SUMMARY_WEIGHT
        else:
            score += BODY_WEIGHT
    asked = {stem for group in groups for stem in group.all_stems}
    if title and title <= asked:
        score += WHOLE_TITLE_BONUS
    return score


def rerank(
    ids: Sequence[int], texts: dict[int, RankText], groups: Sequence[TermGroup]
) -> list[int]:
    """`ids` (backend order) re-ordered by relevance; ids without a text keep their place last."""
    scored = [
        (relevance(texts[pk], groups, position) if pk in texts else float("-inf"), -position, pk)
        for position, pk in enumerate(ids)
    ]
    return [pk for _score, _position, pk in sorted(scored, reverse=True)]
