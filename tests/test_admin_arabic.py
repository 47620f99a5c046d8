"""The Arabic admin speaks Arabic: every page editors use renders no English word of its own.

Each page is rendered as a superuser whose admin language is Arabic; its visible text (not
attributes, scripts, styles or icons) is read, content values (titles, names, codes, addresses
the test itself seeded) are removed, and any English word left must be on the short list below.
"""

from __future__ import annotations

import datetime
import re
import zoneinfo

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.documents.models import Document
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, Site, Task, Workflow
from wagtail.users.models import UserProfile
from wagtail_localize.models import Translation, TranslationSource

from cms.models import ApiKey
from cms.security.api_keys import assign_new_key
from cms.workflow_names import BILINGUAL_NAME
from search.analytics import record_search
from services_catalog.models import ServiceCategory
from services_catalog.testing import make_service
from site_pages.models import Enquiry, NewsIndexPage, StandardPage
from site_pages.testing import add_page
from tests.admin_text import english_words, visible_text

pytestmark = pytest.mark.django_db
pytest_plugins = ["services_catalog.testing"]

# Wagtail's own Arabic for "View live", "Snippets", "Locale" and "Password", replaced by ours.
WRONG_ARABIC = ["انظر في الواقع", "قصصات", "الإعدادات المحلية", "كلمة السر", "رمز المرور"]
ARABIC_LETTER = re.compile(r"[\u0600-\u06ff]")
# The account page lists every IANA time-zone identifier: codes, not words.
TIME_ZONE_NAMES = frozenset(zoneinfo.available_timezones()) | {"localtime"}

# English an Arabic editor is meant to read, each for a reason:
ALLOWED_ENGLISH = {
    "Wagtail",  # the product's name, written in Latin script in Arabic too
    "Mizan",  # the platform's name (WAGTAIL_SITE_NAME)
    "English",  # the English language's name in its own script, so an editor can find it
    # File formats, by the names editors see on their files and download buttons.
    "AVIF",
    "CSV",
    "JPEG",
    "JPG",
    "PNG",
    "PO",  # gettext's translation file, which wagtail-localize offers to download
    "WEBP",
    "XLSX",
    "ISO",  # "ISO 8601", the duration format editors type
    "SAR",  # the currency's code beside its Arabic name
}


@pytest.fixture
def arabic_editor(client, settings):
    settings.AXES_ENABLED = False
    user = get_user_model().objects.create_superuser(
        "editor", "editor@mof.gov.sa", "pw-1234567", first_name="سارة", last_name="العتيبي"
    )
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": "ar"})
    client.force_login(user)
    return client


@pytest.fixture
def seeded(catalogue, arabic_editor) -> dict:
    """One of each thing an editor works on, so listings and editors have rows to show."""
    service, service_en = make_service(catalogue, "MOF-IND-701")
    home_ar = catalogue.index_ar.get_parent()
    standard = add_page(home_ar, StandardPage(title="صفحة عن الوزارة", slug="about"))
    news = add_page(home_ar, NewsIndexPage(title="الأخبار", slug="news"))
    being_translated = add_page(home_ar, StandardPage(title="صفحة قيد الترجمة", slug="tr"))
    source, _ = TranslationSource.get_or_create_from_instance(being_translated)
    translation = Translation.objects.create(source=source, target_locale=catalogue.english)
    translation.save_target(publish=False)
    target = being_translated.get_translation(catalogue.english)
    workflow = Workflow.objects.get(name=BILINGUAL_NAME)
    draft = add_page(home_ar, StandardPage(title="مسودة للمراجعة", slug="review"), publish=False)
    user = get_user_model().objects.get(username="editor")
    draft.save_revision(user=user)
    workflow.start(draft, user)
    image = _image()
    document = Document.objects.create(title="دليل الخدمة", file=_text_file())
    enquiry = Enquiry.objects.create(
        reference="MOF-2026-ABCDEFGH",
        language="ar",
        name="محمد",
        phone="0500000000",
        topic="general",
        message="سؤال",
    )
    partner = ApiKey(name="بوابة المواطن")
    assign_new_key(partner)
    partner.save()
    record_search("ضريبة", "ar", 3)
    record_search("غير موجود", "ar", 0)
    category = catalogue.categories_ar["loan-exemptions"]
    return {
        "service": service,
        "service_en": service_en,
        "standard": standard,
        "home": home_ar,
        "translation_target": target,
        "workflow": workflow,
        "task": Task.objects.filter(workflow_tasks__workflow=workflow).first(),
        "draft": draft,
        "image": image,
        "document": document,
        "enquiry": enquiry,
        "api_key": partner,
        "category": category,
        "index": catalogue.index_ar,
        "news": news,
    }


