"""Admin reports of an app: their URLs (a page and its results-only variant for the listing's
filters) and their entries in the Reports menu, registered the same way by every app; the
periods the counting reports sum over, shown under their title, and days in words."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, include, path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

PERIODS = [
    ("7", _("Last 7 days")),
    ("30", _("Last 30 days")),
    ("90", _("Last 90 days")),
    ("365", _("Last 365 days")),
]
DEFAULT_PERIOD = 30


@dataclass(frozen=True)
class ReportMenuEntry:
    label: str
    url_name: str  # "namespace:name"
    icon: str
    order: int


def register_reports(
    prefix: str,
    namespace: str,
    reports: Sequence[tuple[str, type]],
    menu: Sequence[ReportMenuEntry],
) -> None:
    """Register `reports` (name, report view class) under /admin/<prefix>/ in `namespace`,
    and one Reports menu item per entry of `menu`."""

    def report_urls() -> list[URLPattern | URLResolver]:
        patterns = []
        for name, view in reports:
            patterns.append(path(f"{name}/", view.as_view(), name=name))
            patterns.append(
                path(f"{name}/results/", view.as_view(results_only=True), name=f"{name}_results")
            )
        return [path(f"{prefix}/", include((patterns, namespace)))]

    hooks.register("register_admin_urls", report_urls)
    for entry in menu:
        hooks.register("register_reports_menu_item", _menu_item(entry))


def _menu_item(entry: ReportMenuEntry):
    def menu_item() -> MenuItem:
        # reverse() waits for the hook to be called: the URLconf is not loaded at import time.
        return MenuItem(
            entry.label, reverse(entry.url_name), icon_name=entry.icon, order=entry.order
        )

    return menu_item


class ReportPeriodMixin:
    """A report summed over the `period` filter's days, which its subtitle states with the
    dates, so the period shows without opening the filters."""

    @cached_property
    def days(self) -> int:
        value = self.request.GET.get("period", "")
        return int(value) if value in dict(PERIODS) else DEFAULT_PERIOD

    def get_page_subtitle(self) -> str:
        end = timezone.localdate()
        start = end - datetime.timedelta(days=self.days - 1)
        return gettext("%(period)s: %(start)s to %(end)s") % {
            "period": dict(PERIODS)[str(self.days)],
            "start": date_format(start, "j F Y"),
            "end": date_format(end, "j F Y"),
        }


def day_text(day: datetime.date | None) -> str:
    """A day as editors say it: "Today", "Yesterday", else the date (Wagtail's relative times
    count from midnight for a date: "6 hours ago" for a search made a minute ago)."""
    if day is None:
        return ""
    today = timezone.localdate()
    if day == today:
        return gettext("Today")
    if day == today - datetime.timedelta(days=1):
        return gettext("Yesterday")
    return date_format(day, "j F Y")
