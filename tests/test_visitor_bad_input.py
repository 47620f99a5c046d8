"""Odd input from visitors gets the normal page with a message, never the outage page (issue 19,
F6)."""

from __future__ import annotations

import pytest

from frontend.testing import build_site


@pytest.fixture
def site(db):
    return build_site()


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "Your search contained characters that cannot be searched for"),
        ("ar", "احتوى بحثك على رموز لا يمكن البحث عنها"),
    ],
)
def test_control_characters_in_a_search_give_the_search_page_with_a_message(
    client, site, language, message
):
    for query in ("%00", "%01%1F%7F", "%C2%85"):
        response = client.get(f"/{language}/search/?q={query}")
        assert response.status_code == 200, query
        html = response.content.decode()
        assert message in html and 'id="search-q"' in html


def test_control_characters_are_left_out_of_a_real_search(client, site):
    response = client.get("/en/search/?q=loan%00exemption")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Your search contained characters" in html
    assert 'value="loan exemption"' in html


def test_a_plain_search_has_no_such_message(client, site):
    html = client.get("/en/search/?q=loan").content.decode()
    assert "Your search contained characters" not in html
