"""GraphiQL in development: served from our own static files, under our CSP, offline.

Every request to another host is aborted, as on a machine without internet: the page must still
load GraphiQL, fetch the schema from /graphql/ and list our types in its Docs explorer.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from tests.browser import tools
from tests.browser.conftest import BROWSER_MARKS, REPORT

pytestmark = BROWSER_MARKS

GRAPHIQL_BUNDLE = tools.ROOT / "cms" / "static" / "graphiql" / "vendor" / "graphiql.min.js"


def test_graphiql_docs_explorer_lists_our_types_offline(new_page, live_server, settings):
    tools.require(
        None if GRAPHIQL_BUNDLE.exists() else "GraphiQL's files: run scripts/graphiql-assets.sh",
        REPORT,
    )
    settings.DEBUG = True  # GraphiQL is for development only
    page = new_page()
    own_host = urlsplit(live_server.url).netloc
    page.route(
        "**/*",
        lambda route: (
            route.continue_() if urlsplit(route.request.url).netloc == own_host else route.abort()
        ),
    )
    response = page.goto(live_server.url + "/graphql/")
    assert response is not None and response.status == 200
    # The one exception to the site's policy: GraphiQL's stylesheet embeds its fonts.
    assert "font-src 'self' data:" in response.headers["content-security-policy"]
    assert page.watch.foreign_requests == []  # every script and style came from here

    page.get_by_role("button", name="Show Documentation Explorer").click()
    docs = page.locator(".graphiql-doc-explorer")
    # The root lists every type of the schema; Query's page lists its fields.
    docs.get_by_text("All Schema Types").wait_for()
    docs.get_by_text("ServicePage", exact=True).wait_for()
    docs.get_by_text("Query", exact=True).click()
    docs.get_by_text("services", exact=True).wait_for()
    docs.get_by_text("service", exact=True).wait_for()

    assert page.watch.foreign_requests == []
    assert page.watch.errors_besides(live_server.url + "/graphql/") == []
