"""Apollo's automatic persisted queries (APQ) and approved operations for API keys.

APQ (https://www.apollographql.com/docs/apollo-server/performance/apq): the client sends
`extensions.persistedQuery = {"version": 1, "sha256Hash": <hex>}` without `query`; if the hash
is unknown the answer is the error `PersistedQueryNotFound` (code `PERSISTED_QUERY_NOT_FOUND`,
HTTP 200, as Apollo clients expect), and the client sends hash and query together once; from
then on the hash alone runs the query, by POST or by GET (`?extensions=...&variables=...`), and
a GET answer is cacheable like any other.

Where a registered query lives: the `PersistedQuery` table is the source of truth (every worker
and every server sees it; a cache flush or restart loses nothing), and the default cache keeps
it in front of the table (LocMem per process in development, Redis when scaled out), so a hit
costs no query while it is cached. Only documents that parse and validate are stored, at most
`APQ_MAX_STORED_QUERIES` rows; beyond that a new one lives in the cache alone.

Approved operations: a key flagged `approved_operations_only` runs only the documents registered
for it (`manage.py register_operations`, or the admin); anything else is refused with 403
`OPERATION_NOT_APPROVED`. A document matches by its exact SHA-256 (what an APQ client sends)
or by the SHA-256 of its normalized print (whitespace and comments do not matter).
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from graphql import GraphQLError, OperationDefinitionNode, parse, print_ast

PERSISTED_QUERY_NOT_FOUND = "PERSISTED_QUERY_NOT_FOUND"
NOT_FOUND_MESSAGE = "PersistedQueryNotFound"
OPERATION_NOT_APPROVED = "OPERATION_NOT_APPROVED"
NOT_APPROVED_MESSAGE = (
    "This API key may run only its approved operations, and this is not one of them."
)
CACHE_PREFIX = "mizan:apq:"
_HEX64 = re.compile(r"^[0-9a-f]{64}$")


class PersistedQueryError(ValueError):
    """The persisted-query extension is malformed, or its hash does not match the query."""


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def requested_hash(extensions: Any) -> str | None:
    """The `sha256Hash` of `extensions.persistedQuery`, checked; None without the extension."""
    if extensions is None:
        return None
    if not isinstance(extensions, dict):
        raise PersistedQueryError("'extensions' must be a JSON object.")
    persisted = extensions.get("persistedQuery")
    if persisted is None:
        return None
    if not isinstance(persisted, dict) or persisted.get("version") != 1:
        raise PersistedQueryError(
            'Persisted queries: only \'persistedQuery\' {"version": 1, "sha256Hash": ...} '
            "is supported."
        )
    digest = persisted.get("sha256Hash")
    if not isinstance(digest, str) or not _HEX64.match(digest.lower()):
        raise PersistedQueryError("'sha256Hash' must be 64 hexadecimal digits.")
    return digest.lower()


def check_hash(digest: str, query: str) -> None:
    if sha256(query) != digest:
        raise PersistedQueryError(
            "provided sha does not match query: 'sha256Hash' must be the SHA-256 of 'query' "
            "as sent (UTF-8, hexadecimal)."
        )


def _cache():
    return caches[settings.APQ_CACHE]


def lookup(digest: str) -> str | None:
    """The query registered under `digest`: from the cache, else from the table (then cached)."""
    from cms.models import PersistedQuery

    query = _cache().get(CACHE_PREFIX + digest)
    if query is None:
        query = PersistedQuery.objects.filter(sha256=digest).values_list("query", flat=True).first()
        if query is not None:
            _cache().set(CACHE_PREFIX + digest, query, settings.APQ_CACHE_SECONDS)
    return query


def store(digest: str, query: str) -> None:
    """Register a query that parsed and validated (the caller checked the hash)."""
    from cms.models import PersistedQuery

    _cache().set(CACHE_PREFIX + digest, query, settings.APQ_CACHE_SECONDS)
    if PersistedQuery.objects.filter(sha256=digest).exists():
        return
    if PersistedQuery.objects.count() >= settings.APQ_MAX_STORED_QUERIES:
        return
    try:
        with transaction.atomic():
            PersistedQuery.objects.create(sha256=digest, query=query)
    except IntegrityError:  # another worker stored it first
        pass


# -- approved operations -----------------------------------------------------------------------


def normalized_hash(query: str) -> str | None:
    """SHA-256 of the document as graphql-core prints it; None if it does not parse."""
    try:
        return sha256(print_ast(parse(query)))
    except (GraphQLError, RecursionError):
        return None


def describe_document(query: str) -> tuple[str, str, str]:
    """(operation names, exact SHA-256, normalized SHA-256) of a document to approve."""
    try:
        document = parse(query)
    except GraphQLError as error:
        raise ValidationError(
            _("Not a GraphQL document: %(error)s"), params={"error": error.message}
        ) from None
    names = [
        d.name.value
        for d in document.definitions
        if isinstance(d, OperationDefinitionNode) and d.name
    ]
    return ", ".join(names)[:200], sha256(query), sha256(print_ast(document))


def approved_query(api_key_id: int, query: str | None, digest: str | None) -> str | None:
    """The document to run for a key limited to approved operations, or None if not approved.

    With a hash alone, the approved document with that exact hash; with a query, that query if
    its exact or normalized hash is approved."""
    from cms.models import ApprovedOperation

    approved = ApprovedOperation.objects.filter(api_key_id=api_key_id)
    if query is None:
        if digest is None:
            return None
        return approved.filter(sha256=digest).values_list("query", flat=True).first()
    if approved.filter(sha256=sha256(query)).exists():
        return query
    normalized = normalized_hash(query)
    if normalized is not None and approved.filter(normalized_sha256=normalized).exists():
        return query
    return None
