"""Make real wagtail-localize translations from content written in two languages.

Demo content (and imports from other systems) arrive with both languages at once. Rather than
copying pages into the English tree, which would leave editors with translations that
wagtail-localize knows nothing about, we register the Arabic object as a translation source,
store every English segment as a manual string translation and let wagtail-localize build and
publish the English object. Editors then see a complete translation they can update and sync.
"""

from __future__ import annotations

import re

from django.db import transaction
from django.db.models import Model
from wagtail.fields import StreamField
from wagtail.models import DraftStateMixin, Locale, Page, Revision
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


class TranslationShapeError(ValueError):
    """The English content does not have the same structure as the source."""


def _shape(path: str) -> str:
    # StreamField and ListBlock item ids differ between the two copies; the structure must not.
    return _UUID.sub("*", path)


def _assign_block_ids(instance: Model) -> None:
    """Give every StreamField block and list item an id, as saving would: segments are keyed by them."""
    for field in instance._meta.concrete_fields:
        if isinstance(field, StreamField):
            value = field.value_from_object(instance)
            # Convert every child: raw children would keep list items without ids.
            for _child in value:
                pass
            raw = field.get_prep_value(value)
            setattr(instance, field.attname, field.to_python(raw))


def publish_translation(source: Model, english: Model, locale_code: str = "en") -> Model:
    """Translate `source` into `locale_code` with the text held by the unsaved `english` copy.

    `english` is an instance of the same model whose translatable fields hold the translated
    text in the same structure (same blocks in the same order). Returns the published
    translated object. Running it again with the same text changes nothing.
    """
    if isinstance(source, Page):
        source = source.specific
    target_locale = Locale.objects.get(language_code=locale_code)
    _assign_block_ids(english)
    english_segments = [s for s in extract_segments(english) if isinstance(s, StringSegmentValue)]

    with transaction.atomic():
        translation_source, _ = TranslationSource.update_or_create_from_instance(source)
        source_segments = list(
            StringSegment.objects.filter(source=translation_source)
            .select_related("string", "context")
            .order_by("order")
        )
        if len(source_segments) != len(english_segments):
            raise TranslationShapeError(
                f"{source!r}: {len(source_segments)} source segments, {len(english_segments)} English"
            )
        for source_segment, english_segment in zip(source_segments, english_segments, strict=True):
            if _shape(source_segment.context.path) != _shape(english_segment.path):
                raise TranslationShapeError(
                    f"{source!r}: {source_segment.context.path} != {english_segment.path}"
                )
            StringTranslation.objects.update_or_create(
                translation_of=source_segment.string,
                locale=target_locale,
                context=source_segment.context,
                defaults={
                    "data": english_segment.string.data,
                    "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                    "has_error": False,
                    "field_error": "",
                },
            )
        translation, _ = Translation.objects.get_or_create(
            source=translation_source, target_locale=target_locale, defaults={"enabled": True}
        )
        if isinstance(source, DraftStateMixin):
            # wagtail-localize publishes on commit, from the copy it held when translating: by
            # then the page's child count is stale. Save a draft and publish it now, fresh.
            translation.save_target(publish=False)
            target = source.get_translation(target_locale)
            Revision.objects.get(pk=target.latest_revision_id).publish()
        else:
            translation.save_target(publish=True)
    return source.get_translation(target_locale)
