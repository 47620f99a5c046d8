"""A ministry editor's walk through the Arabic admin in Chromium, as docs/editors-guide.md tells it
(issue 17): create a service and preview it before it is saved, publish it, start its English
translation and publish nothing (the English page stays out of every public surface), publish the
translation, correct a synchronised fact, schedule a page and see it go live on the worker, and
have a skipped heading level and a "click here" link refused with Arabic messages.

Each step checks what a visitor or a partner portal sees (public pages, lists, search, GraphQL),
not only that the admin accepted a click.

Screenshots for the guide (docs/screenshots/editor-<step>-ar.png, 1280 px wide) are written there
only when MIZAN_SCREENSHOTS=1; otherwise they go to the test's temporary folder, so a normal run
leaves the working tree as it was:

    MIZAN_SCREENSHOTS=1 .venv/bin/pytest -n 0 tests/browser/test_editor_walkthrough.py
"""

from __future__ import annotations

import os
import re
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone
from wagtail_localize.models import LocaleSynchronization

from cms.localize import publish_translation
from services_catalog.models import ServiceCategory, ServicePage
from services_catalog.testing import make_catalogue
from site_pages.models import StandardPage
from site_pages.testing import add_page, make_site_tree
from tests.browser.conftest import BROWSER_MARKS
from tests.browser.test_admin_translation_editor import _arabic_admin_session

pytestmark = BROWSER_MARKS

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"

CODE = "MOF-IND-120"
SLUG = "update-exemption-request"
TITLE_AR = "تحديث بيانات طلب الإعفاء من القرض"
TITLE_EN = "Update a loan exemption request"
SUMMARY_AR = "تعديل رقم الجوال أو العنوان أو المستندات في طلب إعفاء من القرض قيد الدراسة."
SUMMARY_EN = "Change the mobile number, address or documents of a loan exemption request."
CATEGORY = "loan-exemptions"

SERVICE = """query($code: String!) { service(code: $code, locale: "en") { title } }"""

# The Arabic messages of cms/accessibility.py (locale/ar), written out: with the Arabic
# translation missing the editor would read English, and this test must then fail.
HEADING_SKIPPED = (
    "هذا العنوان من المستوى 4 يتخطى مستوى: العنوان الذي قبله من المستوى 2. "
    "استخدم المستوى 3 أو أعلى."
)
VAGUE_LINK = "نص الرابط «اضغط هنا» لا يوضّح إلى أين يؤدي الرابط. اذكر وجهته، مثل «التقديم على إعفاء من القرض»."

# Wagtail's change watcher takes its snapshot of a form a moment after the page loads; edits made
# before it are not seen as edits, and autosave never fires for them. The page records the moment
# so that the test can type after it.
WATCH_EDITS = (
    "document.addEventListener('w-unsaved:watch-edits', () => { window.mizanWatching = true; });"
)


def expect(target):
    """Playwright's waiting assertions, imported when used: without Playwright the browser
    fixture skips (or fails under CI) with the reason, rather than this module failing to load."""
    from playwright.sync_api import expect as playwright_expect

    # The machine may be shared and loaded: wait longer than Playwright's 5 s for the admin.
    playwright_expect.set_options(timeout=15_000)
    return playwright_expect(target)


@pytest.fixture
def screenshot(tmp_path):
    folder = SCREENSHOTS if os.environ.get("MIZAN_SCREENSHOTS") == "1" else tmp_path

    def take(page, step: str) -> Path:
        assert page.viewport_size["width"] == 1280
        path = folder / f"editor-{step}-ar.png"
        page.screenshot(path=str(path), animations="disabled")
        return path

    return take


