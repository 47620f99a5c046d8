"""GraphQL for procurement notices: the page types and the `procurementNotices` root list.

Every notice leaves through the visibility policy (`visible_pages_of_type`). The status is
computed at the moment of the request (cms.content_generation keeps cached answers no longer
than the next deadline); deadlines leave in Riyadh time (+03:00), each with its Hijri day.
The award leaves only when the notice is awarded.
"""

from __future__ import annotations

import datetime

import graphene
from django.db.models import QuerySet
from django.utils import timezone, translation
from graphql import GraphQLError

from cms.graphql.batching import language_code
from cms.graphql.hijri import hijri_beside, hijri_field
from cms.graphql.page_registry import register_page_type
from cms.graphql.paging import PageInfo, cursor_arguments, paginate
from cms.graphql.richtext import render_rich_text
from cms.graphql.visibility import resolve_locale, visible_pages_of_type
from cms.hijri import RIYADH
from procurement import models
from site_pages.graphql import PageInterface

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 50

NoticeTypeEnum = graphene.Enum.from_enum(models.NoticeType, name="ProcurementNoticeType")
StatusEnum = graphene.Enum.from_enum(models.Status, name="ProcurementStatus")


def _value(choice) -> str | None:
    return getattr(choice, "value", choice)


def label_in(page, choice) -> str:
    """A choice's label in the page's language (an HTTP request carries none of its own)."""
    with translation.override(language_code(page.locale_id)):
        return str(choice.label)


def in_riyadh(moment: datetime.datetime | None) -> datetime.datetime | None:
    return moment.astimezone(RIYADH) if moment is not None else None


class ProcurementAward(graphene.ObjectType):
    supplier = graphene.String(required=True)
    value = graphene.Decimal(required=True, description="Amount in Saudi riyals")
    currency = graphene.String(required=True, description="ISO 4217 code: SAR")
    date = graphene.Date(description="Day of the award decision, when given")
    date_hijri = hijri_field("date")


class ProcurementNoticePage(graphene.ObjectType):
    reference = graphene.String(required=True, description="The competition's number on Etimad")
    notice_type = graphene.Field(NoticeTypeEnum, required=True)
    notice_type_label = graphene.String(required=True)
    summary = graphene.String(required=True)
    details_html = graphene.String(required=True)
    publication_date = graphene.Date(required=True)
    publication_date_hijri = hijri_field("publicationDate")
    questions_deadline = graphene.DateTime(description="Riyadh time; null when none is set")
    questions_deadline_hijri = hijri_field("questionsDeadline")
    submission_deadline = graphene.DateTime(required=True, description="Riyadh time")
    submission_deadline_hijri = hijri_field("submissionDeadline")
    opening_at = graphene.DateTime(description="When bids are opened, Riyadh time")
    opening_at_hijri = hijri_field("openingAt")
    etimad_url = graphene.String(
        required=True, description="The notice on Etimad, the national procurement platform"
    )
    notice_status = graphene.Field(
        StatusEnum,
        required=True,
        description="Computed now: cancelled, awarded, else open until the submission deadline",
    )
    notice_status_label = graphene.String(required=True)
    cancellation_reason = graphene.String(required=True, description="Empty unless cancelled")
    award = graphene.Field(ProcurementAward, description="Null unless the notice is awarded")

    class Meta:
        interfaces = (PageInterface,)

    @staticmethod
    def resolve_notice_type_label(page, info):
        return label_in(page, models.NoticeType(page.notice_type))

    @staticmethod
    def resolve_details_html(page, info):
        return render_rich_text(page.details)

    @staticmethod
    def resolve_publication_date_hijri(page, info):
        return hijri_beside(page.publication_date, language_code(page.locale_id))

    @staticmethod
    def resolve_questions_deadline(page, info):
        return in_riyadh(page.questions_deadline)

    @staticmethod
    def resolve_questions_deadline_hijri(page, info):
        return hijri_beside(page.questions_deadline, language_code(page.locale_id))

    @staticmethod
    def resolve_submission_deadline(page, info):
        return in_riyadh(page.submission_deadline)

    @staticmethod
    def resolve_submission_deadline_hijri(page, info):
        return hijri_beside(page.submission_deadline, language_code(page.locale_id))

    @staticmethod
    def resolve_opening_at(page, info):
        return in_riyadh(page.opening_at)

    @staticmethod
    def resolve_opening_at_hijri(page, info):
        return hijri_beside(page.opening_at, language_code(page.locale_id))

    @staticmethod
    def resolve_notice_status(page, info):
        return page.status

    @staticmethod
    def resolve_notice_status_label(page, info):
        return label_in(page, models.Status(page.status))

    @staticmethod
    def resolve_cancellation_reason(page, info):
        return page.cancellation_reason if page.cancelled else ""

    @staticmethod
    def resolve_award(page, info):
        if page.status != models.Status.AWARDED:
            return None
        return ProcurementAward(
            supplier=page.awarded_supplier,
            value=page.award_value,
            currency="SAR",
            date=page.award_date,
            date_hijri=hijri_beside(page.award_date, language_code(page.locale_id)),
        )


