"""Editors' report: the most read procurement notices over a period, on screen and as CSV."""

from __future__ import annotations

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, NumberColumn, TitleColumn
from wagtail.admin.views.reports import ReportView

from cms.admin_reports import PageViewsFilterSet, PageViewsReportMixin
from procurement.models import (
    NoticeDailyStats,
    NoticeType,
    ProcurementNoticePage,
    Status,
    with_status,
)


class NoticeReadsFilterSet(PageViewsFilterSet):
    notice_type = django_filters.ChoiceFilter(label=_("Type"), choices=NoticeType.choices)
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Status.choices, field_name="computed_status"
    )

    class Meta:
        model = ProcurementNoticePage
        fields: list[str] = []


class NoticeReadsReportView(PageViewsReportMixin, ReportView):
    page_title = _("Most read procurement notices")
    header_icon = "doc-full-inverse"
    index_url_name = "procurement_reports:reads"
    index_results_url_name = "procurement_reports:reads_results"
    filterset_class = NoticeReadsFilterSet
    model = ProcurementNoticePage
    views_model = NoticeDailyStats
    views_page_field = "notice"
    columns = [
        TitleColumn("title", label=_("Notice"), url_name="wagtailadmin_pages:edit"),
        Column("reference", label=_("Reference"), sort_key="reference"),
        Column("type_label", label=_("Type")),
        Column("status_label", label=_("Status")),
        NumberColumn("views", label=_("Views"), sort_key="views"),
        Column("trend_text", label=_("Views trend")),
    ]
    list_export = [
        "reference",
        "title",
        "type_label",
        "status_label",
        "views",
        "previous_views",
        "trend",
    ]
    export_headings = {
        "reference": _("Reference"),
        "title": _("Notice"),
        "type_label": _("Type"),
        "status_label": _("Status"),
        "views": _("Views"),
        "previous_views": _("Views in the previous period"),
        "trend": _("Views trend"),
    }

    def get_filename(self) -> str:
        return f"procurement-notice-reads-{self.days}-days-{timezone.localdate().isoformat()}"

    def get_base_queryset(self):
        # The status is computed, never stored: the same rule as the site's (status_of).
        return with_status(super().get_base_queryset())

    def order_queryset(self, queryset):
        return queryset.order_by(self.ordering or "-views", "-publication_date", "pk")

    def decorate_row(self, row) -> None:
        row.type_label = str(NoticeType(row.notice_type).label)
        row.status_label = str(Status(row.computed_status).label)
