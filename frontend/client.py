"""The frontend's only way to content: named GraphQL operations sent through one of two transports.

- in-process (default): `cms.graphql.execute.execute_document`, the same validation rules and
  error masking as the public /graphql/ endpoint, without a network hop;
- HTTP: POST to `settings.CMS_GRAPHQL_URL` (the frontend running as its own service), with a
  timeout and one retry for reads.

Operations live in `frontend/queries/*.graphql`. Files whose name starts with `_` hold shared
fragments; each operation is sent with exactly the fragments it uses (GraphQL rejects unused
ones). Everything is parsed once, when this module is imported.
"""

from __future__ import annotations

import json
import logging
import time
import urllib.error
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
        loaded[name] = Operation(
            name=name,
            document=print_ast(document),
            is_mutation=operation.operation == OperationType.MUTATION,
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


class HttpTransport:
    """POSTs to a remote /graphql/ endpoint; reads are retried once, mutations never.

    With an API key (`CMS_GRAPHQL_API_KEY`) the frontend is counted as a partner with its own
    limit; without one, all its visitors would share the one address it calls from.
    """

    def __init__(
        self, url: str, timeout: float, retries: int = 1, api_key: str | None = None
    ) -> None:
        self.url = url
        self.timeout = timeout
        self.retries = retries
        self.headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if api_key:
            self.headers["X-Api-Key"] = api_key

    def _post(self, body: bytes) -> dict[str, Any]:
        request = urllib.request.Request(self.url, data=body, method="POST", headers=self.headers)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return json.loads(response.read().decode("utf-8"))
        except urllib.error.HTTPError as exc:
            # 400 carries GraphQL errors in its body; 5xx means the service is unwell.
            if exc.code < 500:
                try:
                    return json.loads(exc.read().decode("utf-8"))
                except ValueError:
                    pass
            raise ApiUnavailable(f"HTTP {exc.code} from the content API") from exc
        except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
            raise ApiUnavailable(f"Content API unreachable: {exc}") from exc
        except ValueError as exc:
            raise ApiUnavailable("The content API did not answer with JSON") from exc

    def execute(self, operation: Operation, variables: dict[str, Any], request) -> dict[str, Any]:
        body = json.dumps(
            {"query": operation.document, "variables": variables, "operationName": operation.name}
        ).encode("utf-8")
        attempts = 1 if operation.is_mutation else 1 + self.retries
        for attempt in range(1, attempts + 1):
            try:
                payload = self._post(body)
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
