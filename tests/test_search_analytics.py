"""Anonymous query counts, the editors' report, promoted results and synonym sets in the admin."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import override
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import GroupPagePermission, Locale, Page
from wagtail.users.models import UserProfile

from search import service
from search.analytics import loggable_query, record_search, typed_query
from search.models import SearchQueryDay, SynonymSet

pytestmark = pytest.mark.django_db
pytest_plugins = ["search.testing"]


@pytest.fixture(autouse=True)
def no_login_lockout(settings):
    # These tests sign editors in with force_login; login lockout is tested elsewhere.
    settings.AXES_ENABLED = False


def counts(language: str) -> dict[str, tuple[int, int]]:
    rows = SearchQueryDay.objects.filter(language_code=language)
    return {row.query: (row.searches, row.zero_results) for row in rows}


def test_each_search_is_counted_per_language_with_zero_results(search_pages):
    service.search("Loans", "en")
    service.search("loans", "en")
    service.search("nothing-matches-this", "en")
    service.search("القروض", "ar")
    service.search("loans", "en", page=2)  # paging through results is not a new search
    service.search("", "en")  # nothing typed, nothing counted
    assert counts("en") == {"loans": (2, 0), "nothing matches this": (1, 1)}
    assert counts("ar") == {"القروض": (1, 0)}
    # Wagtail's own daily hits (search promotions' "Search terms" report) count too.
    assert Query.objects.get(query_string="loans").hits == 2


def test_counted_queries_are_anonymous():
    assert loggable_query("my id 1234567890 and mail a.b@example.com") == "my id # and mail @"
    assert loggable_query("رقم الهوية ١٠٢٣٤٥٦٧٨٩") == "رقم الهويه #"
    assert loggable_query("MOF-IND-001 19990") == "mof ind 001 19990"
    assert typed_query("رقم  الهوية ١٠٢٣٤٥٦٧٨٩ a.b@example.com") == "رقم الهوية # @"


def test_reports_show_the_query_as_typed_and_group_its_spellings(client, editor, search_pages):
    """Issue 17: editors read what visitors typed, not the normalised form ("الهويه"); spellings
    that normalise alike are counted together under the one typed last."""
    service.search("بطاقة الهوية", "ar")
    service.search("بطاقه الهويه", "ar")
    service.search("بطاقة   الهوية", "ar")
    (row,) = SearchQueryDay.objects.filter(language_code="ar")
    assert (row.query, row.typed, row.searches) == ("بطاقه الهويه", "بطاقة الهوية", 3)
    client.force_login(editor)
    page = client.get("/admin/search-reports/queries/").content.decode()
    assert "بطاقة الهوية" in page and "بطاقه الهويه" not in page
    export = client.get("/admin/search-reports/queries/?export=csv")
    body = b"".join(export.streaming_content).decode()
    assert "بطاقة الهوية,بطاقه الهويه,ar,3," in body
    assert [f.name for f in SearchQueryDay._meta.get_fields()] == [
        "id",
        "language_code",
        "query",
        "typed",
        "date",
        "searches",
        "zero_results",
    ]


@pytest.mark.django_db(transaction=True)
def test_concurrent_counts_lose_nothing(locales):
    from django.db import connections

    def search_many():
        try:
            for _ in range(10):
                record_search("payment order", "en", 3)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=search_many) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert counts("en") == {"payment order": (60, 0)}


@pytest.fixture
def editor(django_user_model, home_ar):
    user = django_user_model.objects.create_user("editor", password="x-very-long-password")
    group = Group.objects.create(name="Search report readers")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(group=group, page=home_ar, permission_type="change")
    user.groups.add(group)
    return user


def test_reports_for_editors(client, editor, search_pages):
    service.search("loans", "en")
    service.search("zzzq", "en")
    service.search("zzzq", "en")
    service.search("قرض", "ar")
    client.force_login(editor)
    top = client.get("/admin/search-reports/queries/").content.decode()
    assert "loans" in top and "zzzq" in top and "قرض" in top
    zero = client.get("/admin/search-reports/zero_results/").content.decode()
    assert "zzzq" in zero and "loans" not in zero
    english = client.get("/admin/search-reports/queries/?language=ar").content.decode()
    assert "قرض" in english and "loans" not in english
    export = client.get("/admin/search-reports/zero_results/?export=csv")
    body = b"".join(export.streaming_content).decode()
    assert "zzzq,zzzq,en,2,2," in body


def test_reports_say_their_period_and_days_in_words(client, editor, search_pages):
    """Issue 17: the period shows under the title, and a search made today reads "Today" (a
    date's relative time counted from midnight: "6 hours ago" for a minute ago)."""
    service.search("loans", "en")
    UserProfile.objects.update_or_create(user=editor, defaults={"preferred_language": "en"})
    client.force_login(editor)
    page = client.get("/admin/search-reports/queries/?period=7").content.decode()
    today = timezone.localdate()
    first = today - datetime.timedelta(days=6)
    assert f"Last 7 days: {first.day} {first:%B %Y} to {today.day} {today:%B %Y}" in page
    row = next(r for r in page.split("<tr")[1:] if "loans" in r)
    assert "Today" in row and "ago" not in row


def test_reports_need_an_editor(client, django_user_model, search_pages):
    assert client.get("/admin/search-reports/queries/").status_code == 302
    user = django_user_model.objects.create_user("visitor", password="x-very-long-password")
    client.force_login(user)
    assert client.get("/admin/search-reports/queries/").status_code in (302, 403)


def test_promoted_pages_come_first_in_the_visitors_language(search_pages, home_ar, home_en):
    # Editors pin the Arabic home page; English visitors get its English translation.
    SearchPromotion.objects.create(query=Query.get("help"), page=home_ar, sort_order=0)
    english = service.search("HELP", "en").hits
    assert english[0].title == "Home" and english[0].promoted
    # "help" also matches a page in its own right, after the pinned one.
    assert [(hit.title, hit.promoted) for hit in english[1:]] == [
        ("Help with payment orders", False)
    ]
    arabic = service.search("help", "ar").hits
    assert arabic[0].title == "الصفحة الرئيسية" and arabic[0].promoted
    # Hidden pages are never pinned.
    Page.objects.get(pk=home_en.pk).unpublish()
    assert [hit.title for hit in service.search("help", "en").hits] == ["Help with payment orders"]
    # Promotions match the prepared query: "Help!" is "help".
    assert service.search("Help!", "ar").hits[0].promoted


@override("en")
def test_synonym_sets_are_validated():
    arabic = Locale.objects.get_or_create(language_code="ar")[0]
    with pytest.raises(ValidationError, match="at least two"):
        SynonymSet(locale=arabic, terms="قرض").full_clean()
    with pytest.raises(ValidationError, match="at least two"):
        SynonymSet(locale=arabic, terms="قرض، قرض").full_clean()
    with pytest.raises(ValidationError, match="letters or digits"):
        SynonymSet(locale=arabic, terms="قرض، ***").full_clean()
    good = SynonymSet(locale=arabic, terms="قرض، سلفة\nتمويل")
    good.full_clean()
    assert good.term_list() == ["قرض", "سلفة", "تمويل"]


def test_synonyms_admin(admin_client, locales):
    listing = admin_client.get("/admin/snippets/search/synonymset/")
    assert listing.status_code == 200
    response = admin_client.post(
        "/admin/snippets/search/synonymset/add/",
        {"locale": locales[1].pk, "terms": "exemption, waiver"},
    )
    assert response.status_code == 302
    assert SynonymSet.objects.get().term_list() == ["exemption", "waiver"]
    refused = admin_client.post(
        "/admin/snippets/search/synonymset/add/", {"locale": locales[1].pk, "terms": "alone"}
    )
    # The admin speaks Arabic by default (the English text when the catalogue is not compiled).
    body = refused.content.decode()
    assert refused.status_code == 200
    assert "اكتب كلمتين أو عبارتين مختلفتين على الأقل" in body or "at least two" in body
