"""A full crawl of every capped list by cursor (issue 20, item 1): more items than the cap, paged
through with `first`/`after`, every item exactly once, in the list's order, at the same number
of SQL queries on every page; a foreign cursor is refused with BAD_CURSOR."""

from __future__ import annotations

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from site_pages.models import NewsArticlePage, NewsIndexPage, StandardPage
from site_pages.testing import add_live_children, add_page

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("answers_not_stored")]

CAP = 50
COUNT = 123  # more than two pages of the cap, and not a multiple of it


def post(client, query: str, variables: dict | None = None) -> dict:
    response = client.post(
        "/graphql/",
        data=json.dumps({"query": query, "variables": variables or {}}),
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    return response.json()


def crawl(client, query: str, connection_of) -> tuple[list, list[int]]:
    """Every item of the connection, page by page, and the SQL queries each page cost."""
    items, costs, after = [], [], None
    while True:
        with CaptureQueriesContext(connection) as captured:
            payload = post(client, query, {"after": after})
        assert "errors" not in payload, payload
        page = connection_of(payload["data"])
        items.extend(page["items"])
        costs.append(len(captured))
        assert page["pageInfo"]["hasPreviousPage"] == (after is not None)
        if not page["pageInfo"]["hasNextPage"]:
            return items, costs
        after = page["pageInfo"]["endCursor"]
        assert after and len(costs) < 10


@pytest.fixture
def section(home_ar):
    parent = add_page(home_ar, StandardPage(title="قسم", slug="section"))
    add_live_children(
        parent, lambda i: StandardPage(title=f"صفحة {i}", slug=f"child-{i:03}", intro="x"), COUNT
    )
    return parent


@pytest.fixture
def news_index(home_ar):
    index = add_page(home_ar, NewsIndexPage(title="الأخبار", slug="news"))
    # Three articles a day: the date ties, and the id orders them within a day.
    add_live_children(
        index,
        lambda i: NewsArticlePage(
            title=f"خبر {i}",
            slug=f"news-{i:03}",
            summary="ملخص",
            date=datetime.date(2026, 1, 1) + datetime.timedelta(days=i // 3),
        ),
        COUNT,
    )
    return index


def test_children_crawl(client, section):
    query = """query($after: String) { page(path: "/section/", locale: "ar") {
        childrenConnection(first: 50, after: $after) {
            items { id slug } pageInfo { hasNextPage hasPreviousPage endCursor } } } }"""
    items, costs = crawl(client, query, lambda d: d["page"]["childrenConnection"])
    slugs = [item["slug"] for item in items]
    assert slugs == [f"child-{i:03}" for i in range(COUNT)]  # tree order, each once
    assert len(costs) == 3 and len(set(costs)) == 1, costs
    capped = post(client, '{ page(path: "/section/") { children(first: 500) { slug } } }')
    assert len(capped["data"]["page"]["children"]) == CAP  # the old field keeps its cap


def test_children_of_many_pages_cost_the_same_as_of_one(client, section, home_ar):
    """childrenConnection inside a list is read in one batch, as `children` is."""
    for number in range(3):
        other = add_page(home_ar, StandardPage(title=f"قسم {number}", slug=f"other-{number}"))
        add_live_children(other, lambda i: StandardPage(title=f"ص {i}", slug=f"c{i}"), 3)
    query = """{ page(path: "/", locale: "ar") { children(first: 50) { slug
        childrenConnection(first: 2) { items { slug } pageInfo { hasNextPage } } } } }"""
    with CaptureQueriesContext(connection) as few:
        post(client, query.replace("first: 50", "first: 1"))
    with CaptureQueriesContext(connection) as many:
        payload = post(client, query)
    assert len(many) == len(few)
    listed = {c["slug"]: c["childrenConnection"] for c in payload["data"]["page"]["children"]}
    assert listed["section"]["pageInfo"]["hasNextPage"] is True
    assert [i["slug"] for i in listed["other-0"]["items"]] == ["c0", "c1"]


@pytest.mark.parametrize(
    ("field", "connection_of"),
    [
        ('news(locale: "ar", first: 50, after: $after)', lambda d: d["news"]),
        (
            'page(path: "/news/") { ... on NewsIndexPage { articles(first: 50, after: $after)',
            lambda d: d["page"]["articles"],
        ),
    ],
)
def test_news_crawl(client, news_index, field, connection_of):
    closing = "} }" if field.startswith("page") else ""
    query = f"""query($after: String) {{ {field} {{
        items {{ id date }} pageInfo {{ hasNextPage hasPreviousPage endCursor }} }} {closing} }}"""
    items, costs = crawl(client, query, connection_of)
    ids = [int(item["id"]) for item in items]
    expected = list(NewsArticlePage.objects.order_by("-date", "-pk").values_list("pk", flat=True))
    assert ids == expected and len(set(ids)) == COUNT
    assert len(costs) == 3 and len(set(costs)) == 1, costs


def test_offset_paging_still_works_and_hands_over_to_cursors(client, news_index):
    first = post(
        client,
        "{ news(first: 5, offset: 10) { totalCount items { id } pageInfo { hasNextPage hasPreviousPage endCursor } } }",
    )["data"]["news"]
    assert first["totalCount"] == COUNT and len(first["items"]) == 5
    assert first["pageInfo"]["hasNextPage"] and first["pageInfo"]["hasPreviousPage"]
    following = post(
        client,
        "query($a: String) { news(first: 5, after: $a) { items { id } } }",
        {"a": first["pageInfo"]["endCursor"]},
    )["data"]["news"]
    by_offset = post(client, "{ news(first: 5, offset: 15) { items { id } } }")["data"]["news"]
    assert following["items"] == by_offset["items"]


def test_after_and_offset_together_are_refused(client, news_index):
    start = post(client, "{ news(first: 1) { pageInfo { endCursor } } }")
    cursor = start["data"]["news"]["pageInfo"]["endCursor"]
    payload = post(
        client, "query($a: String) { news(after: $a, offset: 3) { items { id } } }", {"a": cursor}
    )
    assert payload["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "offset" in payload["errors"][0]["message"]


NEWS_AFTER = "query($a: String) { news(after: $a) { items { id } } }"
CHILDREN_AFTER = """query($a: String) { page(path: "/section/") {
    childrenConnection(after: $a) { items { id } } } }"""
NEWS_CURSOR = "{ news(first: 1) { pageInfo { endCursor } } }"
CHILDREN_CURSOR = (
    '{ page(path: "/section/") { childrenConnection(first: 1) { pageInfo { endCursor } } } }'
)


@pytest.mark.parametrize(
    ("query", "cursor"),
    [
        (NEWS_AFTER, "garbage"),
        (NEWS_AFTER, "eyJ4IjoxfQ"),  # {"x":1}
        (NEWS_AFTER, CHILDREN_CURSOR),
        (CHILDREN_AFTER, "garbage"),
        (CHILDREN_AFTER, NEWS_CURSOR),
    ],
)
def test_a_foreign_cursor_is_bad_cursor(client, news_index, section, query, cursor):
    if cursor.startswith("{"):
        data = post(client, cursor)["data"]
        found = data["news"] if "news" in data else data["page"]["childrenConnection"]
        cursor = found["pageInfo"]["endCursor"]
    payload = post(client, query, {"a": cursor})
    assert payload["errors"][0]["extensions"]["code"] == "BAD_CURSOR", payload
    assert "'after'" in payload["errors"][0]["message"]
