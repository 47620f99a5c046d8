"""No N+1 anywhere: every list of the GraphQL schema costs as many SQL queries for 100 items as
for 10 (issue 7, item 2).

Each case grows one list from 10 to 100 items (to the field's page-size cap where it has one),
sends the same query over HTTP /graphql/ and counts the second of two identical requests, so
one-time work (URL resolvers, the site root paths) is not taken for per-item work. Counts are
taken with the project's default cache (local memory) and without stored answers (a stored
answer costs one query whatever the resolvers do); the `uncached` cases at the end repeat two
lists with a dummy default cache too, as `make bench` runs "uncached", where a cache can hide
nothing.

Cases marked `known_n_plus_one` are N+1s found by this file and reported to their owners
(strict xfail: the marker must go when the resolver is fixed).

`test_every_list_field_is_covered` walks the schema: a new list field fails it until it has a
case here or a reason why its length never depends on database rows.
"""

from __future__ import annotations

import datetime
import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field as dataclass_field

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from graphql import GraphQLInterfaceType, GraphQLList, GraphQLNonNull, GraphQLObjectType
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page

from cms.graphql.read_once import execution_scope, read_once
from cms.graphql.schema import schema
from services_catalog import generator
from services_catalog.models import ServiceCategory
from site_pages.models import (
    ContactCentrePage,
    HomePage,
    Menu,
    MenuItem,
    NewsArticlePage,
    NewsIndexPage,
    StandardPage,
    WorkingHours,
)
from site_pages.testing import add_page

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("answers_not_stored")]
pytest_plugins = ["services_catalog.testing"]

SMALL, LARGE = 10, 100
# Every scalar field of the page interface: lists of pages that select no page type's own fields
# read only some columns (cms.graphql.batching.INTERFACE_COLUMNS); a field reading another column
# would cost a query per page.
EVERY_INTERFACE_FIELD = (
    "__typename id title seoTitle searchDescription slug locale url path "
    "firstPublishedAt lastPublishedAt"
)

# Lists whose length never depends on how many rows the database holds: computed from one
# stored value (JSON, choices, settings fields) or bounded by a fixed set (languages, types).
NOT_DATABASE_LISTS = {
    "ChangeConnection.items": "constant per page: test_syndication_feed counts every page of 10,000",
    "Page.translations": "at most one per language (2); per item in lists: see news/services cases",
    "GenericPage.translations": "as Page.translations",
    "SiteSettings.socialLinks": "the settings row's fixed social-address fields",
    "WorkingHours.days": "computed from one row's first and last day",
    "TableBlock.headers": "from the block's stored JSON",
    "TableBlock.rows": "from the block's stored JSON",
    "AccordionBlock.items": "from the block's stored JSON",
    "ContactCentrePage.audiences": "a choice list stored on the page",
    "ServicePage.keywords": "split from one text field",
    "ServicePage.audiences": "a choice list stored on the page",
    "ServicePage.documents": "from the page's StreamField JSON",
    "ServicePage.steps": "from the page's StreamField JSON",
    "ServicePage.channels": "from the page's fields and JSON",
    "ServicePage.faqs": "from the page's StreamField JSON (links checked in one batch)",
    "ServiceChannel.hours": "from the page's JSON",
    "OpeningHours.days": "from the page's JSON",
    "OpeningHours.dayLabels": "from the page's JSON",
    "SearchFacets.types": "bounded by the three result types",
    "Query.enquiryTopics": "the fixed choices of EnquiryTopic",
    "SubmitEnquiry.errors": "validation messages of one submitted form",
    "SubmitConsultationComment.errors": "validation messages of one submitted form",
    "OrganisationPage.body": "from the page's StreamField JSON",
    "OrganisationPage.units": "from the page's StreamField JSON (photos: test_organisation_people_with_photos)",
    "OrganisationUnit.people": "as OrganisationPage.units",
}


# -- counting ------------------------------------------------------------------------------------


@pytest.fixture
def uncached(settings):
    """A dummy default cache (harsher than `make bench`'s "uncached", which keeps Wagtail's own
    look-up caches): nothing hides per-item work. Rate-limit counters keep their backend."""
    dummy = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    settings.CACHES = {**settings.CACHES, "default": dummy}


def known_n_plus_one(owner: str, counts: str, cause: str):
    """An N+1 found here and reported to the code's owner. Strict: once it is fixed, the case
    passes, the xfail fails, and whoever fixed it removes this marker."""
    return pytest.mark.xfail(strict=True, reason=f"{owner}: {counts}; {cause}")


def run(client, query: str, variables: dict | None = None) -> dict:
    response = client.post(
        "/graphql/",
        data=json.dumps({"query": query, "variables": variables or {}}),
        content_type="application/json",
    )
    payload = response.json()
    assert response.status_code == 200 and "errors" not in payload, payload
    return payload["data"]


def queries(client, query: str, variables: dict | None = None) -> tuple[int, dict]:
    count, data, _statements = captured_queries(client, query, variables)
    return count, data


def captured_queries(client, query: str, variables: dict | None = None):
    run(client, query, variables)
    with CaptureQueriesContext(connection) as captured:
        data = run(client, query, variables)
    statements = [q["sql"] for q in captured.captured_queries]
    return len(statements), data, statements


