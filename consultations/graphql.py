"""GraphQL for public consultations: page types, the outcome, the root list, the comment form.

Every consultation leaves through the visibility policy (`visible_pages_of_type`). Status is
computed from the dates (days in Riyadh) when the answer is made; stored answers die at the
next midnight a status changes (`next_status_change`, registered in the app's `ready`). The
outcome is null until the consultation has closed and its outcome day has come. Comments are
never readable through the API, except those an editor published with the writer's consent.
"""

from __future__ import annotations

import datetime

import graphene
from django.db.models import Min, Q, QuerySet
from graphql import GraphQLError

from cms.graphql.batching import language_code
from cms.graphql.hijri import hijri_beside, hijri_field
from cms.graphql.page_registry import register_page_type
from cms.graphql.paging import PageInfo, cursor_arguments, paginate
from cms.graphql.richtext import render_rich_text
from cms.graphql.visibility import (
    SUPPORTED_LOCALES,
    resolve_locale,
    unknown_locale_error,
    visible_pages_of_type,
)
from cms.hijri import RIYADH
from consultations import models
from consultations.comments import COMMENT_MAX_LENGTH, submit_comment
from regulations.graphql import label_in, public_document, read_documents_together
from site_pages.graphql import PageInterface

MAX_PAGE_SIZE = 50
MAX_ARGUMENT_LENGTH = 6000

StatusEnum = graphene.Enum.from_enum(models.Status, name="ConsultationStatus")


def _value(choice) -> str | None:
    if choice is None:
        return None
    return getattr(choice, "value", choice)


def with_status(queryset: QuerySet, status, today: datetime.date) -> QuerySet:
    """Only the consultations in this status today (the same rule as `status_on`)."""
    status = _value(status)
    if not status:
        return queryset
    if status == models.Status.UPCOMING:
        return queryset.filter(opens_on__gt=today)
    if status == models.Status.OPEN:
        return queryset.filter(opens_on__lte=today, closes_on__gte=today)
    outcome = Q(outcome_published_on__isnull=False, outcome_published_on__lte=today)
    closed = queryset.filter(closes_on__lt=today)
    if status == models.Status.OUTCOME_PUBLISHED:
        return closed.filter(outcome)
    return closed.exclude(outcome)


def next_status_change() -> datetime.datetime | None:
    """The next midnight in Riyadh at which a live consultation opens, closes or shows its
    outcome: cached answers must not outlive it."""
    today = models.riyadh_today()
    live = models.ConsultationPage.objects.filter(live=True)
    found = live.aggregate(
        opens=Min("opens_on", filter=Q(opens_on__gt=today)),
        closes=Min("closes_on", filter=Q(closes_on__gte=today)),
        outcome=Min("outcome_published_on", filter=Q(outcome_published_on__gt=today)),
    )
    days = [found["opens"], found["outcome"]]
    if found["closes"] is not None:
        days.append(found["closes"] + datetime.timedelta(days=1))  # closes at the day's end
    days = [day for day in days if day is not None]
    if not days:
        return None
    return datetime.datetime.combine(min(days), datetime.time(), tzinfo=RIYADH)


class ConsultationTheme(graphene.ObjectType):
    code = graphene.String(required=True)
    name = graphene.String(required=True)
    comment_count = graphene.Int(required=True)


class ConsultationOutcome(graphene.ObjectType):
    published_on = graphene.Date(required=True)
    published_on_hijri = hijri_field("publishedOn")
    what_we_heard_html = graphene.String(required=True)
    what_changed_html = graphene.String(required=True)
    themes = graphene.List(
        graphene.NonNull(ConsultationTheme),
        required=True,
        description="Comments received by theme, from every channel",
    )
    total_comments = graphene.Int(required=True, description="Sum of the themes' counts")

    @staticmethod
    def resolve_published_on(page, info):
        return page.outcome_published_on

    @staticmethod
    def resolve_published_on_hijri(page, info):
        return hijri_beside(page.outcome_published_on, language_code(page.locale_id))

    @staticmethod
    def resolve_what_we_heard_html(page, info):
        return render_rich_text(page.what_we_heard)

    @staticmethod
    def resolve_what_changed_html(page, info):
        return render_rich_text(page.what_changed)

    @staticmethod
    def resolve_themes(page, info):
        return list(page.themes.all())

    @staticmethod
    def resolve_total_comments(page, info):
        return sum(theme.comment_count for theme in page.themes.all())


