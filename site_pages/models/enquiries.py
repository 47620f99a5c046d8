"""Contact-centre enquiries from the public site: stored first, then answered by staff."""

from __future__ import annotations

import secrets

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Crockford-style alphabet without 0/O, 1/I/L and U: easy to read out over the phone.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
REFERENCE_RANDOM_LENGTH = 8


def new_reference(now=None) -> str:
    """MOF-<year>-<8 random characters>: unique by constraint, not guessable from another."""
    year = (now or timezone.now()).year
    code = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_RANDOM_LENGTH))
    return f"MOF-{year}-{code}"


class EnquiryTopic(models.TextChoices):
    GENERAL = "general", _("General question")
    E_SERVICES = "e_services", _("Help with an e-service")
    PAYMENT_ORDERS = "payment_orders", _("Payment orders")
    LOAN_EXEMPTIONS = "loan_exemptions", _("Loan exemptions")
    EXPROPRIATION = "expropriation", _("Property acquisition for public benefit")
    # Saudi Arabia's Freedom of Information rules (NDMO): a request for public information.
    RIGHT_TO_INFORMATION = "right_to_information", _("Right to information request")
    COMPLAINT = "complaint", _("Complaint")
    SUGGESTION = "suggestion", _("Suggestion")


class EnquiryStatus(models.TextChoices):
    NEW = "new", _("New")
    IN_PROGRESS = "in_progress", _("In progress")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")


class Enquiry(models.Model):
    reference = models.CharField(_("reference"), max_length=24, unique=True, editable=False)
    language = models.CharField(
        _("language"), max_length=2, choices=[("ar", "العربية"), ("en", "English")]
    )
    name = models.CharField(_("name"), max_length=120, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone number"), max_length=20, blank=True)
    topic = models.CharField(_("topic"), max_length=32, choices=EnquiryTopic.choices)
    message = models.TextField(_("message"), max_length=3000)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=EnquiryStatus.choices,
        default=EnquiryStatus.NEW,
        db_index=True,
    )
    staff_notes = models.TextField(_("staff notes"), blank=True)
    created_at = models.DateTimeField(_("received at"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    notified_at = models.DateTimeField(
        _("staff notified at"), null=True, blank=True, editable=False
    )
    # The outbox: set in the transaction that stores the enquiry when staff must be told, and
    # cleared once the e-mail went out (or the attempts ran out). See site_pages/enquiries.py.
    notify_after = models.DateTimeField(
        _("staff notification due at"), null=True, blank=True, editable=False, db_index=True
    )
    notify_attempts = models.PositiveSmallIntegerField(
        _("staff notification attempts"), default=0, editable=False
    )

    class Meta:
        verbose_name = _("enquiry")
        verbose_name_plural = _("enquiries")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(email="") | ~Q(phone=""), name="enquiry_has_email_or_phone"
            )
        ]

    def __str__(self) -> str:
        return self.reference

    def save(self, *args, **kwargs):
        if not self.reference:
            self.reference = new_reference(self.created_at)
        super().save(*args, **kwargs)
