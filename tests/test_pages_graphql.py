"""The page API: routing by path and locale, tree fields, news, menus, settings, previews."""

from __future__ import annotations

from site_pages.graphql import MAX_PAGE_SIZE
from site_pages.models import NewsArticlePage, NewsIndexPage, StandardPage
from site_pages.testing import add_live_children, add_page

PAGE = """query($path: String!, $locale: String) { page(path: $path, locale: $locale) {
  __typename title url path locale lastPublishedAt
  parent { title } ancestors { title } children { title } translations { locale url }
  ... on StandardPage { intro body { __typename ... on ParagraphBlock { html } } }
} }"""


def test_page_by_path_in_each_locale(gql, home_ar, home_en):
    about = add_page(home_ar, StandardPage(title="عن الوزارة", slug="about", intro="مقدمة"))
    data = gql(PAGE, {"path": "/about/", "locale": "ar"})["page"]
    assert data["__typename"] == "StandardPage"
    assert data["url"] == "/ar/about/" and data["path"] == "/about/"
    assert data["parent"]["title"] == home_ar.title
    assert [a["title"] for a in data["ancestors"]] == [home_ar.title]
    assert about.title == data["title"]
    assert data["lastPublishedAt"]
    assert gql(PAGE, {"path": "/about/", "locale": "en"})["page"] is None


def test_rich_text_links_resolve_to_public_urls(gql, home_ar):
    target = add_page(home_ar, StandardPage(title="الهدف", slug="target"))
    body = [{"type": "paragraph", "value": f'<p><a linktype="page" id="{target.pk}">رابط</a></p>'}]
    add_page(home_ar, StandardPage(title="مصدر", slug="source", body=body))
    html = gql(PAGE, {"path": "/source/", "locale": "ar"})["page"]["body"][0]["html"]
    assert 'href="/ar/target/"' in html


def test_news_is_paginated_newest_first(gql, home_ar):
    index = add_page(home_ar, NewsIndexPage(title="الأخبار", slug="news"))
    for day in range(1, 6):
        add_page(
            index,
            NewsArticlePage(
                title=f"خبر {day}", slug=f"n{day}", summary="ملخص", date=f"2026-11-0{day}"
            ),
        )
    query = 'query { news(locale: "ar", first: 2, offset: 1) { totalCount items { title date } } }'
    news = gql(query)["news"]
    assert news["totalCount"] == 5
    assert [item["title"] for item in news["items"]] == ["خبر 4", "خبر 3"]


def test_page_size_is_capped_and_negative_rejected(gql, home_ar):
    index = add_page(home_ar, NewsIndexPage(title="الأخبار", slug="news"))
    more_than_a_page = MAX_PAGE_SIZE + 3

    def article(number):
        return NewsArticlePage(title=f"خبر {number}", slug=f"n{number}", summary="ملخص")

    add_live_children(index, article, more_than_a_page)
    capped = gql('{ news(locale: "ar", first: 100000) { totalCount items { title } } }')
    assert capped["news"]["totalCount"] == more_than_a_page
    assert len(capped["news"]["items"]) == MAX_PAGE_SIZE
    response = gql.post('{ news(locale: "ar", first: -1) { totalCount } }')
    assert response.status_code == 200  # a field error: the operation ran (GraphQL over HTTP)
    error = response.json()["errors"][0]
    assert "negative" in error["message"] and error["extensions"]["code"] == "BAD_USER_INPUT"


def test_unknown_locale_is_a_client_error(gql, home_ar):
    response = gql.post('{ page(path: "/", locale: "fr") { title } }')
    assert response.status_code == 200 and response.json()["data"] == {"page": None}
    error = response.json()["errors"][0]
    assert "Unknown locale" in error["message"] and error["extensions"]["code"] == "UNKNOWN_LOCALE"


