"""A generation number for data derived from published content (vocabulary, synonyms).

Publishing, unpublishing, moving or deleting a page and editing synonyms bump it; cache keys
include it, so a change invalidates every derived entry with one atomic increment.
"""

from __future__ import annotations

from django.core.cache import cache

GENERATION_KEY = "mizan-search-generation"
DERIVED_TTL_SECONDS = 60 * 60


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        value = cache.get(GENERATION_KEY, 1)
    return int(value)


def bump_generation() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, generation() + 1, timeout=None)


def derived_key(name: str, *parts: object) -> str:
    return ":".join(["mizan-search", name, str(generation()), *map(str, parts)])
