"""GraphiQL at /graphql/: a browser's GET in development only, from our own static files.

tests/browser/test_graphiql.py runs it in Chromium, offline.
"""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db


def test_graphiql_is_never_served_with_debug_off(client, settings):
    settings.DEBUG = False
    response = client.get("/graphql/", HTTP_ACCEPT="text/html")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert b"graphiql" not in response.content.lower()


def test_graphiql_page_loads_only_our_static_files(client, settings):
    settings.DEBUG = True
    response = client.get("/graphql/", HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    html = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert len(sources) == 6  # react, react-dom, graphiql, ours; two stylesheets
    assert all(source.startswith(settings.STATIC_URL) for source in sources), sources
    assert "<script>" not in html  # no inline script: the CSP allows none
    assert "no-cache" in response["Cache-Control"]
