"""search and searchSuggestions over HTTP, as a partner portal calls them: shapes and bad input.

Whatever a visitor types, the answer is results (maybe none) or an error with a message:
never a server error.
"""

from __future__ import annotations

import pytest

from search.normalize import MAX_QUERY_CHARS

pytestmark = pytest.mark.django_db
pytest_plugins = ["search.testing", "services_catalog.testing"]

SEARCH = """query($q: String!, $locale: String, $types: [SearchResultType!], $category: String,
  $audience: String, $page: Int, $pageSize: Int) {
  search(query: $q, locale: $locale, types: $types, category: $category, audience: $audience,
         page: $page, pageSize: $pageSize) {
    query truncated locale total page pageSize pageCount didYouMean
    hits {
      __typename
      ... on SearchHitBase { type title titleHighlighted url snippet promoted page { __typename id } }
      ... on ServiceHit { code summary category { slug name } }
      ... on PageHit { pageType }
    }
    facets { types { value label count } categories { value label count } }
  }
}"""

SUGGEST = """query($prefix: String!, $locale: String, $limit: Int) {
  searchSuggestions(prefix: $prefix, locale: $locale, limit: $limit) { title url type code }
}"""

HOSTILE_QUERIES = [
    "",
    "   ",
    "قرض " * 1250,  # 5,000 characters
    "a" * 5000,
    "\x00\x01\x02\x1b[31m\x7f",
    "\u200b\u200c\u200d\u2060\ufeff",
    "\u202eقرض\u202c loan",
    "\ud800 قرض",  # a lone surrogate, as JSON may carry one
    '"',
    '"loan',
    "*",
    "loan*",
    "AND (",
    "loan AND (exemption OR",
    "-",
    "-loan",
    ":",
    "title:loan",
    "{title body} : loan",
    "NEAR(loan exemption, 2)",
    "loan^10",
    "loan~2",
    "+loan -exemption",
    "[a TO z]",
    "/.*/",
    "\\",
    "'; DROP TABLE wagtailcore_page; --",
    "1' OR '1'='1",
    "%_%",
    "💸🏦",
    "👨‍👩‍👧 قرض",
    "قرض loan ١٩٩٩٠ exemption إعفاء",
    "ًٌٍَُِّْ",
    "ـــــ",
    "null",
    "<script>alert(1)</script>",
]


def _assert_answered(response) -> dict:
    assert response.status_code in (200, 400), response.content[:300]
    payload = response.json()
    if "errors" in payload:
        assert all(error.get("message") for error in payload["errors"]), payload
    return payload


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_any_query_gets_an_answer(gql, search_pages, query):
    for locale in ("ar", "en"):
        payload = _assert_answered(gql.post(SEARCH, {"q": query, "locale": locale}))
        if "\x00" in query:
            # The endpoint refuses NUL characters in any request, with a 400 and a message.
            assert payload["errors"][0]["message"]
            continue
        assert "errors" not in payload, payload
        results = payload["data"]["search"]
        assert len(results["query"]) <= MAX_QUERY_CHARS
        assert results["total"] >= len(results["hits"])
        for hit in results["hits"]:
            assert "<script" not in hit["snippet"] and "<script" not in hit["titleHighlighted"]
        payload = _assert_answered(gql.post(SUGGEST, {"prefix": query, "locale": locale}))
        assert "errors" not in payload, payload


def test_control_characters_without_nul_are_searched(gql, search_pages):
    results = gql(SEARCH, {"q": "\x01lo\u200ban\x1b", "locale": "en"})["search"]
    assert results["query"] == "loan"
    assert results["hits"][0]["title"] == "Guide to loan exemptions"


def test_a_long_query_is_cut_not_refused(gql, search_pages):
    results = gql(SEARCH, {"q": "loan " * 1000, "locale": "en"})["search"]
    assert results["truncated"] is True
    assert len(results["query"]) <= MAX_QUERY_CHARS
    assert results["hits"][0]["title"] == "Guide to loan exemptions"


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"locale": "xx"}, "Unknown locale"),
        ({"page": 0}, "'page' must be between"),
        ({"page": 101}, "'page' must be between"),
        ({"pageSize": 0}, "'pageSize' must be at least 1"),
        ({"pageSize": -5}, "'pageSize' must be at least 1"),
        ({"category": "../../etc/passwd"}, "'category' must be a code"),
        ({"audience": "DROP TABLE"}, "'audience' must be a code"),
        ({"category": "x" * 500}, "'category' must be a code"),
    ],
)
def test_bad_arguments_get_a_message(gql, search_pages, variables, message):
    payload = _assert_answered(gql.post(SEARCH, {"q": "loan", **variables}))
    assert message in payload["errors"][0]["message"]


def test_wrong_types_are_refused_by_graphql_with_a_message(gql, search_pages):
    payload = _assert_answered(gql.post(SEARCH, {"q": "loan", "types": ["BOOKS"]}))
    assert payload["errors"]
    payload = _assert_answered(gql.post(SEARCH, {"q": None}))
    assert payload["errors"]
    payload = _assert_answered(gql.post(SEARCH, {"q": "loan", "page": "one"}))
    assert payload["errors"]


