"""Each rule of site_pages/enquiries.py, pinned exactly (issue 24): the form's checks and their
words in both languages, what is stored, the staff e-mail, the lease, the retries and the sweep.

Plain database tests that call the module directly (the slow end-to-end runs with a real worker
and SMTP servers are in tests/test_background_notifications.py). The clock the module reads is
replaced by one the test sets, so that times are compared to the microsecond.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.db import IntegrityError, OperationalError
from django.utils import translation
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from site_pages import enquiries
from site_pages.enquiries import SubmissionResult, submit_enquiry
from site_pages.models import Enquiry
from site_pages.models import enquiries as enquiry_models

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
MESSAGE = "أود الاستفسار عن حالة أمر الدفع رقم ١٢٣."
VALID = {"name": "سارة", "email": "sara@example.com", "topic": "payment_orders", "message": MESSAGE}

# The visitor's messages, word for word, as locale/ar/LC_MESSAGES/django.po has them.
NO_CONTACT = {
    "en": "Give an e-mail address or a phone number so that we can answer you.",
    "ar": "أدخل بريدًا إلكترونيًا أو رقم هاتف لنتمكن من الرد عليك.",
}
BAD_PHONE = {
    "en": "Enter a phone number of digits only, like 0501234567.",
    "ar": "أدخل رقم هاتف بالأرقام فقط، مثل 0501234567.",
}
SHORT_MESSAGE = {"en": "Write at least 10 characters.", "ar": "اكتب 10 حرفًا على الأقل."}
BAD_EMAIL = {
    "en": "Enter an e-mail address like name@example.com.",
    "ar": "أدخل بريدًا إلكترونيًا مثل name@example.com.",
}
NOT_SENT = {"en": "Your enquiry could not be sent.", "ar": "تعذّر إرسال استفسارك."}


class Clock:
    def __init__(self) -> None:
        self.time = NOW

    def now(self) -> datetime:
        return self.time


@pytest.fixture
def clock(monkeypatch) -> Clock:
    """The time site_pages.enquiries reads (its `timezone.now()`): NOW until a test moves it."""
    fake = Clock()
    monkeypatch.setattr(enquiries, "timezone", fake)
    return fake


@pytest.fixture
def log(caplog):
    """What site_pages.enquiries logged, as (level, message) pairs."""
    caplog.set_level(logging.INFO, logger="mizan.enquiries")

    def records() -> list[tuple[str, str]]:
        return [
            (r.levelname, r.getMessage()) for r in caplog.records if r.name == "mizan.enquiries"
        ]

    return records


@pytest.fixture
def nobody_told(settings):
    settings.ENQUIRY_NOTIFY_EMAILS = []


@pytest.fixture
def care_team(settings):
    settings.ENQUIRY_NOTIFY_EMAILS = ["care@mof.gov.sa"]


def stored(**fields) -> Enquiry:
    """An enquiry in the database as _store leaves it, with the outbox fields given."""
    values = {"language": "en", "email": "sara@example.com", "topic": "payment_orders"}
    return Enquiry.objects.create(**{**values, "message": "A message of some length.", **fields})


def queued_pks() -> list[int]:
    return sorted(row.args_kwargs["args"][0] for row in DBTaskResult.objects.all())


# The form and the submission


def test_an_enquiry_is_stored_exactly_as_cleaned(db, nobody_told, log):
    data = {**VALID, "name": " سا\u200fرة\u202e ", "phone": "050 123 4567", "honeypot": ""}
    result = submit_enquiry({**data, "message": "\u2066" + MESSAGE + "\x1b "}, "en")
    enquiry = Enquiry.objects.get()
    assert result == SubmissionResult(ok=True, reference=enquiry.reference, errors=[])
    assert (enquiry.language, enquiry.name, enquiry.email, enquiry.phone) == (
        "en",
        "سارة",
        "sara@example.com",
        "0501234567",
    )
    assert (enquiry.topic, enquiry.message) == ("payment_orders", MESSAGE)
    assert (enquiry.notify_after, enquiry.notified_at, enquiry.notify_attempts) == (None, None, 0)
    assert log() == [("INFO", f"Enquiry {enquiry.reference} received (payment_orders, en)")]


def test_fields_left_out_or_null_are_stored_empty(db, nobody_told):
    assert submit_enquiry({**VALID, "name": None, "phone": None, "honeypot": None}, "ar").ok
    enquiry = Enquiry.objects.get()
    assert (enquiry.name, enquiry.phone, enquiry.language) == ("", "", "ar")
    assert enquiries.clean_text(None) == ""


def test_a_language_other_than_arabic_or_english_gets_arabic(db, nobody_told):
    for language in ("fr", "", "AR"):
        result = submit_enquiry({**VALID, "email": None}, language)
        assert result == SubmissionResult(ok=False, errors=[("email", NO_CONTACT["ar"])])
    assert submit_enquiry(VALID, "fr").ok
    assert Enquiry.objects.get().language == "ar"


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_message_counts_only_visible_characters(db, nobody_told, language):
    # Ten characters for the field's own length check, nine once the invisible one is gone.
    short = submit_enquiry({**VALID, "message": "123456789\u200b"}, language)
    assert short == SubmissionResult(ok=False, errors=[("message", SHORT_MESSAGE[language])])
    assert Enquiry.objects.count() == 0
    assert submit_enquiry({**VALID, "message": "12345\u200e67890"}, language).ok
    assert Enquiry.objects.get().message == "1234567890"


@pytest.mark.parametrize(
    "typed, kept",
    [
        ("12345", "12345"),  # the fewest digits
        ("+123456789012345", "+123456789012345"),  # the most, with the international "+"
        ("+966 ٥٠ ١٢٣ ٤٥٦٧", "+966501234567"),  # Arabic-Indic digits
        ("۰۵۰ ۱۲۳ ۴۵۶۷", "0501234567"),  # Extended Arabic-Indic (Persian) digits
        ("(050) 123-4567", "0501234567"),
        ("0501234567", "0501234567"),
    ],
)
def test_a_phone_number_is_kept_as_its_digits(db, nobody_told, typed, kept):
    assert submit_enquiry({**VALID, "email": None, "phone": typed}, "en").ok
    assert Enquiry.objects.get().phone == kept


@pytest.mark.parametrize(
    "typed",
    [
        "1234",  # four digits
        "1234567890123456",  # sixteen
        "+1234567890123456",
        "0501234567 ext 2",  # enough digits, but letters
        "050+1234567",  # a "+" that does not lead
        "call me maybe",
    ],
)
def test_a_phone_number_that_is_not_one_is_refused(db, nobody_told, typed):
    result = submit_enquiry({**VALID, "phone": typed}, "en")
    assert result == SubmissionResult(ok=False, errors=[("phone", BAD_PHONE["en"])])
    assert Enquiry.objects.count() == 0


@pytest.mark.parametrize("language", ["en", "ar"])
def test_an_e_mail_address_or_a_phone_number_is_needed_and_said_once(db, nobody_told, language):
    def errors(**changes):
        return submit_enquiry({**VALID, **changes}, language).errors

    assert errors(email=None) == [("email", NO_CONTACT[language])]
    assert errors(email="", phone="") == [("email", NO_CONTACT[language])]
    # A wrong address or number is said as such, without the rule on top.
    assert errors(email="not-an-address") == [("email", BAD_EMAIL[language])]
    assert errors(email=None, phone="12") == [("phone", BAD_PHONE[language])]
    assert errors(email="not-an-address", phone="12") == [
        ("email", BAD_EMAIL[language]),
        ("phone", BAD_PHONE[language]),
    ]
    assert Enquiry.objects.count() == 0
    assert submit_enquiry({**VALID, "email": None, "phone": "0501234567"}, language).ok


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_filled_honeypot_is_refused_in_a_word_and_nothing_is_kept(
    db, care_team, log, django_capture_on_commit_callbacks, language
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        result = submit_enquiry({**VALID, "honeypot": "http://spam.example/"}, language)
    assert result == SubmissionResult(ok=False, errors=[("__all__", NOT_SENT[language])])
    assert Enquiry.objects.count() == 0 and callbacks == [] and not DBTaskResult.objects.exists()
    assert log() == [("INFO", "Enquiry refused: honeypot filled")]


# Storing, and the outbox


def test_a_reference_clash_is_drawn_again(db, nobody_told, monkeypatch, log):
    stored(reference="MOF-2026-AAAAAAAA")
    drawn = iter(["MOF-2026-AAAAAAAA", "MOF-2026-AAAAAAAA", "MOF-2026-BBBBBBBB"])
    monkeypatch.setattr(enquiry_models, "new_reference", lambda now=None: next(drawn))
    assert submit_enquiry(VALID, "ar").reference == "MOF-2026-BBBBBBBB"
    assert Enquiry.objects.get(reference="MOF-2026-BBBBBBBB").message == MESSAGE
    clash = ("WARNING", "Enquiry reference clash; drawing another")
    assert log()[:2] == [clash, clash]


def test_five_clashes_in_a_row_are_an_error_and_nothing_is_stored(
    db, nobody_told, monkeypatch, log
):
    stored(reference="MOF-2026-AAAAAAAA")
    draws = []

    def always_the_same(now=None):
        draws.append(now)
        return "MOF-2026-AAAAAAAA"

    monkeypatch.setattr(enquiry_models, "new_reference", always_the_same)
    with pytest.raises(IntegrityError):
        submit_enquiry(VALID, "ar")
    assert len(draws) == enquiries.REFERENCE_ATTEMPTS == 5
    assert Enquiry.objects.count() == 1
    assert log() == [("WARNING", "Enquiry reference clash; drawing another")] * 4


def test_the_notification_is_due_at_once_and_queued_on_commit(
    db, care_team, clock, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        result = submit_enquiry(VALID, "ar")
    enquiry = Enquiry.objects.get(reference=result.reference)
    assert enquiry.notify_after == NOW and len(callbacks) == 1
    queued = DBTaskResult.objects.get()
    assert queued.args_kwargs == {"args": [enquiry.pk], "kwargs": {}}
    assert queued.task_path == enquiries.send_staff_notification.module_path


def test_nothing_is_queued_when_nobody_is_to_be_told(
    db, nobody_told, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        result = submit_enquiry(VALID, "ar")
    assert Enquiry.objects.get(reference=result.reference).notify_after is None
    assert callbacks == [] and not DBTaskResult.objects.exists()


@pytest.mark.parametrize(
    "setting, recipients",
    [
        (["care@mof.gov.sa"], ["care@mof.gov.sa"]),
        (("care@mof.gov.sa", "duty@mof.gov.sa"), ["care@mof.gov.sa", "duty@mof.gov.sa"]),
        ([], []),
        (None, []),
    ],
)
def test_the_recipients_come_from_the_setting(settings, setting, recipients):
    settings.ENQUIRY_NOTIFY_EMAILS = setting
    assert enquiries.notification_recipients() == recipients


def test_without_the_setting_nobody_is_told(settings):
    del settings.ENQUIRY_NOTIFY_EMAILS
    assert enquiries.notification_recipients() == []


# The notification: the lease, the e-mail, the retries


def test_a_due_notification_is_leased_for_three_mail_timeouts_and_a_minute(db, clock, settings):
    settings.EMAIL_TIMEOUT = 10
    enquiry = stored(notify_after=NOW)  # due this very moment
    other = stored(notify_after=NOW - timedelta(minutes=1))
    claimed = enquiries._claim(enquiry.pk)
    assert claimed.pk == enquiry.pk
    assert claimed.notify_after == NOW + timedelta(seconds=90)
    other.refresh_from_db()
    assert other.notify_after == NOW - timedelta(minutes=1)  # another enquiry's is its own
    # While the lease runs, no other attempt takes it.
    assert enquiries._claim(enquiry.pk) is None
    clock.time = NOW + timedelta(seconds=90)
    assert enquiries._claim(enquiry.pk).notify_after == clock.time + timedelta(seconds=90)


@pytest.mark.parametrize(
    "outbox",
    [
        {"notify_after": NOW + timedelta(seconds=1)},  # not due yet
        {"notify_after": None},  # nothing to send
        {"notify_after": NOW - timedelta(minutes=1), "notified_at": NOW - timedelta(minutes=2)},
    ],
)
def test_a_notification_not_due_is_not_taken(db, clock, outbox):
    enquiry = stored(**outbox)
    assert enquiries._claim(enquiry.pk) is None
    enquiry.refresh_from_db()
    assert enquiry.notify_after == outbox["notify_after"]


@pytest.mark.parametrize(
    "base_url, admin_url",
    [
        ("https://cms.mof.gov.sa", "https://cms.mof.gov.sa/admin/enquiries/"),
        ("https://cms.mof.gov.sa/", "https://cms.mof.gov.sa/admin/enquiries/"),
        # Only the slash is taken off the end: the path's own last letter stays.
        ("https://intranet.mof.gov.sa/TAX/", "https://intranet.mof.gov.sa/TAX/admin/enquiries/"),
    ],
)
def test_the_staff_e_mail_has_the_reference_and_a_link_not_the_visitors_data(
    db, settings, base_url, admin_url
):
    settings.ENQUIRY_NOTIFY_EMAILS = ["care@mof.gov.sa", "duty@mof.gov.sa"]
    settings.DEFAULT_FROM_EMAIL = "Mizan <no-reply@mof.gov.sa>"
    settings.WAGTAILADMIN_BASE_URL = base_url
    enquiry = stored(name="Sara", phone="0501234567")
    with translation.override("ar"):  # the worker runs in the site's language, LANGUAGE_CODE
        enquiries._send(enquiry)
    (message,) = mail.outbox
    assert message.subject == f"[Mizan] New enquiry {enquiry.reference}"
    assert message.body == (
        "A new enquiry has been received.\n\n"
        f"Reference: {enquiry.reference}\n"
        "Topic: أوامر الدفع\n"
        "Language: en\n\n"
        f"Read and answer it in the admin: {admin_url}\n"
    )
    assert message.from_email == "Mizan <no-reply@mof.gov.sa>"
    assert message.to == ["care@mof.gov.sa", "duty@mof.gov.sa"]
    assert message.cc == message.bcc == []


def test_the_task_sends_once_and_records_it(db, care_team, clock):
    enquiry = stored(notify_after=NOW)
    assert enquiries.send_staff_notification.call(enquiry.pk) == "sent"
    enquiry.refresh_from_db()
    assert (enquiry.notified_at, enquiry.notify_after, enquiry.notify_attempts) == (NOW, None, 1)
    assert enquiries.send_staff_notification.call(enquiry.pk) == "not due"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["care@mof.gov.sa"]


@pytest.mark.parametrize("seconds", [60, 7])
def test_retries_wait_1_2_4_8_times_the_retry_seconds(settings, seconds):
    settings.ENQUIRY_NOTIFY_RETRY_SECONDS = seconds
    delays = [enquiries.retry_delay(attempts) for attempts in (1, 2, 3, 4)]
    assert delays == [timedelta(seconds=seconds * n) for n in (1, 2, 4, 8)]


def test_a_failed_send_is_queued_again_later_and_then_given_up(
    db, care_team, clock, settings, monkeypatch
):
    settings.ENQUIRY_NOTIFY_ATTEMPTS = 3
    settings.ENQUIRY_NOTIFY_RETRY_SECONDS = 60

    def refuse(**message):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(enquiries, "send_mail", refuse)
    enquiry = stored(notify_after=NOW)
    for attempts, wait in ((1, 60), (2, 120)):
        assert enquiries.send_staff_notification.call(enquiry.pk) == "retry"
        enquiry.refresh_from_db()
        retry_at = clock.time + timedelta(seconds=wait)
        assert (enquiry.notify_attempts, enquiry.notify_after) == (attempts, retry_at)
        retry = DBTaskResult.objects.get()
        assert (retry.args_kwargs["args"], retry.run_after) == ([enquiry.pk], retry_at)
        DBTaskResult.objects.all().delete()
        assert enquiries.send_staff_notification.call(enquiry.pk) == "not due"
        clock.time = retry_at
    assert enquiries.send_staff_notification.call(enquiry.pk) == "gave up"
    enquiry.refresh_from_db()
    assert (enquiry.notify_attempts, enquiry.notify_after, enquiry.notified_at) == (3, None, None)
    assert not DBTaskResult.objects.exists()


def test_queueing_names_the_enquiry_and_the_time(db):
    later = NOW + timedelta(minutes=5)
    enquiries.queue_staff_notification(42, run_after=later)
    queued = DBTaskResult.objects.get()
    assert queued.args_kwargs == {"args": [42], "kwargs": {}} and queued.run_after == later


def test_a_queue_that_cannot_take_the_notification_is_logged_not_raised(db, monkeypatch, log):
    def unreachable(self, task, args, kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(DatabaseBackend, "enqueue", unreachable)
    assert enquiries.queue_staff_notification(42) is None
    message = (
        "Could not queue the notification of enquiry 42 (database is locked); the sweep will retry"
    )
    assert log() == [("WARNING", message)]


# The sweep


def test_the_sweep_requeues_what_is_ten_minutes_overdue_and_nothing_else(db, clock, log):
    cutoff = NOW - enquiries.LOST_NOTIFICATION_AFTER
    assert cutoff == NOW - timedelta(minutes=10)
    lost = [stored(notify_after=cutoff), stored(notify_after=cutoff - timedelta(days=1))]
    kept = {
        "just in time": stored(notify_after=cutoff + timedelta(seconds=1)),
        "due now": stored(notify_after=NOW),
        "given up": stored(notify_after=None),
        "sent": stored(notify_after=cutoff - timedelta(minutes=1), notified_at=cutoff),
    }
    assert enquiries.requeue_lost_notifications() == 2
    assert queued_pks() == sorted(enquiry.pk for enquiry in lost)
    for enquiry in lost:  # due now: the next sweep leaves them alone for ten minutes
        enquiry.refresh_from_db()
        assert enquiry.notify_after == NOW
    for name, enquiry in kept.items():
        assert Enquiry.objects.get(pk=enquiry.pk).notify_after == enquiry.notify_after, name
    assert log() == [("WARNING", "Re-queued 2 enquiry notifications whose task was lost")]

    assert enquiries.requeue_lost_notifications() == 0
    assert DBTaskResult.objects.count() == 2 and len(log()) == 1  # nothing more, said nothing


def test_the_sweep_takes_a_batch_at_a_time(db, clock):
    overdue = NOW - timedelta(hours=1)
    Enquiry.objects.bulk_create(
        Enquiry(
            reference=f"MOF-2026-{n:08d}",
            language="ar",
            email="sara@example.com",
            topic="general",
            message="A message of some length.",
            notify_after=overdue,
        )
        for n in range(enquiries.SWEEP_BATCH + 1)
    )
    assert enquiries.SWEEP_BATCH == 100
    assert enquiries.requeue_lost_notifications() == 100
    assert DBTaskResult.objects.count() == 100
    assert Enquiry.objects.filter(notify_after=NOW).count() == 100
    assert enquiries.requeue_lost_notifications() == 1


def test_a_notification_sent_during_the_sweep_is_not_made_due_again(db, clock, monkeypatch):
    overdue = NOW - timedelta(hours=1)
    first, second = stored(notify_after=overdue), stored(notify_after=overdue)
    queue, queued = enquiries.queue_staff_notification, []

    def queue_while_a_worker_sends_the_other(pk, run_after=None):
        queue(pk, run_after)
        if not queued:  # the other one's task was not lost after all: it is sent now
            Enquiry.objects.exclude(pk=pk).update(notified_at=NOW, notify_after=None)
        queued.append(pk)

    monkeypatch.setattr(enquiries, "queue_staff_notification", queue_while_a_worker_sends_the_other)
    assert enquiries.requeue_lost_notifications() == 2
    outbox = sorted(Enquiry.objects.values_list("notify_after", "notified_at"), key=str)
    assert outbox == sorted([(NOW, None), (None, NOW)], key=str)
    assert sorted(queued) == queued_pks() == sorted([first.pk, second.pk])
