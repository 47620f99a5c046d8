"""axe-core (WCAG 2.0-2.2 A/AA) and the Nu HTML Checker on every page type, in both languages."""

from __future__ import annotations

import itertools
from pathlib import Path

from django.utils import translation

from frontend.rendering import CONTENT_SECURITY_POLICY
from frontend.testing import PAGE_URLS, build_site
from frontend.views import server_error, service_unavailable
from tests.browser.conftest import BROWSER_MARKS, REPORT, axe_violations, vnu_errors

pytestmark = BROWSER_MARKS

EXPECTED_STATUS = {"NotFound": 404}
HTML_BUDGET_BYTES = 50 * 1024


def _visits():
    for page_type, urls in PAGE_URLS.items():
        for language, url in urls.items():
            yield page_type, language, url


def _error_page_html(rf, kind: str, language: str) -> str:
    with translation.override(language):
        request = rf.get(f"/{language}/")
        response = server_error(request) if kind == "500" else service_unavailable(request)
    return response.content.decode()


def _serve_error_page(page, live_server, html: str, status: int, language: str, kind: str):
    """Show a rendered error page at a live-server address (the real CSS loads with it)."""
    url = f"{live_server.url}/{language}/__{kind}__/"
    page.route(
        url,
        lambda route: route.fulfill(
            status=status,
            body=html,
            headers={
                "Content-Type": "text/html; charset=utf-8",
                "Content-Security-Policy": CONTENT_SECURITY_POLICY,
            },
        ),
    )
    page.goto(url)


def _check(page, label: str, problems: list[str]) -> None:
    direction = page.evaluate("[document.documentElement.lang, document.documentElement.dir]")
    expected = ["ar", "rtl"] if "/ar/" in page.url else ["en", "ltr"]
    if direction != expected:
        problems.append(f"{label}: <html lang/dir> is {direction}, expected {expected}")
    headings = page.evaluate("document.querySelectorAll('h1').length")
    if headings != 1:
        problems.append(f"{label}: {headings} h1 elements")
    for violation in axe_violations(page):
        problems.append(f"{label}: axe {violation['id']} ({violation['impact']}): {violation}")
    console_errors = page.watch.errors_besides(page.url)
    if console_errors:
        problems.append(f"{label}: console errors (CSP?) {console_errors}")
    if page.watch.foreign_requests:
        problems.append(f"{label}: requests to other hosts {page.watch.foreign_requests}")
    page.watch.console_errors.clear()
    page.watch.foreign_requests.clear()


def test_every_page_type_passes_axe_in_both_languages(new_page, live_server, rf):
    build_site()
    problems: list[str] = []
    checked = 0
    page = new_page()
    for page_type, language, url in _visits():
        response = page.goto(live_server.url + url)
        if response.status != EXPECTED_STATUS.get(page_type, 200):
            problems.append(f"{url}: HTTP {response.status}")
        _check(page, f"{page_type} {language}", problems)
        checked += 1
    for kind, status in (("500", 500), ("503", 503)):
        for language in ("ar", "en"):
            page = new_page()
            html = _error_page_html(rf, kind, language)
            _serve_error_page(page, live_server, html, status, language, kind)
            _check(page, f"error {kind} {language}", problems)
            checked += 1
    REPORT["axe pages checked"] = checked
    REPORT["axe tags"] = "wcag2a wcag2aa wcag21a wcag21aa wcag22aa"
    REPORT["axe violations"] = len(problems)
    assert not problems, "\n".join(problems)


def test_feedback_form_states_pass_axe(new_page, live_server):
    """The question on the service page leads to the form's own step; the form with its errors
    (sent without an answer); and the thank-you message back on the service page."""
    build_site()
    problems: list[str] = []
    for language in ("ar", "en"):
        page = new_page()
        page.goto(live_server.url + PAGE_URLS["ServicePage"][language])
        page.click("#feedback button[value=no]")
        assert "/service-feedback/MOF-IND-001/?useful=no" in page.url
        assert page.is_checked("#feedback input[value=no]")
        _check(page, f"feedback step {language}", problems)
        page.goto(page.url.split("?", 1)[0])
        page.click("#feedback button[type=submit]")
        assert page.locator(".error-summary").count() == 1
        assert page.get_attribute("#feedback-useful", "aria-invalid") == "true"
        _check(page, f"feedback errors {language}", problems)
        page.check("#feedback-useful")
        page.select_option("#feedback-reason", "CLEAR")
        page.click("#feedback button[type=submit]")
        assert "feedback=thanks" in page.url
        assert page.locator("#feedback .thanks").count() == 1
        _check(page, f"feedback thanks {language}", problems)
    assert not problems, "\n".join(problems)


