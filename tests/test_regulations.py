"""The laws and regulations library: the API, the visibility of links, the pages, search."""

from __future__ import annotations

import datetime
import json
import re

import pytest

from frontend.testing import build_site
from regulations.testing import make_regulation

pytest_plugins = ["regulations.testing"]

LIST = """query($locale: String, $instrument: RegulationInstrument, $status: RegulationStatus,
  $year: Int, $first: Int, $after: String) {
  regulations(locale: $locale, instrument: $instrument, status: $status, year: $year,
    first: $first, after: $after) {
    totalCount items { title number } pageInfo { hasNextPage endCursor }
  }
}"""

DETAIL = """query($path: String!, $locale: String) { page(path: $path, locale: $locale) {
  ... on RegulationPage {
    number instrument legalStatus legalStatusLabel issuedOn issuedOnHijri { formatted }
    legalForce
    versions { number label effectiveFrom textHtml citationUrl isCurrent }
    relations { kind regulation { title url } }
    relatedBy { kind regulation { title url } }
    services { title url }
  }
} }"""


def _titles(data) -> list[str]:
    return [item["title"] for item in data["regulations"]["items"]]


def test_a_regulation_has_its_identity_versions_and_links(gql, library):
    law = gql(DETAIL, {"path": "/laws/tenders-law/", "locale": "en"})["page"]
    assert law["number"] == "M/128"
    assert law["instrument"] == "ROYAL_DECREE" and law["legalStatus"] == "IN_FORCE"
    assert law["issuedOnHijri"]["formatted"] == "13 Dhu al-Qa'dah 1440 AH"
    assert law["legalForce"] == "https://schema.org/InForce"
    assert law["versions"] == [
        {
            "number": 1,
            "label": "Original text",
            "effectiveFrom": "2019-07-16",
            "textHtml": "<p>Text of the law.</p>",
            "citationUrl": "/en/laws/tenders-law/versions/1/",
            "isCurrent": True,
        }
    ]
    # The link was made in Arabic; each language shows its own page.
    assert law["relations"] == [
        {
            "kind": "REPEALS",
            "regulation": {"title": "Former tenders law", "url": "/en/laws/old-law/"},
        }
    ]
    old = gql(DETAIL, {"path": "/laws/old-law/", "locale": "ar"})["page"]
    assert old["legalForce"] == "https://schema.org/NotInForce"
    assert old["relatedBy"] == [
        {
            "kind": "REPEALS",
            "regulation": {
                "title": "نظام المنافسات والمشتريات الحكومية",
                "url": "/ar/laws/tenders-law/",
            },
        }
    ]


def test_the_list_filters_by_instrument_status_and_year(gql, library):
    everything = gql(LIST, {"locale": "en"})
    assert _titles(everything) == ["Government Tenders and Procurement Law", "Former tenders law"]
    assert _titles(gql(LIST, {"locale": "en", "status": "REPEALED"})) == ["Former tenders law"]
    assert _titles(gql(LIST, {"locale": "en", "year": 2019})) == [
        "Government Tenders and Procurement Law"
    ]
    assert _titles(gql(LIST, {"locale": "en", "instrument": "CIRCULAR"})) == []


def test_the_list_pages_by_cursor_and_refuses_a_year_out_of_range(gql, library):
    first = gql(LIST, {"locale": "ar", "first": 1})["regulations"]
    assert first["totalCount"] == 2 and first["pageInfo"]["hasNextPage"]
    second = gql(LIST, {"locale": "ar", "first": 1, "after": first["pageInfo"]["endCursor"]})
    assert [i["number"] for i in second["regulations"]["items"]] == ["M/58"]
    assert not second["regulations"]["pageInfo"]["hasNextPage"]
    response = gql.post(LIST, {"year": 99999})
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


def test_hidden_regulations_leave_through_no_list_and_no_link(gql, library):
    draft = make_regulation(
        library["index"],
        None,
        "secret-draft",
        {"title": "secret draft", "summary": "secret"},
        relations=[("amends", library["law"])],
        publish=False,
    )
    assert draft.live is False
    # An Arabic-only regulation has no English page to link to.
    make_regulation(
        library["index"],
        None,
        "arabic-only",
        {"title": "تعميم بالعربية فقط", "summary": "-"},
        relations=[("amends", library["law"])],
    )
    assert "secret draft" not in _titles(gql(LIST, {"locale": "ar"}))
    arabic = gql(DETAIL, {"path": "/laws/tenders-law/", "locale": "ar"})["page"]
    assert [link["regulation"]["title"] for link in arabic["relatedBy"]] == ["تعميم بالعربية فقط"]
    assert gql(DETAIL, {"path": "/laws/tenders-law/", "locale": "en"})["page"]["relatedBy"] == []


