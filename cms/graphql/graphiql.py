"""GraphiQL at /graphql/ in development (DEBUG on, a browser asking for HTML).

Everything it loads is our own static files (scripts/graphiql-assets.sh copies them from the
pinned npm packages), so it works offline and under our Content-Security-Policy. The one
exception to the site's policy, on this page only: GraphiQL's stylesheet embeds its fonts as
`data:` URLs.
"""

from __future__ import annotations

from csp.decorators import csp_update
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers, patch_vary_headers


def wants_graphiql(request: HttpRequest) -> bool:
    """A browser opening /graphql/ in development; never with DEBUG off."""
    return (
        settings.DEBUG
        and request.method == "GET"
        and "text/html" in request.headers.get("Accept", "")
        and "query" not in request.GET
    )


@csp_update({"font-src": ["data:"]})
def graphiql_page(request: HttpRequest) -> HttpResponse:
    response = render(request, "graphiql/graphiql.html", {"endpoint": request.path})
    add_never_cache_headers(response)
    patch_vary_headers(response, ("Accept",))
    return response
