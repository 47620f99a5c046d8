"""Admin registration: services listing, categories, and the catalogue's reports."""

from __future__ import annotations

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

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


REPORTS = [
    ("kpis", admin_views.ServiceKpiReportView),
    ("translations", admin_views.ServiceTranslationReportView),
    ("feedback", admin_views.ServiceFeedbackReportView),
]


@hooks.register("register_admin_urls")
def register_report_urls():
    patterns = []
    for name, view in REPORTS:
        patterns.append(path(f"{name}/", view.as_view(), name=name))
        patterns.append(
            path(f"{name}/results/", view.as_view(results_only=True), name=f"{name}_results")
        )
    return [path("service-reports/", include((patterns, "services_catalog_reports")))]


@hooks.register("register_reports_menu_item")
def register_kpi_report_menu_item():
    return MenuItem(
        _("Service KPIs"), reverse("services_catalog_reports:kpis"), icon_name="view", order=1000
    )


@hooks.register("register_reports_menu_item")
def register_translation_report_menu_item():
    return MenuItem(
        _("Services needing English"),
        reverse("services_catalog_reports:translations"),
        icon_name="globe",
        order=1001,
    )


@hooks.register("register_reports_menu_item")
def register_feedback_report_menu_item():
    return MenuItem(
        _("Visitor feedback on services"),
        reverse("services_catalog_reports:feedback"),
        icon_name="comment",
        order=1002,
    )