def most_repeated(statements: list[str]) -> str:
    """The statement repeated most often once literals are blanked: where the N+1 is."""
    blanked = (re.sub(r"\b\d+\b|'[^']*'|%s", "?", s) for s in statements)
    shapes = Counter(s if len(s) < 400 else f"{s[:150]} ... {s[-250:]}" for s in blanked)
    shape, times = shapes.most_common(1)[0] if shapes else ("", 0)
    return f"{times}x {shape}"


@dataclass
class Growth:
    """Grow a list to `size` items, count the queries of `query`, check the list's length."""

    query: str
    grow: Callable[[int], None]
    length: Callable[[dict], int] | None  # None: the list's length is not checked
    variables: dict | None = None
    cap: int | None = None
    # Search: other pages may use the words too, and few hits take an extra path (spelling
    # suggestions) that many hits skip, so 100 items may cost fewer queries, never more.
    at_least: bool = False
    statements: list[str] = dataclass_field(default_factory=list)  # of the last request

    def counts(self, client) -> tuple[int, int]:
        found = {}
        for size in (SMALL, LARGE):
            self.grow(size)
            count, data, self.statements = captured_queries(client, self.query, self.variables)
            if self.length is not None:
                expected = min(size, self.cap) if self.cap else size
                listed = self.length(data)
                ok = listed >= expected if self.at_least else listed == expected
                assert ok, (size, listed)
            found[size] = count
        return found[SMALL], found[LARGE]


def assert_flat(client, growth: Growth, field: str) -> None:
    small, large = growth.counts(client)
    assert large <= small if growth.at_least else small == large, (
        f"N+1 in {field}: {small} queries for {SMALL} items, {large} for {LARGE}"
        + (f" (listed: {growth.cap})" if growth.cap else "")
        + f"; most repeated: {most_repeated(growth.statements)}"
    )


# -- builders ------------------------------------------------------------------------------------


def grower(make: Callable[[int], None]) -> Callable[[int], None]:
    """Turn make(index) into grow(size), which adds only the items still missing."""
    made = []

    def grow(size: int) -> None:
        while len(made) < size:
            make(len(made))
            made.append(1)

    return grow


def image(index: int):
    return get_image_model().objects.create(
        title=f"image {index}", file=get_test_image_file(f"bench-{index}.png")
    )


def document(index: int):
    return get_document_model().objects.create(
        title=f"document {index}", file=ContentFile(b"%PDF-1.4 bench", name=f"bench-{index}.pdf")
    )


@pytest.fixture
def news_index(home_ar):
    return add_page(home_ar, NewsIndexPage(title="الأخبار", slug="news"))


@pytest.fixture
def news_grower(news_index, home_en):
    """make(images, translations) -> grow(size): published Arabic articles, each with its own
    image and an English translation only when a case needs them (they are slow to make)."""

    def make(images: bool = False, translations: bool = False) -> Callable[[int], None]:
        def article(index: int) -> None:
            page = add_page(
                news_index,
                NewsArticlePage(
                    title=f"خبر {index}",
                    slug=f"news-{index}",
                    summary="ملخص",
                    date=datetime.date(2026, 1, 1) + datetime.timedelta(days=index),
                    image=image(index) if images else None,
                    image_alt=f"واجهة مبنى الوزارة في الخبر {index}" if images else "",
                ),
            )
            if translations:
                english = page.copy_for_translation(home_en.locale, copy_parents=True)
                english.title = f"News {index}"
                english.save_revision().publish()

        return grower(article)

    return make


# -- pages -----------------------------------------------------------------------------------------

NEWS_ITEM_SELECTIONS = [
    pytest.param("NewsConnection.items", "title url path locale date summary lastPublishedAt"),
    pytest.param(
        "NewsArticlePage.image", "image { id title rendition(spec: CARD) { url width height } }"
    ),
    pytest.param(
        "Page.ancestors (per item)",
        "ancestors { title url }",
    ),
    pytest.param(
        "Page.translations (per item)",
        "translations { locale url title }",
    ),
    pytest.param(
        "Page.parent (per item)",
        "parent { title url }",
    ),
    pytest.param(
        "Page.children (per item)",
        "children { title }",
    ),
    # A page type's own fields on listed pages: the pages are read as their types then, one
    # more query per type, still none per page.
    pytest.param(
        "Page.ancestors with type fields (per item)",
        "ancestors { title ... on NewsIndexPage { intro } ... on HomePage { heroTitle } }",
    ),
    pytest.param(
        "Page.translations with type fields (per item)",
        "translations { locale ... on NewsArticlePage { summary } }",
    ),
    pytest.param(
        "Page.parent with type fields (per item)",
        "parent { ...IndexIntro }",
    ),
    pytest.param("NewsArticlePage.body (per item)", "body { __typename }"),
]


@pytest.mark.parametrize(("field", "selection"), NEWS_ITEM_SELECTIONS)
def test_news_list(client, news_grower, field, selection):
    query = f"""{{ news(locale: "ar", first: 50) {{ totalCount items {{ {selection} }} }} }}"""
    if "...IndexIntro" in selection:
        query += " fragment IndexIntro on Page { title ... on NewsIndexPage { intro } }"
    grow = news_grower(images="image" in selection, translations="translations" in selection)
    growth = Growth(query, grow, lambda d: len(d["news"]["items"]), cap=50)
    assert_flat(client, growth, field)


def test_news_index_articles(client, news_grower):
    query = """{ page(path: "/news/", locale: "ar") { ... on NewsIndexPage {
        articles(first: 50) { totalCount items { title url image { rendition(spec: CARD) { url } } } }
    } } }"""
    growth = Growth(
        query, news_grower(images=True), lambda d: len(d["page"]["articles"]["items"]), cap=50
    )
    assert_flat(client, growth, "NewsIndexPage.articles")


