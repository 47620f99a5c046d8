"""Content that stays current: who owns a page's facts, when they were last checked, when next.

A page type that states facts (services, the contact centre, standard pages) mixes in
`ReviewedPageMixin`: an owner (a user group, e.g. a department) and the date its facts were last
confirmed. Its "review by" date is that date plus the review interval (the service category's,
else `CONTENT_REVIEW_DEFAULT_MONTHS`). `ReviewStatus` keeps one row per reviewed page with those
dates worked out, so the report, the dashboard and the reminders read one small table
(reviews/status.py keeps it true). "Confirm still correct" writes a `ContentReview` and moves
`last_reviewed` on the live page without a revision (reviews/actions.py); a reminder sent is a
`ReviewReminder` row, unique per page, review date and kind, so none is sent twice.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

DEFAULT_INTERVAL_MONTHS = 6
MAX_INTERVAL_MONTHS = 36


def add_months(day: datetime.date, months: int) -> datetime.date:
    """`day` plus whole months; the 31st becomes the month's last day when it has none."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover: the 28th exists in every month


def default_interval_months() -> int:
    return int(getattr(settings, "CONTENT_REVIEW_DEFAULT_MONTHS", DEFAULT_INTERVAL_MONTHS))


class ReviewIntervalMixin(models.Model):
    """For service categories: how often the facts of their services are checked."""

    review_interval_months = models.PositiveSmallIntegerField(
        _("review every (months)"),
        default=DEFAULT_INTERVAL_MONTHS,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_INTERVAL_MONTHS)],
        help_text=_("How often the information of this category's services must be confirmed."),
    )

    class Meta:
        abstract = True


class ReviewedPageMixin(models.Model):
    """A page whose facts have an owner and a review date (see the module's docstring)."""

    review_owner = models.ForeignKey(
        "auth.Group",
        verbose_name=_("content owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The group (e.g. a department) that keeps this page's information correct and "
            "receives the review reminders."
        ),
    )
    # Set by "Confirm still correct" (and by editors on services); empty: never confirmed, the
    # first publication counts.
    last_reviewed = models.DateField(_("last reviewed"), null=True, blank=True, editable=False)

    review_panels = [FieldPanel("review_owner")]

    class Meta:
        abstract = True

    def review_interval(self) -> int:
        category = getattr(self, "category", None) if hasattr(self, "category_id") else None
        months = getattr(category, "review_interval_months", None)
        return months or default_interval_months()

    def reviewed_on(self) -> datetime.date | None:
        """The date the facts were last confirmed (the first publication if never)."""
        if self.last_reviewed:
            return self.last_reviewed
        first = self.first_published_at
        # In the site's time zone (Riyadh): a page first published at 00:30 there is still 21:30
        # the day before in UTC.
        return timezone.localdate(first) if first else None

    def review_by(self) -> datetime.date | None:
        reviewed = self.reviewed_on()
        return add_months(reviewed, self.review_interval()) if reviewed else None


class ReviewStatus(models.Model):
    """One reviewed page's review dates, worked out (reviews/status.py keeps it up to date)."""

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    locale = models.ForeignKey("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+")
    owner = models.ForeignKey(
        "auth.Group", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    category_slug = models.CharField(max_length=80, blank=True, db_index=True)
    live = models.BooleanField(default=True)
    last_reviewed = models.DateField(null=True)
    review_by = models.DateField(null=True, db_index=True)

    class Meta:
        verbose_name = _("review status")
        verbose_name_plural = _("review statuses")

    def __str__(self) -> str:
        return f"page {self.page_id}: review by {self.review_by}"


class ContentReview(models.Model):
    """A confirmation that a page's information is still correct: who and when."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(auto_now_add=True)
    was_due = models.DateField(null=True, help_text="The review-by date it answered")

    class Meta:
        verbose_name = _("content review")
        verbose_name_plural = _("content reviews")
        ordering = ["-reviewed_at"]

    def __str__(self) -> str:
        return f"page {self.page_id} reviewed {self.reviewed_at:%Y-%m-%d}"


class ReviewReminder(models.Model):
    """A reminder sent (or being sent): at most one per page, review date and kind."""

    WEEK_BEFORE, ON_THE_DAY = "week", "due"
    KINDS = [(WEEK_BEFORE, "a week before"), (ON_THE_DAY, "on the day")]

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    review_by = models.DateField()
    kind = models.CharField(max_length=4, choices=KINDS)
    recipients = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["page", "review_by", "kind"], name="one_review_reminder_per_date"
            )
        ]

    def __str__(self) -> str:
        return f"page {self.page_id}: {self.kind} reminder for {self.review_by}"
