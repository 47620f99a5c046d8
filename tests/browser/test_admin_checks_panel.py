"""Wagtail's Checks panel on our headless preview (issue 17, item 4).

The panel runs axe and the content metrics inside the preview document. Ours is the frontend's
/preview/ page, which serves Wagtail's userbar to editors for that; without it the panel said
"0 issues" and "-" for every metric whatever the page held.
"""

from __future__ import annotations

import re

from django.conf import settings

from site_pages.models import StandardPage
from site_pages.testing import add_page, make_site_tree
from tests.browser.conftest import BROWSER_MARKS
from tests.browser.test_admin_translation_editor import _arabic_admin_session

pytestmark = BROWSER_MARKS

SENTENCE = "تقدّم وزارة المالية خدمات الأفراد إلكترونيًا عبر منصة موحدة"
REPEATS = 40


def test_the_checks_panel_reads_the_frontend_preview(browser, live_server):
    home_ar, _ = make_site_tree()
    edited = add_page(
        home_ar,
        StandardPage(
            title="خدمات الأفراد",
            slug="individuals",
            intro="مقدمة",
            body=[{"type": "paragraph", "value": f"<p>{' '.join([SENTENCE] * REPEATS)}</p>"}],
        ),
    )
    # A context of its own: the shared fixture preloads axe into every frame, which would hide
    # whether the preview document loads the checker itself.
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": _arabic_admin_session(),
                "url": live_server.url,
            }
        ]
    )

    # A flaw the page's own template might have (an empty heading), put into the preview
    # document on its way to the browser: the panel must find it there.
    def with_an_empty_heading(route):
        response = route.fetch()
        body = response.text().replace("</main>", "<h2></h2></main>", 1)
        route.fulfill(response=response, body=body)

    context.route(re.compile(r"/preview/\?"), with_an_empty_heading)
    page = context.new_page()
    console_errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and console_errors.append(m.text))
    page.goto(f"{live_server.url}/admin/pages/{edited.pk}/edit/")
    page.locator('[data-side-panel-toggle="checks"]').click()

    panel = page.locator('[data-side-panel="checks"]')
    words = panel.locator("[data-content-word-count]")
    page.wait_for_function(
        "el => /\\d/.test(el.textContent)", arg=words.element_handle(), timeout=30_000
    )
    counted = int(re.sub(r"\D", "", words.inner_text()))
    # The body's words and a few from the page around it (title, breadcrumbs are left out by
    # Wagtail's extractor, which reads <main>): never the "-" of a document it cannot read.
    body_words = len(SENTENCE.split()) * REPEATS
    assert body_words <= counted < body_words + 60, counted
    assert re.search(r"\d", panel.locator("[data-content-reading-time]").inner_text())
    # axe ran in the preview document and found the empty heading there (the count starts at 0).
    issue = panel.locator("[data-content-checker-row]")
    issue.first.wait_for(timeout=30_000)
    assert issue.count() == 1
    assert panel.locator("[data-content-checker-count]").inner_text().strip() == "1"
    assert (
        issue.locator("[data-content-checker-selector-text]").inner_text().strip() == "#main > h2"
    )

    (preview,) = [f for f in page.frames if "/preview/" in f.url]
    assert "in_preview_panel=true" in preview.url
    # The userbar is there for the checks only: hidden, so the preview shows the page as is.
    assert preview.locator("wagtail-userbar").count() == 1
    assert not preview.get_by_role("complementary", name=re.compile("Wagtail")).is_visible()
    # Wagtail's checker logs what axe found as an error; nothing else may fail.
    assert [e for e in console_errors if not e.startswith("axe.run results")] == []
    context.close()