def test_home_latest_news(client, home_ar, news_grower):
    articles = news_grower(images=True)

    def grow(size: int) -> None:
        articles(size)
        HomePage.objects.filter(pk=home_ar.pk).update(news_count=size)

    query = """{ page(path: "/", locale: "ar") { ... on HomePage {
        latestNews { title url date image { rendition(spec: CARD) { url } } } } } }"""
    growth = Growth(query, grow, lambda d: len(d["page"]["latestNews"]))
    assert_flat(client, growth, "HomePage.latestNews")


def test_a_response_reads_the_view_restrictions_and_locales_once(client, news_grower):
    news_grower(translations=True)(3)
    query = """{ news(locale: "ar", first: 5) { items { title ancestors { title }
        translations { title } children { title } } }
        menu(slot: MAIN, locale: "ar") { title } siteSettings(locale: "en") { contactPhone } }"""
    _count, data, statements = captured_queries(client, query)
    assert len(data["news"]["items"]) == 3
    restrictions = [s for s in statements if "wagtailcore_pageviewrestriction" in s]
    locales = [s for s in statements if 'FROM "wagtailcore_locale"' in s]
    assert (len(restrictions), len(locales)) == (1, 1), statements


def test_reads_outside_a_response_are_not_kept():
    loads = []
    assert read_once("k", lambda: loads.append(1) or len(loads)) == 1
    assert read_once("k", lambda: loads.append(1) or len(loads)) == 2
    with execution_scope():
        assert read_once("k", lambda: loads.append(1) or len(loads)) == 3
        assert read_once("k", lambda: loads.append(1) or len(loads)) == 3
    with execution_scope():
        assert read_once("k", lambda: loads.append(1) or len(loads)) == 4


def test_page_children(client, home_ar):
    parent = add_page(home_ar, StandardPage(title="قسم", slug="section"))
    grow = grower(
        lambda i: add_page(parent, StandardPage(title=f"صفحة {i}", slug=f"child-{i}", intro="x"))
    )
    query = f'{{ page(path: "/section/", locale: "ar") {{ children(first: 50) {{ {EVERY_INTERFACE_FIELD} }} }} }}'
    growth = Growth(query, grow, lambda d: len(d["page"]["children"]), cap=50)
    assert_flat(client, growth, "Page.children")


def test_page_children_connection(client, home_ar):
    parent = add_page(home_ar, StandardPage(title="قسم", slug="section"))
    grow = grower(
        lambda i: add_page(parent, StandardPage(title=f"صفحة {i}", slug=f"child-{i}", intro="x"))
    )
    query = f"""{{ page(path: "/section/", locale: "ar") {{ childrenConnection(first: 50) {{
        items {{ {EVERY_INTERFACE_FIELD} }} pageInfo {{ hasNextPage endCursor }} }} }} }}"""
    growth = Growth(query, grow, lambda d: len(d["page"]["childrenConnection"]["items"]), cap=50)
    assert_flat(client, growth, "Page.childrenConnection")


def test_page_ancestors(client, home_ar):
    chain = [home_ar]

    def grow(size: int) -> None:
        while len(chain) - 1 < size:
            chain.append(
                add_page(chain[-1], StandardPage(title=f"مستوى {len(chain)}", slug="level"))
            )

    def query_for_deepest() -> str:
        path = "/" + "level/" * (len(chain) - 1)
        selection = (
            f"ancestors {{ {EVERY_INTERFACE_FIELD} translations {{ {EVERY_INTERFACE_FIELD} }} }}"
        )
        return f'{{ page(path: "{path}", locale: "ar") {{ {selection} }} }}'

    counts = []
    for size in (SMALL, 30):  # a tree 30 levels deep is already far past any real site
        grow(size)
        count, data = queries(client, query_for_deepest())
        assert len(data["page"]["ancestors"]) == size  # the home page and the levels above
        counts.append(count)
    assert counts[0] == counts[1], f"N+1 in Page.ancestors: {counts}"


def _stream_grower(page, field: str, block: Callable[[int], dict]):
    blocks: list[dict] = []

    def grow(size: int) -> None:
        while len(blocks) < size:
            blocks.append(block(len(blocks)))
        fresh = type(page).objects.get(pk=page.pk)
        setattr(fresh, field, blocks)
        fresh.save_revision().publish()

    return grow


def test_standard_page_body_blocks(client, home_ar):
    """Images (renditions), documents, links to pages in choosers and in rich text."""
    target = add_page(home_ar, StandardPage(title="هدف", slug="target"))
    page = add_page(home_ar, StandardPage(title="محتوى", slug="content"))
    link = f'<p><a linktype="page" id="{target.pk}">رابط</a></p>'
    kinds = [
        lambda i: {"type": "image", "value": {"image": image(i).pk, "alt_text": "صورة"}},
        lambda i: {"type": "document_link", "value": {"document": document(i).pk, "title": ""}},
        lambda i: {
            "type": "call_to_action",
            "value": {"text": f"قدّم على الخدمة {i}", "page": target.pk, "url": ""},
        },
        lambda i: {"type": "paragraph", "value": link},
        lambda i: {"type": "heading", "value": {"text": f"عنوان {i}", "level": "h2"}},
    ]
    grow = _stream_grower(page, "body", lambda i: kinds[i % len(kinds)](i))
    query = """{ page(path: "/content/", locale: "ar") { ... on StandardPage { body {
        __typename
        ... on ImageBlock { altText image { rendition(spec: CONTENT) { url width height } } }
        ... on DocumentLinkBlock { title url fileExtension fileSize }
        ... on CallToActionBlock { text url }
        ... on ParagraphBlock { html }
        ... on HeadingBlock { text }
    } } } }"""
    growth = Growth(query, grow, lambda d: len(d["page"]["body"]))
    assert_flat(client, growth, "StandardPage.body")


