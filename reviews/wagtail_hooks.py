"""Admin registration: the content reviews report, "Confirm still correct", the dashboard panel."""

from __future__ import annotations

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from cms.admin_reports import ReportMenuEntry, register_reports
from reviews import admin_views
from reviews.actions import LOG_ACTION
from reviews.models import ReviewedPageMixin

register_reports(
    "content-reviews",
    "content_reviews",
    [("due", admin_views.ReviewReportView)],
    [ReportMenuEntry(_("Content reviews due"), "content_reviews:due", "calendar-check", 1010)],
)


@hooks.register("register_admin_urls")
def confirm_url():
    patterns = [path("<int:page_id>/", admin_views.confirm, name="confirm")]
    return [path("content-review-confirm/", include((patterns, "content_reviews_confirm")))]


def _confirm_button(page, user, next_url=None, priority=55):
    specific_class = page.specific_class
    if specific_class is None or not issubclass(specific_class, ReviewedPageMixin):
        return
    if not page.permissions_for_user(user).can_edit():
        return
    url = reverse("content_reviews_confirm:confirm", args=[page.pk])
    if next_url:
        url += f"?next={next_url}"
    yield Button(_("Confirm still correct"), url, icon_name="calendar-check", priority=priority)


@hooks.register("register_page_header_buttons")
def confirm_header_button(page, user, view_name, next_url=None):
    yield from _confirm_button(page, user, next_url)


@hooks.register("register_page_listing_more_buttons")
def confirm_listing_button(page, user, next_url=None):
    yield from _confirm_button(page, user, next_url)


@hooks.register("construct_homepage_panels")
def my_reviews_panel(request, panels):
    panels.append(admin_views.MyReviewsPanel(request))


@hooks.register("register_log_actions")
def review_log_actions(actions):
    actions.register_action(
        LOG_ACTION,
        _("Confirm still correct"),
        _("Information confirmed as still correct"),
    )
