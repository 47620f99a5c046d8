"""Visitor actions: the start link, feedback, display tools, preview, discovery files."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from django.db.models import Sum

from frontend.testing import build_site
from services_catalog.models import ServiceDailyStats, ServiceFeedback


@pytest.fixture
def site(db):
    return build_site()


def _kpi(field: str) -> int:
    return ServiceDailyStats.objects.aggregate(total=Sum(field))["total"] or 0


def test_start_link_counts_a_start_and_redirects_to_the_https_address(client, site):
    starts = _kpi("starts")
    response = client.get("/ar/service-start/MOF-IND-001/")
    assert response.status_code == 302
    assert response["Location"] == "https://example.org/services/loan-exemption"
    assert _kpi("starts") == starts + 1


def test_start_link_of_a_service_without_online_channel_goes_to_its_page(client, site):
    response = client.get("/en/service-start/MOF-IND-003/")
    assert response["Location"] == "/en/services/expropriation-compensation/"
    assert client.get("/en/service-start/NO-SUCH-1/").status_code == 404


def test_viewing_a_service_page_counts_a_view(client, site):
    views = _kpi("views")
    client.get("/en/services/loan-exemption/")
    assert _kpi("views") == views + 1


def test_feedback_without_javascript_records_and_thanks(client, site):
    response = client.post(
        "/en/service-feedback/MOF-IND-001/",
        {"useful": "no", "reason": "UNCLEAR", "comment": "Step 2 was confusing"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/services/loan-exemption/?feedback=thanks#feedback"
    assert ServiceFeedback.objects.count() == 1
    thanks = client.get(response["Location"]).content.decode()
    assert 'class="thanks" role="status"' in thanks


def test_feedback_errors_are_tied_to_their_fields(client, site):
    response = client.post("/ar/service-feedback/MOF-IND-001/", {"comment": "x" * 501})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="error-summary" role="alert"' in html
    assert 'href="#feedback-useful"' in html and 'href="#feedback-comment"' in html
    assert 'aria-describedby="feedback-useful-error"' in html
    assert 'aria-describedby="feedback-comment-hint feedback-comment-error"' in html
    assert "no-cache" in response["Cache-Control"]  # it holds what the visitor typed
    assert ServiceFeedback.objects.count() == 0


def test_feedback_form_has_a_honeypot_people_never_reach(client, site):
    html = client.get("/ar/service-feedback/MOF-IND-001/").content.decode()
    honeypot = html.split('<div class="honeypot" aria-hidden="true">', 1)[1].split("</div>", 1)[0]
    assert 'name="website"' in honeypot and 'tabindex="-1"' in honeypot
    assert 'autocomplete="off"' in honeypot and '<label for="feedback-website">' in honeypot


def test_feedback_with_the_honeypot_filled_is_dropped_but_thanked(client, site, caplog):
    response = client.post(
        "/en/service-feedback/MOF-IND-001/",
        {"useful": "yes", "reason": "CLEAR", "website": "http://spam.example/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/services/loan-exemption/?feedback=thanks#feedback"
    assert ServiceFeedback.objects.count() == 0
    assert "honeypot" in caplog.text
    # Even an answer a person would be told to fix gets the thank-you: the bot learns nothing.
    response = client.post("/en/service-feedback/MOF-IND-001/", {"website": "x"})
    assert response.status_code == 302 and ServiceFeedback.objects.count() == 0


def test_feedback_needs_a_known_service(client, site):
    assert client.get("/en/service-feedback/NO-SUCH-1/").status_code == 404
    assert client.post("/en/service-feedback/NO-SUCH-1/", {"useful": "yes"}).status_code == 404
    assert client.post("/en/service-feedback/NO-SUCH-1/", {}).status_code == 404
    assert client.put("/en/service-feedback/MOF-IND-001/").status_code == 405


def test_the_service_page_asks_and_the_form_has_a_step_of_its_own(client, site):
    page = client.get("/en/services/loan-exemption/")
    html = page.content.decode()
    question = html.split('<section id="feedback"', 1)[1].split("</section>", 1)[0]
    assert '<form method="get" action="/en/service-feedback/MOF-IND-001/"' in question
    assert 'name="useful" value="yes"' in question and 'name="useful" value="no"' in question
    # Nothing on the page is the visitor's own, so a shared cache may keep it.
    assert "csrfmiddlewaretoken" not in html and "csrftoken" not in page.cookies
    assert "public" in page["Cache-Control"]

    step = client.get("/en/service-feedback/MOF-IND-001/", {"useful": "no"})
    assert step.status_code == 200
    form = step.content.decode()
    assert 'name="csrfmiddlewaretoken"' in form
    assert '<a href="/en/services/loan-exemption/">' in form
    assert '<form method="post" action="/en/service-feedback/MOF-IND-001/"' in form
    assert 'value="no" checked' in form and 'value="yes" checked' not in form
    assert '<meta name="robots" content="noindex">' in form and "noindex" in step["X-Robots-Tag"]
    assert "public" not in step.get("Cache-Control", "")
    # Anything but yes or no in the address chooses nothing.
    odd = client.get("/en/service-feedback/MOF-IND-001/", {"useful": "<b>"}).content.decode()
    assert " checked" not in odd and "<b>" not in odd
    # The Arabic step is in Arabic, with the language switch to the same step in English.
    arabic = client.get("/ar/service-feedback/MOF-IND-001/").content.decode()
    assert '<html lang="ar" dir="rtl"' in arabic and "/en/service-feedback/MOF-IND-001/" in arabic


def test_display_tools_set_cookies_and_return_to_the_page(client, db):
    response = client.get("/display/", {"text": "2", "next": "/ar/about/"})
    assert response.status_code == 302 and response["Location"] == "/ar/about/"
    assert response.cookies["mizan_text"].value == "2"
    response = client.get("/display/", {"contrast": "high", "next": "https://evil.example/"})
    assert response["Location"] == "/"
    assert response.cookies["mizan_contrast"].value == "high"
    response = client.get("/display/", {"text": "999", "next": "//evil.example/"})
    assert response.cookies["mizan_text"].value == "3" and response["Location"] == "/"


def test_display_preferences_become_classes(client, site):
    client.cookies["mizan_text"] = "-1"
    client.cookies["mizan_contrast"] = "high"
    html = client.get("/en/").content.decode()
    assert '<html lang="en" dir="ltr" class="text-smaller contrast-high">' in html
    client.cookies["mizan_text"] = "nonsense"
    assert 'class="contrast-high"' in client.get("/en/").content.decode()


def test_preview_shows_the_draft_and_the_public_url_does_not(client, site):
    about = site["about"].specific
    about.title = "مسودة لم تنشر"
    about.save_revision()  # a draft: the live page keeps its published title
    token = about.create_page_preview().token

    public = client.get("/ar/about/").content.decode()
    assert "مسودة لم تنشر" not in public

    response = client.get("/preview/", {"content_type": "site_pages.standardpage", "token": token})
    assert response.status_code == 200
    assert '<h1 id="page-title">مسودة لم تنشر</h1>' in response.content.decode()
    assert '<html lang="ar" dir="rtl"' in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_preview_with_a_bad_token_says_so(client, site):
    for params in ({"token": "forged:token"}, {}, {"token": "x" * 5000}):
        response = client.get("/preview/", params)
        assert response.status_code == 400
        assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_sitemap_lists_both_languages_with_alternates(client, site):
    response = client.get("/sitemap.xml")
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    locations = [url.findtext("s:loc", namespaces=ns) for url in root.findall("s:url", ns)]
    assert "http://testserver/ar/" in locations and "http://testserver/en/" in locations
    assert "http://testserver/ar/services/loan-exemption/" in locations
    assert "http://testserver/en/news/news-11/" in locations
    about = next(
        u
        for u in root.findall("s:url", ns)
        if u.findtext("s:loc", namespaces=ns).endswith("/ar/about/")
    )
    hreflangs = {link.get("hreflang"): link.get("href") for link in about.findall("x:link", ns)}
    assert hreflangs == {
        "ar": "http://testserver/ar/about/",
        "en": "http://testserver/en/about/",
    }


def test_robots_txt_points_to_the_sitemap(client, db):
    text = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /preview/" in text


def test_news_feed_per_language(client, site):
    for language in ("ar", "en"):
        response = client.get(f"/{language}/feeds/news.xml")
        assert response.status_code == 200
        channel = ET.fromstring(response.content).find("channel")
        assert channel.findtext("language") == language
        links = [item.findtext("link") for item in channel.findall("item")]
        assert links and all(f"/{language}/news/" in link for link in links)


def test_a_stale_form_gets_a_plain_explanation(site, settings):
    from django.test import Client

    settings.CSRF_FAILURE_VIEW = "frontend.views.csrf_failure"
    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/ar/service-feedback/MOF-IND-001/", {"useful": "yes"})
    assert response.status_code == 403
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl"' in html and "CSRF" not in html


def test_preview_may_be_framed_by_the_admin_and_public_pages_not(client, site):
    about = site["about"].specific
    token = about.create_page_preview().token
    preview = client.get("/preview/", {"token": token})
    assert preview["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in preview["Content-Security-Policy"]
    public = client.get("/ar/about/")
    assert public["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in public["Content-Security-Policy"]
