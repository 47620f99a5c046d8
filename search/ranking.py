"""The final order of the first results: where the query's words occur counts most.

Whatever the backend's own scores, the first RERANK_WINDOW matches are re-ranked here by three
weights, the same on every backend: a part of the query found in the title (a service's name
and code) counts most, then one found in the summary and keywords, then one found only in the
body. The backend's order breaks ties.
"""

from __future__ import annotations

from collections.abc import Sequence

from wagtail.models import Page

from search.indexing import SearchablePageMixin
from search.normalize import analyse
from search.synonyms import TermGroup

RERANK_WINDOW = 50
TITLE_WEIGHT, SUMMARY_WEIGHT, BODY_WEIGHT = 100.0, 30.0, 10.0
WHOLE_TITLE_BONUS = 50.0  # the title says nothing but what was asked
POSITION_TIEBREAK = 0.1  # at most 5 over the window: less than one weight step


def _stems(page: Page, method: str) -> set[str]:
    if not isinstance(page, SearchablePageMixin):
        return set()
    return set(analyse(getattr(page, method)()))


def relevance(page: Page, groups: Sequence[TermGroup], position: int) -> float:
    title = _stems(page, "search_title_text")
    summary = _stems(page, "search_summary_text")
    score = -position * POSITION_TIEBREAK
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


def rerank(ids: Sequence[int], pages: dict[int, Page], groups: Sequence[TermGroup]) -> list[int]:
    """`ids` (backend order) re-ordered by relevance; ids without a loaded page are dropped."""
    scored = [
        (relevance(pages[pk], groups, position), -position, pk)
        for position, pk in enumerate(ids)
        if pk in pages
    ]
    return [pk for _score, _position, pk in sorted(scored, reverse=True)]
