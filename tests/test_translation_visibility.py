"""Nothing in the wrong language is ever public.

An Arabic service is published; the tree sync puts an alias of it in the English tree. An editor
then chooses "Translate this page" (wagtail-localize's own admin views) and publishes nothing:
the English page now holds the Arabic text, and it must stay out of every public surface (the
page itself, the catalogue list, search, the sitemap, open data, GraphQL) until the English
translation is published from the translation editor.
"""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command
from django.test import Client
from wagtail.models import Page
from wagtail_localize.models import LocaleSynchronization, Translation, TranslationSource
from wagtail_localize.synctree import create_aliases_for_new_page

from services_catalog.models import ServicePage
from services_catalog.testing import make_service

pytestmark = pytest.mark.django_db(transaction=False)
pytest_plugins = ["services_catalog.testing", "search.testing"]

CODE = "MOF-IND-701"

SERVICE = """query($code: String!) { service(code: $code, locale: "en") { title } }"""
LIST = """{ services(locale: "en", category: "loan-exemptions") { items { code } } }"""
SEARCH = """query($q: String!) { search(query: $q, locale: "en") { total
  hits { ... on SearchHitBase { title } } } }"""


def graphql(query: str, variables: dict | None = None) -> dict:
    response = Client().post(
        "/graphql/",
        data=json.dumps({"query": query, "variables": variables or {}}),
        content_type="application/json",
    )
    payload = response.json()
    assert "errors" not in payload, payload
    return payload["data"]


def body(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def public_sightings(arabic: ServicePage) -> dict[str, bool]:
    """Where the Arabic title is shown to an English visitor (True = a leak)."""
    visitor = Client()
    title = arabic.title
    page = visitor.get(f"/en/services/{arabic.slug}/")
    found = {
        "page": page.status_code == 200,
        "list": title in visitor.get("/en/services/", {"category": "loan-exemptions"}).text,
        "sitemap": f"/en/services/{arabic.slug}/" in visitor.get("/sitemap.xml").text,
        "open data": CODE in body(visitor.get("/open-data/services/en.json")),
        "graphql": graphql(SERVICE, {"code": CODE})["service"] is not None,
        "graphql list": CODE in json.dumps(graphql(LIST)),
        "search": title in json.dumps(graphql(SEARCH, {"q": CODE}), ensure_ascii=False),
    }
    return found


@pytest.fixture
def arabic_service(catalogue, editor_client, django_capture_on_commit_callbacks):
    LocaleSynchronization.objects.create(locale=catalogue.english, sync_from=catalogue.arabic)
    with django_capture_on_commit_callbacks(execute=True):
        arabic, _ = make_service(catalogue, CODE, english=False)
        create_aliases_for_new_page(arabic)  # the admin's tree sync after "Add page"
    return arabic


def translate_without_publishing(editor_client, arabic, capture) -> ServicePage:
    """The editor's path: the alias's edit page, its "Translate this page" button, the form."""
    alias = Page.objects.get(alias_of=arabic)
    edit = editor_client.get(f"/admin/pages/{alias.pk}/edit/")
    assert edit.status_code == 200
    submit_url = f"/admin/localize/submit/page/{arabic.pk}/"
    assert submit_url in edit.text  # "Translate this page"
    assert editor_client.get(submit_url, {"select_locale": "en"}).status_code == 200
    with capture(execute=True):
        response = editor_client.post(submit_url, {"locales": [alias.locale_id]})
    assert response.status_code == 302, response.text[:2000]
    english = ServicePage.objects.get(pk=alias.pk)
    assert english.alias_of_id is None  # wagtail-localize made it a page of its own
    assert english.title == arabic.title  # still holding the Arabic text
    return english


def publish_translation_from_editor(editor_client, arabic, english, capture) -> None:
    """The translation editor's "Publish in English", with every segment translated."""
    source = TranslationSource.objects.get_for_instance(arabic)
    translation = Translation.objects.get(source=source, target_locale=english.locale)
    from wagtail_localize.models import StringSegment, StringTranslation

    for segment in StringSegment.objects.filter(source=source).select_related("string"):
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=english.locale,
            context=segment.context,
            defaults={"data": f"EN {segment.string.data}"[:2000]},
        )
    assert translation.enabled
    with capture(execute=True):
        response = editor_client.post(f"/admin/pages/{english.pk}/edit/", {"action": "publish"})
    assert response.status_code == 302, response.text[:2000]


def test_a_started_translation_stays_private_until_published(
    editor_client, arabic_service, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    assert not any(public_sightings(arabic_service).values())

    english = translate_without_publishing(editor_client, arabic_service, capture)
    assert not english.live  # the admin shows it as a draft
    call_command("update_index", verbosity=0)  # whatever the index holds, search must not show it
    assert public_sightings(arabic_service) == dict.fromkeys(
        public_sightings(arabic_service), False
    )
    edit = editor_client.get(f"/admin/pages/{english.pk}/edit/")
    assert edit.status_code == 200

    publish_translation_from_editor(editor_client, arabic_service, english, capture)
    english = ServicePage.objects.get(pk=english.pk)
    assert english.live and english.title == f"EN {arabic_service.title}"
    visitor = Client()
    assert visitor.get(f"/en/services/{english.slug}/").status_code == 200
    assert graphql(SERVICE, {"code": CODE})["service"]["title"] == english.title
    assert CODE in json.dumps(graphql(LIST))
    assert f"/en/services/{english.slug}/" in visitor.get("/sitemap.xml").text


def test_converting_a_same_language_alias_keeps_it_live(site_tree, editor_client):
    """Wagtail's own "convert alias" for an alias in the same language: right text, stays live."""
    from wagtail.actions.convert_alias import ConvertAliasPageAction

    from site_pages.models import StandardPage
    from site_pages.testing import add_page

    arabic = add_page(site_tree[0], StandardPage(title="عن الوزارة", slug="about"))
    alias = arabic.create_alias(update_slug="about-copy")
    ConvertAliasPageAction(alias, user=editor_client.user).execute()
    assert Page.objects.get(pk=alias.pk).live
