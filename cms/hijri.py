"""Umm al-Qura Hijri dates for what visitors see, in Riyadh time.

The conversion is `hijridate`'s (the Umm al-Qura tables of the Saudi calendar), not ours. Its
tables cover 1343-1500 AH (1 August 1924 to 16 November 2077); outside them there is no
Hijri date, and callers show the Gregorian date alone.

Digits are Western (0-9) in both languages, as Django's Arabic date formats write the
Gregorian date beside it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from hijridate import Gregorian, Hijri

# The Umm al-Qura calendar is Saudi Arabia's: a day starts in Riyadh, whatever the server's zone.
RIYADH = ZoneInfo("Asia/Riyadh")
LANGUAGES = ("ar", "en")


@dataclass(frozen=True)
class HijriDate:
    year: int
    month: int
    day: int

    @property
    def iso(self) -> str:
        """`YYYY-MM-DD` in the Hijri calendar, e.g. 1447-09-01."""
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def month_name(self, language: str) -> str:
        return Hijri(self.year, self.month, self.day).month_name(_supported(language))

    def formatted(self, language: str) -> str:
        """ "1 رمضان 1447 هـ" in Arabic, "1 Ramadan 1447 AH" in English."""
        language = _supported(language)
        return f"{self.day} {self.month_name(language)} {self.year} {Hijri.notation(language)}"


def _supported(language: str) -> str:
    if language not in LANGUAGES:
        raise ValueError(f"No Hijri date format for language {language!r}.")
    return language


def riyadh_date(value: datetime.date | datetime.datetime) -> datetime.date:
    """The calendar day `value` falls on in Riyadh: 21:30 UTC is already the next day there.

    A naive datetime is taken as UTC, as Django stores them; a date is already a day.
    """
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=datetime.UTC)
        return value.astimezone(RIYADH).date()
    return value


def to_hijri(value: datetime.date | datetime.datetime | None) -> HijriDate | None:
    """The Umm al-Qura date of a day (or of a moment, in Riyadh), or None outside 1343-1500 AH."""
    if value is None:
        return None
    day = riyadh_date(value)
    try:
        hijri = Gregorian.fromdate(day).to_hijri()
    except OverflowError:  # outside the Umm al-Qura tables: the Gregorian date stands alone
        return None
    return HijriDate(hijri.year, hijri.month, hijri.day)
