"""The publications library: a library page, publications with their files and HTML versions."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from cms.hijri import to_hijri
from publications.extraction import inspect_file
from site_pages.blocks import BodyStreamBlock
from site_pages.models.base import BasePage

# The eight documents of the Open Budget Survey, then the ministry's other publications.
BUDGET_DOCUMENT_TYPES = (
    ("pre_budget_statement", _("Pre-budget statement")),
    ("executive_budget_proposal", _("Executive's budget proposal")),
    ("enacted_budget", _("Enacted budget")),
    ("citizens_budget", _("Citizens budget")),
    ("in_year_report", _("In-year report")),
    ("mid_year_review", _("Mid-year review")),
    ("year_end_report", _("Year-end report")),
    ("audit_report", _("Audit report")),
)
OTHER_TYPES = (
    ("annual_report", _("Annual report")),
    ("statistical_bulletin", _("Statistical bulletin")),
    ("circular", _("Circular")),
    ("guide", _("Guide")),
    ("other", _("Other publication")),
)
PUBLICATION_TYPES = BUDGET_DOCUMENT_TYPES + OTHER_TYPES
BUDGET_DOCUMENTS = frozenset(value for value, _label in BUDGET_DOCUMENT_TYPES)
FILE_LANGUAGES = (("ar", _("Arabic")), ("en", _("English")))
MIN_FISCAL_YEAR = 1990
MAX_FISCAL_YEAR = 2100


def type_slug(value: str) -> str:
    """The type as it appears in addresses: /publications/type/enacted-budget/."""
    return value.replace("_", "-")


def type_from_slug(slug: str) -> str | None:
    value = (slug or "").replace("-", "_")
    return value if value in dict(PUBLICATION_TYPES) else None


def type_label(value: str) -> str:
    return str(dict(PUBLICATION_TYPES).get(value, value))


def hijri_years(year: int) -> tuple[int, int] | None:
    """The Hijri years a Gregorian fiscal year (1 January - 31 December) spans."""
    first = to_hijri(datetime.date(year, 1, 1))
    last = to_hijri(datetime.date(year, 12, 31))
    if first is None or last is None:
        return None
    return first.year, last.year


def fiscal_year_validators():
    return [MinValueValidator(MIN_FISCAL_YEAR), MaxValueValidator(MAX_FISCAL_YEAR)]


class PublicationIndexPage(BasePage):
    """The library: every publication below it, filtered by type, year and language."""

    intro = models.TextField(_("introduction"), blank=True, max_length=600)

    translatable_fields = BasePage.translatable_fields + [TranslatableField("intro")]
    search_summary_fields = ("search_description", "intro")
    search_fields = BasePage.search_fields
    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    subpage_types = ["publications.PublicationPage", "publications.BudgetYearPage"]

    class Meta:
        verbose_name = _("publications library")


class PublicationPage(BasePage):
    publication_type = models.CharField(
        _("type"), max_length=40, choices=PUBLICATION_TYPES, default="other"
    )
    fiscal_year = models.PositiveSmallIntegerField(
        _("fiscal year"),
        validators=fiscal_year_validators(),
        help_text=_("The Gregorian year the fiscal year starts in, e.g. 2025."),
    )
    publication_date = models.DateField(_("publication date"), default=timezone.localdate)
    summary = models.TextField(_("summary"), max_length=600)
    html_version = StreamField(
        BodyStreamBlock(),
        blank=True,
        verbose_name=_("accessible HTML version"),
        help_text=_(
            "The document as a web page: headings and tables with captions. Required for the "
            "eight budget documents: a PDF alone cannot be read by many visitors."
        ),
    )

    translatable_fields = BasePage.translatable_fields + [
        SynchronizedField("publication_type"),
        SynchronizedField("fiscal_year"),
        SynchronizedField("publication_date"),
        TranslatableField("summary"),
        TranslatableField("html_version"),
        SynchronizedField("files"),
    ]
    search_result_type = "publication"
    search_summary_fields = ("search_description", "summary", "search_type_words")
    search_body_fields = ("html_version", "search_file_text")
    search_fields = BasePage.search_fields + [
        index.FilterField("publication_type"),
        index.FilterField("fiscal_year"),
        index.FilterField("publication_date"),
    ]
    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("publication_type"),
                FieldPanel("fiscal_year"),
                FieldPanel("publication_date"),
            ],
            heading=_("Publication"),
        ),
        FieldPanel("summary"),
        InlinePanel("files", heading=_("Files"), label=_("File")),
        FieldPanel("html_version"),
    ]
    parent_page_types = ["publications.PublicationIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("publication")
        ordering = ["-publication_date"]

    @property
    def is_budget_document(self) -> bool:
        return self.publication_type in BUDGET_DOCUMENTS

    @property
    def search_rank_bonus(self) -> float:
        """Among results that match alike, the budget documents come first (search.ranking)."""
        return 5.0 if self.is_budget_document else 0.0

    def search_type_words(self) -> str:
        """The type's name in the page's language (and "budget document" for the eight), so
        a search for "budget" or «الميزانية» finds the budget documents by their kind."""
        from django.utils import translation

        language = self.locale.language_code if self.locale_id else "ar"
        with translation.override(language):
            words = [type_label(self.publication_type)]
            if self.is_budget_document:
                words.append(str(_("Budget document")))
            return " ".join(words)

    def search_file_text(self) -> str:
        """Text extracted from the files in the page's language."""
        language = self.locale.language_code if self.locale_id else "ar"
        return "\n".join(f.text for f in self.files.all() if f.language == language and f.text)

    def clean(self):
        super().clean()
        if self.publication_date and self.fiscal_year:
            if abs(self.publication_date.year - self.fiscal_year) > 2:
                raise ValidationError(
                    {
                        "publication_date": _(
                            "The publication date is far from the fiscal year: check both."
                        )
                    }
                )


