"""Admin: partner API keys and their usage, editors' two-factor devices, the two-factor views."""

from __future__ import annotations

from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail import hooks
from wagtail.admin.staticfiles import versioned_static
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.views.generic import CreateView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from cms.admin_labels import (
    date_translation_comments_in_the_admin_language,
    label_untitled_admin_fields,
)
from cms.models import ApiKey, ApiKeyUsage, ApprovedOperation
from cms.security import two_factor_views
from cms.security.api_keys import assign_new_key

label_untitled_admin_fields()
date_translation_comments_in_the_admin_language()


@hooks.register("insert_editor_js")
def translation_editor_direction() -> str:
    """Segments in wagtail-localize's translation editor take their own language's direction,
    and its heading is said in the admin's language."""
    return format_html(
        '<script src="{}" data-heading="{}" data-more-actions="{}"></script>',
        versioned_static("cms/translation-direction.js"),
        _("Translation from %(source)s to %(target)s"),
        _("More actions"),
    )


@hooks.register("register_admin_urls")
def two_factor_urls():
    return [
        path("two-factor/setup/", two_factor_views.setup, name="mizan_2fa_setup"),
        path("two-factor/verify/", two_factor_views.verify, name="mizan_2fa_verify"),
    ]


@hooks.register("register_account_menu_item")
def two_factor_account_link(request):
    """Editors find enrolment from their account page, not only when production forces it."""
    return {
        "url": reverse("mizan_2fa_setup"),
        "label": _("Two-factor sign-in"),
        "help_text": _("Set up or check the authenticator app that gives your sign-in codes."),
    }


class ApiKeyCreateView(CreateView):
    """Creates the key and shows it once; only its digest is kept."""

    def save_instance(self):
        self.issued_key = assign_new_key(self.form.instance)
        return super().save_instance()

    def save_action(self):
        return TemplateResponse(
            self.request,
            "security/api_key_created.html",
            {
                "page_title": _("API key created"),
                "header_title": _("API key created"),
                "api_key": self.object,
                "key": self.issued_key,
                "index_url": self.get_success_url(),
            },
        )


class ApiKeyViewSet(ModelViewSet):
    model = ApiKey
    icon = "key"
    menu_label = _("API keys")
    add_to_settings_menu = True
    url_prefix = "api-keys"
    add_view_class = ApiKeyCreateView
    form_fields = [
        "name",
        "contact_email",
        "requests_per_minute",
        "is_active",
        "expires_at",
        "allow_introspection",
        "allowed_origins",
        "approved_operations_only",
        "notes",
    ]
    list_display = [
        "name",
        "prefix",
        "requests_per_minute",
        # A tick or cross, not Python's "True"/"False".
        BooleanColumn("is_active", label=_("active")),
        "expires_at",
        "last_used_at",
    ]
    list_filter = ["is_active"]
    search_fields = ["name", "prefix", "contact_email"]
    search_backend_name = None
    copy_view_enabled = False


class ApprovedOperationViewSet(ModelViewSet):
    """The documents a key limited to approved operations may run (also: manage.py
    register_operations)."""

    model = ApprovedOperation
    icon = "code"
    menu_label = _("Approved operations")
    add_to_settings_menu = True
    url_prefix = "approved-operations"
    form_fields = ["api_key", "query"]
    list_display = ["name", "api_key", "source", "created_at"]
    list_filter = ["api_key"]
    search_fields = ["name", "sha256"]
    search_backend_name = None
    copy_view_enabled = False


class SuperusersOnly(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        return user.is_active and user.is_superuser and action in ("view", "delete")


class TwoFactorDeviceViewSet(ModelViewSet):
    """A superuser removes an editor's lost device here; the editor then sets up a new one."""

    model = TOTPDevice
    icon = "lock"
    menu_label = _("Two-factor devices")
    add_to_settings_menu = True
    url_prefix = "two-factor-devices"
    form_fields = ["name"]
    list_display = ["user", "name", "confirmed", "last_used_at"]
    list_filter = ["confirmed"]
    search_fields = ["user__username", "name"]
    search_backend_name = None
    copy_view_enabled = False
    inspect_view_enabled = False


register_permission_policy(TOTPDevice, SuperusersOnly(TOTPDevice))


class ReadOnlyForSuperusers(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        return user.is_active and user.is_superuser and action == "view"


class ApiKeyUsageViewSet(ModelViewSet):
    """Requests, 4xx and 429 answers per key and day (written by cms/security/api_key_usage)."""

    model = ApiKeyUsage
    icon = "list-ul"
    menu_label = _("API key usage")
    add_to_settings_menu = True
    url_prefix = "api-key-usage"
    form_fields = ["api_key", "day", "requests", "client_errors", "rate_limited"]
    list_display = ["api_key", "day", "requests", "client_errors", "rate_limited"]
    list_filter = ["api_key"]
    search_backend_name = None
    copy_view_enabled = False
    inspect_view_enabled = False


register_permission_policy(ApiKeyUsage, ReadOnlyForSuperusers(ApiKeyUsage))


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [
        ApiKeyViewSet("api_keys"),
        ApiKeyUsageViewSet("api_key_usage"),
        ApprovedOperationViewSet("approved_operations"),
        TwoFactorDeviceViewSet("two_factor_devices"),
    ]


@hooks.register("construct_translated_pages_to_cascade_actions")
def cascade_source_actions_to_translations(pages, action: str):
    """Unpublishing or deleting an Arabic (source) page does the same to its translations, and
    Wagtail's confirmation says so ("This will also unpublish one translation of the page"):
    a translation must not outlive its source on the site, nor stay behind holding a copy of it.
    Unpublish takes the real translations; delete takes the aliases too."""
    from wagtail.models import Locale, Page

    if action not in ("unpublish", "delete"):
        return None
    source_locale = Locale.get_default()
    cascade = {}
    for page in pages:
        if page.locale_id != source_locale.pk:
            continue
        translations = Page.objects.translation_of(page, inclusive=False)
        if action == "unpublish":
            translations = translations.filter(alias_of__isnull=True, live=True)
        cascade[page] = translations
    return cascade
