"""Procurement notices: status and award rules, the API and its filters, pages, RSS, sitemap."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from procurement.models import ProcurementNoticePage, Status, next_deadline, with_status
from procurement.testing import ETIMAD, days_from_now

pytest_plugins = ["procurement.testing"]

# Filled in when Wagtail saves a page; an unsaved test page does not have them yet.
FIELDS_SET_BY_WAGTAIL = ["path", "depth", "content_type", "translation_key", "draft_title"]


def _notice(index, **fields) -> ProcurementNoticePage:
    """An unsaved notice under `index` (so the page rules that need a parent can run)."""
    values = {
        "title": "منافسة",
        "slug": "x",
        "reference": "250139009999",
        "notice_type": "public_tender",
        "summary": "-",
        "publication_date": timezone.localdate() - datetime.timedelta(days=30),
        "questions_deadline": days_from_now(-20),
        "submission_deadline": days_from_now(-10),
        "opening_at": days_from_now(-9),
        "etimad_url": ETIMAD + "1",
        "locale_id": index.locale_id,
        **fields,
    }
    page = ProcurementNoticePage(**values)
    page.path, page.depth = index.path + "ZZZZ", index.depth + 1  # a child's place, not saved
    return page


def _errors(page) -> dict[str, list[str]]:
    try:
        page.clean()
    except ValidationError as error:
        return error.message_dict
    return {}


def test_a_valid_notice_has_no_errors(procurement):
    assert _errors(_notice(procurement["index"])) == {}


def test_an_award_needs_its_supplier_and_value(procurement):
    index = procurement["index"]
    assert "award_value" in _errors(_notice(index, awarded_supplier="شركة"))
    assert "awarded_supplier" in _errors(_notice(index, award_value=Decimal("10")))
    assert "awarded_supplier" in _errors(_notice(index, award_date=timezone.localdate()))
    complete = _notice(index, awarded_supplier="شركة", award_value=Decimal("10"))
    assert _errors(complete) == {}


def test_an_award_comes_after_the_deadline_and_never_on_a_cancelled_notice(procurement):
    index = procurement["index"]
    award = {"awarded_supplier": "شركة", "award_value": Decimal("10")}
    still_open = _notice(index, submission_deadline=days_from_now(3), opening_at=None, **award)
    assert "awarded_supplier" in _errors(still_open)
    assert "cancelled" in _errors(_notice(index, cancelled=True, **award))
    early = _notice(index, award_date=timezone.localdate() - datetime.timedelta(days=25), **award)
    assert "award_date" in _errors(early)
    zero = _notice(index, awarded_supplier="شركة", award_value=Decimal("0"))
    with pytest.raises(ValidationError) as raised:
        zero.clean_fields(exclude=FIELDS_SET_BY_WAGTAIL)
    assert list(raised.value.message_dict) == ["award_value"]


def test_deadlines_are_in_order(procurement):
    index = procurement["index"]
    late_questions = _notice(index, questions_deadline=days_from_now(-5))
    assert "questions_deadline" in _errors(late_questions)
    early_opening = _notice(index, opening_at=days_from_now(-11))
    assert "opening_at" in _errors(early_opening)
    before_publication = _notice(
        index, publication_date=timezone.localdate(), submission_deadline=days_from_now(-2)
    )
    assert "submission_deadline" in _errors(before_publication)


def test_the_etimad_link_must_be_on_etimad(procurement):
    index = procurement["index"]
    for url in ("http://tenders.etimad.sa/x", "https://etimad.sa.example.com/", "https://a.sa/"):
        page = _notice(index, etimad_url=url)
        with pytest.raises(ValidationError) as raised:
            page.clean_fields(exclude=FIELDS_SET_BY_WAGTAIL)
        assert "etimad_url" in raised.value.message_dict, url


def test_a_reference_is_unique_within_a_language(procurement):
    taken = procurement["open"].reference
    assert "reference" in _errors(_notice(procurement["index"], reference=taken))


def test_the_status_follows_the_dates_and_the_rules(procurement):
    statuses = {key: procurement[key].status for key in ("open", "closed", "awarded", "cancelled")}
    assert statuses == {
        "open": Status.OPEN,
        "closed": Status.CLOSED,
        "awarded": Status.AWARDED,
        "cancelled": Status.CANCELLED,
    }
    # The database says the same as Python, now and after the open notice's deadline.
    pages = with_status(ProcurementNoticePage.objects.filter(locale=procurement["index"].locale))
    assert {p.pk: p.computed_status for p in pages} == {
        procurement[key].pk: value for key, value in statuses.items()
    }
    later = days_from_now(21)
    pages = with_status(ProcurementNoticePage.objects.filter(pk=procurement["open"].pk), later)
    assert pages.get().computed_status == Status.CLOSED


def test_caches_end_at_the_next_deadline(procurement):
    from cms.content_generation import next_scheduled_expiry

    deadline = procurement["open"].submission_deadline
    assert next_deadline() == deadline
    assert next_scheduled_expiry() == deadline


# -- the API ----------------------------------------------------------------------------------

LIST = """query($locale: String, $type: ProcurementNoticeType, $status: ProcurementStatus,
  $year: Int, $first: Int, $after: String) {
  procurementNotices(locale: $locale, type: $type, status: $status, year: $year,
    first: $first, after: $after) {
    totalCount items { title reference noticeStatus } pageInfo { hasNextPage endCursor }
  }
}"""

DETAIL = """query($path: String!, $locale: String) { page(path: $path, locale: $locale) {
  ... on ProcurementNoticePage {
    reference noticeType noticeTypeLabel noticeStatus noticeStatusLabel etimadUrl
    publicationDate publicationDateHijri { formatted }
    submissionDeadline submissionDeadlineHijri { iso }
    questionsDeadline openingAt cancellationReason
    award { supplier value currency date }
  }
} }"""


def _titles(data) -> list[str]:
    return [item["title"] for item in data["procurementNotices"]["items"]]


def test_a_notice_leaves_with_its_dates_in_riyadh_time_and_its_award(gql, procurement):
    awarded = gql(DETAIL, {"path": "/tenders/data-centre/", "locale": "en"})["page"]
    assert awarded["reference"] == "240139000003"
    assert awarded["noticeType"] == "FRAMEWORK_AGREEMENT"
    assert awarded["noticeTypeLabel"] == "Framework agreement"
    assert awarded["noticeStatus"] == "AWARDED" and awarded["noticeStatusLabel"] == "Awarded"
    assert awarded["award"] == {
        "supplier": "Digital Solutions Company",
        "value": "4750000.00",
        "currency": "SAR",
        "date": awarded["award"]["date"],
    }
    assert awarded["submissionDeadline"].endswith("+03:00")
    assert awarded["etimadUrl"].startswith("https://tenders.etimad.sa/")
    arabic = gql(DETAIL, {"path": "/tenders/data-centre/", "locale": "ar"})["page"]
    assert arabic["award"]["supplier"] == "شركة الحلول الرقمية"
    assert arabic["noticeStatusLabel"] == "تمت الترسية"
    assert arabic["publicationDateHijri"]["formatted"].endswith("هـ")
    cancelled = gql(DETAIL, {"path": "/tenders/furniture/", "locale": "en"})["page"]
    assert cancelled["noticeStatus"] == "CANCELLED" and cancelled["award"] is None
    assert cancelled["cancellationReason"] == "Cancelled: the need changed."
    still_open = gql(DETAIL, {"path": "/tenders/cleaning-services/", "locale": "en"})["page"]
    assert still_open["noticeStatus"] == "OPEN" and still_open["cancellationReason"] == ""


def test_an_award_is_known_by_its_synchronised_value_in_both_languages(gql, procurement):
    """Publishing the Arabic award copies its value to the English page at once; until the
    supplier's name is translated the English notice is still awarded, not closed."""
    from wagtail.models import Locale

    english = procurement["awarded"].get_translation(Locale.objects.get(language_code="en"))
    ProcurementNoticePage.objects.filter(pk=english.pk).update(awarded_supplier="")
    found = gql(DETAIL, {"path": "/tenders/data-centre/", "locale": "en"})["page"]
    assert found["noticeStatus"] == "AWARDED"
    assert found["award"]["supplier"] == "" and found["award"]["value"] == "4750000.00"
    awarded = gql(LIST, {"locale": "en", "status": "AWARDED"})
    assert _titles(awarded) == ["Data centre operation tender"]


