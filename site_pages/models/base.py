"""The abstract base every public page type extends."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail_headless_preview.models import HeadlessPreviewMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from search.indexing import SearchablePageMixin, searchable_page_fields

# First path segments under /ar/ and /en/ that the frontend routes itself (frontend/i18n_urls.py),
# and the site-wide routes (frontend/urls.py) that would be confusing as page addresses: a page
# directly under a language's home with one of these slugs could never be reached.
# tests/test_frontend_slugs.py checks the list against the frontend's routes.
RESERVED_TOP_LEVEL_SLUGS = frozenset(
    {
        "search",
        "service-start",
        "service-feedback",
        "feeds",
        "enquiry",
        "publications-download",
        "preview",
        "display",
        "sitemap.xml",
        "robots.txt",
    }
)


def reserved_slug_error(slug: str, parent: Page | None) -> ValidationError | None:
    """The error for a reserved slug directly under a language's home, else None."""
    # A language's home is a site root or a translation of one.
    if slug not in RESERVED_TOP_LEVEL_SLUGS or parent is None or not parent.is_site_root():
        return None
    return ValidationError(
        _(
            "The address “%(slug)s” is used by the site itself at this level. "
            "Choose another slug, or place the page under another page."
        ),
        params={"slug": slug},
        code="reserved_slug",
    )


class BasePageForm(WagtailAdminPageForm):
    """The admin's page form: a new page's parent is known here, not yet on the model."""

    def clean(self):
        cleaned_data = super().clean()
        parent = self.parent_page or (self.instance.get_parent() if self.instance.pk else None)
        error = reserved_slug_error(cleaned_data.get("slug") or "", parent)
        if error is not None:
            self.add_error("slug", error)
        return cleaned_data


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

    def get_preview_url(self, request, token: str) -> str:
        """The frontend's preview address; inside the editor's preview panel it says so, so that
        the frontend serves what Wagtail's Checks panel and content metrics read there."""
        url = super().get_preview_url(request, token)
        if getattr(request, "in_preview_panel", False):
            url += "&in_preview_panel=true"
        return url

    base_form_class = BasePageForm

    def clean(self):
        super().clean()
        # Pages made in code, moved copies and translations; the admin's form checks first.
        if self.slug in RESERVED_TOP_LEVEL_SLUGS:
            error = reserved_slug_error(self.slug, self.get_parent())
            if error is not None:
                raise ValidationError({"slug": error})

    @property
    def last_updated(self):
        return self.last_published_at or self.latest_revision_created_at


class IntroMixin(models.Model):
    intro = models.TextField(_("introduction"), blank=True, max_length=600)

    class Meta:
        abstract = True

    intro_panels = [FieldPanel("intro")]
