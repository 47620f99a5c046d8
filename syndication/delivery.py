"""Signed webhooks: the outbox, the worker's sending task, retries, pausing.

Each feed entry an endpoint subscribed to becomes one outbox row (`WebhookDelivery`), written in
the entry's transaction (syndication/recording.py). Once it commits, a django-tasks task on the
background backend (`deliver_to`, run by `db_worker`, as the enquiry notifications are) sends the
endpoint's waiting events one at a time, oldest first, so a receiver gets them in feed order.

- Signed after Standard Webhooks with the `standardwebhooks` package: `webhook-id` (the same on
  every attempt, so receivers drop repeats), `webhook-timestamp`, `webhook-signature`.
- One receiver's events never wait on another's: each endpoint has its own task and lease; a
  timeout of WEBHOOK_TIMEOUT_SECONDS bounds one attempt; redirects are not followed.
- A failure is retried after `retry_delay(n)` (exponential, with jitter); once an event has
  failed for WEBHOOK_RETRY_HOURS the endpoint is paused, with the reason shown in the admin.
- A task lost (the queue unreachable at commit, a worker killed mid-send) is queued again by the
  every-minute sweep; the event goes out again under the same webhook-id.
"""

from __future__ import annotations

import base64
import json
import logging
import random
import secrets
import time
import uuid
from datetime import UTC, datetime, timedelta

import urllib3
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import task
from standardwebhooks.webhooks import Webhook

from syndication.models import (
    ChangeEntry,
    DeliveryAttempt,
    DeliveryStatus,
    WebhookDelivery,
    WebhookEndpoint,
)

logger = logging.getLogger("mizan.webhooks")

# Events one task sends before it hands over to a fresh task (other endpoints' tasks run between).
BATCH = 50
# A waiting event whose task has not run for this long has lost it: the sweep queues another.
LOST_AFTER = timedelta(minutes=2)
TEST_EVENT_TYPE = "test"

_http = urllib3.PoolManager(retries=False, maxsize=4)


def new_secret() -> str:
    """A Standard Webhooks secret: whsec_ and 32 random bytes in base64."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


def event_type(action: str) -> str:
    return f"change.{action}"


def entry_data(entry: ChangeEntry) -> dict:
    """The feed entry as the API's `changes` shows it (camelCase), for the event body."""
    from syndication.graphql import encode_cursor

    return {
        "sequence": entry.sequence,
        "cursor": encode_cursor(entry.sequence),
        "action": entry.action,
        "pageId": str(entry.page_id),
        "pageType": entry.page_type,
        "locale": entry.locale,
        "path": entry.path or None,
        "url": entry.url or None,
        "serviceCode": entry.service_code or None,
        "serviceStatus": entry.service_status or None,
        "occurredAt": entry.occurred_at.isoformat(),
    }


def event_payload(entry: ChangeEntry) -> dict:
    return {
        "type": event_type(entry.action),
        "timestamp": entry.occurred_at.isoformat(),
        "data": entry_data(entry),
    }


def queue_deliveries(entries: list[ChangeEntry]) -> list[WebhookDelivery]:
    """Outbox rows for the endpoints that want these entries (inside the entries' transaction),
    and their tasks once it commits."""
    endpoints = [
        endpoint
        for endpoint in WebhookEndpoint.objects.filter(
            is_active=True, paused_at__isnull=True, api_key__is_active=True
        ).select_related("api_key")
        if endpoint.api_key.is_usable
    ]
    if not endpoints:
        return []
    now = timezone.now()
    rows = [
        WebhookDelivery(
            endpoint=endpoint,
            entry=entry,
            message_id=f"msg_{entry.sequence}_{endpoint.pk}",
            payload=event_payload(entry),
            next_attempt_at=now,
            created_at=now,
        )
        for entry in entries
        for endpoint in endpoints
        if entry.action in endpoint.events
    ]
    if not rows:
        return []
    WebhookDelivery.objects.bulk_create(rows)
    endpoint_ids = sorted({row.endpoint_id for row in rows})
    # One task per commit whatever the number of partners (a publish then costs the same with
    # five endpoints as with one); it starts each endpoint's own task on the worker.
    transaction.on_commit(lambda: queue_fan_out(endpoint_ids))
    return rows


def queue_fan_out(endpoint_ids: list[int]) -> None:
    try:
        fan_out.enqueue(endpoint_ids)
    except Exception as exc:
        logger.warning("Could not queue webhooks (%s); the sweep will retry", exc)


@task(backend=settings.BACKGROUND_TASKS)
def fan_out(endpoint_ids: list[int]) -> int:
    """Start the sending task of each endpoint that has new events."""
    for pk in endpoint_ids:
        queue_endpoint(pk)
    return len(endpoint_ids)


