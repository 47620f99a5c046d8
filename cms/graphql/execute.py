"""Run a GraphQL document against our schema with the full rule set.

Both the HTTP view and the frontend's in-process transport come through `execute_document`,
so the same validation rules and error masking apply to every caller.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any

from graphql import (
    DocumentNode,
    ExecutionResult,
    GraphQLError,
    execute,
    parse,
    specified_rules,
    validate,
)

from cms.graphql.limits import MAX_QUERY_BYTES, extra_validation_rules

logger = logging.getLogger("mizan.graphql")

MAX_TOKENS = 5_000
GENERIC_ERROR = "Internal error while resolving this field."
INTERNAL_ERROR = "INTERNAL_SERVER_ERROR"


def _schema():
    from cms.graphql.schema import schema

    return schema.graphql_schema


@lru_cache(maxsize=512)
def _parse_and_validate(
    query: str, rules_key: tuple[str, ...]
) -> tuple[DocumentNode | None, tuple[GraphQLError, ...]]:
    try:
        document = parse(query, max_tokens=MAX_TOKENS, no_location=False)
    except GraphQLError as error:
        return None, (error,)
    rules = [*specified_rules, *extra_validation_rules()]
    errors = validate(_schema(), document, rules, max_errors=20)
    return (None if errors else document), tuple(errors)


def execute_document(
    query: str,
    variables: dict[str, Any] | None = None,
    operation_name: str | None = None,
    context: Any = None,
) -> ExecutionResult:
    """Parse, validate and execute; internal errors are logged and masked."""
    if not isinstance(query, str) or not query.strip():
        return ExecutionResult(errors=[GraphQLError("Send a GraphQL query in 'query'.")])
    if len(query.encode("utf-8")) > MAX_QUERY_BYTES:
        return ExecutionResult(
            errors=[GraphQLError(f"Query is too large: at most {MAX_QUERY_BYTES} bytes.")]
        )
    rules_key = tuple(rule.__name__ for rule in extra_validation_rules())
    document, errors = _parse_and_validate(query, rules_key)
    if document is None:
        return ExecutionResult(errors=list(errors))
    result = execute(
        _schema(),
        document,
        context_value=context,
        variable_values=variables,
        operation_name=operation_name,
    )
    if result.errors:
        result.errors = [mask_error(error) for error in result.errors]
    return result


def mask_error(error: GraphQLError) -> GraphQLError:
    """Keep messages we wrote for clients; replace anything else with a generic one."""
    original = error.original_error
    if original is None or isinstance(original, GraphQLError):
        return error
    logger.error("GraphQL resolver failed at %s", error.path, exc_info=original)
    return GraphQLError(
        GENERIC_ERROR, nodes=error.nodes, path=error.path, extensions={"code": INTERNAL_ERROR}
    )


def is_client_error(error: GraphQLError) -> bool:
    return (error.extensions or {}).get("code") != INTERNAL_ERROR
