"""The abstract base every public page type extends."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index
from wagtail_headless_preview.models import HeadlessPreviewMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField


class BasePage(HeadlessPreviewMixin, Page):
    """Titles and text are translated; slugs, images and dates stay synchronised."""

    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        SynchronizedField("slug"),
    ]

    search_fields = Page.search_fields + [index.SearchField("search_description")]

    class Meta:
        abstract = True

    @property
    def last_updated(self):
        return self.last_published_at or self.latest_revision_created_at


class IntroMixin(models.Model):
    intro = models.TextField(_("introduction"), blank=True, max_length=600)

    class Meta:
        abstract = True

    intro_panels = [FieldPanel("intro")]
