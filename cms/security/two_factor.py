"""TOTP two-factor sign-in for editors (django-otp), inside the Wagtail admin.

- The admin's login form asks for the 6-digit code as well, when the editor has a device.
  A wrong code counts as a failed login for django-axes, so codes cannot be guessed either.
- When TWO_FACTOR_REQUIRED is on (production), an editor whose session is not verified is
  sent to set up an authenticator app (no device yet) or to enter a code (device exists),
  and can reach nothing else in the admin until then.
- Devices are TOTPDevice rows; a superuser removes a lost one in Settings > Two-factor devices.

(wagtail-2fa does this job for older Wagtail releases; it does not import on Wagtail 8.)
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import Resolver404, resolve, reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext_lazy as _
from django_otp import match_token, user_has_device
from django_otp.middleware import OTPMiddleware
from wagtail.admin.forms.auth import LoginForm

ADMIN_PREFIX = "/admin/"
SETUP_URL_NAME = "mizan_2fa_setup"
VERIFY_URL_NAME = "mizan_2fa_verify"
# What an editor may open before the second factor: signing in and out, and the setup itself.
OPEN_URL_NAMES = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    SETUP_URL_NAME,
    VERIFY_URL_NAME,
}


def two_factor_required() -> bool:
    return bool(getattr(settings, "TWO_FACTOR_REQUIRED", False))


def is_editor(user) -> bool:
    return bool(
        user.is_authenticated and (user.is_superuser or user.has_perm("wagtailadmin.access_admin"))
    )


def count_failed_code(request: HttpRequest, username: str) -> None:
    """Report a wrong code like a wrong password, so django-axes locks out guessing."""
    user_login_failed.send(sender=__name__, credentials={"username": username}, request=request)


def clean_code(value: str) -> str:
    return "".join((value or "").split())[:12]


class TwoFactorLoginForm(LoginForm):
    """Wagtail's login form plus the code from the editor's authenticator app."""

    otp_token = forms.CharField(
        label=_("Code from your authenticator app"),
        required=False,
        max_length=12,
        help_text=_("Leave empty if you have not set up two-factor sign-in yet."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def clean(self):
        cleaned = super().clean()
        user = self.get_user()
        if user is not None and user_has_device(user, confirmed=True):
            code = clean_code(cleaned.get("otp_token", ""))
            device = match_token(user, code) if code else None
            if device is None:
                count_failed_code(self.request, user.get_username())
                raise forms.ValidationError(
                    _("Enter the current 6-digit code from your authenticator app."),
                    code="invalid_otp",
                )
            # django-otp marks the session verified when Django logs this user in.
            user.otp_device = device
        return cleaned


def _next_url(request: HttpRequest) -> str:
    return request.get_full_path()


class AdminTwoFactorMiddleware(OTPMiddleware):
    """Installs `request.user.is_verified()` (django-otp) and, inside /admin/, enforces it."""

    async_capable = False

    def __call__(self, request: HttpRequest) -> HttpResponse:
        self._install_lazy_accessors(request)
        redirect = self._redirect_if_unverified(request)
        return redirect or self.get_response(request)

    def _redirect_if_unverified(self, request: HttpRequest) -> HttpResponse | None:
        if not two_factor_required() or not request.path_info.startswith(ADMIN_PREFIX):
            return None
        user = request.user
        if not is_editor(user) or user.is_verified():
            return None
        try:
            url_name = resolve(request.path_info).url_name
        except Resolver404:
            return None  # the admin's own 404
        if url_name in OPEN_URL_NAMES:
            return None
        target = VERIFY_URL_NAME if user_has_device(user, confirmed=True) else SETUP_URL_NAME
        return HttpResponseRedirect(f"{reverse(target)}?{urlencode({'next': _next_url(request)})}")


def safe_next(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("wagtailadmin_home")