@pytest.fixture
def site():
    """The Arabic and English trees with the catalogue, set up as load_demo_content does: English
    follows Arabic (a new Arabic page gets its English placeholder at once), and the service's
    English category is a wagtail-localize translation, which "Translate this page" then keeps
    (make_catalogue's plain English copies would be overwritten with the Arabic text)."""
    home_ar, home_en = make_site_tree()
    catalogue = make_catalogue(home_ar, home_en)
    arabic_category = catalogue.categories_ar[CATEGORY]
    english_category = catalogue.categories_en[CATEGORY]
    english_name = english_category.name
    english_category.delete()
    catalogue.categories_en[CATEGORY] = publish_translation(
        arabic_category,
        ServiceCategory(slug=CATEGORY, name=english_name, description=english_category.description),
    )
    LocaleSynchronization.objects.create(locale=catalogue.english, sync_from=catalogue.arabic)
    return home_ar, catalogue


@pytest.fixture
def open_browser(browser, live_server):
    """A browser window of its own (1280 x 900), with its own cookies and cache. Unlike
    `new_page`, without axe-core loaded into every document: nothing here runs it."""
    contexts = []

    def open_page(cookies: dict[str, str] | None = None):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        contexts.append(context)
        if cookies:
            context.add_cookies(
                [{"name": k, "value": v, "url": live_server.url} for k, v in cookies.items()]
            )
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def editor(open_browser):
    """A browser signed in as an editor whose admin language is Arabic."""
    return open_browser(cookies={settings.SESSION_COOKIE_NAME: _arabic_admin_session()})


class Visitor:
    """Anonymous visitors, and a partner portal's GraphQL calls.

    Each page is opened by a new visitor (a browser of its own): public pages may be kept by
    browsers for a minute (PUBLIC_MAX_AGE_SECONDS), so one browser coming back would see its
    own copy, not what the site now answers."""

    def __init__(self, open_browser, base_url: str) -> None:
        self.open_browser = open_browser
        self.base_url = base_url
        self.page = None

    def open(self, path: str) -> int:
        self.page = self.open_browser()
        response = self.page.goto(self.base_url + path, wait_until="domcontentloaded")
        return response.status

    def links_to(self, path: str, target: str) -> int:
        assert self.open(path) == 200, path
        return self.page.locator(f'main a[href$="{target}"]').count()

    def fact(self, label: str):
        """A fact of the service page last opened, by its label."""
        return self.page.locator(".service-facts div").filter(has_text=label).locator("dd")

    def graphql(self, query: str, variables: dict) -> dict:
        portal = self.page or self.open_browser()
        response = portal.request.post(
            f"{self.base_url}/graphql/", data={"query": query, "variables": variables}
        )
        assert response.ok, response.text()
        payload = response.json()
        assert "errors" not in payload, payload
        return payload["data"]


@pytest.fixture
def visitor(open_browser, live_server) -> Visitor:
    return Visitor(open_browser, live_server.url)


def publish(page) -> None:
    """The footer's "more actions" menu, then its publish button (whatever its label)."""
    page.locator("footer [data-w-dropdown-target=toggle]").click()
    with page.expect_navigation():
        page.locator('footer button[name="action-publish"]').click()


def messages(page) -> str:
    return page.locator(".messages").inner_text()


