"""The ministry as an institution: its organisation structure and leadership, and the list of
related government entities.

People and units are StreamField blocks (a unit holds its people), so wagtail-localize translates
names, roles, descriptions and alternative text as segments while photos stay synchronised, and a
person's unit is where the editor put them, with no cross-reference to keep in step. A unit may
belong to another unit of the page, named by its code (institution/structure.py: a tree).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from cms import accessibility
from institution.structure import structure_errors
from reviews.models import ReviewedPageMixin
from site_pages.blocks import BodyStreamBlock, CheckedStructBlock
from site_pages.models.base import BasePage


class PersonBlock(CheckedStructBlock):
    name = blocks.CharBlock(max_length=120, label=_("Name"))
    role = blocks.CharBlock(max_length=160, label=_("Role"))
    photo = ImageChooserBlock(required=False, label=_("Photo"))
    photo_alt = blocks.CharBlock(
        required=False,
        max_length=250,
        label=_("Photo alternative text"),
        help_text=_("Required with a photo: describe the person as the photo shows them."),
    )
    biography = blocks.TextBlock(required=False, max_length=800, label=_("Short biography"))

    def field_errors(self, value) -> dict[str, ValidationError]:
        if not value.get("photo"):
            return {}
        alt = (value.get("photo_alt") or "").strip()
        if not alt:
            return {
                "photo_alt": ValidationError(_("Describe the photo for people who cannot see it."))
            }
        problem = accessibility.alt_text_problem(alt)
        return {"photo_alt": ValidationError(problem)} if problem else {}

    class Meta:
        icon = "user"
        label = _("Person")


class UnitCodeBlock(blocks.RegexBlock):
    """A short code in Latin letters, the same in every language."""

    def __init__(self, **kwargs):
        super().__init__(
            regex=r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
            max_length=40,
            required=False,
            error_messages={
                "invalid": _("Use small Latin letters, digits and hyphens, e.g. public-finance.")
            },
            **kwargs,
        )

    # Not offered for translation: a unit's parent is named by code, so the codes must stay the
    # source's in every language (wagtail-localize keeps what no segment covers).
    def get_translatable_segments(self, value) -> list:
        return []

    def restore_translated_segments(self, value, segments):
        return value


class UnitBlock(blocks.StructBlock):
    name = blocks.CharBlock(max_length=160, label=_("Unit name"))
    code = UnitCodeBlock(
        label=_("Code"),
        help_text=_(
            "Short, in Latin letters and the same in every language, e.g. public-finance. "
            "Needed only by a unit that other units belong to."
        ),
    )
    parent = UnitCodeBlock(
        label=_("Belongs to"),
        help_text=_(
            "The code of the unit on this page that this one belongs to; empty for a unit at "
            "the top of the structure."
        ),
    )
    description = blocks.TextBlock(required=False, max_length=800, label=_("What it does"))
    people = blocks.ListBlock(PersonBlock(), required=False, label=_("People"))

    class Meta:
        icon = "group"
        label = _("Unit")


class UnitsBlock(blocks.StreamBlock):
    """The units of one page: each may belong to another unit of the page (a tree, see
    institution.structure), checked whenever the page is saved."""

    unit = UnitBlock()

    def clean(self, value):
        value = super().clean(value)
        errors = structure_errors([child.value for child in value])
        if errors:
            raise blocks.StreamBlockValidationError(
                block_errors={
                    index: blocks.StructBlockValidationError(
                        block_errors={
                            name: ValidationError(message) for name, message in fields.items()
                        }
                    )
                    for index, fields in errors.items()
                }
            )
        return value


class OrganisationPage(ReviewedPageMixin, BasePage):
    """Organisation structure and leadership: leaders first, then the units in the order given."""

    intro = models.TextField(_("introduction"), blank=True, max_length=800)
    leadership = StreamField([("person", PersonBlock())], blank=True, verbose_name=_("leadership"))
    units = StreamField(
        UnitsBlock(),
        blank=True,
        verbose_name=_("units"),
        help_text=_(
            "Give a unit the code of the unit it belongs to under “Belongs to”: the site shows "
            "the units as a tree, each under its parent, in the order given here."
        ),
    )
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("more information"))

    translatable_fields = BasePage.translatable_fields + [
        TranslatableField("intro"),
        TranslatableField("leadership"),
        TranslatableField("units"),
        TranslatableField("body"),
        SynchronizedField("review_owner"),
    ]
    search_summary_fields = ("search_description", "intro")
    search_body_fields = ("leadership", "units", "body")
    search_fields = BasePage.search_fields
    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("leadership"),
        FieldPanel("units"),
        FieldPanel("body"),
    ]
    settings_panels = BasePage.settings_panels + ReviewedPageMixin.review_panels
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("organisation structure page")


class GovernmentEntitiesPage(BasePage):
    """The list of related government entities (the snippet), in the page's language."""

    intro = models.TextField(_("introduction"), blank=True, max_length=800)

    translatable_fields = BasePage.translatable_fields + [TranslatableField("intro")]
    search_summary_fields = ("search_description", "intro")
    search_fields = BasePage.search_fields
    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("government entities page")


https_only = URLValidator(schemes=["https"], message=_("Enter an address starting with https://."))


class GovernmentEntity(TranslatableMixin, models.Model):
    """A related government body the ministry links to (a managed list, not links in text)."""

    name = models.CharField(_("name"), max_length=160)
    url = models.URLField(_("website address"), max_length=300, validators=[https_only])
    description = models.TextField(_("description"), blank=True, max_length=400)
    sort_order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Smaller numbers come first.")
    )

    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        SynchronizedField("url"),
        SynchronizedField("sort_order"),
    ]
    panels = [
        FieldPanel("name"),
        FieldPanel("url"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("government entity")
        verbose_name_plural = _("government entities")
        ordering = ["sort_order", "pk"]

    def __str__(self) -> str:
        return self.name