def _image():
    from wagtail.images.models import Image

    return Image.objects.create(title="شعار الوزارة", file=get_test_image_file())


def _text_file():
    from django.core.files.base import ContentFile

    return ContentFile(b"guide", name="guide.txt")


def admin_pages(seeded: dict) -> dict[str, str]:
    """Name → admin address of the pages editors use."""
    service, standard, home = seeded["service"], seeded["standard"], seeded["home"]
    index = seeded["index"]
    return {
        "dashboard": "/admin/",
        "page explorer": f"/admin/pages/{home.pk}/",
        "page explorer root": "/admin/pages/",
        "edit standard page": f"/admin/pages/{standard.pk}/edit/",
        "edit home page": f"/admin/pages/{home.pk}/edit/",
        "create standard page": f"/admin/pages/add/site_pages/standardpage/{home.pk}/",
        "create news index": f"/admin/pages/add/site_pages/newsindexpage/{home.pk}/",
        "create news article": f"/admin/pages/add/site_pages/newsarticlepage/{seeded['news'].pk}/",
        "create contact centre": f"/admin/pages/add/site_pages/contactcentrepage/{home.pk}/",
        "create service": f"/admin/pages/add/services_catalog/servicepage/{index.pk}/",
        "choose page type": f"/admin/pages/{home.pk}/add_subpage/",
        "edit service": f"/admin/pages/{service.pk}/edit/",
        "edit service catalogue": f"/admin/pages/{index.pk}/edit/",
        "page history": f"/admin/pages/{standard.pk}/history/",
        "services listing": "/admin/services/",
        "snippets index": "/admin/snippets/",
        "categories": "/admin/snippets/services_catalog/servicecategory/",
        "edit category": (
            f"/admin/snippets/services_catalog/servicecategory/edit/{seeded['category'].pk}/"
        ),
        "menus": "/admin/snippets/site_pages/menu/",
        "synonyms": "/admin/snippets/search/synonymset/",
        "images": "/admin/images/",
        "edit image": f"/admin/images/{seeded['image'].pk}/",
        "add image": "/admin/images/multiple/add/",
        "documents": "/admin/documents/",
        "edit document": f"/admin/documents/edit/{seeded['document'].pk}/",
        "account": "/admin/account/",
        "two-factor set-up": "/admin/two-factor/setup/",
        "workflows": "/admin/workflows/list/",
        "edit workflow": f"/admin/workflows/edit/{seeded['workflow'].pk}/",
        "workflow tasks": "/admin/workflows/tasks/index/",
        "edit task": f"/admin/workflows/tasks/edit/{seeded['task'].pk}/",
        "pages awaiting moderation": "/admin/reports/workflow/",
        "workflow tasks report": "/admin/reports/workflow_tasks/",
        "locked pages": "/admin/reports/locked/",
        "site history": "/admin/reports/site-history/",
        "aging pages": "/admin/reports/aging-pages/",
        "translation editor": f"/admin/pages/{seeded['translation_target'].pk}/edit/",
        "search queries report": "/admin/search-reports/queries/",
        "searches without results": "/admin/search-reports/zero_results/",
        "service KPIs": "/admin/service-reports/kpis/",
        "services needing English": "/admin/service-reports/translations/",
        "visitor feedback": "/admin/service-reports/feedback/",
        "most read regulations": "/admin/regulation-reports/reads/",
        "API keys": "/admin/api-keys/",
        "edit API key": f"/admin/api-keys/edit/{seeded['api_key'].pk}/",
        "enquiries": "/admin/enquiries/",
        "edit enquiry": f"/admin/enquiries/edit/{seeded['enquiry'].pk}/",
        "locales": "/admin/locales/",
        "users": "/admin/users/",
        # Modal choosers answer JSON holding the modal's HTML.
        "external link chooser": "/admin/choose-external-link/",
        "e-mail link chooser": "/admin/choose-email-link/",
        "phone link chooser": "/admin/choose-phone-link/",
        "anchor link chooser": "/admin/choose-anchor-link/",
        "category chooser": "/admin/snippets/choose/services_catalog/servicecategory/",
    }


