"""Origins a partner key opens to browsers, on top of `CORS_ALLOWED_ORIGINS`.

django-cors-headers asks its `check_request_enabled` signal about an origin it does not list.
A request to /graphql/ gets the CORS headers when the key it presented (read by the view, which
leaves the partner on the request) lists its origin. A preflight carries no key (browsers send
none), so it is granted when any usable key lists the origin; the request that follows still
needs that key.
"""

from __future__ import annotations

import logging

from django.db import DatabaseError
from django.http import HttpRequest
from django.utils import timezone

from cms.models import ApiKey
from cms.models.api_keys import origins_in

logger = logging.getLogger("mizan.security")
GRAPHQL_PATH = "/graphql/"
# Set by the GraphQL view on a request with a valid key.
PARTNER_ATTRIBUTE = "api_partner"


def _origin(request: HttpRequest) -> str:
    return request.headers.get("Origin", "").strip().lower().rstrip("/")


def _listed_by_a_usable_key(origin: str) -> bool:
    candidates = ApiKey.objects.filter(is_active=True, allowed_origins__icontains=origin).only(
        "is_active", "expires_at", "allowed_origins"
    )
    now = timezone.now()
    return any(
        origin in origins_in(key.allowed_origins)
        for key in candidates
        if key.expires_at is None or key.expires_at > now
    )


def origin_allowed_by_key(sender, request: HttpRequest, **kwargs) -> bool:
    if request.path_info != GRAPHQL_PATH:
        return False  # asked for every request on the site: nothing to read elsewhere
    origin = _origin(request)
    if not origin:
        return False
    if request.method == "OPTIONS":
        try:
            return _listed_by_a_usable_key(origin)
        except DatabaseError:
            logger.warning("CORS preflight from %s: the database is unavailable", origin[:100])
            return False
    partner = getattr(request, PARTNER_ATTRIBUTE, None)
    return partner is not None and origin in partner.allowed_origins


def connect_signals() -> None:
    from corsheaders.signals import check_request_enabled

    check_request_enabled.connect(origin_allowed_by_key, dispatch_uid="mizan_key_origins")
