"""Admin registration: the address-map import, the "not found" report, "Create redirect"."""

from __future__ import annotations

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cms.admin_reports import ReportMenuEntry, register_reports
from old_addresses import admin_views
from old_addresses.admin_views import redirect_policy

register_reports(
    "old-address-reports",
    "old_addresses_reports",
    [("missing", admin_views.MissingReportView)],
    [ReportMenuEntry(_("Addresses not found"), "old_addresses_reports:missing", "warning", 1020)],
)


@hooks.register("register_admin_urls")
def old_address_urls():
    patterns = [
        path("import/", admin_views.import_view, name="import"),
        path(
            "missing/<int:missing_id>/redirect/",
            admin_views.create_redirect,
            name="create_redirect",
        ),
    ]
    return [path("old-addresses/", include((patterns, "old_addresses")))]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return redirect_policy().user_has_permission(request.user, "add")


@hooks.register("register_settings_menu_item")
def import_menu_item():
    return ImportMenuItem(
        _("Import old addresses"), reverse("old_addresses:import"), icon_name="redirect", order=810
    )
