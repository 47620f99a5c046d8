"""A small set of choice codes stored in one column.

Stored as ",citizen,resident," so that a `contains` lookup on ",citizen," finds one member exactly
on every database, without a join table and without an extra query when services are listed.
"""

from __future__ import annotations

from collections.abc import Iterable

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

SEPARATOR = ","


def _as_codes(value) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        items: Iterable[str] = value.split(SEPARATOR)
    else:
        items = value
    return [str(item).strip() for item in items if str(item).strip()]


class ChoiceSetField(models.CharField):
    """A list of distinct codes from `member_choices`, in the order of those choices."""

    def __init__(self, *args, member_choices=(), **kwargs):
        self.member_choices = list(member_choices)
        kwargs.setdefault("max_length", 200)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["blank"] = self.blank  # always explicit: __init__ defaults it to True
        kwargs["member_choices"] = [(code, str(label)) for code, label in self.member_choices]
        return name, path, args, kwargs

    @property
    def member_codes(self) -> list[str]:
        return [code for code, _label in self.member_choices]

    def ordered(self, codes: Iterable[str]) -> list[str]:
        wanted = set(codes)
        return [code for code in self.member_codes if code in wanted]

    def from_db_value(self, value, expression, connection):
        return _as_codes(value)

    def to_python(self, value):
        return _as_codes(value)

    def get_prep_value(self, value):
        if isinstance(value, str) and value.startswith(SEPARATOR):
            return value  # already stored form, e.g. a lookup argument
        codes = self.ordered(_as_codes(value))
        return SEPARATOR + SEPARATOR.join(codes) + SEPARATOR if codes else ""

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))

    def validate(self, value, model_instance):
        codes = _as_codes(value)
        unknown = [code for code in codes if code not in self.member_codes]
        if unknown:
            raise ValidationError(
                _("Unknown choice: %(codes)s."), params={"codes": ", ".join(unknown)}
            )
        if not self.blank and not codes:
            raise ValidationError(self.error_messages["blank"], code="blank")

    def formfield(self, **kwargs):
        defaults = {
            "form_class": forms.TypedMultipleChoiceField,
            "choices": self.member_choices,
            "widget": forms.CheckboxSelectMultiple,
            "required": not self.blank,
            "label": self.verbose_name,
            "help_text": self.help_text,
        }
        defaults.update(kwargs)
        form_class = defaults.pop("form_class")
        for key in ("max_length", "empty_value", "choices_form_class"):
            defaults.pop(key, None)
        return form_class(**defaults)


def has_member(field_name: str, code: str) -> Q:
    """A filter for rows whose set contains this code."""
    return Q(**{f"{field_name}__contains": f"{SEPARATOR}{code}{SEPARATOR}"})
