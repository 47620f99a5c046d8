"""Public page types of the ministry site."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from cms.accessibility import alt_text_problem
from reviews.models import ReviewedPageMixin
from site_pages.blocks import BodyStreamBlock, FeaturedStreamBlock
from site_pages.models.base import BasePage


class HomePage(BasePage):
    hero_title = models.CharField(_("hero title"), max_length=160)
    hero_text = models.TextField(_("hero text"), blank=True, max_length=600)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    featured_title = models.CharField(_("featured services heading"), max_length=120, blank=True)
    featured = StreamField(FeaturedStreamBlock(), blank=True, verbose_name=_("featured services"))
    # A generic page FK (the chooser limits it to contact-centre pages): wagtail-localize assigns
    # the translated target as a plain Page, which a typed FK refuses.
    contact_centre_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("contact centre page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contact_centre_teaser = models.TextField(_("contact centre teaser"), blank=True, max_length=400)
    news_count = models.PositiveSmallIntegerField(_("number of latest news items"), default=3)

    translatable_fields = BasePage.translatable_fields + [
        TranslatableField("hero_title"),
        TranslatableField("hero_text"),
        SynchronizedField("hero_image"),
        TranslatableField("featured_title"),
        TranslatableField("featured"),
        TranslatableField("contact_centre_teaser"),
        TranslatableField("contact_centre_page"),  # points at the page in the same language
        SynchronizedField("news_count"),
    ]
    search_summary_fields = ("search_description", "hero_title", "hero_text")
    search_fields = BasePage.search_fields
    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [FieldPanel("hero_title"), FieldPanel("hero_text"), FieldPanel("hero_image")],
            heading=_("Hero"),
        ),
        MultiFieldPanel(
            [FieldPanel("featured_title"), FieldPanel("featured")], heading=_("Featured services")
        ),
        MultiFieldPanel(
            [
                PageChooserPanel("contact_centre_page", "site_pages.ContactCentrePage"),
                FieldPanel("contact_centre_teaser"),
            ],
            heading=_("Contact centre teaser"),
        ),
        FieldPanel("news_count"),
    ]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = None

    class Meta:
        verbose_name = _("home page")


class StandardPage(ReviewedPageMixin, BasePage):
    intro = models.TextField(_("introduction"), blank=True, max_length=600)
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))

    translatable_fields = BasePage.translatable_fields + [
        TranslatableField("intro"),
        TranslatableField("body"),
        SynchronizedField("review_owner"),
    ]
    search_summary_fields = ("search_description", "intro")
    search_body_fields = ("body",)
    search_fields = BasePage.search_fields
    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    settings_panels = BasePage.settings_panels + ReviewedPageMixin.review_panels

    class Meta:
        verbose_name = _("standard page")


class NewsIndexPage(BasePage):
    intro = models.TextField(_("introduction"), blank=True, max_length=600)

    translatable_fields = BasePage.translatable_fields + [TranslatableField("intro")]
    search_summary_fields = ("search_description", "intro")
    search_fields = BasePage.search_fields
    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    subpage_types = ["site_pages.NewsArticlePage"]

    class Meta:
        verbose_name = _("news index page")


class NewsArticlePage(BasePage):
    date = models.DateField(_("date"), default=timezone.localdate)
    summary = models.TextField(_("summary"), max_length=400)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        _("image alternative text"),
        max_length=250,
        blank=True,
        help_text=_("Describe what the image shows. Required when an image is chosen."),
    )
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))

    translatable_fields = BasePage.translatable_fields + [
        SynchronizedField("date"),
        TranslatableField("summary"),
        SynchronizedField("image"),
        TranslatableField("image_alt"),
        TranslatableField("body"),
    ]
    search_result_type = "news"
    search_summary_fields = ("search_description", "summary")
    search_body_fields = ("body",)
    search_fields = BasePage.search_fields + [index.FilterField("date")]
    content_panels = BasePage.content_panels + [
        FieldPanel("date"),
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Image")),
        FieldPanel("body"),
    ]
    parent_page_types = ["site_pages.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("news article")
        ordering = ["-date"]

    def clean(self):
        super().clean()
        if self.image_id and not self.image_alt.strip():
            raise ValidationError(
                {"image_alt": _("Describe the image for people who cannot see it.")}
            )
        problem = alt_text_problem(self.image_alt) if self.image_id else None
        if problem:
            raise ValidationError({"image_alt": problem})


class ContactCentrePage(ReviewedPageMixin, BasePage):
    """The unified contact centre: channels are structured fields, not free text."""

    intro = models.TextField(_("introduction"), blank=True, max_length=800)
    phone_number = models.CharField(_("phone number"), max_length=20, default="19990")
    email = models.EmailField(_("care e-mail address"))
    social_account = models.CharField(
        _("social-media care account"), max_length=50, default="@MofCare"
    )
    social_url = models.URLField(_("social account address"), blank=True)
    serves_individuals = models.BooleanField(_("serves individuals"), default=True)
    serves_public_bodies = models.BooleanField(_("serves public-sector bodies"), default=True)
    serves_private_bodies = models.BooleanField(_("serves private-sector bodies"), default=True)
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("more information"))

    translatable_fields = BasePage.translatable_fields + [
        TranslatableField("intro"),
        SynchronizedField("phone_number"),
        SynchronizedField("email"),
        SynchronizedField("social_account"),
        SynchronizedField("social_url"),
        SynchronizedField("serves_individuals"),
        SynchronizedField("serves_public_bodies"),
        SynchronizedField("serves_private_bodies"),
        TranslatableField("body"),
        SynchronizedField("review_owner"),
    ]
    search_summary_fields = ("search_description", "intro", "phone_number", "social_account")
    search_body_fields = ("email", "body")
    search_fields = BasePage.search_fields
    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("phone_number"),
                FieldPanel("email"),
                FieldPanel("social_account"),
                FieldPanel("social_url"),
            ],
            heading=_("Channels"),
        ),
        InlinePanel("working_hours", heading=_("Working hours"), label=_("Period")),
        MultiFieldPanel(
            [
                FieldPanel("serves_individuals"),
                FieldPanel("serves_public_bodies"),
                FieldPanel("serves_private_bodies"),
            ],
            heading=_("Who it serves"),
        ),
        FieldPanel("body"),
    ]
    settings_panels = BasePage.settings_panels + ReviewedPageMixin.review_panels

    class Meta:
        verbose_name = _("contact centre page")

    @property
    def audiences(self) -> list[str]:
        served = [
            ("individuals", self.serves_individuals),
            ("public_bodies", self.serves_public_bodies),
            ("private_bodies", self.serves_private_bodies),
        ]
        return [name for name, yes in served if yes]


WEEKDAYS = [
    (0, _("Sunday")),
    (1, _("Monday")),
    (2, _("Tuesday")),
    (3, _("Wednesday")),
    (4, _("Thursday")),
    (5, _("Friday")),
    (6, _("Saturday")),
]
# schema.org day names, for open data and JSON-LD.
SCHEMA_ORG_DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]


class WorkingHours(Orderable):
    page = ParentalKey(ContactCentrePage, related_name="working_hours", on_delete=models.CASCADE)
    first_day = models.PositiveSmallIntegerField(_("from day"), choices=WEEKDAYS)
    last_day = models.PositiveSmallIntegerField(_("to day"), choices=WEEKDAYS)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    panels = [
        FieldPanel("first_day"),
        FieldPanel("last_day"),
        FieldPanel("opens"),
        FieldPanel("closes"),
    ]

    def clean(self):
        if self.opens and self.closes and self.closes <= self.opens:
            raise ValidationError({"closes": _("Closing time must be after opening time.")})

    @property
    def day_names(self) -> list[str]:
        days = (
            range(self.first_day, self.last_day + 1)
            if self.first_day <= self.last_day
            else [
                *range(self.first_day, 7),
                *range(0, self.last_day + 1),
            ]
        )
        return [SCHEMA_ORG_DAYS[d] for d in days]