def test_the_list_filters_by_type_status_and_year(gql, procurement):
    everything = _titles(gql(LIST, {"locale": "en"}))
    assert everything == [
        "Cleaning services tender",
        "Office furniture purchase",
        "Printing tender",
        "Data centre operation tender",
    ]
    for status, title in [
        ("OPEN", "Cleaning services tender"),
        ("CLOSED", "Printing tender"),
        ("AWARDED", "Data centre operation tender"),
        ("CANCELLED", "Office furniture purchase"),
    ]:
        assert _titles(gql(LIST, {"locale": "en", "status": status})) == [title]
    assert _titles(gql(LIST, {"locale": "en", "type": "LIMITED_TENDER"})) == ["Printing tender"]
    year = procurement["awarded"].publication_date.year
    in_year = _titles(gql(LIST, {"locale": "en", "year": year}))
    assert "Data centre operation tender" in in_year
    assert _titles(gql(LIST, {"locale": "en", "year": 2001})) == []
    combined = {"locale": "ar", "type": "PUBLIC_TENDER", "status": "CLOSED"}
    assert _titles(gql(LIST, combined)) == []


def test_the_list_pages_by_cursor_and_refuses_bad_input(gql, procurement):
    first = gql(LIST, {"locale": "ar", "first": 3})["procurementNotices"]
    assert first["totalCount"] == 4 and first["pageInfo"]["hasNextPage"]
    after = first["pageInfo"]["endCursor"]
    second = gql(LIST, {"locale": "ar", "first": 3, "after": after})["procurementNotices"]
    assert [i["reference"] for i in second["items"]] == ["240139000003"]
    assert gql.post(LIST, {"year": 99999}).json()["errors"][0]["extensions"]["code"] == (
        "BAD_USER_INPUT"
    )
    assert "errors" in gql.post(LIST, {"status": "SECRET"}).json()