def test_page_size_is_capped(gql, search_pages):
    results = gql(SEARCH, {"q": "loan", "locale": "en", "pageSize": 5000})["search"]
    assert results["pageSize"] == 50


def test_typed_hits_and_facets(gql, demo_services, search_pages):
    results = gql(SEARCH, {"q": "إعفاء", "locale": "ar"})["search"]
    by_type = {hit["__typename"] for hit in results["hits"]}
    assert by_type == {"ServiceHit", "PageHit"}
    service_hit = next(h for h in results["hits"] if h["__typename"] == "ServiceHit")
    assert service_hit["code"].startswith("MOF-IND-")
    assert service_hit["category"] == {"slug": "loan-exemptions", "name": "إعفاءات القروض"}
    assert service_hit["page"]["__typename"] == "ServicePage"
    assert service_hit["url"].startswith("/ar/")
    assert "<mark>" in service_hit["snippet"] or "<mark>" in service_hit["titleHighlighted"]
    page_hit = next(h for h in results["hits"] if h["__typename"] == "PageHit")
    assert page_hit["pageType"] == "StandardPage" and page_hit["type"] == "PAGE"
    types = {facet["value"]: facet for facet in results["facets"]["types"]}
    assert types["service"]["count"] >= 5 and types["page"]["count"] == 1
    assert types["service"]["label"] == "الخدمات"
    categories = {facet["value"]: facet["count"] for facet in results["facets"]["categories"]}
    assert categories == {"loan-exemptions": 5}


def test_filters_by_type_category_and_audience(gql, demo_services, search_pages):
    only_pages = gql(SEARCH, {"q": "loan", "locale": "en", "types": ["PAGE"]})["search"]
    assert {hit["__typename"] for hit in only_pages["hits"]} == {"PageHit"}
    # Facets by type ignore the type filter, so other types stay visible.
    assert {f["value"] for f in only_pages["facets"]["types"]} >= {"service", "page"}

    category = gql(SEARCH, {"q": "compensation", "locale": "en", "category": "expropriation"})
    codes = {hit["code"] for hit in category["search"]["hits"]}
    assert codes and all(
        code in {"MOF-IND-015", "MOF-IND-016", "MOF-IND-017", "MOF-IND-018"} for code in codes
    )
    assert category["search"]["facets"]["categories"][0]["value"] == "expropriation"

    everyone = gql(SEARCH, {"q": "payment", "locale": "en", "pageSize": 50})["search"]["total"]
    business = gql(SEARCH, {"q": "payment", "locale": "en", "audience": "business"})["search"]
    assert 0 < business["total"] < everyone
    assert (
        gql(SEARCH, {"q": "loan", "locale": "en", "category": "no-such-category"})["search"][
            "total"
        ]
        == 0
    )


def test_pages_of_results_do_not_overlap(gql, demo_services):
    first = gql(SEARCH, {"q": "payment", "locale": "en", "pageSize": 3, "page": 1})["search"]
    second = gql(SEARCH, {"q": "payment", "locale": "en", "pageSize": 3, "page": 2})["search"]
    whole = gql(SEARCH, {"q": "payment", "locale": "en", "pageSize": 6, "page": 1})["search"]
    titles = [h["title"] for h in first["hits"]] + [h["title"] for h in second["hits"]]
    assert titles == [h["title"] for h in whole["hits"]]
    assert len(set(titles)) == len(titles)
    assert first["pageCount"] == -(-first["total"] // 3)


def test_suggestions_as_the_visitor_types(gql, demo_services):
    arabic = gql(SUGGEST, {"prefix": "الإعف", "locale": "ar"})["searchSuggestions"]
    assert arabic and all("إعفاء" in s["title"] or "الإعفاء" in s["title"] for s in arabic)
    english = gql(SUGGEST, {"prefix": "expro", "locale": "en", "limit": 3})["searchSuggestions"]
    assert len(english) == 3 and all("xpropriation" in s["title"] for s in english)
    assert {s["type"] for s in english} == {"SERVICE"}
    by_code = gql(SUGGEST, {"prefix": "MOF-IND-01", "locale": "en", "limit": 10})
    assert {s["code"] for s in by_code["searchSuggestions"]} == {
        f"MOF-IND-0{n}" for n in range(10, 20)
    }
    two_words = gql(SUGGEST, {"prefix": "payment ord", "locale": "en"})["searchSuggestions"]
    assert two_words and all("payment order" in s["title"].lower() for s in two_words)
    assert gql(SUGGEST, {"prefix": "x", "locale": "en"})["searchSuggestions"] == []


def test_did_you_mean_for_a_query_without_results(gql, demo_services):
    results = gql(SEARCH, {"q": "expropriaton compensaton", "locale": "en"})["search"]
    assert results["total"] == 0
    assert results["didYouMean"] == "expropriation compensation"
    corrected = gql(SEARCH, {"q": results["didYouMean"], "locale": "en"})["search"]
    assert corrected["total"] > 0
    arabic = gql(SEARCH, {"q": "تعويظ", "locale": "ar"})["search"]
    assert arabic["total"] == 0 and arabic["didYouMean"] == "تعويض"
    assert gql(SEARCH, {"q": "qqqqzzzz", "locale": "en"})["search"]["didYouMean"] is None
