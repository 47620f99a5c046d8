"""Admin: partners' webhook endpoints (Settings > Webhooks), their delivery log and buttons."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _now
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import CreateView
from wagtail.admin.viewsets.model import ModelViewSet

from syndication import delivery
from syndication.models import ChangeAction, DeliveryAttempt, WebhookDelivery, WebhookEndpoint

LOG_LENGTH = 50


class WebhookEndpointCreateView(CreateView):
    """Creates the endpoint with a new signing secret and shows the secret once."""

    def save_instance(self):
        self.form.instance.secret = delivery.new_secret()
        return super().save_instance()

    def save_action(self):
        return TemplateResponse(
            self.request,
            "syndication/endpoint_created.html",
            {
                "page_title": _("Webhook endpoint created"),
                "header_title": _("Webhook endpoint created"),
                "endpoint": self.object,
                "secret": self.object.secret,
                "log_url": reverse("mizan_webhook_log", args=[self.object.pk]),
            },
        )


def endpoint_state(endpoint: WebhookEndpoint) -> str:
    if endpoint.paused_at is not None:
        return _now("Paused: %(reason)s") % {"reason": endpoint.pause_reason}
    return _now("Active") if endpoint.is_active else _now("Switched off")


class WebhookEndpointViewSet(ModelViewSet):
    model = WebhookEndpoint
    icon = "link"
    menu_label = _("Webhooks")
    add_to_settings_menu = True
    url_prefix = "webhooks"
    add_view_class = WebhookEndpointCreateView
    form_fields = ["api_key", "url", "events", "is_active"]
    list_display = [
        "api_key",
        "url",
        Column("state", label=_("state"), accessor=endpoint_state),
        Column(
            "log",
            label=_("delivery log"),
            accessor=lambda endpoint: format_html(
                '<a href="{}">{}</a>', reverse("mizan_webhook_log", args=[endpoint.pk]), _now("Log")
            ),
        ),
    ]
    list_filter = ["is_active"]
    search_fields = ["url", "api_key__name"]
    search_backend_name = None
    copy_view_enabled = False
    inspect_view_enabled = False

    def formfield_for_dbfield(self, db_field, **kwargs):
        if db_field.name == "events":
            return forms.MultipleChoiceField(
                label=db_field.verbose_name,
                choices=ChangeAction.choices,
                widget=forms.CheckboxSelectMultiple,
                initial=list(ChangeAction.values),
                help_text=db_field.help_text,
                error_messages={"required": _("Choose at least one kind of change.")},
            )
        if db_field.name == "url":
            kwargs["assume_scheme"] = "https"
        return super().formfield_for_dbfield(db_field, **kwargs)


def _may_manage(request) -> None:
    if not request.user.has_perm("syndication.change_webhookendpoint"):
        raise PermissionDenied


def endpoint_log(request, pk: int):
    _may_manage(request)
    endpoint = get_object_or_404(WebhookEndpoint.objects.select_related("api_key"), pk=pk)
    attempts = (
        DeliveryAttempt.objects.filter(endpoint=endpoint)
        .select_related("delivery")
        .order_by("-at", "-pk")[:LOG_LENGTH]
    )
    return TemplateResponse(
        request,
        "syndication/endpoint_log.html",
        {
            "page_title": _("Webhook delivery log"),
            "header_title": _("Webhook delivery log"),
            "endpoint": endpoint,
            "attempts": attempts,
            "waiting": WebhookDelivery.objects.filter(endpoint=endpoint, status="pending").count(),
            "index_url": reverse("webhooks:index"),
        },
    )


@require_POST
def send_test(request, pk: int):
    _may_manage(request)
    endpoint = get_object_or_404(WebhookEndpoint, pk=pk)
    delivery.send_test_event(endpoint)
    messages.success(request, _("A test event is on its way; its result appears in this log."))
    return redirect("mizan_webhook_log", pk)


@require_POST
def resume(request, pk: int):
    _may_manage(request)
    endpoint = get_object_or_404(WebhookEndpoint, pk=pk)
    delivery.resume(endpoint)
    messages.success(request, _("The endpoint is receiving again; waiting events go out first."))
    return redirect("mizan_webhook_log", pk)


@require_POST
def redeliver(request, pk: int, delivery_pk: int):
    _may_manage(request)
    sent = get_object_or_404(WebhookDelivery, pk=delivery_pk, endpoint_id=pk)
    delivery.redeliver(sent)
    messages.success(
        request,
        _("The event will be sent again with the same webhook-id %(id)s.")
        % {"id": sent.message_id},
    )
    return redirect("mizan_webhook_log", pk)


@hooks.register("register_admin_urls")
def webhook_urls():
    return [
        path("webhooks/<int:pk>/log/", endpoint_log, name="mizan_webhook_log"),
        path("webhooks/<int:pk>/test/", send_test, name="mizan_webhook_test"),
        path("webhooks/<int:pk>/resume/", resume, name="mizan_webhook_resume"),
        path(
            "webhooks/<int:pk>/redeliver/<int:delivery_pk>/",
            redeliver,
            name="mizan_webhook_redeliver",
        ),
    ]


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [WebhookEndpointViewSet("webhooks")]
