"""Procurement notices: the ministry's tenders and their awards, with a link to each on Etimad.

A notice is a page (translated, previewed, searched and listed in the sitemap like any other).
Its status is computed, not typed: cancelled when an editor cancels it, awarded once the award
(supplier and value) is recorded, otherwise open until its submission deadline and closed after
it. So a notice closes on time without anyone publishing it again; `next_deadline` tells the
caches when that happens (cms.content_generation.register_scheduled_change).

Deadlines are moments in Riyadh time (the site's TIME_ZONE); the publication date is a day.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Case, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from cms.hijri import riyadh_date
from site_pages.models import BasePage

ETIMAD_HOSTS = ("etimad.sa",)
MIN_YEAR, MAX_YEAR = 2000, 2100


class NoticeType(models.TextChoices):
    PUBLIC_TENDER = "public_tender", _("Public tender")
    LIMITED_TENDER = "limited_tender", _("Limited tender")
    DIRECT_PURCHASE = "direct_purchase", _("Direct purchase")
    FRAMEWORK_AGREEMENT = "framework_agreement", _("Framework agreement")


class Status(models.TextChoices):
    OPEN = "open", _("Open for bids")
    CLOSED = "closed", _("Closed, under evaluation")
    AWARDED = "awarded", _("Awarded")
    CANCELLED = "cancelled", _("Cancelled")


def is_etimad_url(url: str) -> bool:
    """An https address on Etimad (etimad.sa or one of its subdomains)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    return parts.scheme == "https" and any(
        host == allowed or host.endswith("." + allowed) for allowed in ETIMAD_HOSTS
    )


def validate_etimad_url(url: str) -> None:
    if not is_etimad_url(url):
        raise ValidationError(
            _("Give the notice's https address on Etimad (etimad.sa)."), code="not_etimad"
        )


def status_of(
    *,
    cancelled: bool,
    award_value: Decimal | None,
    submission_deadline: datetime.datetime,
    now: datetime.datetime | None = None,
) -> str:
    """The status the rules give; `with_status` says the same in SQL (keep them together).

    The award is known by its value, a synchronised field: an English page whose supplier's
    name is not translated yet is still awarded, as its Arabic page is, not "closed".
    """
    if cancelled:
        return Status.CANCELLED
    if award_value is not None:
        return Status.AWARDED
    return Status.OPEN if submission_deadline > (now or timezone.now()) else Status.CLOSED


def with_status(queryset: QuerySet, now: datetime.datetime | None = None) -> QuerySet:
    """The queryset with `computed_status` annotated, by the rules of `status_of`."""
    return queryset.annotate(
        computed_status=Case(
            When(cancelled=True, then=Value(Status.CANCELLED.value)),
            When(award_value__isnull=False, then=Value(Status.AWARDED.value)),
            When(submission_deadline__gt=now or timezone.now(), then=Value(Status.OPEN.value)),
            default=Value(Status.CLOSED.value),
            output_field=models.CharField(),
        )
    )


def next_deadline() -> datetime.datetime | None:
    """The next moment a live notice closes (open -> closed) by its submission deadline."""
    return (
        ProcurementNoticePage.objects.filter(
            live=True, cancelled=False, award_value=None, submission_deadline__gt=timezone.now()
        )
        .order_by("submission_deadline")
        .values_list("submission_deadline", flat=True)
        .first()
    )


class ProcurementIndexPage(BasePage):
    """The list of notices below it, filtered by type, status and year."""

    intro = models.TextField(_("introduction"), blank=True, max_length=600)

    translatable_fields = BasePage.translatable_fields + [TranslatableField("intro")]
    search_summary_fields = ("search_description", "intro")
    search_fields = BasePage.search_fields
    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    subpage_types = ["procurement.ProcurementNoticePage"]

    class Meta:
        verbose_name = _("procurement notices")