def test_the_index_lists_its_notices_and_years(gql, procurement):
    query = """{ page(path: "/tenders/", locale: "en") { ... on ProcurementIndexPage {
      intro years notices(status: OPEN) { totalCount items { title } } } } }"""
    index = gql(query)["page"]
    assert index["notices"] == {"totalCount": 1, "items": [{"title": "Cleaning services tender"}]}
    assert index["years"] == sorted(
        {procurement[k].publication_date.year for k in ("open", "awarded")}, reverse=True
    )


@pytest.fixture
def hidden_notices(procurement):
    """Notices no one may see: a draft, an unpublished, a private
    and an expired notice, and one in Arabic only (never in the English list)."""
    from wagtail.models import PageViewRestriction

    from procurement.testing import make_notice

    index = procurement["index"]

    def notice(slug, reference, **kwargs):
        return make_notice(
            index, None, slug, {"title": slug, "summary": slug}, reference=reference, **kwargs
        )

    draft = notice("secret-draft-notice", "S1", publish=False)
    unpublished = notice("secret-unpublished-notice", "S2")
    unpublished.unpublish()
    private = notice("secret-private-notice", "S3")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    expired = notice("secret-expired-notice", "S4")
    ProcurementNoticePage.objects.filter(pk=expired.pk).update(expire_at=days_from_now(-1))
    notice("onlyar-notice", "S5")
    hidden = [draft, unpublished, private, expired]
    # Only what reaches notices: the whole walk (tests/test_visibility_walk.py) runs elsewhere.
    return {
        "ids": [p.pk for p in hidden] + [index.pk],
        "paths": ["/tenders/"] + [f"/tenders/{p.slug}/" for p in hidden],
        "stale_token": "not-a-token",
    }


def test_the_leak_walk_finds_no_hidden_notice(rf, hidden_notices):
    from tests.test_visibility_walk import (
        ECHOES,
        MARK_HIDDEN,
        OTHER_LOCALE_MARK,
        root_queries,
        run_data,
        text,
        without_translations,
    )

    fields = {"procurementNotices", "page", "pageById"}
    seen = ""
    for name, locale, query, variables in root_queries(hidden_notices, skip=ECHOES):
        if name not in fields:
            continue
        data = run_data(query, rf, variables)
        assert MARK_HIDDEN not in text(data), (name, variables)
        if locale == "en":
            assert OTHER_LOCALE_MARK["en"] not in text(without_translations(data)), (
                name,
                variables,
            )
        seen += text(data)
    # The guard sees the public notices beside the hidden ones.
    assert "cleaning services tender" in seen and "onlyar-notice" in seen


