from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from site_pages.models import Enquiry, Menu


class MenuViewSet(SnippetViewSet):
    model = Menu
    icon = "list-ul"
    list_display = ["title", "slot", "locale"]
    list_filter = ["slot", "locale"]


register_snippet(MenuViewSet)


# -- Contact-centre enquiries: listing with status, filters and CSV/XLSX export ----------------


class EnquiryPermissionPolicy(ModelPermissionPolicy):
    """Enquiries come from visitors: staff read them and change their status, never add one."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)


class EnquiryViewSet(ModelViewSet):
    model = Enquiry
    icon = "mail"
    menu_label = _("Enquiries")
    menu_order = 250
    add_to_admin_menu = True
    url_prefix = "enquiries"
    form_fields = ["status", "staff_notes"]
    list_display = ["reference", "created_at", "topic", "status", "language", "notified_at"]
    list_filter = ["status", "topic", "language"]
    search_fields = ["reference", "name", "email", "phone", "message"]
    search_backend_name = None  # plain database search: enquiries are not in the site index
    list_export = [
        "reference",
        "created_at",
        "language",
        "topic",
        "status",
        "name",
        "email",
        "phone",
        "message",
        "staff_notes",
        "notified_at",
    ]
    export_filename = "enquiries"
    inspect_view_enabled = True
    inspect_view_fields = [
        "reference",
        "created_at",
        "language",
        "topic",
        "name",
        "email",
        "phone",
        "message",
        "status",
        "staff_notes",
        "notified_at",
    ]
    copy_view_enabled = False


register_permission_policy(Enquiry, EnquiryPermissionPolicy(Enquiry))


@hooks.register("register_admin_viewset")
def register_enquiry_viewset():
    return EnquiryViewSet("enquiries")
