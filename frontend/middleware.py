"""What the frontend adds around Django's handling of a 404.

With DEBUG on (`make serve`), Django answers a path no route matches (the old site's `.aspx`
addresses) with its technical 404 page instead of `handler404`, so old addresses would redirect
in production but not on an editor's machine. `OldAddressesUnderDebugMiddleware` asks for the
redirect there as `handler404` does in production.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.http import HttpRequest, HttpResponse
from django.middleware.common import CommonMiddleware
from django.urls import get_urlconf, is_valid_path
from django.utils import translation


def redirected_by_middleware(request: HttpRequest) -> bool:
    """Whether CommonMiddleware (APPEND_SLASH) or LocaleMiddleware (the language prefix) will
    turn this request's 404 into a redirect, by the same tests they use."""
    if CommonMiddleware(lambda _request: HttpResponse()).should_redirect_with_slash(request):
        return True
    if translation.get_language_from_path(request.path_info):
        return False
    urlconf = getattr(request, "urlconf", get_urlconf())
    prefixed = f"/{translation.get_language()}{request.path_info}"
    return is_valid_path(prefixed, urlconf) or (
        settings.APPEND_SLASH
        and not prefixed.endswith("/")
        and is_valid_path(f"{prefixed}/", urlconf)
    )


class OldAddressesUnderDebugMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        if not settings.DEBUG:
            raise MiddlewareNotUsed  # handler404 asks (frontend.views.not_found)
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            response.status_code != 404
            or getattr(request, "old_address_asked", False)
            or redirected_by_middleware(request)
        ):
            return response
        from frontend.views import old_address_redirect

        return old_address_redirect(request) or response
