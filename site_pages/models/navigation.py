"""Translatable main and footer menus, and site-wide settings."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.models import Orderable, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField


class Menu(TranslatableMixin, ClusterableModel):
    MAIN = "main"
    FOOTER = "footer"
    SLOTS = [(MAIN, _("Main menu")), (FOOTER, _("Footer menu"))]

    slot = models.CharField(_("where it appears"), max_length=20, choices=SLOTS)
    title = models.CharField(_("title"), max_length=100)

    translatable_fields = [
        TranslatableField("title"),
        SynchronizedField("slot"),
        TranslatableField("items"),
    ]
    panels = [FieldPanel("slot"), FieldPanel("title"), InlinePanel("items", label=_("Item"))]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("menu")
        verbose_name_plural = _("menus")
        constraints = [
            models.UniqueConstraint(fields=["slot", "locale"], name="one_menu_per_slot_and_locale")
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.locale.language_code})"


class MenuItem(TranslatableMixin, Orderable):
    menu = ParentalKey(Menu, related_name="items", on_delete=models.CASCADE)
    label = models.CharField(
        _("label"), max_length=80, blank=True, help_text=_("Leave empty to use the page title.")
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    url = models.URLField(_("external address"), blank=True)

    translatable_fields = [
        TranslatableField("label"),
        TranslatableField("page"),  # points at the page in the same language
        SynchronizedField("url"),
    ]
    panels = [FieldPanel("label"), FieldPanel("page"), FieldPanel("url")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]

    def clean(self):
        if bool(self.page_id) == bool(self.url):
            raise ValidationError(_("Choose either a page or an external address."))
        if self.url and not self.label:
            raise ValidationError({"label": _("An external link needs a label.")})


SECURITY_CONTACT_SCHEMES = ("mailto:", "https://", "tel:")
LANGUAGE_LIST = re.compile(
    r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*(, ?[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*)*"
)


@register_setting(icon="site")
class SiteSettings(BaseGenericSetting):
    """Ministry identity and channels. Names are stored in both languages (they rarely change)."""

    ministry_name_ar = models.CharField(_("ministry name (Arabic)"), max_length=120)
    ministry_name_en = models.CharField(_("ministry name (English)"), max_length=120)
    contact_phone = models.CharField(_("contact centre phone"), max_length=20, default="19990")
    contact_email = models.EmailField(_("care e-mail address"), blank=True)
    social_account = models.CharField(_("care social account"), max_length=50, default="@MofCare")
    x_url = models.URLField(_("X (Twitter) address"), blank=True)
    youtube_url = models.URLField(_("YouTube address"), blank=True)
    linkedin_url = models.URLField(_("LinkedIn address"), blank=True)
    # The official government website banner (Digital Government Authority pattern).
    dga_registration_number = models.CharField(
        _("Digital Government Authority registration number"),
        max_length=40,
        blank=True,
        help_text=_("Shown in the banner's “how to verify” when set."),
    )
    # /.well-known/security.txt (RFC 9116): served only when a contact and an expiry are set.
    security_contact = models.CharField(
        _("security contact"),
        max_length=250,
        blank=True,
        help_text=_("Where to report a vulnerability: mailto:, https: or tel: address."),
    )
    security_expires = models.DateTimeField(
        _("security contact valid until"),
        null=True,
        blank=True,
        help_text=_("Set it less than a year ahead, and renew it before it passes."),
    )
    security_policy_url = models.URLField(_("vulnerability disclosure policy"), blank=True)
    security_languages = models.CharField(
        _("languages for security reports"), max_length=40, default="ar, en"
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("ministry_name_ar"), FieldPanel("ministry_name_en")], heading=_("Identity")
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_phone"),
                FieldPanel("contact_email"),
                FieldPanel("social_account"),
            ],
            heading=_("Contact channels"),
        ),
        MultiFieldPanel(
            [FieldPanel("x_url"), FieldPanel("youtube_url"), FieldPanel("linkedin_url")],
            heading=_("Social links"),
        ),
        FieldPanel("dga_registration_number"),
        MultiFieldPanel(
            [
                FieldPanel("security_contact"),
                FieldPanel("security_expires"),
                FieldPanel("security_policy_url"),
                FieldPanel("security_languages"),
            ],
            heading=_("Security contact (security.txt)"),
        ),
    ]

    class Meta:
        verbose_name = _("site settings")

    def clean(self):
        super().clean()
        contact = self.security_contact.strip()
        if contact and (
            not contact.startswith(SECURITY_CONTACT_SCHEMES) or any(c.isspace() for c in contact)
        ):
            raise ValidationError(
                {"security_contact": _("Start the address with mailto:, https: or tel:.")}
            )
        if contact and self.security_expires is None:
            raise ValidationError(
                {"security_expires": _("A security contact needs a date until which it is valid.")}
            )
        if self.security_expires and self.security_expires <= timezone.now():
            raise ValidationError({"security_expires": _("Choose a date in the future.")})
        if not LANGUAGE_LIST.fullmatch(self.security_languages or ""):
            raise ValidationError(
                {"security_languages": _("Language codes separated by commas, e.g. ar, en.")}
            )

    def security_txt_ready(self) -> bool:
        return bool(self.security_contact.strip() and self.security_expires)

    def ministry_name(self, language_code: str) -> str:
        return self.ministry_name_ar if language_code == "ar" else self.ministry_name_en

    def social_links(self) -> list[tuple[str, str]]:
        links = [("x", self.x_url), ("youtube", self.youtube_url), ("linkedin", self.linkedin_url)]
        return [(name, url) for name, url in links if url]
