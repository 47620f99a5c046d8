"""Editors' report: the most read regulations over a period, on screen and as CSV."""

from __future__ import annotations

import datetime

import django_filters
from django.db.models import IntegerField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, NumberColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.permissions import policy_registry

from cms.admin_reports import PERIODS, ReportPeriodMixin
from regulations.models import Instrument, RegulationDailyStats, RegulationPage, Status

SOURCE_LANGUAGE = "ar"


def language_choices() -> list[tuple[str, str]]:
    return [("ar", _("Arabic")), ("en", _("English"))]


class RegulationReadsFilterSet(WagtailFilterSet):
    period = django_filters.ChoiceFilter(
        label=_("Period"), choices=PERIODS, empty_label=None, method="keep"
    )
    instrument = django_filters.ChoiceFilter(label=_("Issued by"), choices=Instrument.choices)
    # Named `locale` so that Wagtail adds no "Locale" filter of its own beside it: on this
    # report the language only chooses the names shown (counts cover every language).
    locale = django_filters.ChoiceFilter(
        label=_("Names in"), choices=language_choices, empty_label=None, method="keep"
    )

    class Meta:
        model = RegulationPage
        fields: list[str] = []

    def keep(self, queryset, name, value):
        return queryset  # read by the view, which sums the counts over the period


def _reads(start: datetime.date, end: datetime.date, versions_only: bool = False) -> Coalesce:
    """The reads of a regulation in every language (its pages share a translation key)."""
    stats = RegulationDailyStats.objects.filter(
        regulation__translation_key=OuterRef("translation_key"), day__range=(start, end)
    )
    if versions_only:
        stats = stats.filter(version__gt=0)
    total = (
        stats.order_by().values("regulation__translation_key").annotate(total=Sum("views"))
    ).values("total")
    return Coalesce(Subquery(total, output_field=IntegerField()), Value(0))


class RegulationReadsReportView(ReportPeriodMixin, ReportView):
    """Open to anyone who may edit or publish pages, like the services' reports."""

    any_permission_required = ["add", "change", "publish"]
    page_title = _("Most read regulations")
    header_icon = "doc-full"
    index_url_name = "regulations_reports:reads"
    index_results_url_name = "regulations_reports:reads_results"
    filterset_class = RegulationReadsFilterSet
    model = RegulationPage
    default_ordering = "-views"
    columns = [
        TitleColumn("title", label=_("Regulation"), url_name="wagtailadmin_pages:edit"),
        Column("number", label=_("Number"), sort_key="number"),
        Column("instrument_label", label=_("Issued by")),
        Column("status_label", label=_("Status")),
        NumberColumn("views", label=_("Views"), sort_key="views"),
        NumberColumn("version_views", label=_("Views of versions"), sort_key="version_views"),
        Column("trend_text", label=_("Views trend")),
    ]
    list_export = [
        "number",
        "title",
        "instrument_label",
        "status_label",
        "views",
        "version_views",
        "previous_views",
        "trend",
    ]
    export_headings = {
        "number": _("Number"),
        "title": _("Regulation"),
        "instrument_label": _("Issued by"),
        "status_label": _("Status"),
        "views": _("Views"),
        "version_views": _("Views of versions"),
        "previous_views": _("Views in the previous period"),
        "trend": _("Views trend"),
    }

    @cached_property
    def permission_policy(self):
        return policy_registry.get_by_type(Page)

    @cached_property
    def language(self) -> str:
        value = self.request.GET.get("locale", "")
        return value if value in dict(language_choices()) else SOURCE_LANGUAGE

    def get_filename(self) -> str:
        return f"regulation-reads-{self.days}-days-{timezone.localdate().isoformat()}"

    def get_base_queryset(self):
        end = timezone.localdate()
        start = end - datetime.timedelta(days=self.days - 1)
        previous_end = start - datetime.timedelta(days=1)
        previous_start = previous_end - datetime.timedelta(days=self.days - 1)
        # Aliases (wagtail-localize's untranslated placeholders) are not regulations of their own.
        return RegulationPage.objects.filter(
            locale__language_code=self.language, alias_of__isnull=True
        ).annotate(
            views=_reads(start, end),
            version_views=_reads(start, end, versions_only=True),
            previous_views=_reads(previous_start, previous_end),
        )

    def order_queryset(self, queryset):
        return queryset.order_by(self.ordering or "-views", "-issued_on", "pk")

    def decorate_paginated_queryset(self, object_list):
        rows = list(object_list)
        for row in rows:
            row.instrument_label = str(Instrument(row.instrument).label)
            row.status_label = str(Status(row.status).label)
            row.trend = (
                round((row.views - row.previous_views) / row.previous_views, 4)
                if row.previous_views
                else None
            )
            row.trend_text = (
                ("+" if row.trend > 0 else "") + f"{row.trend * 100:.0f}%"
                if row.trend is not None
                else ""
            )
        return rows