class PublishedComment(graphene.ObjectType):
    text = graphene.String(required=True)
    organisation = graphene.String(required=True, description="Empty when none was given")
    language = graphene.String(required=True, description="The language it was written in")
    received_on = graphene.Date(required=True, description="The day in Riyadh")
    received_on_hijri = hijri_field("receivedOn")

    @staticmethod
    def resolve_text(comment, info):
        return comment.comment

    @staticmethod
    def resolve_received_on(comment, info):
        return models.riyadh_today(comment.created_at)

    @staticmethod
    def resolve_received_on_hijri(comment, info):
        return hijri_beside(comment.created_at, comment.language)


class ConsultationPage(graphene.ObjectType):
    summary = graphene.String(required=True)
    affects = graphene.String(required=True, description="Who the draft would apply to")
    draft_html = graphene.String(required=True, description="The text of the draft")
    document_url = graphene.String(required=True, description="Empty when there is no file")
    document_title = graphene.String(required=True)
    opens_on = graphene.Date(required=True, description="First day of comments, in Riyadh")
    opens_on_hijri = hijri_field("opensOn")
    closes_on = graphene.Date(required=True, description="Last day of comments, in Riyadh")
    closes_on_hijri = hijri_field("closesOn")
    consultation_status = graphene.Field(
        StatusEnum, required=True, description="From the dates, today in Riyadh"
    )
    consultation_status_label = graphene.String(required=True)
    accepts_comments = graphene.Boolean(required=True, description="Open today")
    istitlaa_url = graphene.String(
        required=True, description="The same consultation on Istitlaa; empty when none"
    )
    outcome = graphene.Field(
        ConsultationOutcome, description="Null until closed and the outcome is published"
    )
    published_comments = graphene.List(
        graphene.NonNull(PublishedComment),
        required=True,
        description="Comments published by the ministry with their writers' consent, oldest first",
    )

    class Meta:
        interfaces = (PageInterface,)

    @staticmethod
    def resolve_draft_html(page, info):
        return render_rich_text(page.draft)

    @staticmethod
    def resolve_document_url(page, info):
        doc = public_document(page, "draft_document_id")
        return doc.url if doc else ""

    @staticmethod
    def resolve_document_title(page, info):
        doc = public_document(page, "draft_document_id")
        return doc.title if doc else ""

    @staticmethod
    def resolve_opens_on_hijri(page, info):
        return hijri_beside(page.opens_on, language_code(page.locale_id))

    @staticmethod
    def resolve_closes_on_hijri(page, info):
        return hijri_beside(page.closes_on, language_code(page.locale_id))

    @staticmethod
    def resolve_consultation_status(page, info):
        return page.status.value

    @staticmethod
    def resolve_consultation_status_label(page, info):
        return label_in(page, page.status)

    @staticmethod
    def resolve_accepts_comments(page, info):
        return page.status == models.Status.OPEN

    @staticmethod
    def resolve_outcome(page, info):
        return page if page.status == models.Status.OUTCOME_PUBLISHED else None

    @staticmethod
    def resolve_published_comments(page, info):
        read = getattr(page, "published_comments_read", None)
        if read is not None:  # read for the whole list at once (consultation_connection)
            return read.get(page.translation_key, [])
        return published_comments([page]).get(page.translation_key, [])


def published_comments(pages: list) -> dict:
    """The published comments of these consultations, by translation key, oldest first."""
    found: dict = {}
    rows = models.ConsultationComment.objects.filter(
        consultation_key__in={page.translation_key for page in pages},
        published=True,
        consent_to_publish=True,
        moderation=models.Moderation.ACCEPTED,
    ).order_by("created_at", "pk")
    for comment in rows:
        found.setdefault(comment.consultation_key, []).append(comment)
    return found


class ConsultationConnection(graphene.ObjectType):
    total_count = graphene.Int(required=True)
    items = graphene.List(graphene.NonNull(ConsultationPage), required=True)
    page_info = graphene.Field(PageInfo, required=True)


def consultation_connection(queryset, first, after) -> ConsultationConnection:
    found = paginate(
        queryset.prefetch_related("themes"),
        ("-opens_on", "pk"),
        first=first,
        after=after,
        max_size=MAX_PAGE_SIZE,
        default_size=20,
        tag="consultations",
    )
    if found.items:
        comments = _LazyComments(found.items)
        for page in found.items:
            page.published_comments_read = comments
        read_documents_together(found.items, "draft_document_id")
    return ConsultationConnection(
        total_count=queryset.count(), items=found.items, page_info=found.page_info
    )


