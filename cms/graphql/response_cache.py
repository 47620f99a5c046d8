"""Cached answers to read-only GraphQL operations, for every caller (HTTP and in-process).

An answer depends only on the published content (hence the generation in the key), the
document, its variables, the language and the host (absolute URLs in JSON-LD). No resolver reads
the user: the API serves the same public content to everybody. Some fields must run every time
and keep their operation out of the cache: previews (drafts behind a token), search (each query
is logged for the analytics) and KPI figures (counted without bumping the generation). Apps add
such fields with `never_cache_field` when their schema module is imported.

What is stored is the answer as the HTTP endpoint sends it, the JSON text of `{"data": ...}`, so
a hit over HTTP is sent without decoding and encoding it again (a hit on the bench's list of 20
services went from 3.1 to 1.9 ms in-process); the in-process frontend decodes it.
"""

from __future__ import annotations

import json
import zlib
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import translation

from cms import response_store
from cms.content_generation import current_generation

_never_cached_fields: set[str] = {"pagePreview"}
# Names the stored format too: entries of an earlier format (the data alone) are never read.
ENTRY_KIND = "graphql-body"


def never_cache_field(name: str) -> None:
    """Any operation that selects this field (by its schema name) is executed every time."""
    _never_cached_fields.add(name)


def may_be_shared(field_names: frozenset[str]) -> bool:
    """A read whose answer is the same for everybody until the content changes (no preview,
    no logged search, no live counter): HTTP caches may keep it too."""
    return _never_cached_fields.isdisjoint(field_names)


def is_cacheable(field_names: frozenset[str], is_mutation: bool) -> bool:
    return not is_mutation and may_be_shared(field_names) and response_store.enabled()


def _host(context: Any) -> str:
    get_host = getattr(context, "get_host", None)
    if get_host is None:
        return ""
    try:
        return get_host()
    except Exception:  # DisallowedHost: the request is refused elsewhere; do not share entries
        return "?"


def _key_parts(
    query: str, variables: dict[str, Any] | None, operation_name: str | None, context: Any
) -> tuple[str, ...]:
    return (
        query,
        operation_name or "",
        json.dumps(variables or {}, sort_keys=True, ensure_ascii=False, default=str),
        translation.get_language() or "",
        _host(context),
    )


def key_for(
    query: str, variables: dict[str, Any] | None, operation_name: str | None, context: Any
) -> str:
    """The entry's key under the current generation (read from the database)."""
    parts = _key_parts(query, variables, operation_name, context)
    return response_store.entry_key(ENTRY_KIND, current_generation(), *parts)


def load_latest(
    query: str, variables: dict[str, Any] | None, operation_name: str | None, context: Any
) -> bytes | None:
    """The newest stored answer whatever its generation: for stale-if-error only."""
    parts = _key_parts(query, variables, operation_name, context)
    return _decompress(response_store.load_latest(ENTRY_KIND, *parts))


def encode(data: dict[str, Any]) -> bytes:
    """The answer's body as the endpoint sends it (byte for byte what JsonResponse would send)."""
    return json.dumps({"data": data}, ensure_ascii=False, cls=DjangoJSONEncoder).encode("utf-8")


def decode(body: bytes) -> dict[str, Any]:
    return json.loads(body)["data"]


def load(key: str) -> bytes | None:
    """The stored body, or None (a miss, or an entry that cannot be read)."""
    return _decompress(response_store.load(key))


def _decompress(stored: Any) -> bytes | None:
    if not isinstance(stored, bytes):
        return None
    try:
        return zlib.decompress(stored)
    except zlib.error:
        return None


def save(key: str, body: bytes) -> None:
    response_store.save(key, zlib.compress(body), current_generation())