def test_enquiry_form_states_pass_axe_and_the_html_checker(new_page, live_server, tmp_path):
    """The contact-centre form with its errors, then sent without JavaScript: the reference."""
    build_site()
    problems: list[str] = []
    files: list[Path] = []
    for language in ("ar", "en"):
        page = new_page()
        page.goto(live_server.url + PAGE_URLS["ContactCentrePage"][language])
        page.fill("#enquiry-message", "short")
        page.click("#enquiry button[type=submit]")
        assert page.url.endswith(f"/{language}/enquiry/")
        assert page.locator(".error-summary li").count() == 3  # contact, topic, message
        assert page.get_attribute("#enquiry-email", "aria-invalid") == "true"
        assert page.input_value("#enquiry-message") == "short"
        _check(page, f"enquiry errors {language}", problems)
        files.append(tmp_path / f"enquiry-errors-{language}.html")
        files[-1].write_text(page.content(), encoding="utf-8")
        page.fill("#enquiry-email", "sara@example.com")
        page.select_option("#enquiry-topic", "general")
        page.fill("#enquiry-message", "A question about my payment order.")
        page.click("#enquiry button[type=submit]")
        assert f"/{language}/enquiry/sent/?reference=MOF-" in page.url
        assert page.locator(".reference bdi").inner_text() == page.url.rsplit("=", 1)[1]
        _check(page, f"enquiry sent {language}", problems)
        files.append(tmp_path / f"enquiry-sent-{language}.html")
        files[-1].write_text(page.content(), encoding="utf-8")
    problems.extend(f"vnu {e.get('url', '')}: {e.get('message')}" for e in vnu_errors(files))
    assert not problems, "\n".join(problems)


def test_high_contrast_and_largest_text_pass_axe(new_page, live_server):
    build_site()
    problems: list[str] = []
    page = new_page(cookies={"mizan_contrast": "high", "mizan_text": "3"})
    for page_type, language in itertools.product(
        ("HomePage", "ServicePage", "ServiceIndexPage", "StandardPage", "SearchResults"),
        ("ar", "en"),
    ):
        page.goto(live_server.url + PAGE_URLS[page_type][language])
        classes = page.evaluate("document.documentElement.className")
        assert "contrast-high" in classes and "text-larger-3" in classes
        _check(page, f"{page_type} {language} high contrast", problems)
    assert not problems, "\n".join(problems)


def test_nu_html_checker_finds_no_errors(new_page, live_server, rf, tmp_path: Path):
    build_site()
    files: list[Path] = []
    sizes: dict[str, int] = {}
    page = new_page()
    for page_type, language, url in _visits():
        response = page.request.get(live_server.url + url)
        body = response.body()
        sizes[f"{page_type} {language}"] = len(body)
        path = tmp_path / f"{page_type}-{language}.html"
        path.write_bytes(body)
        files.append(path)
    for kind in ("500", "503"):
        for language in ("ar", "en"):
            path = tmp_path / f"error-{kind}-{language}.html"
            path.write_text(_error_page_html(rf, kind, language), encoding="utf-8")
            files.append(path)
    errors = vnu_errors(files)
    REPORT["vnu documents checked"] = len(files)
    REPORT["vnu errors"] = len(errors)
    REPORT["largest HTML page (bytes)"] = max(sizes.items(), key=lambda item: item[1])
    REPORT["service page HTML (bytes)"] = sizes["ServicePage ar"]
    assert not errors, "\n".join(
        f"{Path(e.get('url', '')).name}:{e.get('lastLine')}: {e.get('message')}" for e in errors
    )
    over = {name: size for name, size in sizes.items() if size > HTML_BUDGET_BYTES}
    assert not over, f"pages over the 50 kB HTML budget: {over}"


def test_publication_pages_pass_axe_and_the_nu_checker(new_page, live_server, tmp_path: Path):
    """The library (filtered, and at a type or year address), a publication with its HTML
    version, and a budget year with its tables and SVG chart, in both languages."""
    from publications.testing import LIBRARY_URLS, build_library

    build_library(build_site()["home"])
    problems: list[str] = []
    files: list[Path] = []
    page = new_page()
    for page_type, urls in LIBRARY_URLS.items():
        for language, url in urls.items():
            response = page.goto(live_server.url + url)
            if response.status != 200:
                problems.append(f"{url}: HTTP {response.status}")
            _check(page, f"{page_type} {language}", problems)
            path = tmp_path / f"{page_type}-{language}.html"
            path.write_bytes(response.body())
            files.append(path)
    errors = vnu_errors(files)
    REPORT["publication pages checked (axe and Nu)"] = len(files)
    assert not problems, "\n".join(problems)
    assert not errors, "\n".join(
        f"{Path(e.get('url', '')).name}:{e.get('lastLine')}: {e.get('message')}" for e in errors
    )


