"""Missing paths visitors ask for, with counts and where they came from.

Counted in memory and written in batches (old_addresses/missing.py, cms/count_buffer.py): a
visitor's 404 never waits on a database write. The redirects themselves are Wagtail's
`wagtailredirects.Redirect` rows (old_addresses/lookup.py matches them).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_PATH_LENGTH = 500
MAX_REFERRER_LENGTH = 300


class MissingPath(models.Model):
    # The comparison key (old_addresses.lookup.lookup_key): one row for every spelling of a path.
    key = models.CharField(max_length=MAX_PATH_LENGTH, unique=True)
    path = models.CharField(_("address"), max_length=MAX_PATH_LENGTH)
    hits = models.PositiveIntegerField(_("requests"), default=0)
    first_seen = models.DateTimeField(_("first seen"), auto_now_add=True)
    last_seen = models.DateTimeField(_("last seen"), auto_now=True)

    class Meta:
        verbose_name = _("missing address")
        verbose_name_plural = _("missing addresses")

    def __str__(self) -> str:
        return self.path


class MissingReferrer(models.Model):
    missing = models.ForeignKey(MissingPath, on_delete=models.CASCADE, related_name="referrers")
    referrer = models.CharField(max_length=MAX_REFERRER_LENGTH, blank=True)
    hits = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["missing", "referrer"], name="one_row_per_referrer")
        ]

    def __str__(self) -> str:
        return self.referrer or "-"
