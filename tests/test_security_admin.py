"""The admin: login lockout, TOTP two-factor, API keys, enquiries, uploads (issue 6, items 3, 5, 6)."""

from __future__ import annotations

import csv
import io
import time

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.documents import get_document_model
from wagtail.models import Collection

from cms.models import ApiKey
from cms.security.uploads import content_problem
from site_pages.models import Enquiry, EnquiryStatus

PASSWORD = "a-long-enough-password-42"
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture
def editor(django_user_model):
    from wagtail.users.models import UserProfile

    user = django_user_model.objects.create_superuser("editor", "editor@example.com", PASSWORD)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"  # the admin's messages in English for these assertions
    profile.save()
    return user


@pytest.fixture
def no_throttle(settings):
    """django-otp slows down guessing after a wrong code; these tests retry at once."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}  # before signing in the admin follows the browser


def login(client, password=PASSWORD, **extra):
    return client.post(
        "/admin/login/", {"username": "editor", "password": password, **extra}, **ENGLISH
    )


def current_code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return str(totp.token()).zfill(device.digits)


# -- login lockout (django-axes) -------------------------------------------------------------------


def test_repeated_failures_lock_the_login_even_with_the_right_password(client, editor, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    for _ in range(4):
        assert login(client, password="wrong-password").status_code == 200  # form with error
    locked = login(client, password="wrong-password")
    assert locked.status_code == 429
    assert "Sign-in temporarily locked" in locked.content.decode()
    assert locked["Retry-After"] == str(settings.AXES_COOLOFF_TIME.seconds)
    assert login(client).status_code == 429  # the right password does not unlock it
    other_address = client.post(
        "/admin/login/",
        {"username": "editor", "password": PASSWORD},
        REMOTE_ADDR="198.51.100.20",
    )
    assert other_address.status_code == 302  # the lock is for this username from this address


# -- two-factor ------------------------------------------------------------------------------------


def test_an_editor_with_a_device_must_give_a_current_code(client, editor, no_throttle):
    device = TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    without = login(client)
    assert without.status_code == 200
    assert "authenticator app" in without.content.decode()
    wrong = login(client, otp_token="000000" if current_code(device) != "000000" else "111111")
    assert wrong.status_code == 200
    right = login(client, otp_token=current_code(device))
    assert right.status_code == 302
    assert client.get("/admin/").status_code == 200


def code_at(device: TOTPDevice, seconds_ago: int) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() - seconds_ago
    return str(totp.token()).zfill(device.digits)


def test_the_right_code_straight_after_a_wrong_one_signs_in(client, editor):
    from axes.models import AccessAttempt

    device = TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    login(client, otp_token="12345")
    assert login(client, otp_token=current_code(device)).status_code == 302
    assert client.get("/admin/").status_code == 200
    assert not AccessAttempt.objects.filter(username="editor").exists()  # success resets


def test_the_previous_code_is_still_accepted(client, editor):
    device = TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    assert login(client, otp_token=code_at(device, seconds_ago=device.step)).status_code == 302


def test_a_code_already_used_is_refused_plainly_and_not_counted(client, editor):
    from axes.models import AccessAttempt

    device = TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    code = current_code(device)
    assert login(client, otp_token=code).status_code == 302
    client.logout()

    replay = login(client, otp_token=code)

    assert replay.status_code == 200
    assert "already been used" in replay.content.decode()
    assert not AccessAttempt.objects.filter(username="editor", failures_since_start__gt=0).exists()


def test_the_enrolment_code_cannot_sign_in_again_and_is_not_counted(client, editor):
    from axes.models import AccessAttempt

    client.force_login(editor)
    client.get("/admin/two-factor/setup/")
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    code = current_code(device)
    assert client.post("/admin/two-factor/setup/", {"otp_token": code}).status_code == 302
    client.logout()

    again = login(client, otp_token=code)

    assert again.status_code == 200 and "already been used" in again.content.decode()
    assert not AccessAttempt.objects.filter(username="editor", failures_since_start__gt=0).exists()


def test_the_account_page_links_to_two_factor_sign_in(client, editor):
    client.force_login(editor)
    account = client.get("/admin/account/", **ENGLISH).content.decode()
    assert 'href="/admin/two-factor/setup/"' in account
    assert "Two-factor sign-in" in account


def test_an_enrolled_editor_following_the_link_sees_the_device_not_a_code_prompt(client, editor):
    device = TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    assert login(client, otp_token=current_code(device)).status_code == 302
    status = client.get("/admin/two-factor/setup/")
    assert status.status_code == 200
    html = status.content.decode()
    assert "Two-factor sign-in is on for your account" in html and "<bdi>phone</bdi>" in html
    assert 'name="otp_token"' not in html


def test_a_wrong_code_counts_as_a_failed_login(client, editor):
    from axes.models import AccessAttempt

    TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    login(client, otp_token="12345")
    attempt = AccessAttempt.objects.get(username="editor")
    assert attempt.failures_since_start == 1


def test_when_required_an_editor_without_a_device_must_set_one_up(
    client, editor, settings, no_throttle
):
    settings.TWO_FACTOR_REQUIRED = True
    assert login(client).status_code == 302
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/two-factor/setup/?next=")
    setup = client.get(response["Location"])
    assert setup.status_code == 200
    html = setup.content.decode()
    assert "<svg" in html and "Set up two-factor sign-in" in html
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    refused = client.post("/admin/two-factor/setup/", {"otp_token": "abc"})
    assert refused.status_code == 200 and not TOTPDevice.objects.get(pk=device.pk).confirmed
    confirmed = client.post(
        "/admin/two-factor/setup/", {"otp_token": current_code(device), "next": "/admin/pages/"}
    )
    assert confirmed.status_code == 302 and confirmed["Location"] == "/admin/pages/"
    assert TOTPDevice.objects.get(pk=device.pk).confirmed
    assert client.get("/admin/pages/").status_code == 200


def test_when_required_an_unverified_session_is_asked_for_a_code(
    client, editor, settings, no_throttle
):
    settings.TWO_FACTOR_REQUIRED = True
    device = TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    client.force_login(editor)  # a session that never gave a code
    response = client.get("/admin/")
    assert response["Location"].startswith("/admin/two-factor/verify/")
    assert client.post("/admin/two-factor/verify/", {"otp_token": "1"}).status_code == 200
    verified = client.post("/admin/two-factor/verify/", {"otp_token": current_code(device)})
    assert verified.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_two_factor_does_not_touch_public_pages_or_unknown_admin_paths(client, editor, settings):
    settings.TWO_FACTOR_REQUIRED = True
    client.force_login(editor)
    assert client.get("/admin/no-such-place/").status_code in (302, 404)  # never a 500
    assert client.get("/robots.txt").status_code == 200


def test_an_open_redirect_through_next_is_refused(client, editor, settings):
    settings.TWO_FACTOR_REQUIRED = True
    client.force_login(editor)
    device = TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    response = client.post(
        "/admin/two-factor/verify/",
        {"otp_token": current_code(device), "next": "https://evil.example/"},
    )
    assert response["Location"] == "/admin/"


# -- API keys --------------------------------------------------------------------------------------


def test_an_api_key_is_shown_once_and_stored_as_a_digest(client, editor):
    client.force_login(editor)
    response = client.post(
        "/admin/api-keys/new/",
        {"name": "Citizen portal", "requests_per_minute": "600", "is_active": "on"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    stored = ApiKey.objects.get(name="Citizen portal")
    key = html.split('class="mizan-api-key">')[1].split("<")[0]
    assert key.startswith(f"mzn_{stored.prefix}_") and len(key) > 40
    assert key not in stored.key_digest
    listing = client.get("/admin/api-keys/").content.decode()
    assert "Citizen portal" in listing and key not in listing
    edit = client.get(f"/admin/api-keys/edit/{stored.pk}/").content.decode()
    assert key not in edit
    data = client.get(
        "/graphql/", {"query": "{ siteSettings { contactPhone } }"}, HTTP_X_API_KEY=key
    )
    assert data.status_code == 200


# -- enquiries -------------------------------------------------------------------------------------


@pytest.fixture
def enquiry(db):
    return Enquiry.objects.create(
        language="ar",
        name="سارة",
        email="sara@example.com",
        topic="payment_orders",
        message="استفسار عن أمر دفع متأخر.",
    )


def test_editors_see_enquiries_change_status_and_export(client, editor, enquiry):
    client.force_login(editor)
    listing = client.get("/admin/enquiries/").content.decode()
    assert enquiry.reference in listing
    assert client.get("/admin/enquiries/?status=new").status_code == 200
    inspect = client.get(f"/admin/enquiries/inspect/{enquiry.pk}/").content.decode()
    assert "استفسار عن أمر دفع متأخر." in inspect
    response = client.post(
        f"/admin/enquiries/edit/{enquiry.pk}/",
        {"status": EnquiryStatus.ANSWERED, "staff_notes": "Called back."},
    )
    assert response.status_code == 302
    enquiry.refresh_from_db()
    assert enquiry.status == EnquiryStatus.ANSWERED and enquiry.message.startswith("استفسار")
    exported = client.get("/admin/enquiries/?export=csv")
    assert exported.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(exported.streaming_content).decode("utf-8"))))
    assert any(enquiry.reference in row for row in rows[1:])
    assert client.get("/admin/enquiries/new/").status_code in (302, 403)


# -- uploads ---------------------------------------------------------------------------------------


def upload_document(client, name: str, content: bytes):
    collection = Collection.get_first_root_node()
    return client.post(
        "/admin/documents/add/",
        {"title": name, "collection": collection.pk, "file": SimpleUploadedFile(name, content)},
    )


def test_a_document_must_be_what_its_extension_says(client, editor):
    client.force_login(editor)
    assert upload_document(client, "report.pdf", PDF).status_code == 302
    disguised = upload_document(client, "invoice.pdf", b"<html><script>alert(1)</script></html>")
    assert disguised.status_code == 200 and "is not a PDF document" in disguised.content.decode()
    page = upload_document(client, "notes.txt", b"<!DOCTYPE html><html></html>")
    assert page.status_code == 200
    assert upload_document(client, "script.html", b"<html></html>").status_code == 200
    assert get_document_model().objects.count() == 1


def test_content_checks_of_every_allowed_type():
    assert content_problem("a.docx", b"PK\x03\x04rest") is None
    assert content_problem("a.xlsx", b"%PDF-") is not None
    assert content_problem("a.csv", "رمز,اسم\nMOF-1,خدمة".encode()) is None
    assert content_problem("a.csv", b"a,b\x00c") is not None
    assert content_problem("a.txt", "\ufeff<script>".encode()) is not None
    assert content_problem("a.txt", b"\xff\xfe\xfa junk in the middle" + b"x" * 100) is not None


def test_documents_over_the_size_limit_are_refused(client, editor, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    client.force_login(editor)
    response = upload_document(client, "big.pdf", PDF + b"0" * 2048)
    assert response.status_code == 200 and "too big" in response.content.decode()


def test_svg_images_are_refused(client, editor):
    client.force_login(editor)
    collection = Collection.get_first_root_node()
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    response = client.post(
        "/admin/images/add/",
        {"title": "logo", "collection": collection.pk, "file": SimpleUploadedFile("logo.svg", svg)},
    )
    assert response.status_code == 200
    assert "svg" in response.content.decode().lower()
    from wagtail.images import get_image_model

    assert get_image_model().objects.count() == 0


def test_documents_are_served_with_disposition_and_nosniff(client, db):
    Document = get_document_model()
    pdf = Document.objects.create(title="Guide", file=ContentFile(PDF, name="guide.pdf"))
    text = Document.objects.create(title="Data", file=ContentFile(b"a,b\n", name="data.csv"))
    response = client.get(pdf.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"
    response = client.get(text.url)
    assert response["Content-Disposition"].startswith("attachment")
