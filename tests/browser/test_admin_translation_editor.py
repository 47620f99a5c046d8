"""The translation editor in the Arabic admin draws English segments left to right."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from wagtail.users.models import UserProfile
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from site_pages.models import StandardPage
from site_pages.testing import add_page, make_site_tree
from tests.admin_text import english_words
from tests.browser.conftest import BROWSER_MARKS
from tests.test_admin_arabic import ALLOWED_ENGLISH

pytestmark = BROWSER_MARKS

ARABIC_INTRO = "مقدمة الصفحة باللغة العربية."
ENGLISH_INTRO = "The page introduction in English."


def _arabic_admin_session() -> str:
    user = get_user_model().objects.create_superuser("editor", "editor@mof.gov.sa", "pw-1234567")
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": "ar"})
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def _page_being_translated() -> StandardPage:
    """An Arabic page sent for English translation, its intro segment already translated."""
    home_ar, home_en = make_site_tree()
    page = add_page(home_ar, StandardPage(title="عن الوزارة", slug="about", intro=ARABIC_INTRO))
    source, _ = TranslationSource.get_or_create_from_instance(page)
    translation = Translation.objects.create(source=source, target_locale=home_en.locale)
    translation.save_target(publish=False)
    for segment in source.stringsegment_set.select_related("string"):
        if segment.string.data == ARABIC_INTRO:
            StringTranslation.objects.create(
                translation_of=segment.string,
                locale=home_en.locale,
                context=segment.context,
                data=ENGLISH_INTRO,
            )
    return page.get_translation(home_en.locale)


def test_english_segments_run_left_to_right_in_the_arabic_translation_editor(new_page, live_server):
    target = _page_being_translated()
    page = new_page(cookies={settings.SESSION_COOKIE_NAME: _arabic_admin_session()})
    page.goto(f"{live_server.url}/admin/pages/{target.pk}/edit/")
    page.get_by_text(ENGLISH_INTRO).first.wait_for()
    english = page.get_by_text(ENGLISH_INTRO).first
    arabic = page.get_by_text(ARABIC_INTRO).first
    assert english.evaluate("e => getComputedStyle(e).direction") == "ltr"
    assert arabic.evaluate("e => getComputedStyle(e).direction") == "rtl"
    # wagtail-localize writes this heading in English in its code; ours is in the admin language.
    assert page.get_by_role("heading", name="الترجمة من العربية إلى English").count() == 1
    # The editor is drawn by script, so its words are checked here, not by test_admin_arabic.
    shown = page.locator(".js-translation-editor").inner_text().splitlines()
    assert english_words(shown, {ENGLISH_INTRO}, ALLOWED_ENGLISH) == {}, shown
