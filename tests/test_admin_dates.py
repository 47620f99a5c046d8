"""Dates with a time read day, month, year in the Arabic admin, not "December 2026 6"."""

from __future__ import annotations

import datetime

from django.utils import formats, translation


def test_arabic_date_time_reads_day_month_year():
    moment = datetime.datetime(2026, 12, 6, 8, 29)
    with translation.override("ar"):
        assert formats.date_format(moment, "DATETIME_FORMAT") == "6 ديسمبر 2026، 8:29 ص"
        assert formats.date_format(moment, "SHORT_DATETIME_FORMAT") == "06‏/12‏/2026، 8:29 ص"
        # Django's own Arabic formats still apply where we set none.
        assert formats.date_format(moment.date(), "DATE_FORMAT") == "6 ديسمبر، 2026"
    with translation.override("en"):
        assert formats.date_format(moment, "DATETIME_FORMAT") == "Dec. 6, 2026, 8:29 a.m."
