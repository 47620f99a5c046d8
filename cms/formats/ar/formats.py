"""Arabic date-time formats. Django's Arabic formats set DATE_FORMAT but not DATETIME_FORMAT, so
dates with a time (Wagtail's "last updated", histories, reports) fell back to the English
"N j, Y, P": "ديسمبر 6, 2026, 8:29 ص", which right to left reads as "December 2026 6".
Day, month, year as Arabic writes them; anything not set here still comes from Django's."""

DATETIME_FORMAT = "j F Y، g:i A"
SHORT_DATETIME_FORMAT = "d‏/m‏/Y، g:i A"
