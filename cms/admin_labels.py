"""Labels Wagtail leaves to Django, which then shows the field's name in English whatever the
admin's language ("Link text", "Locale"): given here, so they are translated (locale/)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import choosers
from wagtail.admin.forms.workflows import WorkflowPageForm

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
