"""Partner API keys: issue, recognise and revoke.

A key looks like `mzn_<prefix>_<secret>`; the prefix identifies it in the admin and in logs,
the secret has 256 bits. Only the SHA-256 digest is stored (a slow password hash is not
needed for a random 256-bit secret) and compared by an indexed lookup. A recognised key is
cached for a short time so a partner's traffic does not cost one query per request; saving
or deleting a key clears its cache entry, so revoking is immediate.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest
from django.utils import timezone

from cms.models import ApiKey

HEADER = "HTTP_X_API_KEY"
KEY_PREFIX = "mzn_"
MAX_KEY_LENGTH = 128
CACHE_SECONDS = 60
LAST_USED_RESOLUTION = timedelta(minutes=5)
_MISSING = "missing"


@dataclass(frozen=True)
class Partner:
    id: int
    name: str
    requests_per_minute: int


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _cache():
    return caches[getattr(settings, "RATE_LIMIT_CACHE", "default")]


def _cache_key(digest: str) -> str:
    return f"apikey:{digest}"


def assign_new_key(api_key: ApiKey) -> str:
    """Give `api_key` a new secret (not saved yet); return the key, shown once, never stored."""
    prefix = secrets.token_hex(4)
    key = f"{KEY_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    forget_cached_digest(api_key.key_digest)
    api_key.prefix = prefix
    api_key.key_digest = _digest(key)
    return key


def issue_key(api_key: ApiKey) -> str:
    """Assign a new secret and save: for scripts and tests (the admin uses assign_new_key)."""
    key = assign_new_key(api_key)
    api_key.save()
    return key


def presented_key(request: HttpRequest) -> str | None:
    """The key the client sent in `X-Api-Key`, or None."""
    value = request.META.get(HEADER, "").strip()
    return value or None


def partner_for_key(key: str) -> Partner | None:
    """The partner a usable key belongs to; None for an unknown, inactive or expired key."""
    if not key.startswith(KEY_PREFIX) or len(key) > MAX_KEY_LENGTH:
        return None
    digest = _digest(key)
    cache = _cache()
    cached = cache.get(_cache_key(digest))
    if cached == _MISSING:
        return None
    if cached is not None:
        partner, expires_at = cached
        if expires_at is None or expires_at > timezone.now():
            return partner
        return None
    found = ApiKey.objects.filter(key_digest=digest).first()
    if found is None or not found.is_usable:
        cache.set(_cache_key(digest), _MISSING, CACHE_SECONDS)
        return None
    partner = Partner(found.pk, found.name, found.requests_per_minute)
    cache.set(_cache_key(digest), (partner, found.expires_at), CACHE_SECONDS)
    _note_use(found)
    return partner


def _note_use(api_key: ApiKey) -> None:
    now = timezone.now()
    if api_key.last_used_at is None or now - api_key.last_used_at > LAST_USED_RESOLUTION:
        ApiKey.objects.filter(pk=api_key.pk).update(last_used_at=now)


def forget_cached_digest(digest: str) -> None:
    """Called when a key is saved or deleted (cms.models), so a revocation applies at once."""
    if digest:
        _cache().delete(_cache_key(digest))