# -- the pages, the feed, the sitemap ---------------------------------------------------------


def test_list_and_notice_pages_answer_in_both_languages(client, procurement_site):
    from procurement.testing import PROCUREMENT_URLS

    for page_type, urls in PROCUREMENT_URLS.items():
        for language, url in urls.items():
            response = client.get(url)
            assert response.status_code == 200, (page_type, url)
            html = response.content.decode()
            assert f'<html lang="{language}"' in html
    arabic = client.get("/ar/tenders/data-centre/").content.decode()
    assert "تمت الترسية" in arabic and "شركة الحلول الرقمية" in arabic and "4750000" in arabic
    assert 'href="https://tenders.etimad.sa/' in arabic
    assert "هـ" in arabic  # the Hijri day beside each date
    english = client.get("/en/tenders/furniture/").content.decode()
    assert "This competition was cancelled." in english
    assert "Cancelled: the need changed." in english


@pytest.mark.parametrize(
    "query,shown,hidden",
    [
        ("status=open", ["Cleaning services tender"], ["Printing tender"]),
        ("status=awarded", ["Data centre operation tender"], ["Cleaning services tender"]),
        ("type=limited_tender", ["Printing tender"], ["Office furniture purchase"]),
        ("type=public_tender&status=closed", [], ["Printing tender", "Cleaning services tender"]),
        ("type=&status=&year=", ["Printing tender", "Cleaning services tender"], []),
    ],
)
def test_the_list_filters_work_without_script(client, procurement_site, query, shown, hidden):
    response = client.get(f"/en/tenders/?{query}")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<form class="filters" method="get"' in html
    for title in shown:
        assert f">{title}</a>" in html
    for title in hidden:
        assert f">{title}</a>" not in html


def test_the_list_filters_by_year_of_publication(client, procurement_site):
    year = procurement_site["awarded"].publication_date.year
    html = client.get(f"/en/tenders/?year={year}").content.decode()
    assert ">Data centre operation tender</a>" in html
    assert f'<option value="{year}" selected>' in html


@pytest.mark.parametrize(
    "query", ["status=secret", "type=tender", "year=abc", "year=1999", "status=OPEN%00"]
)
def test_an_unknown_filter_value_is_a_404(client, procurement_site, query):
    response = client.get(f"/en/tenders/?{query}")
    assert response.status_code == 404


def test_a_draft_notice_shows_nowhere(client, procurement_site):
    from procurement.testing import make_notice

    make_notice(
        procurement_site["index"],
        None,
        "secret-notice",
        {"title": "secret notice", "summary": "secret"},
        reference="S9",
        publish=False,
    )
    for url in ("/ar/tenders/", "/ar/tenders/?status=open", "/ar/feeds/procurement.xml"):
        assert "secret" not in client.get(url).content.decode(), url
    assert client.get("/ar/tenders/secret-notice/").status_code == 404
    assert "secret-notice" not in client.get("/sitemap.xml").content.decode()


def test_the_rss_feed_is_valid_xml_in_each_language(client, procurement_site):
    from xml.etree import ElementTree

    titles = {}
    for language in ("ar", "en"):
        response = client.get(f"/{language}/feeds/procurement.xml")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/rss+xml")
        channel = ElementTree.fromstring(response.content).find("channel")
        assert channel.findtext("language") == language
        items = channel.findall("item")
        assert len(items) == 4
        assert all(
            item.findtext("link").startswith(f"http://testserver/{language}/tenders/")
            for item in items
        )
        titles[language] = [item.findtext("title") for item in items]
    assert "Cleaning services tender (Open for bids)" in titles["en"]
    assert "منافسة خدمات النظافة (مفتوحة لتقديم العروض)" in titles["ar"]


