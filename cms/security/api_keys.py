"""Partner API keys: issue, recognise, rotate and revoke.

A key looks like `mzn_<prefix>_<secret>`; the prefix identifies it in the admin and in logs,
the secret has 256 bits. Only the SHA-256 digest is stored (a slow password hash is not
needed for a random 256-bit secret) and compared by an indexed lookup.

The key's state is read from the database on every request that presents one (one indexed
query): a key revoked, rotated or expired stops working on the very next request, on every
worker and every host. A local cache would keep a revoked key alive on the workers that had
read it, which is what an earlier version did for up to a minute.

A client sends the key as `X-Api-Key: <key>` or `Authorization: Bearer <key>`; any other
`Authorization` scheme, or two different keys, is refused, never read as anonymous.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.http import HttpRequest
from django.utils import timezone

from cms.models import ApiKey
from cms.models.api_keys import origins_in

HEADER = "HTTP_X_API_KEY"
AUTHORIZATION = "HTTP_AUTHORIZATION"
BEARER = "bearer"
KEY_PREFIX = "mzn_"
MAX_KEY_LENGTH = 128
LAST_USED_RESOLUTION = timedelta(minutes=5)


@dataclass(frozen=True)
class Partner:
    id: int
    name: str
    requests_per_minute: int
    allow_introspection: bool = False
    allowed_origins: tuple[str, ...] = ()
    approved_operations_only: bool = False


class KeyHeaderError(ValueError):
    """The request carries credentials we cannot read as one key: a clear 401, not anonymous."""


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def assign_new_key(api_key: ApiKey) -> str:
    """Give `api_key` a new secret (not saved yet); return the key, shown once, never stored.

    On an existing key this is the rotation: the old secret stops working once it is saved."""
    prefix = secrets.token_hex(4)
    key = f"{KEY_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    api_key.prefix = prefix
    api_key.key_digest = _digest(key)
    return key


def issue_key(api_key: ApiKey) -> str:
    """Assign a new secret and save: for scripts and tests (the admin uses assign_new_key)."""
    key = assign_new_key(api_key)
    api_key.save()
    return key


def presented_key(request: HttpRequest) -> str | None:
    """The key the client sent (`X-Api-Key` or `Authorization: Bearer`), or None.

    Raises KeyHeaderError for an `Authorization` header that is not a bearer key, or for two
    different keys in the two headers."""
    header_key = request.META.get(HEADER, "").strip() or None
    authorization = request.META.get(AUTHORIZATION, "").strip()
    if not authorization:
        return header_key
    scheme, _, credentials = authorization.partition(" ")
    credentials = credentials.strip()
    if scheme.lower() != BEARER or not credentials:
        raise KeyHeaderError("Send the API key as 'Authorization: Bearer <key>' or 'X-Api-Key'.")
    if header_key is not None and header_key != credentials:
        raise KeyHeaderError("The request carries two different API keys.")
    return credentials


def partner_for_key(key: str) -> Partner | None:
    """The partner a usable key belongs to; None for an unknown, inactive or expired key."""
    if not key.startswith(KEY_PREFIX) or len(key) > MAX_KEY_LENGTH:
        return None
    found = ApiKey.objects.filter(key_digest=_digest(key)).first()
    if found is None or not found.is_usable:
        return None
    _note_use(found)
    return Partner(
        found.pk,
        found.name,
        found.requests_per_minute,
        found.allow_introspection,
        tuple(origins_in(found.allowed_origins)),
        found.approved_operations_only,
    )


def _note_use(api_key: ApiKey) -> None:
    now = timezone.now()
    if api_key.last_used_at is None or now - api_key.last_used_at > LAST_USED_RESOLUTION:
        ApiKey.objects.filter(pk=api_key.pk).update(last_used_at=now)
