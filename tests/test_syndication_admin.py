"""Webhooks in the admin: register an endpoint (secret shown once), its delivery log, the test
event, redelivery and resuming a paused endpoint, with a real receiver and the real worker."""

from __future__ import annotations

import pytest
from django.utils import timezone
from standardwebhooks.webhooks import Webhook

from cms.models import ApiKey
from cms.security.api_keys import issue_key
from site_pages.models import StandardPage
from site_pages.testing import add_page
from syndication.models import WebhookDelivery, WebhookEndpoint
from syndication.testing import make_endpoint

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def staff(client, settings, django_user_model):
    from wagtail.users.models import UserProfile

    settings.AXES_ENABLED = False
    user = django_user_model.objects.create_superuser("editor", "editor@example.com", "pw-1234567")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)
    return client


def test_an_endpoint_needs_https_and_its_secret_is_shown_once(staff):
    api_key = ApiKey(name="Citizen portal")
    issue_key(api_key)
    form = {"api_key": api_key.pk, "events": ["published", "deleted"], "is_active": "on"}
    refused = staff.post("/admin/webhooks/new/", {**form, "url": "http://portal.example/hook"})
    assert refused.status_code == 200 and not WebhookEndpoint.objects.exists()
    assert "Use an https:// address" in refused.content.decode()
    nothing = staff.post(
        "/admin/webhooks/new/", {**form, "url": "https://p.example/h", "events": []}
    )
    assert "Choose at least one kind of change." in nothing.content.decode()

    created = staff.post("/admin/webhooks/new/", {**form, "url": "https://portal.example/hook"})
    assert created.status_code == 200
    endpoint = WebhookEndpoint.objects.get()
    secret = created.content.decode().split('class="mizan-webhook-secret">')[1].split("<")[0]
    assert secret == endpoint.secret and secret.startswith("whsec_")
    assert endpoint.events == ["published", "deleted"]
    for page in (
        "/admin/webhooks/",
        f"/admin/webhooks/edit/{endpoint.pk}/",
        f"/admin/webhooks/{endpoint.pk}/log/",
    ):
        answer = staff.get(page)
        assert answer.status_code == 200 and secret not in answer.content.decode()


def test_the_log_the_test_event_and_redelivery(staff, home_ar, receiver, run_worker):
    endpoint = make_endpoint(receiver.url)
    add_page(home_ar, StandardPage(title="Budget", slug="budget"))
    run_worker()
    response = staff.post(f"/admin/webhooks/{endpoint.pk}/test/")
    assert response.status_code == 302
    run_worker()
    hook = Webhook(endpoint.secret)
    assert [hook.verify(r.body, r.headers)["type"] for r in receiver.received] == [
        "change.published",
        "test",
    ]
    log = staff.get(f"/admin/webhooks/{endpoint.pk}/log/").content.decode()
    assert "change.published" in log and "test" in log and "204" in log

    sent = WebhookDelivery.objects.filter(entry__isnull=False).get()
    staff.post(f"/admin/webhooks/{endpoint.pk}/redeliver/{sent.pk}/")
    run_worker()
    assert receiver.ids() == [sent.message_id, receiver.ids()[1], sent.message_id]
    assert staff.get(f"/admin/webhooks/{endpoint.pk}/redeliver/{sent.pk}/").status_code == 405


def test_a_paused_endpoint_says_so_and_resumes(staff, home_ar, receiver, run_worker):
    endpoint = make_endpoint(receiver.url)
    add_page(home_ar, StandardPage(title="Budget", slug="budget"))
    WebhookEndpoint.objects.update(paused_at=timezone.now(), pause_reason="HTTP 503 for a day")
    run_worker()
    assert receiver.received == []
    listing = staff.get("/admin/webhooks/").content.decode()
    assert "Paused: HTTP 503 for a day" in listing
    log = staff.get(f"/admin/webhooks/{endpoint.pk}/log/").content.decode()
    assert "Resume deliveries" in log and "1 event waiting to be sent." in log
    staff.post(f"/admin/webhooks/{endpoint.pk}/resume/")
    run_worker()
    assert len(receiver.received) == 1
    assert (
        "Resume deliveries" not in staff.get(f"/admin/webhooks/{endpoint.pk}/log/").content.decode()
    )


def test_only_staff_with_the_permission_see_the_log(client, django_user_model, receiver):
    endpoint = make_endpoint(receiver.url)
    user = django_user_model.objects.create_user("visitor", "v@example.com", "pw-1234567")
    client.force_login(user)
    assert client.get(f"/admin/webhooks/{endpoint.pk}/log/").status_code in (302, 403)