def test_a_service_from_creation_to_a_corrected_translation(
    editor, visitor, site, live_server, screenshot
):
    home_ar, catalogue = site

    # 1. Add page: a service, with the preview panel open before anything is saved. Wagtail 8
    # saves drafts by itself (autosave) as soon as the form is valid, which is also when the
    # preview first renders; the test holds those saves back until the preview has been seen, so
    # what it sees is a page that has no row yet, as when an editor previews before any save.
    add_path = f"/admin/pages/add/services_catalog/servicepage/{catalogue.index_ar.pk}/"
    editor.add_init_script(WATCH_EDITS)
    editor.goto(live_server.url + add_path)
    editor.wait_for_function("window.mizanWatching === true")
    held_saves = []

    def is_add_form(url: str) -> bool:
        return urlsplit(url).path == add_path

    def hold_saves(route) -> None:
        if route.request.method == "POST":
            held_saves.append(route)
        else:
            route.continue_()

    editor.route(is_add_form, hold_saves)
    editor.locator('[data-side-panel-toggle="preview"]').click()
    editor.fill("#id_title", TITLE_AR)
    editor.fill("#id_code", CODE)
    editor.get_by_role("button", name="اختر تصنيف خدمات").click()
    chooser = editor.locator(".modal-dialog")
    chooser.get_by_role("link", name=catalogue.categories_ar[CATEGORY].name).click()
    expect(chooser).to_be_hidden()
    editor.fill("#id_summary", SUMMARY_AR)
    editor.check("#id_audiences_0")
    editor.fill("#id_department", "الإدارة العامة للقروض")
    editor.get_by_role("tab", name="المتطلبات").click()
    editor.fill("#id_processing_time", "P10D")
    editor.get_by_role("tab", name="قنوات تقديم الخدمة").click()
    editor.fill("#id_online_url", "https://eservices.mof.gov.sa/loan-exemption/update")
    editor.get_by_role("tab", name="الترويج").click()
    editor.fill("#id_slug", SLUG)
    editor.get_by_role("tab", name="الخدمة", exact=True).click()

    preview = editor.frame_locator("#w-preview-iframe")
    expect(preview.get_by_role("heading", level=1, name=TITLE_AR)).to_be_visible()
    # The panel's document is our frontend's /preview/, reached from the add form's preview
    # (a token naming the parent and the type: the page has no id of its own there).
    shown = editor.locator("#w-preview-iframe").evaluate(
        "frame => frame.contentWindow.location.href"
    )
    assert urlsplit(shown).path == "/preview/", shown
    token = parse_qs(urlsplit(shown).query)["token"][0]
    assert token.startswith(f"parent_id={catalogue.index_ar.pk};"), token
    assert not ServicePage.objects.filter(code=CODE).exists()
    screenshot(editor, "preview")

    # The held saves now reach the server: the draft is kept, the address becomes the edit form's.
    for route in held_saves:
        route.continue_()
    editor.unroute(is_add_form, hold_saves)
    editor.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    arabic = ServicePage.objects.get(code=CODE, locale=catalogue.arabic)
    assert not arabic.live

    # 2. Publish: the Arabic page is public, and found by its code.
    publish(editor)
    assert f"تم نشر الصفحة '{TITLE_AR}'" in messages(editor)
    assert visitor.open(f"/ar/services/{SLUG}/") == 200
    expect(visitor.page.locator("h1")).to_have_text(TITLE_AR)

    # 3. Translate this page -> English, through wagtail-localize's views; publish nothing.
    editor.goto(f"{live_server.url}/admin/pages/{arabic.pk}/edit/")
    editor.locator("header [data-w-dropdown-target=toggle]").click()
    editor.get_by_text("ترجمة هذه الصفحة", exact=True).click()
    editor.wait_for_url(f"**/admin/localize/submit/page/{arabic.pk}/")
    editor.get_by_label("English").check()
    screenshot(editor, "translate")
    editor.get_by_role("button", name="إرسال").click()
    english = arabic.get_translation(catalogue.english)
    editor.wait_for_url(f"**/admin/pages/{english.pk}/edit/")
    assert f"تم إرسال الصفحة '{TITLE_AR}' للترجمة إلى English بنجاح" in messages(editor)
    translation_editor = editor.locator(".js-translation-editor")
    expect(translation_editor.get_by_text("الترجمة من العربية إلى English").first).to_be_visible()

    # The English page now exists and holds the Arabic text: no visitor or portal sees it.
    assert visitor.open(f"/en/services/{SLUG}/") == 404
    english_list = f"/en/services/?category={CATEGORY}"
    assert visitor.links_to(english_list, f"/en/services/{SLUG}/") == 0
    assert TITLE_AR not in visitor.page.locator("main").inner_text()
    assert visitor.links_to(f"/en/search/?q={CODE}", f"/en/services/{SLUG}/") == 0
    assert TITLE_AR not in visitor.page.locator("main").inner_text()
    assert visitor.graphql(SERVICE, {"code": CODE})["service"] is None
    english.refresh_from_db()  # a draft of its own now, no longer the tree sync's alias
    assert english.alias_of_id is None and english.title == TITLE_AR and not english.live

    # 4. Translate the title and summary in the translation editor, then publish in English.
    for source, target in ((TITLE_AR, TITLE_EN), (SUMMARY_AR, SUMMARY_EN)):
        segment = translation_editor.locator("li.incomplete").filter(has_text=source)
        segment.get_by_role("button", name="ترجمة").click()
        segment.locator("textarea").fill(target)
        segment.get_by_role("button", name="حفظ").click()
        expect(translation_editor.locator("li.complete").filter(has_text=target)).to_be_visible()
    translation_editor.get_by_text("الترجمة من العربية إلى English").first.evaluate(
        "heading => heading.scrollIntoView({block: 'start'})"
    )
    screenshot(editor, "translation")
    with editor.expect_navigation():
        editor.get_by_role("button", name="نشر في English").click()
    assert f"تم نشر '{CODE} {TITLE_EN}' في English" in messages(editor)

    assert visitor.open(f"/en/services/{SLUG}/") == 200
    expect(visitor.page.locator("h1")).to_have_text(TITLE_EN)
    expect(visitor.fact("Time to complete")).to_have_text("10 days")
    assert visitor.links_to(english_list, f"/en/services/{SLUG}/") == 1
    assert visitor.links_to(f"/en/search/?q={CODE}", f"/en/services/{SLUG}/") == 1
    assert visitor.graphql(SERVICE, {"code": CODE})["service"] == {"title": TITLE_EN}

    # 5. A synchronised fact changes on the Arabic page: 10 -> 15 days, published in Arabic only.
    editor.goto(f"{live_server.url}/admin/pages/{arabic.pk}/edit/")
    editor.get_by_role("tab", name="المتطلبات").click()
    editor.fill("#id_processing_time", "P15D")
    publish(editor)
    assert f"تم نشر الصفحة '{TITLE_AR}'" in messages(editor)
    assert visitor.open(f"/en/services/{SLUG}/") == 200
    expect(visitor.fact("Time to complete")).to_have_text("15 days")
    expect(visitor.page.locator("h1")).to_have_text(TITLE_EN)


