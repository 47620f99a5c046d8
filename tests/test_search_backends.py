"""The two backends: Elasticsearch settings and queries as units (integration when a cluster is
named by ELASTICSEARCH_URL), and the database index statements search.database relies on."""

from __future__ import annotations

import logging
import os

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from cms.graphql.visibility import visible_pages
from search import database, service
from search.backends import build_query
from search.elasticsearch_settings import ANALYZER, INDEX_SETTINGS, elasticsearch_backend
from search.synonyms import TermGroup
from site_pages.models import StandardPage
from site_pages.testing import add_page

pytestmark = pytest.mark.django_db
pytest_plugins = ["search.testing", "services_catalog.testing"]

CLOSED_PORT = 9  # discard: nothing listens on it here
GROUPS = [
    TermGroup(("اعفاء",), (("اعفاء",),)),
    TermGroup(("قرض",), (("قرض",), ("سلف",), ("تمويل", "شخصي"))),
]


def _es_settings(url: str = f"http://127.0.0.1:{CLOSED_PORT}") -> dict:
    return {
        "default": elasticsearch_backend(url, timeout=1),
        "database": {"BACKEND": "wagtail.search.backends.database"},
    }


# --- Elasticsearch as units -------------------------------------------------------------------


def test_backend_entry():
    entry = elasticsearch_backend("https://user:secret@search.internal:9200")
    assert entry["BACKEND"] == "wagtail.search.backends.elasticsearch8"
    assert entry["URLS"] == ["https://user:secret@search.internal:9200"]
    assert entry["INDEX_SETTINGS"] is INDEX_SETTINGS
    with pytest.raises(ImproperlyConfigured):
        elasticsearch_backend("search.internal:9200")


def test_analysis_normalises_and_stems_arabic_and_english():
    analysis = INDEX_SETTINGS["settings"]["analysis"]
    chain = analysis["analyzer"][ANALYZER]["filter"]
    assert chain.index("arabic_normalization") < chain.index("mizan_arabic_stemmer")
    assert "decimal_digit" in chain and "lowercase" in chain
    assert analysis["filter"]["mizan_arabic_stemmer"] == {"type": "stemmer", "language": "arabic"}
    assert analysis["filter"]["mizan_english_stemmer"] == {"type": "stemmer", "language": "english"}
    # Every text field without an analyzer of its own uses the same chain.
    assert analysis["analyzer"]["default"]["filter"] == chain


def test_the_backend_takes_our_settings(settings):
    settings.WAGTAILSEARCH_BACKENDS = _es_settings()
    backend = get_search_backend()
    analyzers = backend.settings["settings"]["analysis"]["analyzer"]
    assert (
        analyzers["default"]["filter"]
        == INDEX_SETTINGS["settings"]["analysis"]["analyzer"][ANALYZER]["filter"]
    )
    assert "edgengram_analyzer" in analyzers  # Wagtail's own analyzers are kept


def test_query_building_sends_prepared_words_and_the_visibility_filters(settings, locales):
    settings.WAGTAILSEARCH_BACKENDS = _es_settings()
    backend = get_search_backend()
    pages = visible_pages(Page.objects.all(), locales[0])
    query = backend.query_compiler_class(pages, build_query(GROUPS)).get_query()
    text = repr(query)
    for word in ("اعفاء", "قرض", "سلف", "تمويل شخصي", "_all_text_boost_10_0"):
        assert word in text
    filters = repr(query["bool"]["filter"])
    for name in ("live_filter", "expired_filter", "expire_at_filter", "locale_id_filter"):
        assert name in filters


def test_documents_carry_prepared_text(settings, service_search, catalogue):
    from search.testing import make_demo_services

    made = make_demo_services(catalogue, ["MOF-IND-001"])
    settings.WAGTAILSEARCH_BACKENDS = _es_settings()
    backend = get_search_backend()
    page = made["MOF-IND-001"][0]
    document = backend.mapping_class(type(page)).get_document(page)
    assert "اعفاء" in document["title"] and "mof ind 001" in document["title"]
    summary = document["search_searchablepagemixin__search_prepared_summary"]
    # Lucene's light stemmer takes و off ورثة too ("heirs" -> رث): the same on both sides.
    assert "قرض" in summary and "رث" in summary


def test_unreachable_cluster_falls_back_for_suggestions_too(settings, search_pages, caplog):
    settings.WAGTAILSEARCH_BACKENDS = _es_settings()
    with caplog.at_level(logging.WARNING, logger="mizan.search"):
        suggestions = service.suggest("guid", "en")
        results = service.search("exemptoin", "en", record=False)
    assert [s.title for s in suggestions] == ["Guide to loan exemptions"]
    assert results.did_you_mean == "exemptions"
    assert "answering from the database index" in caplog.text


@pytest.mark.elasticsearch
def test_against_a_real_cluster(settings, search_pages):
    url = os.environ.get("ELASTICSEARCH_URL")
    if not url:
        pytest.skip("ELASTICSEARCH_URL is not set: no Elasticsearch cluster to test against")
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": elasticsearch_backend(url, index_prefix="mizan_test_"),
        "database": {"BACKEND": "wagtail.search.backends.database"},
    }
    call_command("update_index", verbosity=0)
    for typed in ("الإعفاء", "الاعفاء", "إعفاءات", "اعفاء"):
        assert [h.title for h in service.search(typed, "ar", record=False).hits] == [
            "دليل الإعفاء من القروض"
        ]
    assert service.search("exemptions", "en", record=False).hits[0].title == (
        "Guide to loan exemptions"
    )
    assert service.suggest("guid", "en")[0].title == "Guide to loan exemptions"


