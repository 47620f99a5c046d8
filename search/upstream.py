"""Workarounds for upstream gaps, each with a test that notices when upstream closes the gap.

Wagtail checks every filter of a searched queryset against the model's `FilterField`s, and
`wagtailcore.Page` does not declare `expired`, `expire_at` and `alias_of`. Our visibility policy
filters on them, so a search over `visible_pages(Page.objects...)` would be refused. We declare them on
Page (and searchable_page_fields declares them on our page types). Database backends filter in
SQL either way; Elasticsearch needs them in the index mapping, so run `update_index` after
adding them to an existing cluster. Test: tests/test_search_indexing.py::test_page_filter_fields.
"""

from __future__ import annotations

from wagtail.models import Page
from wagtail.search import index

VISIBILITY_FILTER_FIELDS = ("expired", "expire_at", "alias_of")


def missing_page_filter_fields() -> list[str]:
    declared = {f.field_name for f in Page.search_fields if isinstance(f, index.FilterField)}
    return [name for name in VISIBILITY_FILTER_FIELDS if name not in declared]


def declare_page_filter_fields() -> None:
    """Add the visibility policy's filter fields to wagtailcore.Page (idempotent)."""
    for name in missing_page_filter_fields():
        Page.search_fields.append(index.FilterField(name))