def test_home_featured_blocks(client, home_ar):
    families = [
        add_page(home_ar, StandardPage(title=f"عائلة {i}", slug=f"f-{i}")) for i in range(5)
    ]
    grow = _stream_grower(
        home_ar,
        "featured",
        lambda i: {
            "type": "service_family",
            "value": {"title": f"خدمات {i}", "description": "وصف", "page": families[i % 5].pk},
        },
    )
    query = """{ page(path: "/", locale: "ar") { ... on HomePage {
        featured { __typename ... on ServiceFamilyBlock { title url } } } } }"""
    growth = Growth(query, grow, lambda d: len(d["page"]["featured"]))
    assert_flat(client, growth, "HomePage.featured")


def test_contact_centre_working_hours(client, home_ar):
    centre = add_page(
        home_ar, ContactCentrePage(title="مركز الاتصال", slug="contact", email="care@mof.gov.sa")
    )
    grow = grower(
        lambda i: WorkingHours.objects.create(
            page=centre,
            first_day=i % 7,
            last_day=i % 7,
            opens=datetime.time(8),
            closes=datetime.time(15),
            sort_order=i,
        )
    )
    query = """{ page(path: "/contact/", locale: "ar") { ... on ContactCentrePage {
        workingHours { days firstDay lastDay opens closes } } } }"""
    growth = Growth(query, grow, lambda d: len(d["page"]["workingHours"]))
    assert_flat(client, growth, "ContactCentrePage.workingHours")


def test_menu_items(client, home_ar):
    menu = Menu.objects.create(slot="main", title="الرئيسية", locale=home_ar.locale)

    def make(index: int) -> None:
        if index % 2:
            MenuItem.objects.create(
                menu=menu,
                locale=home_ar.locale,
                label=f"رابط {index}",
                url=f"https://example.gov.sa/{index}",
                sort_order=index,
            )
            return
        page = add_page(home_ar, StandardPage(title=f"قائمة {index}", slug=f"menu-{index}"))
        MenuItem.objects.create(menu=menu, locale=home_ar.locale, page=page, sort_order=index)

    query = '{ menu(slot: MAIN, locale: "ar") { title items { label url isExternal } } }'
    growth = Growth(query, grower(make), lambda d: len(d["menu"]["items"]))
    assert_flat(client, growth, "Menu.items")


# -- the catalogue -------------------------------------------------------------------------------

SERVICE_ITEM_SELECTIONS = [
    pytest.param(
        "ServiceConnection.items",
        "code name summary url path locale status statusLabel lastReviewed",
    ),
    pytest.param(
        "ServicePage.category",
        "category { slug name locale serviceCount }",
    ),
    pytest.param("ServicePage.legalBasis", "legalBasis { title url documentUrl documentTitle }"),
    pytest.param(
        "ServicePage.relatedServices",
        "relatedServices { code name url category { name } }",
    ),
    pytest.param(
        "ServicePage rich text", "descriptionHtml eligibilityHtml faqs { question answerHtml }"
    ),
    pytest.param(
        "ServicePage.kpis", "kpis(days: 30) { views starts usefulYes usefulNo satisfactionRate }"
    ),
    pytest.param(
        "ServicePage.jsonLd",
        "jsonLd",
    ),
    pytest.param(
        "ServicePage lists from JSON",
        """keywords audiences { code label } documents { name } steps { title }
        channels { kind label hours { days dayLabels opens closes } }
        cost { isFree amount } contactPoint { email }""",
    ),
    pytest.param(
        "Page.ancestors (per service)",
        "ancestors { title url }",
    ),
    pytest.param(
        "ServiceConnection.items, only some columns read",
        f"""{EVERY_INTERFACE_FIELD} code name summary status statusLabel
        category {{ slug name }} audiences {{ code label }} documents {{ name optional }}
        channels {{ kind label url phone address hours {{ dayLabels opens closes }} }}
        kpis {{ views }}""",
    ),
    pytest.param(
        "ServicePage.relatedServices, only some columns read",
        f"""relatedServices {{ {EVERY_INTERFACE_FIELD} code name summary status statusLabel
        category {{ name }} audiences {{ label }} documents {{ name }} channels {{ kind url }}
        relatedServices {{ code }} }}""",
    ),
    pytest.param(
        "Page.translations (per service)",
        "translations { locale url }",
    ),
]


@pytest.fixture
def service_grower(catalogue):
    made = []

    def grow(size: int) -> None:
        if size > len(made):
            list(generator.generate(catalogue.index_ar, size - len(made), seed=3))
            made.extend(range(size - len(made)))

    return grow


@pytest.mark.parametrize(("field", "selection"), SERVICE_ITEM_SELECTIONS)
def test_services_list(client, service_grower, field, selection):
    query = f"""{{ services(locale: "ar", first: 100,
        status: [AVAILABLE, COMING_SOON, SUSPENDED, WITHDRAWN]) {{
        totalCount items {{ {selection} }} }} }}"""
    growth = Growth(query, service_grower, lambda d: len(d["services"]["items"]))
    assert_flat(client, growth, field)


