"""The public /graphql/ endpoint: GET and POST, one operation per request, JSON only.

HTTP follows the GraphQL-over-HTTP specification: an answer with data (field errors or not) is
200; a request error (unreadable body, syntax, validation, limits) is 400; the body is
`application/graphql-response+json` when the client's Accept asks for it, else
`application/json`; every error carries `extensions.code` (the list is in docs/integrators.md).
Whatever fails, the answer is JSON: with the database down it is a 503 with `Retry-After` and
`SERVICE_UNAVAILABLE`, never the HTML outage page.

Shared caching: a GET answer without a key, that no field keeps out of caches (previews, search,
KPIs), carries an ETag made from the content generation, the next scheduled page expiry and the
request (document, variables, operation, languages, host, media type), and
`Cache-Control: public, max-age=GRAPHQL_CACHE_SECONDS`; `If-None-Match` with it gets a 304
without running the query.

CSRF, deliberately: the endpoint is exempt from Django's cookie-based CSRF check because no
operation on it is authenticated by a cookie (reads are public; mutations record anonymous
visitor input; previews carry a signed token). CORS (django-cors-headers, cms/security/cors.py)
never allows credentials, so a browser on another site cannot send cookies with its requests;
GET never runs a mutation; mutations are rate-limited per client address.

Rate limits (cms.security.ratelimit): every request counts against its client's budget (per
address, or per partner with a valid key); mutations also against a smaller one.
"""

from __future__ import annotations

import hashlib
import json
import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.serializers.json import DjangoJSONEncoder
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers
from django.views.decorators.csrf import csrf_exempt

from cms import outages, response_store
from cms.content_generation import current_generation
from cms.graphql import persisted, response_cache
from cms.graphql.execute import (
    BAD_REQUEST,
    UNAVAILABLE_ERROR,
    UNAVAILABLE_MESSAGE,
    Answer,
    execute_document,
    graphql_schema,
    is_unavailable,
    prepare,
)
from cms.graphql.graphiql import graphiql_page, wants_graphiql
from cms.graphql.limits import introspection_allowed
from cms.graphql.locales import asked_locales
from cms.graphql.persisted import sha256 as sha256_of
from cms.outages import already_logged
from cms.security import api_key_usage, ratelimit
from cms.security.api_keys import KeyHeaderError, Partner, partner_for_key, presented_key
from cms.security.client_ip import client_bucket
from cms.security.cors import PARTNER_ATTRIBUTE

logger = logging.getLogger("mizan.graphql")

MAX_BODY_BYTES = 100_000
JSON_TYPES = ("application/json", "")
GRAPHQL_TYPE = "application/graphql"
JSON_RESPONSE = "application/json"
GRAPHQL_RESPONSE = "application/graphql-response+json"
ALLOWED_METHODS = ("GET", "POST")
RETRY_AFTER_SECONDS = 30
# Headers that change a GET answer (Origin is added by the CORS middleware).
VARY = ("Accept", "Authorization", "X-Api-Key")


def _media_type(request: HttpRequest) -> str:
    """`application/graphql-response+json` when the client's Accept names it, else JSON."""
    accept = request.headers.get("Accept", "")
    for part in accept.split(","):
        media, _, params = part.strip().partition(";")
        if media.strip().lower() == GRAPHQL_RESPONSE and "q=0" not in params.replace(" ", ""):
            return GRAPHQL_RESPONSE
    return JSON_RESPONSE


def _json(body: dict[str, Any], status: int, media_type: str) -> HttpResponse:
    # Encoded as the response cache encodes answers, so a stored answer is the same bytes.
    return HttpResponse(
        json.dumps(body, ensure_ascii=False, cls=DjangoJSONEncoder),
        status=status,
        content_type=media_type,
    )


class RequestRefused(Exception):
    """A request error answered before any GraphQL runs: status, code and message."""

    def __init__(self, message: str, status: int = 400, code: str = BAD_REQUEST) -> None:
        super().__init__(message)
        self.message, self.status, self.code = message, status, code

    def response(self, media_type: str) -> HttpResponse:
        body = {"errors": [{"message": self.message, "extensions": {"code": self.code}}]}
        response = _json(body, self.status, media_type)
        add_never_cache_headers(response)
        return response


def _loads(text: str | bytes) -> Any:
    """json.loads that turns every malformed input (including absurd nesting) into ValueError."""
    try:
        return json.loads(text)
    except RecursionError as exc:
        raise ValueError("nested too deeply") from exc


def _body(request: HttpRequest) -> bytes:
    too_large = RequestRefused(f"Request body is too large: at most {MAX_BODY_BYTES} bytes.")
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > MAX_BODY_BYTES:
        raise too_large  # refused before reading it
    try:
        body = request.body
    except RequestDataTooBig:
        raise too_large from None
    if len(body) > MAX_BODY_BYTES:
        raise too_large
    return body


