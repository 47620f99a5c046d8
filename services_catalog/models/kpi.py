"""Anonymous, aggregated KPIs of each service: one counter row per service, language and day.

Rows are keyed by the service code (stable by rule, see ServicePage.clean), not by page id, so the
figures survive a page being rebuilt and read naturally in exports. No visitor identifier, IP
address or time of day is ever stored.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from services_catalog.models.choices import FeedbackReason


class ServiceDailyStats(models.Model):
    service_code = models.CharField(_("service code"), max_length=20)
    language = models.CharField(_("language"), max_length=8)
    day = models.DateField(_("day"))
    views = models.PositiveIntegerField(_("page views"), default=0)
    starts = models.PositiveIntegerField(_("service starts"), default=0)
    useful_yes = models.PositiveIntegerField(_("found it useful"), default=0)
    useful_no = models.PositiveIntegerField(_("did not find it useful"), default=0)

    class Meta:
        verbose_name = _("daily service statistics")
        verbose_name_plural = _("daily service statistics")
        constraints = [
            models.UniqueConstraint(
                fields=["service_code", "language", "day"], name="one_stats_row_per_service_day"
            )
        ]
        indexes = [models.Index(fields=["day", "service_code"], name="stats_day_code_idx")]

    def __str__(self) -> str:
        return f"{self.service_code} {self.language} {self.day}"


class ServiceFeedback(models.Model):
    """One 'was this useful?' answer: the day, the answer, a reason from a list, a redacted comment."""

    service_code = models.CharField(_("service code"), max_length=20, db_index=True)
    language = models.CharField(_("language"), max_length=8)
    day = models.DateField(_("day"), db_index=True)
    useful = models.BooleanField(_("useful"))
    reason = models.CharField(
        _("reason"), max_length=20, choices=FeedbackReason.choices, blank=True
    )
    comment = models.TextField(_("comment"), blank=True, max_length=500)

    class Meta:
        verbose_name = _("service feedback")
        verbose_name_plural = _("service feedback")
        ordering = ["-day", "-pk"]

    def __str__(self) -> str:
        return f"{self.service_code} {self.day} {'+' if self.useful else '-'}"
