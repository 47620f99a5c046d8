"""Where cached API answers and rendered pages are kept: the `responses` cache alias.

Keys carry the content generation, so a publish retires every entry at once without deleting
anything. Entries also die when the next live page expires (it must leave the public view on
time, and no publish announces that). A cache that fails or is unreachable costs speed only:
every error here is logged and read as a miss.

Stale-if-error (RFC 5861, Varnish's grace): beside each entry a small pointer, keyed without
the generation, names the generation the newest copy was stored under. While the database
answers, the pointer is never read: an entry is served only under the generation the database
gives. When the database cannot be reached (the generation cannot be read), `load_latest` finds
the newest stored copy through the pointer, and the caller serves it marked stale.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import math
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.utils import timezone

from cms.content_generation import next_scheduled_expiry

logger = logging.getLogger("mizan.cache")

CACHE_ALIAS = "responses"
_NO_EXPIRY = "none"


STALE_WARNING = '110 - "Response is Stale"'


def _digest(parts: tuple[str, ...]) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def entry_key(kind: str, generation: int, *parts: str) -> str:
    """A short key for arbitrarily long parts (query text, paths, cookie values)."""
    return f"{kind}:{generation}:{_digest(parts)}"


def _latest_key(key: str) -> str:
    """The pointer beside entry `kind:generation:digest`: `kind:latest:digest`."""
    kind, _generation, digest = key.rsplit(":", 2)
    return f"{kind}:latest:{digest}"


def load_latest(kind: str, *parts: str) -> Any | None:
    """The newest stored copy for these parts, whatever its generation (for stale-if-error
    only: never while the database can say which generation is current)."""
    key = entry_key(kind, 0, *parts)
    generation = load(_latest_key(key))
    if not isinstance(generation, int):
        return None
    return load(entry_key(kind, generation, *parts))


def mark_stale(response) -> None:
    """An answer from a stored copy that could not be checked: say so (RFC 7234's Warning 110),
    and let no cache downstream keep it as fresh."""
    response["Warning"] = STALE_WARNING
    response["Cache-Control"] = "no-cache"


def load(key: str) -> Any | None:
    try:
        return caches[CACHE_ALIAS].get(key)
    except Exception:  # any backend failure is a miss, never an error page
        logger.warning("Response cache read failed for %s", key, exc_info=True)
        return None


def enabled() -> bool:
    """False when caching is switched off (MIZAN_CACHE=off, or a test counting what resolvers
    do): then nothing is read, not even the generation."""
    return not isinstance(caches[CACHE_ALIAS], DummyCache)


def save(key: str, value: Any, generation: int) -> None:
    if not enabled():
        return
    seconds = lifetime(generation)
    if seconds <= 0:
        return
    try:
        cache = caches[CACHE_ALIAS]
        cache.set(key, value, timeout=seconds)
        cache.set(_latest_key(key), generation, timeout=seconds)
    except Exception:
        logger.warning("Response cache write failed for %s", key, exc_info=True)


def lifetime(generation: int) -> int:
    """Seconds an entry may live: the configured bound, or less if a page expires sooner."""
    limit = settings.RESPONSE_CACHE_SECONDS
    expiry = _next_expiry(generation)
    if expiry is None:
        return limit
    return min(limit, math.floor((expiry - timezone.now()).total_seconds()))


def next_expiry(generation: int) -> datetime.datetime | None:
    """When the next live page expires (leaves the public view without a publish), if any."""
    return _next_expiry(generation)


def _next_expiry(generation: int) -> datetime.datetime | None:
    """The next page expiry, looked up once per generation (and again once it has passed)."""
    key = f"expiry:{generation}"
    stored = load(key)
    if stored == _NO_EXPIRY:
        return None
    if isinstance(stored, datetime.datetime) and stored > timezone.now():
        return stored
    expiry = next_scheduled_expiry()
    try:
        caches[CACHE_ALIAS].set(key, expiry or _NO_EXPIRY, timeout=settings.RESPONSE_CACHE_SECONDS)
    except Exception:
        logger.warning("Response cache write failed for %s", key, exc_info=True)
    return expiry
