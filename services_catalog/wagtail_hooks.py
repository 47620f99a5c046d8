"""Admin registration: services listing, categories, and the catalogue's reports."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.admin_reports import ReportMenuEntry, register_reports
from services_catalog import admin_views
from services_catalog.models import ServiceCategory


class ServiceCategoryViewSet(SnippetViewSet):
    model = ServiceCategory
    icon = "tag"
    menu_label = _("Service categories")
    list_display = ["name", "slug", "locale", "sort_order"]
    list_filter = ["locale"]
    ordering = ["sort_order", "name"]


register_snippet(ServiceCategoryViewSet)


@hooks.register("register_admin_viewset")
def register_services_listing():
    return admin_views.ServiceListingViewSet("services")


register_reports(
    "service-reports",
    "services_catalog_reports",
    [
        ("kpis", admin_views.ServiceKpiReportView),
        ("translations", admin_views.ServiceTranslationReportView),
        ("feedback", admin_views.ServiceFeedbackReportView),
    ],
    [
        ReportMenuEntry(_("Service KPIs"), "services_catalog_reports:kpis", "view", 1000),
        ReportMenuEntry(
            _("Services needing English"), "services_catalog_reports:translations", "globe", 1001
        ),
        ReportMenuEntry(
            _("Visitor feedback on services"),
            "services_catalog_reports:feedback",
            "comment",
            1002,
        ),
    ],
)
