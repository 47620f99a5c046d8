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
from django_otp import user_has_device
from django_otp.middleware import OTPMiddleware
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
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


class CodeRefused(Exception):
    """A code that did not sign the editor in, with what to tell them.

    `counts` is False for a code that is right but was already used (an app shows one code for
    30 seconds, and the code that confirmed enrolment or the last sign-in cannot be replayed):
    that is no guess, so it must not bring the editor closer to a lockout.
    """

    def __init__(self, message: str, *, counts: bool) -> None:
        super().__init__(message)
        self.message = message
        self.counts = counts


def code_already_used(device: TOTPDevice, code: str) -> bool:
    """The code is one the device accepted before (a time step at or before its last one)."""
    if not code.isdigit():
        return False
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits)
    for offset in range(-device.tolerance, device.tolerance + 1):
        totp.drift = device.drift + offset
        if totp.t() <= device.last_t and totp.token() == int(code):
            return True
    return False


def verify_code(devices: list[TOTPDevice], code: str) -> TOTPDevice:
    """The device that accepts the code (the current, previous or next 30-second code).

    Raises CodeRefused. Guessing is stopped by django-axes, which counts every wrong code as a
    failed sign-in (OTP_TOTP_THROTTLE_FACTOR is 0: django-otp's own throttle refused even the
    right code for a while after a wrong one, and counted it towards the lockout).
    """
    for device in devices:
        if code and device.verify_token(code):
            return device
    if code and any(code_already_used(device, code) for device in devices):
        raise CodeRefused(
            _(
                "That code has already been used. Wait for the next code from your "
                "authenticator app (a new one appears every 30 seconds) and enter it."
            ),
            counts=False,
        )
    raise CodeRefused(_("Enter the current 6-digit code from your authenticator app."), counts=True)


def confirmed_devices(user) -> list[TOTPDevice]:
    return list(TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk"))


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
            try:
                device = verify_code(
                    confirmed_devices(user), clean_code(cleaned.get("otp_token", ""))
                )
            except CodeRefused as refusal:
                if refusal.counts:
                    count_failed_code(self.request, user.get_username())
                raise forms.ValidationError(refusal.message, code="invalid_otp") from None
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
