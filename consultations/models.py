"""Public consultations: a draft the ministry asks the public about, then what it heard.

A consultation is a page (translated, previewed, searched and listed in the sitemap like any
other). Its status is never stored: it follows from its dates, read as whole days in Riyadh
(`status_on`), so a consultation closes at midnight Riyadh time without anyone publishing it.
Comments are records of their own (`ConsultationComment`), stored before anything else happens
and tied to the consultation by translation key, so a comment sent on the English page and one
sent on the Arabic page belong to the same consultation, and deleting a page loses no comment.
"""

from __future__ import annotations

import datetime
import secrets

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from cms.hijri import riyadh_date
from site_pages.models import BasePage

TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link"]


class Status(models.TextChoices):
    UPCOMING = "upcoming", _("Upcoming")
    OPEN = "open", _("Open for comments")
    CLOSED = "closed", _("Closed")
    OUTCOME_PUBLISHED = "outcome_published", _("Outcome published")


def riyadh_today(now: datetime.datetime | None = None) -> datetime.date:
    """Today in Riyadh: a consultation's dates are days there, whatever the server's zone."""
    return riyadh_date(now or timezone.now())


class ConsultationIndexPage(BasePage):
    intro = models.TextField(_("introduction"), blank=True, max_length=600)

    translatable_fields = BasePage.translatable_fields + [TranslatableField("intro")]
    search_summary_fields = ("search_description", "intro")
    search_fields = BasePage.search_fields
    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    subpage_types = ["consultations.ConsultationPage"]

    class Meta:
        verbose_name = _("public consultations")


class ConsultationPage(BasePage):
    summary = models.TextField(_("summary"), max_length=600)
    affects = models.TextField(
        _("who it affects"),
        max_length=600,
        help_text=_("The people, businesses or bodies the draft would apply to."),
    )
    draft = RichTextField(_("text of the draft"), features=TEXT_FEATURES)
    draft_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("file of the draft"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    opens_on = models.DateField(
        _("opens on"), help_text=_("Comments are accepted from the start of this day, Riyadh time.")
    )
    closes_on = models.DateField(
        _("closes on"),
        help_text=_("Comments are accepted until the end of this day, Riyadh time."),
    )
    istitlaa_url = models.URLField(
        _("address on the Istitlaa platform"),
        blank=True,
        help_text=_(
            "Optional: the same consultation on the national platform istitlaa.ncc.gov.sa."
        ),
    )
    outcome_published_on = models.DateField(
        _("outcome published on"),
        null=True,
        blank=True,
        help_text=_("Leave empty until the outcome is ready; it is shown from this day on."),
    )
    what_we_heard = RichTextField(_("what we heard"), blank=True, features=TEXT_FEATURES)
    what_changed = RichTextField(_("what changed"), blank=True, features=TEXT_FEATURES)

    translatable_fields = BasePage.translatable_fields + [
        TranslatableField("summary"),
        TranslatableField("affects"),
        TranslatableField("draft"),
        SynchronizedField("draft_document"),
        SynchronizedField("opens_on"),
        SynchronizedField("closes_on"),
        SynchronizedField("istitlaa_url"),
        SynchronizedField("outcome_published_on"),
        TranslatableField("what_we_heard"),
        TranslatableField("what_changed"),
        TranslatableField("themes"),
    ]
    search_result_type = "consultation"
    search_summary_fields = ("search_description", "summary")
    search_body_fields = ("affects", "draft")
    search_fields = BasePage.search_fields + [
        index.FilterField("opens_on"),
        index.FilterField("closes_on"),
    ]
    content_panels = BasePage.content_panels + [
        FieldPanel("summary"),
        FieldPanel("affects"),
        MultiFieldPanel(
            [FieldPanel("opens_on"), FieldPanel("closes_on"), FieldPanel("istitlaa_url")],
            heading=_("Dates"),
        ),
        MultiFieldPanel(
            [FieldPanel("draft"), FieldPanel("draft_document")], heading=_("The draft")
        ),
        MultiFieldPanel(
            [
                FieldPanel("outcome_published_on"),
                FieldPanel("what_we_heard"),
                FieldPanel("what_changed"),
                InlinePanel("themes", heading=_("Comments by theme"), label=_("Theme")),
            ],
            heading=_("Outcome"),
        ),
    ]
    parent_page_types = ["consultations.ConsultationIndexPage"]
    subpage_types: list[str] = []  # so `<url>comment/` can never be another page's address

    class Meta:
        verbose_name = _("public consultation")

    def status_on(self, today: datetime.date) -> Status:
        if today < self.opens_on:
            return Status.UPCOMING
        if today <= self.closes_on:
            return Status.OPEN
        if self.outcome_published_on is not None and self.outcome_published_on <= today:
            return Status.OUTCOME_PUBLISHED
        return Status.CLOSED

    @property
    def status(self) -> Status:
        return self.status_on(riyadh_today())

    def clean(self):
        super().clean()
        errors = {}
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            errors["closes_on"] = _("The closing day cannot be before the opening day.")
        if self.outcome_published_on and self.closes_on:
            if self.outcome_published_on <= self.closes_on:
                errors["outcome_published_on"] = _(
                    "The outcome can only be published after the consultation closes."
                )
            elif not self.what_we_heard:
                errors["what_we_heard"] = _("Write what you heard before publishing the outcome.")
        if errors:
            raise ValidationError(errors)


class ConsultationTheme(TranslatableMixin, Orderable):
    """A theme of the comments received, with how many there were (from this site, Istitlaa
    and any other channel: the policy team counts them when it analyses the comments)."""

    page = ParentalKey(ConsultationPage, related_name="themes", on_delete=models.CASCADE)
    code = models.SlugField(
        _("code"), max_length=40, help_text=_("Short and stable, e.g. fees; moderators use it.")
    )
    name = models.CharField(_("theme"), max_length=120)
    comment_count = models.PositiveIntegerField(_("number of comments"), default=0)

    translatable_fields = [
        SynchronizedField("code"),
        TranslatableField("name"),
        SynchronizedField("comment_count"),
    ]
    panels = [FieldPanel("code"), FieldPanel("name"), FieldPanel("comment_count")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]
        verbose_name = _("theme")


# Crockford-style alphabet without 0/O, 1/I/L and U, as enquiries use: easy to read out.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
REFERENCE_RANDOM_LENGTH = 8


def new_reference(now: datetime.datetime | None = None) -> str:
    """CON-<year>-<8 random characters>: unique by constraint, not guessable from another."""
    year = (now or timezone.now()).year
    code = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_RANDOM_LENGTH))
    return f"CON-{year}-{code}"


