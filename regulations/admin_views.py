"""Editors' report: the most read regulations over a period, on screen and as CSV."""

from __future__ import annotations

import datetime

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, NumberColumn, TitleColumn
from wagtail.admin.views.reports import ReportView

from cms.admin_reports import PageViewsFilterSet, PageViewsReportMixin
from regulations.models import Instrument, RegulationDailyStats, RegulationPage, Status


class RegulationReadsFilterSet(PageViewsFilterSet):
    instrument = django_filters.ChoiceFilter(label=_("Issued by"), choices=Instrument.choices)

    class Meta:
        model = RegulationPage
        fields: list[str] = []


class RegulationReadsReportView(PageViewsReportMixin, ReportView):
    page_title = _("Most read regulations")
    header_icon = "doc-full"
    index_url_name = "regulations_reports:reads"
    index_results_url_name = "regulations_reports:reads_results"
    filterset_class = RegulationReadsFilterSet
    model = RegulationPage
    views_model = RegulationDailyStats
    views_page_field = "regulation"
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

    def get_filename(self) -> str:
        return f"regulation-reads-{self.days}-days-{timezone.localdate().isoformat()}"

    def more_annotations(self, start: datetime.date, end: datetime.date) -> dict:
        return {"version_views": self.views_between(start, end, version__gt=0)}

    def order_queryset(self, queryset):
        return queryset.order_by(self.ordering or "-views", "-issued_on", "pk")

    def decorate_row(self, row) -> None:
        row.instrument_label = str(Instrument(row.instrument).label)
        row.status_label = str(Status(row.status).label)
