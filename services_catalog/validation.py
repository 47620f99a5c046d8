"""Validators for the fields that leave the catalogue as data: codes, durations, start URLs."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

# Agency, programme, number: e.g. MOF-IND-001. Stable for the life of the service.
SERVICE_CODE_PATTERN = re.compile(r"^[A-Z]{2,5}-[A-Z]{2,5}-\d{3,6}$")
SERVICE_CODE_MAX_LENGTH = 20
SUMMARY_MAX_LENGTH = 160

_DURATION = re.compile(
    r"^P(?!$)(?:(?P<years>\d+)Y)?(?:(?P<months>\d+)M)?(?:(?P<weeks>\d+)W)?(?:(?P<days>\d+)D)?"
    r"(?:T(?=\d)(?:(?P<hours>\d+)H)?(?:(?P<minutes>\d+)M)?(?:(?P<seconds>\d+)S)?)?$"
)


def normalise_service_code(value: str) -> str:
    return (value or "").strip().upper()


def validate_service_code(value: str) -> None:
    if not SERVICE_CODE_PATTERN.match(value or ""):
        raise ValidationError(
            _(
                "Write the service code as agency, programme and number in capitals, "
                "e.g. MOF-IND-001."
            ),
            code="service_code_format",
        )


def validate_https_url(value: str) -> None:
    if value and not value.lower().startswith("https://"):
        raise ValidationError(
            _("The online start address must begin with https:// so visitors' data is protected."),
            code="https_required",
        )


@dataclass(frozen=True)
class Duration:
    """An ISO 8601 duration kept as its parts: months and years have no fixed length in days."""

    years: int = 0
    months: int = 0
    weeks: int = 0
    days: int = 0
    hours: int = 0
    minutes: int = 0
    seconds: int = 0

    def approximate_days(self) -> float:
        """For sorting and comparison only: a month counts as 30 days, a year as 365."""
        return (
            self.years * 365
            + self.months * 30
            + self.weeks * 7
            + self.days
            + self.hours / 24
            + self.minutes / 1440
            + self.seconds / 86400
        )

    def describe(self) -> str:
        """The duration in words in the active language, e.g. '5 days', '2 hours'."""
        parts = [
            (self.years, ngettext("%(n)d year", "%(n)d years", self.years)),
            (self.months, ngettext("%(n)d month", "%(n)d months", self.months)),
            (self.weeks, ngettext("%(n)d week", "%(n)d weeks", self.weeks)),
            (self.days, ngettext("%(n)d day", "%(n)d days", self.days)),
            (self.hours, ngettext("%(n)d hour", "%(n)d hours", self.hours)),
            (self.minutes, ngettext("%(n)d minute", "%(n)d minutes", self.minutes)),
            (self.seconds, ngettext("%(n)d second", "%(n)d seconds", self.seconds)),
        ]
        return " ".join(template % {"n": n} for n, template in parts if n)


def parse_duration(value: str) -> Duration | None:
    match = _DURATION.match((value or "").strip())
    if not match:
        return None
    return Duration(**{name: int(part or 0) for name, part in match.groupdict().items()})


def validate_iso_duration(value: str) -> None:
    if value and parse_duration(value) is None:
        raise ValidationError(
            _(
                "Write the processing time as an ISO 8601 duration: P5D is five days, "
                "PT2H two hours, P1M one month."
            ),
            code="iso_duration",
        )