def _read_params(request: HttpRequest) -> dict[str, Any]:
    if request.method == "GET":
        params: dict[str, Any] = {
            "query": request.GET.get("query"),
            "operationName": request.GET.get("operationName"),
            "variables": request.GET.get("variables"),
            "extensions": request.GET.get("extensions"),
        }
    else:
        body = _body(request)
        content_type = request.content_type or ""
        if content_type == GRAPHQL_TYPE:
            params = {"query": body.decode("utf-8", "replace")}
        elif content_type in JSON_TYPES:
            try:
                params = _loads(body or b"{}")
            except (ValueError, UnicodeDecodeError):
                raise RequestRefused("The request body is not valid JSON.") from None
            if isinstance(params, list):
                raise RequestRefused(
                    "Batched queries are not supported: send one query per request."
                )
            if not isinstance(params, dict):
                raise RequestRefused("The request body must be a JSON object.")
        else:
            raise RequestRefused(
                "Send the request as application/json (or application/graphql).",
                415,
                "UNSUPPORTED_MEDIA_TYPE",
            )
    variables = params.get("variables")
    if isinstance(variables, str):
        try:
            variables = _loads(variables) if variables.strip() else None
        except ValueError:
            raise RequestRefused("'variables' is not valid JSON.") from None
    if variables is not None and not isinstance(variables, dict):
        raise RequestRefused("'variables' must be a JSON object.")
    operation_name = params.get("operationName") or None
    if operation_name is not None and not isinstance(operation_name, str):
        raise RequestRefused("'operationName' must be a string.")
    extensions = params.get("extensions")
    if isinstance(extensions, str):
        try:
            extensions = _loads(extensions) if extensions.strip() else None
        except ValueError:
            raise RequestRefused("'extensions' is not valid JSON.") from None
    try:
        digest = persisted.requested_hash(extensions)
    except persisted.PersistedQueryError as error:
        raise RequestRefused(str(error)) from None
    query = params.get("query")
    if digest is not None and query is None:
        pass  # the hash alone: the query is looked up (_persisted_query)
    elif not isinstance(query, str) or not query.strip():
        raise RequestRefused("Send a GraphQL query in 'query'.")
    elif digest is not None:
        try:
            persisted.check_hash(digest, query)
        except persisted.PersistedQueryError as error:
            raise RequestRefused(str(error)) from None
    return {
        "query": query,
        "variables": variables,
        "operation_name": operation_name,
        "persisted_hash": digest,
    }


def _persisted_query(params: dict[str, Any], partner: Partner | None) -> bool:
    """Put the query to run in `params["query"]`: looked up by its hash, or checked against the
    key's approved operations. True when the request registers a new APQ hash + query."""
    digest = params.pop("persisted_hash")
    if partner is not None and partner.approved_operations_only:
        query = persisted.approved_query(partner.id, params["query"], digest)
        if query is None:
            raise RequestRefused(
                persisted.NOT_APPROVED_MESSAGE, 403, persisted.OPERATION_NOT_APPROVED
            )
        params["query"] = query
        return False
    if digest is None:
        return False
    if params["query"] is not None:
        return True
    query = persisted.lookup(digest)
    if query is None:
        # As Apollo servers answer: 200, and the client sends the hash with the query.
        raise RequestRefused(persisted.NOT_FOUND_MESSAGE, 200, persisted.PERSISTED_QUERY_NOT_FOUND)
    params["query"] = query
    return False


def _partner(request: HttpRequest) -> Partner | None:
    """The partner whose key the request carries; None without a key; refused if invalid."""
    try:
        key = presented_key(request)
    except KeyHeaderError as error:
        raise RequestRefused(str(error), 401, "INVALID_API_KEY") from None
    if key is None:
        return None
    partner = partner_for_key(key)
    if partner is None:
        raise RequestRefused(
            "This API key is not valid (unknown, revoked or expired). "
            "Send no key for anonymous access.",
            401,
            "INVALID_API_KEY",
        )
    setattr(request, PARTNER_ATTRIBUTE, partner)
    return partner


def _rate_limited(decision: ratelimit.Decision, media_type: str) -> HttpResponse:
    refused = RequestRefused(
        f"Too many requests: try again in {decision.retry_after} seconds.", 429, "RATE_LIMITED"
    )
    return ratelimit.add_headers(refused.response(media_type), decision)


def _etag(params: dict[str, Any], locales: list[str], media_type: str, host: str) -> str:
    generation = current_generation()
    expiry = response_store.next_expiry(generation)
    parts = [
        str(generation),
        expiry.isoformat() if expiry else "",
        params["query"],
        params["operation_name"] or "",
        json.dumps(params["variables"] or {}, sort_keys=True, ensure_ascii=False, default=str),
        ",".join(locales),
        media_type,
        host,
    ]
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]
    return f'"{digest}"'


def _matches(request: HttpRequest, etag: str) -> bool:
    header = request.headers.get("If-None-Match", "")
    given = {tag.strip().removeprefix("W/") for tag in header.split(",")}
    return "*" in given or etag in given


def _shared_cache_headers(response: HttpResponse, etag: str) -> None:
    response["ETag"] = etag
    patch_cache_control(
        response,
        public=True,
        max_age=settings.GRAPHQL_CACHE_SECONDS,
        stale_if_error=settings.PUBLIC_STALE_IF_ERROR_SECONDS,
    )


