"""The public /graphql/ endpoint: GET and POST, one operation per request, JSON only.

CSRF, deliberately: the endpoint is exempt from Django's cookie-based CSRF check because no
operation on it is authenticated by a cookie (reads are public; mutations record anonymous
visitor input; previews carry a signed token). What CSRF would protect against is handled
another way:
- GET never runs a mutation, so a link or an <img> cannot trigger one;
- POST accepts only `application/json` and `application/graphql`, types a cross-site HTML form
  cannot send: a browser sends them cross-origin only after a CORS preflight, which this
  server never grants;
- mutations are rate-limited per client address.

Rate limits (cms.security.ratelimit): every request counts against its client's budget (per
address, or per partner with a valid `X-Api-Key`); mutations also against a smaller one.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from cms.graphql.execute import Answer, execute_document, is_client_error, is_unavailable, prepare
from cms.security import ratelimit
from cms.security.api_keys import partner_for_key, presented_key
from cms.security.client_ip import client_bucket

logger = logging.getLogger("mizan.graphql")

MAX_BODY_BYTES = 100_000
JSON_TYPES = ("application/json", "")
GRAPHQL_TYPE = "application/graphql"


def _client_error(message: str, status: int = 400, code: str = "BAD_REQUEST") -> JsonResponse:
    return JsonResponse(
        {"errors": [{"message": message, "extensions": {"code": code}}]},
        status=status,
        json_dumps_params={"ensure_ascii": False},
    )


def _wants_graphiql(request: HttpRequest) -> bool:
    return (
        settings.DEBUG
        and request.method == "GET"
        and "text/html" in request.headers.get("Accept", "")
        and "query" not in request.GET
    )


def _loads(text: str | bytes) -> Any:
    """json.loads that turns every malformed input (including absurd nesting) into ValueError."""
    try:
        return json.loads(text)
    except RecursionError as exc:
        raise ValueError("nested too deeply") from exc


def _read_params(request: HttpRequest) -> dict[str, Any] | JsonResponse:
    if request.method == "GET":
        params: dict[str, Any] = {
            "query": request.GET.get("query"),
            "operationName": request.GET.get("operationName"),
            "variables": request.GET.get("variables"),
        }
    else:
        if len(request.body) > MAX_BODY_BYTES:
            return _client_error(f"Request body is too large: at most {MAX_BODY_BYTES} bytes.")
        content_type = request.content_type or ""
        if content_type == GRAPHQL_TYPE:
            params = {"query": request.body.decode("utf-8", "replace")}
        elif content_type in JSON_TYPES:
            try:
                params = _loads(request.body or b"{}")
            except (ValueError, UnicodeDecodeError):
                return _client_error("The request body is not valid JSON.")
            if isinstance(params, list):
                return _client_error(
                    "Batched queries are not supported: send one query per request."
                )
            if not isinstance(params, dict):
                return _client_error("The request body must be a JSON object.")
        else:
            return _client_error(
                "Send the request as application/json (or application/graphql).",
                415,
                "UNSUPPORTED_MEDIA_TYPE",
            )
    variables = params.get("variables")
    if isinstance(variables, str):
        try:
            variables = _loads(variables) if variables.strip() else None
        except ValueError:
            return _client_error("'variables' is not valid JSON.")
    if variables is not None and not isinstance(variables, dict):
        return _client_error("'variables' must be a JSON object.")
    operation_name = params.get("operationName") or None
    if operation_name is not None and not isinstance(operation_name, str):
        return _client_error("'operationName' must be a string.")
    query = params.get("query")
    if not isinstance(query, str) or not query.strip():
        return _client_error("Send a GraphQL query in 'query'.")
    return {"query": query, "variables": variables, "operation_name": operation_name}


def _identity(request: HttpRequest) -> tuple[str, ratelimit.Rate] | JsonResponse:
    """Who is counted: a partner with a valid key, or the client's address."""
    key = presented_key(request)
    if key is None:
        return f"ip:{client_bucket(request)}", ratelimit.configured_rate("graphql")
    partner = partner_for_key(key)
    if partner is None:
        return _client_error(
            "This API key is not valid. Send no key for anonymous access.", 401, "INVALID_API_KEY"
        )
    return f"key:{partner.id}", ratelimit.Rate(partner.requests_per_minute, 60)


def _rate_limited(decision: ratelimit.Decision) -> JsonResponse:
    return ratelimit.too_many_requests_json(
        decision, f"Too many requests: try again in {decision.retry_after} seconds."
    )


@csrf_exempt
@require_http_methods(["GET", "POST"])
def graphql_view(request: HttpRequest) -> HttpResponse:
    if _wants_graphiql(request):
        from graphene_django.views import GraphQLView

        return GraphQLView.as_view(graphiql=True)(request)
    identity = _identity(request)
    if isinstance(identity, JsonResponse):
        return identity
    who, rate = identity
    decision = ratelimit.hit("graphql", who, rate)
    if not decision.allowed:
        return _rate_limited(decision)
    params = _read_params(request)
    if isinstance(params, JsonResponse):
        return ratelimit.add_headers(params, decision)
    prepared = prepare(params["query"])
    is_mutation = prepared.is_mutation(params["operation_name"])
    if is_mutation and request.method == "GET":
        response = _client_error("Send mutations with POST, not GET.", 405, "METHOD_NOT_ALLOWED")
        response["Allow"] = "POST"
        return response
    if is_mutation and who.startswith("ip:"):
        # Partners' mutations count against their own, larger budget only.
        mutation_decision = ratelimit.hit(
            "graphql_mutation", who, ratelimit.configured_rate("graphql_mutation")
        )
        if not mutation_decision.allowed:
            return _rate_limited(mutation_decision)
    answer = execute_document(
        context=request, allow_mutations=request.method == "POST", prepared=prepared, **params
    )
    return ratelimit.add_headers(_response(answer, is_mutation), decision)


def _response(answer: Answer, is_mutation: bool) -> HttpResponse:
    if answer.body is not None:  # data without errors, already encoded as JsonResponse would
        return HttpResponse(answer.body, content_type="application/json")
    body: dict[str, Any] = {}
    if answer.errors:
        body["errors"] = [error.formatted for error in answer.errors]
    if answer.data is not None or not answer.errors:
        body["data"] = answer.data
    errors = answer.errors or []
    if errors and answer.data is None and all(is_unavailable(e) for e in errors):
        status = 503  # the database is down: nothing could be read
    elif errors and all(is_client_error(e) for e in errors):
        status = 400  # a mistake in the request is the client's to fix
    else:
        status = 200  # data (maybe partial); a masked internal error is logged, not the client's
    response = JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})
    if status == 503:
        response["Retry-After"] = "30"
    if is_mutation or status >= 500:
        add_never_cache_headers(response)
    return response
