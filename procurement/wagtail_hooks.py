"""Admin registration: the procurement notices' report in the Reports menu."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from cms.admin_reports import ReportMenuEntry, register_reports
from procurement import admin_views

register_reports(
    "procurement-reports",
    "procurement_reports",
    [("reads", admin_views.NoticeReadsReportView)],
    [
        ReportMenuEntry(
            _("Most read procurement notices"),
            "procurement_reports:reads",
            "doc-full-inverse",
            1005,
        )
    ],
)
