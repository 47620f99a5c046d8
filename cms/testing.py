"""Pytest fixtures for the caches and count buffers (loaded from tests/conftest.py).

The suite runs with the caches production has: stored GraphQL answers and pages in the
`responses` cache (local memory, or Redis when REDIS_URL is set). Each test's database starts at
the same content generation, so an entry stored by an earlier test would look current: every
test starts with the cache empty. Within a test, a change shows in the next answer only once it
commits, as in production (`django_capture_on_commit_callbacks(execute=True)` around it).
docs/testing.md says why.
"""

from __future__ import annotations

import pytest
from django.core.cache import caches

from cms import count_buffer, outages
from cms.response_store import CACHE_ALIAS

DUMMY_CACHE = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}


@pytest.fixture(autouse=True)
def _fresh_response_cache() -> None:
    caches[CACHE_ALIAS].clear()


@pytest.fixture(autouse=True)
def _no_counts_left_waiting():
    yield
    count_buffer.discard_every_pending_count()


@pytest.fixture
def no_outage_under_way():
    """An outage is logged once when it starts and once when it ends: a test that reads those
    lines starts with none under way and leaves none behind."""
    outages.reset()
    yield
    outages.reset()


@pytest.fixture
def answers_not_stored(settings) -> None:
    """No stored answers nor pages: for tests that count what resolvers and views do (a stored
    answer costs one query whatever they do, and would hide an N+1)."""
    settings.CACHES = {**settings.CACHES, CACHE_ALIAS: DUMMY_CACHE}