class _LazyComments:
    """The list's published comments, read once for all its consultations on first use, and
    not at all when the query does not ask for them."""

    def __init__(self, pages: list) -> None:
        self.pages = pages
        self.found: dict | None = None

    def get(self, key, default):
        if self.found is None:
            self.found = published_comments(self.pages)
        return self.found.get(key, default)


def _status_argument():
    return {"status": graphene.Argument(StatusEnum, description="Only those in this status")}


class ConsultationIndexPage(graphene.ObjectType):
    intro = graphene.String(required=True)
    consultations = graphene.Field(
        ConsultationConnection,
        required=True,
        **_status_argument(),
        **cursor_arguments(MAX_PAGE_SIZE, 20),
        description="Newest opening first",
    )

    class Meta:
        interfaces = (PageInterface,)

    @staticmethod
    def resolve_consultations(page, info, first=None, after=None, status=None):
        children = visible_pages_of_type(models.ConsultationPage).child_of(page)
        today = models.riyadh_today()
        return consultation_connection(with_status(children, status, today), first, after)


register_page_type(models.ConsultationIndexPage, ConsultationIndexPage)
register_page_type(
    models.ConsultationPage, ConsultationPage, lambda qs: qs.prefetch_related("themes")
)


class Query:
    consultations = graphene.Field(
        ConsultationConnection,
        required=True,
        locale=graphene.String(default_value="ar", description="ar (default) or en"),
        **_status_argument(),
        **cursor_arguments(MAX_PAGE_SIZE, 20),
        description="Public consultations, newest opening first",
    )

    @staticmethod
    def resolve_consultations(root, info, locale="ar", first=None, after=None, status=None):
        language = resolve_locale(locale)
        pages = visible_pages_of_type(models.ConsultationPage, language)
        today = models.riyadh_today()
        return consultation_connection(with_status(pages, status, today), first, after)


class CommentFieldError(graphene.ObjectType):
    field = graphene.String(
        required=True,
        description="name, email, organisation, comment, or __all__ for the whole form "
        "(a consultation that is not open, or not found)",
    )
    message = graphene.String(required=True, description="In the requested language")

    class Meta:
        name = "ConsultationCommentFieldError"


class SubmitConsultationComment(graphene.Mutation):
    """Comment on an open public consultation. Returns a reference number to quote."""

    class Arguments:
        locale = graphene.String(default_value="ar", description="ar (default) or en")
        consultation = graphene.ID(
            required=True, description="The consultation page's id in this language"
        )
        name = graphene.String(description="Optional")
        email = graphene.String(description="Optional")
        organisation = graphene.String(description="Optional")
        comment = graphene.String(
            required=True, description=f"10 to {COMMENT_MAX_LENGTH} characters"
        )
        consent_to_publish = graphene.Boolean(
            default_value=False,
            description="The writer agrees the comment may be published (without name or e-mail)",
        )
        honeypot = graphene.String(description="Leave empty: a field people never see")

    ok = graphene.Boolean(required=True)
    reference = graphene.String(description="e.g. CON-2026-7KQ4MX2P, when ok")
    errors = graphene.List(graphene.NonNull(CommentFieldError), required=True)

    @staticmethod
    def mutate(
        root,
        info,
        consultation,
        comment,
        locale="ar",
        name=None,
        email=None,
        organisation=None,
        consent_to_publish=False,
        honeypot=None,
    ):
        code = (locale or "ar").strip().lower()
        if code not in SUPPORTED_LOCALES:
            raise unknown_locale_error(code)
        values = {
            "name": name,
            "email": email,
            "organisation": organisation,
            "comment": comment,
            "honeypot": honeypot,
        }
        if any(v is not None and len(v) > MAX_ARGUMENT_LENGTH for v in values.values()):
            raise GraphQLError(
                f"An argument is too long: at most {MAX_ARGUMENT_LENGTH} characters.",
                extensions={"code": "BAD_USER_INPUT"},
            )
        page = None
        if str(consultation).isdigit() and len(str(consultation)) <= 12:
            page = (
                visible_pages_of_type(models.ConsultationPage, resolve_locale(code))
                .filter(pk=int(consultation))
                .first()
            )
        values["consent_to_publish"] = bool(consent_to_publish)
        result = submit_comment(page, values, code)
        return SubmitConsultationComment(
            ok=result.ok,
            reference=result.reference,
            errors=[CommentFieldError(field=f, message=m) for f, m in result.errors],
        )


class Mutation:
    submit_consultation_comment = SubmitConsultationComment.Field()


types = [ConsultationIndexPage, ConsultationPage]