@csrf_exempt
def graphql_view(request: HttpRequest) -> HttpResponse:
    media_type = _media_type(request)
    if request.method not in ALLOWED_METHODS:
        response = RequestRefused("Use GET or POST.", 405, "METHOD_NOT_ALLOWED").response(
            media_type
        )
        response["Allow"] = ", ".join((*ALLOWED_METHODS, "OPTIONS"))
        return response
    if wants_graphiql(request):
        return graphiql_page(request)
    try:
        response = _serve(request, media_type)
    except RequestRefused as refused:
        response = refused.response(media_type)
    except (OperationalError, InterfaceError) as error:
        # Outside GraphQL's own error handling (a partner key's look-up): still a JSON answer
        # a client can act on.
        outages.down("database", error)
        response = _unavailable(media_type)
    patch_vary_headers(response, VARY)
    partner = getattr(request, PARTNER_ATTRIBUTE, None)
    if partner is not None:
        api_key_usage.record(partner.id, response.status_code)
    return response


def _unavailable(media_type: str) -> HttpResponse:
    body = {"errors": [{"message": UNAVAILABLE_MESSAGE, "extensions": {"code": UNAVAILABLE_ERROR}}]}
    response = _json(body, 503, media_type)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return already_logged(response)


def _serve(request: HttpRequest, media_type: str) -> HttpResponse:
    partner = _partner(request)  # left on the request for CORS and the usage counters
    if partner is None:
        who, rate = f"ip:{client_bucket(request)}", ratelimit.configured_rate("graphql")
    else:
        who, rate = f"key:{partner.id}", ratelimit.Rate(partner.requests_per_minute, 60)
    decision = ratelimit.hit("graphql", who, rate)
    if not decision.allowed:
        return _rate_limited(decision, media_type)
    try:
        params = _read_params(request)
        registers = _persisted_query(params, partner)
    except RequestRefused as refused:
        return ratelimit.add_headers(refused.response(media_type), decision)
    introspection = introspection_allowed() or (partner is not None and partner.allow_introspection)
    prepared = prepare(params["query"], introspection)
    if registers and not prepared.errors:
        persisted.store(digest=sha256_of(params["query"]), query=params["query"])
    is_mutation = prepared.is_mutation(params["operation_name"])
    if is_mutation and request.method == "GET":
        refused = RequestRefused("Send mutations with POST, not GET.", 405, "METHOD_NOT_ALLOWED")
        response = refused.response(media_type)
        response["Allow"] = "POST"
        return response
    if is_mutation and partner is None:
        # Partners' mutations count against their own, larger budget only.
        mutation_decision = ratelimit.hit(
            "graphql_mutation", who, ratelimit.configured_rate("graphql_mutation")
        )
        if not mutation_decision.allowed:
            return _rate_limited(mutation_decision, media_type)
    locales: list[str] = []
    etag = None
    if prepared.document is not None:
        locales = asked_locales(
            graphql_schema(), prepared.document, params["operation_name"], params["variables"]
        )
        shareable = (
            request.method == "GET"
            and partner is None
            and not is_mutation
            and response_cache.may_be_shared(prepared.field_names)
        )
        if shareable:
            try:
                etag = _etag(params, locales, media_type, request.get_host())
            except (OperationalError, InterfaceError):
                etag = None  # the database is down: a stored answer may still be served
        if etag is not None:
            if _matches(request, etag):
                response = HttpResponse(status=304)
                _shared_cache_headers(response, etag)
                return ratelimit.add_headers(response, decision)
    answer = execute_document(
        context=request, allow_mutations=request.method == "POST", prepared=prepared, **params
    )
    response = _response(answer, media_type)
    if locales:
        response["Content-Language"] = ", ".join(locales)
    if answer.stale:
        response_store.mark_stale(response)
    elif etag is not None and response.status_code == 200 and not answer.errors:
        _shared_cache_headers(response, etag)
    elif request.method == "GET" and response.status_code == 200 and not answer.errors:
        patch_cache_control(response, private=True, no_cache=True)
    else:
        add_never_cache_headers(response)
    return ratelimit.add_headers(response, decision)


def _response(answer: Answer, media_type: str) -> HttpResponse:
    if answer.body is not None:  # data without errors, already encoded
        return HttpResponse(answer.body, content_type=media_type)
    body: dict[str, Any] = {}
    errors = answer.errors or []
    if errors:
        body["errors"] = [error.formatted for error in errors]
    # A request error (no path: the document never ran) has no data entry at all.
    request_error = answer.data is None and any(error.path is None for error in errors)
    if not request_error:
        body["data"] = answer.data
    if errors and all(is_unavailable(e) for e in errors) and not _has_values(answer.data):
        response = _json(body, 503, media_type)  # the database is down: nothing could be read
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return already_logged(response)
    return _json(body, 400 if request_error else 200, media_type)


def _has_values(data: dict[str, Any] | None) -> bool:
    return bool(data) and any(value is not None for value in data.values())
