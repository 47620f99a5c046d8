"""Response headers Django and django-csp do not set themselves.

Django's SecurityMiddleware sets HSTS, nosniff, Referrer-Policy and Cross-Origin-Opener-Policy;
django-csp sets Content-Security-Policy (frame-ancestors 'none'); XFrameOptionsMiddleware sets
X-Frame-Options: DENY. This middleware adds Permissions-Policy, and lets two places be framed by
the site itself: the Wagtail admin (its own dialogs) and /preview/, which the admin's preview
panel shows in an iframe.

It sits after XFrameOptionsMiddleware and CSPMiddleware in MIDDLEWARE, so it handles the
response before they do and they keep what it chose.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse

DEFAULT_PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)
SAME_ORIGIN_FRAMING_PREFIXES = ("/admin/", "/preview/")


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        policy = getattr(settings, "PERMISSIONS_POLICY", DEFAULT_PERMISSIONS_POLICY)
        if policy and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = policy
        if request.path_info.startswith(SAME_ORIGIN_FRAMING_PREFIXES):
            if "X-Frame-Options" not in response:
                response["X-Frame-Options"] = "SAMEORIGIN"
            response._csp_replace = {
                **(getattr(response, "_csp_replace", None) or {}),
                "frame-ancestors": ["'self'"],
            }
        return response
