"""The catalogue over GraphQL: filters, paging, one service, categories, published-only, query count."""

from __future__ import annotations

import json

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from services_catalog import generator
from services_catalog.models import RelatedService, ServicePage
from services_catalog.testing import make_service

pytestmark = pytest.mark.django_db
pytest_plugins = ["services_catalog.testing"]

LIST = """query($locale: String, $category: String, $audience: Audience, $status: [ServiceStatus!],
  $search: String, $first: Int, $after: String, $limit: Int, $offset: Int) {
  services(locale: $locale, category: $category, audience: $audience, status: $status,
           search: $search, first: $first, after: $after, limit: $limit, offset: $offset) {
    totalCount items { code name status } pageInfo { hasNextPage hasPreviousPage endCursor }
  } }"""

FULL_LIST = """query($first: Int) {
  services(locale: "ar", first: $first, status: [AVAILABLE, COMING_SOON, SUSPENDED, WITHDRAWN]) {
  totalCount items {
  code name summary url locale
  category { slug name serviceCount }
  audiences { code label }
  documents { name description optional }
  steps { position title description }
  channels { kind label url phone address hours { days dayLabels opens closes } }
  cost { isFree amount currency }
  processingTime processingTimeText status statusLabel lastReviewed
} } }"""


@pytest.fixture
def three_services(catalogue):
    make_service(catalogue, "MOF-IND-201", category="payment-orders", audiences=["citizen"])
    make_service(
        catalogue, "MOF-IND-202", category="payment-orders", audiences=["business", "government"]
    )
    make_service(
        catalogue,
        "MOF-IND-203",
        category="expropriation",
        audiences=["citizen", "resident"],
        status="withdrawn",
        fields={"status_note": "سحبت الخدمة."},
        english_fields={"status_note": "Withdrawn."},
    )
    return catalogue


def codes(data) -> list[str]:
    return [item["code"] for item in data["services"]["items"]]


def test_lists_services_in_each_language(gql, three_services):
    ar = gql(LIST, {"locale": "ar"})["services"]
    en = gql(LIST, {"locale": "en"})["services"]
    assert ar["totalCount"] == en["totalCount"] == 2  # withdrawn is left out by default
    assert sorted(codes({"services": ar})) == sorted(codes({"services": en}))
    assert all("MOF-IND" in item["name"] for item in en["items"])


def test_filters(gql, three_services):
    assert codes(gql(LIST, {"category": "payment-orders"})) == ["MOF-IND-201", "MOF-IND-202"]
    assert codes(gql(LIST, {"audience": "GOVERNMENT"})) == ["MOF-IND-202"]
    assert codes(gql(LIST, {"status": ["WITHDRAWN"]})) == ["MOF-IND-203"]
    assert codes(gql(LIST, {"category": "no-such-category"})) == []
    assert codes(gql(LIST, {"search": "mof-ind-202"})) == ["MOF-IND-202"]
    assert gql(LIST, {"search": "x" * 5000})["services"]["totalCount"] == 0


def test_cursor_and_offset_paging(gql, three_services):
    first = gql(LIST, {"first": 1, "status": ["AVAILABLE", "WITHDRAWN"]})["services"]
    assert first["pageInfo"]["hasNextPage"] and not first["pageInfo"]["hasPreviousPage"]
    second = gql(
        LIST,
        {"first": 2, "after": first["pageInfo"]["endCursor"], "status": ["AVAILABLE", "WITHDRAWN"]},
    )["services"]
    assert len(second["items"]) == 2 and not second["pageInfo"]["hasNextPage"]
    by_offset = gql(LIST, {"limit": 2, "offset": 1, "status": ["AVAILABLE", "WITHDRAWN"]})
    assert codes(by_offset) == [item["code"] for item in second["items"]]


def test_services_are_counted_only_when_the_total_is_asked(gql, three_services, answers_not_stored):
    every = ["AVAILABLE", "WITHDRAWN"]
    for size, expect_next in ((0, True), (1, True), (2, True), (3, False), (50, False)):
        info = gql(LIST, {"first": size, "status": every})["services"]["pageInfo"]
        assert info["hasNextPage"] is expect_next, size
    query = """query($first: Int) { services(first: $first, status: [AVAILABLE, WITHDRAWN]) {
        items { code } pageInfo { hasNextPage } } }"""
    gql(query, {"first": 1})
    with CaptureQueriesContext(connection) as captured:
        data = gql(query, {"first": 1})["services"]
    assert data["pageInfo"]["hasNextPage"] and len(data["items"]) == 1
    assert not [q for q in captured.captured_queries if "COUNT(" in q["sql"].upper()]
    total = gql("{ services(first: 1, status: [AVAILABLE, WITHDRAWN]) { totalCount } }")
    assert total["services"]["totalCount"] == 3


