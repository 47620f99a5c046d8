"""Comment moderation in the admin: list with filters, accept or reject, theme, publication
with the writer's consent, and CSV/XLSX export for the policy team; the report of the most read
consultations in the Reports menu."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from cms.admin_reports import ReportMenuEntry, register_reports
from consultations import admin_views
from consultations.models import ConsultationComment


class CommentPermissionPolicy(ModelPermissionPolicy):
    """Comments come from visitors: moderators read and moderate them, never add one."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)


class ConsultationCommentViewSet(ModelViewSet):
    model = ConsultationComment
    icon = "comment"
    menu_label = _("Comment moderation")
    menu_order = 260
    add_to_admin_menu = True
    url_prefix = "consultation-comments"
    # What the visitor wrote is never edited: only the moderation fields are.
    form_fields = ["moderation", "theme", "published", "moderator_notes"]
    list_display = [
        "reference",
        "consultation_title",
        "created_at",
        "moderation",
        "theme",
        "consent_to_publish",
        "published",
        "language",
    ]
    list_filter = ["moderation", "published", "consent_to_publish", "language", "theme"]
    search_fields = ["reference", "consultation_title", "name", "organisation", "comment"]
    search_backend_name = None  # plain database search: comments are not in the site index
    list_export = [
        "reference",
        "consultation_title",
        "consultation_key",
        "created_at",
        "language",
        "name",
        "email",
        "organisation",
        "comment",
        "consent_to_publish",
        "moderation",
        "theme",
        "published",
        "moderator_notes",
    ]
    export_filename = "consultation-comments"
    inspect_view_enabled = True
    inspect_view_fields = [
        "reference",
        "consultation_title",
        "created_at",
        "language",
        "name",
        "email",
        "organisation",
        "comment",
        "consent_to_publish",
        "moderation",
        "theme",
        "published",
        "moderator_notes",
    ]
    copy_view_enabled = False


register_permission_policy(ConsultationComment, CommentPermissionPolicy(ConsultationComment))


@hooks.register("register_admin_viewset")
def register_comment_viewset():
    return ConsultationCommentViewSet("consultation_comments")


register_reports(
    "consultation-reports",
    "consultations_reports",
    [("reads", admin_views.ConsultationReadsReportView)],
    [ReportMenuEntry(_("Most read consultations"), "consultations_reports:reads", "comment", 1004)],
)
