"""A comment the public can see (published, or no longer) changes the page: bump the content
generation then, and only then, so visitors' comments arriving do not empty the caches."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save, pre_save

from cms.content_generation import bump_generation
from consultations.models import ConsultationComment


def _remember_published(sender, instance: ConsultationComment, **kwargs) -> None:
    before = None
    if instance.pk:
        before = sender.objects.filter(pk=instance.pk).values_list("published", flat=True).first()
    instance._was_published = bool(before)


def _bump_if_public(sender, instance: ConsultationComment, **kwargs) -> None:
    if instance.published or getattr(instance, "_was_published", False):
        bump_generation()


def connect() -> None:
    label = "consultations-comment"
    pre_save.connect(_remember_published, sender=ConsultationComment, dispatch_uid=f"{label}-pre")
    post_save.connect(_bump_if_public, sender=ConsultationComment, dispatch_uid=f"{label}-save")
    post_delete.connect(_bump_if_public, sender=ConsultationComment, dispatch_uid=f"{label}-del")
