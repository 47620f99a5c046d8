"""The publications library and the budget years: files read at upload (Arabic PDF text
included), the GraphQL list through the visibility policy, the library's filters and stable
addresses without JavaScript, and the budget hub's figures."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Locale

from cms.graphql.schema import schema
from publications.demo import content
from publications.extraction import inspect_file
from publications.files import arabic_font, make_pdf

pytest_plugins = ["publications.testing"]


def test_arabic_pdf_text_is_extracted_in_reading_order():
    if arabic_font() is None:
        pytest.skip("No font with Arabic glyphs on this machine (fonts-dejavu-core).")
    data = make_pdf("الميزانية العامة للدولة", ["الإيرادات والمصروفات حسب القطاع"], "ar")
    found = inspect_file("budget.pdf", data)
    assert found.file_format == "pdf"
    assert found.page_count == 1
    assert found.size_bytes == len(data)
    assert "الميزانية العامة للدولة" in found.text
    assert "الإيرادات والمصروفات" in found.text


@pytest.mark.parametrize(
    "name,data",
    [
        ("report.pdf", b"%PDF-1.7\nnot really a pdf"),
        ("report.pdf", b"<html>a page</html>"),
        ("table.xlsx", b"PK\x03\x04broken"),
        ("table.csv", "سطر".encode("cp1256")),
        ("notes.docx", b"PK\x03\x04"),
        ("empty.pdf", b""),
    ],
)
def test_broken_or_unsupported_files_are_refused_with_a_message(name, data):
    with pytest.raises(ValidationError) as error:
        inspect_file(name, data)
    assert error.value.messages[0]


def _run(query: str, **variables):
    result = schema.execute(query, variable_values=variables)
    assert result.errors is None, result.errors
    return result.data


LIST = """query($locale: String!, $type: PublicationType, $year: Int, $lang: FileLanguage,
  $after: String) {
  publications(locale: $locale, type: $type, year: $year, fileLanguage: $lang, first: 5,
    after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    items { title slug publicationType fiscalYear { year hijriStart label } files { language format pageCount } }
  }
}"""


def test_publications_are_listed_filtered_and_cursor_paged(library):
    everything = _run(LIST, locale="ar")["publications"]
    assert everything["totalCount"] == len(content.PUBLICATIONS) >= 12
    assert {item["fiscalYear"]["year"] for item in everything["items"]} <= set(content.YEARS)
    seen = [item["slug"] for item in everything["items"]]
    cursor = everything["pageInfo"]["endCursor"]
    while cursor:
        page = _run(LIST, locale="ar", after=cursor)["publications"]
        seen += [item["slug"] for item in page["items"]]
        cursor = page["pageInfo"]["endCursor"] if page["pageInfo"]["hasNextPage"] else None
    assert len(seen) == len(set(seen)) == len(content.PUBLICATIONS)

    enacted = _run(LIST, locale="en", type="ENACTED_BUDGET")["publications"]
    assert enacted["totalCount"] == 3
    assert all(item["publicationType"] == "ENACTED_BUDGET" for item in enacted["items"])
    year = _run(LIST, locale="en", year=2025)["publications"]
    assert {item["fiscalYear"]["year"] for item in year["items"]} == {2025}
    assert year["items"][0]["fiscalYear"]["hijriStart"] == 1446
    assert year["items"][0]["fiscalYear"]["label"] == "2025 (1446–1447 AH)"
    arabic_year = _run(LIST, locale="ar", year=2025)["publications"]["items"][0]
    assert arabic_year["fiscalYear"]["label"] == "2025 (1446–1447 هـ)"
    english_files = _run(LIST, locale="en", lang="EN")["publications"]
    assert english_files["totalCount"] < everything["totalCount"]
    assert all(any(f["language"] == "EN" for f in item["files"]) for item in english_files["items"])


def test_unpublished_publications_do_not_leave_the_api(library):
    from publications.models import PublicationPage

    page = PublicationPage.objects.get(slug="enacted-budget-2025", locale__language_code="ar")
    page.unpublish()
    slugs = [
        i["slug"] for i in _run(LIST, locale="ar", type="ENACTED_BUDGET")["publications"]["items"]
    ]
    assert "enacted-budget-2025" not in slugs


def test_bad_cursor_is_a_client_error(library):
    result = schema.execute(LIST, variable_values={"locale": "ar", "after": "bm9wZTox"})
    assert result.errors and result.errors[0].extensions["code"] == "BAD_CURSOR"


def test_library_filters_work_without_javascript_and_types_and_years_have_addresses(
    client, library
):
    page = client.get("/en/publications/?type=citizens-budget&year=2025")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Citizens budget 2025" in html
    assert "Enacted state budget 2025" not in html
    by_type = client.get("/ar/publications/type/enacted-budget/").content.decode()
    results = by_type.split('id="results-title"')[1].split("</section>")[0]
    assert results.count("الميزانية العامة المعتمدة للدولة") == 3
    assert "ميزانية المواطن" not in results
    by_year = client.get("/en/publications/year/2024/").content.decode()
    assert "Citizens budget <bdi>2024" in by_year or "Citizens budget 2024" in by_year
    assert "budget 2025" not in by_year and "budget <bdi>2025" not in by_year
    assert client.get("/en/publications/type/no-such-type/").status_code == 404
    assert client.get("/en/publications/year/20x5/").status_code == 404
    assert client.get("/en/publications/?type=no-such-type").status_code == 200


def test_library_pages_through_the_list_with_next_links(client, library):
    import re

    seen, url, pages = [], "/en/publications/", 0
    while url and pages < 5:
        html = client.get(url).content.decode()
        results = html.split('id="results-title"')[1].split("</section>")[0]
        seen += re.findall(r'<h3 class="card-title"><a href="([^"]+)"', results)
        found = re.search(r'href="(\?[^"]*after=[^"]+)" rel="next"', results)
        url = "/en/publications/" + found[1].replace("&amp;", "&") if found else None
        pages += 1
    assert pages == 2
    assert len(seen) == len(set(seen)) == len(content.PUBLICATIONS)


def test_publication_page_lists_files_and_the_html_version(client, library):
    html = client.get("/en/publications/enacted-budget-2025/").content.decode()
    assert "/en/publications-download/" in html
    assert "<caption>Headline figures, fiscal year 2025" in html
    arabic = client.get("/ar/publications/enacted-budget-2025/").content.decode()
    assert "الأرقام الرئيسية للسنة المالية 2025" in arabic


def test_budget_year_shows_the_figures_as_a_table_then_an_svg_chart(client, library):
    html = client.get("/ar/publications/budget-2025/").content.decode()
    revenue, expenditure = content.totals(2025)
    assert f"{revenue:,}" in html and f"{expenditure:,}" in html
    assert f"{revenue - expenditure:,}" in html
    assert html.index("<table") < html.index('<svg role="img"')
    assert 'role="img"' in html and "<desc" in html
    assert "بيانات تجريبية" in html and "Sample data" in html
    # The notice says the same in both languages on both pages (each in its own language).
    english = client.get("/en/publications/budget-2025/").content.decode()
    for page in (html, english):
        assert "<strong>بيانات تجريبية:</strong> الأرقام في هذه الصفحة للعرض فقط" in page
        assert (
            "<strong>Sample data:</strong> the figures on this page are for demonstration" in page
        )
    previous_revenue = content.totals(2024)[0]
    assert f"{previous_revenue:,}" in html  # the year-on-year comparison


def test_budget_years_in_graphql_add_up(library):
    data = _run(
        '{ budgetYears(locale: "en") { fiscalYear { year } revenue expenditure balance lines { kind amount } } }'
    )
    years = {y["fiscalYear"]["year"]: y for y in data["budgetYears"]}
    assert set(years) == set(content.YEARS)
    for year, found in years.items():
        revenue, expenditure = content.totals(year)
        assert (found["revenue"], found["expenditure"]) == (revenue, expenditure)
        assert found["balance"] == revenue - expenditure
    assert json.dumps(data)


@pytest.mark.parametrize("language,query", [("ar", "الميزانية"), ("en", "budget")])
def test_searching_budget_lists_the_budget_documents_first(client, library, language, query):
    from django.core.management import call_command

    from publications.models import BUDGET_DOCUMENTS, PublicationPage
    from search import service

    call_command("update_index", verbosity=0)
    results = service.search(query, language, page_size=10, record=False)
    top = results.hits[:5]
    assert top and all(hit.type == "publication" for hit in top), [h.title for h in top]
    kinds = [PublicationPage.objects.get(pk=hit.page.pk).publication_type for hit in top]
    assert all(kind in BUDGET_DOCUMENTS for kind in kinds)
    # The results page shows each publication's type and fiscal year.
    html = client.get(f"/{language}/search/", {"q": query}).content.decode()
    first = html.split('class="meta"')[1].split("</p>")[0]
    assert str(top[0].page.specific.fiscal_year) in first


def test_a_page_types_ranking_bonus_stays_below_one_weight_step():
    """The budget documents' bonus, with the backend's order on top, never adds up to where
    a word was found (search.ranking)."""
    from search.ranking import BODY_WEIGHT, MAX_BONUS, RERANK_WINDOW, RankText, relevance
    from search.synonyms import TermGroup, entry_stems

    stems = entry_stems("budget")
    groups = [TermGroup(stems, (stems,))]
    first = relevance(RankText("Annual report", "Figures", bonus=MAX_BONUS), groups, 0)
    last = relevance(RankText("Annual report", "Figures"), groups, RERANK_WINDOW - 1)
    assert 0 < first - last < BODY_WEIGHT


def test_downloads_are_counted_after_the_response_without_a_write_in_the_request(
    client, library, settings, django_capture_on_commit_callbacks
):
    from publications import kpi
    from publications.models import PublicationDownloadStats, PublicationPage

    settings.COUNTS_FLUSH_SECONDS = 3600
    page = PublicationPage.objects.get(slug="enacted-budget-2025", locale__language_code="en")
    item = page.files.first()
    url = f"/en/publications-download/{page.pk}/{item.pk}/"
    for _ in range(3):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == item.document.url
    assert not PublicationDownloadStats.objects.exists()  # buffered, not written
    kpi.download_buffer.flush()
    assert kpi.downloads(item.pk) == 3
    assert client.get(f"/en/publications-download/{page.pk}/999999/").status_code == 404
    # Only a public, live page in the address's language leads to its files.
    arabic = page.get_translation(Locale.objects.get(language_code="ar"))
    arabic_file = arabic.files.first()
    assert client.get(f"/ar/publications-download/{arabic.pk}/{arabic_file.pk}/").status_code == 302
    assert client.get(f"/en/publications-download/{arabic.pk}/{arabic_file.pk}/").status_code == 404
    with django_capture_on_commit_callbacks(execute=True):  # the content generation moves on
        page.unpublish()
    assert client.get(url).status_code == 404
    kpi.download_buffer.flush()
    assert kpi.downloads(item.pk) == 3


def test_new_publications_feed_and_sitemap_entries(client, library):
    feed = client.get("/en/feeds/publications.xml")
    assert feed.status_code == 200 and b"<rss" in feed.content
    assert b"Enacted state budget 2026 (Enacted budget)" in feed.content
    arabic = client.get("/ar/feeds/publications.xml").content.decode()
    assert "الميزانية العامة المعتمدة" in arabic
    sitemap = client.get("/sitemap.xml").content.decode()
    for path in (
        "/ar/publications/",
        "/en/publications/budget-2025/",
        "/ar/publications/citizens-budget-2024/",
    ):
        assert path in sitemap, path