class PublicationFile(Orderable):
    """One downloadable file of a publication: a Wagtail document with its language and facts.

    Format, size, page count and text are read from the document when the page is saved.
    """

    page = ParentalKey(PublicationPage, related_name="files", on_delete=models.CASCADE)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    language = models.CharField(_("language"), max_length=2, choices=FILE_LANGUAGES, default="ar")
    file_format = models.CharField(_("format"), max_length=8, editable=False, blank=True)
    size_bytes = models.PositiveIntegerField(_("size in bytes"), editable=False, default=0)
    page_count = models.PositiveIntegerField(_("pages"), editable=False, null=True, blank=True)
    text = models.TextField(_("extracted text"), editable=False, blank=True)

    panels = [FieldPanel("document"), FieldPanel("language")]

    class Meta(Orderable.Meta):
        verbose_name = _("publication file")

    def inspect(self) -> None:
        """Read the document's facts; ValidationError when it cannot be published."""
        document = self.document
        with document.open_file() as handle:
            data = handle.read()
        found = inspect_file(document.file.name, data)
        self.file_format = found.file_format
        self.size_bytes = found.size_bytes
        self.page_count = found.page_count
        self.text = found.text

    def clean(self):
        super().clean()
        if self.document_id:
            try:
                self.inspect()
            except ValidationError as error:
                raise ValidationError({"document": error.messages}) from None

    def save(self, *args, **kwargs):
        if self.document_id and not self.file_format:
            self.inspect()
        super().save(*args, **kwargs)


LINE_KINDS = (("revenue", _("Revenue")), ("expenditure", _("Expenditure")))


class BudgetYearPage(BasePage):
    """The budget of one fiscal year: headline figures as structured data, not images.

    Revenue and expenditure are the sums of their lines (by source and by sector); the balance
    is revenue less expenditure (a surplus when positive, a deficit when negative).
    """

    fiscal_year = models.PositiveSmallIntegerField(
        _("fiscal year"),
        validators=fiscal_year_validators(),
        help_text=_("The Gregorian year the fiscal year starts in, e.g. 2025."),
    )
    intro = models.TextField(_("introduction"), blank=True, max_length=800)
    is_sample_data = models.BooleanField(
        _("sample data"),
        default=False,
        help_text=_("Marks the figures as illustrative on the page and in the open data."),
    )
    unit_note = models.CharField(
        _("unit"), max_length=80, blank=True, help_text=_("How the amounts are counted.")
    )

    translatable_fields = BasePage.translatable_fields + [
        SynchronizedField("fiscal_year"),
        TranslatableField("intro"),
        SynchronizedField("is_sample_data"),
        TranslatableField("unit_note"),
        TranslatableField("lines"),
    ]
    search_result_type = "page"
    search_summary_fields = ("search_description", "intro")
    search_body_fields = ("search_line_text",)
    search_fields = BasePage.search_fields + [index.FilterField("fiscal_year")]
    content_panels = BasePage.content_panels + [
        FieldPanel("fiscal_year"),
        FieldPanel("intro"),
        FieldPanel("unit_note"),
        FieldPanel("is_sample_data"),
        InlinePanel("lines", heading=_("Figures"), label=_("Line"), min_num=2),
    ]
    parent_page_types = ["publications.PublicationIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("budget year")
        ordering = ["-fiscal_year"]

    def search_line_text(self) -> str:
        return " ".join(line.label for line in self.lines.all())


class BudgetLine(TranslatableMixin, Orderable):
    """One figure of a budget year, in millions of riyals: a revenue source or a sector."""

    page = ParentalKey(BudgetYearPage, related_name="lines", on_delete=models.CASCADE)
    kind = models.CharField(_("kind"), max_length=12, choices=LINE_KINDS)
    label = models.CharField(_("label"), max_length=120)
    amount = models.DecimalField(
        _("amount"),
        max_digits=12,
        decimal_places=0,
        validators=[MinValueValidator(0)],
        help_text=_("Millions of riyals."),
    )

    translatable_fields = [
        SynchronizedField("kind"),
        TranslatableField("label"),
        SynchronizedField("amount"),
    ]
    panels = [FieldPanel("kind"), FieldPanel("label"), FieldPanel("amount")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("budget line")
        unique_together = [("translation_key", "locale")]


class PublicationDownloadStats(models.Model):
    """Downloads of one publication file on one day, counted through a buffer in memory
    (publications.kpi), never with a database write in the visitor's request."""

    file = models.ForeignKey(PublicationFile, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    downloads = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("publication downloads")
        constraints = [
            models.UniqueConstraint(fields=["file", "day"], name="one_download_row_per_file_day")
        ]

    def __str__(self) -> str:
        return f"{self.file_id} {self.day}: {self.downloads}"
