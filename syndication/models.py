"""The change feed (one row per public change, in commit order) and partners' webhooks.

`ChangeEntry.sequence` is the feed's order: rows are written inside the transaction of the
change, under a lock held to its commit on PostgreSQL (syndication/recording.py), so a higher
sequence never becomes visible before a lower one. Webhook deliveries are the outbox: one row
per entry and subscribed endpoint, written in the same transaction, sent by the worker.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ChangeAction(models.TextChoices):
    PUBLISHED = "published", _("Published")
    REPUBLISHED = "republished", _("Republished (a correction)")
    UNPUBLISHED = "unpublished", _("Unpublished")
    EXPIRED = "expired", _("Expired")
    MOVED = "moved", _("Moved")
    DELETED = "deleted", _("Deleted")
    STATUS_CHANGED = "status_changed", _("Service status changed")


# Entries that say a page left the public view: they carry no path, URL or content.
TOMBSTONES = frozenset({ChangeAction.UNPUBLISHED, ChangeAction.EXPIRED, ChangeAction.DELETED})


class ChangeEntry(models.Model):
    """One public change. Never updated; the sequence is the partner's bookmark."""

    sequence = models.BigAutoField(primary_key=True)
    action = models.CharField(_("what happened"), max_length=20, choices=ChangeAction.choices)
    # Not a foreign key: the entry outlives the page (a deletion's tombstone names it).
    page_id = models.PositiveIntegerField(_("page id"))
    page_type = models.CharField(_("page type"), max_length=80)
    locale = models.CharField(_("language"), max_length=8)
    path = models.CharField(_("path"), max_length=255, blank=True)
    url = models.CharField(_("URL"), max_length=255, blank=True)
    service_code = models.CharField(_("service code"), max_length=40, blank=True)
    service_status = models.CharField(_("service status"), max_length=20, blank=True)
    occurred_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("change")
        verbose_name_plural = _("changes")
        ordering = ["sequence"]
        indexes = [
            # Paging one language: WHERE locale = ? AND sequence > ? ORDER BY sequence.
            models.Index(fields=["locale", "sequence"], name="change_locale_seq_idx"),
            # The page's last entry: was it public before this change?
            models.Index(fields=["page_id", "sequence"], name="change_page_seq_idx"),
        ]

    def __str__(self) -> str:
        return f"#{self.sequence} {self.action} {self.locale} {self.page_id}"

    @property
    def is_tombstone(self) -> bool:
        return self.action in TOMBSTONES


def validate_webhook_url(url: str) -> None:
    if not url.lower().startswith("https://") and not (
        settings.DEBUG and url.lower().startswith("http://")
    ):
        raise ValidationError(
            _(
                "Use an https:// address: events are signed, not encrypted, and must not travel "
                "in clear text."
            )
        )


def validate_events(events) -> None:
    known = set(ChangeAction.values)
    if not isinstance(events, list) or not events or not set(events) <= known:
        raise ValidationError(_("Choose at least one kind of change."))


class WebhookEndpoint(models.Model):
    """A partner's receiver: where the worker POSTs each change it subscribed to."""

    api_key = models.ForeignKey(
        "cms.ApiKey",
        on_delete=models.CASCADE,
        related_name="webhook_endpoints",
        verbose_name=_("API key"),
    )
    url = models.URLField(_("receiver URL"), max_length=500, validators=[validate_webhook_url])
    events = models.JSONField(
        _("changes sent"),
        default=list,
        validators=[validate_events],
        help_text=_("The kinds of change this receiver gets."),
    )
    # The signing secret (whsec_…, Standard Webhooks). Shown once; kept to sign each event.
    secret = models.CharField(max_length=80, editable=False)
    is_active = models.BooleanField(_("active"), default=True)
    paused_at = models.DateTimeField(_("paused at"), null=True, blank=True, editable=False)
    pause_reason = models.TextField(_("why it was paused"), blank=True, editable=False)
    # Held by the one task sending to this receiver, so its events leave one at a time, in order.
    lease_until = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")
        ordering = ["api_key", "pk"]

    def __str__(self) -> str:
        return f"{self.api_key.name}: {self.url}"

    @property
    def receiving(self) -> bool:
        return self.is_active and self.paused_at is None and self.api_key.is_usable


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    DELIVERED = "delivered", _("Delivered")
    GAVE_UP = "gave_up", _("Gave up")


class WebhookDelivery(models.Model):
    """The outbox row of one event for one receiver, and its outcome."""

    endpoint = models.ForeignKey(
        WebhookEndpoint,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("webhook endpoint"),
    )
    # Null for a test event sent from the admin.
    entry = models.ForeignKey(
        ChangeEntry,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="deliveries",
        verbose_name=_("change"),
    )
    # The webhook-id header: the same on every attempt, so receivers drop repeats.
    message_id = models.CharField(_("webhook id"), max_length=64, unique=True)
    payload = models.JSONField()
    status = models.CharField(
        _("status"), max_length=12, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    last_response_code = models.PositiveIntegerField(_("response code"), null=True, blank=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-pk"]
        indexes = [
            models.Index(fields=["endpoint", "status", "id"], name="delivery_endpoint_queue_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.message_id} → {self.endpoint_id}"


class DeliveryAttempt(models.Model):
    """One HTTP attempt: the per-endpoint delivery log."""

    delivery = models.ForeignKey(
        WebhookDelivery,
        on_delete=models.CASCADE,
        related_name="attempt_log",
        verbose_name=_("webhook delivery"),
    )
    endpoint = models.ForeignKey(
        WebhookEndpoint,
        on_delete=models.CASCADE,
        related_name="attempt_log",
        verbose_name=_("webhook endpoint"),
    )
    attempt = models.PositiveIntegerField(_("attempt"))
    at = models.DateTimeField(_("time"), default=timezone.now)
    response_code = models.PositiveIntegerField(_("response code"), null=True, blank=True)
    duration_ms = models.PositiveIntegerField(_("duration (ms)"), default=0)
    succeeded = models.BooleanField(_("succeeded"), default=False)
    error = models.CharField(_("error"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("delivery attempt")
        verbose_name_plural = _("delivery attempts")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["endpoint", "-at"], name="attempt_endpoint_at_idx")]

    def __str__(self) -> str:
        return f"{self.delivery.message_id} #{self.attempt}"