@pytest.mark.django_db
def test_service_lists_have_their_indexes():
    """Name order, counts per category and search facets read indexes, not service rows."""
    with connection.cursor() as cursor:
        pages = connection.introspection.get_constraints(cursor, "wagtailcore_page")
        services = connection.introspection.get_constraints(cursor, "services_catalog_servicepage")
    assert pages["mizan_page_locale_title_idx"]["columns"] == ["locale_id", "title"]
    assert services["service_category_status_idx"]["columns"] == [
        "category_id",
        "status",
        "page_ptr_id",
    ]
    assert services["service_status_page_idx"]["columns"] == ["status", "page_ptr_id"]
    assert services["service_category_idx"]["columns"] == ["page_ptr_id", "category_id"]


@pytest.mark.django_db(transaction=True)
def test_visible_pages_of_a_language_are_read_from_their_index():
    """The partial index's condition is implied by the visibility policy's SQL, or no planner
    could use it; reading a language's visible ids then needs no table rows."""
    from django.db import transaction
    from wagtail.models import Locale, Page

    from cms.graphql.visibility import visible_pages

    with connection.cursor() as cursor:
        columns = connection.introspection.get_constraints(cursor, "wagtailcore_page")
    assert columns["mizan_page_visible_idx"]["columns"] == [
        "locale_id",
        "id",
        "content_type_id",
        "expire_at",
    ]
    # A transactional test may start after another has flushed the migrations' locales.
    locale, _created = Locale.objects.get_or_create(language_code="ar")
    ids = visible_pages(Page.objects.all(), locale).values("id").order_by()
    sql, params = ids.query.sql_with_params()
    explain = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # A test database is a few rows, which any plan reads about as fast: the table
            # scans are switched off and the other plain indexes dropped (undone with the
            # transaction), so the plan reads this index if its condition allows it.
            for kind in ("seqscan", "bitmapscan"):
                cursor.execute(f"SET LOCAL enable_{kind} = off")
            for name, index in columns.items():
                if index["index"] and not index["unique"] and name != "mizan_page_visible_idx":
                    cursor.execute(f'DROP INDEX "{name}"')
        cursor.execute(explain + sql, params)
        plan = " ".join(str(cell) for row in cursor.fetchall() for cell in row)
    assert "mizan_page_visible_idx" in plan, plan


def test_service_categories(client, catalogue, service_grower):
    existing = len(catalogue.categories_ar)

    def grow(size: int) -> None:
        service_grower(size)
        for index in range(ServiceCategory.objects.filter(locale=catalogue.arabic).count(), size):
            ServiceCategory.objects.create(
                slug=f"category-{index}", name=f"فئة {index}", locale=catalogue.arabic
            )

    query = '{ serviceCategories(locale: "ar") { slug name description locale serviceCount } }'
    growth = Growth(query, grow, lambda d: len(d["serviceCategories"]))
    assert existing < SMALL
    assert_flat(client, growth, "Query.serviceCategories")


# -- publications and budget years --------------------------------------------------------------


@pytest.fixture
def publications_index(home_ar):
    from publications.models import PublicationIndexPage

    return add_page(home_ar, PublicationIndexPage(title="المطبوعات", slug="publications"))


def test_publications_list(client, publications_index):
    from publications.models import PublicationFile, PublicationPage

    def make(index: int) -> None:
        page = PublicationPage(
            title=f"مطبوعة {index}",
            slug=f"publication-{index}",
            publication_type="enacted_budget" if index % 2 else "circular",
            fiscal_year=2020,
            publication_date=datetime.date(2020, 1, 1) + datetime.timedelta(days=index),
            summary="ملخص",
        )
        # A format given: the file is not read (inspected) on save.
        page.files.add(PublicationFile(document=document(index), language="ar", file_format="pdf"))
        add_page(publications_index, page)

    query = """{ publications(locale: "ar", first: 50) { totalCount items {
        title url publicationType publicationTypeLabel isBudgetDocument
        fiscalYear { year label } publicationDate publicationDateHijri { iso formatted } summary
        files { id title url downloadUrl language format sizeBytes pageCount }
    } } }"""
    growth = Growth(query, grower(make), lambda d: len(d["publications"]["items"]), cap=50)
    assert_flat(client, growth, "PublicationConnection.items with PublicationPage.files")


def test_budget_years(client, publications_index):
    from publications.models import BudgetLine, BudgetYearPage

    def make(index: int) -> None:
        page = BudgetYearPage(
            title=f"ميزانية {index}", slug=f"budget-{index}", fiscal_year=1990 + index
        )
        page.lines = [
            BudgetLine(kind=kind, label=f"بند {index}", amount=100 + index, locale=home.locale)
            for kind in ("revenue", "expenditure")
        ]
        add_page(publications_index, page)

    home = publications_index
    query = """{ budgetYears(locale: "ar") { title url fiscalYear { year label }
        revenue expenditure balance lines { kind label amount } } }"""
    growth = Growth(query, grower(make), lambda d: len(d["budgetYears"]))
    assert_flat(client, growth, "Query.budgetYears with BudgetYearPage.lines")