def test_procurement_pages_pass_axe_and_the_nu_checker(new_page, live_server, tmp_path: Path):
    """The notices' list (plain and filtered), an awarded and a cancelled notice, in both
    languages."""
    from wagtail.models import Locale

    from procurement.testing import PROCUREMENT_URLS, make_procurement

    make_procurement(build_site()["home"], Locale.objects.get(language_code="en"))
    problems: list[str] = []
    files: list[Path] = []
    page = new_page()
    for page_type, urls in PROCUREMENT_URLS.items():
        for language, url in urls.items():
            response = page.goto(live_server.url + url)
            if response.status != 200:
                problems.append(f"{url}: HTTP {response.status}")
            _check(page, f"{page_type} {language}", problems)
            path = tmp_path / f"{page_type}-{language}.html"
            path.write_bytes(response.body())
            files.append(path)
    errors = vnu_errors(files)
    REPORT["procurement pages checked (axe and Nu)"] = len(files)
    assert not problems, "\n".join(problems)
    assert not errors, "\n".join(
        f"{Path(e.get('url', '')).name}:{e.get('lastLine')}: {e.get('message')}" for e in errors
    )


def test_consultation_pages_and_form_pass_axe_and_the_nu_checker(
    new_page, live_server, tmp_path: Path
):
    """The list, a consultation in each state, the comment form with its errors and the
    confirmation, in both languages."""
    from wagtail.models import Locale

    from consultations.testing import make_consultations

    make_consultations(build_site()["home"], Locale.objects.get(language_code="en"))
    problems: list[str] = []
    files: list[Path] = []
    page = new_page()

    def keep(label: str) -> None:
        _check(page, label, problems)
        files.append(tmp_path / f"{label.replace(' ', '-')}.html")
        files[-1].write_text(page.content(), encoding="utf-8")

    for language in ("ar", "en"):
        for slug in ("", "upcoming/", "open/", "closed/", "outcome/"):
            response = page.goto(f"{live_server.url}/{language}/consultations/{slug}")
            if response.status != 200:
                problems.append(f"{slug}: HTTP {response.status}")
            keep(f"consultation {language} {slug.strip('/') or 'list'}")
        page.goto(f"{live_server.url}/{language}/consultations/open/")
        page.fill("#comment-comment", "short")
        page.click(".consultation-form button[type=submit]")
        assert page.locator(".error-summary li").count() == 1
        keep(f"consultation {language} errors")
        page.fill("#comment-comment", "The deadline in article 2 is too short.")
        page.click(".consultation-form button[type=submit]")
        assert "/comment/sent/?reference=CON-" in page.url
        keep(f"consultation {language} sent")
    errors = vnu_errors(files)
    REPORT["consultation pages checked (axe and Nu)"] = len(files)
    assert not problems, "\n".join(problems)
    assert not errors, "\n".join(
        f"{Path(e.get('url', '')).name}:{e.get('lastLine')}: {e.get('message')}" for e in errors
    )


def test_budget_chart_text_stays_readable_on_a_phone(new_page, live_server):
    """At 375 px the chart scrolls sideways in its own region rather than shrinking its text
    (drawn at 14 px on a 640-wide chart) past reading; the page itself does not scroll."""
    from publications.testing import LIBRARY_URLS, build_library

    build_library(build_site()["home"])
    page = new_page(width=375, height=800)
    for url in LIBRARY_URLS["BudgetYearPage"].values():
        page.goto(live_server.url + url)
        text_height = page.evaluate(
            "document.querySelector('svg.bar-chart text').getBoundingClientRect().height"
        )
        assert text_height >= 12, (url, text_height)
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, url


def test_institutional_pages_pass_axe_and_the_nu_checker(new_page, live_server, tmp_path: Path):
    """The organisation page (leaders with a photo, units with their people) and the government
    entities page, in both languages; the contact-centre form offers the right-to-information
    topic."""
    from institution.testing import INSTITUTION_URLS, build_institution

    build_institution(build_site()["home"])
    problems: list[str] = []
    files: list[Path] = []
    page = new_page()
    for page_type, urls in INSTITUTION_URLS.items():
        for language, url in urls.items():
            response = page.goto(live_server.url + url)
            if response.status != 200:
                problems.append(f"{url}: HTTP {response.status}")
            _check(page, f"{page_type} {language}", problems)
            files.append(tmp_path / f"{page_type}-{language}.html")
            files[-1].write_text(page.content(), encoding="utf-8")
    page.goto(live_server.url + PAGE_URLS["ContactCentrePage"]["en"])
    assert page.locator("#enquiry-topic option[value=right_to_information]").count() == 1
    problems.extend(f"vnu {e.get('url', '')}: {e.get('message')}" for e in vnu_errors(files))
    assert not problems, "\n".join(problems)
