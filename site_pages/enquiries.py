"""Receive a contact-centre enquiry: validate, store, then tell the staff.

The enquiry is saved in the request's transaction before anything else happens, together with
the fact that staff must be told (`notify_after`, the outbox). Once that transaction commits, a
background task (`send_staff_notification`, run by the worker) sends the e-mail: the request
never waits on the mail server, and the visitor always gets the reference number. A failed
send is retried with growing delays, a bounded number of times; an every-minute sweep re-queues
notifications whose task was lost (the queue unreachable right after the commit, a worker killed
mid-send). The e-mail carries the reference and a link to the admin, not the visitor's data.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django import forms
from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from site_pages.models import Enquiry, EnquiryTopic

logger = logging.getLogger("mizan.enquiries")

NAME_MAX_LENGTH = 120
MESSAGE_MIN_LENGTH = 10
MESSAGE_MAX_LENGTH = 3000
PHONE_DIGITS_MIN, PHONE_DIGITS_MAX = 5, 15
REFERENCE_ATTEMPTS = 5
LANGUAGES = ("ar", "en")
NON_FIELD = "__all__"

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
# Control characters and bidirectional overrides: they can disguise text shown to staff.
_INVISIBLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_PHONE_ALLOWED = re.compile(r"^\+?[0-9 ()-]+$")


def clean_text(value: str) -> str:
    return _INVISIBLE.sub("", value or "").strip()


class EnquiryForm(forms.Form):
    """The fields a visitor fills in; `website` is the honeypot that people never see."""

    name = forms.CharField(required=False, max_length=NAME_MAX_LENGTH)
    email = forms.EmailField(
        required=False,
        error_messages={"invalid": _("Enter an e-mail address like name@example.com.")},
    )
    phone = forms.CharField(required=False, max_length=30)
    topic = forms.ChoiceField(
        choices=EnquiryTopic.choices,
        error_messages={
            "required": _("Choose the topic of your enquiry."),
            "invalid_choice": _("Choose a topic from the list."),
        },
    )
    message = forms.CharField(
        min_length=MESSAGE_MIN_LENGTH,
        max_length=MESSAGE_MAX_LENGTH,
        error_messages={
            "required": _("Write your message."),
            "min_length": _("Write at least %(limit_value)d characters."),
            "max_length": _("Write at most %(limit_value)d characters (you wrote %(show_value)d)."),
        },
    )
    honeypot = forms.CharField(required=False)

    def clean_name(self) -> str:
        return clean_text(self.cleaned_data.get("name", ""))

    def clean_message(self) -> str:
        message = clean_text(self.cleaned_data.get("message", ""))
        if len(message) < MESSAGE_MIN_LENGTH:
            raise forms.ValidationError(
                _("Write at least %(limit_value)d characters."),
                params={"limit_value": MESSAGE_MIN_LENGTH},
            )
        return message

    def clean_phone(self) -> str:
        phone = clean_text(self.cleaned_data.get("phone", "")).translate(_DIGITS)
        if not phone:
            return ""
        digits = re.sub(r"\D", "", phone)
        if (
            not _PHONE_ALLOWED.match(phone)
            or not PHONE_DIGITS_MIN <= len(digits) <= PHONE_DIGITS_MAX
        ):
            raise forms.ValidationError(_("Enter a phone number of digits only, like 0501234567."))
        return ("+" if phone.startswith("+") else "") + digits

    def clean(self):
        cleaned = super().clean()
        if not self.errors.get("email") and not self.errors.get("phone"):
            if not cleaned.get("email") and not cleaned.get("phone"):
                self.add_error(
                    "email",
                    _("Give an e-mail address or a phone number so that we can answer you."),
                )
        return cleaned


@dataclass
class SubmissionResult:
    ok: bool
    reference: str | None = None
    errors: list[tuple[str, str]] = field(default_factory=list)


def submit_enquiry(data: dict, language: str) -> SubmissionResult:
    """Validate and store an enquiry; messages are in `language` (ar or en)."""
    language = language if language in LANGUAGES else LANGUAGES[0]
    with translation.override(language):
        form = EnquiryForm(data={key: value for key, value in data.items() if value is not None})
        if not form.is_valid():
            errors = [
                (name, str(message))
                for name, messages in form.errors.items()
                for message in messages
            ]
            return SubmissionResult(ok=False, errors=errors)
        if form.cleaned_data.get("honeypot"):
            # A field hidden from people was filled in: an automated submission. Say no more
            # than a person would need, and keep nothing.
            logger.info("Enquiry refused: honeypot filled")
            return SubmissionResult(
                ok=False, errors=[(NON_FIELD, gettext("Your enquiry could not be sent."))]
            )
    enquiry = _store(form.cleaned_data, language)
    logger.info("Enquiry %s received (%s, %s)", enquiry.reference, enquiry.topic, language)
    return SubmissionResult(ok=True, reference=enquiry.reference)


def _store(cleaned: dict, language: str) -> Enquiry:
    due = timezone.now() if notification_recipients() else None
    with transaction.atomic():
        for attempt in range(1, REFERENCE_ATTEMPTS + 1):
            enquiry = Enquiry(
                language=language,
                name=cleaned["name"],
                email=cleaned["email"],
                phone=cleaned["phone"],
                topic=cleaned["topic"],
                message=cleaned["message"],
                notify_after=due,
            )
            try:
                with transaction.atomic():  # a savepoint: a clash of references is retried
                    enquiry.save()
                break
            except IntegrityError:
                if attempt == REFERENCE_ATTEMPTS:
                    raise
                logger.warning("Enquiry reference clash; drawing another")
        if due is not None:
            pk = enquiry.pk
            transaction.on_commit(lambda: queue_staff_notification(pk))
    return enquiry


def notification_recipients() -> list[str]:
    return list(getattr(settings, "ENQUIRY_NOTIFY_EMAILS", []) or [])


def retry_delay(attempts_made: int) -> timedelta:
    """1, 2, 4, 8 … times ENQUIRY_NOTIFY_RETRY_SECONDS after the first, second, … failure."""
    return timedelta(seconds=settings.ENQUIRY_NOTIFY_RETRY_SECONDS * 2 ** (attempts_made - 1))


def queue_staff_notification(enquiry_pk: int, run_after: datetime | None = None) -> None:
    """Hand the notification to the worker. If the queue cannot take it, the sweep will."""
    try:
        send_staff_notification.using(run_after=run_after).enqueue(enquiry_pk)
    except Exception as exc:
        logger.warning(
            "Could not queue the notification of enquiry %s (%s); the sweep will retry",
            enquiry_pk,
            exc,
        )


def _claim(enquiry_pk: int) -> Enquiry | None:
    """Take the notification if it is due, so that no other task sends it meanwhile."""
    now = timezone.now()
    lease = now + timedelta(seconds=3 * settings.EMAIL_TIMEOUT + 60)
    claimed = Enquiry.objects.filter(
        pk=enquiry_pk, notified_at__isnull=True, notify_after__lte=now
    ).update(notify_after=lease)
    return Enquiry.objects.get(pk=enquiry_pk) if claimed else None


@task(backend=settings.BACKGROUND_TASKS)
def send_staff_notification(enquiry_pk: int) -> str:
    """E-mail the care team about a stored enquiry; on failure, queue the next attempt."""
    enquiry = _claim(enquiry_pk)
    if enquiry is None:
        return "not due"  # sent already, or another attempt holds it
    attempts = enquiry.notify_attempts + 1
    try:
        _send(enquiry)
    except Exception as exc:
        gave_up = attempts >= settings.ENQUIRY_NOTIFY_ATTEMPTS
        retry_at = None if gave_up else timezone.now() + retry_delay(attempts)
        Enquiry.objects.filter(pk=enquiry_pk).update(
            notify_attempts=attempts, notify_after=retry_at
        )
        if retry_at is None:
            logger.error(
                "Gave up notifying staff of enquiry %s after %d attempts (%s); it is stored",
                enquiry.reference,
                attempts,
                exc,
            )
            return "gave up"
        logger.warning(
            "Could not notify staff of enquiry %s (attempt %d of %d: %s); retrying at %s",
            enquiry.reference,
            attempts,
            settings.ENQUIRY_NOTIFY_ATTEMPTS,
            exc,
            retry_at.isoformat(timespec="seconds"),
        )
        queue_staff_notification(enquiry_pk, run_after=retry_at)
        return "retry"
    Enquiry.objects.filter(pk=enquiry_pk).update(
        notified_at=timezone.now(), notify_after=None, notify_attempts=attempts
    )
    return "sent"


def _send(enquiry: Enquiry) -> None:
    admin_url = f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/admin/enquiries/"
    send_mail(
        subject=f"[Mizan] New enquiry {enquiry.reference}",
        message=(
            f"A new enquiry has been received.\n\n"
            f"Reference: {enquiry.reference}\n"
            f"Topic: {enquiry.get_topic_display()}\n"
            f"Language: {enquiry.language}\n\n"
            f"Read and answer it in the admin: {admin_url}\n"
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=notification_recipients(),
    )


# A notification due for this long past its time has lost its task: queue it again.
LOST_NOTIFICATION_AFTER = timedelta(minutes=10)
SWEEP_BATCH = 100


def requeue_lost_notifications() -> int:
    """The every-minute sweep: re-queue notifications whose task never ran; returns how many."""
    now = timezone.now()
    lost = list(
        Enquiry.objects.filter(
            notified_at__isnull=True, notify_after__lte=now - LOST_NOTIFICATION_AFTER
        ).values_list("pk", flat=True)[:SWEEP_BATCH]
    )
    for pk in lost:
        # Due now, so the next sweep leaves it alone for LOST_NOTIFICATION_AFTER.
        Enquiry.objects.filter(pk=pk, notified_at__isnull=True).update(notify_after=now)
        queue_staff_notification(pk)
    if lost:
        logger.warning("Re-queued %d enquiry notifications whose task was lost", len(lost))
    return len(lost)