def queue_endpoint(endpoint_pk: int, run_after: datetime | None = None) -> None:
    """Hand an endpoint's waiting events to the worker; if the queue cannot take it, the sweep
    will."""
    try:
        deliver_to.using(run_after=run_after).enqueue(endpoint_pk)
    except Exception as exc:
        logger.warning(
            "Could not queue webhooks for endpoint %s (%s); the sweep will retry", endpoint_pk, exc
        )


def retry_schedule() -> list[int]:
    """The delays (seconds, before jitter) after the 1st, 2nd, … failure, within the window."""
    window = settings.WEBHOOK_RETRY_HOURS * 3600
    delays, total, n = [], 0, 1
    while total < window:
        delay = min(
            settings.WEBHOOK_RETRY_BASE_SECONDS * 2 ** (n - 1), settings.WEBHOOK_RETRY_MAX_SECONDS
        )
        delays.append(delay)
        total += delay
        n += 1
    return delays


def retry_delay(attempts_made: int, rng: random.Random | None = None) -> timedelta:
    """Base × 2^(n-1), capped, then between half and all of it (jitter), so that receivers
    that came back at once are not all retried in the same second."""
    delay = min(
        settings.WEBHOOK_RETRY_BASE_SECONDS * 2 ** (attempts_made - 1),
        settings.WEBHOOK_RETRY_MAX_SECONDS,
    )
    return timedelta(seconds=delay * (rng or random).uniform(0.5, 1.0))


def _lease_seconds() -> float:
    return settings.WEBHOOK_TIMEOUT_SECONDS * 2 + 30


def _take_lease(endpoint_pk: int) -> bool:
    now = timezone.now()
    return bool(
        WebhookEndpoint.objects.filter(pk=endpoint_pk)
        .filter(Q(lease_until__isnull=True) | Q(lease_until__lt=now))
        .update(lease_until=now + timedelta(seconds=_lease_seconds()))
    )


def _renew_lease(endpoint_pk: int) -> None:
    WebhookEndpoint.objects.filter(pk=endpoint_pk).update(
        lease_until=timezone.now() + timedelta(seconds=_lease_seconds())
    )


def _head(endpoint_pk: int) -> WebhookDelivery | None:
    return (
        WebhookDelivery.objects.filter(endpoint_id=endpoint_pk, status=DeliveryStatus.PENDING)
        .order_by("pk")
        .first()
    )


@task(backend=settings.BACKGROUND_TASKS)
def deliver_to(endpoint_pk: int) -> str:
    """Send an endpoint's due events, oldest first, until one fails or none is due."""
    if not _take_lease(endpoint_pk):
        return "busy"  # another task is sending to this endpoint; it looks again when done
    outcome = "error"  # an exception: the sweep queues the endpoint again
    try:
        endpoint = WebhookEndpoint.objects.select_related("api_key").filter(pk=endpoint_pk).first()
        for _ in range(BATCH):
            outcome = _send_head(endpoint, endpoint_pk)
            if outcome != "sent":
                return outcome
        outcome = "more"
        return outcome
    finally:
        WebhookEndpoint.objects.filter(pk=endpoint_pk).update(lease_until=None)
        # More to send, or events committed while this task held the lease (their own task
        # found it busy): look once more. Paused, backing off or failed: their time will come.
        if outcome == "more" or (outcome == "idle" and _due_head_exists(endpoint_pk)):
            queue_endpoint(endpoint_pk)


def _send_head(endpoint: WebhookEndpoint | None, endpoint_pk: int) -> str:
    if endpoint is None or not endpoint.receiving:
        return "paused"
    delivery = _head(endpoint_pk)
    if delivery is None:
        return "idle"
    if delivery.next_attempt_at and delivery.next_attempt_at > timezone.now():
        return "waiting"  # backing off: its retry task is queued for then
    _renew_lease(endpoint_pk)
    return "sent" if attempt(endpoint, delivery) else "retry"


def _due_head_exists(endpoint_pk: int) -> bool:
    head = _head(endpoint_pk)
    return head is not None and (
        head.next_attempt_at is None or head.next_attempt_at <= timezone.now()
    )


def sign(endpoint: WebhookEndpoint, message_id: str, body: str, at: datetime) -> str:
    return Webhook(endpoint.secret).sign(msg_id=message_id, timestamp=at, data=body)


