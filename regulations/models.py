"""The library of laws, regulations and circulars the ministry applies.

A regulation is a page (translated, previewed, searched and listed in the sitemap like any
other); its versions are explicit records with their own text, file and effective date (not
Wagtail's revisions), each with a stable citation address: `<regulation url>versions/<n>/`.
Links to other regulations and to the services a regulation governs are stored on the
regulation, so the service model is untouched; the service page shows them through GraphQL.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from site_pages.models import BasePage


class Instrument(models.TextChoices):
    ROYAL_DECREE = "royal_decree", _("Royal decree")
    COUNCIL_OF_MINISTERS = "council_of_ministers", _("Council of Ministers decision")
    MINISTERIAL = "ministerial", _("Ministerial decision")
    CIRCULAR = "circular", _("Circular")


class Status(models.TextChoices):
    IN_FORCE = "in_force", _("In force")
    AMENDED = "amended", _("In force, amended")
    REPEALED = "repealed", _("Repealed")


# schema.org legislationLegalForce
LEGAL_FORCE = {
    Status.IN_FORCE: "https://schema.org/InForce",
    Status.AMENDED: "https://schema.org/InForce",
    Status.REPEALED: "https://schema.org/NotInForce",
}


class RegulationIndexPage(BasePage):
    intro = models.TextField(_("introduction"), blank=True, max_length=600)

    translatable_fields = BasePage.translatable_fields + [TranslatableField("intro")]
    search_summary_fields = ("search_description", "intro")
    search_fields = BasePage.search_fields
    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    subpage_types = ["regulations.RegulationPage"]

    class Meta:
        verbose_name = _("laws and regulations library")


class RegulationPage(BasePage):
    number = models.CharField(
        _("number"), max_length=60, help_text=_("As issued, e.g. M/128 or 1234.")
    )
    instrument = models.CharField(_("issued by"), max_length=30, choices=Instrument.choices)
    issued_on = models.DateField(
        _("date issued"), help_text=_("Gregorian; the Hijri date is shown beside it.")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.IN_FORCE
    )
    summary = models.TextField(_("summary"), max_length=600)

    translatable_fields = BasePage.translatable_fields + [
        SynchronizedField("number"),
        SynchronizedField("instrument"),
        SynchronizedField("issued_on"),
        SynchronizedField("status"),
        TranslatableField("summary"),
        TranslatableField("versions"),
        SynchronizedField("relations"),
        SynchronizedField("governed_services"),
    ]
    search_result_type = "regulation"
    search_title_fields = ("title", "number")
    search_summary_fields = ("search_description", "summary")
    search_body_fields = ("versions_text",)
    search_fields = BasePage.search_fields + [
        index.FilterField("instrument"),
        index.FilterField("status"),
        index.FilterField("issued_on"),
    ]
    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("number"),
                FieldPanel("instrument"),
                FieldPanel("issued_on"),
                FieldPanel("status"),
            ],
            heading=_("Identification"),
        ),
        FieldPanel("summary"),
        InlinePanel("versions", heading=_("Versions"), label=_("Version"), min_num=1),
        InlinePanel(
            "relations", heading=_("Regulations it amends or repeals"), label=_("Relation")
        ),
        InlinePanel("governed_services", heading=_("Services it governs"), label=_("Service")),
    ]
    parent_page_types = ["regulations.RegulationIndexPage"]
    subpage_types: list[str] = []  # so `<url>versions/<n>/` can never be another page's address

    class Meta:
        verbose_name = _("regulation")

    def versions_text(self) -> str:
        return " ".join(f"{v.label} {v.text}" for v in self.versions.all())

    def clean(self):
        super().clean()
        numbers = [v.number for v in self.versions.all()]
        if len(numbers) != len(set(numbers)):
            raise ValidationError(_("Two versions have the same number."))


class RegulationVersion(TranslatableMixin, Orderable):
    page = ParentalKey(RegulationPage, related_name="versions", on_delete=models.CASCADE)
    number = models.PositiveSmallIntegerField(
        _("version number"), help_text=_("1 for the original text; part of the citation address.")
    )
    label = models.CharField(_("label"), max_length=120, help_text=_("e.g. Original text"))
    effective_from = models.DateField(_("in effect from"))
    text = RichTextField(_("text"), features=["h2", "h3", "bold", "italic", "ol", "ul", "link"])
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("file"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    translatable_fields = [
        SynchronizedField("number"),
        TranslatableField("label"),
        SynchronizedField("effective_from"),
        TranslatableField("text"),
        SynchronizedField("document"),
    ]
    panels = [
        FieldPanel("number"),
        FieldPanel("label"),
        FieldPanel("effective_from"),
        FieldPanel("text"),
        FieldPanel("document"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]
        verbose_name = _("version")


class RelationKind(models.TextChoices):
    AMENDS = "amends", _("Amends")
    REPEALS = "repeals", _("Repeals")
    IMPLEMENTS = "implements", _("Implements")


class RegulationRelation(Orderable):
    """This regulation amends, repeals or implements another (shown on both)."""

    page = ParentalKey(RegulationPage, related_name="relations", on_delete=models.CASCADE)
    kind = models.CharField(_("relation"), max_length=20, choices=RelationKind.choices)
    # A generic page FK (the chooser limits it to regulations): a typed FK cannot be translated
    # by wagtail-localize (architecture.md). The page in the reader's language is found by its
    # translation key when read.
    target = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("regulation"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("kind"), PageChooserPanel("target", "regulations.RegulationPage")]


class GovernedService(Orderable):
    """A service this regulation governs: the service's legal basis links here, and back."""

    page = ParentalKey(RegulationPage, related_name="governed_services", on_delete=models.CASCADE)
    service = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("service"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [PageChooserPanel("service", "services_catalog.ServicePage")]


class RegulationDailyStats(models.Model):
    """How often a regulation was read on a day, in the language of the page read: version 0
    is the regulation's own page, version n the citation address of its version n."""

    regulation = models.ForeignKey(
        RegulationPage,
        verbose_name=_("regulation"),
        on_delete=models.CASCADE,
        related_name="daily_stats",
    )
    version = models.PositiveSmallIntegerField(_("version"), default=0)
    day = models.DateField(_("day"))
    views = models.PositiveIntegerField(_("page views"), default=0)

    class Meta:
        verbose_name = _("daily regulation statistics")
        verbose_name_plural = _("daily regulation statistics")
        constraints = [
            models.UniqueConstraint(
                fields=["regulation", "version", "day"], name="one_stats_row_per_regulation_day"
            )
        ]
        indexes = [models.Index(fields=["day", "regulation"], name="regulation_stats_day_idx")]

    def __str__(self) -> str:
        return f"{self.regulation_id} v{self.version} {self.day}"
