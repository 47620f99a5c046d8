"""Admin forms posted as a browser posts them, for tests that go through the page editor."""

from __future__ import annotations

from django.forms.formsets import BaseFormSet
from wagtail.admin.rich_text import DraftailRichTextArea
from wagtail.blocks.base import BlockField
from wagtail.models import Page
from wagtail.test.utils.form_data import rich_text


def blank_form_data(model: type[Page], parent: Page, user) -> dict:
    """The add form's own starting values, posted as a browser would post them."""
    form_class = model.get_edit_handler().get_form_class()
    form = form_class(instance=model(), parent_page=parent, for_user=user)
    data: dict = {}
    for name, field in form.fields.items():
        if isinstance(field, BlockField):
            data[f"{name}-count"] = 0
            continue
        value = form[name].value()
        if isinstance(field.widget, DraftailRichTextArea):
            data[name] = rich_text(value or "")
            continue
        if value is None or value is False:
            continue
        if isinstance(value, list | tuple):
            data[name] = [str(item) for item in value]
        else:
            data[name] = str(value)
    for formset in form.formsets.values():
        assert isinstance(formset, BaseFormSet)
        prefix = formset.prefix
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": 0,
                f"{prefix}-INITIAL_FORMS": 0,
                f"{prefix}-MIN_NUM_FORMS": 0,
                f"{prefix}-MAX_NUM_FORMS": 1000,
            }
        )
    return data
