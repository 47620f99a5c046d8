"""Cached answers to read-only GraphQL operations, for every caller (HTTP and in-process).

An answer depends only on the published content (hence the generation in the key), the
document, its variables, the language and the host (absolute URLs in JSON-LD). No resolver reads
the user: the API serves the same public content to everybody. Some fields must run every time
and keep their operation out of the cache: previews (drafts behind a token), search (each query
is logged for the analytics) and KPI figures (counted without bumping the generation). Apps add
such fields with `never_cache_field` when their schema module is imported.
"""

from __future__ import annotations

import json
import zlib
from typing import Any

from django.utils import translation

from cms import response_store
from cms.content_generation import current_generation

_never_cached_fields: set[str] = {"pagePreview"}


def never_cache_field(name: str) -> None:
    """Any operation that selects this field (by its schema name) is executed every time."""
    _never_cached_fields.add(name)


def is_cacheable(field_names: frozenset[str], is_mutation: bool) -> bool:
    return (
        not is_mutation
        and _never_cached_fields.isdisjoint(field_names)
        and response_store.enabled()
    )


def _host(context: Any) -> str:
    get_host = getattr(context, "get_host", None)
    if get_host is None:
        return ""
    try:
        return get_host()
    except Exception:  # DisallowedHost: the request is refused elsewhere; do not share entries
        return "?"


def key_for(
    query: str, variables: dict[str, Any] | None, operation_name: str | None, context: Any
) -> str:
    return response_store.entry_key(
        "graphql",
        current_generation(),
        query,
        operation_name or "",
        json.dumps(variables or {}, sort_keys=True, ensure_ascii=False, default=str),
        translation.get_language() or "",
        _host(context),
    )


def load(key: str) -> dict[str, Any] | None:
    stored = response_store.load(key)
    if not isinstance(stored, bytes):
        return None
    try:
        return json.loads(zlib.decompress(stored))
    except (zlib.error, ValueError):
        return None


def save(key: str, data: dict[str, Any]) -> None:
    packed = zlib.compress(json.dumps(data, ensure_ascii=False, default=str).encode("utf-8"))
    response_store.save(key, packed, current_generation())
