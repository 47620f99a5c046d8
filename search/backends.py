"""The configured Wagtail search backend, with a fallback, and the queries we send it.

Which backend runs is configuration (WAGTAILSEARCH_BACKENDS): the database backend by default,
Elasticsearch 8 when ELASTICSEARCH_URL is set. When Elasticsearch cannot be reached, a search
falls back to the `database` entry (kept up to date beside it) and logs a warning.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import TypeVar

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from wagtail.search.backends import get_search_backend
from wagtail.search.query import And, Or, PlainText, SearchQuery

from search.synonyms import TermGroup

logger = logging.getLogger("mizan.search")

FALLBACK_BACKEND = "database"
T = TypeVar("T")


@lru_cache(maxsize=4)
def backend(name: str = "default"):
    """One backend instance per name and process (an Elasticsearch client is costly to make)."""
    return get_search_backend(name)


@receiver(setting_changed)
def _forget_backends(setting, **kwargs):
    if setting == "WAGTAILSEARCH_BACKENDS":
        backend.cache_clear()


def is_database_backend(instance) -> bool:
    return type(instance).__module__.startswith("modelsearch.backends.database")


def _is_unreachable(error: Exception) -> bool:
    """Whether an error means the search server could not answer (not a bug in our query)."""
    try:
        from elastic_transport import ConnectionError as TransportConnectionError
        from elastic_transport import ConnectionTimeout
        from elasticsearch import ApiError
    except ImportError:  # pragma: no cover - the client is a pinned dependency
        return False
    if isinstance(error, (TransportConnectionError, ConnectionTimeout)):
        return True
    # 5xx from the cluster (e.g. no shard available) also means "try the database".
    status = getattr(error, "status_code", None) or getattr(
        getattr(error, "meta", None), "status", None
    )
    return isinstance(error, ApiError) and isinstance(status, int) and status >= 500


def run_with_fallback(operation: Callable[[object], T]) -> T:
    """Run `operation(backend)` on the configured backend, or on the database one if it is down.

    `operation` must evaluate its results (list, count) so errors surface here.
    """
    primary = backend("default")
    try:
        return operation(primary)
    except Exception as error:
        has_fallback = FALLBACK_BACKEND in getattr(settings, "WAGTAILSEARCH_BACKENDS", {})
        if is_database_backend(primary) or not has_fallback or not _is_unreachable(error):
            raise
        logger.warning(
            "Search backend unreachable (%s); answering from the database index instead.",
            error.__class__.__name__,
        )
        return operation(backend(FALLBACK_BACKEND))


def group_query(group: TermGroup) -> SearchQuery:
    alternatives = [PlainText(" ".join(stems), operator="and") for stems in group.alternatives]
    return alternatives[0] if len(alternatives) == 1 else Or(alternatives)


def build_query(groups: Sequence[TermGroup], operator: str = "and") -> SearchQuery:
    """All groups (or any, with operator "or"); each group matches any of its alternatives."""
    if not groups:
        raise ValueError("A query needs at least one term.")
    parts = [group_query(group) for group in groups]
    if len(parts) == 1:
        return parts[0]
    return And(parts) if operator == "and" else Or(parts)
