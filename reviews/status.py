"""Keep `ReviewStatus` true: one row per reviewed page, refreshed when its dates can change.

They change when a page is published or unpublished (a revision may carry an older
`last_reviewed` than the latest confirmation: the later one wins, see `keep_latest_review`),
when a review is confirmed, when a service category's interval changes, and when a page is
deleted (the row goes with it). Drafts change nothing: the report is about what visitors read.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.apps import apps
from django.db.models import Max
from django.db.models.signals import post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from reviews.models import ContentReview, ReviewedPageMixin, ReviewStatus


def reviewed_models() -> list[type[Page]]:
    return [
        model
        for model in apps.get_models()
        if issubclass(model, ReviewedPageMixin) and issubclass(model, Page)
    ]


def is_reviewed(page) -> bool:
    return isinstance(page, ReviewedPageMixin)


def refresh(page: Page) -> ReviewStatus | None:
    """Work out `page`'s row again from the database (the live values, not a draft's)."""
    specific_class = page.specific_class
    if specific_class is None or not issubclass(specific_class, ReviewedPageMixin):
        return None
    query = specific_class.objects.filter(pk=page.pk)
    if hasattr(specific_class, "category_id"):
        query = query.select_related("category")
    fresh = query.first()
    if fresh is None:
        return None
    category = getattr(fresh, "category", None) if hasattr(fresh, "category_id") else None
    status, _created = ReviewStatus.objects.update_or_create(
        page_id=fresh.pk,
        defaults={
            "locale_id": fresh.locale_id,
            "owner_id": fresh.review_owner_id,
            "category_slug": getattr(category, "slug", "") or "",
            "live": fresh.live,
            "last_reviewed": fresh.reviewed_on(),
            "review_by": fresh.review_by(),
        },
    )
    return status


def refresh_all(pages: Iterable[Page] | None = None) -> int:
    """Rows for every reviewed page (or `pages`): after a migration, a demo load, a bulk change."""
    count = 0
    if pages is None:
        pages = [p for model in reviewed_models() for p in model.objects.all()]
    for page in pages:
        if refresh(page) is not None:
            count += 1
    return count


def latest_confirmation(page_id: int):
    return ContentReview.objects.filter(page_id=page_id).aggregate(last=Max("reviewed_at"))["last"]


def keep_latest_review(page: Page) -> None:
    """A published revision older than the latest confirmation must not move the date back."""
    latest = latest_confirmation(page.pk)
    if latest is None:
        return
    from django.utils import timezone

    confirmed = timezone.localdate(latest)
    model = type(page)
    if page.last_reviewed is None or page.last_reviewed < confirmed:
        model.objects.filter(pk=page.pk).update(last_reviewed=confirmed)


def missing_pages() -> list[Page]:
    """Reviewed pages without a row yet (made before this app, or by a bulk load)."""
    found: list[Page] = []
    for model in reviewed_models():
        found.extend(model.objects.exclude(pk__in=ReviewStatus.objects.values("page_id")))
    return found


# Refreshed in the same transaction: a rolled-back change rolls its row back too.
def _on_published(sender, instance, **kwargs) -> None:
    if is_reviewed(instance):
        keep_latest_review(instance)
        refresh(instance)


def _on_changed(sender, instance, **kwargs) -> None:
    # The row is read back from the database: a draft saved on the page object changes nothing.
    if is_reviewed(instance) and not kwargs.get("raw"):
        refresh(instance)


def _on_category_saved(sender, instance, **kwargs) -> None:
    from services_catalog.models import ServicePage

    if not kwargs.get("raw"):
        refresh_all(ServicePage.objects.filter(category=instance))


def connect_signals() -> None:
    page_published.connect(_on_published, dispatch_uid="reviews-published")
    page_unpublished.connect(_on_changed, dispatch_uid="reviews-unpublished")
    for model in reviewed_models():
        post_save.connect(_on_changed, sender=model, dispatch_uid=f"reviews-{model._meta.label}")
    post_save.connect(
        _on_category_saved,
        sender="services_catalog.ServiceCategory",
        dispatch_uid="reviews-category",
    )
