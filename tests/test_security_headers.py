"""Security headers on a public page, cookies, and production settings (issue 6, item 4)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "cms.settings.production",
    "SECRET_KEY": "a-long-random-production-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
    "ALLOWED_HOSTS": "www.mof.gov.sa",
}


def directives(header: str) -> dict[str, list[str]]:
    parsed = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            parsed[words[0]] = words[1:]
    return parsed


@pytest.fixture
def public_page(client, site_tree):
    response = client.get("/ar/")
    assert response.status_code == 200
    return response


def test_public_page_has_a_strict_content_security_policy(public_page):
    header = public_page["Content-Security-Policy"]
    assert "unsafe-inline" not in header and "unsafe-eval" not in header
    policy = directives(header)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]


def test_public_page_has_each_protective_header(public_page):
    assert public_page["X-Content-Type-Options"] == "nosniff"
    assert public_page["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert public_page["Cross-Origin-Opener-Policy"] == "same-origin"
    assert public_page["X-Frame-Options"] == "DENY"
    permissions = public_page["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in permissions


def test_hsts_on_secure_requests_with_production_values(client, site_tree, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    response = client.get("/ar/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def test_preview_may_be_framed_by_the_admin_only(client, site_tree):
    response = client.get("/preview/?token=not-a-token")
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert directives(response["Content-Security-Policy"])["frame-ancestors"] == ["'self'"]


def test_admin_is_left_out_of_the_public_policy(client, db):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response  # Wagtail's admin needs inline scripts
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_cookies_are_secure_and_http_only_with_production_values(
    client, django_user_model, settings
):
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    response = client.get("/admin/login/", secure=True)
    csrf = response.cookies["csrftoken"]
    assert csrf["secure"] and csrf["httponly"] and csrf["samesite"] == "Lax"
    django_user_model.objects.create_superuser("chief", "chief@example.com", "a-long-password-123")
    response = client.post(
        "/admin/login/",
        {"username": "chief", "password": "a-long-password-123", "csrfmiddlewaretoken": csrf.value},
        secure=True,
        HTTP_X_CSRFTOKEN=csrf.value,
    )
    assert response.status_code == 302, response.content[:500]
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"


def _production_values() -> dict:
    script = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({k: getattr(s, k) for k in ("
        "'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SESSION_COOKIE_HTTPONLY', "
        "'CSRF_COOKIE_HTTPONLY', 'LANGUAGE_COOKIE_SECURE', 'SECURE_HSTS_SECONDS', "
        "'SECURE_SSL_REDIRECT', 'SECURE_CONTENT_TYPE_NOSNIFF', 'X_FRAME_OPTIONS', "
        "'TWO_FACTOR_REQUIRED', 'DEBUG', 'CONTENT_SECURITY_POLICY', 'WAGTAILIMAGES_EXTENSIONS', "
        "'WAGTAILDOCS_EXTENSIONS', 'WAGTAILDOCS_MAX_UPLOAD_SIZE', 'WAGTAILIMAGES_MAX_UPLOAD_SIZE', "
        "'WAGTAILIMAGES_MAX_IMAGE_PIXELS', 'WAGTAILDOCS_SERVE_METHOD', 'AXES_FAILURE_LIMIT')}))"
    )
    clean = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "DEBUG")}
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**clean, **PRODUCTION_ENV, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_settings_are_strict_by_default():
    values = _production_values()
    assert values["DEBUG"] is False
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"]
    assert values["SESSION_COOKIE_HTTPONLY"] and values["CSRF_COOKIE_HTTPONLY"]
    assert values["LANGUAGE_COOKIE_SECURE"]
    assert values["SECURE_HSTS_SECONDS"] >= 31536000 and values["SECURE_SSL_REDIRECT"]
    assert values["SECURE_CONTENT_TYPE_NOSNIFF"] and values["X_FRAME_OPTIONS"] == "DENY"
    assert values["TWO_FACTOR_REQUIRED"] is True
    assert values["AXES_FAILURE_LIMIT"] <= 5
    policy = values["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]
    assert "'unsafe-inline'" not in json.dumps(policy) and "'unsafe-eval'" not in json.dumps(policy)
    assert values["CONTENT_SECURITY_POLICY"]["EXCLUDE_URL_PREFIXES"] == ["/admin/"]
    assert "svg" not in values["WAGTAILIMAGES_EXTENSIONS"]
    assert values["WAGTAILDOCS_MAX_UPLOAD_SIZE"] and values["WAGTAILIMAGES_MAX_UPLOAD_SIZE"]
    assert values["WAGTAILIMAGES_MAX_IMAGE_PIXELS"] <= 50_000_000
    assert values["WAGTAILDOCS_SERVE_METHOD"] == "serve_view"
    assert not {"html", "htm", "svg", "js", "exe"} & set(values["WAGTAILDOCS_EXTENSIONS"])


def test_password_validators_ask_for_twelve_characters(settings):
    from django.contrib.auth.password_validation import get_default_password_validators

    lengths = [v.min_length for v in get_default_password_validators() if hasattr(v, "min_length")]
    assert lengths == [12]
