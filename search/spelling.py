"""'Did you mean': the closest words of the published titles, for a query that found nothing."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from difflib import get_close_matches

from django.core.cache import cache
from wagtail.models import Locale, Page

from cms.graphql.visibility import visible_pages
from search.cache import DERIVED_TTL_SECONDS, derived_key
from search.indexing import searchable_models
from search.normalize import is_stopword, stem, words

SIMILARITY_CUTOFF = 0.75
MIN_WORD_LENGTH = 3
LENGTH_SLACK = 2


@dataclass
class Vocabulary:
    stems: frozenset[str]
    words_by_length: dict[int, list[str]]  # normalised title words, by length


def vocabulary(locale: Locale) -> Vocabulary:
    """Title words of the visible, searchable pages of a language, cached per generation."""
    key = derived_key("vocabulary", locale.language_code)
    vocab = cache.get(key)
    if vocab is None:
        titles = visible_pages(Page.objects.type(*searchable_models()), locale).values_list(
            "title", flat=True
        )
        seen: set[str] = set()
        for title in titles.iterator(chunk_size=2000):
            seen.update(w for w in words(title) if len(w) >= MIN_WORD_LENGTH and not is_stopword(w))
        by_length: dict[int, list[str]] = defaultdict(list)
        for word in sorted(seen):
            by_length[len(word)].append(word)
        vocab = Vocabulary(frozenset(stem(w) for w in seen), dict(by_length))
        cache.set(key, vocab, DERIVED_TTL_SECONDS)
    return vocab


def closest_word(word: str, vocab: Vocabulary) -> str | None:
    size = len(word)
    candidates = [
        w
        for n in range(size - LENGTH_SLACK, size + LENGTH_SLACK + 1)
        for w in vocab.words_by_length.get(n, [])
    ]
    found = get_close_matches(word, candidates, n=1, cutoff=SIMILARITY_CUTOFF)
    return found[0] if found else None


def correction(query: str, locale: Locale) -> str | None:
    """The query with unknown words replaced by the closest title words, or None."""
    vocab = vocabulary(locale)
    corrected, changed = [], False
    for word in words(query):
        if (
            len(word) < MIN_WORD_LENGTH
            or word.isdigit()
            or is_stopword(word)
            or stem(word) in vocab.stems
        ):
            corrected.append(word)
            continue
        replacement = closest_word(word, vocab)
        if replacement:
            corrected.append(replacement)
            changed = True
        else:
            corrected.append(word)
    return " ".join(corrected) if changed else None