def test_a_scheduled_page_goes_live_on_the_worker(
    editor, visitor, live_server, screenshot, run_worker
):
    home_ar, _home_en = make_site_tree()
    draft = add_page(
        home_ar,
        StandardPage(
            title="موعد تقديم طلبات الإعفاء",
            slug="exemption-requests-open",
            intro="يبدأ استقبال طلبات الإعفاء من القروض إلكترونيًا.",
        ),
        publish=False,
    )
    editor.goto(f"{live_server.url}/admin/pages/{draft.pk}/edit/")
    editor.locator('[data-side-panel-toggle="status"]').click()
    editor.locator('[data-side-panel="status"]').get_by_role("button", name="تعيين جدول").click()
    dialog = editor.locator("#schedule-publishing-dialog")
    expect(dialog).to_be_visible()

    def go_live_in(seconds: int):
        """Type a go-live time `seconds` ahead, in the admin's time (Riyadh).

        The date picker offers whole minutes and the form shows them so: the test gives seconds
        (Django's field reads them) to wait seconds rather than a minute, and sets the field's
        value directly, since the picker would round it on leaving the field."""
        moment = timezone.now() + timedelta(seconds=seconds)
        editor.locator("#id_go_live_at").evaluate(
            "(input, value) => { input.value = value; }",
            timezone.localtime(moment).strftime("%Y-%m-%d %H:%M:%S"),
        )
        return moment

    go_live_in(30)
    screenshot(editor, "schedule")
    with editor.expect_navigation():
        dialog.get_by_role("button", name="حفظ الجدول").click()
    status = editor.locator('[data-side-panel="status"]')
    editor.locator('[data-side-panel-toggle="status"]').click()
    expect(status.get_by_text("البدء المباشر:")).to_be_visible()

    # Publishing a page with a go-live time ahead schedules it: "Schedule to publish".
    editor.locator("footer [data-w-dropdown-target=toggle]").click()
    schedule = editor.locator('footer button[name="action-publish"]')
    expect(schedule).to_have_text("جدولة للنشر")
    go_live = go_live_in(8)  # the shown value lost its seconds: give them again
    with editor.expect_navigation():
        schedule.click()
    draft.refresh_from_db()
    assert not draft.live and draft.go_live_at is not None

    editor.goto(f"{live_server.url}/admin/pages/{draft.pk}/edit/")
    expect(editor.get_by_text("مقفل ومجدول للنشر")).to_be_visible()
    expect(editor.get_by_role("button", name="إلغاء النشر المجدول")).to_be_visible()
    screenshot(editor, "scheduled")
    assert visitor.open("/ar/exemption-requests-open/") == 404

    # Nobody publishes it: the worker's every-minute task does, once the time has come.
    time.sleep(max(0.0, (go_live - timezone.now()).total_seconds()))
    call_command("ensure_every_minute_task")
    run_worker()
    assert visitor.open("/ar/exemption-requests-open/") == 200
    expect(visitor.page.locator("h1")).to_have_text("موعد تقديم طلبات الإعفاء")


