"""What a source page's publish does to its translations.

Structured facts are synchronised, not translated (a service's code, fees, processing time,
addresses, dates, status; `SynchronizedField` on the models) and the category is the same one in
the other language. When the Arabic source is published, its published translations take the new
facts at once and are republished, without anyone running "Sync translated pages": a visitor
never reads "10 days" in English after the Arabic says 15. Translated text is left alone, and a
translation with unpublished edits of its own is not published behind its editor's back (it
gets the facts at the next sync). The content generation is bumped once for all of it: this
handler runs before the generation's own `page_published` receiver, and the translations'
publishes are folded into that one bump.
"""

from __future__ import annotations

from contextvars import ContextVar

from django.db import models, transaction
from wagtail.models import Page, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField, get_translatable_fields
from wagtail_localize.models import TranslationSource

from cms.content_generation import folded_into_callers_bump

_carrying: ContextVar[bool] = ContextVar("mizan_carrying_facts", default=False)

# Synchronised, but the translation's own: its address in its tree.
NOT_CARRIED = frozenset({"slug"})


def _carried_fields(model: type[Page]) -> list[tuple[str, bool]]:
    """(attribute, is a link to a translatable object) for each fact a translation takes."""
    carried = []
    for declared in get_translatable_fields(model):
        field = declared.get_field(model)
        if not isinstance(field, models.Field) or not field.concrete:
            continue
        if field.name in NOT_CARRIED or field.primary_key:
            continue
        related = field.related_model
        if isinstance(declared, SynchronizedField):
            carried.append((field.attname, False))
        elif (
            isinstance(declared, TranslatableField)
            and isinstance(field, models.ForeignKey)
            and related is not None
            and issubclass(related, TranslatableMixin)
            and not issubclass(related, Page)
        ):
            carried.append((field.name, True))  # e.g. a service's category
    return carried


def _carry(source: Page, target: Page, fields: list[tuple[str, bool]]) -> bool:
    """Copy the facts; True if the translation changed."""
    changed = False
    for name, translatable_link in fields:
        if translatable_link:
            linked = getattr(source, name)
            value = linked.get_translation_or_none(target.locale) if linked else None
            if linked is not None and value is None:
                continue  # not translated yet: keep what the translation has
            if getattr(target, f"{name}_id") != (value.pk if value else None):
                setattr(target, name, value)
                changed = True
        elif getattr(target, name) != getattr(source, name):
            setattr(target, name, getattr(source, name))
            changed = True
    return changed


def carry_synchronised_facts(sender, instance, revision=None, **kwargs) -> None:
    """`page_published`: the source's facts reach its published translations."""
    if _carrying.get() or instance.alias_of_id:
        return
    source = instance.specific
    if not TranslationSource.objects.filter(
        object_id=source.translation_key, locale_id=source.locale_id
    ).exists():
        return  # not a translation source (a translation, or never translated)
    fields = _carried_fields(type(source))
    if not fields:
        return
    targets = (
        type(source)
        .objects.filter(
            translation_key=source.translation_key,
            live=True,
            alias_of__isnull=True,
            has_unpublished_changes=False,
        )
        .exclude(locale_id=source.locale_id)
    )
    user = getattr(revision, "user", None)
    token = _carrying.set(True)
    try:
        with folded_into_callers_bump(), transaction.atomic():
            for target in targets:
                if _carry(source, target, fields):
                    target.save_revision(user=user, clean=False).publish(user=user)
    finally:
        _carrying.reset(token)
