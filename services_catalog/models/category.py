"""Service categories: a translatable snippet, so editors add categories without a deploy."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from reviews.models import ReviewIntervalMixin


class ServiceCategory(ReviewIntervalMixin, TranslatableMixin, index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        allow_unicode=False,
        help_text=_(
            "Latin letters, digits and hyphens; the same in every language, e.g. payment-orders."
        ),
    )
    description = models.TextField(_("description"), blank=True, max_length=400)
    sort_order = models.PositiveSmallIntegerField(_("order in lists"), default=100)

    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        SynchronizedField("slug", overridable=False),
        SynchronizedField("sort_order", overridable=False),
        SynchronizedField("review_interval_months", overridable=False),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
        FieldPanel("review_interval_months"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("service category")
        verbose_name_plural = _("service categories")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug", "locale"], name="one_service_category_slug_per_locale"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        super().clean()
        # The locale is not a form field, so the database constraint alone would surface as a
        # server error; say it to the editor instead.
        if self.slug and self.locale_id:
            taken = ServiceCategory.objects.filter(slug=self.slug, locale_id=self.locale_id)
            if taken.exclude(pk=self.pk).exists():
                raise ValidationError(
                    {"slug": _("Another category in this language already uses this slug.")}
                )