def add_block(page, label: str) -> None:
    page.locator("button.c-sf-add-button").last.click()
    page.get_by_role("option", name=label, exact=True).click()


def test_a_skipped_heading_and_a_click_here_link_are_refused_in_arabic(
    editor, visitor, live_server, screenshot
):
    home_ar, _home_en = make_site_tree()
    editor.goto(f"{live_server.url}/admin/pages/add/site_pages/standardpage/{home_ar.pk}/")
    editor.fill("#id_title", "دليل طلب الإعفاء من القرض")

    add_block(editor, "عنوان")
    editor.fill("#body-0-value-text", "من يحق له التقديم")
    editor.select_option("#body-0-value-level", "h2")

    # A paragraph whose only link reads "click here", made as editors make links: select the
    # words, then the link tool's external address.
    add_block(editor, "فقرة")
    paragraph = editor.locator(".public-DraftEditor-content")
    paragraph.click()
    editor.keyboard.type("اضغط هنا")
    editor.keyboard.press("Control+A")
    editor.keyboard.press("Control+K")
    chooser = editor.locator(".modal-dialog")
    chooser.get_by_role("link", name="رابط خارجي").click()
    chooser.locator("#id_external-link-chooser-url").fill(
        "https://www.mof.gov.sa/ar/eservices/loan-exemption"
    )
    chooser.locator("[type=submit]").click()
    expect(chooser).to_be_hidden()
    expect(paragraph.locator("a.TooltipEntity")).to_have_text("اضغط هنا")

    add_block(editor, "عنوان")
    editor.fill("#body-2-value-text", "المستندات المطلوبة")
    editor.select_option("#body-2-value-level", "h4")

    publish(editor)
    expect(editor.get_by_text(VAGUE_LINK)).to_be_visible()
    expect(editor.get_by_text(HEADING_SKIPPED)).to_be_visible()
    editor.get_by_text(VAGUE_LINK).evaluate("e => e.scrollIntoView({block: 'center'})")
    screenshot(editor, "accessibility")
    assert not StandardPage.objects.filter(live=True, title="دليل طلب الإعفاء من القرض").exists()
    slug = editor.locator("#id_slug").input_value()
    assert visitor.open(f"/ar/{slug}/") == 404
