"""The schema-wide visibility walk (tests/test_visibility_walk.py), with hidden services seeded too."""

from __future__ import annotations

import pytest

from tests.test_visibility_walk import MARK_HIDDEN, OTHER_LOCALE_MARK, root_queries

pytest_plugins = ["services_catalog.testing"]


@pytest.fixture
def hidden(hidden_pages, hidden_services):
    return {
        **hidden_pages,
        "codes": hidden_services["codes"],
        "ids": hidden_pages["ids"] + hidden_services["ids"],
        "paths": hidden_pages["paths"] + hidden_services["paths"],
    }


def test_no_root_field_returns_hidden_services(client, hidden):
    for name, locale, query in root_queries(hidden, skip=frozenset({"translations"})):
        response = client.post("/graphql/", {"query": query}, content_type="application/json")
        assert response.status_code in (200, 400), (name, response.content[:300])
        text = response.content.decode().lower()
        assert MARK_HIDDEN not in text, (name, query, text[:2000])
        if locale is not None:
            assert OTHER_LOCALE_MARK[locale] not in text, (name, query)
