"""StreamField blocks of a service record: ordered lists editors reorder by dragging.

They hold no chooser of pages or images, so reading a list of services costs no extra query per
service. Text blocks are translated by wagtail-localize; times, days and flags are copied.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

from services_catalog.models.choices import WEEKDAY_CODES, WEEKDAYS
from site_pages.blocks import CheckedStructBlock

ANSWER_FEATURES = ["bold", "italic", "ol", "ul", "link"]


class RequiredDocumentBlock(blocks.StructBlock):
    name = blocks.CharBlock(max_length=200, label=_("Document"))
    description = blocks.TextBlock(
        required=False,
        max_length=500,
        label=_("Details"),
        help_text=_("Which version, who issues it, copies needed."),
    )
    optional = blocks.BooleanBlock(
        required=False,
        label=_("Only in some cases"),
        help_text=_("Tick if the document is needed only in some cases; say which in the details."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Required document")


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=200, label=_("Step"))
    description = blocks.TextBlock(required=False, max_length=800, label=_("What to do"))

    class Meta:
        icon = "list-ol"
        label = _("Step")


class FaqBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=250, label=_("Question"))
    answer = blocks.RichTextBlock(features=ANSWER_FEATURES, label=_("Answer"))

    class Meta:
        icon = "help"
        label = _("Question and answer")


class LegalBasisBlock(CheckedStructBlock):
    """A law, regulation or decision the service rests on: a document, a link, or both."""

    title = blocks.CharBlock(max_length=250, label=_("Title of the law or decision"))
    document = DocumentChooserBlock(required=False, label=_("Document"))
    url = blocks.URLBlock(required=False, label=_("Link"))

    def field_errors(self, value) -> dict[str, ValidationError]:
        if not value.get("document") and not value.get("url"):
            return {"url": ValidationError(_("Attach the document or give a link to it."))}
        return {}

    class Meta:
        icon = "doc-full-inverse"
        label = _("Legal basis")


class OpeningHoursBlock(CheckedStructBlock):
    first_day = blocks.ChoiceBlock(choices=WEEKDAYS, default="sunday", label=_("From day"))
    last_day = blocks.ChoiceBlock(choices=WEEKDAYS, default="thursday", label=_("To day"))
    opens = blocks.TimeBlock(label=_("Opens"))
    closes = blocks.TimeBlock(label=_("Closes"))

    def field_errors(self, value) -> dict[str, ValidationError]:
        errors = {}
        if WEEKDAY_CODES.index(value["last_day"]) < WEEKDAY_CODES.index(value["first_day"]):
            errors["last_day"] = ValidationError(
                _("The last day comes before the first day of the week (Sunday first).")
            )
        if value.get("opens") and value.get("closes") and value["closes"] <= value["opens"]:
            errors["closes"] = ValidationError(_("Closing time must be after opening time."))
        return errors

    class Meta:
        icon = "time"
        label = _("Opening hours")


class DocumentsStreamBlock(blocks.StreamBlock):
    document = RequiredDocumentBlock()


class StepsStreamBlock(blocks.StreamBlock):
    step = StepBlock()


class FaqStreamBlock(blocks.StreamBlock):
    faq = FaqBlock()


class LegalBasisStreamBlock(blocks.StreamBlock):
    legal_basis = LegalBasisBlock()


class OpeningHoursStreamBlock(blocks.StreamBlock):
    period = OpeningHoursBlock()
