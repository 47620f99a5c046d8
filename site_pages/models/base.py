"""The abstract base every public page type extends."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail_headless_preview.models import HeadlessPreviewMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from search.indexing import SearchablePageMixin, searchable_page_fields


class BasePage(SearchablePageMixin, HeadlessPreviewMixin, Page):
    """Titles and text are translated; slugs, images and dates stay synchronised.

    Every page type takes part in the site search; it names its fields by weight with
    `search_title_fields`, `search_summary_fields` and `search_body_fields` (search.indexing).
    """

    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        SynchronizedField("slug"),
    ]

    search_fields = searchable_page_fields(Page.search_fields)

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
