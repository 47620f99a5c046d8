"""Admin registration: the regulations' report in the Reports menu."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from cms.admin_reports import ReportMenuEntry, register_reports
from regulations import admin_views

register_reports(
    "regulation-reports",
    "regulations_reports",
    [("reads", admin_views.RegulationReadsReportView)],
    [ReportMenuEntry(_("Most read regulations"), "regulations_reports:reads", "doc-full", 1003)],
)
