"""Admin words Wagtail and wagtail-localize leave untranslated whatever the admin's language:
labels left to Django, which shows the field's name in English ("Link text", "Locale"), and the
translation editor's dates, written with strftime's English month names ("6 December 2026")."""

from __future__ import annotations

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import choosers
from wagtail.admin.forms.workflows import WorkflowPageForm
from wagtail_localize.models import StringTranslation

_LINK_CHOOSER_LABELS = {
    "link_text": _("Link text"),
    "email_address": _("Email address"),
    "subject": _("Subject"),
    "body": _("Body"),
    "phone_number": _("Phone number"),
}


def label_untitled_admin_fields() -> None:
    # The workflow editor's page field (screen readers read it).
    WorkflowPageForm.base_fields["page"].label = _("Page")
    for form in (
        choosers.ExternalLinkChooserForm,
        choosers.AnchorLinkChooserForm,
        choosers.EmailLinkChooserForm,
        choosers.PhoneLinkChooserForm,
    ):
        for name, field in form.base_fields.items():
            if name in _LINK_CHOOSER_LABELS:
                field.label = _LINK_CHOOSER_LABELS[name]

    # The choosers' language filter is made per form, in __init__.
    mixin = choosers.LocaleFilterMixin
    if getattr(mixin, "_labelled", False):
        return
    made = mixin.__init__

    def labelled_init(self, *args, **kwargs) -> None:
        made(self, *args, **kwargs)
        if "locale" in self.fields:
            self.fields["locale"].label = _("Locale")

    mixin.__init__ = labelled_init
    mixin._labelled = True


def _translation_comment(self: StringTranslation) -> str | None:
    """wagtail-localize's StringTranslation.get_comment, its date in the admin's language."""
    date = date_format(timezone.localtime(self.updated_at), "j F Y")
    if self.tool_name:
        return gettext("Translated with {tool_name} on {date}").format(
            tool_name=self.tool_name, date=date
        )
    if self.translation_type == self.TRANSLATION_TYPE_MANUAL:
        return gettext("Translated manually on {date}").format(date=date)
    if self.translation_type == self.TRANSLATION_TYPE_MACHINE:
        return gettext("Machine translated on {date}").format(date=date)
    return None


def date_translation_comments_in_the_admin_language() -> None:
    StringTranslation.get_comment = _translation_comment
