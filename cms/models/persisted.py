"""Persisted GraphQL documents: Apollo's automatic persisted queries (any client) and the
operations an "approved operations only" API key may run."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from cms.models.api_keys import ApiKey


class PersistedQuery(models.Model):
    """A query text by its SHA-256, registered by a client (hash + query) so later requests may
    send the hash alone. The table is the source of truth every worker shares and that survives
    a cache flush; the default cache keeps the recent ones in front of it."""

    sha256 = models.CharField(_("SHA-256"), max_length=64, primary_key=True)
    query = models.TextField(_("query"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("persisted query")
        verbose_name_plural = _("persisted queries")

    def __str__(self) -> str:
        return self.sha256[:12]


class ApprovedOperation(models.Model):
    """A document an API key with "approved operations only" may run (and send by hash)."""

    api_key = models.ForeignKey(
        ApiKey,
        on_delete=models.CASCADE,
        related_name="approved_operations",
        verbose_name=_("API key"),
    )
    name = models.CharField(
        _("operation name"), max_length=200, blank=True, help_text=_("From the document.")
    )
    query = models.TextField(
        _("document"), help_text=_("The GraphQL document as the partner sends it.")
    )
    sha256 = models.CharField(_("SHA-256"), max_length=64, editable=False, db_index=True)
    normalized_sha256 = models.CharField(max_length=64, editable=False, db_index=True)
    source = models.CharField(_("source file"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("approved operation")
        verbose_name_plural = _("approved operations")
        ordering = ["api_key", "name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["api_key", "normalized_sha256"], name="one_approval_per_key_document"
            )
        ]

    def __str__(self) -> str:
        return self.name or self.sha256[:12]

    def save(self, *args, **kwargs) -> None:
        from cms.graphql.persisted import describe_document

        self.name, self.sha256, self.normalized_sha256 = describe_document(self.query)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        from cms.graphql.persisted import describe_document

        try:
            self.name, self.sha256, self.normalized_sha256 = describe_document(self.query)
        except ValidationError as error:
            raise ValidationError({"query": error.messages}) from None
        twins = ApprovedOperation.objects.filter(
            api_key_id=self.api_key_id, normalized_sha256=self.normalized_sha256
        )
        if twins.exclude(pk=self.pk).exists():
            raise ValidationError({"query": _("This key has this operation approved already.")})
