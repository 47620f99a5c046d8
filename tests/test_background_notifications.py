"""Staff notifications leave the request: sent by the worker, retried, never lost (issue 19, F4).

Real parts throughout: the database task backend, django-tasks-db's worker loop, Django's SMTP
backend, a working SMTP server (aiosmtpd) and one that accepts connections and never answers.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from frontend.testing import ENQUIRY_FORM_POST, build_site
from site_pages import enquiries
from site_pages.models import Enquiry

pytestmark = pytest.mark.django_db(transaction=True)

VALID = ENQUIRY_FORM_POST


@pytest.fixture
def mail_to(settings):
    """Point Django's real SMTP backend at a server; returns the function that does it."""

    def point(server) -> None:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = server.host, server.port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False

    settings.ENQUIRY_NOTIFY_EMAILS = ["care@mof.gov.sa"]
    settings.EMAIL_TIMEOUT = 1
    return point


def later(moment: timedelta) -> None:
    """Let time pass for what waits in the queue and the outbox (the worker reads the clock)."""
    DBTaskResult.objects.filter(status=TaskResultStatus.READY).update(
        run_after=timezone.now() - timedelta(seconds=1)
    )
    Enquiry.objects.filter(notify_after__isnull=False).update(notify_after=timezone.now() - moment)


def post_enquiry(client) -> Enquiry:
    build_site()
    response = client.post("/en/enquiry/", VALID)
    assert response.status_code == 302, response.content[:500]
    return Enquiry.objects.get()


def test_the_post_does_not_touch_a_hung_mail_server_and_the_worker_retries(
    client, mail_to, silent_smtp_server, smtp_server, run_worker
):
    mail_to(silent_smtp_server)
    enquiry = post_enquiry(client)
    # The visitor has their reference and the mail server has not even been called.
    assert silent_smtp_server.connections == 0
    assert enquiry.notify_after is not None and enquiry.notified_at is None

    run_worker(max_tasks=1)  # the hung server: the attempt times out
    assert silent_smtp_server.connections == 1
    enquiry.refresh_from_db()
    assert enquiry.notified_at is None and enquiry.notify_attempts == 1
    retry = DBTaskResult.objects.get(status=TaskResultStatus.READY)
    assert retry.run_after > timezone.now()  # backed off, not hammering the server
    assert enquiry.notify_after == retry.run_after

    run_worker()  # not due yet: nothing happens
    assert silent_smtp_server.connections == 1 and smtp_server.received.messages == []

    mail_to(smtp_server)  # the mail server is repaired
    later(timedelta(0))
    run_worker()
    enquiry.refresh_from_db()
    assert enquiry.notified_at is not None and enquiry.notify_attempts == 2
    assert enquiry.notify_after is None
    (message,) = smtp_server.received.messages
    assert message.rcpt_tos == ["care@mof.gov.sa"]
    body = message.content.decode()
    assert enquiry.reference in body and VALID["email"] not in body


def test_a_working_server_gets_one_mail_even_with_the_sweep_and_a_second_worker_run(
    client, mail_to, smtp_server, run_worker
):
    mail_to(smtp_server)
    enquiry = post_enquiry(client)
    assert smtp_server.received.messages == []  # queued, not sent by the request
    run_worker()
    run_worker()
    assert enquiries.requeue_lost_notifications() == 0
    run_worker()
    assert len(smtp_server.received.messages) == 1
    enquiry.refresh_from_db()
    assert enquiry.notified_at is not None and enquiry.notify_attempts == 1


def test_attempts_are_bounded(client, mail_to, silent_smtp_server, settings, run_worker, caplog):
    settings.ENQUIRY_NOTIFY_ATTEMPTS = 2
    mail_to(silent_smtp_server)
    enquiry = post_enquiry(client)
    run_worker()
    later(timedelta(0))
    run_worker()
    later(timedelta(0))
    run_worker()
    assert silent_smtp_server.connections == 2
    enquiry.refresh_from_db()
    assert enquiry.notify_attempts == 2 and enquiry.notify_after is None
    assert enquiry.notified_at is None
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.READY).exists()
    assert "Gave up notifying staff" in caplog.text


def test_a_lost_task_is_queued_again_by_the_sweep(client, mail_to, smtp_server, run_worker):
    mail_to(smtp_server)
    enquiry = post_enquiry(client)
    DBTaskResult.objects.all().delete()  # the queue lost it (or a worker died mid-send)
    run_worker()
    assert smtp_server.received.messages == []

    assert enquiries.requeue_lost_notifications() == 0  # not overdue yet: no duplicate
    later(enquiries.LOST_NOTIFICATION_AFTER + timedelta(seconds=1))
    assert enquiries.requeue_lost_notifications() == 1
    assert enquiries.requeue_lost_notifications() == 0  # one re-queue, not one a minute
    run_worker()
    assert len(smtp_server.received.messages) == 1
    enquiry.refresh_from_db()
    assert enquiry.notified_at is not None
