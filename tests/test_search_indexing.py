"""When pages enter and leave the index, and that public search shows live, public pages only."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index
from wagtail.search.models import IndexEntry

from search import service
from search.indexing import TITLE_BOOST, PreparedTitleField, searchable_models
from search.upstream import VISIBILITY_FILTER_FIELDS, missing_page_filter_fields
from site_pages.models import NewsArticlePage, StandardPage
from site_pages.testing import add_page

pytestmark = pytest.mark.django_db
pytest_plugins = ["search.testing"]


def entry(page: Page) -> IndexEntry | None:
    return IndexEntry.objects.filter(
        content_type_id=page.content_type_id, object_id=str(page.pk)
    ).first()


def titles(query: str, locale: str = "en") -> list[str]:
    return [hit.title for hit in service.search(query, locale, record=False).hits]


def test_page_filter_fields():
    """Upstream workaround: Page declares the visibility policy's filter fields.

    When Wagtail declares them itself, search.upstream becomes a no-op and can be removed.
    """
    assert missing_page_filter_fields() == []
    for model in searchable_models():
        filters = {f.field_name for f in model.get_filterable_search_fields()}
        assert set(VISIBILITY_FILTER_FIELDS) <= filters, model


def test_every_page_type_indexes_prepared_text():
    for model in searchable_models():
        fields = model.get_search_fields()
        assert any(isinstance(f, PreparedTitleField) and f.boost == TITLE_BOOST for f in fields)
        names = {f.field_name for f in fields}
        assert {"search_prepared_summary", "search_prepared_body"} <= names
        assert model.search_auto_update is False, model


def test_publish_indexes_prepared_words(home_en):
    page = add_page(
        home_en,
        StandardPage(
            title="Loan exemptions",
            slug="loans",
            intro="For heirs of borrowers",
            locale=home_en.locale,
        ),
    )
    found = entry(page)
    assert "exempt" in found.title and "heir" in found.body
    assert titles("exemption") == ["Loan exemptions"]


def test_a_draft_save_does_not_touch_the_index(home_en):
    page = add_page(home_en, StandardPage(title="Payment orders", slug="po", locale=home_en.locale))
    before = entry(page).title
    page.title = "Secret new name"
    page.intro = "unpublished words"
    page.save_revision()
    assert entry(page).title == before
    assert titles("secret") == [] and titles("unpublished") == []
    assert titles("payment") == ["Payment orders"]
    page.get_latest_revision().publish()
    assert titles("secret") == ["Secret new name"]


def test_unpublish_and_delete(home_en):
    page = add_page(home_en, StandardPage(title="Statement", slug="st", locale=home_en.locale))
    assert titles("statement") == ["Statement"]
    page.unpublish()
    assert titles("statement") == []
    page.get_latest_revision().publish()
    assert titles("statement") == ["Statement"]
    Page.objects.get(pk=page.pk).delete()
    assert entry(page) is None
    assert titles("statement") == []


def test_a_never_published_page_is_indexed_for_editors_but_not_found(home_en):
    draft = add_page(
        home_en, StandardPage(title="Draft plans", slug="dp", locale=home_en.locale), publish=False
    )
    assert entry(draft) is not None  # Wagtail's admin search finds new drafts
    assert titles("plans") == []


def test_move_reindexes_and_keeps_policy(home_en):
    section = add_page(home_en, StandardPage(title="Section", slug="sec", locale=home_en.locale))
    page = add_page(home_en, StandardPage(title="Appointments", slug="ap", locale=home_en.locale))
    page.move(section, pos="last-child")
    assert titles("appointments") == ["Appointments"]
    PageViewRestriction.objects.create(
        page=section, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    assert titles("appointments") == []


def test_private_expired_and_other_locale_pages_are_not_found(home_ar, home_en):
    private = add_page(home_en, StandardPage(title="Allowances", slug="al", locale=home_en.locale))
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    expired = add_page(
        home_en, StandardPage(title="Allowances old", slug="ao", locale=home_en.locale)
    )
    Page.objects.filter(pk=expired.pk).update(expire_at=timezone.now() - datetime.timedelta(days=1))
    add_page(home_ar, StandardPage(title="Allowances in Arabic tree", slug="aa"))
    add_page(home_en, StandardPage(title="Allowances public", slug="ap", locale=home_en.locale))
    assert titles("allowances", "en") == ["Allowances public"]
    assert titles("allowances", "ar") == ["Allowances in Arabic tree"]


def test_update_index_rebuilds(home_en):
    page = add_page(home_en, StandardPage(title="Complaints", slug="co", locale=home_en.locale))
    IndexEntry.objects.all().delete()
    assert titles("complaints") == []
    call_command("update_index", verbosity=0)
    assert titles("complaints") == ["Complaints"]
    assert entry(page) is not None


def test_news_articles_are_typed(home_en):
    from site_pages.models import NewsIndexPage

    news = add_page(home_en, NewsIndexPage(title="News", slug="news", locale=home_en.locale))
    add_page(
        news,
        NewsArticlePage(title="Platform launch", slug="launch", summary="x", locale=home_en.locale),
    )
    hits = service.search("launch", "en", record=False).hits
    assert [(h.type, h.title) for h in hits] == [("news", "Platform launch")]
    assert index.class_is_indexed(NewsArticlePage)


def _fts_pages() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {IndexEntry._meta.db_table}_fts_data")
        return cursor.fetchone()[0]


def test_update_index_leaves_the_sqlite_index_compacted(home_en):
    from django.db import connection
    from wagtail.search.management.commands.update_index import Command as WagtailUpdateIndex

    from search import database

    if connection.vendor != "sqlite":
        pytest.skip("FTS5 compaction is SQLite's: PostgreSQL's GIN indexes need none")
    for number in range(30):
        title = f"Circular {number}"
        add_page(home_en, StandardPage(title=title, slug=f"c{number}", locale=home_en.locale))
    call_command(WagtailUpdateIndex(), verbosity=0)
    written_as_segments = _fts_pages()
    database.compact_index()
    compacted = _fts_pages()
    assert compacted < written_as_segments  # what a rebuild leaves, and what compaction saves

    call_command("update_index", verbosity=0)
    assert _fts_pages() == compacted
    assert titles("circular 7") == ["Circular 7"]
