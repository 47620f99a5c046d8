"""Synonyms editors maintain per language, applied when a query is turned into search terms."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.core.cache import cache

from search.cache import DERIVED_TTL_SECONDS, derived_key
from search.normalize import analyse

Stems = tuple[str, ...]


@dataclass(frozen=True)
class TermGroup:
    """One part of a query: the stems typed, and every way of saying the same (typed first)."""

    stems: Stems
    alternatives: tuple[Stems, ...]

    @property
    def all_stems(self) -> set[str]:
        return {stem for alternative in self.alternatives for stem in alternative}


def entry_stems(term: str) -> Stems:
    return tuple(analyse(term) or analyse(term, keep_stopwords=True))


def synonym_table(language_code: str) -> dict[Stems, tuple[Stems, ...]]:
    """For each entry (as stems), the entries it is synonymous with in this language."""
    key = derived_key("synonyms", language_code)
    table = cache.get(key)
    if table is None:
        from search.models import SynonymSet, split_terms

        merged: dict[Stems, dict[Stems, None]] = defaultdict(dict)
        for terms in SynonymSet.objects.filter(locale__language_code=language_code).values_list(
            "terms", flat=True
        ):
            entries = [stems for stems in map(entry_stems, split_terms(terms)) if stems]
            for entry in entries:
                for other in entries:
                    merged[entry][other] = None
        table = {entry: tuple(others) for entry, others in merged.items()}
        cache.set(key, table, DERIVED_TTL_SECONDS)
    return table


def expand(stems: list[str], language_code: str) -> list[TermGroup]:
    """Group a query's stems, longest synonym entry first, with each group's alternatives."""
    table = synonym_table(language_code) if stems else {}
    by_first: dict[str, list[Stems]] = defaultdict(list)
    for entry in table:
        by_first[entry[0]].append(entry)
    groups = []
    position = 0
    while position < len(stems):
        matches = [
            entry
            for entry in by_first.get(stems[position], [])
            if tuple(stems[position : position + len(entry)]) == entry
        ]
        if matches:
            entry = max(matches, key=len)
            alternatives = (entry, *(other for other in table[entry] if other != entry))
            groups.append(TermGroup(entry, alternatives))
            position += len(entry)
        else:
            single = (stems[position],)
            groups.append(TermGroup(single, (single,)))
            position += 1
    return groups