def test_publication_facets(client, publications_index):
    """Types and years are counted from one read of the (type, year) pairs."""
    from publications.models import PUBLICATION_TYPES, PublicationPage

    def make(index: int) -> None:
        year = 1995 + index
        page = PublicationPage(
            title=f"مطبوعة {index}",
            slug=f"publication-{index}",
            publication_type=PUBLICATION_TYPES[index % len(PUBLICATION_TYPES)][0],
            fiscal_year=year,
            publication_date=datetime.date(year, 6, 1),
            summary="ملخص",
        )
        add_page(publications_index, page)

    query = """{ publicationFacets(locale: "ar") {
        types { value label count } years { value label count } } }"""
    growth = Growth(query, grower(make), lambda d: len(d["publicationFacets"]["years"]))
    assert_flat(client, growth, "PublicationFacets.years and .types")


# -- laws and regulations ------------------------------------------------------------------------


@pytest.fixture
def regulation_grower(home_ar):
    """make(services) -> grow(size): Arabic regulations, each amending the one before it (so
    each has a relation and is related by another), each governing a service when given."""
    from regulations.models import RegulationIndexPage
    from regulations.testing import make_regulation

    index = add_page(home_ar, RegulationIndexPage(title="الأنظمة", slug="laws"))
    made = []

    def make(services: Callable[[int], Page] | None = None) -> Callable[[int], None]:
        def regulation(number: int) -> None:
            page = make_regulation(
                index,
                None,
                f"law-{number}",
                {"title": f"نظام {number}", "summary": "ملخص"},
                number=f"M/{number}",
                # One year apart: RegulationIndexPage.years grows with the list.
                issued_on=datetime.date(2000, 1, 1) + datetime.timedelta(days=366 * number),
                relations=[("amends", made[-1])] if made else [],
                services=[services(number)] if services else [],
            )
            document = get_document_model().objects.create(
                title=f"نظام {number}", file=ContentFile(b"%PDF-1.4", name=f"law-{number}.pdf")
            )
            page.versions.update(document=document)
            made.append(page)

        return grower(regulation)

    return make


REGULATION_ITEM_SELECTIONS = [
    pytest.param(
        "RegulationConnection.items",
        "title url number instrument instrumentLabel issuedOn issuedOnHijri { iso formatted } legalStatus "
        "legalStatusLabel legalForce summary",
    ),
    pytest.param(
        "RegulationPage.versions",
        "versions { number label effectiveFrom effectiveFromHijri { iso formatted } textHtml documentUrl "
        "documentTitle citationUrl isCurrent }",
    ),
    pytest.param(
        "RegulationPage.relations",
        "relations { kind kindLabel regulation { title url } }",
    ),
    pytest.param(
        "RegulationPage.relatedBy",
        "relatedBy { kind kindLabel regulation { title url } }",
    ),
    pytest.param(
        "RegulationPage.services",
        "services { title url }",
    ),
]


@pytest.mark.parametrize(("field", "selection"), REGULATION_ITEM_SELECTIONS)
def test_regulations_list(client, catalogue, regulation_grower, field, selection):
    services = None
    if "services" in selection:
        from services_catalog.models import ServicePage

        list(generator.generate(catalogue.index_ar, 5, seed=5))
        pages = list(ServicePage.objects.filter(locale=catalogue.arabic).order_by("pk")[:5])
        services = lambda number: pages[number % len(pages)]  # noqa: E731
    query = (
        f"""{{ regulations(locale: "ar", first: 50) {{ totalCount items {{ {selection} }} }} }}"""
    )
    growth = Growth(
        query, regulation_grower(services), lambda d: len(d["regulations"]["items"]), cap=50
    )
    assert_flat(client, growth, field)


@pytest.mark.parametrize(
    ("field", "selection"),
    [
        (
            "ConsultationConnection.items",
            "title url summary opensOn opensOnHijri { formatted } closesOn "
            "consultationStatus consultationStatusLabel acceptsComments",
        ),
        ("ConsultationPage.documentUrl", "documentUrl documentTitle"),
        ("ConsultationOutcome.themes", "outcome { totalComments themes { code name } }"),
        ("ConsultationPage.publishedComments", "publishedComments { text organisation }"),
    ],
)
def test_consultations_list(client, home_ar, field, selection):
    from consultations.models import ConsultationComment, ConsultationIndexPage
    from consultations.testing import make_consultation

    index = add_page(home_ar, ConsultationIndexPage(title="الاستشارات", slug="consultations"))

    def consultation(number: int) -> None:
        document = get_document_model().objects.create(
            title=f"مسودة {number}", file=ContentFile(b"%PDF-1.4", name=f"draft-{number}.pdf")
        )
        page = make_consultation(
            index,
            None,
            f"draft-{number}",
            {
                "title": f"مسودة {number}",
                "what_we_heard": "<p>سمعنا.</p>",
                "draft_document": document,
            },
            opens_on=datetime.date(2020, 1, 1) + datetime.timedelta(days=number),
            closes_on=datetime.date(2021, 1, 1),
            outcome_published_on=datetime.date(2021, 2, 1),
            themes=[("fees", "الرسوم", "Fees", 2), ("time", "المدد", "Time", 3)],
        )
        ConsultationComment.objects.create(
            consultation_key=page.translation_key,
            consultation_title=page.title,
            language="ar",
            comment="ملاحظة منشورة.",
            consent_to_publish=True,
            moderation="accepted",
            published=True,
        )

    query = f"""{{ consultations(locale: "ar", first: 50) {{ items {{ {selection} }} }} }}"""
    growth = Growth(query, grower(consultation), lambda d: len(d["consultations"]["items"]), cap=50)
    assert_flat(client, growth, field)