class ProcurementNoticeConnection(graphene.ObjectType):
    total_count = graphene.Int(required=True)
    items = graphene.List(graphene.NonNull(ProcurementNoticePage), required=True)
    page_info = graphene.Field(PageInfo, required=True)


def _filter_arguments():
    return {
        "type": graphene.Argument(NoticeTypeEnum),
        "status": graphene.Argument(StatusEnum, description="As computed at the request"),
        "year": graphene.Int(description="Gregorian year of publication"),
    }


def filtered(queryset: QuerySet, type=None, status=None, year=None) -> QuerySet:
    if type:
        queryset = queryset.filter(notice_type=_value(type))
    if status:
        queryset = models.with_status(queryset, timezone.now()).filter(
            computed_status=_value(status)
        )
    if year is not None:
        if not models.MIN_YEAR <= year <= models.MAX_YEAR:
            raise GraphQLError(
                f"'year' must be between {models.MIN_YEAR} and {models.MAX_YEAR}.",
                extensions={"code": "BAD_USER_INPUT"},
            )
        queryset = queryset.filter(publication_date__year=year)
    return queryset


def notice_connection(queryset: QuerySet, first, after) -> ProcurementNoticeConnection:
    found = paginate(
        queryset,
        ("-publication_date", "pk"),
        first=first,
        after=after,
        max_size=MAX_PAGE_SIZE,
        default_size=DEFAULT_PAGE_SIZE,
        tag="procurement",
    )
    return ProcurementNoticeConnection(
        total_count=queryset.count(), items=found.items, page_info=found.page_info
    )


def publication_years(queryset: QuerySet) -> list[int]:
    return sorted(
        {d.year for d in queryset.values_list("publication_date", flat=True)}, reverse=True
    )


class ProcurementIndexPage(graphene.ObjectType):
    intro = graphene.String(required=True)
    notices = graphene.Field(
        ProcurementNoticeConnection,
        required=True,
        **_filter_arguments(),
        **cursor_arguments(MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE),
        description="The notices below this page, newest first",
    )
    years = graphene.List(
        graphene.NonNull(graphene.Int),
        required=True,
        description="Years of publication, newest first",
    )

    class Meta:
        interfaces = (PageInterface,)

    @staticmethod
    def resolve_notices(page, info, first=None, after=None, **filters):
        children = visible_pages_of_type(models.ProcurementNoticePage).child_of(page)
        return notice_connection(filtered(children, **filters), first, after)

    @staticmethod
    def resolve_years(page, info):
        children = visible_pages_of_type(models.ProcurementNoticePage).child_of(page)
        return publication_years(children)


register_page_type(models.ProcurementIndexPage, ProcurementIndexPage)
register_page_type(models.ProcurementNoticePage, ProcurementNoticePage)


class Query:
    procurement_notices = graphene.Field(
        ProcurementNoticeConnection,
        required=True,
        locale=graphene.String(default_value="ar", description="ar (default) or en"),
        **_filter_arguments(),
        **cursor_arguments(MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE),
        description="Tenders and awards, newest publication first",
    )

    @staticmethod
    def resolve_procurement_notices(root, info, locale="ar", first=None, after=None, **filters):
        language = resolve_locale(locale)
        pages = visible_pages_of_type(models.ProcurementNoticePage, language)
        return notice_connection(filtered(pages, **filters), first, after)


types = [ProcurementIndexPage, ProcurementNoticePage]
