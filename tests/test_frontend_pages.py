"""Server-rendered pages in both languages: structure, language links, errors, budgets."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.utils import translation

from frontend.templatetags.frontend_tags import isolate, isolate_html, json_ld
from frontend.testing import PAGE_URLS, build_site
from frontend.views import server_error

STATIC = Path(__file__).resolve().parent.parent / "frontend" / "static" / "frontend"


@pytest.fixture
def site(db):
    return build_site()


def _pages():
    for page_type, urls in PAGE_URLS.items():
        for language, url in urls.items():
            yield page_type, language, url


@pytest.mark.parametrize("page_type,language,url", list(_pages()))
def test_every_page_type_renders_in_its_language(client, site, page_type, language, url):
    response = client.get(url)
    assert response.status_code == (404 if page_type == "NotFound" else 200)
    html = response.content.decode()
    direction = "rtl" if language == "ar" else "ltr"
    assert f'<html lang="{language}" dir="{direction}"' in html
    assert html.count("<h1") == 1
    assert 'class="skip-link" href="#main"' in html and '<main id="main"' in html
    assert response["Content-Language"] == language
    # No inline script or style: the CSP forbids them (JSON-LD is data, not script).
    assert not re.search(r"\sstyle=", html)
    for script in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in script or 'type="application/ld+json"' in script, script
    assert "script-src 'self'" in response["Content-Security-Policy"]
    if page_type.startswith("Search"):
        assert '<meta name="robots" content="noindex, follow">' in html
        assert (
            'class="language-switch" href="/' + ("en" if language == "ar" else "ar") + "/search/"
            in html
        )
    elif page_type != "NotFound":
        assert f'<link rel="canonical" href="http://testserver{url}">' in html
        other = "en" if language == "ar" else "ar"
        assert f'hreflang="{other}"' in html
        assert 'property="og:title"' in html
        # The home page and the enquiry form are not content an editor dates.
        assert 'class="last-updated"' in html or page_type in ("HomePage", "EnquiryPage")


def test_interface_strings_are_translated(client, site):
    arabic = client.get("/ar/about/").content.decode()
    assert "تخطي إلى المحتوى الرئيسي" in arabic
    assert "آخر تحديث" in arabic and "Last updated" not in arabic
    english = client.get("/en/about/").content.decode()
    assert "Skip to main content" in english and "Last updated" in english


def test_root_redirects_by_accept_language_arabic_by_default(client, db):
    assert client.get("/")["Location"] == "/ar/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")["Location"] == "/en/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="fr-FR")["Location"] == "/ar/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="ar-SA,en;q=0.5")["Location"] == "/ar/"


def test_language_switch_leads_to_the_translation_not_the_home_page(client, site):
    html = client.get("/ar/services/loan-exemption/").content.decode()
    assert 'class="language-switch" href="/en/services/loan-exemption/"' in html
    html = client.get("/en/news/news-3/").content.decode()
    assert 'class="language-switch" href="/ar/news/news-3/"' in html


def test_breadcrumbs_and_last_updated(client, site):
    html = client.get("/ar/about/leadership/").content.decode()
    crumbs = re.search(r'<nav class="wrap breadcrumbs".*?</nav>', html, re.S).group(0)
    assert crumbs.index('href="/ar/"') < crumbs.index('href="/ar/about/"')
    assert 'aria-current="page">القيادة<' in crumbs
    assert re.search(r'<time datetime="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4}">', html)


def test_latin_codes_and_numbers_are_isolated_in_arabic():
    with translation.override("ar"):
        assert isolate("الخدمة MOF-IND-001 على 19990.") == (
            "الخدمة <bdi>MOF-IND-001</bdi> على <bdi>19990</bdi>."
        )
        assert isolate("<i>٣</i>") == "&lt;<bdi>i</bdi>&gt;٣&lt;/<bdi>i</bdi>&gt;"
    with translation.override("en"):
        assert isolate("Call 19990") == "Call 19990"


def test_latin_runs_in_rich_text_are_isolated_in_arabic_and_markup_is_kept():
    with translation.override("ar"):
        assert isolate_html("<p>عبر الحساب @MofCare.</p>") == (
            "<p>عبر الحساب <bdi>@MofCare</bdi>.</p>"
        )
        html = (
            '<p><a href="mailto:care@mof.gov.sa">care@mof.gov.sa</a> R&amp;D '
            "<bdi>MOF-1</bdi> <code>a b</code></p>"
        )
        assert isolate_html(html) == (
            '<p><a href="mailto:care@mof.gov.sa"><bdi>care@mof.gov.sa</bdi></a> '
            "<bdi>R&amp;D</bdi> <bdi>MOF-1</bdi> <code>a b</code></p>"
        )
        assert isolate_html(None) == ""
    with translation.override("en"):
        assert isolate_html("<p>@MofCare.</p>") == "<p>@MofCare.</p>"


def test_handles_in_arabic_rich_text_keep_their_at_sign_in_front(client, site):
    """ "@MofCare" at the end of an Arabic sentence must not show as "MofCare@"."""
    arabic = client.get("/ar/news/news-1/").content.decode()
    assert "الحساب <bdi>@MofCare</bdi>.</p>" in arabic and "<bdi>19990</bdi>" in arabic
    english = client.get("/en/news/news-1/").content.decode()
    assert "Reach us on 19990 or @MofCare.</p>" in english


def test_json_ld_cannot_close_its_script_element():
    assert json_ld({"name": "</script><script>alert(1)</script>"}) == (
        '{"name":"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"}'
    )


def test_service_page_embeds_json_ld_and_the_start_link(client, site):
    html = client.get("/ar/services/loan-exemption/").content.decode()
    assert '<script type="application/ld+json">' in html and "GovernmentService" in html
    assert 'href="/ar/service-start/MOF-IND-001/"' in html
    assert 'href="tel:19990"' in html
    coming = client.get("/ar/services/expropriation-compensation/").content.decode()
    assert "service-start" not in coming  # not available yet: no start link


def test_news_pagination_without_javascript(client, site):
    first = client.get("/ar/news/").content.decode()
    assert first.count('class="card news-card"') == 10 and 'rel="next"' in first
    second = client.get("/ar/news/?page=2").content.decode()
    assert second.count('class="card news-card"') == 1 and 'rel="prev"' in second
    assert client.get("/ar/news/?page=abc").status_code == 200
    assert client.get("/ar/news/?page=-4").status_code == 200


def test_catalogue_filters_by_category_and_audience(client, site):
    everything = client.get("/en/services/").content.decode()
    assert everything.count('class="card service-card"') == 3
    orders = client.get("/en/services/?category=payment-orders").content.decode()
    assert orders.count('class="card service-card"') == 2
    business = client.get("/en/services/?audience=business").content.decode()
    assert business.count('class="card service-card"') == 1
    assert 'value="business" selected' in business
    # Unknown filter values are ignored, never an error.
    odd = client.get("/en/services/?category=%3Cscript%3E&audience=martians&page=x")
    assert odd.status_code == 200


def test_not_found_in_both_languages(client, site):
    for language in ("ar", "en"):
        response = client.get(f"/{language}/no/such/page/")
        assert response.status_code == 404
        assert f'<html lang="{language}"' in response.content.decode()


def test_server_error_page_needs_no_database(rf):
    # No `db` fixture: pytest-django makes any database access in this test an error.
    for language, direction in (("ar", "rtl"), ("en", "ltr")):
        with translation.override(language):
            response = server_error(rf.get(f"/{language}/"))
        assert response.status_code == 500
        assert f'<html lang="{language}" dir="{direction}">' in response.content.decode()


def test_budgets_for_css_and_javascript():
    css = sum(path.stat().st_size for path in STATIC.rglob("*.css"))
    js = sum(path.stat().st_size for path in STATIC.rglob("*.js"))
    assert css <= 50 * 1024, f"CSS is {css} bytes"
    assert js <= 30 * 1024, f"JavaScript is {js} bytes"
    for path in STATIC.rglob("*.css"):
        text = path.read_text()
        # Logical properties only: physical sides would not mirror in Arabic.
        assert not re.search(r"(margin|padding|border)-(left|right)\b|\b(left|right)\s*:", text)


def test_service_page_html_is_under_50_kb(client, site):
    assert len(client.get("/ar/services/loan-exemption/").content) <= 50 * 1024


def test_search_without_javascript_facets_and_nothing_found(client, site):
    html = client.get("/en/search/?q=loan").content.decode()
    assert 'class="results-summary" role="status"' in html
    assert 'href="?q=loan&amp;type=' in html  # facets are plain links
    empty = client.get("/en/search/?q=zzzzqq").content.decode()
    assert 'href="/en/services/"' in empty and 'href="/en/contact-centre/"' in empty
    assert 'href="tel:19990"' in empty
    # Odd input is cut or ignored, never an error.
    for odd in ("?q=" + "x" * 5000, "?q=loan&page=zz&type=<b>&category=%00", "?q=%F0%9F%98%80"):
        assert client.get("/ar/search/" + odd).status_code == 200


def test_search_suggestions_are_json_and_optional(client, site):
    response = client.get("/ar/search/suggest/", {"q": "طلب"})
    assert response.status_code == 200
    # The two services of frontend.testing whose Arabic titles start with the word, each once.
    suggestions = response.json()["suggestions"]
    assert sorted(suggestions) == sorted(["طلب نسخة من أمر دفع", "طلب إعفاء من قرض"])
    # In English, the service and the regulation of frontend.testing that use the word.
    english = client.get("/en/search/suggest/", {"q": "loan"}).json()["suggestions"]
    assert sorted(english) == ["Apply for a loan exemption", "Loan exemption rules"]
    assert client.get("/ar/search/suggest/", {"q": "x"}).json() == {"suggestions": []}


def test_djangos_own_404_handler_renders_a_sane_page(rf):
    """Paths no route matches (e.g. /static/missing.css) get 404.html without our context."""
    from django.http import Http404
    from django.views.defaults import page_not_found

    with translation.override("en"):
        response = page_not_found(rf.get("/static/missing.css"), Http404())
    html = response.content.decode()
    assert response.status_code == 404 and '<html lang="en" dir="ltr"' in html
    assert 'action="/en/search/"' in html and 'href=""' not in html


def test_the_project_uses_the_frontends_error_views(settings):
    from cms import urls

    assert urls.handler404 == "frontend.views.not_found"
    assert urls.handler500 == "frontend.views.server_error"
    assert settings.CSRF_FAILURE_VIEW == "frontend.views.csrf_failure"


def test_a_path_no_route_matches_gets_the_sites_404_page(client, site):
    response = client.get("/no-such-file.txt")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl"' in html and 'href="/ar/privacy/"' in html  # the footer
    assert 'action="/ar/search/"' in html


def test_an_uncaught_error_gets_the_sites_500_page_without_a_traceback(site, monkeypatch):
    from django.test import Client

    from frontend import client as api_client

    def broken(*args, **kwargs):
        raise RuntimeError("a bug, not an outage")

    monkeypatch.setattr(api_client, "run", broken)
    response = Client(raise_request_exception=False).get("/en/about/")
    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="en" dir="ltr"' in html
    assert "RuntimeError" not in html and "Traceback" not in html


def test_service_family_cards_link_to_the_catalogue_filtered_by_their_category(client, site):
    for language in ("ar", "en"):
        html = client.get(f"/{language}/").content.decode()
        cards = html.split('<ul class="cards">', 1)[1].split("</ul>", 1)[0]
        assert f'href="/{language}/services/?category=payment-orders"' in cards
        assert f'href="/{language}/about/"' in cards  # a chosen page still wins
    filtered = client.get("/ar/services/?category=payment-orders").content.decode()
    assert '<option value="payment-orders" selected>' in filtered
