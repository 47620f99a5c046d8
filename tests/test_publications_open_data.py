"""Open fiscal data: the CSV and JSON datasets hold the same figures as the budget pages, and
the DCAT catalogue is valid JSON-LD (parsed into RDF by rdflib) with a licence, publisher,
frequency, temporal coverage and working distributions for every dataset."""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser

import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF

from publications.demo import content

pytest_plugins = ["publications.testing"]

DCAT = Namespace("http://www.w3.org/ns/dcat#")


class Tables(HTMLParser):
    """Every table of a page as rows of cell texts, with its caption."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[dict] = []
        self._cell: list[str] | None = None
        self._in_caption = False

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append({"caption": "", "rows": []})
        elif tag == "tr" and self.tables:
            self.tables[-1]["rows"].append([])
        elif tag in ("td", "th") and self.tables:
            self._cell = []
        elif tag == "caption":
            self._in_caption = True

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1]["rows"][-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "caption":
            self._in_caption = False

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)
        elif self._in_caption:
            self.tables[-1]["caption"] += data


def page_tables(client, url) -> list[dict]:
    parser = Tables()
    parser.feed(client.get(url).content.decode())
    return parser.tables


@pytest.mark.parametrize("language", ["ar", "en"])
def test_budget_csv_and_json_equal_the_figures_on_the_pages(client, library, language):
    csv_rows = list(
        csv.DictReader(
            io.StringIO(client.get(f"/open-data/budget/{language}.csv").content.decode())
        )
    )
    json_rows = json.loads(client.get(f"/open-data/budget/{language}.json").content)["budget"]
    assert len(csv_rows) == len(json_rows) > 0
    for row, record in zip(csv_rows, json_rows, strict=True):
        assert int(row["amount_million_sar"]) == record["amount_million_sar"]
        assert row["label"] == record["label"] and int(row["fiscal_year"]) == record["fiscal_year"]
    for year in content.YEARS:
        headline, lines, *_rest = page_tables(client, f"/{language}/publications/budget-{year}/")
        on_page = {cells[0]: int(cells[-1].replace(",", "")) for cells in lines["rows"][1:]}
        in_data = {
            r["label"]: int(r["amount_million_sar"])
            for r in csv_rows
            if int(r["fiscal_year"]) == year and r["kind"] in ("revenue", "expenditure")
        }
        assert on_page == in_data
        totals = [int(cells[-1].replace(",", "")) for cells in headline["rows"][1:]]
        data_totals = [
            int(r["amount_million_sar"])
            for r in csv_rows
            if int(r["fiscal_year"]) == year
            and r["kind"] in ("revenue_total", "expenditure_total", "balance")
        ]
        assert totals == data_totals
        assert all(r["is_sample_data"] == "true" for r in csv_rows)


def test_publications_dataset_lists_every_published_publication(client, library):
    rows = json.loads(client.get("/open-data/publications/en.json").content)["publications"]
    assert len(rows) == len(content.PUBLICATIONS)
    assert all(row["files"] and row["url"].startswith("http") for row in rows)
    text = client.get("/open-data/publications/ar.csv").content.decode()
    assert text.splitlines()[0].startswith("title,type,type_label,fiscal_year")
    assert client.get("/open-data/publications/fr.json").status_code == 404


def test_the_dcat_catalogue_validates_and_describes_every_dataset(client, library):
    response = client.get("/open-data/catalog.jsonld")
    assert response["Content-Type"].startswith("application/ld+json")
    graph = Graph().parse(data=response.content.decode(), format="json-ld")
    catalogues = list(graph.subjects(RDF.type, DCAT.Catalog))
    assert len(catalogues) == 1
    datasets = list(graph.objects(catalogues[0], DCAT.dataset))
    assert {str(graph.value(d, DCTERMS.identifier)) for d in datasets} == {
        "budget",
        "publications",
        "services",
    }
    for dataset in datasets:
        assert (dataset, RDF.type, DCAT.Dataset) in graph
        assert isinstance(graph.value(dataset, DCTERMS.license), URIRef)
        assert isinstance(graph.value(dataset, DCTERMS.accrualPeriodicity), URIRef)
        publisher = graph.value(dataset, DCTERMS.publisher)
        assert {
            o.language
            for o in graph.objects(publisher, Namespace("http://xmlns.com/foaf/0.1/").name)
        } == {"ar", "en"}
        temporal = graph.value(dataset, DCTERMS.temporal)
        assert graph.value(temporal, DCAT.startDate) is not None
        distributions = list(graph.objects(dataset, DCAT.distribution))
        assert len(distributions) >= 4
        for distribution in distributions:
            url = str(graph.value(distribution, DCAT.downloadURL))
            assert graph.value(distribution, DCAT.mediaType) is not None
            assert client.get(url.removeprefix("http://testserver")).status_code == 200, url


def test_budget_pages_describe_their_figures_as_a_schema_org_dataset(client, library):
    html = client.get("/en/publications/budget-2025/").content.decode()
    block = html.split('<script type="application/ld+json">')[1].split("</script>")[0]
    data = json.loads(block)
    assert data["@type"] == "Dataset"
    assert data["temporalCoverage"] == "2025-01-01/2025-12-31"
    assert data["license"].startswith("https://creativecommons.org/")
    assert {d["encodingFormat"] for d in data["distribution"]} == {"text/csv", "application/json"}
