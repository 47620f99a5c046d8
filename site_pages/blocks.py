"""StreamField blocks built for accessibility: each refuses content a screen reader can't use."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from cms import accessibility

# Rich text in the body: no h1 (the page title is the only h1), no raw embeds or colours.
PARAGRAPH_FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link"]

# The rules and their messages live in cms/accessibility.py.


class CheckedStructBlock(blocks.StructBlock):
    """A StructBlock with rules across its fields: `field_errors` returns the errors by field name,
    and the editor sees them all at once, each under its field."""

    def field_errors(self, value) -> dict[str, ValidationError]:
        return {}

    def clean(self, value):
        value = super().clean(value)
        errors = self.field_errors(value)
        if errors:
            raise blocks.StructBlockValidationError(block_errors=errors)
        return value


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=200, label=_("Heading text"))
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Level 2")), ("h3", _("Level 3")), ("h4", _("Level 4"))],
        default="h2",
        label=_("Level"),
        help_text=_("Use levels in order: h2 for sections, h3 inside an h2, h4 inside an h3."),
    )

    class Meta:
        icon = "title"
        label = _("Heading")


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", PARAGRAPH_FEATURES)
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        accessibility.check_rich_text(value.source if value else "")
        return value

    class Meta:
        icon = "pilcrow"
        label = _("Paragraph")


class AccessibleImageBlock(CheckedStructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        required=False,
        max_length=250,
        label=_("Alternative text"),
        help_text=_("Describe what the image shows for people who cannot see it."),
    )
    decorative = blocks.BooleanBlock(
        required=False,
        label=_("Decorative only"),
        help_text=_(
            "Tick only if the image adds no information; it is then hidden from screen readers."
        ),
    )
    caption = blocks.CharBlock(required=False, max_length=250, label=_("Caption"))

    def field_errors(self, value) -> dict[str, ValidationError]:
        if not value.get("decorative") and not (value.get("alt_text") or "").strip():
            message = _("Write alternative text, or mark the image as decorative.")
            return {"alt_text": ValidationError(message)}
        if not value.get("decorative"):
            problem = accessibility.alt_text_problem(value.get("alt_text"))
            if problem:
                return {"alt_text": ValidationError(problem)}
        return {}

    class Meta:
        icon = "image"
        label = _("Image")


class AccessibleTableBlock(TableBlock):
    """A data table: a caption and a header row are required (WCAG 1.3.1)."""

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return value
        errors = []
        if not (value.get("table_caption") or "").strip():
            errors.append(_("Give the table a caption that says what it contains."))
        if not value.get("first_row_is_table_header"):
            errors.append(_("Make the first row the table's header row."))
        if errors:
            raise ValidationError(errors)
        return value

    # wagtail-localize skips blocks it does not know, so a translated page would keep the
    # source language's table: offer the caption and each cell holding words for translation
    # (cells of figures alone stay synchronised).
    def get_translatable_segments(self, value) -> list:
        from wagtail_localize.segments import StringSegmentValue

        if not value:
            return []
        segments = []
        if (value.get("table_caption") or "").strip():
            segments.append(StringSegmentValue("caption", value["table_caption"]))
        for r, row in enumerate(value.get("data") or []):
            for c, cell in enumerate(row or []):
                if cell and any(ch.isalpha() for ch in str(cell)):
                    segments.append(StringSegmentValue(f"cell-{r}-{c}", str(cell)))
        return segments

    def restore_translated_segments(self, value, segments):
        value = dict(value or {})
        data = [list(row or []) for row in value.get("data") or []]
        for segment in segments:
            text = segment.render_text()
            if segment.path == "caption":
                value["table_caption"] = text
            elif segment.path.startswith("cell-"):
                _cell, row, column = segment.path.split("-")
                data[int(row)][int(column)] = text
        value["data"] = data
        return value

    class Meta:
        icon = "table"
        label = _("Table")


class AccordionItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=250, label=_("Question or title"))
    answer = ParagraphBlock(label=_("Answer"))

    class Meta:
        icon = "help"
        label = _("Item")


class AccordionBlock(blocks.StructBlock):
    title = blocks.CharBlock(required=False, max_length=200, label=_("Title"))
    items = blocks.ListBlock(AccordionItemBlock(), min_num=1, label=_("Items"))

    class Meta:
        icon = "list-ul"
        label = _("Accordion / FAQ")


def enquiry_topic_choices() -> list[tuple[str, str]]:
    from site_pages.models.enquiries import EnquiryTopic

    return EnquiryTopic.choices  # the block adds the empty choice


def is_contact_centre(page) -> bool:
    from site_pages.models import ContactCentrePage

    return page is not None and issubclass(page.specific_class, ContactCentrePage)


class CallToActionBlock(CheckedStructBlock):
    text = blocks.CharBlock(
        max_length=120,
        label=_("Link text"),
        help_text=_("Say where the link goes or what it does, e.g. 'Apply for a loan exemption'."),
    )
    page = blocks.PageChooserBlock(required=False, label=_("Page"))
    url = blocks.URLBlock(required=False, label=_("External address"))
    enquiry_topic = blocks.ChoiceBlock(
        choices=enquiry_topic_choices,
        required=False,
        label=_("Topic chosen in the enquiry form"),
        help_text=_(
            "With the contact-centre page chosen above: the link opens its enquiry form with "
            "this topic already chosen, e.g. a right-to-information request."
        ),
    )
    description = blocks.TextBlock(required=False, max_length=300, label=_("Description"))

    def field_errors(self, value) -> dict[str, ValidationError]:
        errors = {}
        problem = accessibility.link_text_problem(value.get("text"))
        if problem:
            errors["text"] = ValidationError(problem)
        if bool(value.get("page")) == bool(value.get("url")):
            errors["page"] = ValidationError(_("Choose either a page or an external address."))
        if value.get("enquiry_topic") and not is_contact_centre(value.get("page")):
            errors["enquiry_topic"] = ValidationError(
                _("A topic can only be chosen for a link to the contact-centre page.")
            )
        return errors

    class Meta:
        icon = "link"
        label = _("Call to action")


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        required=False,
        max_length=200,
        label=_("Link text"),
        help_text=_("Leave empty to use the document's title."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Document link")


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(max_length=1000, label=_("Quote"))
    attribution = blocks.CharBlock(required=False, max_length=200, label=_("Attribution"))

    class Meta:
        icon = "openquote"
        label = _("Quote")


class AccessibleEmbedBlock(blocks.StructBlock):
    embed = EmbedBlock(label=_("Address of the video or media"))
    title = blocks.CharBlock(
        max_length=200,
        label=_("Title"),
        help_text=_("Required: screen readers announce it for the embedded frame."),
    )

    class Meta:
        icon = "media"
        label = _("Embed")


class BodyStreamBlock(blocks.StreamBlock):
    """A page body; its headings must run in order (cms/accessibility.py)."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = AccessibleImageBlock()
    table = AccessibleTableBlock()
    accordion = AccordionBlock()
    call_to_action = CallToActionBlock()
    document_link = DocumentLinkBlock()
    quote = QuoteBlock()
    embed = AccessibleEmbedBlock()

    def clean(self, value):
        # The heading order is checked even when a block has errors of its own, so the editor
        # sees every problem at once.
        try:
            cleaned = super().clean(value)
        except blocks.StreamBlockValidationError as error:
            block_errors, non_block_errors = dict(error.block_errors), error.non_block_errors
            cleaned = None
        else:
            block_errors, non_block_errors = {}, None
        positions = [i for i, child in enumerate(value) if child.block_type == "heading"]
        levels = [int(str(value[i].value.get("level") or "h2")[1:]) for i in positions]
        for index, message in accessibility.heading_problems(levels).items():
            block_errors.setdefault(
                positions[index],
                blocks.StructBlockValidationError(block_errors={"level": ValidationError(message)}),
            )
        if block_errors or non_block_errors:
            raise blocks.StreamBlockValidationError(
                block_errors=block_errors, non_block_errors=non_block_errors
            )
        return cleaned


class ServiceFamilyBlock(blocks.StructBlock):
    """A family of e-services shown on the home page as text and an optional link."""

    title = blocks.CharBlock(max_length=120, label=_("Title"))
    description = blocks.TextBlock(max_length=300, label=_("Description"))
    page = blocks.PageChooserBlock(required=False, label=_("Page"))
    category = SnippetChooserBlock(
        "services_catalog.ServiceCategory",
        required=False,
        label=_("Category"),
        help_text=_("Without a page, the card links to the catalogue filtered by this category."),
    )

    class Meta:
        icon = "list-ul"
        label = _("Service family")


class FeaturedStreamBlock(blocks.StreamBlock):
    service_family = ServiceFamilyBlock()
    call_to_action = CallToActionBlock()
