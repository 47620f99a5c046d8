"""Signed webhooks (issue 20, item 2): a real receiver on 127.0.0.1, the real worker loop.

Each feed entry becomes one event, signed after Standard Webhooks (checked here with the
`standardwebhooks` package's own Webhook.verify), sent by the worker after the commit, in feed
order, retried with backoff, and never lost or doubled when a worker dies mid-send.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from standardwebhooks.webhooks import Webhook, WebhookVerificationError
from wagtail.models import Page

from site_pages.models import StandardPage
from site_pages.testing import add_page
from syndication import delivery
from syndication.models import DeliveryAttempt, DeliveryStatus, WebhookDelivery, WebhookEndpoint
from syndication.testing import make_endpoint
from tests.database_down import this_test_database_url

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parent.parent


def verified(receiver, endpoint) -> list[dict]:
    """Every event the receiver got, each checked with Webhook.verify (raises if forged)."""
    hook = Webhook(endpoint.secret)
    return [hook.verify(r.body, r.headers) for r in receiver.received]


def time_passes() -> None:
    """Whatever waits (a retry, a lease) is due now: the worker reads the clock."""
    past = timezone.now() - timedelta(seconds=1)
    DBTaskResult.objects.filter(status=TaskResultStatus.READY).update(run_after=past)
    WebhookDelivery.objects.filter(status=DeliveryStatus.PENDING).update(
        next_attempt_at=timezone.now() - delivery.LOST_AFTER - timedelta(seconds=1)
    )
    WebhookEndpoint.objects.update(lease_until=None)


def test_publish_correction_unpublish_delete_arrive_once_signed_and_in_order(
    home_ar, receiver, run_worker
):
    endpoint = make_endpoint(receiver.url)
    page = add_page(home_ar, StandardPage(title="Budget", slug="budget"))
    assert receiver.received == []  # the publish did not send anything itself
    page.title = "Budget (corrected)"
    page.save_revision().publish()
    page.unpublish()
    page.save_revision().publish()
    Page.objects.get(pk=page.pk).delete()
    run_worker()
    events = verified(receiver, endpoint)
    assert [e["type"] for e in events] == [
        "change.published",
        "change.republished",
        "change.unpublished",
        "change.published",
        "change.deleted",
    ]
    sequences = [e["data"]["sequence"] for e in events]
    assert sequences == sorted(sequences)
    assert len(set(receiver.ids())) == len(receiver.ids()) == 5  # once each
    assert events[0]["data"]["path"] == "/budget/" and events[4]["data"]["path"] is None
    assert all(e["data"]["pageId"] == str(page.pk) for e in events)
    run_worker()
    assert len(receiver.received) == 5
    # A forged body does not verify.
    forged = receiver.received[0]
    with pytest.raises(WebhookVerificationError):
        Webhook(endpoint.secret).verify(forged.body.replace(b"budget", b"b0dget"), forged.headers)


def test_only_the_chosen_events_are_sent(home_ar, receiver, run_worker):
    make_endpoint(receiver.url, events=["unpublished"])
    page = add_page(home_ar, StandardPage(title="x", slug="x"))
    page.unpublish()
    run_worker()
    assert [json.loads(r.body)["type"] for r in receiver.received] == ["change.unpublished"]


def test_a_receiver_failing_three_times_gets_it_on_the_fourth_try(home_ar, receiver, run_worker):
    endpoint = make_endpoint(receiver.url)
    receiver.fail_next = 3
    add_page(home_ar, StandardPage(title="Budget", slug="budget"))
    add_page(home_ar, StandardPage(title="Loans", slug="loans"))
    run_worker()
    for attempt in (1, 2, 3):
        sent = WebhookDelivery.objects.order_by("pk").first()
        assert sent.attempts == attempt and sent.status == DeliveryStatus.PENDING
        assert sent.next_attempt_at > timezone.now()  # backing off, not hammering
        run_worker()  # not due yet: nothing is sent
        assert DeliveryAttempt.objects.count() == attempt
        time_passes()
        run_worker()
    first, second = WebhookDelivery.objects.order_by("pk")
    assert (first.status, first.attempts, first.last_response_code) == ("delivered", 4, 204)
    assert second.status == "delivered" and second.attempts == 1
    # The second event waited behind the first: the receiver got them in order.
    assert [e["data"]["path"] for e in verified(receiver, endpoint)] == ["/budget/", "/loans/"]
    log = list(DeliveryAttempt.objects.filter(delivery=first).order_by("attempt"))
    assert [(a.attempt, a.response_code, a.succeeded) for a in log] == [
        (1, 500, False),
        (2, 500, False),
        (3, 500, False),
        (4, 204, True),
    ]


def test_the_backoff_grows_with_jitter_and_covers_a_day(settings):
    schedule = delivery.retry_schedule()
    assert schedule[:4] == [30, 60, 120, 240]
    assert max(schedule) == settings.WEBHOOK_RETRY_MAX_SECONDS
    assert sum(schedule) >= 24 * 3600 and sum(schedule[:-1]) < 24 * 3600
    rng = random.Random(7)
    for attempts, base in ((1, 30), (5, 480), (30, 3600)):
        delays = {delivery.retry_delay(attempts, rng).total_seconds() for _ in range(20)}
        assert all(base / 2 <= d <= base for d in delays) and len(delays) > 1


def test_after_a_day_of_failures_the_endpoint_is_paused(home_ar, receiver, run_worker):
    endpoint = make_endpoint(receiver.url)
    receiver.status = 503
    add_page(home_ar, StandardPage(title="Budget", slug="budget"))
    run_worker()
    WebhookDelivery.objects.update(created_at=timezone.now() - timedelta(hours=24))
    time_passes()
    run_worker()
    endpoint.refresh_from_db()
    assert endpoint.paused_at is not None and "503" in endpoint.pause_reason
    assert WebhookDelivery.objects.get().status == DeliveryStatus.GAVE_UP
    # While paused, changes are not queued for it; the feed keeps them (catch up with `changes`).
    add_page(home_ar, StandardPage(title="Loans", slug="loans"))
    assert WebhookDelivery.objects.count() == 1


def test_a_failing_partner_does_not_hold_up_another(home_ar, receiver, run_worker):
    dead = make_endpoint("http://127.0.0.1:1/hook", partner="Offline portal")
    working = make_endpoint(receiver.url)
    add_page(home_ar, StandardPage(title="Budget", slug="budget"))
    run_worker()
    assert len(verified(receiver, working)) == 1
    assert WebhookDelivery.objects.get(endpoint=dead).attempts == 1
    assert "Connection" in DeliveryAttempt.objects.get(endpoint=dead).error


def test_redirects_are_not_followed(home_ar, receiver, run_worker):
    receiver.status = 302
    make_endpoint(receiver.url)
    add_page(home_ar, StandardPage(title="Budget", slug="budget"))
    run_worker()
    sent = WebhookDelivery.objects.get()
    assert sent.status == DeliveryStatus.PENDING and sent.last_response_code == 302


def test_killing_the_worker_mid_delivery_loses_nothing_and_duplicates_nothing(
    home_ar, receiver, run_worker
):
    import threading

    endpoint = make_endpoint(receiver.url)
    for slug in ("one", "two", "three"):
        add_page(home_ar, StandardPage(title=slug, slug=slug))
    receiver.hold = threading.Event()
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": this_test_database_url(),
        "PYTHONPATH": str(ROOT),
    }
    worker = subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--backend",
            "background",
            "--no-reload",
            "--no-startup-delay",
            "--interval",
            "0.1",
        ],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        assert receiver.arrived.wait(timeout=60), "the worker never sent the first event"
        worker.send_signal(signal.SIGKILL)  # dies mid-delivery, its lease still held
        worker.wait(timeout=10)
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait(timeout=10)
        receiver.hold.set()
    receiver.hold = None
    first = WebhookDelivery.objects.order_by("pk").first()
    assert first.status == DeliveryStatus.PENDING  # not marked sent: it will go again

    run_worker()  # restarted at once: the dead worker's lease holds it back (no double send)
    assert WebhookDelivery.objects.filter(status=DeliveryStatus.DELIVERED).count() == 0
    time_passes()  # the lease runs out; the every-minute sweep finds the waiting events
    assert delivery.requeue_waiting_endpoints() == 1
    run_worker()

    events = verified(receiver, endpoint)
    expected = [f"msg_{d.entry_id}_{endpoint.pk}" for d in WebhookDelivery.objects.order_by("pk")]
    # The in-flight event reached the receiver before the kill and again after, under the
    # same webhook-id: a receiver that keeps the ids it handled processes it once.
    processed = list(dict.fromkeys(receiver.ids()))
    assert processed == expected and len(events) <= len(expected) + 1
    assert set(WebhookDelivery.objects.values_list("status", flat=True)) == {"delivered"}