class ProcurementNoticePage(BasePage):
    reference = models.CharField(
        _("reference"),
        max_length=60,
        help_text=_("The competition's reference number, as on Etimad."),
    )
    notice_type = models.CharField(_("type"), max_length=30, choices=NoticeType.choices)
    summary = models.TextField(_("summary"), max_length=600)
    details = RichTextField(
        _("details"), blank=True, features=["h2", "h3", "bold", "italic", "ol", "ul", "link"]
    )
    publication_date = models.DateField(_("publication date"))
    questions_deadline = models.DateTimeField(
        _("deadline for questions"),
        null=True,
        blank=True,
        help_text=_("Riyadh time. Leave empty if bidders may not send questions."),
    )
    submission_deadline = models.DateTimeField(
        _("deadline for bids"), help_text=_("Riyadh time. The notice closes at this moment.")
    )
    opening_at = models.DateTimeField(
        _("opening of bids"), null=True, blank=True, help_text=_("Riyadh time.")
    )
    etimad_url = models.URLField(
        _("Etimad address"),
        max_length=500,
        validators=[validate_etimad_url],
        help_text=_(
            "Where bidders buy the documents and submit bids, e.g. https://tenders.etimad.sa/…"
        ),
    )
    cancelled = models.BooleanField(
        _("cancelled"), default=False, help_text=_("The competition was cancelled.")
    )
    cancellation_reason = models.TextField(_("reason for cancellation"), blank=True, max_length=600)
    awarded_supplier = models.CharField(
        _("awarded supplier"),
        max_length=200,
        blank=True,
        help_text=_("Fill in once the award is decided, with the value."),
    )
    award_value = models.DecimalField(
        _("award value (SAR)"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    award_date = models.DateField(_("award date"), null=True, blank=True)

    translatable_fields = BasePage.translatable_fields + [
        SynchronizedField("reference"),
        SynchronizedField("notice_type"),
        TranslatableField("summary"),
        TranslatableField("details"),
        SynchronizedField("publication_date"),
        SynchronizedField("questions_deadline"),
        SynchronizedField("submission_deadline"),
        SynchronizedField("opening_at"),
        SynchronizedField("etimad_url"),
        SynchronizedField("cancelled"),
        TranslatableField("cancellation_reason"),
        TranslatableField("awarded_supplier"),
        SynchronizedField("award_value"),
        SynchronizedField("award_date"),
    ]
    search_result_type = "procurement_notice"
    search_title_fields = ("title", "reference")
    search_summary_fields = ("search_description", "summary")
    search_body_fields = ("details",)
    search_fields = BasePage.search_fields + [
        index.FilterField("notice_type"),
        index.FilterField("publication_date"),
    ]
    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [FieldPanel("reference"), FieldPanel("notice_type"), FieldPanel("etimad_url")],
            heading=_("Identification"),
        ),
        FieldPanel("summary"),
        FieldPanel("details"),
        MultiFieldPanel(
            [
                FieldPanel("publication_date"),
                FieldPanel("questions_deadline"),
                FieldPanel("submission_deadline"),
                FieldPanel("opening_at"),
            ],
            heading=_("Dates (Riyadh time)"),
        ),
        MultiFieldPanel(
            [FieldPanel("awarded_supplier"), FieldPanel("award_value"), FieldPanel("award_date")],
            heading=_("Award"),
        ),
        MultiFieldPanel(
            [FieldPanel("cancelled"), FieldPanel("cancellation_reason")],
            heading=_("Cancellation"),
        ),
    ]
    parent_page_types = ["procurement.ProcurementIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("procurement notice")

    @property
    def status(self) -> str:
        return status_of(
            cancelled=self.cancelled,
            award_value=self.award_value,
            submission_deadline=self.submission_deadline,
        )

    def clean(self):
        super().clean()
        errors: dict[str, list] = {}

        def error(field: str, message) -> None:
            errors.setdefault(field, []).append(message)

        if self.publication_date and not MIN_YEAR <= self.publication_date.year <= MAX_YEAR:
            error("publication_date", _("Give a date between 2000 and 2100."))
        submission = self.submission_deadline
        if submission and self.publication_date and riyadh_date(submission) < self.publication_date:
            error("submission_deadline", _("The deadline for bids cannot be before publication."))
        questions = self.questions_deadline
        if questions and submission and questions > submission:
            error("questions_deadline", _("Questions must close before the deadline for bids."))
        if questions and self.publication_date and riyadh_date(questions) < self.publication_date:
            error("questions_deadline", _("Questions cannot close before publication."))
        if self.opening_at and submission and self.opening_at < submission:
            error("opening_at", _("Bids cannot be opened before the deadline for bids."))
        awarded = bool(self.awarded_supplier) or self.award_value is not None or self.award_date
        if awarded:
            if not self.awarded_supplier:
                error("awarded_supplier", _("An award needs the supplier's name."))
            if self.award_value is None:
                error("award_value", _("An award needs its value."))
            if self.cancelled:
                error("cancelled", _("A cancelled notice cannot have an award."))
            if submission and submission > timezone.now():
                error(
                    "awarded_supplier",
                    _("A notice cannot be awarded before its deadline for bids."),
                )
            if self.award_date and submission and self.award_date < riyadh_date(submission):
                error("award_date", _("The award cannot come before the deadline for bids."))
        if self.cancellation_reason and not self.cancelled:
            error("cancellation_reason", _("Tick “cancelled” or leave the reason empty."))
        if self.reference:
            same = ProcurementNoticePage.objects.filter(
                reference=self.reference, locale_id=self.locale_id
            ).exclude(translation_key=self.translation_key)
            if same.exists():
                error("reference", _("Another notice has this reference."))
        if errors:
            raise ValidationError(errors)


class NoticeDailyStats(models.Model):
    """How often a notice's page was read on a day, in the language of the page read
    (cms/page_views.py)."""

    notice = models.ForeignKey(
        ProcurementNoticePage,
        verbose_name=_("procurement notice"),
        on_delete=models.CASCADE,
        related_name="daily_stats",
    )
    day = models.DateField(_("day"))
    views = models.PositiveIntegerField(_("page views"), default=0)

    class Meta:
        verbose_name = _("daily procurement notice statistics")
        verbose_name_plural = _("daily procurement notice statistics")
        constraints = [
            models.UniqueConstraint(fields=["notice", "day"], name="one_stats_row_per_notice_day")
        ]
        indexes = [models.Index(fields=["day", "notice"], name="notice_stats_day_idx")]

    def __str__(self) -> str:
        return f"{self.notice_id} {self.day}"