def attempt(endpoint: WebhookEndpoint, delivery: WebhookDelivery) -> bool:
    """POST one event once; record the attempt; schedule the retry or pause. True if delivered."""
    body = json.dumps(delivery.payload, ensure_ascii=False, separators=(",", ":"))
    now = datetime.now(UTC)
    message_id = delivery.message_id  # the same on every attempt
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "Mizan-Webhooks/1",
        "webhook-id": message_id,
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": sign(endpoint, message_id, body, now),
    }
    limit = settings.WEBHOOK_TIMEOUT_SECONDS
    started = time.monotonic()
    code, error = None, ""
    try:
        response = _http.request(
            "POST",
            endpoint.url,
            body=body.encode(),
            headers=headers,
            timeout=urllib3.Timeout(connect=min(limit, 3), read=limit, total=limit),
            redirect=False,
            retries=False,
            preload_content=False,
        )
        try:
            code = response.status
            response.read(4096)  # a little of the body, never a huge one
        finally:
            response.release_conn()
    except Exception as exc:  # refused, timed out, TLS, bad address: all retried alike
        error = f"{type(exc).__name__}: {exc}"[:300]
    duration_ms = int((time.monotonic() - started) * 1000)
    delivered = code is not None and 200 <= code < 300
    if code is not None and not delivered:
        error = f"HTTP {code}"
    attempts = delivery.attempts + 1
    DeliveryAttempt.objects.create(
        delivery=delivery,
        endpoint=endpoint,
        attempt=attempts,
        response_code=code,
        duration_ms=duration_ms,
        succeeded=delivered,
        error=error,
    )
    if delivered:
        WebhookDelivery.objects.filter(pk=delivery.pk).update(
            status=DeliveryStatus.DELIVERED,
            attempts=attempts,
            delivered_at=timezone.now(),
            next_attempt_at=None,
            last_response_code=code,
        )
        return True
    retry_at = timezone.now() + retry_delay(attempts)
    window_end = delivery.created_at + timedelta(hours=settings.WEBHOOK_RETRY_HOURS)
    if retry_at > window_end:
        WebhookDelivery.objects.filter(pk=delivery.pk).update(
            status=DeliveryStatus.GAVE_UP,
            attempts=attempts,
            next_attempt_at=None,
            last_response_code=code,
        )
        pause(
            endpoint,
            f"Event {delivery.message_id} failed for {settings.WEBHOOK_RETRY_HOURS} hours "
            f"({attempts} attempts; last: {error}).",
        )
        logger.error("Paused webhook endpoint %s: %s", endpoint.pk, error)
        return False
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        attempts=attempts, next_attempt_at=retry_at, last_response_code=code
    )
    logger.warning(
        "Webhook %s to endpoint %s failed (attempt %d: %s); retrying at %s",
        delivery.message_id,
        endpoint.pk,
        attempts,
        error,
        retry_at.isoformat(timespec="seconds"),
    )
    queue_endpoint(endpoint.pk, run_after=retry_at)
    return False


def pause(endpoint: WebhookEndpoint, reason: str) -> None:
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(
        paused_at=timezone.now(), pause_reason=reason[:1000]
    )


def resume(endpoint: WebhookEndpoint) -> None:
    """Staff resumed it: the waiting events go out, oldest first."""
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(paused_at=None, pause_reason="")
    transaction.on_commit(lambda: queue_endpoint(endpoint.pk))


def redeliver(delivery: WebhookDelivery) -> None:
    """Send an event again (same webhook-id): it goes before the endpoint's other waiting events."""
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.PENDING, next_attempt_at=timezone.now(), created_at=timezone.now()
    )
    transaction.on_commit(lambda: queue_endpoint(delivery.endpoint_id))


def send_test_event(endpoint: WebhookEndpoint) -> WebhookDelivery:
    now = timezone.now()
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint,
        message_id=f"msg_test_{uuid.uuid4().hex}",
        payload={
            "type": TEST_EVENT_TYPE,
            "timestamp": now.isoformat(),
            "data": {"message": "A test event from the ministry's site: your receiver works."},
        },
        next_attempt_at=now,
        created_at=now,
    )
    transaction.on_commit(lambda: queue_endpoint(endpoint.pk))
    return delivery


def requeue_waiting_endpoints() -> int:
    """The every-minute sweep: endpoints with a due event, no lease and no task for a while get a
    task again; returns how many."""
    now = timezone.now()
    stuck = (
        WebhookDelivery.objects.filter(
            status=DeliveryStatus.PENDING,
            next_attempt_at__lte=now - LOST_AFTER,
            endpoint__is_active=True,
            endpoint__paused_at__isnull=True,
        )
        .filter(Q(endpoint__lease_until__isnull=True) | Q(endpoint__lease_until__lt=now))
        .values_list("endpoint_id", flat=True)
        .distinct()
    )
    endpoint_ids = sorted(set(stuck))
    for pk in endpoint_ids:
        # Due now, so the next sweep waits LOST_AFTER again before a second task.
        WebhookDelivery.objects.filter(
            endpoint_id=pk, status=DeliveryStatus.PENDING, next_attempt_at__lte=now
        ).update(next_attempt_at=now)
        queue_endpoint(pk)
    if endpoint_ids:
        logger.warning("Re-queued webhooks of %d endpoints whose task was lost", len(endpoint_ids))
    return len(endpoint_ids)
