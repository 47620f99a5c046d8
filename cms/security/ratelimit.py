"""Fixed-window rate limits counted in Django's cache (Redis when REDIS_URL is set).

One window is one cache key per scope, client and window start. The first request of a window
creates the key with `cache.add` (atomic: only one request can create it) and the others
`cache.incr` it (atomic in Redis and in the local-memory cache), so concurrent requests on
several workers never lose a count.

When the cache cannot answer (Redis down: django-redis returns None because IGNORE_EXCEPTIONS
is set), the limiter lets the request through and logs: an outage of the cache must not take
the public API down with it.
"""

from __future__ import annotations

import hashlib
import logging
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse

from cms import outages

logger = logging.getLogger("mizan.security")

DEFAULT_RATES = {
    "graphql": "300/60",
    "graphql_mutation": "20/60",
    "visitor_post": "10/60",
}


@dataclass(frozen=True)
class Rate:
    limit: int
    window: int  # seconds

    @classmethod
    def parse(cls, spec: str) -> Rate:
        """'120/60' is 120 requests per 60 seconds; '0/60' switches the limit off."""
        try:
            limit_text, window_text = spec.split("/", 1)
            rate = cls(int(limit_text), int(window_text))
        except (AttributeError, ValueError) as exc:
            raise ValueError(
                f"A rate is written LIMIT/SECONDS, e.g. 120/60, not {spec!r}."
            ) from exc
        if rate.limit < 0 or rate.window <= 0:
            raise ValueError(f"A rate needs a limit >= 0 and a window > 0, not {spec!r}.")
        return rate

    @property
    def enabled(self) -> bool:
        return self.limit > 0


@dataclass(frozen=True)
class Decision:
    allowed: bool
    limit: int
    remaining: int
    retry_after: int  # seconds until the window resets


def configured_rate(scope: str) -> Rate:
    rates = getattr(settings, "RATE_LIMITS", {}) or {}
    return Rate.parse(rates.get(scope) or DEFAULT_RATES[scope])


def _cache():
    return caches[getattr(settings, "RATE_LIMIT_CACHE", "default")]


RATE_LIMIT_CACHE = "rate-limit cache"


def _key(scope: str, identity: str, window_start: int) -> str:
    # Hashed: the cache never holds visitors' addresses or partners' key ids in clear.
    digest = hashlib.sha256(identity.encode("utf-8")).hexdigest()[:24]
    return f"rl:{scope}:{digest}:{window_start}"


def hit(scope: str, identity: str, rate: Rate, now: float | None = None) -> Decision:
    """Count one request of `identity` in `scope`; say whether it is within `rate`."""
    if not rate.enabled:
        return Decision(True, 0, 0, 0)
    now = time.time() if now is None else now
    window_start = int(now // rate.window) * rate.window
    retry_after = max(1, math.ceil(window_start + rate.window - now))
    key = _key(scope, identity, window_start)
    cache = _cache()
    timeout = rate.window + 5
    count: int | None
    if cache.add(key, 1, timeout=timeout):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # the key expired between add and incr: this request starts anew
            count = 1 if cache.add(key, 1, timeout=timeout) else None
    if count is None:
        # Once per outage in the log (cms/outages.py), not once per request; not at all when
        # the Redis outage behind it is written already (cms/logs.py).
        outages.down(RATE_LIMIT_CACHE, "letting traffic through uncounted", caused_by="redis")
        return Decision(True, rate.limit, rate.limit, retry_after)
    outages.up(RATE_LIMIT_CACHE)
    remaining = max(0, rate.limit - count)
    return Decision(count <= rate.limit, rate.limit, remaining, retry_after)


def add_headers(response: HttpResponse, decision: Decision) -> HttpResponse:
    """RateLimit-* headers (IETF draft) and, when refused, Retry-After."""
    if decision.limit:
        response["RateLimit-Limit"] = str(decision.limit)
        response["RateLimit-Remaining"] = str(decision.remaining)
        response["RateLimit-Reset"] = str(decision.retry_after)
    if not decision.allowed:
        response["Retry-After"] = str(decision.retry_after)
    return response
