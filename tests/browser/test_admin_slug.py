"""A new page's slug (issue 17, item 6): the Arabic admin suggests a Latin slug from an Arabic title,
the editor can change it, and the English translation inherits the Latin one."""

from __future__ import annotations

import re

from django.conf import settings
from wagtail.models import Page

from site_pages.models import StandardPage
from site_pages.testing import make_site_tree
from tests.browser.conftest import BROWSER_MARKS
from tests.browser.test_admin_translation_editor import _arabic_admin_session

pytestmark = BROWSER_MARKS

LATIN_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _add_page_form(new_page, live_server, parent: Page):
    page = new_page(cookies={settings.SESSION_COOKIE_NAME: _arabic_admin_session()})
    page.goto(f"{live_server.url}/admin/pages/add/site_pages/standardpage/{parent.pk}/")
    return page


def test_an_arabic_title_gets_a_latin_slug_the_editor_can_change(new_page, live_server):
    home_ar, _home_en = make_site_tree()
    page = _add_page_form(new_page, live_server, home_ar)
    title = page.locator("#id_title")
    title.click()
    title.press_sequentially("الإعفاء من القروض")
    title.blur()
    # Wagtail fills the slug a moment after the title changes (a debounced sync).
    page.wait_for_function("() => document.querySelector('#id_slug').value !== ''")
    slug = page.locator("#id_slug")
    suggested = slug.input_value()
    assert LATIN_SLUG.match(suggested), suggested

    slug.evaluate("(input, value) => { input.value = value; }", "loan-exemption")
    with page.expect_navigation():
        page.locator("form#page-edit-form").evaluate("form => form.requestSubmit()")
    saved = StandardPage.objects.get(title="الإعفاء من القروض")
    assert saved.slug == "loan-exemption"
