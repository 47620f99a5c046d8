"""While frontend code runs, every SQL statement comes from the GraphQL execution.

tests/test_frontend_architecture.py reads the frontend's imports; this test watches what the
frontend does. A `connection.execute_wrapper` looks at the Python stack of every statement the
test client's requests run: a statement whose stack holds frontend code (frontend/ views, forms,
template tags) or a template being rendered, and not the GraphQL execution entry point
(`cms.graphql.execute.execute_document`, what the in-process transport calls), fails the test.
A model read through `apps.get_model`, or a lazy queryset reaching a template, is caught the
same way as an import would be.

What is allowed outside GraphQL, and why: statements with no frontend frame on the stack. Those
are the middleware's and handlers' own work around a view, not the view's: the page cache's
content-generation read and its serve handlers (a service view counted, a search recorded,
cms/page_cache.py), sessions and authentication. (Old addresses are looked up through GraphQL on a 404.) None of them
is frontend code, and each is tested where it lives; a frontend view calling one of them itself
would put a frontend frame on the stack and fail here.
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import FrameType

import pytest
from django.db import connection

from frontend.testing import PAGE_URLS, build_site

ROOT = Path(__file__).resolve().parent.parent
FRONTEND = str(ROOT / "frontend") + "/"
GRAPHQL_EXECUTE = str(ROOT / "cms" / "graphql" / "execute.py")
GRAPHQL_ENTRY = "execute_document"
DJANGO_TEMPLATES = "/django/template/"


def _frames(frame: FrameType | None):
    while frame is not None:
        yield frame
        frame = frame.f_back


def frontend_reach(frame: FrameType | None) -> str | None:
    """The frontend frame (or template rendering) that issued this statement outside GraphQL,
    as "file:line function"; None when the statement is GraphQL's or nobody's in frontend/."""
    culprit = None
    for current in _frames(frame):
        filename = current.f_code.co_filename
        if filename == GRAPHQL_EXECUTE and current.f_code.co_name == GRAPHQL_ENTRY:
            return None
        if culprit is None and (filename.startswith(FRONTEND) or DJANGO_TEMPLATES in filename):
            culprit = f"{filename}:{current.f_lineno} {current.f_code.co_name}"
    return culprit


class SqlOutsideGraphQL:
    """Collects the statements frontend code ran outside GraphQL; counts all of them."""

    def __init__(self) -> None:
        self.found: list[tuple[str, str]] = []
        self.statements = 0

    def __call__(self, execute, sql, params, many, context):
        self.statements += 1
        culprit = frontend_reach(sys._getframe(1))
        if culprit is not None:
            self.found.append((culprit, sql[:200]))
        return execute(sql, params, many, context)


@pytest.fixture
def site(db):
    return build_site()


# Beyond one page of each type: the catalogue filtered by a category and the feedback step.
MORE_URLS = {
    "CategoryFilter": {
        "ar": "/ar/services/?category=loan-exemptions",
        "en": "/en/services/?category=loan-exemptions",
    },
    "FeedbackStep": {
        "ar": "/ar/service-feedback/MOF-IND-001/?useful=no",
        "en": "/en/service-feedback/MOF-IND-001/?useful=yes",
    },
}


def _urls():
    for page_type, urls in {**PAGE_URLS, **MORE_URLS}.items():
        for language, url in urls.items():
            yield page_type, language, url


@pytest.mark.parametrize("page_type,language,url", list(_urls()))
def test_frontend_pages_read_content_only_through_graphql(client, site, page_type, language, url):
    guard = SqlOutsideGraphQL()
    with connection.execute_wrapper(guard):
        # The test client's handler renders a TemplateResponse before returning it: templates
        # run inside the guard too.
        response = client.get(url)
    assert response.status_code == (404 if page_type == "NotFound" else 200)
    assert guard.found == [], guard.found
    assert guard.statements > 0  # the guard did see the request's statements


def test_frontend_posts_read_and_write_only_through_graphql(client, site):
    """The feedback and enquiry forms' posts: their writes are GraphQL mutations too."""
    posts = [
        ("/en/service-feedback/MOF-IND-001/", {"useful": "yes", "comment": "Clear steps."}, 302),
        ("/ar/service-feedback/MOF-IND-001/", {"useful": "no", "comment": "x" * 501}, 400),
    ]
    for url, data, status in posts:
        guard = SqlOutsideGraphQL()
        with connection.execute_wrapper(guard):
            response = client.post(url, data)
        assert response.status_code == status, url
        assert guard.found == [], guard.found


def test_publication_pages_read_content_only_through_graphql(client, site):
    """The library (filtered, at a type address), a publication, a budget year, the counted
    download and the publications feed."""
    from publications.testing import LIBRARY_URLS, build_library

    build_library(site["home"])
    urls = [url for urls in LIBRARY_URLS.values() for url in urls.values()]
    urls += ["/en/publications/?type=citizens-budget&lang=en", "/ar/feeds/publications.xml"]
    for url in urls:
        guard = SqlOutsideGraphQL()
        with connection.execute_wrapper(guard):
            response = client.get(url)
        assert response.status_code == 200, url
        assert guard.found == [], guard.found
