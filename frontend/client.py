"""The frontend's only way to content: named GraphQL operations sent through one of two transports.

- in-process (default): `cms.graphql.execute.execute_document`, the same validation rules and
  error masking as the public /graphql/ endpoint, without a network hop;
- HTTP: to `settings.CMS_GRAPHQL_URL` (the frontend running as its own service), with a
  timeout and one retry for reads, as Apollo automatic persisted queries: the operation's
  SHA-256 alone first (a GET for a query, so a cache in front of the API can keep the answer;
  a POST for a mutation), the query itself only when the server does not know the hash yet.

Operations live in `frontend/queries/*.graphql`. Files whose name starts with `_` hold shared
fragments; each operation is sent with exactly the fragments it uses (GraphQL rejects unused
ones). Everything is parsed once, when this module is imported.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from graphql import (
    DocumentNode,
    FragmentDefinitionNode,
    OperationDefinitionNode,
    OperationType,
    parse,
    print_ast,
)

from cms import outages
from cms.graphql.execute import names_in

logger = logging.getLogger("mizan.frontend")

QUERIES_DIR = Path(__file__).resolve().parent / "queries"
DEFAULT_TIMEOUT_SECONDS = 5.0
# A call slower than this is logged, so slow pages can be traced to their query.
SLOW_CALL_SECONDS = 1.0


class ApiUnavailable(Exception):
    """The content API could not be reached or did not answer in time."""


class ApiError(Exception):
    """The content API answered with errors and no data."""


@dataclass(frozen=True)
class Operation:
    name: str
    document: str
    is_mutation: bool
    sha256: str  # of `document` as sent (UTF-8, hexadecimal): its persisted-query hash


def _spreads(node) -> set[str]:
    return names_in(node, "fragment_spread")


def load_operations(directory: Path = QUERIES_DIR) -> dict[str, Operation]:
    """Every named operation in `directory`, each with the fragments it needs, transitively."""
    fragments: dict[str, FragmentDefinitionNode] = {}
    operations: list[OperationDefinitionNode] = []
    for path in sorted(directory.glob("*.graphql")):
        for definition in parse(path.read_text(encoding="utf-8"), no_location=True).definitions:
            if isinstance(definition, FragmentDefinitionNode):
                fragments[definition.name.value] = definition
            elif isinstance(definition, OperationDefinitionNode):
                if definition.name is None:
                    raise ValueError(f"{path.name}: every operation must be named.")
                operations.append(definition)
    loaded: dict[str, Operation] = {}
    for operation in operations:
        needed: list[str] = []
        pending = sorted(_spreads(operation))
        while pending:
            name = pending.pop()
            if name in needed:
                continue
            if name not in fragments:
                raise ValueError(f"Operation {operation.name.value} uses unknown fragment {name}.")
            needed.append(name)
            pending.extend(sorted(_spreads(fragments[name])))
        document = DocumentNode(definitions=(operation, *(fragments[n] for n in sorted(needed))))
        name = operation.name.value
        if name in loaded:
            raise ValueError(f"Operation {name} is defined twice.")
        printed = print_ast(document)
        loaded[name] = Operation(
            name=name,
            document=printed,
            is_mutation=operation.operation == OperationType.MUTATION,
            sha256=hashlib.sha256(printed.encode("utf-8")).hexdigest(),
        )
    return loaded


OPERATIONS = load_operations()


class InProcessTransport:
    """Executes the schema in this process, with the same rules as the HTTP endpoint."""

    def execute(self, operation: Operation, variables: dict[str, Any], request) -> dict[str, Any]:
        from cms.graphql.execute import execute_document

        try:
            answer = execute_document(
                operation.document, variables, operation.name, context=request
            )
            payload: dict[str, Any] = {"data": answer.data}  # a stored answer is decoded here
        except Exception as exc:  # the database or a resolver failed outside GraphQL's net
            logger.exception("In-process GraphQL call %s failed", operation.name)
            raise ApiUnavailable(str(exc)) from exc
        if answer.errors:
            payload["errors"] = [error.formatted for error in answer.errors]
        return payload


# Apollo's codes, as any APQ client knows them: the frontend speaks the protocol over HTTP to
# a content API that may run elsewhere, so it takes nothing from the server's code.
PERSISTED_QUERY_NOT_FOUND = "PERSISTED_QUERY_NOT_FOUND"
# What an Apollo server without persisted queries answers.
PERSISTED_QUERY_NOT_SUPPORTED = "PERSISTED_QUERY_NOT_SUPPORTED"
# Statuses a server that does not know the hash-only form may answer it with: 400 "send a
# query", 404/405 where it takes no GET. Anything else (401, 403, 429, ...) is its real answer.
_NOT_UNDERSTOOD = frozenset({400, 404, 405})
# A hash-only GET whose address would be longer goes as a POST: proxies and CDNs cut or refuse
# long URLs (8 KB is a common limit; the variables of a search can be long).
MAX_GET_URL_LENGTH = 2000
# After a server showed it does not speak APQ, full queries are sent to it for this long; then
# the hash is tried again (the server may have been upgraded).
APQ_OFF_SECONDS = 600.0
_apq_off_until: dict[str, float] = {}


def reset_persisted_queries() -> None:
    """Forget which servers do not speak APQ (tests)."""
    _apq_off_until.clear()


def _codes(payload: dict[str, Any]) -> set[str]:
    errors = payload.get("errors")
    if not isinstance(errors, list):
        return set()
    return {_code(error) for error in errors if isinstance(error, dict)} - {None}


class HttpTransport:
    """Sends operations to a remote /graphql/ endpoint; reads are retried once, mutations never.

    Each operation goes as an automatic persisted query: its hash alone (GET for a query, POST
    for a mutation); on `PERSISTED_QUERY_NOT_FOUND` the query is sent once with its hash, which
    registers it, and the next request with that hash is a short GET a cache can answer. A
    server that does not speak APQ gets the full query by POST, as before APQ.

    With an API key (`CMS_GRAPHQL_API_KEY`) the frontend is counted as a partner with its own
    limit; without one, all its visitors would share the one address it calls from.
    """

    def __init__(
        self, url: str, timeout: float, retries: int = 1, api_key: str | None = None
    ) -> None:
        self.url = url
        self.timeout = timeout
        self.retries = retries
        self.headers = {"Accept": "application/json"}
        if api_key:
            self.headers["X-Api-Key"] = api_key

    def _send(
        self, url: str, body: dict[str, Any] | None = None, hash_only: bool = False
    ) -> tuple[int, dict[str, Any]]:
        """GET `url` (without a body) or POST the JSON `body`: (HTTP status, decoded answer)."""
        if body is None:
            request = urllib.request.Request(url, method="GET", headers=self.headers)
        else:
            request = urllib.request.Request(
                url,
                data=json.dumps(body).encode("utf-8"),
                method="POST",
                headers={**self.headers, "Content-Type": "application/json"},
            )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.status, json.loads(response.read().decode("utf-8"))
        except urllib.error.HTTPError as exc:
            # 4xx carries GraphQL errors in its body; 5xx means the service is unwell.
            if exc.code < 500:
                try:
                    return exc.code, json.loads(exc.read().decode("utf-8"))
                except ValueError:
                    if hash_only and exc.code in _NOT_UNDERSTOOD:
                        return exc.code, {}  # a server's own page, e.g. 405 for a GET
            raise ApiUnavailable(f"HTTP {exc.code} from the content API") from exc
        except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
            raise ApiUnavailable(f"Content API unreachable: {exc}") from exc
        except ValueError as exc:
            raise ApiUnavailable("The content API did not answer with JSON") from exc

    def _hash_only(
        self, operation: Operation, variables: dict[str, Any]
    ) -> tuple[int, dict[str, Any]]:
        extensions = {"persistedQuery": {"version": 1, "sha256Hash": operation.sha256}}
        if not operation.is_mutation:
            # Compact and sorted, so one request has one address in a cache.
            query_string = urllib.parse.urlencode(
                {
                    "operationName": operation.name,
                    "variables": json.dumps(variables, separators=(",", ":"), sort_keys=True),
                    "extensions": json.dumps(extensions, separators=(",", ":")),
                }
            )
            url = f"{self.url}{'&' if '?' in self.url else '?'}{query_string}"
            if len(url) <= MAX_GET_URL_LENGTH:
                return self._send(url, hash_only=True)
        body = {"variables": variables, "operationName": operation.name, "extensions": extensions}
        return self._send(self.url, body, hash_only=True)

    def _full(
        self, operation: Operation, variables: dict[str, Any], with_hash: bool
    ) -> tuple[int, dict[str, Any]]:
        body: dict[str, Any] = {
            "query": operation.document,
            "variables": variables,
            "operationName": operation.name,
        }
        if with_hash:  # the server stores the query under its hash
            body["extensions"] = {"persistedQuery": {"version": 1, "sha256Hash": operation.sha256}}
        return self._send(self.url, body)

    def _exchange(self, operation: Operation, variables: dict[str, Any]) -> dict[str, Any]:
        """One operation: at most two requests (the hash, then the query), never a loop."""
        if _apq_off_until.get(self.url, 0.0) > time.monotonic():
            return self._full(operation, variables, with_hash=False)[1]
        status, payload = self._hash_only(operation, variables)
        codes = _codes(payload)
        if PERSISTED_QUERY_NOT_FOUND in codes:
            # Not run: the server does not know the hash yet. Sending it with the query runs
            # the operation once and registers it (a mutation is not run twice either).
            return self._full(operation, variables, with_hash=True)[1]
        not_understood = status in _NOT_UNDERSTOOD and payload.get("data") is None
        if PERSISTED_QUERY_NOT_SUPPORTED not in codes and not not_understood:
            return payload
        # A server without APQ refused the hash alone (an error about the hash itself, e.g. bad
        # variables, would be refused again below, and does not switch APQ off).
        status, payload = self._full(operation, variables, with_hash=False)
        if status < 400 and payload.get("data") is not None:
            if self.url not in _apq_off_until or _apq_off_until[self.url] <= time.monotonic():
                logger.info(
                    "The content API at %s does not take persisted queries: sending full "
                    "queries for %d s",
                    self.url,
                    APQ_OFF_SECONDS,
                )
            _apq_off_until[self.url] = time.monotonic() + APQ_OFF_SECONDS
        return payload

    def execute(self, operation: Operation, variables: dict[str, Any], request) -> dict[str, Any]:
        attempts = 1 if operation.is_mutation else 1 + self.retries
        for attempt in range(1, attempts + 1):
            try:
                payload = self._exchange(operation, variables)
            except ApiUnavailable as exc:
                # One WARNING per outage of the remote API, not one per request and attempt.
                outages.down(REMOTE_API, exc)
                if attempt == attempts:
                    raise
            else:
                outages.up(REMOTE_API)  # the end of a logged outage, if one was under way
                return payload
        raise AssertionError("unreachable")


REMOTE_API = "content API"


def get_transport() -> InProcessTransport | HttpTransport:
    url = getattr(settings, "CMS_GRAPHQL_URL", None)
    if url:
        timeout = float(getattr(settings, "CMS_GRAPHQL_TIMEOUT", DEFAULT_TIMEOUT_SECONDS))
        api_key = getattr(settings, "CMS_GRAPHQL_API_KEY", None) or None
        return HttpTransport(url, timeout, api_key=api_key)
    return InProcessTransport()


# The `extensions.code` of an error the API gives when its database is unreachable.
UNAVAILABLE_CODE = "SERVICE_UNAVAILABLE"


def _code(error: dict[str, Any]) -> str | None:
    return (error.get("extensions") or {}).get("code")


def run(name: str, variables: dict[str, Any] | None = None, request=None) -> dict[str, Any]:
    """Send the named operation; return its data or raise ApiUnavailable / ApiError."""
    operation = OPERATIONS[name]
    started = time.monotonic()
    payload = get_transport().execute(operation, variables or {}, request)
    elapsed = time.monotonic() - started
    if elapsed > SLOW_CALL_SECONDS:
        logger.warning("GraphQL %s took %.2f s", name, elapsed)
    errors = payload.get("errors") or []
    data = payload.get("data")
    if errors:
        messages = "; ".join(str(error.get("message")) for error in errors)
        if any(_code(error) == UNAVAILABLE_CODE for error in errors):
            # The database could not be read: an empty field means "unknown", not "absent",
            # so no page may be shown as missing (404) or a submission as done.
            raise ApiUnavailable(messages)
        if data is None:
            raise ApiError(messages)
        # Partial data: a field failed but the page can still be shown; keep a trace.
        logger.error("GraphQL %s returned errors: %s", name, messages)
    if not isinstance(data, dict):
        raise ApiError("The content API returned no data.")
    return data
