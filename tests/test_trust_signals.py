"""Trust signals: the official government website banner and /.well-known/security.txt."""

from __future__ import annotations

from datetime import UTC, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from site_pages.models import SiteSettings


def _settings(**fields) -> SiteSettings:
    settings = SiteSettings.load()
    for name, value in fields.items():
        setattr(settings, name, value)
    settings.save()
    return settings


@pytest.mark.parametrize(
    "language,text,how",
    [
        ("ar", "موقع رسمي تابع لحكومة المملكة العربية السعودية", "كيف تتحقق"),
        ("en", "An official website of the Government of Saudi Arabia", "How to verify"),
    ],
)
def test_every_page_says_it_is_an_official_website_and_how_to_verify(
    client, home_ar, language, text, how
):
    _settings(dga_registration_number="20241234")
    html = client.get(f"/{language}/").content.decode()
    header = html[html.index('<header class="site-header">') : html.index("</header>")]
    # A <details> opens with the keyboard and without script; the banner leads the header.
    banner = header[header.index('class="official-banner"') :]
    assert banner.index("<details") < banner.index("<summary>") < banner.index(text)
    assert how in banner
    assert '<bdi dir="ltr">.gov.sa</bdi>' in banner and "HTTPS" in banner
    assert '<bdi dir="ltr">20241234</bdi>' in banner


def test_the_registration_line_waits_for_a_number(client, home_ar):
    html = client.get("/en/").content.decode()
    assert "An official website of the Government of Saudi Arabia" in html
    assert "Registered with the Digital Government Authority" not in html


def test_security_txt_is_missing_until_a_contact_and_expiry_are_set(client, db):
    assert client.get("/.well-known/security.txt").status_code == 404
    _settings(security_contact="mailto:security@mof.gov.sa")
    assert client.get("/.well-known/security.txt").status_code == 404


def test_security_txt_carries_the_rfc_9116_fields(client, db):
    expires = timezone.now() + timedelta(days=200)
    _settings(
        security_contact="mailto:security@mof.gov.sa",
        security_expires=expires,
        security_policy_url="https://mof.gov.sa/en/vulnerability-disclosure/",
        security_languages="ar, en",
    )
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines == [
        "Contact: mailto:security@mof.gov.sa",
        f"Expires: {expires.astimezone(UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: ar, en",
        "Canonical: http://testserver/.well-known/security.txt",
        "Policy: https://mof.gov.sa/en/vulnerability-disclosure/",
    ]


def test_a_line_break_stored_in_a_field_cannot_add_a_field(client, db):
    # Saved without the admin's checks (an import, a shell): still one field per line.
    _settings(
        security_contact="mailto:a@mof.gov.sa\nPolicy: https://evil.example/",
        security_expires=timezone.now() + timedelta(days=10),
    )
    text = client.get("/.well-known/security.txt").content.decode()
    assert not any(line.startswith("Policy:") for line in text.splitlines())


@pytest.mark.parametrize(
    "fields,error_field",
    [
        ({"security_contact": "security@mof.gov.sa"}, "security_contact"),
        ({"security_contact": "mailto:a b@mof.gov.sa"}, "security_contact"),
        ({"security_contact": "mailto:a@mof.gov.sa"}, "security_expires"),
        (
            {
                "security_contact": "mailto:a@mof.gov.sa",
                "security_expires": timezone.now() - timedelta(days=1),
            },
            "security_expires",
        ),
        ({"security_languages": "Arabic and English"}, "security_languages"),
    ],
)
def test_the_admin_refuses_a_security_contact_that_would_mislead(db, fields, error_field):
    settings = SiteSettings(ministry_name_ar="وزارة المالية", ministry_name_en="MoF", **fields)
    with pytest.raises(ValidationError) as raised:
        settings.clean()
    assert error_field in raised.value.message_dict