@pytest.fixture
def procurement_grower(home_ar):
    from procurement.models import ProcurementIndexPage
    from procurement.testing import make_notice

    index = add_page(home_ar, ProcurementIndexPage(title="المنافسات", slug="tenders"))

    def notice(number: int) -> None:
        make_notice(
            index,
            None,
            f"notice-{number}",
            {"title": f"منافسة {number}", "summary": "توريد أجهزة."},
            reference=f"2501{number:08d}",
            published_days_ago=10 + number,
        )

    return grower(notice)


def test_procurement_notices_list(client, procurement_grower):
    query = """{ procurementNotices(locale: "ar", first: 50) { items {
        title url reference noticeStatus submissionDeadline award { supplier value } } } }"""
    growth = Growth(
        query, procurement_grower, lambda d: len(d["procurementNotices"]["items"]), cap=50
    )
    assert_flat(client, growth, "ProcurementNoticeConnection.items")


def test_procurement_index_years(client, procurement_grower):
    query = """{ page(path: "/tenders/", locale: "ar") { ... on ProcurementIndexPage {
        years notices(first: 50) { items { title } } } } }"""
    growth = Growth(query, procurement_grower, None)
    assert_flat(client, growth, "ProcurementIndexPage.years")


@pytest.mark.parametrize("root", ["governmentEntities", "page"])
def test_government_entities(client, home_ar, root):
    from institution.models import GovernmentEntitiesPage, GovernmentEntity

    add_page(home_ar, GovernmentEntitiesPage(title="الجهات الحكومية", slug="entities"))

    def entity(number: int) -> None:
        GovernmentEntity.objects.create(
            name=f"جهة {number}",
            url=f"https://entity-{number}.gov.sa/",
            sort_order=number,
            locale=home_ar.locale,
        )

    if root == "page":
        query = """{ page(path: "/entities/", locale: "ar") {
            ... on GovernmentEntitiesPage { entities { name url description } } } }"""
        length, field = (lambda d: len(d["page"]["entities"])), "GovernmentEntitiesPage.entities"
    else:
        query = """{ governmentEntities(locale: "ar") { name url description } }"""
        length, field = (lambda d: len(d["governmentEntities"])), "Query.governmentEntities"
    assert_flat(client, Growth(query, grower(entity), length), field)


def test_organisation_people_with_photos(client, home_ar):
    """Every person of the page carries a photo of their own: the renditions are read together."""
    from institution.models import OrganisationPage
    from institution.testing import _person

    page = add_page(home_ar, OrganisationPage(title="الهيكل", slug="organisation"))
    people: list[dict] = []

    def person(number: int) -> None:
        people.append(_person(f"شخص {number}", "مدير", image(number), f"صورة الشخص {number}"))
        page.leadership = [{"type": "person", "value": value} for value in people]
        page.units = [
            {
                "type": "unit",
                "value": {"name": "وحدة", "description": "", "people": list(people)},
            }
        ]
        page.save_revision().publish()

    query = """{ page(path: "/organisation/", locale: "ar") { ... on OrganisationPage {
        leadership { name photoAlt photo { rendition(spec: THUMBNAIL) { url } } }
        units { name people { name photo { rendition(spec: THUMBNAIL) { url } } } } } } }"""
    growth = Growth(query, grower(person), lambda d: len(d["page"]["leadership"]))
    assert_flat(client, growth, "OrganisationPage.leadership")


def test_regulation_index_years(client, regulation_grower):
    query = """{ page(path: "/laws/", locale: "ar") { ... on RegulationIndexPage {
        years regulations(first: 50) { totalCount items { title url number } } } } }"""
    growth = Growth(query, regulation_grower(), lambda d: len(d["page"]["years"]))
    assert_flat(client, growth, "RegulationIndexPage.years")


def test_service_regulations(client, catalogue, service_grower, regulation_grower):
    from services_catalog.models import ServicePage

    def service(number: int) -> Page:
        service_grower(number + 1)
        return ServicePage.objects.filter(locale=catalogue.arabic).order_by("pk")[number]

    grow = regulation_grower(service)
    query = """{ services(locale: "ar", first: 100,
        status: [AVAILABLE, COMING_SOON, SUSPENDED, WITHDRAWN]) {
        items { code regulations { title url number } } } }"""
    growth = Growth(query, grow, lambda d: len(d["services"]["items"]))
    assert_flat(client, growth, "ServicePage.regulations")


# -- search --------------------------------------------------------------------------------------


@pytest.fixture
def indexed_service_grower(catalogue):
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    made = []

    def grow(size: int) -> None:
        if size > len(made):
            for pages in generator.generate(catalogue.index_ar, size - len(made), seed=4):
                backend.add_bulk(type(pages[0]), pages)
            made.extend(range(size - len(made)))

    return grow


SEARCH_HITS = """query($q: String!) { search(query: $q, locale: "en", pageSize: 50) {
    total hits {
      ... on SearchHitBase { type title titleHighlighted url snippet promoted page { title url } }
      ... on ServiceHit { code summary category { slug name } }
      ... on PageHit { pageType }
    }
    facets { types { value label count } categories { value label count } }
} }"""


def test_search_hits(client, indexed_service_grower):
    growth = Growth(
        SEARCH_HITS,
        indexed_service_grower,
        lambda d: len(d["search"]["hits"]),
        variables={"q": "online service"},
        cap=50,
        at_least=True,
    )
    assert_flat(client, growth, "SearchResults.hits")


