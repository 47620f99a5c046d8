"""The catalogue index page and one page per e-service.

Services are pages (not snippets): each needs a public URL that outlives the service itself, drafts,
moderation, preview, revisions and wagtail-localize's page translation; docs/services-catalogue.md
gives the reasoning.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    PageChooserPanel,
    TabbedInterface,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from cms.accessibility import rich_text_errors
from reviews.models import ReviewedPageMixin
from services_catalog import blocks
from services_catalog.models.choices import (
    Audience,
    ChannelKind,
    Currency,
    LifeEvent,
    ServiceStatus,
)
from services_catalog.models.fields import ChoiceSetField
from services_catalog.validation import (
    SERVICE_CODE_MAX_LENGTH,
    SUMMARY_MAX_LENGTH,
    normalise_service_code,
    parse_duration,
    validate_https_url,
    validate_iso_duration,
    validate_service_code,
)
from site_pages.models import BasePage

RICH_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link"]
CONTACT_CENTRE_PHONE = "19990"


def _synchronised(*names: str) -> list[SynchronizedField]:
    """Codes, URLs, costs and durations: copied to translations, never translated."""
    return [SynchronizedField(name, overridable=False) for name in names]


class ServiceIndexPage(BasePage):
    """The catalogue: lists the services below it (the API filters them by category and audience)."""

    intro = models.TextField(_("introduction"), blank=True, max_length=600)

    translatable_fields = BasePage.translatable_fields + [TranslatableField("intro")]
    # The searchable mixin indexes the introduction's prepared text with the summary weight.
    search_summary_fields = ("search_description", "intro")
    search_fields = BasePage.search_fields
    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["site_pages.HomePage"]
    subpage_types = ["services_catalog.ServicePage"]

    class Meta:
        verbose_name = _("services catalogue")


class ServicePage(ReviewedPageMixin, BasePage):
    """One e-service, after CPSV-AP and schema.org GovernmentService. The title is its name."""

    code = models.CharField(
        _("service code"),
        max_length=SERVICE_CODE_MAX_LENGTH,
        db_index=True,
        help_text=_("Stable identifier, e.g. MOF-IND-001. It cannot change once published."),
    )
    summary = models.CharField(
        _("summary"),
        max_length=SUMMARY_MAX_LENGTH,
        help_text=_("One sentence for cards and search results, at most 160 characters."),
    )
    description = RichTextField(_("description"), blank=True, features=RICH_TEXT_FEATURES)
    keywords = models.CharField(
        _("keywords"),
        max_length=300,
        blank=True,
        help_text=_("Words visitors may search with, separated by commas."),
    )
    category = models.ForeignKey(
        "services_catalog.ServiceCategory",
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="services",
    )
    audiences = ChoiceSetField(
        _("who it is for"), member_choices=Audience.choices, blank=False, max_length=100
    )
    life_event = models.CharField(
        _("life event"), max_length=40, choices=LifeEvent.choices, blank=True
    )
    eligibility = RichTextField(_("who can apply"), blank=True, features=RICH_TEXT_FEATURES)
    documents = StreamField(
        blocks.DocumentsStreamBlock(), blank=True, verbose_name=_("required documents")
    )
    steps = StreamField(blocks.StepsStreamBlock(), blank=True, verbose_name=_("steps"))

    is_free = models.BooleanField(_("free of charge"), default=True)
    cost_amount = models.DecimalField(
        _("fee"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    cost_currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.SAR
    )
    cost_note = models.CharField(
        _("about the fee"),
        max_length=200,
        blank=True,
        help_text=_("E.g. per certificate, or who is exempt."),
    )
    processing_time = models.CharField(
        _("processing time"),
        max_length=30,
        blank=True,
        validators=[validate_iso_duration],
        help_text=_("ISO 8601 duration: P5D is five days, PT2H two hours, P1M one month."),
    )

    online_channel = models.BooleanField(_("online"), default=True)
    online_url = models.URLField(
        _("online start address"),
        max_length=500,
        blank=True,
        validators=[validate_https_url],
        help_text=_("Where 'Start the service' leads; must begin with https://."),
    )
    phone_channel = models.BooleanField(_("through the contact centre"), default=True)
    phone_number = models.CharField(
        _("contact centre number"), max_length=20, default=CONTACT_CENTRE_PHONE
    )
    office_channel = models.BooleanField(_("at an office"), default=False)
    office_address = models.TextField(_("office address"), blank=True, max_length=400)
    office_hours = StreamField(
        blocks.OpeningHoursStreamBlock(), blank=True, verbose_name=_("office hours")
    )

    output = models.TextField(
        _("what you receive"),
        blank=True,
        max_length=600,
        help_text=_("The result of the service, e.g. an exemption letter or a payment."),
    )
    department = models.CharField(_("competent department"), max_length=200)
    legal_basis = StreamField(
        blocks.LegalBasisStreamBlock(), blank=True, verbose_name=_("legal basis")
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ServiceStatus.choices,
        default=ServiceStatus.AVAILABLE,
        db_index=True,
    )
    status_note = models.TextField(
        _("status note"),
        blank=True,
        max_length=600,
        help_text=_(
            "Required when the service is suspended or withdrawn: say why and what to do instead."
        ),
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(
        _("contact telephone"), max_length=20, blank=True, default=CONTACT_CENTRE_PHONE
    )
    faqs = StreamField(blocks.FaqStreamBlock(), blank=True, verbose_name=_("questions and answers"))
    last_reviewed = models.DateField(_("last reviewed"), default=timezone.localdate)

    translatable_fields = (
        BasePage.translatable_fields
        + [
            TranslatableField("summary"),
            TranslatableField("description"),
            TranslatableField("keywords"),
            TranslatableField("category"),
            TranslatableField("eligibility"),
            TranslatableField("documents"),
            TranslatableField("steps"),
            TranslatableField("cost_note"),
            TranslatableField("office_address"),
            TranslatableField("output"),
            TranslatableField("department"),
            TranslatableField("legal_basis"),
            TranslatableField("status_note"),
            TranslatableField("faqs"),
        ]
        + _synchronised(
            "code",
            "audiences",
            "life_event",
            "is_free",
            "cost_amount",
            "cost_currency",
            "processing_time",
            "online_channel",
            "online_url",
            "phone_channel",
            "phone_number",
            "office_channel",
            "office_hours",
            "status",
            "contact_email",
            "contact_phone",
            "last_reviewed",
            "review_owner",
            "related_services",
        )
    )

    # The site search (search.indexing): weights, result type, exact-code and category facets.
    search_result_type = "service"
    search_title_fields = ("title", "code")
    search_summary_fields = ("summary", "keywords", "category", "search_description")
    search_body_fields = (
        "description",
        "eligibility",
        "documents",
        "steps",
        "faqs",
        "output",
        "department",
    )
    search_code_field = "code"
    search_category_field = "category"

    @classmethod
    def search_audience_q(cls, audience: str):
        from services_catalog.models.fields import has_member

        return has_member("audiences", audience)

    # The text fields above are indexed, prepared, by BasePage's searchable mixin; raw copies
    # here would only enlarge the index and add a boost value that shifts PostgreSQL's weights.
    search_fields = BasePage.search_fields + [
        index.FilterField("code"),
        index.FilterField("status"),
        index.FilterField("category"),
        index.FilterField("audiences"),
        index.FilterField("life_event"),
    ]

    content_panels = BasePage.content_panels + [
        FieldRowPanel([FieldPanel("code"), FieldPanel("category")]),
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("keywords"),
        FieldRowPanel([FieldPanel("audiences"), FieldPanel("life_event")]),
        FieldPanel("department"),
        FieldPanel("output"),
    ]
    requirements_panels = [
        FieldPanel("eligibility"),
        FieldPanel("documents"),
        FieldPanel("steps"),
        MultiFieldPanel(
            [
                FieldPanel("is_free"),
                FieldRowPanel([FieldPanel("cost_amount"), FieldPanel("cost_currency")]),
                FieldPanel("cost_note"),
            ],
            heading=_("Cost"),
        ),
        FieldPanel("processing_time"),
        FieldPanel("legal_basis"),
    ]
    channel_panels = [
        MultiFieldPanel(
            [FieldPanel("online_channel"), FieldPanel("online_url")], heading=_("Online")
        ),
        MultiFieldPanel(
            [FieldPanel("phone_channel"), FieldPanel("phone_number")],
            heading=_("Contact centre"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("office_channel"),
                FieldPanel("office_address"),
                FieldPanel("office_hours"),
            ],
            heading=_("Office"),
        ),
        MultiFieldPanel(
            [FieldPanel("contact_email"), FieldPanel("contact_phone")],
            heading=_("Contact point for questions"),
        ),
    ]
    status_panels = [
        FieldPanel("status"),
        FieldPanel("status_note"),
        FieldPanel("last_reviewed"),
        *ReviewedPageMixin.review_panels,
        FieldPanel("faqs"),
        InlinePanel("related_services", heading=_("Related services"), label=_("Service")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Service")),
            ObjectList(requirements_panels, heading=_("Requirements")),
            ObjectList(channel_panels, heading=_("Channels")),
            ObjectList(status_panels, heading=_("Status and help")),
            ObjectList(BasePage.promote_panels, heading=_("Promote")),
            ObjectList(BasePage.settings_panels, heading=_("Settings")),
        ]
    )

    parent_page_types = ["services_catalog.ServiceIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        indexes = [
            # Counts and lists of listed services, per category or all, read these indexes, not
            # the wide service rows. The page id is in them for PostgreSQL's index-only scans
            # (SQLite's indexes hold the row id anyway): counting 10,000 services there took
            # 23 ms through the rows, 5 ms through the index.
            models.Index(
                fields=["category", "status", "page_ptr"], name="service_category_status_idx"
            ),
            models.Index(fields=["status", "page_ptr"], name="service_status_page_idx"),
            # The site search reads each match's category from this index alone (facets).
            models.Index(fields=["page_ptr", "category"], name="service_category_idx"),
        ]
        constraints = [
            # The catalogue counts a status's services as all services less those in the other
            # statuses (services_catalog.graphql.count_in_statuses): every row must be in one.
            models.CheckConstraint(
                condition=models.Q(status__in=ServiceStatus.values), name="service_status_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    # -- derived values used by the API and the open data ---------------------------------------

    @property
    def name(self) -> str:
        return self.title

    @property
    def keyword_list(self) -> list[str]:
        return [word.strip() for word in (self.keywords or "").split(",") if word.strip()]

    @property
    def channel_kinds(self) -> list[str]:
        kinds = [
            (ChannelKind.ONLINE, self.online_channel and bool(self.online_url)),
            (ChannelKind.PHONE, self.phone_channel and bool(self.phone_number)),
            (ChannelKind.OFFICE, self.office_channel and bool(self.office_address)),
        ]
        return [str(kind) for kind, offered in kinds if offered]

    @property
    def processing_days(self) -> float | None:
        duration = parse_duration(self.processing_time)
        return duration.approximate_days() if duration else None

    # -- validation -----------------------------------------------------------------------------

    def clean(self):
        super().clean()
        self.code = normalise_service_code(self.code)
        errors: dict[str, list] = {}

        def add(field: str, message) -> None:
            errors.setdefault(field, []).append(message)

        stored = self._stored()
        self._clean_code(add, stored)
        if self.summary and not self.summary.strip():
            add("summary", _("Write a one-sentence summary."))
        # An alias (wagtail-localize's tree sync) mirrors its source, category included, until
        # an editor translates it.
        if (
            self.category_id
            and self.locale_id
            and not self.alias_of_id
            and self.category.locale_id != self.locale_id
        ):
            add("category", _("Choose the category in this page's language."))
        self._clean_cost(add)
        self._clean_channels(add)
        self._clean_status(add, stored)
        for name, problems in rich_text_errors(self, ("description", "eligibility")).items():
            for problem in problems:
                add(name, problem)
        if self.last_reviewed and self.last_reviewed > timezone.localdate():
            add("last_reviewed", _("The review date cannot be in the future."))
        if errors:
            raise ValidationError(errors)

    def _stored(self) -> ServicePage | None:
        if not self.pk:
            return None
        return ServicePage.objects.filter(pk=self.pk).only("code", "slug", "status").first()

    def _clean_code(self, add, stored: ServicePage | None) -> None:
        if not self.code:
            return  # the required-field message is already there
        try:
            validate_service_code(self.code)
        except ValidationError as error:
            add("code", error.messages[0])
            return
        same_code = ServicePage.objects.filter(code=self.code)
        if self.translation_key:
            same_code = same_code.exclude(translation_key=self.translation_key)
        if same_code.exists():
            add("code", _("Another service already uses this code. Each service needs its own."))
        if stored and stored.code != self.code and self.first_published_at:
            add(
                "code",
                _(
                    "The code of a published service cannot change: portals, open data and "
                    "statistics refer to it. It was %(code)s."
                )
                % {"code": stored.code},
            )

    def _clean_cost(self, add) -> None:
        if self.is_free and self.cost_amount:
            add("cost_amount", _("A free service has no fee: clear the amount or untick 'free'."))
        if not self.is_free and not self.cost_amount:
            add("cost_amount", _("Give the fee, or tick 'free of charge'."))

    def _clean_channels(self, add) -> None:
        # The https:// rule is the field's own validator: repeating it here showed it twice.
        if self.online_channel and not self.online_url:
            add("online_url", _("An online channel needs its https start address."))
        if self.phone_channel and not self.phone_number:
            add("phone_number", _("Give the contact centre number, e.g. 19990."))
        if self.office_channel and not self.office_address.strip():
            add("office_address", _("An office channel needs the office address."))
        if self.status == ServiceStatus.AVAILABLE and not (
            self.online_channel or self.phone_channel or self.office_channel
        ):
            add("online_channel", _("An available service needs at least one channel."))

    def _clean_status(self, add, stored: ServicePage | None) -> None:
        needs_note = (ServiceStatus.SUSPENDED, ServiceStatus.WITHDRAWN)
        if self.status in needs_note and not self.status_note.strip():
            add(
                "status_note",
                _("Say why the service is suspended or withdrawn, and what to do instead."),
            )
        if stored and self.status == ServiceStatus.WITHDRAWN and stored.slug != self.slug:
            add(
                "slug",
                _("A withdrawn service keeps its address so old links still explain it."),
            )


class RelatedService(Orderable):
    """A link to another service; translations show the target in their own language."""

    page = ParentalKey(ServicePage, related_name="related_services", on_delete=models.CASCADE)
    target = models.ForeignKey(
        ServicePage,
        verbose_name=_("service"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [PageChooserPanel("target", "services_catalog.ServicePage")]

    class Meta(Orderable.Meta):
        verbose_name = _("related service")

    def clean(self):
        super().clean()
        if self.target_id and self.page_id and self.target_id == self.page_id:
            raise ValidationError({"target": _("A service cannot be related to itself.")})
