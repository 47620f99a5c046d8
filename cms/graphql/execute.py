"""Run a GraphQL document against our schema with the full rule set.

Both the HTTP view and the frontend's in-process transport come through `execute_document`,
so the same validation rules, limits and error masking apply to every caller. Rate limits are
not applied here: they belong to the HTTP view (the frontend must not be limited by its own
traffic).

Validation runs in two passes: our cheap limits first, then graphql-core's `specified_rules`
(all of them, always), which only ever see documents already known to be small.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.db import DataError, InterfaceError, OperationalError
from graphql import (
    DocumentNode,
    ExecutionResult,
    GraphQLError,
    GraphQLSchema,
    OperationDefinitionNode,
    OperationType,
    execute,
    parse,
    specified_rules,
    validate,
    visit,
)
from graphql.language import Node, Visitor

from cms import outages
from cms.graphql import response_cache
from cms.graphql.batching import BatchingExecutionContext
from cms.graphql.limits import (
    MAX_QUERY_BYTES,
    MAX_TOKENS,
    cost_error,
    extra_validation_rules,
    introspection_allowed,
)
from cms.graphql.read_once import execution_scope

logger = logging.getLogger("mizan.graphql")

GENERIC_ERROR = "Internal error while resolving this field."
# Error codes (extensions.code); the full list, for partners, is in docs/integrators.md.
BAD_REQUEST = "BAD_REQUEST"
VALIDATION_FAILED = "VALIDATION_FAILED"
BAD_USER_INPUT = "BAD_USER_INPUT"
INTERNAL_ERROR = "INTERNAL"
UNAVAILABLE_ERROR = "SERVICE_UNAVAILABLE"
UNAVAILABLE_MESSAGE = "The service is temporarily unavailable. Please try again shortly."
OUT_OF_RANGE_MESSAGE = "A value in the request is out of range."
MAX_ERRORS = 20
NUL_MESSAGE = "The request contains a NUL character."
# "Did you mean ...?" would list field names even with introspection switched off.
_SUGGESTION = re.compile(r"\s*Did you mean [^?]*\?")


@dataclass(frozen=True)
class Prepared:
    """A parsed document that passed validation, or the errors that stopped it."""

    document: DocumentNode | None
    errors: tuple[GraphQLError, ...]
    # Every field the document selects, by schema name: decides whether answers may be cached.
    field_names: frozenset[str] = frozenset()

    def operation(self, operation_name: str | None) -> OperationDefinitionNode | None:
        if self.document is None:
            return None
        operations = [
            d for d in self.document.definitions if isinstance(d, OperationDefinitionNode)
        ]
        if operation_name:
            return next((o for o in operations if o.name and o.name.value == operation_name), None)
        return operations[0] if len(operations) == 1 else None

    def is_mutation(self, operation_name: str | None) -> bool:
        operation = self.operation(operation_name)
        return operation is not None and operation.operation == OperationType.MUTATION


def graphql_schema() -> GraphQLSchema:
    """The schema every caller runs against (imported late: the apps' types need the registry)."""
    from cms.graphql.schema import schema

    return schema.graphql_schema


def _without_suggestions(error: GraphQLError, introspection: bool | None = None) -> GraphQLError:
    if introspection is None:
        introspection = introspection_allowed()
    if introspection or "Did you mean" not in error.message:
        return error
    return GraphQLError(
        _SUGGESTION.sub("", error.message), nodes=error.nodes, extensions=error.extensions
    )


def _with_code(error: GraphQLError, code: str) -> GraphQLError:
    """The error with `extensions.code` set, unless it has one already."""
    if error_code(error):
        return error
    return GraphQLError(
        error.message,
        nodes=error.nodes,
        path=error.path,
        extensions={**(error.extensions or {}), "code": code},
    )


def _bad_request(message: str) -> GraphQLError:
    return GraphQLError(message, extensions={"code": BAD_REQUEST})


@lru_cache(maxsize=512)
def _parse_and_validate(query: str, introspection: bool) -> Prepared:
    try:
        document = parse(query, max_tokens=MAX_TOKENS)
    except GraphQLError as error:
        return Prepared(None, (_with_code(error, BAD_REQUEST),))
    except RecursionError:  # graphql-core stops deep nesting itself; this is a second net
        return Prepared(None, (_bad_request("Query is nested too deeply."),))
    schema = graphql_schema()
    rules = extra_validation_rules(introspection)
    errors = validate(schema, document, rules, max_errors=MAX_ERRORS)
    if not errors:
        errors = validate(schema, document, specified_rules, max_errors=MAX_ERRORS)
    errors = tuple(
        _with_code(_without_suggestions(error, introspection), VALIDATION_FAILED)
        for error in errors
    )
    if errors:
        return Prepared(None, errors)
    return Prepared(document, (), _selected_field_names(document))


class _NameCollector(Visitor):
    def __init__(self, kind: str) -> None:
        super().__init__()
        self.names: set[str] = set()
        setattr(self, f"enter_{kind}", self._collect)

    def _collect(self, node, *_args) -> None:
        self.names.add(node.name.value)


def names_in(node: Node, kind: str) -> set[str]:
    """The names of every `kind` node under `node`: "field" (schema names, not aliases) or
    "fragment_spread"."""
    collector = _NameCollector(kind)
    visit(node, collector)
    return collector.names


def _selected_field_names(document: DocumentNode) -> frozenset[str]:
    return frozenset(names_in(document, "field"))


def prepare(query: str, introspection: bool | None = None) -> Prepared:
    """Parse and validate (cached per query text and rule set).

    `introspection`: whether `__schema`/`__type` may be asked; None means as configured for
    everybody (a partner key may be allowed it when the public is not)."""
    if introspection is None:
        introspection = introspection_allowed()
    if not isinstance(query, str) or not query.strip():
        return Prepared(None, (_bad_request("Send a GraphQL query in 'query'."),))
    if "\x00" in query:  # PostgreSQL cannot store or compare text with NUL in it
        return Prepared(None, (_bad_request(NUL_MESSAGE),))
    if len(query.encode("utf-8")) > MAX_QUERY_BYTES:
        return Prepared(
            None, (_bad_request(f"Query is too large: at most {MAX_QUERY_BYTES} bytes."),)
        )
    return _parse_and_validate(query, introspection)


class Answer:
    """What `execute_document` gives: a result just computed, or an answer stored earlier.

    `data` and `errors` read as on graphql-core's ExecutionResult. `body` is the answer as the
    HTTP endpoint sends it (JSON `{"data": ...}`) when there is one: read from the cache, or
    encoded to be stored there. The endpoint sends it as it is; `data` decodes it only for a
    caller that reads it (the in-process frontend).
    """

    def __init__(
        self, result: ExecutionResult | None = None, body: bytes | None = None, stale: bool = False
    ) -> None:
        self._result = result
        self.body = body
        # A stored answer served because the database could not say whether it is current.
        self.stale = stale

    @property
    def data(self) -> dict[str, Any] | None:
        if self._result is None:
            self._result = ExecutionResult(data=response_cache.decode(self.body))
        return self._result.data

    @property
    def errors(self) -> list[GraphQLError] | None:
        return None if self._result is None else self._result.errors


def execute_document(
    query: str,
    variables: dict[str, Any] | None = None,
    operation_name: str | None = None,
    context: Any = None,
    *,
    allow_mutations: bool = True,
    prepared: Prepared | None = None,
) -> Answer:
    """Parse, validate, price and execute; internal errors are logged and masked."""
    prepared = prepared or prepare(query)
    if prepared.document is None:
        return Answer(ExecutionResult(errors=list(prepared.errors)))
    if variables and "\\u0000" in json.dumps(variables):
        return Answer(ExecutionResult(errors=[_bad_request(NUL_MESSAGE)]))
    is_mutation = prepared.is_mutation(operation_name)
    if not allow_mutations and is_mutation:
        return Answer(ExecutionResult(errors=[_bad_request("Send mutations with POST, not GET.")]))
    cache_key = None
    if response_cache.is_cacheable(prepared.field_names, is_mutation):
        try:
            cache_key = response_cache.key_for(query, variables, operation_name, context)
        except (OperationalError, InterfaceError) as error:
            # The generation is read from the database. Down: the newest stored answer is
            # served, marked stale (stale-if-error); with none, the answer is a GraphQL error
            # like any resolver's, not an exception for the HTML outage page.
            outages.down("database", error)
            stale = response_cache.load_latest(query, variables, operation_name, context)
            if stale is not None:
                return Answer(body=stale, stale=True)
            return Answer(ExecutionResult(errors=[unavailable_error()]))
        stored = response_cache.load(cache_key)
        if stored is not None:  # stored only after passing the cost check below
            return Answer(body=stored)
    too_costly = cost_error(graphql_schema(), prepared.document, operation_name, variables)
    if too_costly is not None:
        return Answer(ExecutionResult(errors=[too_costly]))
    with execution_scope(context):
        result = execute(
            graphql_schema(),
            prepared.document,
            context_value=context,
            variable_values=variables,
            operation_name=operation_name,
            execution_context_class=BatchingExecutionContext,
        )
    if result.errors:
        result.errors = [mask_error(error) for error in result.errors]
        return Answer(result)
    if cache_key is not None and result.data is not None:
        body = response_cache.encode(result.data)
        response_cache.save(cache_key, body)
        return Answer(result, body)
    return Answer(result)


def mask_error(error: GraphQLError) -> GraphQLError:
    """Keep messages we wrote for clients; replace anything else with a generic one."""
    original = error.original_error
    if original is None or isinstance(original, GraphQLError):
        # A message written for the client (a resolver's GraphQLError, a bad argument value).
        return _with_code(_without_suggestions(error), BAD_USER_INPUT)
    if isinstance(original, OverflowError | DataError):
        # e.g. an id beyond the database's integer range: the client's mistake, not ours.
        logger.info("Out-of-range value at %s: %s", error.path, original)
        return GraphQLError(
            OUT_OF_RANGE_MESSAGE,
            nodes=error.nodes,
            path=error.path,
            extensions={"code": BAD_USER_INPUT},
        )
    if isinstance(original, OperationalError | InterfaceError):
        outages.down("database", original)  # logged once per outage, not per field
        return unavailable_error(error)
    logger.error("GraphQL resolver failed at %s", error.path, exc_info=original)
    return GraphQLError(
        GENERIC_ERROR, nodes=error.nodes, path=error.path, extensions={"code": INTERNAL_ERROR}
    )


def unavailable_error(error: GraphQLError | None = None) -> GraphQLError:
    """SERVICE_UNAVAILABLE, at the failed field's place when there is one."""
    return GraphQLError(
        UNAVAILABLE_MESSAGE,
        nodes=error.nodes if error else None,
        path=error.path if error else None,
        extensions={"code": UNAVAILABLE_ERROR},
    )


def error_code(error: GraphQLError) -> str | None:
    return (error.extensions or {}).get("code")


def is_client_error(error: GraphQLError) -> bool:
    return error_code(error) not in (INTERNAL_ERROR, UNAVAILABLE_ERROR)


def is_unavailable(error: GraphQLError) -> bool:
    return error_code(error) == UNAVAILABLE_ERROR