def test_preview_token_shows_the_draft_and_the_public_url_does_not(gql, home_ar):
    page = add_page(home_ar, StandardPage(title="العنوان المنشور", slug="draft-demo"))
    page.title = "عنوان المسودة"
    page.save_revision()
    preview = page.create_page_preview()
    query = "query($token: String!) { pagePreview(token: $token) { title } }"
    assert gql(query, {"token": preview.token})["pagePreview"]["title"] == "عنوان المسودة"
    assert gql(PAGE, {"path": "/draft-demo/", "locale": "ar"})["page"]["title"] == "العنوان المنشور"
    assert gql(query, {"token": preview.token + "x"})["pagePreview"] is None


def test_site_settings_follow_the_locale(gql, site_tree):
    from site_pages.models import SiteSettings

    settings = SiteSettings.load()
    settings.ministry_name_ar, settings.ministry_name_en = "وزارة المالية", "Ministry of Finance"
    settings.save()
    query = "query($l: String) { siteSettings(locale: $l) { ministryName contactPhone } }"
    assert gql(query, {"l": "ar"})["siteSettings"]["ministryName"] == "وزارة المالية"
    assert gql(query, {"l": "en"})["siteSettings"] == {
        "ministryName": "Ministry of Finance",
        "contactPhone": "19990",
    }


def test_graphql_http_rejects_batches_and_bad_json(client, db):  # a cacheable read: generation
    assert client.post("/graphql/", "[{}]", content_type="application/json").status_code == 400
    assert client.post("/graphql/", "{not json", content_type="application/json").status_code == 400
    bad_vars = client.get("/graphql/", {"query": "{ __typename }", "variables": "{"})
    assert bad_vars.status_code == 400
    assert client.get("/graphql/", {"query": "{ __typename }"}).json() == {
        "data": {"__typename": "Query"}
    }


def test_introspection_is_off_but_typename_works(client, settings):
    settings.DEBUG = False
    settings.GRAPHQL_INTROSPECTION = False
    response = client.get("/graphql/", {"query": "{ __schema { types { name } } }"})
    assert response.status_code == 400
    assert "Introspection is disabled" in response.json()["errors"][0]["message"]


def test_untranslated_alias_in_the_other_tree_stays_private(gql, home_ar, home_en):
    from wagtail_localize.models import LocaleSynchronization
    from wagtail_localize.synctree import create_aliases_for_new_page

    LocaleSynchronization.objects.create(locale=home_en.locale, sync_from=home_ar.locale)
    page = add_page(home_ar, StandardPage(title="صفحة جديدة", slug="fresh"))
    create_aliases_for_new_page(page)  # what the admin's "after_create_page" hook does
    alias = page.get_translations().get(locale=home_en.locale)
    assert alias.alias_of_id == page.pk  # the tree is synced for editors
    assert gql(PAGE, {"path": "/fresh/", "locale": "en"})["page"] is None
    arabic = gql(PAGE, {"path": "/fresh/", "locale": "ar"})["page"]
    assert arabic["translations"] == []


def test_visible_pages_of_a_type_are_the_visible_pages_of_that_type(home_ar, home_en):
    from cms.graphql.visibility import visible_pages, visible_pages_of_type

    index = add_page(home_ar, NewsIndexPage(title="الأخبار", slug="news"))
    shown = add_page(
        index, NewsArticlePage(title="منشور", slug="live", summary="ملخص", date="2026-11-01")
    )
    add_page(
        index,
        NewsArticlePage(title="مسودة", slug="draft", summary="ملخص", date="2026-11-02"),
        publish=False,
    )
    add_page(home_ar, StandardPage(title="صفحة", slug="other"))
    english = shown.copy_for_translation(home_en.locale, copy_parents=True)
    english.save_revision().publish()

    for locale in (None, home_ar.locale, home_en.locale):
        expected = set(visible_pages(NewsArticlePage.objects.all(), locale))
        assert set(visible_pages_of_type(NewsArticlePage, locale)) == expected
        assert expected  # each case has a visible article
    assert set(visible_pages_of_type(NewsArticlePage, home_ar.locale)) == {shown.specific}
