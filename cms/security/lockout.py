"""The admin lockout page (django-axes' AXES_LOCKOUT_CALLABLE): axes' own page and status, plus
`Retry-After`, so a client (or an editor's password manager) knows when to try again."""

from __future__ import annotations

from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials=None
) -> HttpResponse:
    context = {
        "failure_limit": get_failure_limit(request, credentials),
        "username": get_client_username(request, credentials) or "",
    }
    response = render(
        request, settings.AXES_LOCKOUT_TEMPLATE, context, status=settings.AXES_HTTP_RESPONSE_CODE
    )
    cool_off = get_cool_off(request)
    if cool_off:
        # The whole cool-off: the lock lasts that long after the latest failure, which was now.
        response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response
