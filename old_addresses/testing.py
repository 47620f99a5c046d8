"""Pytest plugin: each test starts with no redirect map in memory.

Every test's database starts at the same content generation, so a map built in an earlier test
would look current in the next one (in production the generation only grows)."""

from __future__ import annotations

import pytest

from old_addresses import lookup


@pytest.fixture(autouse=True)
def _fresh_redirect_maps():
    lookup.forget_maps()
    yield
    lookup.forget_maps()