class Moderation(models.TextChoices):
    NEW = "new", _("New")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected (abusive or off topic)")


class ConsultationComment(models.Model):
    reference = models.CharField(_("reference"), max_length=24, unique=True, editable=False)
    # The consultation in every language: its pages share this key. The page itself may be
    # deleted one day; the comment and the title it was sent on stay.
    consultation_key = models.UUIDField(_("consultation"), db_index=True, editable=False)
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("sent on page"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    consultation_title = models.CharField(_("consultation title"), max_length=255, editable=False)
    language = models.CharField(
        _("language"), max_length=2, choices=[("ar", "العربية"), ("en", "English")]
    )
    name = models.CharField(_("name"), max_length=120, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    comment = models.TextField(_("comment"), max_length=5000)
    consent_to_publish = models.BooleanField(
        _("agreed to publication"),
        default=False,
        help_text=_(
            "The commenter agreed that the comment may be published, without name or e-mail."
        ),
    )
    moderation = models.CharField(
        _("moderation"),
        max_length=16,
        choices=Moderation.choices,
        default=Moderation.NEW,
        db_index=True,
    )
    theme = models.SlugField(_("theme code"), max_length=40, blank=True)
    published = models.BooleanField(
        _("published on the site"),
        default=False,
        help_text=_("Only an accepted comment whose writer agreed can be published."),
    )
    moderator_notes = models.TextField(_("moderator notes"), blank=True)
    created_at = models.DateTimeField(_("received at"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("consultation comment")
        verbose_name_plural = _("consultation comments")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(published=False)
                | models.Q(consent_to_publish=True, moderation="accepted"),
                name="consultation_comment_published_with_consent",
            )
        ]

    def __str__(self) -> str:
        return self.reference

    def save(self, *args, **kwargs):
        if not self.reference:
            self.reference = new_reference(self.created_at)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.published and not self.consent_to_publish:
            raise ValidationError(
                {"published": _("The writer did not agree to publication of this comment.")}
            )
        if self.published and self.moderation != Moderation.ACCEPTED:
            raise ValidationError({"published": _("Accept the comment before publishing it.")})


class ConsultationDailyStats(models.Model):
    """How often a consultation's page was read on a day, in the language of the page read
    (cms/page_views.py). Comments received per day are read from the comments themselves."""

    consultation = models.ForeignKey(
        ConsultationPage,
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="daily_stats",
    )
    day = models.DateField(_("day"))
    views = models.PositiveIntegerField(_("page views"), default=0)

    class Meta:
        verbose_name = _("daily consultation statistics")
        verbose_name_plural = _("daily consultation statistics")
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "day"], name="one_stats_row_per_consultation_day"
            )
        ]
        indexes = [models.Index(fields=["day", "consultation"], name="consultation_stats_day_idx")]

    def __str__(self) -> str:
        return f"{self.consultation_id} {self.day}"
