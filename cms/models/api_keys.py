"""API keys for partner portals."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DEFAULT_PARTNER_REQUESTS_PER_MINUTE = 1200
MAX_PARTNER_REQUESTS_PER_MINUTE = 100_000
_ORIGIN = re.compile(r"^https?://[a-z0-9.-]+(:[0-9]{1,5})?$")


def origins_in(text: str) -> list[str]:
    """The origins listed one per line (blank lines ignored, lower-cased)."""
    return [line.strip().lower().rstrip("/") for line in text.splitlines() if line.strip()]


def validate_origins(text: str) -> None:
    bad = [origin for origin in origins_in(text) if not _ORIGIN.match(origin)]
    if bad:
        raise ValidationError(
            _("Not an origin (scheme://host[:port], no path): %(origins)s"),
            params={"origins": ", ".join(bad[:3])},
        )


class ApiKey(models.Model):
    """A partner portal's key for /graphql/: a higher rate limit than anonymous clients.

    Only a SHA-256 digest of the key is stored; the key itself is shown once, when created.
    The public API stays readable without a key.
    """

    name = models.CharField(_("partner"), max_length=120)
    contact_email = models.EmailField(_("technical contact"), blank=True)
    prefix = models.CharField(_("key prefix"), max_length=16, unique=True, editable=False)
    key_digest = models.CharField(max_length=64, unique=True, editable=False)
    requests_per_minute = models.PositiveIntegerField(
        _("requests per minute"),
        default=DEFAULT_PARTNER_REQUESTS_PER_MINUTE,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_PARTNER_REQUESTS_PER_MINUTE)],
    )
    is_active = models.BooleanField(_("active"), default=True)
    expires_at = models.DateTimeField(
        _("expires at"), null=True, blank=True, help_text=_("Leave empty for no expiry.")
    )
    allow_introspection = models.BooleanField(
        _("may introspect the schema"),
        default=False,
        help_text=_(
            "Let this key load the schema with __schema/__type even where introspection is off "
            "for the public (GraphQL tools, code generators)."
        ),
    )
    allowed_origins = models.TextField(
        _("allowed browser origins"),
        blank=True,
        validators=[validate_origins],
        help_text=_(
            "One origin per line, e.g. https://portal.example.gov.sa: browsers on these sites "
            "may call the API with this key (CORS). Leave empty for server-to-server use."
        ),
    )
    approved_operations_only = models.BooleanField(
        _("approved operations only"),
        default=False,
        help_text=_(
            "Run only the operations registered for this key (below, or with manage.py "
            "register_operations); refuse any other query."
        ),
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_usable(self) -> bool:
        return self.is_active and (self.expires_at is None or self.expires_at > timezone.now())


class ApiKeyUsage(models.Model):
    """Requests one key made in one day (UTC), summed in memory and written in batches."""

    api_key = models.ForeignKey(
        ApiKey, on_delete=models.CASCADE, related_name="usage", verbose_name=_("API key")
    )
    day = models.DateField(_("day"))
    requests = models.PositiveBigIntegerField(_("requests"), default=0)
    client_errors = models.PositiveBigIntegerField(_("4xx answers"), default=0)
    rate_limited = models.PositiveBigIntegerField(_("429 answers"), default=0)

    class Meta:
        verbose_name = _("API key usage")
        verbose_name_plural = _("API key usage")
        ordering = ["-day", "api_key"]
        constraints = [
            models.UniqueConstraint(fields=["api_key", "day"], name="one_usage_row_per_key_day")
        ]

    def __str__(self) -> str:
        return f"{self.api_key} {self.day}"
