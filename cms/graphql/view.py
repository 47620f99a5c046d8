"""The public /graphql/ endpoint: GET and POST, no batching, JSON only.

It is a read-only API with no cookie-authenticated mutations, so it is exempt from CSRF
deliberately; previews authenticate with their signed token, not with a session.
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from cms.graphql.execute import execute_document, is_client_error

MAX_BODY_BYTES = 100_000


def _client_error(message: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"errors": [{"message": message}]}, status=status)


def _wants_graphiql(request: HttpRequest) -> bool:
    return (
        settings.DEBUG
        and request.method == "GET"
        and "text/html" in request.headers.get("Accept", "")
        and "query" not in request.GET
    )


def _read_params(request: HttpRequest) -> dict[str, Any] | JsonResponse:
    if request.method == "GET":
        params: dict[str, Any] = {
            "query": request.GET.get("query"),
            "operationName": request.GET.get("operationName"),
            "variables": request.GET.get("variables"),
        }
    else:
        if len(request.body) > MAX_BODY_BYTES:
            return _client_error(f"Request body is too large: at most {MAX_BODY_BYTES} bytes.", 413)
        content_type = request.content_type or ""
        if content_type == "application/graphql":
            params = {"query": request.body.decode("utf-8", "replace")}
        elif content_type in ("application/json", ""):
            try:
                params = json.loads(request.body or b"{}")
            except (ValueError, UnicodeDecodeError):
                return _client_error("The request body is not valid JSON.")
            if isinstance(params, list):
                return _client_error(
                    "Batched queries are not supported: send one query per request."
                )
            if not isinstance(params, dict):
                return _client_error("The request body must be a JSON object.")
        elif content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            params = {key: request.POST.get(key) for key in ("query", "operationName", "variables")}
        else:
            return _client_error("Send application/json or application/graphql.", 415)
    variables = params.get("variables")
    if isinstance(variables, str):
        try:
            variables = json.loads(variables) if variables.strip() else None
        except ValueError:
            return _client_error("'variables' is not valid JSON.")
    if variables is not None and not isinstance(variables, dict):
        return _client_error("'variables' must be a JSON object.")
    operation_name = params.get("operationName")
    if operation_name is not None and not isinstance(operation_name, str):
        return _client_error("'operationName' must be a string.")
    query = params.get("query")
    if not isinstance(query, str) or not query.strip():
        return _client_error("Send a GraphQL query in 'query'.")
    return {"query": query, "variables": variables, "operation_name": operation_name}


@csrf_exempt
@require_http_methods(["GET", "POST"])
def graphql_view(request: HttpRequest) -> HttpResponse:
    if _wants_graphiql(request):
        from graphene_django.views import GraphQLView

        return GraphQLView.as_view(graphiql=True)(request)
    params = _read_params(request)
    if isinstance(params, JsonResponse):
        return params
    result = execute_document(context=request, **params)
    body: dict[str, Any] = {}
    if result.errors:
        body["errors"] = [error.formatted for error in result.errors]
    if result.data is not None or not result.errors:
        body["data"] = result.data
    # A mistake in the request is the client's to fix (400); a masked internal error is ours.
    client_errors = result.errors and all(is_client_error(e) for e in result.errors)
    status = 400 if client_errors else 200
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})
