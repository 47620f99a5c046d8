"""Admin views: set up an authenticator app, and enter a code for an unverified session."""

from __future__ import annotations

import base64
import io

import django_otp
from django import forms
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from cms.security.two_factor import (
    CodeRefused,
    clean_code,
    confirmed_devices,
    count_failed_code,
    safe_next,
    verify_code,
)

TEMPLATE = "security/two_factor.html"
STATUS_TEMPLATE = "security/two_factor_status.html"


class CodeForm(forms.Form):
    otp_token = forms.CharField(
        label=gettext_lazy("6-digit code"),
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": ""}
        ),
    )


def _qr_svg(text: str) -> str:
    # Imported here: only enrolment draws a code, and every worker would otherwise hold the
    # library (and the imaging modules it pulls in) for a page few editors ever open.
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode("utf-8")


def _pending_device(user) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


def _refuse(request: HttpRequest, form: CodeForm, refusal: CodeRefused) -> None:
    if refusal.counts:
        count_failed_code(request, request.user.get_username())
    form.add_error("otp_token", refusal.message)


def _already_set_up(request: HttpRequest) -> HttpResponse:
    """What the account menu's link shows an editor whose sign-in already asks for a code."""
    return render(
        request,
        STATUS_TEMPLATE,
        {
            "page_title": _("Two-factor sign-in"),
            "header_title": _("Two-factor sign-in"),
            "devices": confirmed_devices(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def setup(request: HttpRequest) -> HttpResponse:
    """Show a new secret as a QR code and text; confirm it with one code from the app."""
    user = request.user
    if user_has_device(user, confirmed=True):
        if user.is_verified():
            return _already_set_up(request)
        target = reverse("mizan_2fa_verify")
        return HttpResponseRedirect(f"{target}?{urlencode({'next': safe_next(request)})}")
    device = _pending_device(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            verify_code([device], clean_code(form.cleaned_data["otp_token"]))
        except CodeRefused as refusal:
            _refuse(request, form, refusal)
        else:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            django_otp.login(request, device)
            return HttpResponseRedirect(safe_next(request))
    secret = base64.b32encode(device.bin_key).decode("ascii")
    return render(
        request,
        TEMPLATE,
        {
            "page_title": _("Set up two-factor sign-in"),
            "header_title": _("Set up two-factor sign-in"),
            "form": form,
            "qr_svg": mark_safe(_qr_svg(device.config_url)),  # generated here, not user input
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "next": safe_next(request),
            "is_setup": True,
        },
    )


@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """Ask for a code when the session is signed in but not yet verified."""
    user = request.user
    if not user_has_device(user, confirmed=True):
        target = reverse("mizan_2fa_setup")
        return HttpResponseRedirect(f"{target}?{urlencode({'next': safe_next(request)})}")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = verify_code(
                confirmed_devices(user), clean_code(form.cleaned_data["otp_token"])
            )
        except CodeRefused as refusal:
            _refuse(request, form, refusal)
        else:
            django_otp.login(request, device)
            return HttpResponseRedirect(safe_next(request))
    return render(
        request,
        TEMPLATE,
        {
            "page_title": _("Two-factor sign-in"),
            "header_title": _("Two-factor sign-in"),
            "form": form,
            "next": safe_next(request),
            "is_setup": False,
        },
    )
