"""Preview of a page never saved, for every page type, in both languages, as stock Wagtail's.

The editor chooses Add page, types a title and opens Preview: Wagtail posts the form to the
admin's preview endpoint, then loads it, which (wagtail-headless-preview) stores the unsaved page
and redirects to our frontend's /preview/ with a token. The frontend reads the draft through
GraphQL's `pagePreview` and renders it.
"""

from __future__ import annotations

import datetime

import pytest
from wagtail.models import Page

from services_catalog.models import ServiceIndexPage, ServicePage
from site_pages.models import (
    ContactCentrePage,
    HomePage,
    NewsArticlePage,
    NewsIndexPage,
    StandardPage,
)
from site_pages.testing import add_page
from tests.admin_forms import blank_form_data

pytestmark = pytest.mark.django_db
pytest_plugins = ["services_catalog.testing"]

TITLES = {"ar": "صفحة لم تحفظ بعد", "en": "A page never saved"}

# What each type needs beyond a title to be valid (everything else stays as the form offers it).
EXTRA = {
    HomePage: {"hero_title": "عنوان"},
    NewsArticlePage: {"summary": "ملخص الخبر", "date": "2026-12-01"},
    ServicePage: {
        "code": "MOF-IND-909",
        "summary": "ملخص الخدمة",
        "department": "الإدارة العامة",
        "audiences": ["citizen"],
        "status": "available",
        "online_url": "https://example.gov.sa/start",
        "last_reviewed": datetime.date.today().isoformat(),
    },
}


@pytest.fixture
def parents(catalogue, site_tree):
    home_ar, home_en = site_tree
    news_ar = add_page(home_ar, NewsIndexPage(title="الأخبار", slug="news"))
    news_en = news_ar.copy_for_translation(home_en.locale)
    news_en.save_revision().publish()
    root = Page.get_first_root_node()
    return {
        "ar": {
            HomePage: root,
            StandardPage: home_ar,
            NewsIndexPage: home_ar,
            NewsArticlePage: news_ar,
            ContactCentrePage: home_ar,
            ServiceIndexPage: home_ar,
            ServicePage: catalogue.index_ar,
        },
        "en": {
            HomePage: root,
            StandardPage: home_en,
            NewsIndexPage: home_en,
            NewsArticlePage: news_en,
            ContactCentrePage: home_en,
            ServiceIndexPage: home_en,
            ServicePage: catalogue.index_en,
        },
    }


@pytest.mark.parametrize("language", ["ar", "en"])
@pytest.mark.parametrize(
    "model",
    [
        HomePage,
        StandardPage,
        NewsIndexPage,
        NewsArticlePage,
        ContactCentrePage,
        ServiceIndexPage,
        ServicePage,
    ],
    ids=lambda model: model.__name__,
)
def test_an_unsaved_page_previews(editor_client, parents, model, language):
    parent = parents[language][model]
    data = blank_form_data(model, parent, editor_client.user)
    data.update({"title": TITLES[language], "slug": f"unsaved-{language}"})
    data.update(EXTRA.get(model, {}))
    if model is ServicePage:
        category = parent.get_parent().specific  # any category of the page's language
        from services_catalog.models import ServiceCategory

        data["category"] = str(ServiceCategory.objects.filter(locale=category.locale).first().pk)
    url = f"/admin/pages/add/{model._meta.app_label}/{model._meta.model_name}/{parent.pk}/preview/"
    posted = editor_client.post(url, data)
    assert posted.status_code == 200
    assert posted.json()["is_valid"], posted.json()
    assert not Page.objects.filter(title=TITLES[language]).exists()  # nothing saved

    shown = editor_client.get(url, {"mode": ""})
    assert shown.status_code == 302
    assert shown["Location"].startswith("/preview/?")
    page = editor_client.get(shown["Location"])
    html = page.content.decode()
    assert page.status_code == 200, html[:3000]
    assert TITLES[language] in html
    assert f'lang="{language}"' in html
    assert page["X-Robots-Tag"] == "noindex, nofollow"
