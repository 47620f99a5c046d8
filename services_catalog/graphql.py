"""GraphQL types and root fields of the services catalogue.

Every service that leaves the API comes through `cms.graphql.visibility`; lists are read in one
query for the pages (category and locale joined) and one batch per extra look-up, so the number
of queries does not grow with the number of services listed.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property, partial

import graphene
from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Func, OuterRef, Q, Subquery
from graphene.utils.str_converters import to_camel_case
from graphql import GraphQLError
from wagtail.models import Locale, Page, get_page_models

from cms.graphql.batching import direct_fields, language_code
from cms.graphql.hijri import hijri_beside, hijri_field
from cms.graphql.page_registry import register_page_type
from cms.graphql.response_cache import never_cache_field
from cms.graphql.visibility import (
    resolve_locale,
    unique_match,
    visible_pages,
    visible_snippets,
)
from reviews.graphql import ReviewedContent
from services_catalog import kpi, presenting
from services_catalog.models import (
    Audience,
    ChannelKind,
    FeedbackReason,
    KpiEvent,
    LifeEvent,
    ServiceCategory,
    ServiceIndexPage,
    ServicePage,
    ServiceStatus,
)
from services_catalog.models.fields import has_member
from services_catalog.open_data import json_ld_document
from site_pages.graphql import PageInterface

# The page interface's fields, as a selection names them: a service list selecting only these
# (and some of its own) reads only some columns (service_columns).
PAGE_INTERFACE_FIELDS = frozenset(to_camel_case(name) for name in PageInterface._meta.fields)

# The columns each field of a service reads, for lists that show few of them (cards; documents
# and channels): a list whose items select only these fields and the page interface's reads only
# those columns (`service_columns`); any other field makes it read whole rows.
FIELD_COLUMNS: dict[str, tuple[str, ...]] = {
    "code": ("code",),
    "name": ("title",),
    "summary": ("summary",),
    "status": ("status",),
    "statusLabel": ("status",),
    "category": (),  # joined in: always read
    "audiences": ("audiences",),
    "documents": ("documents",),
    "channels": (
        *("online_channel", "online_url", "phone_channel", "phone_number"),
        *("office_channel", "office_address", "office_hours"),
    ),
    "kpis": ("code",),
    "relatedServices": (),
}


def service_columns(fields: Iterable[str]) -> tuple[str, ...] | None:
    """The columns to read for services whose fields `fields` are selected, or None for whole
    rows (a field outside `FIELD_COLUMNS` and the page interface's)."""
    columns: set[str] = set()
    for name in fields:
        if name in PAGE_INTERFACE_FIELDS or name == "__typename":
            continue
        if name not in FIELD_COLUMNS:
            return None
        columns.update(FIELD_COLUMNS[name])
    return (*presenting.BASE_COLUMNS, *sorted(columns))


# KPI figures change with every visit, without a publish: never answered from the cache.
never_cache_field("kpis")

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_SEARCH_LENGTH = 200
MAX_SEARCH_TERMS = 8
MAX_KPI_DAYS = 366
MAX_CODE_LENGTH = 40
SLUG = re.compile(r"^[a-z0-9-]{1,80}$")
LISTED_BY_DEFAULT = [
    ServiceStatus.AVAILABLE,
    ServiceStatus.COMING_SOON,
    ServiceStatus.SUSPENDED,
]


def _enum(name: str, choices, description: str) -> type[graphene.Enum]:
    members = [(member.name, member.value) for member in choices]
    return graphene.Enum(name, members, description=description)


AudienceEnum = _enum("Audience", Audience, "Who a service is for.")
ServiceStatusEnum = _enum(
    "ServiceStatus", ServiceStatus, "Withdrawn services keep their page, which says so."
)
LifeEventEnum = _enum("LifeEvent", LifeEvent, "The life event a service belongs to.")
ChannelKindEnum = _enum("ChannelKind", ChannelKind, "How a service is delivered.")
ServiceEventEnum = _enum("ServiceEvent", KpiEvent, "A visitor signal counted in the KPIs.")
FeedbackReasonEnum = _enum(
    "FeedbackReason", FeedbackReason, "Why the visitor found the page useful or not."
)
ServiceOrder = graphene.Enum(
    "ServiceOrder",
    [("NAME", "title"), ("CODE", "code"), ("RECENTLY_REVIEWED", "-last_reviewed")],
    description="Order of a service list.",
)


def _value(enum_value):
    """graphene hands over either the Python enum member or its value."""
    return getattr(enum_value, "value", enum_value)


# -- object types ------------------------------------------------------------------------------


class ServiceCategoryType(graphene.ObjectType):
    id = graphene.ID(required=True)
    slug = graphene.String(required=True, description="The same in every language")
    name = graphene.String(required=True)
    description = graphene.String(required=True)
    locale = graphene.String(required=True)
    service_count = graphene.Int(
        required=True, description="Published services in this category, withdrawn ones aside"
    )

    class Meta:
        name = "ServiceCategory"

    @staticmethod
    def resolve_locale(category, info):
        return category.locale.language_code

    @staticmethod
    def resolve_service_count(category, info):
        counts = getattr(category, "_service_counts", None)
        if counts is None:
            batch = getattr(category, "_service_batch", None)
            counts = (
                batch.category_counts
                if batch is not None
                else category_counts(category.locale, [category.pk])
            )
        return counts.get(category.pk, 0)


class AudienceType(graphene.ObjectType):
    code = graphene.Field(AudienceEnum, required=True)
    label = graphene.String(required=True)

    class Meta:
        name = "ServiceAudience"


class RequiredDocument(graphene.ObjectType):
    id = graphene.ID()
    name = graphene.String(required=True)
    description = graphene.String(required=True)
    optional = graphene.Boolean(required=True, description="Needed only in some cases")


class ServiceStep(graphene.ObjectType):
    id = graphene.ID()
    position = graphene.Int(required=True, description="1 for the first step")
    title = graphene.String(required=True)
    description = graphene.String(required=True)


class Faq(graphene.ObjectType):
    id = graphene.ID()
    question = graphene.String(required=True)
    answer_html = graphene.String(required=True)


class LegalBasis(graphene.ObjectType):
    id = graphene.ID()
    title = graphene.String(required=True)
    url = graphene.String(required=True, description="Link to the text; may be empty")
    document_url = graphene.String(required=True, description="Attached document; may be empty")
    document_title = graphene.String(required=True)


class OpeningHours(graphene.ObjectType):
    days = graphene.List(
        graphene.NonNull(graphene.String),
        required=True,
        description="Day codes, Sunday first: sunday ... saturday",
    )
    day_labels = graphene.List(graphene.NonNull(graphene.String), required=True)
    opens = graphene.String(required=True, description="HH:MM, local time")
    closes = graphene.String(required=True, description="HH:MM, local time")


class ServiceChannel(graphene.ObjectType):
    kind = graphene.Field(ChannelKindEnum, required=True)
    label = graphene.String(required=True)
    url = graphene.String(description="ONLINE: the https start address")
    phone = graphene.String(description="PHONE: the number to call")
    address = graphene.String(description="OFFICE: where to go")
    hours = graphene.List(graphene.NonNull(OpeningHours), required=True)


class ServiceCost(graphene.ObjectType):
    is_free = graphene.Boolean(required=True)
    amount = graphene.Decimal(description="Null when free")
    currency = graphene.String(required=True, description="ISO 4217, e.g. SAR")
    note = graphene.String(required=True)


class ContactPoint(graphene.ObjectType):
    email = graphene.String(required=True)
    telephone = graphene.String(required=True)


class ServiceKpis(graphene.ObjectType):
    """Public aggregates only: totals over every language, never single answers or comments."""

    days = graphene.Int(required=True)
    views = graphene.Int(required=True)
    starts = graphene.Int(required=True)
    useful_yes = graphene.Int(required=True)
    useful_no = graphene.Int(required=True)
    satisfaction_rate = graphene.Float(description="Share of 'useful' answers, 0 to 1")


def _regulations():
    """The regulations library's GraphQL (it holds the links to services, not this app)."""
    from regulations import graphql

    return graphql


class ServicePageType(graphene.ObjectType):
    code = graphene.String(required=True)
    name = graphene.String(required=True, description="The service name (the page title)")
    summary = graphene.String(required=True)
    description_html = graphene.String(required=True)
    keywords = graphene.List(graphene.NonNull(graphene.String), required=True)
    category = graphene.Field(ServiceCategoryType, required=True)
    audiences = graphene.List(graphene.NonNull(AudienceType), required=True)
    life_event = graphene.Field(LifeEventEnum)
    life_event_label = graphene.String(required=True)
    eligibility_html = graphene.String(required=True)
    documents = graphene.List(graphene.NonNull(RequiredDocument), required=True)
    steps = graphene.List(graphene.NonNull(ServiceStep), required=True)
    cost = graphene.Field(ServiceCost, required=True)
    processing_time = graphene.String(
        required=True, description="ISO 8601 duration, e.g. P5D; empty if unknown"
    )
    processing_time_text = graphene.String(required=True, description="In words")
    channels = graphene.List(graphene.NonNull(ServiceChannel), required=True)
    start_url = graphene.String(description="https start address when offered online")
    output = graphene.String(required=True)
    department = graphene.String(required=True)
    legal_basis = graphene.List(graphene.NonNull(LegalBasis), required=True)
    regulations = graphene.List(
        graphene.NonNull(lambda: _regulations().RegulationPage),
        required=True,
        description="Regulations in the library that govern this service (its legal basis)",
    )
    status = graphene.Field(ServiceStatusEnum, required=True)
    status_label = graphene.String(required=True)
    status_note = graphene.String(required=True)
    contact_point = graphene.Field(ContactPoint, required=True)
    faqs = graphene.List(graphene.NonNull(Faq), required=True)
    related_services = graphene.List(graphene.NonNull(lambda: ServicePageType), required=True)
    last_reviewed = graphene.Date(required=True)
    last_reviewed_hijri = hijri_field("lastReviewed")
    kpis = graphene.Field(
        ServiceKpis,
        required=True,
        days=graphene.Int(default_value=30, description=f"1 to {MAX_KPI_DAYS}"),
    )
    json_ld = graphene.String(
        required=True, description="schema.org GovernmentService as JSON-LD, for the page head"
    )

    class Meta:
        name = "ServicePage"
        interfaces = (PageInterface, ReviewedContent)

    @staticmethod
    def resolve_name(page, info):
        return page.title

    @staticmethod
    def resolve_description_html(page, info):
        return presenting.ServiceBatch.of(page).rich_text(page.description)

    @staticmethod
    def resolve_eligibility_html(page, info):
        return presenting.ServiceBatch.of(page).rich_text(page.eligibility)

    @staticmethod
    def resolve_keywords(page, info):
        return page.keyword_list

    @staticmethod
    def resolve_category(page, info):
        presenting.ServiceBatch.of(page)  # ties the category to the list's batch
        return page.category

    @staticmethod
    def resolve_audiences(page, info):
        return [AudienceType(**item) for item in presenting.audience_labels(page)]

    @staticmethod
    def resolve_life_event(page, info):
        return page.life_event or None

    @staticmethod
    def resolve_life_event_label(page, info):
        return presenting.life_event_label(page)

    @staticmethod
    def resolve_documents(page, info):
        return [RequiredDocument(**item) for item in presenting.documents(page)]

    @staticmethod
    def resolve_steps(page, info):
        return [ServiceStep(**item) for item in presenting.steps(page)]

    @staticmethod
    def resolve_cost(page, info):
        return ServiceCost(**presenting.cost(page))

    @staticmethod
    def resolve_processing_time_text(page, info):
        return presenting.processing_time_text(page)

    @staticmethod
    def resolve_channels(page, info):
        language = page.locale.language_code
        result = []
        for channel in presenting.channels(page):
            hours = [
                OpeningHours(day_labels=presenting.day_names(p["days"], language), **p)
                for p in channel.get("hours", [])
            ]
            result.append(
                ServiceChannel(
                    kind=channel["kind"],
                    label=presenting.labelled(ChannelKind.choices, channel["kind"], language),
                    url=channel.get("url"),
                    phone=channel.get("phone"),
                    address=channel.get("address"),
                    hours=hours,
                )
            )
        return result

    @staticmethod
    def resolve_start_url(page, info):
        return page.online_url if ChannelKind.ONLINE in page.channel_kinds else None

    @staticmethod
    def resolve_regulations(page, info):
        return _regulations().regulations_governing(page)

    @staticmethod
    def resolve_legal_basis(page, info):
        return [LegalBasis(**item) for item in presenting.legal_basis(page)]

    @staticmethod
    def resolve_status_label(page, info):
        return presenting.status_label(page)

    @staticmethod
    def resolve_contact_point(page, info):
        return ContactPoint(email=page.contact_email, telephone=page.contact_phone)

    @staticmethod
    def resolve_faqs(page, info):
        return [Faq(**item) for item in presenting.faqs(page)]

    @staticmethod
    def resolve_related_services(page, info):
        columns = service_columns(direct_fields(info))
        return presenting.ServiceBatch.of(page).related(columns).get(page.pk, [])

    @staticmethod
    def resolve_kpis(page, info, days=30):
        if not 1 <= days <= MAX_KPI_DAYS:
            raise GraphQLError(f"'days' must be between 1 and {MAX_KPI_DAYS}.")
        totals = presenting.ServiceBatch.of(page).kpis(page, days)
        return ServiceKpis(
            days=days,
            views=totals.views,
            starts=totals.starts,
            useful_yes=totals.useful_yes,
            useful_no=totals.useful_no,
            satisfaction_rate=totals.satisfaction_rate,
        )

    @staticmethod
    def resolve_last_reviewed_hijri(page, info):
        return hijri_beside(page.last_reviewed, language_code(page.locale_id))

    @staticmethod
    def resolve_json_ld(page, info):
        request = info.context if hasattr(info.context, "build_absolute_uri") else None
        return json.dumps(json_ld_document(page, request), ensure_ascii=False, default=str)


class ServiceIndexPageType(graphene.ObjectType):
    intro = graphene.String(required=True)

    class Meta:
        name = "ServiceIndexPage"
        interfaces = (PageInterface,)


register_page_type(ServicePage, ServicePageType, presenting.service_queryset)
register_page_type(ServiceIndexPage, ServiceIndexPageType)


class PageInfo(graphene.ObjectType):
    has_next_page = graphene.Boolean(required=True)
    has_previous_page = graphene.Boolean(required=True)
    start_cursor = graphene.String()
    end_cursor = graphene.String()

    class Meta:
        name = "ServicePageInfo"


class ServiceConnection(graphene.ObjectType):
    total_count = graphene.Int(required=True)
    items = graphene.List(graphene.NonNull(ServicePageType), required=True)
    page_info = graphene.Field(PageInfo, required=True)


@dataclass
class ServiceList:
    """What `services` resolves to: the total is counted only if the query asks for it (a count
    over every visible service is most of an uncached list's database time)."""

    items: list
    page_info: PageInfo
    count: Callable[[], int]

    @cached_property
    def total_count(self) -> int:
        return self.count()


# -- helpers -----------------------------------------------------------------------------------


def category_counts(locale, category_ids: Iterable[int]) -> dict[int, int]:
    """Published, not withdrawn services in each of these categories, in one language (one
    query).

    A correlated count per category: SQLite reads the (category, status) index and then the
    visible pages by id, 8 ms for five categories of 10,000 services, where grouping the joined
    rows read every wide service row (15 ms). The statuses are listed, not excluded: `NOT
    status = 'withdrawn'` would make SQLite walk the pages again (71 ms).
    """
    listed = visible_pages(
        ServicePage.objects.filter(category=OuterRef("pk"), status__in=LISTED_BY_DEFAULT), locale
    )
    counted = listed.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    categories = ServiceCategory.objects.filter(pk__in=list(category_ids)).order_by()
    rows = categories.annotate(n=Subquery(counted)).values_list("pk", "n")
    return {pk: n for pk, n in rows if n}


def _encode_cursor(position: int) -> str:
    return base64.b64encode(f"service:{position}".encode()).decode()


def _decode_cursor(cursor: str) -> int:
    try:
        kind, _, number = base64.b64decode(cursor.encode(), validate=True).decode().partition(":")
        position = int(number)
    except (ValueError, UnicodeError):
        position = -1
        kind = ""
    if kind != "service" or position < 0:
        raise GraphQLError("'after' is not a cursor from this list.")
    return position


def _window(first, after, limit, offset) -> tuple[int, int]:
    """(start, size) from either first/after (cursors) or limit/offset."""
    if (first is not None or after is not None) and (limit is not None or offset is not None):
        raise GraphQLError("Use either first/after or limit/offset, not both.")
    size = first if first is not None else limit
    if size is not None and size < 0:
        raise GraphQLError("'first' and 'limit' must not be negative.")
    if offset is not None and offset < 0:
        raise GraphQLError("'offset' must not be negative.")
    start = _decode_cursor(after) + 1 if after else (offset or 0)
    return start, min(DEFAULT_PAGE_SIZE if size is None else size, MAX_PAGE_SIZE)


# SQLite plans a LIMIT below about ten as a sort of every visible service (33 ms for LIMIT 1,
# 0.1 ms for LIMIT 20, over 10,000): ids are read at least this many at a time.
MIN_IDS_READ = 20


def _page_of(
    ids_from, rows_from, ordering: tuple[str, ...], start: int, size: int
) -> tuple[list, bool]:
    """One page of services in `ordering`, and whether more follow: the ids first (from
    `ids_from`), then only those rows (from `rows_from`).

    Ordering the wide service rows themselves made SQLite read far more of them than it returned
    (57 ms for 20 of 10,000 services in-process, 9 ms this way): ordering the ids alone reads
    the (locale, title) index.
    """
    wanted = max(size + 1, MIN_IDS_READ)
    ids = list(ids_from.order_by(*ordering).values_list("pk", flat=True)[start : start + wanted])
    more = len(ids) > size
    ids = ids[:size]
    rows = rows_from.order_by().in_bulk(ids)
    return [rows[pk] for pk in ids if pk in rows], more


def _visible_among(services, locale: Locale):
    """The pages of `services` the public may see in `locale`, asked of the page table with the
    services as a sub-query.

    SQLite then reads two narrow indexes (visible pages; service category and status) instead
    of each wide service row, whose status sits behind its long text. In-process on 10,000
    services: counting them 8 ms rather than 14 ms; the first page of one category by name
    1.4 ms rather than 10 ms.
    """
    return visible_pages(Page.objects.filter(pk__in=services.values("pk")), locale)


def count_in_statuses(statuses: Iterable[str], locale: Locale) -> int:
    """How many services in `statuses` the public may see in `locale`, with no other filter.

    Counted as every visible service less the visible ones in the other statuses (a database
    constraint keeps every service in a known status). The first count reads the visible-page
    index by page type alone; the second probes only the few services in other statuses.
    `_visible_among(...).count()` probes that index once per listed service instead: over 10,000
    services on SQLite, in-process, 19-25 ms against 5-6 ms this way.
    """
    wanted = set(statuses)
    page_types = ContentType.objects.get_for_models(*service_page_models()).values()
    every = visible_pages(Page.objects.filter(content_type__in=page_types), locale).count()
    others = [status for status in ServiceStatus.values if status not in wanted]
    if not others:
        return every
    hidden = _visible_among(ServicePage.objects.filter(status__in=others), locale).count()
    return every - hidden


def service_page_models() -> list[type[ServicePage]]:
    return [model for model in get_page_models() if issubclass(model, ServicePage)]


def _search_filter(search: str) -> Q:
    """A plain filter on name, summary, keywords and code; ranked search is the search service's."""
    terms = search[:MAX_SEARCH_LENGTH].split()[:MAX_SEARCH_TERMS]
    condition = Q()
    for term in terms:
        condition &= (
            Q(title__icontains=term)
            | Q(summary__icontains=term)
            | Q(keywords__icontains=term)
            | Q(code__iexact=term)
        )
    return condition


def filter_services(
    queryset,
    *,
    category: str | None = None,
    audience: str | None = None,
    status: list[str] | None = None,
    life_event: str | None = None,
    search: str | None = None,
):
    if category:
        if not SLUG.match(category):
            raise GraphQLError("'category' is a category slug such as payment-orders.")
        queryset = queryset.filter(category__slug=category)
    if audience:
        queryset = queryset.filter(has_member("audiences", audience))
    queryset = queryset.filter(status__in=status or LISTED_BY_DEFAULT)
    if life_event:
        queryset = queryset.filter(life_event=life_event)
    if search and search.strip():
        queryset = queryset.filter(_search_filter(search))
    return queryset


def _locale_arg():
    return graphene.String(default_value="ar", description="Language code: ar (default) or en")


# -- root fields ---------------------------------------------------------------------------------


class Query:
    services = graphene.Field(
        ServiceConnection,
        required=True,
        locale=_locale_arg(),
        category=graphene.String(description="Category slug"),
        audience=graphene.Argument(AudienceEnum),
        status=graphene.List(
            graphene.NonNull(ServiceStatusEnum),
            description="Default: every status except WITHDRAWN",
        ),
        life_event=graphene.Argument(LifeEventEnum),
        search=graphene.String(
            description=f"Words in name, summary or keywords, or a code; cut at {MAX_SEARCH_LENGTH} characters"
        ),
        first=graphene.Int(description=f"Page size with cursors, at most {MAX_PAGE_SIZE}"),
        after=graphene.String(description="endCursor of the previous page"),
        limit=graphene.Int(description=f"Page size with offsets, at most {MAX_PAGE_SIZE}"),
        offset=graphene.Int(),
        order=graphene.Argument(ServiceOrder, default_value="title"),
    )
    service = graphene.Field(
        ServicePageType,
        code=graphene.String(required=True, description="e.g. MOF-IND-001"),
        locale=_locale_arg(),
        description="One published service by its code; withdrawn services included.",
    )
    service_categories = graphene.List(
        graphene.NonNull(ServiceCategoryType), required=True, locale=_locale_arg()
    )

    @staticmethod
    def resolve_services(
        root,
        info,
        locale="ar",
        category=None,
        audience=None,
        status=None,
        life_event=None,
        search=None,
        first=None,
        after=None,
        limit=None,
        offset=None,
        order="title",
    ):
        language = resolve_locale(locale)
        start, size = _window(first, after, limit, offset)
        statuses = [_value(s) for s in status] if status else LISTED_BY_DEFAULT
        matching = filter_services(
            presenting.service_queryset(),
            category=category,
            audience=_value(audience) if audience else None,
            status=statuses,
            life_event=_value(life_event) if life_event else None,
            search=search,
        )
        services = visible_pages(matching, language)
        among = _visible_among(matching, language)
        ordering = _value(order) or "title"
        ids_from = services
        if ordering == "title" and (category or audience or life_event or search):
            # Few services match: walking the name index, probe the matching ids. (Without
            # such a filter the first entries of the name index match at once: joined is faster.)
            ids_from = among
        columns = service_columns(direct_fields(info, within="items"))
        rows_from = services if columns is None else services.only(*columns)
        items, more = _page_of(ids_from, rows_from, (ordering, "pk"), start, size)
        presenting.ServiceBatch(items, language.language_code)
        end = start + len(items)
        return ServiceList(
            items=items,
            page_info=PageInfo(
                has_next_page=more,
                has_previous_page=start > 0,
                start_cursor=_encode_cursor(start) if items else None,
                end_cursor=_encode_cursor(end - 1) if items else None,
            ),
            count=(
                partial(count_in_statuses, statuses, language)
                if not (category or audience or life_event or search)
                else among.count
            ),
        )

    @staticmethod
    def resolve_service(root, info, code, locale="ar"):
        language = resolve_locale(locale)
        if len(code) > MAX_CODE_LENGTH:
            raise GraphQLError(f"'code' is too long: at most {MAX_CODE_LENGTH} characters.")
        services = presenting.service_queryset(
            ServicePage.objects.filter(code=code.strip().upper())
        )
        return unique_match(visible_pages(services, language))

    @staticmethod
    def resolve_service_categories(root, info, locale="ar"):
        language = resolve_locale(locale)
        categories = list(
            visible_snippets(ServiceCategory.objects.select_related("locale"), language)
        )
        counts = category_counts(language, [category.pk for category in categories])
        for category in categories:
            category._service_counts = counts
        return categories


# -- mutations: anonymous visitor signals ----------------------------------------------------------


def _visible_service(code: str, locale: str) -> ServicePage:
    language = resolve_locale(locale)
    if not code or len(code) > MAX_CODE_LENGTH:
        raise GraphQLError("Unknown service code.")
    found = unique_match(
        visible_pages(ServicePage.objects.filter(code=code.strip().upper()), language)
    )
    if found is None:
        raise GraphQLError("No published service has this code in this language.")
    return found


class RecordServiceEvent(graphene.Mutation):
    """Count a page view or a 'start service' click (anonymous, aggregated per day)."""

    class Arguments:
        code = graphene.String(required=True)
        event = ServiceEventEnum(required=True)
        locale = _locale_arg()

    ok = graphene.Boolean(required=True)

    @staticmethod
    def mutate(root, info, code, event, locale="ar"):
        service = _visible_service(code, locale)
        kpi.record_event(service.code, service.locale.language_code, _value(event))
        return RecordServiceEvent(ok=True)


class SubmitServiceFeedback(graphene.Mutation):
    """'Was this page useful?': yes or no, a reason from a fixed list, an optional comment.

    Comments are stored without e-mail addresses, phone, ID or account numbers.
    """

    class Arguments:
        code = graphene.String(required=True)
        useful = graphene.Boolean(required=True)
        reason = FeedbackReasonEnum()
        comment = graphene.String(description="At most 500 characters; personal data is removed")
        locale = _locale_arg()

    ok = graphene.Boolean(required=True)

    @staticmethod
    def mutate(root, info, code, useful, reason=None, comment=None, locale="ar"):
        if comment and len(comment) > 2000:
            raise GraphQLError("'comment' is too long: at most 500 characters are kept.")
        service = _visible_service(code, locale)
        kpi.record_feedback(
            service.code,
            service.locale.language_code,
            useful,
            reason=_value(reason) if reason else "",
            comment=comment or "",
        )
        return SubmitServiceFeedback(ok=True)


class Mutation:
    record_service_event = RecordServiceEvent.Field()
    submit_service_feedback = SubmitServiceFeedback.Field()


types = [ServicePageType, ServiceIndexPageType]