@pytest.mark.parametrize(
    "variables, message",
    [
        ({"first": 1, "offset": 1}, "either first/after or limit/offset"),
        ({"first": -1}, "must not be negative"),
        ({"offset": -1}, "must not be negative"),
        ({"after": "bm90LWEtY3Vyc29y"}, "not a cursor"),
        ({"after": "%%%"}, "not a cursor"),
        ({"locale": "fr"}, "Unknown locale"),
        ({"category": "<script>"}, "category slug"),
    ],
)
def test_bad_arguments_are_client_errors(gql, three_services, variables, message):
    response = gql.post(LIST, variables)
    assert response.status_code in (200, 400)
    assert message in json.dumps(response.json()["errors"])


def test_page_size_is_capped(gql, catalogue):
    list(generator.generate(catalogue.index_ar, 120, seed=3))
    data = gql(
        LIST, {"first": 500, "status": ["AVAILABLE", "COMING_SOON", "SUSPENDED", "WITHDRAWN"]}
    )
    assert len(data["services"]["items"]) == 100 and data["services"]["totalCount"] == 120


def test_one_service_by_code_with_every_field(gql, catalogue):
    page, _ = make_service(catalogue, "MOF-IND-204", category="expropriation")
    query = """query($code: String!, $locale: String) { service(code: $code, locale: $locale) {
      __typename code name summary descriptionHtml eligibilityHtml keywords locale url
      category { slug name } audiences { code label } lifeEvent lifeEventLabel
      documents { name optional } steps { position title }
      cost { isFree amount currency note } processingTime processingTimeText
      channels { kind url phone } startUrl output department
      legalBasis { title url documentUrl } status statusLabel statusNote
      contactPoint { email telephone } faqs { question answerHtml }
      relatedServices { code } lastReviewed kpis { views starts usefulYes usefulNo satisfactionRate }
      jsonLd } }"""
    ar = gql(query, {"code": "mof-ind-204"})["service"]
    en = gql(query, {"code": "MOF-IND-204", "locale": "en"})["service"]
    assert ar["__typename"] == en["__typename"] == "ServicePage"
    assert ar["locale"] == "ar" and en["locale"] == "en"
    # Labels come in the service's language (make test compiles the catalogues first).
    assert ar["audiences"][0]["label"] == "المواطنون" and en["audiences"][0]["label"] == "Citizens"
    assert ar["processingTimeText"] == "30 يومًا" and en["processingTimeText"] == "30 days"
    assert ar["statusLabel"] == "متاحة" and ar["channels"][1]["kind"] == "PHONE"
    assert en["category"]["name"] == "Expropriation for public benefit"
    assert en["startUrl"].startswith("https://") and en["channels"][0]["kind"] == "ONLINE"
    assert en["steps"][0]["position"] == 1 and en["documents"][2]["optional"] is True
    assert json.loads(en["jsonLd"])["@type"] == "GovernmentService"
    assert en["kpis"] == {
        "views": 0,
        "starts": 0,
        "usefulYes": 0,
        "usefulNo": 0,
        "satisfactionRate": None,
    }
    assert gql(query, {"code": "MOF-IND-999"})["service"] is None


def test_service_is_also_a_page(gql, catalogue):
    make_service(catalogue, "MOF-IND-205")
    data = gql(
        '{ page(path: "/services/mof-ind-205/", locale: "en") { __typename ... on ServicePage { code } } }'
    )
    assert data["page"] == {"__typename": "ServicePage", "code": "MOF-IND-205"}
    index = gql(
        '{ page(path: "/services/", locale: "en") { __typename ... on ServiceIndexPage { intro } } }'
    )
    assert index["page"]["__typename"] == "ServiceIndexPage"


def test_categories_with_live_counts(gql, three_services):
    data = gql('{ serviceCategories(locale: "en") { slug name serviceCount } }')[
        "serviceCategories"
    ]
    counts = {c["slug"]: c["serviceCount"] for c in data}
    assert counts["payment-orders"] == 2
    assert counts["expropriation"] == 0  # its only service is withdrawn
    assert [c["slug"] for c in data][0] == "loan-exemptions"  # editors' order
    assert {c["name"] for c in data} >= {"Payment orders", "Loan exemptions"}


def test_related_services_are_shown_in_the_page_language(gql, catalogue):
    first, first_en = make_service(catalogue, "MOF-IND-206")
    second, second_en = make_service(catalogue, "MOF-IND-207")
    draft, _ = make_service(catalogue, "MOF-IND-208", publish=False)
    for order, target in enumerate([second, draft]):
        RelatedService.objects.create(page=first, target=target, sort_order=order)
        RelatedService.objects.create(page=first_en, target=target, sort_order=order)  # synced copy
    query = (
        '{ service(code: "MOF-IND-206", locale: "en") { relatedServices { code locale name } } }'
    )
    related = gql(query)["service"]["relatedServices"]
    assert related == [{"code": "MOF-IND-207", "locale": "en", "name": second_en.title}]


CARD_FIELDS = """code name summary url status statusLabel category { slug name }
audiences { code label } documents { name optional }
channels { kind url phone address hours { dayLabels opens closes } }"""


