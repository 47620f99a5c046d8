"""Editors' report: the most read consultations over a period, with the comments received,
on screen and as CSV."""

from __future__ import annotations

import datetime

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn, NumberColumn, TitleColumn
from wagtail.admin.views.reports import ReportView

from cms.admin_reports import PageViewsFilterSet, PageViewsReportMixin
from consultations.graphql import with_status
from consultations.kpi import comments_received
from consultations.models import ConsultationDailyStats, ConsultationPage, Status, riyadh_today


class ConsultationReadsFilterSet(PageViewsFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Status.choices, method="filter_status"
    )

    class Meta:
        model = ConsultationPage
        fields: list[str] = []

    def filter_status(self, queryset, name, value):
        return with_status(queryset, value, riyadh_today())


class ConsultationReadsReportView(PageViewsReportMixin, ReportView):
    page_title = _("Most read consultations")
    header_icon = "comment"
    index_url_name = "consultations_reports:reads"
    index_results_url_name = "consultations_reports:reads_results"
    filterset_class = ConsultationReadsFilterSet
    model = ConsultationPage
    views_model = ConsultationDailyStats
    views_page_field = "consultation"
    columns = [
        TitleColumn("title", label=_("Consultation"), url_name="wagtailadmin_pages:edit"),
        Column("status_label", label=_("Status")),
        DateColumn("closes_on", label=_("Closes on"), sort_key="closes_on"),
        NumberColumn("views", label=_("Views"), sort_key="views"),
        NumberColumn("comments", label=_("Comments received"), sort_key="comments"),
        Column("trend_text", label=_("Views trend")),
    ]
    list_export = [
        "title",
        "status_label",
        "opens_on",
        "closes_on",
        "views",
        "comments",
        "previous_views",
        "trend",
    ]
    export_headings = {
        "title": _("Consultation"),
        "status_label": _("Status"),
        "opens_on": _("Opens on"),
        "closes_on": _("Closes on"),
        "views": _("Views"),
        "comments": _("Comments received"),
        "previous_views": _("Views in the previous period"),
        "trend": _("Views trend"),
    }

    def get_filename(self) -> str:
        return f"consultation-reads-{self.days}-days-{timezone.localdate().isoformat()}"

    def more_annotations(self, start: datetime.date, end: datetime.date) -> dict:
        return {"comments": comments_received(start, end)}

    def order_queryset(self, queryset):
        return queryset.order_by(self.ordering or "-views", "-opens_on", "pk")

    def decorate_row(self, row) -> None:
        row.status_label = str(row.status_on(riyadh_today()).label)