@pytest.fixture
def site(db):
    return build_site()


def test_a_service_page_links_to_its_regulation_and_back(client, site):
    service = client.get("/en/services/loan-exemption/").content.decode()
    legal = service[service.index('id="legal-title"') :]
    assert '<a href="/en/laws/exemption-rules/">Loan exemption rules</a>' in legal
    regulation = client.get("/en/laws/exemption-rules/").content.decode()
    governs = regulation[regulation.index('id="services-title"') :]
    assert 'href="/en/services/loan-exemption/"' in governs
    arabic = client.get("/ar/services/loan-exemption/").content.decode()
    assert 'href="/ar/laws/exemption-rules/"' in arabic


def test_a_regulation_page_carries_legislation_json_ld(client, site):
    html = client.get("/en/laws/exemption-rules/").content.decode()
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html).group(1)
    data = json.loads(found)
    base = "http://testserver/en/laws/exemption-rules/"
    assert data["@type"] == "Legislation" and data["@id"] == base
    assert data["legislationIdentifier"] == "3310"
    assert data["legislationDate"] == "2019-07-16"
    assert data["legislationLegalForce"] == {"@id": "https://schema.org/InForce"}
    assert [(v["url"], v["legislationDateVersion"]) for v in data["workExample"]] == [
        (base + "versions/1/", "2018-03-01"),
        (base + "versions/2/", "2022-07-01"),
    ]
    assert all(v["legislationConsolidates"] == {"@id": base} for v in data["workExample"])
    # The current (latest) text is on the page; the older one at its own address.
    assert "So is a borrower with a total disability." in html


def test_each_version_has_a_stable_citation_address(client, site):
    old = client.get("/en/laws/exemption-rules/versions/1/")
    assert old.status_code == 200
    html = old.content.decode()
    assert "The heirs of a deceased borrower are exempted." in html
    assert "A later version replaces this one." in html
    assert (
        '<link rel="canonical" href="http://testserver/en/laws/exemption-rules/versions/1/">'
        in html
    )
    assert client.get("/en/laws/exemption-rules/versions/3/").status_code == 404
    # Another page's path with the same ending is not a version.
    assert client.get("/en/about/versions/1/").status_code == 404


@pytest.mark.parametrize(
    "query,shown,hidden",
    [
        ("status=repealed", ["Former tenders law"], ["Loan exemption rules"]),
        ("instrument=council_of_ministers", ["Loan exemption rules"], ["Former tenders law"]),
        ("year=2006", ["Former tenders law"], ["Loan exemption rules"]),
        # Unknown values are ignored, never an error; a foreign cursor starts again.
        ("status=secret&year=abc&after=WyJ4Il0", ["Former tenders law"], []),
    ],
)
def test_the_library_filters_work_without_script(client, site, query, shown, hidden):
    response = client.get(f"/en/laws/?{query}")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<form class="filters" method="get"' in html
    for title in shown:
        assert f">{title}</a>" in html
    for title in hidden:
        assert f">{title}</a>" not in html


def test_search_finds_a_regulation_by_its_arabic_words(gql, site):
    from django.core.management import call_command

    call_command("update_index", verbosity=0)
    query = """query($q: String!) { search(query: $q, locale: "ar") {
      hits { ... on SearchHitBase { title type } } } }"""
    found = gql(query, {"q": "الاعفاء من القروض"})["search"]["hits"]
    assert {"title": "قواعد الإعفاء من القروض", "type": "REGULATION"} in found


def test_a_version_number_is_unique_within_a_regulation(library):
    from django.core.exceptions import ValidationError

    from regulations.models import RegulationVersion

    law = library["law"]
    law.versions.add(
        RegulationVersion(
            number=1, effective_from=datetime.date(2020, 1, 1), label="x", text="<p>x</p>"
        )
    )
    with pytest.raises(ValidationError):
        law.clean()