# --- The database index -----------------------------------------------------------------------


def test_index_entry_shape_we_rely_on():
    """search.database reads Wagtail's IndexEntry directly: notice if its shape changes."""
    names = {f.name for f in IndexEntry._meta.get_fields()}
    assert {"content_type", "object_id", "title_norm", "title", "body", "autocomplete"} <= names
    assert IndexEntry._meta.get_field("object_id").get_internal_type() == "CharField"
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT * FROM {IndexEntry._meta.db_table}_fts LIMIT 0")
            columns = [c[0] for c in cursor.description]
        assert columns == ["autocomplete", "body", "title"]  # bm25() weights follow this order
    assert database.supported()


def test_expressions_quote_every_word():
    assert database.fts_expression(GROUPS) == (
        '{title body} : ("اعفاء" AND ("قرض" OR "سلف" OR ("تمويل" AND "شخصي")))'
    )
    assert database.fts_expression(GROUPS, "or").endswith(
        'OR ("قرض" OR "سلف" OR ("تمويل" AND "شخصي")))'
    )
    assert database.fts_prefix_expression(["loan", "exe"]) == '{autocomplete} : ("loan" AND "exe"*)'
    assert database.tsquery_expression(GROUPS) == "'اعفاء' & ('قرض' | 'سلف' | ('تمويل' & 'شخصي'))"


def test_other_models_entries_never_come_back_as_pages(home_en, locales):
    """Index entries of other models (categories, images) share numeric object ids with pages."""
    page = add_page(home_en, StandardPage(title="Allowances", slug="al", locale=home_en.locale))
    from django.contrib.contenttypes.models import ContentType

    from search.models import SynonymSet

    IndexEntry.objects.create(
        content_type=ContentType.objects.get_for_model(SynonymSet),
        object_id=str(page.pk + 1000),
        title="zebra",
        body="zebra",
        autocomplete="zebra",
    )
    pages = visible_pages(Page.objects.all(), home_en.locale)
    found = database.matches([TermGroup(("zebra",), (("zebra",),))], pages)
    assert found == []


def test_one_statement_counts_every_match_and_sends_only_the_best(home_en, locales):
    """Title matches come first; the count covers all matches, however few are sent."""
    in_body = [
        add_page(
            home_en,
            StandardPage(
                title=f"Notice {n}", slug=f"n{n}", intro="About the zebra.", locale=home_en.locale
            ),
        )
        for n in range(4)
    ]
    in_title = add_page(
        home_en, StandardPage(title="Zebra crossings", slug="z", locale=home_en.locale)
    )
    pages = visible_pages(Page.objects.all(), home_en.locale)
    zebra = [TermGroup(("zebra",), (("zebra",),))]
    pinned = [in_body[2].pk]
    summary = database.summarise(zebra, pages, "and", (), pinned, 3, database.Narrowing())
    assert sum(c.count for c in summary.counts) == 5
    assert sum(c.count for c in summary.counts if c.pinned) == 1
    assert len(summary.best) == 3
    assert summary.best[0].page_id == in_title.pk
    assert {m.page_id for m in summary.best[1:]} <= {p.pk for p in in_body}

    nothing = database.Narrowing(content_type_ids=frozenset())
    narrowed = database.summarise(zebra, pages, "and", (), (), 3, nothing)
    assert sum(c.count for c in narrowed.counts) == 5  # counts ignore the narrowing
    assert narrowed.best == []


def test_has_match_answers_without_ranking(home_en, locales):
    add_page(home_en, StandardPage(title="Zebra crossings", slug="z", locale=home_en.locale))
    pages = visible_pages(Page.objects.all(), home_en.locale)
    assert database.has_match([TermGroup(("zebra",), (("zebra",),))], pages)
    assert not database.has_match([TermGroup(("okapi",), (("okapi",),))], pages)
    assert not database.has_match([], pages)


def test_hits_read_stream_fields_only_when_a_snippet_needs_them(service_search, catalogue):
    """A page of hits is loaded without its StreamFields; they are read, for every hit at once,
    only when no text field mentions the query, and the snippet is then the same as from the
    whole page."""
    from django.test.utils import CaptureQueriesContext

    from search.normalize import query_terms
    from search.synonyms import expand
    from search.testing import make_demo_services

    made = make_demo_services(catalogue, codes=["MOF-IND-001"])
    english = made["MOF-IND-001"][1]
    type(english).objects.filter(pk=english.pk).update(
        output="A letter to the heirs confirming the exemption after the death of the borrower."
    )

    def searched(text: str) -> tuple[str, int]:
        with CaptureQueriesContext(connection) as queries:
            results = service.search(text, "en", record=False)
        (hit,) = [h for h in results.hits if h.code == "MOF-IND-001"]
        return hit, len(queries)

    service.search("loan", "en", record=False)  # look-up caches filled
    # "attorney" is in the eligibility text; "death" in the documents and steps and in the
    # text field `output` declared after them; "certificate" only in the documents and steps.
    in_text, text_queries = searched("attorney")
    in_later_text, later_text_queries = searched("death")
    in_stream, stream_queries = searched("certificate")
    assert later_text_queries == text_queries
    assert "the <mark>death</mark> of the borrower" in in_later_text.snippet
    assert stream_queries == text_queries + 1
    for hit, word in ((in_text, "attorney"), (in_stream, "certificate")):
        whole_page = type(hit.page).objects.get(pk=hit.page.pk)
        stems = {stem for group in expand(query_terms(word), "en") for stem in group.all_stems}
        assert f"<mark>{word}" in hit.snippet.lower()
        assert hit.snippet == service._snippet_for(whole_page, stems)