def test_the_sitemap_lists_the_notices_with_their_alternates(client, procurement_site):
    xml = client.get("/sitemap.xml").content.decode()
    for language in ("ar", "en"):
        assert f"<loc>http://testserver/{language}/tenders/</loc>" in xml
        assert f"<loc>http://testserver/{language}/tenders/data-centre/</loc>" in xml
    assert 'hreflang="en" href="http://testserver/en/tenders/printing/"' in xml


# -- search -----------------------------------------------------------------------------------

SEARCH = """query($q: String!, $locale: String, $types: [SearchResultType!]) {
  search(query: $q, locale: $locale, types: $types, record: false) {
    hits { ... on SearchHitBase { title type page { ... on ProcurementNoticePage { reference } } } }
    facets { types { value label count } }
  }
}"""


def test_search_finds_notices_as_notices_with_a_facet_in_each_language(gql, procurement):
    from django.core.management import call_command

    call_command("update_index", verbosity=0)
    english = gql(SEARCH, {"q": "cleaning services", "locale": "en"})["search"]
    hit = {"title": "Cleaning services tender", "type": "PROCUREMENT_NOTICE"}
    assert {**hit, "page": {"reference": "250139000001"}} in english["hits"]
    facets = {f["value"]: f["label"] for f in english["facets"]["types"]}
    assert facets["procurement_notice"] == "Procurement notices"
    arabic = gql(SEARCH, {"q": "خدمات النظافة", "locale": "ar"})["search"]
    assert {h["title"]: h["type"] for h in arabic["hits"]}["منافسة خدمات النظافة"] == (
        "PROCUREMENT_NOTICE"
    )
    facets = {f["value"]: f["label"] for f in arabic["facets"]["types"]}
    assert facets["procurement_notice"] == "المنافسات والمشتريات"
    # Filtered by type: notices only; as pages: no notice any more.
    only = gql(SEARCH, {"q": "tender", "locale": "en", "types": ["PROCUREMENT_NOTICE"]})
    assert {h["type"] for h in only["search"]["hits"]} == {"PROCUREMENT_NOTICE"}
    assert len(only["search"]["hits"]) >= 3
    pages = gql(SEARCH, {"q": "tender", "locale": "en", "types": ["PAGE"]})["search"]["hits"]
    assert all(h["type"] == "PAGE" and h["page"] == {} for h in pages)


def test_the_search_page_labels_notices_and_filters_by_them(client, procurement_site):
    from django.core.management import call_command

    call_command("update_index", verbosity=0)
    english = client.get("/en/search/", {"q": "cleaning services"}).content.decode()
    assert "Procurement notice · Open for bids · <bdi>250139000001</bdi>" in english
    assert 'href="?q=cleaning+services&amp;type=procurement_notice"' in english
    assert '>Procurement notices <span class="count">' in english
    arabic = client.get("/ar/search/", {"q": "خدمات النظافة"}).content.decode()
    assert "منافسة · مفتوحة لتقديم العروض · <bdi>250139000001</bdi>" in arabic
    assert '>المنافسات والمشتريات <span class="count">' in arabic
    filtered = client.get("/en/search/", {"q": "tender", "type": "procurement_notice"})
    html = filtered.content.decode()
    assert filtered.status_code == 200 and 'href="/en/tenders/printing/"' in html
    assert html.count('<li class="hit">') == html.count("Procurement notice · ") == 3
    assert 'href="/en/tenders/"' not in html  # the list of notices is a page, filtered out


# -- demo content -----------------------------------------------------------------------------


def test_the_demo_notices_load_once_in_both_languages_and_obey_the_rules(gql, site_tree):
    from procurement.demo import load_demo_procurement

    home_ar = site_tree[0]
    assert load_demo_procurement(home_ar) == 7
    assert load_demo_procurement(home_ar) == 0
    statuses = {}
    for language in ("ar", "en"):
        data = gql(LIST, {"locale": language})["procurementNotices"]
        assert data["totalCount"] == 6
        statuses[language] = sorted(item["noticeStatus"] for item in data["items"])
    assert statuses["ar"] == statuses["en"]
    assert set(statuses["en"]) == {"OPEN", "CLOSED", "AWARDED", "CANCELLED"}
    for page in ProcurementNoticePage.objects.all():
        page.full_clean()
        marks = ("(illustrative)", "(مثال توضيحي)")
        assert page.summary.endswith(marks), page.summary
