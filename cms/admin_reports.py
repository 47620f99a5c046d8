"""Admin reports of an app: their URLs (a page and its results-only variant for the listing's
filters) and their entries in the Reports menu, registered the same way by every app; the
periods the counting reports sum over, shown under their title, and days in words; the
reports ranking a page type by its views (cms/page_views.py), shared by regulations,
consultations and procurement notices."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

import django_filters
from django.db import models
from django.db.models import IntegerField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.urls import URLPattern, URLResolver, include, path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
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


# -- reports of page views (regulations, consultations, procurement notices) -------------------

SOURCE_LANGUAGE = "ar"


def language_choices() -> list[tuple[str, str]]:
    return [("ar", _("Arabic")), ("en", _("English"))]


class PageViewsFilterSet(WagtailFilterSet):
    """The period and the language of the names; a report adds its own filters."""

    period = django_filters.ChoiceFilter(
        label=_("Period"), choices=PERIODS, empty_label=None, method="keep"
    )
    # Named `locale` so that Wagtail adds no "Locale" filter of its own beside it: on these
    # reports the language only chooses the names shown (counts cover every language).
    locale = django_filters.ChoiceFilter(
        label=_("Names in"), choices=language_choices, empty_label=None, method="keep"
    )

    def keep(self, queryset, name, value):
        return queryset  # read by the view, which sums the counts over the period


def views_of_translations(
    stats: type[models.Model],
    page_field: str,
    start: datetime.date,
    end: datetime.date,
    counter: str = "views",
    **filters: object,
) -> Coalesce:
    """The views of a page in every language (its pages share a translation key) between two
    days, from `stats`, a table of daily page views (cms/page_views.py); 0 when none."""
    key = f"{page_field}__translation_key"
    rows = stats.objects.filter(**{key: OuterRef("translation_key")}, day__range=(start, end))
    total = (
        rows.filter(**filters).order_by().values(key).annotate(total=Sum(counter)).values("total")
    )
    return Coalesce(Subquery(total, output_field=IntegerField()), Value(0))


def trend_text(trend: float | None) -> str:
    return "" if trend is None else ("+" if trend > 0 else "") + f"{trend * 100:.0f}%"


class PageViewsReportMixin(ReportPeriodMixin):
    """A report ranking pages of one type (`model`) by their views over the period, read from
    `views_model` (its ForeignKey `views_page_field` to the page), with the previous period's
    views and the trend. Open to anyone who may edit or publish pages, like the services'."""

    any_permission_required = ["add", "change", "publish"]
    default_ordering = "-views"
    views_model: type[models.Model]
    views_page_field: str

    @cached_property
    def permission_policy(self):
        from wagtail.models import Page
        from wagtail.permissions import policy_registry

        return policy_registry.get_by_type(Page)

    @cached_property
    def language(self) -> str:
        value = self.request.GET.get("locale", "")
        return value if value in dict(language_choices()) else SOURCE_LANGUAGE

    @cached_property
    def periods(self) -> tuple[datetime.date, datetime.date, datetime.date, datetime.date]:
        """(start, end, previous start, previous end): the period and the one before it."""
        end = timezone.localdate()
        start = end - datetime.timedelta(days=self.days - 1)
        previous_end = start - datetime.timedelta(days=1)
        return start, end, previous_end - datetime.timedelta(days=self.days - 1), previous_end

    def views_between(self, start: datetime.date, end: datetime.date, **filters) -> Coalesce:
        return views_of_translations(self.views_model, self.views_page_field, start, end, **filters)

    def more_annotations(self, start: datetime.date, end: datetime.date) -> dict:
        """What a report sums besides the views over the period."""
        return {}

    def get_base_queryset(self):
        start, end, previous_start, previous_end = self.periods
        # Aliases (wagtail-localize's untranslated placeholders) are not pages of their own.
        return self.model.objects.filter(
            locale__language_code=self.language, alias_of__isnull=True
        ).annotate(
            views=self.views_between(start, end),
            previous_views=self.views_between(previous_start, previous_end),
            **self.more_annotations(start, end),
        )

    def decorate_row(self, row) -> None:
        """Set what a report's columns show besides the counts."""

    def decorate_paginated_queryset(self, object_list):
        rows = list(object_list)
        for row in rows:
            row.trend = (
                round((row.views - row.previous_views) / row.previous_views, 4)
                if row.previous_views
                else None
            )
            row.trend_text = trend_text(row.trend)
            self.decorate_row(row)
        return rows