def test_search_category_facets(client, catalogue, indexed_service_grower):
    """Facet counts come from one grouped query, however many services match."""
    query = """query($q: String!) { search(query: $q, locale: "en", pageSize: 1) {
        total facets { categories { value label count } } } }"""
    # Ranking reads each page type of the first 50 matches once: with 10 services the catalogue
    # page is among them (one more query), with 100 it is not.
    growth = Growth(
        query, indexed_service_grower, None, variables={"q": "online service"}, at_least=True
    )
    assert_flat(client, growth, "SearchFacets.categories")


def test_search_suggestions(client, indexed_service_grower):
    query = """{ searchSuggestions(prefix: "Online", locale: "en", limit: 10) {
        title url type code } }"""
    growth = Growth(query, indexed_service_grower, None)
    assert_flat(client, growth, "Query.searchSuggestions")


# -- without a cache (as `make bench` runs "uncached") ---------------------------------------


def test_page_urls_without_a_cache(client, uncached, news_grower):
    query = '{ news(locale: "ar", first: 50) { items { title url } } }'
    growth = Growth(query, news_grower(), lambda d: len(d["news"]["items"]), cap=50)
    assert_flat(client, growth, "Page.url without a cache")


def test_image_renditions_without_a_cache(client, uncached, news_grower):
    query = (
        '{ news(locale: "ar", first: 50) { items { image { rendition(spec: CARD) { url } } } } }'
    )
    growth = Growth(query, news_grower(images=True), lambda d: len(d["news"]["items"]), cap=50)
    assert_flat(client, growth, "NewsArticlePage.image rendition without a cache")


# -- every list field has a case ----------------------------------------------------------------

COVERED = {
    "ProcurementNoticeConnection.items": "test_procurement_notices_list",
    "ProcurementIndexPage.years": "test_procurement_index_years",
    "Query.governmentEntities": "test_government_entities",
    "GovernmentEntitiesPage.entities": "test_government_entities",
    "OrganisationPage.leadership": "test_organisation_people_with_photos",
    "Query.news": "test_news_list",
    "NewsConnection.items": "test_news_list",
    "NewsIndexPage.articles": "test_news_index_articles",
    "HomePage.latestNews": "test_home_latest_news",
    "HomePage.featured": "test_home_featured_blocks",
    "StandardPage.body": "test_standard_page_body_blocks",
    "NewsArticlePage.body": "test_news_list (and the shared stream code of StandardPage.body)",
    "ContactCentrePage.body": "the shared stream code of StandardPage.body",
    "ContactCentrePage.workingHours": "test_contact_centre_working_hours",
    "Page.children": "test_page_children",
    "PageConnection.items": "test_page_children_connection",
    "Page.ancestors": "test_page_ancestors",
    "Menu.items": "test_menu_items",
    "ServiceConnection.items": "test_services_list",
    "ServicePage.legalBasis": "test_services_list",
    "ServicePage.relatedServices": "test_services_list",
    "Query.serviceCategories": "test_service_categories",
    "SearchResults.hits": "test_search_hits",
    "SearchFacets.categories": "test_search_category_facets",
    "Query.searchSuggestions": "test_search_suggestions",
    "PublicationConnection.items": "test_publications_list",
    "PublicationPage.files": "test_publications_list",
    "PublicationPage.htmlVersion": "the shared stream code of StandardPage.body",
    "PublicationFacets.types": "test_publication_facets",
    "PublicationFacets.years": "test_publication_facets",
    "Query.budgetYears": "test_budget_years",
    "BudgetYearPage.lines": "test_budget_years",
    "RegulationConnection.items": "test_regulations_list",
    "RegulationPage.versions": "test_regulations_list",
    "RegulationPage.relations": "test_regulations_list (known N+1)",
    "RegulationPage.relatedBy": "test_regulations_list (known N+1)",
    "RegulationPage.services": "test_regulations_list (known N+1)",
    "RegulationIndexPage.years": "test_regulation_index_years",
    "ServicePage.regulations": "test_service_regulations (known N+1)",
    "ConsultationConnection.items": "test_consultations_list",
    "ConsultationOutcome.themes": "test_consultations_list",
    "ConsultationPage.publishedComments": "test_consultations_list",
}


def _list_fields() -> set[str]:
    found = set()
    for type_ in schema.graphql_schema.type_map.values():
        if type_.name.startswith("__") or not isinstance(
            type_, GraphQLObjectType | GraphQLInterfaceType
        ):
            continue
        for name, field in type_.fields.items():
            of = field.type.of_type if isinstance(field.type, GraphQLNonNull) else field.type
            if isinstance(of, GraphQLList):
                found.add(f"{type_.name}.{name}")
    return found


def _base_name(field: str) -> str:
    """Interface fields repeat on every page type: check them once, as Page.<field>."""
    type_name, name = field.split(".")
    interfaces = schema.graphql_schema.type_map[type_name]
    for interface in getattr(interfaces, "interfaces", []):
        if name in interface.fields:
            return f"{interface.name}.{name}"
    return field


def test_every_list_field_is_covered():
    known = set(COVERED) | set(NOT_DATABASE_LISTS)
    missing = sorted(f for f in _list_fields() if f not in known and _base_name(f) not in known)
    assert not missing, f"List fields without a query-count case or reason: {missing}"
