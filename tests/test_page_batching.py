"""Batched page fields answer as the per-page look-ups did: each page gets its own ancestors,
children (with `first` per page), parent and translations, and hidden pages stay hidden.

tests/test_query_counts.py checks that batching keeps the query count flat; this file checks
that what comes back is still right when the pages of one list differ.
"""

from __future__ import annotations

import json

import pytest
from wagtail.models import PageViewRestriction

from site_pages.models import StandardPage
from site_pages.testing import add_page

pytestmark = pytest.mark.django_db


def run(client, query: str) -> dict:
    response = client.post(
        "/graphql/", data=json.dumps({"query": query}), content_type="application/json"
    )
    payload = response.json()
    assert response.status_code == 200 and "errors" not in payload, payload
    return payload["data"]


@pytest.fixture
def sections(home_ar, home_en):
    """Three sections with different children: some hidden, one translated into English."""
    public = add_page(home_ar, StandardPage(title="أ", slug="a"))
    for index in range(3):
        add_page(public, StandardPage(title=f"أ{index}", slug=f"a{index}"))
    add_page(public, StandardPage(title="مسودة", slug="draft"), publish=False)

    draft_parent = add_page(home_ar, StandardPage(title="ب", slug="b"), publish=False)
    under_draft = add_page(draft_parent, StandardPage(title="ب1", slug="b1"))

    private = add_page(home_ar, StandardPage(title="ج", slug="c"))
    add_page(private, StandardPage(title="ج1", slug="c1"))
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    english = public.copy_for_translation(home_en.locale, copy_parents=True)
    english.title = "A"
    english.save_revision().publish()
    return {"public": public, "under_draft": under_draft}


def test_children_first_applies_to_each_page(client, sections):
    data = run(
        client,
        '{ page(path: "/", locale: "ar") { children(first: 2) { title children(first: 2) { title } } } }',
    )
    children = {child["title"]: child["children"] for child in data["page"]["children"]}
    # The draft section is not listed, the private one neither.
    assert set(children) == {"أ"}
    assert [c["title"] for c in children["أ"]] == ["أ0", "أ1"]


def test_each_page_gets_its_own_ancestors_parent_and_translations(client, sections):
    query = """{ a: page(path: "/a/a1/", locale: "ar") { ...F }
      b: page(path: "/b/b1/", locale: "ar") { ...F }
      home: page(path: "/", locale: "ar") { children(first: 50) { title ...F } } }
    fragment F on Page { title parent { title } ancestors { title } translations { locale title } }"""
    data = run(client, query)
    assert [a["title"] for a in data["a"]["ancestors"]] == ["الصفحة الرئيسية", "أ"]
    assert data["a"]["parent"]["title"] == "أ"
    # A live page under a draft: the draft is neither its parent nor among its ancestors.
    assert data["b"]["parent"] is None
    assert [a["title"] for a in data["b"]["ancestors"]] == ["الصفحة الرئيسية"]
    (section,) = data["home"]["children"]
    assert section["translations"] == [{"locale": "en", "title": "A"}]
    assert section["parent"]["title"] == "الصفحة الرئيسية"
    assert data["a"]["translations"] == []


def test_listed_pages_show_their_own_type_fields(client, sections):
    """Pages listed for their interface fields alone are read from the page table only; asking
    for a type's fields, inline or in a named fragment, reads them as their types."""
    StandardPage.objects.filter(pk=sections["public"].pk).update(intro="مقدمة القسم")
    query = """{ page(path: "/a/a1/", locale: "ar") {
        plain: ancestors { title }
        inline: ancestors { title ... on StandardPage { intro } }
        named: parent { ...Section }
        translations { ... on StandardPage { intro } } } }
    fragment Section on Page { ... on StandardPage { intro } }"""
    data = run(client, query)["page"]
    assert [a["title"] for a in data["plain"]] == ["الصفحة الرئيسية", "أ"]
    assert data["inline"][1] == {"title": "أ", "intro": "مقدمة القسم"}
    assert data["named"] == {"intro": "مقدمة القسم"}
    assert data["translations"] == []
    home = run(
        client,
        '{ page(path: "/a/", locale: "ar") { translations { ... on StandardPage { intro } } } }',
    )
    assert home["page"]["translations"] == [{"intro": ""}]
