"""Receive a comment on a public consultation: check it is open, validate, store.

The comment is saved in the request's transaction before anything else happens; the visitor
gets its reference number only once it is stored. A consultation that is not open (not yet
opened, or closed: days in Riyadh) refuses the comment with a message that says so and when,
and keeps nothing. A filled honeypot is refused without saying why, and nothing is kept.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django import forms
from django.db import IntegrityError, transaction
from django.utils import formats, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cms.hijri import to_hijri
from consultations.models import (
    ConsultationComment,
    ConsultationPage,
    Status,
    riyadh_today,
)

logger = logging.getLogger("mizan.consultations")

NAME_MAX_LENGTH = 120
ORGANISATION_MAX_LENGTH = 200
COMMENT_MIN_LENGTH = 10
COMMENT_MAX_LENGTH = 5000
REFERENCE_ATTEMPTS = 5
LANGUAGES = ("ar", "en")
NON_FIELD = "__all__"


def clean_text(value: str) -> str:
    from site_pages.enquiries import clean_text as without_invisible

    return without_invisible(value)


class CommentForm(forms.Form):
    name = forms.CharField(required=False, max_length=NAME_MAX_LENGTH)
    email = forms.EmailField(
        required=False,
        error_messages={"invalid": _("Enter an e-mail address like name@example.com.")},
    )
    organisation = forms.CharField(required=False, max_length=ORGANISATION_MAX_LENGTH)
    comment = forms.CharField(
        max_length=COMMENT_MAX_LENGTH,
        error_messages={
            "required": _("Write your comment."),
            "max_length": _("Write at most %(limit_value)d characters (you wrote %(show_value)d)."),
        },
    )
    consent_to_publish = forms.BooleanField(required=False)
    honeypot = forms.CharField(required=False)

    def clean_name(self) -> str:
        return clean_text(self.cleaned_data.get("name", ""))

    def clean_organisation(self) -> str:
        return clean_text(self.cleaned_data.get("organisation", ""))

    def clean_comment(self) -> str:
        comment = clean_text(self.cleaned_data.get("comment", ""))
        if len(comment) < COMMENT_MIN_LENGTH:
            raise forms.ValidationError(
                _("Write at least %(limit_value)d characters."),
                params={"limit_value": COMMENT_MIN_LENGTH},
            )
        return comment


@dataclass
class CommentResult:
    ok: bool
    reference: str | None = None
    errors: list[tuple[str, str]] = field(default_factory=list)


def day_in_words(day, language: str) -> str:
    """'13 May 2026 (26 Dhu al-Qadah 1447 AH)': the Gregorian day with its Hijri date."""
    with translation.override(language):
        gregorian = formats.date_format(day, "DATE_FORMAT")
    hijri = to_hijri(day)
    return f"{gregorian} ({hijri.formatted(language)})" if hijri else gregorian


def refusal(page: ConsultationPage, language: str) -> str | None:
    """Why this consultation takes no comment today, in `language`; None when it is open."""
    status = page.status_on(riyadh_today())
    if status == Status.OPEN:
        return None
    if status == Status.UPCOMING:
        return gettext(
            "This consultation is not open yet. You can send comments from %(day)s, Riyadh time."
        ) % {"day": day_in_words(page.opens_on, language)}
    return gettext(
        "This consultation closed at the end of %(day)s, Riyadh time. Comments are no longer "
        "accepted, and what you wrote has not been recorded."
    ) % {"day": day_in_words(page.closes_on, language)}


def submit_comment(page: ConsultationPage | None, data: dict, language: str) -> CommentResult:
    """Validate and store a comment on `page` (None: no such public consultation)."""
    language = language if language in LANGUAGES else LANGUAGES[0]
    with translation.override(language):
        if page is None:
            return CommentResult(
                ok=False, errors=[(NON_FIELD, gettext("This consultation could not be found."))]
            )
        why_not = refusal(page, language)
        if why_not is not None:
            logger.info("Comment on consultation %s refused: not open", page.pk)
            return CommentResult(ok=False, errors=[(NON_FIELD, why_not)])
        form = CommentForm(data={key: value for key, value in data.items() if value is not None})
        if not form.is_valid():
            errors = [
                (name, str(message))
                for name, messages in form.errors.items()
                for message in messages
            ]
            return CommentResult(ok=False, errors=errors)
        if form.cleaned_data.get("honeypot"):
            logger.info("Consultation comment refused: honeypot filled")
            return CommentResult(
                ok=False, errors=[(NON_FIELD, gettext("Your comment could not be sent."))]
            )
    comment = _store(page, form.cleaned_data, language)
    logger.info("Consultation comment %s received on %s (%s)", comment.reference, page.pk, language)
    return CommentResult(ok=True, reference=comment.reference)


def _store(page: ConsultationPage, cleaned: dict, language: str) -> ConsultationComment:
    with transaction.atomic():
        for attempt in range(1, REFERENCE_ATTEMPTS + 1):
            comment = ConsultationComment(
                consultation_key=page.translation_key,
                page=page,
                consultation_title=page.title[:255],
                language=language,
                name=cleaned["name"],
                email=cleaned["email"],
                organisation=cleaned["organisation"],
                comment=cleaned["comment"],
                consent_to_publish=bool(cleaned.get("consent_to_publish")),
            )
            try:
                with transaction.atomic():  # a savepoint: a clash of references is retried
                    comment.save()
                break
            except IntegrityError:
                if attempt == REFERENCE_ATTEMPTS:
                    raise
                logger.warning("Consultation comment reference clash; drawing another")
    return comment
