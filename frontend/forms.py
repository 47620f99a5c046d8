"""Visitor forms. Labels and messages are translated; markup is written by hand in the templates."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

COMMENT_MAX_LENGTH = 500
# The honeypot's form field name: a word bots like to fill in, that people never see.
HONEYPOT_FIELD = "website"

# The API's FeedbackReason values, with the words a visitor reads.
FEEDBACK_REASONS = [
    ("CLEAR", _("The information was clear")),
    ("COMPLETED", _("I could do what I came for")),
    ("UNCLEAR", _("The information was unclear")),
    ("INCOMPLETE", _("Information was missing")),
    ("OUTDATED", _("The information was out of date")),
    ("TECHNICAL", _("Something did not work")),
    ("OTHER", _("Another reason")),
]


def honeypot_filled(data) -> bool:
    """Whether a posted form's honeypot holds anything: checked before any validation."""
    return bool(data.get(HONEYPOT_FIELD))


class FeedbackForm(forms.Form):
    useful = forms.ChoiceField(
        choices=[("yes", _("Yes")), ("no", _("No"))],
        error_messages={
            "required": _("Choose yes or no."),
            "invalid_choice": _("Choose yes or no."),
        },
    )
    reason = forms.ChoiceField(
        choices=[("", _("Choose a reason (optional)")), *FEEDBACK_REASONS],
        required=False,
        error_messages={"invalid_choice": _("Choose a reason from the list.")},
    )
    comment = forms.CharField(
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        strip=True,
        error_messages={
            "max_length": _("Write at most %(limit_value)d characters (you wrote %(show_value)d).")
        },
    )

    # Hidden from people (off-screen, aria-hidden, out of the tab order); anything typed here
    # comes from a bot. It never shows an error: a bot must not learn that it was spotted.
    website = forms.CharField(required=False, strip=False)

    def variables(self) -> dict:
        data = self.cleaned_data
        return {
            "useful": data["useful"] == "yes",
            "reason": data.get("reason") or None,
            "comment": data.get("comment") or None,
        }


ENQUIRY_FIELDS = ("name", "email", "phone", "topic", "message")
# The API answers an argument longer than this with a GraphQL error instead of a message next
# to the field; cut here, the API still says "write at most ..." in the visitor's language.
ENQUIRY_ARGUMENT_MAX_LENGTH = 5000


class EnquiryForm(forms.Form):
    """The contact-centre enquiry as typed: the API validates it and its messages are added back.

    Nothing is checked here, so the rules and their wording live in one place (the API's
    `submitEnquiry`); this form only keeps the visitor's input to show it again with the errors.
    """

    name = forms.CharField(required=False)
    email = forms.CharField(required=False)
    phone = forms.CharField(required=False)
    topic = forms.CharField(required=False)
    message = forms.CharField(required=False)
    # The honeypot, sent to the API, which refuses the enquiry and keeps nothing.
    website = forms.CharField(required=False, strip=False)

    def variables(self) -> dict:
        data = {
            name: (self.cleaned_data.get(name) or "")[:ENQUIRY_ARGUMENT_MAX_LENGTH]
            for name in (*ENQUIRY_FIELDS, HONEYPOT_FIELD)
        }
        return {
            "name": data["name"] or None,
            "email": data["email"] or None,
            "phone": data["phone"] or None,
            "topic": data["topic"],
            "message": data["message"],
            "honeypot": data[HONEYPOT_FIELD] or None,
        }

    def add_api_errors(self, errors: list[dict]) -> None:
        """The API's {field, message} list; a field it names that the form lacks goes on top."""
        for error in errors:
            field = error.get("field")
            self.add_error(field if field in ENQUIRY_FIELDS else None, error.get("message") or "")
