"""The contact-centre enquiry form in the frontend: POST, redirect, reference number."""

from __future__ import annotations

import re

import pytest

from frontend.testing import ENQUIRY_FORM_POST, build_site
from site_pages.models import Enquiry

REFERENCE = re.compile(r"MOF-\d{4}-[2-9A-HJKMNP-TV-Z]{8}")
VALID = ENQUIRY_FORM_POST


@pytest.fixture
def site(db):
    return build_site()


def test_contact_centre_page_has_the_form_with_the_apis_topics(client, site):
    html = client.get("/ar/contact-centre/").content.decode()
    form = html.split('<form class="enquiry-form"', 1)[1].split("</form>", 1)[0]
    assert 'method="post" action="/ar/enquiry/"' in form
    assert 'name="csrfmiddlewaretoken"' in form
    assert '<option value="payment_orders">' in form and "اختر موضوعًا" in form
    for field in ("name", "email", "phone", "topic", "message"):
        assert f'<label for="enquiry-{field}">' in form
    assert 'name="website"' in form and 'tabindex="-1"' in form


def _selected_topics(html: str) -> list[str]:
    form = html.split('<form class="enquiry-form"', 1)[1].split("</form>", 1)[0]
    return re.findall(r'<option value="([^"]*)" selected>', form)


@pytest.mark.parametrize("language", ["ar", "en"])
@pytest.mark.parametrize("path", ["contact-centre/", "enquiry/"])
def test_a_link_can_open_the_form_with_a_topic_chosen(client, site, language, path):
    response = client.get(f"/{language}/{path}", {"topic": "right_to_information"})
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    assert _selected_topics(html) == ["right_to_information"]
    label = "طلب حصول على معلومات" if language == "ar" else "Right to information request"
    assert f'<option value="right_to_information" selected>{label}</option>' in html
    # Without the parameter nothing is chosen.
    assert _selected_topics(client.get(f"/{language}/{path}").content.decode()) == []


@pytest.mark.parametrize(
    "topic",
    ["unknown", "RIGHT_TO_INFORMATION", "<script>alert(1)</script>", "x" * 400, "", "general\x00"],
)
def test_a_topic_the_api_does_not_offer_is_ignored(client, site, topic):
    for path in ("/en/contact-centre/", "/ar/enquiry/"):
        response = client.get(path, {"topic": topic})
        assert response.status_code == 200, path
        html = response.content.decode()
        assert _selected_topics(html) == [] and "<script>alert" not in html
    twice = client.get("/en/enquiry/?topic=nope&topic=general")
    assert twice.status_code == 200 and _selected_topics(twice.content.decode()) == ["general"]


def test_what_the_visitor_chose_wins_over_the_links_topic(client, site):
    response = client.post("/en/enquiry/?topic=right_to_information", {**VALID, "message": "x"})
    assert response.status_code == 400
    assert _selected_topics(response.content.decode()) == [VALID["topic"]]


def test_an_enquiry_is_stored_and_the_visitor_sees_its_reference(client, site):
    response = client.post("/en/enquiry/", VALID)
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith("/en/enquiry/sent/?reference=MOF-")
    stored = Enquiry.objects.get()
    assert stored.email == "sara@example.com" and stored.language == "en"
    assert location.endswith(stored.reference)
    page = client.get(location)
    html = page.content.decode()
    assert page.status_code == 200
    assert f'<p class="reference"><bdi>{stored.reference}</bdi></p>' in html
    assert "no-cache" in page["Cache-Control"] and page["X-Robots-Tag"].startswith("noindex")


def test_errors_come_back_next_to_their_fields_in_the_visitors_language(client, site):
    response = client.post("/ar/enquiry/", {**VALID, "email": "", "message": "قصير"})
    assert response.status_code == 400
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl"' in html
    assert 'class="error-summary" role="alert"' in html
    assert 'href="#enquiry-email"' in html and 'href="#enquiry-message"' in html
    assert 'id="enquiry-email-error"' in html
    assert 'aria-invalid="true" aria-describedby="enquiry-email-error"' in html
    assert 'aria-describedby="enquiry-message-hint enquiry-message-error"' in html
    assert "Write at least" not in html  # the API's message, in Arabic
    # What the visitor typed is kept.
    assert ">قصير</textarea>" in html and '<option value="payment_orders" selected>' in html
    assert "no-cache" in response["Cache-Control"]
    assert Enquiry.objects.count() == 0


@pytest.mark.parametrize(
    "changes",
    [
        {"topic": "<script>"},
        {"message": "x" * 100_000},
        {"name": "n" * 10_000, "phone": "12"},
        {"email": "not-an-address"},
        {"topic": ""},
    ],
)
def test_odd_input_is_a_400_with_a_message_never_a_500(client, site, changes):
    response = client.post("/en/enquiry/", {**VALID, **changes})
    assert response.status_code == 400
    assert 'class="error-summary" role="alert"' in response.content.decode()
    assert Enquiry.objects.count() == 0


def test_a_filled_honeypot_stores_nothing_and_gives_no_reference(client, site):
    response = client.post("/en/enquiry/", {**VALID, "website": "http://spam.example/"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Your enquiry could not be sent." in html
    assert not REFERENCE.search(html)
    assert Enquiry.objects.count() == 0


def test_the_form_has_a_page_of_its_own_in_both_languages(client, site):
    for language, other in (("ar", "en"), ("en", "ar")):
        response = client.get(f"/{language}/enquiry/")
        html = response.content.decode()
        assert response.status_code == 200
        assert f'<html lang="{language}"' in html and 'class="enquiry-form"' in html
        assert f'href="/{other}/enquiry/"' in html  # the language switch keeps the page
        assert 'href="/' + language + '/contact-centre/"' in html  # breadcrumb


def test_a_confirmation_without_a_real_reference_goes_back_to_the_form(client, site):
    for odd in ("", "?reference=<b>hi</b>", "?reference=MOF-2026-0000000O"):
        response = client.get("/en/enquiry/sent/" + odd)
        assert response.status_code == 302 and response["Location"] == "/en/enquiry/"
    assert client.put("/en/enquiry/").status_code == 405