def test_a_list_reading_some_columns_shows_what_whole_rows_show(gql, three_services):
    # Card fields alone read some columns (services_catalog.graphql.service_columns); a
    # rich-text field makes the same list read whole rows: the shown values must not differ.
    pages = {p.code: p for p in ServicePage.objects.filter(locale__language_code="ar")}
    RelatedService.objects.create(page=pages["MOF-IND-201"], target=pages["MOF-IND-202"])
    RelatedService.objects.create(page=pages["MOF-IND-202"], target=pages["MOF-IND-201"])

    def listed(extra: str) -> list[dict]:
        query = (
            "{ services(first: 10) { items { "
            + CARD_FIELDS
            + extra
            + " relatedServices { "
            + CARD_FIELDS
            + extra
            + " } } } }"
        )
        items = gql(query)["services"]["items"]
        for item in [*items, *(r for i in items for r in i["relatedServices"])]:
            item.pop("descriptionHtml", None)
        return items

    narrow = listed("")
    assert [len(item["relatedServices"]) for item in narrow] == [1, 1]
    assert narrow == listed(" descriptionHtml")


def test_hidden_services_never_leave_the_api(gql, hidden_services):
    for code in hidden_services["codes"][:4]:
        for locale in ("ar", "en"):
            assert (
                gql(
                    "query($c: String!, $l: String) { service(code: $c, locale: $l) { code } }",
                    {"c": code, "l": locale},
                )["service"]
                is None
            )
    text = json.dumps(gql(FULL_LIST, {"first": 100}))
    assert "secret" not in text.lower() and "onlyen" not in text.lower()
    assert "onlyar" in text.lower()


@pytest.mark.parametrize(
    "statuses",
    [
        None,
        ["AVAILABLE"],
        ["WITHDRAWN"],
        ["COMING_SOON", "SUSPENDED"],
        ["AVAILABLE", "COMING_SOON", "SUSPENDED", "WITHDRAWN"],
    ],
)
def test_total_count_is_what_the_list_holds(gql, hidden_services, three_services, statuses):
    # Without filters the total is counted as every service less those in other statuses:
    # hidden services, in every status, must be left out of both terms.
    for code, status in [("MOF-IND-211", "coming_soon"), ("MOF-IND-212", "suspended")]:
        make_service(
            three_services,
            code,
            status=status,
            fields={"status_note": "تستأنف الخدمة قريبا."},
            english_fields={"status_note": "The service resumes soon."},
        )
    ServicePage.objects.filter(code__in=hidden_services["codes"][:2]).update(status="withdrawn")
    for locale in ("ar", "en"):
        data = gql(LIST, {"locale": locale, "first": 100, "status": statuses})["services"]
        assert data["totalCount"] == len(data["items"]) > 0, (locale, statuses)


def test_a_service_in_an_unknown_status_is_refused_by_the_database(three_services):
    with pytest.raises(IntegrityError), transaction.atomic():
        ServicePage.objects.filter(code="MOF-IND-201").update(status="retired")


def _count_queries(gql, query, variables) -> int:
    """What the resolvers cost: callers use `answers_not_stored`, or this counts a stored answer."""
    gql(query, variables)  # warm the site-root cache that page URLs use
    with CaptureQueriesContext(connection) as captured:
        gql(query, variables)
    return len(captured.captured_queries)


def test_listing_costs_the_same_queries_for_10_and_100_services(gql, catalogue, answers_not_stored):
    list(generator.generate(catalogue.index_ar, 10, seed=5))
    ten = _count_queries(gql, FULL_LIST, {"first": 100})
    assert gql(FULL_LIST, {"first": 100})["services"]["totalCount"] >= 8
    list(generator.generate(catalogue.index_ar, 90, seed=5))
    hundred = _count_queries(gql, FULL_LIST, {"first": 100})
    assert len(gql(FULL_LIST, {"first": 100})["services"]["items"]) == 100
    print(f"queries for 10 and 100 services: {ten}, {hundred}")
    assert ten == hundred, (ten, hundred)
    assert hundred <= 12, hundred


def test_related_services_and_kpis_in_a_list_are_batched_too(gql, catalogue, answers_not_stored):
    query = "{ services(first: 100) { items { code relatedServices { code } kpis { views } } } }"
    list(generator.generate(catalogue.index_ar, 10, seed=6))
    ten = _count_queries(gql, query, {})
    list(generator.generate(catalogue.index_ar, 90, seed=6))
    assert _count_queries(gql, query, {}) == ten <= 12


def test_generated_services_have_every_listed_part(gql, catalogue):
    list(generator.generate(catalogue.index_ar, 5, seed=9))
    items = gql(FULL_LIST, {"first": 5})["services"]["items"]
    assert all(item["documents"] and item["steps"] and item["channels"] for item in items)
    assert all(item["category"]["name"] and item["audiences"] for item in items)
    assert ServicePage.objects.filter(code__startswith="MOF-SYN-").count() == 10
