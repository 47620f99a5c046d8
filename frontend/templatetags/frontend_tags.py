"""Template helpers for the public site: bidirectional text, dates from the API, blocks, JSON-LD."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, time
from typing import Any

from django import template
from django.template.loader import get_template
from django.utils.dateparse import parse_date, parse_datetime, parse_time
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _

from cms import bidi

register = template.Library()


@register.filter(is_safe=True)
def isolate(value: Any) -> SafeString:
    """Escape text and, in a right-to-left language, wrap Latin and number runs in <bdi>.

    Without isolation a code like "MOF-101" or a phone number reorders with the Arabic around it.
    """
    text = "" if value is None else str(value)
    if not get_language_bidi():
        return escape(text)
    return mark_safe(bidi.isolate_text(text))


@register.filter(is_safe=True)
def isolate_html(value: Any) -> SafeString:
    """`isolate` for HTML the API has already made safe (rich text).

    Trusted HTML only: it is not escaped here. The API already isolates Latin runs in Arabic
    rich text; this also covers a right-to-left page's text with no Arabic letter in it, where
    "@MofCare" alone would still show as "MofCare@". Runs already isolated are left alone.
    """
    html = "" if value is None else str(value)
    if not get_language_bidi():
        return mark_safe(html)
    return mark_safe(bidi.isolate_html(html))


@register.filter
def as_datetime(value: Any) -> datetime | None:
    """An ISO 8601 string from the API as an aware datetime (None when empty or malformed)."""
    if isinstance(value, datetime):
        return value
    try:
        return parse_datetime(value) if value else None
    except ValueError:
        return None


@register.filter
def as_date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return parse_date(value) if value else None
    except ValueError:
        return None


@register.filter
def as_time(value: Any) -> time | None:
    if isinstance(value, time):
        return value
    try:
        return parse_time(value) if value else None
    except ValueError:
        return None


@register.simple_tag
def with_hijri(gregorian: str, hijri: Any) -> str:
    """The Hijri date the API gives beside a date, then the Gregorian date the template wrote.

    "1 رمضان 1447 هـ الموافق 18 فبراير، 2026 م" in Arabic, "1 Ramadan 1447 AH (Feb. 18, 2026
    CE)" in English (Django's date formats, Western digits); the Gregorian date alone when the
    API has no Hijri date for it (outside the Umm al-Qura tables).
    """
    formatted = hijri.get("formatted") if isinstance(hijri, dict) else None
    if not gregorian or not formatted:
        return gregorian
    return _("%(hijri)s (%(gregorian)s CE)") % {"hijri": formatted, "gregorian": gregorian}


@register.simple_tag(takes_context=True)
def render_block(context: template.Context, block: dict[str, Any]) -> SafeString:
    """Render one StreamField block with `blocks/<BlockType>.html`; unknown types render nothing."""
    name = block.get("__typename", "")
    if not re.fullmatch(r"[A-Za-z]+", name or ""):
        return mark_safe("")
    try:
        block_template = get_template(f"blocks/{name}.html")
    except template.TemplateDoesNotExist:
        return mark_safe("")
    flat = context.flatten()
    flat["block"] = block
    return block_template.render(flat)


@register.filter(is_safe=True)
def json_ld(value: Any) -> SafeString:
    """Serialise for a <script type="application/ld+json"> element, safe against </script>."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(text)


@register.filter
def filesize_kb(value: Any) -> int | None:
    try:
        return max(1, round(int(value) / 1024))
    except (TypeError, ValueError):
        return None


@register.filter
def weekday(value: Any) -> str:
    """A day number from the API (0 = Sunday) as the day's name in the active language."""
    from django.utils.dates import WEEKDAYS  # 0 = Monday, names translated by Django

    try:
        number = int(value)
    except (TypeError, ValueError):
        return ""
    if not 0 <= number <= 6:
        return ""
    return str(WEEKDAYS[(number + 6) % 7])


@register.filter
def join_words(values: Any) -> str:
    """Join a list with the active language's comma (Arabic uses "،")."""
    separator = "، " if get_language_bidi() else ", "
    return separator.join(str(value) for value in values or [] if value)


@register.filter
def amount(value: Any) -> str:
    """A money amount from the API: no trailing zeros after the decimal point."""
    text = str(value or "")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text
