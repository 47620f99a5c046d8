"""Fixed vocabularies of the catalogue: values are stable codes, labels are translated.

Codes leave the API and the open data as they are, so they never change once published; add new
entries at the end.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from site_pages.models.pages import SCHEMA_ORG_DAYS
from site_pages.models.pages import WEEKDAYS as NUMBERED_WEEKDAYS


class Audience(models.TextChoices):
    CITIZEN = "citizen", _("Citizens")
    RESIDENT = "resident", _("Residents")
    BUSINESS = "business", _("Businesses")
    GOVERNMENT = "government", _("Government bodies")


class ServiceStatus(models.TextChoices):
    AVAILABLE = "available", _("Available")
    COMING_SOON = "coming_soon", _("Coming soon")
    SUSPENDED = "suspended", _("Suspended")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class LifeEvent(models.TextChoices):
    """Life events an individual meets, after the CPSV-AP life-event idea, for finance services."""

    BORROWING = "borrowing", _("Borrowing and loans")
    BEREAVEMENT = "bereavement", _("Death of a family member")
    PROPERTY = "property", _("Owning or losing property")
    DEALING_WITH_GOVERNMENT = "dealing_with_government", _("Receiving payments from government")
    RETIREMENT = "retirement", _("Retirement and pensions")
    HEALTH_AND_DISABILITY = "health_and_disability", _("Illness or disability")
    INFORMATION = "information", _("Looking for information or help")


class Currency(models.TextChoices):
    SAR = "SAR", _("Saudi riyal (SAR)")


class ChannelKind(models.TextChoices):
    ONLINE = "online", _("Online")
    PHONE = "phone", _("Contact centre")
    OFFICE = "office", _("Office")


class KpiEvent(models.TextChoices):
    VIEW = "view", _("Page view")
    START = "start", _("Start service")


class FeedbackReason(models.TextChoices):
    """Why a visitor found the page useful or not: a fixed list, so no free text is needed."""

    CLEAR = "clear", _("The information was clear")
    COMPLETED = "completed", _("I could do what I came for")
    UNCLEAR = "unclear", _("The information was unclear")
    INCOMPLETE = "incomplete", _("Information was missing")
    OUTDATED = "outdated", _("The information was out of date")
    TECHNICAL = "technical", _("Something did not work")
    OTHER = "other", _("Another reason")


# The contact centre's week (numbered, site_pages) with codes for names: Sunday first, as the
# working week in the Kingdom starts on Sunday.
WEEKDAYS = [(SCHEMA_ORG_DAYS[number].lower(), label) for number, label in NUMBERED_WEEKDAYS]
WEEKDAY_CODES = [code for code, _label in WEEKDAYS]