def content_values(seeded: dict) -> set[str]:
    """What editors typed or the system generated: shown as data, not as the admin's words."""
    values = set()
    for page in Page.objects.all():
        values.update({page.title, page.slug})
        specific = page.specific
        for name in ("seo_title", "search_description", "summary", "intro"):
            value = getattr(specific, name, "")
            if isinstance(value, str):
                values.update(line.strip() for line in value.splitlines())
    for category in ServiceCategory.objects.all():
        values.update({category.name, category.description, category.slug})
    user = get_user_model().objects.get(username="editor")
    values.update({user.username, user.email})
    values.add(seeded["api_key"].prefix)
    values.update(Site.objects.values_list("hostname", flat=True))
    # Group names are data an administrator manages; Wagtail's own migrations look its default
    # groups up by their English names, so they are not renamed.
    values.update(Group.objects.values_list("name", flat=True))
    # A workflow or task name with its Arabic is the editors' bilingual name; one left wholly in
    # English (Wagtail's default) is still reported.
    for model in (Workflow, Task):
        names = model.objects.values_list("name", flat=True)
        values.update(name for name in names if ARABIC_LETTER.search(name))
    return {value for value in values if value}


def test_every_admin_page_editors_use_reads_in_arabic(arabic_editor, seeded):
    values = content_values(seeded)
    english_by_page = {}
    for name, url in admin_pages(seeded).items():
        response = arabic_editor.get(url)
        assert response.status_code == 200, (name, url, response.status_code)
        assert response.headers.get("Content-Language", "ar") == "ar", name
        html = response.content.decode()
        if response.headers["Content-Type"].startswith("application/json"):
            html = response.json()["html"]
        text = visible_text(html)
        found = english_words(text, values, ALLOWED_ENGLISH, TIME_ZONE_NAMES)
        wrong = [phrase for phrase in WRONG_ARABIC if any(phrase in chunk for chunk in text)]
        if found or wrong:
            english_by_page[name] = {**found, **{phrase: ["wrong Arabic"] for phrase in wrong}}
    assert not english_by_page, english_by_page


def test_the_checker_finds_english_text_and_ignores_attributes_and_scripts():
    html = (
        '<p title="Password">كلمة المرور</p><script>var Locale = 1;</script>'
        "<span>View live</span><a href='/admin/pages/'>MOF-IND-701</a>"
    )
    found = english_words(visible_text(html), set(), ALLOWED_ENGLISH)
    assert set(found) == {"View", "live"}


def test_the_translation_editor_dates_its_segments_in_the_admin_language():
    """wagtail-localize writes "Translated manually on 6 December 2026" with strftime, in English
    whatever the admin's language; ours says the month in the editor's language."""
    from django.utils import translation
    from wagtail_localize.models import StringTranslation, TranslationSource

    from site_pages.testing import make_site_tree

    home_ar, home_en = make_site_tree()
    page = add_page(home_ar, StandardPage(title="عن الوزارة", slug="about", intro="مقدمة."))
    source, _ = TranslationSource.get_or_create_from_instance(page)
    segment = source.stringsegment_set.select_related("string", "context").first()
    done = StringTranslation.objects.create(
        translation_of=segment.string,
        locale=home_en.locale,
        context=segment.context,
        data="About the ministry",
        translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
    )
    StringTranslation.objects.filter(pk=done.pk).update(
        updated_at=datetime.datetime(2026, 12, 6, 9, tzinfo=datetime.UTC)
    )
    done.refresh_from_db()
    with translation.override("ar"):
        assert done.get_comment() == "تمت الترجمة يدويًا في 6 ديسمبر 2026"
    with translation.override("en"):
        assert done.get_comment() == "Translated manually on 6 December 2026"
