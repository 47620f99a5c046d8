"""The schema-wide visibility walk (tests/test_visibility_walk.py), with hidden services seeded
too, sent to the HTTP endpoint as a partner would: through the same request limits.

Each root field's selection is cut into documents those limits accept (`fitting_walk`), so every
one of them runs: a refusal (any 400) or an error in an answer fails the test, because a refused
query proves nothing about what its resolvers would have returned.
"""

from __future__ import annotations

from typing import Any

import pytest
from graphql import GraphQLNonNull

from tests.test_visibility_walk import (
    ECHOES,
    GRAPHQL_SCHEMA,
    MARK_HIDDEN,
    OTHER_LOCALE_MARK,
    WALK_LIST_SIZE,
    Selection,
    cut_documents,
    document,
    fitting_walk,
    refusal,
    root_queries,
    text,
    without_translations,
)

pytest_plugins = ["services_catalog.testing"]
# Both walks read the same cut of the schema (`cut_documents`, kept per process): one worker works it out.
pytestmark = pytest.mark.xdist_group("visibility-walk")


@pytest.fixture
def hidden(hidden_pages, hidden_services):
    return {
        **hidden_pages,
        "codes": hidden_services["codes"],
        "ids": hidden_pages["ids"] + hidden_services["ids"],
        "paths": hidden_pages["paths"] + hidden_services["paths"],
    }


def answer(client, query: str, variables: dict[str, str]) -> Any:
    """The data of a query the endpoint must run without refusal or error."""
    response = client.post(
        "/graphql/", {"query": query, "variables": variables}, content_type="application/json"
    )
    body = response.json()
    assert response.status_code == 200, (query[:300], variables, body)
    assert "errors" not in body, (query[:300], variables, body["errors"])
    return body["data"]


def walk(client, hidden) -> list[tuple[str, str | None, str, Any]]:
    """Every document of the walk with its answer. A root field that may be null and answers
    null to a bare `__typename` is not walked further: nothing under a null can leak."""
    answers = []
    for name, locale, root, variables, documents in fitting_walk(hidden, skip=ECHOES):
        if not isinstance(GRAPHQL_SCHEMA.query_type.fields[name].type, GraphQLNonNull):
            probe = document(Selection(root.head, (Selection("__typename"),)))
            found = answer(client, probe, variables)
            answers.append((name, locale, probe, found))
            if found[name] is None:
                continue
        answers += [(name, locale, q, answer(client, q, variables)) for q in documents]
    return answers


def test_nothing_hidden_leaves_any_root_field_and_no_locale_mixes(client, hidden, catalogue):
    from services_catalog.testing import make_service

    make_service(catalogue, "MOF-PUB-001")
    seen = []
    for name, locale, query, data in walk(client, hidden):
        assert MARK_HIDDEN not in text(data), (name, query)
        if locale is not None:
            assert OTHER_LOCALE_MARK[locale] not in text(without_translations(data)), (name, query)
        seen.append(text(data))
    # Guards the guard: the same walk does return public services and pages.
    seen_text = "".join(seen)
    for public in (
        "mof-pub-001",
        "public links",
        "public news",
        "onlyar service",
        "onlyen service",
    ):
        assert public in seen_text


def test_the_walk_is_cut_to_fit_the_limits_and_covers_every_root_field():
    """Whole, most root fields' walks are beyond the request limits; cut, every document fits
    and every root field is walked. No database: the cut depends on the schema alone."""
    hidden = {"paths": ["/x/"], "ids": [1], "stale_token": "t", "codes": ["MOF-SEC-001"]}
    whole = {name: query for name, _locale, query, _values in root_queries(hidden, skip=ECHOES)}
    assert sum(refusal(query) is not None for query in whole.values()) >= 5
    for name in GRAPHQL_SCHEMA.query_type.fields:
        documents = cut_documents(name, ECHOES)
        assert documents, name
        assert all(refusal(query) is None for query in documents), name
    walked = {name for name, *_rest in fitting_walk(hidden, skip=ECHOES)}
    assert walked == set(GRAPHQL_SCHEMA.query_type.fields)


def test_the_walk_lists_are_long_enough(hidden):
    """No page in the walk's fixtures has WALK_LIST_SIZE children: a list cut at that size
    would still show every hidden child if its filter broke."""
    from wagtail.models import Page

    for page in Page.objects.all():
        assert page.get_children().count() < WALK_LIST_SIZE, page.url_path
