"""KPIs: atomic counters under concurrent requests, anonymous feedback, public aggregates, report."""

from __future__ import annotations

import csv
import datetime
import io
import threading

import pytest
from django.db import close_old_connections, connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from services_catalog import kpi
from services_catalog.models import ServiceDailyStats, ServiceFeedback
from services_catalog.testing import make_service

pytest_plugins = ["services_catalog.testing"]

RECORD = """mutation($code: String!, $event: ServiceEvent!, $locale: String) {
  recordServiceEvent(code: $code, event: $event, locale: $locale) { ok } }"""
FEEDBACK = """mutation($code: String!, $useful: Boolean!, $reason: FeedbackReason, $comment: String) {
  submitServiceFeedback(code: $code, useful: $useful, reason: $reason, comment: $comment) { ok } }"""


def totals(code: str) -> dict[str, int]:
    rows = ServiceDailyStats.objects.filter(service_code=code)
    return {name: sum(getattr(row, name) for row in rows) for name in kpi.COUNTERS}


@pytest.mark.django_db
def test_events_and_feedback_are_counted_per_day_and_language(gql, catalogue):
    make_service(catalogue, "MOF-IND-301")
    for event, locale in [("VIEW", "ar"), ("VIEW", "en"), ("VIEW", "ar"), ("START", "ar")]:
        assert gql(RECORD, {"code": "MOF-IND-301", "event": event, "locale": locale})[
            "recordServiceEvent"
        ]["ok"]
    gql(FEEDBACK, {"code": "MOF-IND-301", "useful": True, "reason": "CLEAR"})
    gql(FEEDBACK, {"code": "MOF-IND-301", "useful": False})
    assert totals("MOF-IND-301") == {"views": 3, "starts": 1, "useful_yes": 1, "useful_no": 1}
    assert ServiceDailyStats.objects.filter(service_code="MOF-IND-301").count() == 2  # ar, en
    # Only answers with a reason or comment are kept as rows; none names the visitor.
    assert list(ServiceFeedback.objects.values_list("useful", "reason")) == [(True, "clear")]
    public = gql(
        '{ service(code: "MOF-IND-301", locale: "en") { kpis(days: 7) { views starts usefulYes usefulNo satisfactionRate } } }'
    )
    assert public["service"]["kpis"] == {
        "views": 3,
        "starts": 1,
        "usefulYes": 1,
        "usefulNo": 1,
        "satisfactionRate": 0.5,
    }


@pytest.mark.django_db
def test_counting_refuses_unknown_or_hidden_services(gql, hidden_services):
    for code in [*hidden_services["codes"][:4], "MOF-IND-999", "x" * 100]:
        response = gql.post(RECORD, {"code": code, "event": "VIEW"})
        assert response.status_code in (200, 400)
        assert response.json()["errors"][0]["message"] in (
            "No published service has this code in this language.",
            "Unknown service code.",
        )
    assert not ServiceDailyStats.objects.exists()
    response = gql.post(FEEDBACK, {"code": "MOF-ONL-001", "useful": True, "reason": "NOT_A_REASON"})
    assert response.status_code == 400  # enum validation: a client error, not a 500


@pytest.mark.django_db
def test_comments_lose_personal_data(gql, catalogue):
    make_service(catalogue, "MOF-IND-302")
    comment = (
        "رقمي ١٠٢٣٤٥٦٧٨٩ وجوالي +966 55 123 4567 وبريدي ali@example.com "
        "والآيبان SA03 8000 0000 6080 1016 7519 وحسابي @ali_x — الخدمة ممتازة"
    )
    gql(FEEDBACK, {"code": "MOF-IND-302", "useful": True, "comment": comment})
    stored = ServiceFeedback.objects.get().comment
    for secret in ("1023456789", "123 4567", "ali@example.com", "6080", "@ali_x"):
        assert secret not in stored
    assert "الخدمة ممتازة" in stored
    response = gql.post(FEEDBACK, {"code": "MOF-IND-302", "useful": True, "comment": "x" * 5000})
    assert "too long" in response.json()["errors"][0]["message"]


def test_redaction_keeps_ordinary_text():
    assert kpi.redact_comment("Step 3 was unclear, call 19990 did not help") == (
        "Step 3 was unclear, call 19990 did not help"
    )
    assert kpi.redact_comment("\u202eabc\u200b") == "abc"


# Transactional: the fixtures re-create Wagtail's root page after a flush (site_pages.testing).
@pytest.mark.django_db(transaction=True)
def test_concurrent_counting_loses_nothing(catalogue):
    """Eight threads, each with its own database connection, count at the same moment (on
    SQLite too: the test database is a file, cms/settings/test.py)."""
    make_service(catalogue, "MOF-IND-303")
    threads_count, per_thread = 8, 25
    barrier = threading.Barrier(threads_count)
    failures: list[BaseException] = []

    def worker() -> None:
        try:
            barrier.wait()
            for _ in range(per_thread):
                kpi.record_event("MOF-IND-303", "ar", "view")
                kpi.record_feedback("MOF-IND-303", "ar", useful=True)
        except BaseException as error:
            failures.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures, failures
    expected = threads_count * per_thread
    assert totals("MOF-IND-303")["views"] == expected
    assert totals("MOF-IND-303")["useful_yes"] == expected
    assert ServiceDailyStats.objects.filter(service_code="MOF-IND-303").count() == 1


@pytest.mark.django_db
def test_update_or_create_path_counts_too(catalogue):
    """The path used on databases without ON CONFLICT, exercised here on ours."""
    today = timezone.localdate()
    kpi._update_or_create("MOF-IND-304", "ar", today, "starts")
    kpi._update_or_create("MOF-IND-304", "ar", today, "starts")
    assert totals("MOF-IND-304")["starts"] == 2


@pytest.mark.django_db
def test_kpi_report_lists_filters_and_exports(editor_client, catalogue):
    make_service(catalogue, "MOF-IND-305", category="payment-orders")
    make_service(catalogue, "MOF-IND-306", category="expropriation")
    today = timezone.localdate()
    ServiceDailyStats.objects.create(
        service_code="MOF-IND-305",
        language="ar",
        day=today,
        views=40,
        starts=10,
        useful_yes=3,
        useful_no=1,
    )
    ServiceDailyStats.objects.create(
        service_code="MOF-IND-305", language="ar", day=today - datetime.timedelta(days=10), views=20
    )
    ServiceDailyStats.objects.create(
        service_code="MOF-IND-306", language="en", day=today - datetime.timedelta(days=40), views=99
    )
    client = editor_client
    page = client.get("/admin/service-reports/kpis/", {"period": "7"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "MOF-IND-305" in html and "75%" in html
    exported = client.get("/admin/service-reports/kpis/", {"period": "7", "export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(exported.streaming_content).decode("utf-8-sig"))))
    header, data = rows[0], {row[0]: row for row in rows[1:]}
    assert len(header) == 11  # code, service, category, views, starts, rates, trend...
    assert data["MOF-IND-305"][3] == "40" and data["MOF-IND-305"][8] == "0.75"
    assert data["MOF-IND-305"][9] == "20"  # 10 days ago: in the 7 days before the period
    month = client.get(
        "/admin/service-reports/kpis/",
        {"period": "30", "category": "expropriation", "export": "csv"},
    )
    rows = list(csv.reader(io.StringIO(b"".join(month.streaming_content).decode("utf-8-sig"))))
    assert (
        [row[0] for row in rows[1:]] == ["MOF-IND-306"] and rows[1][3] == "0" and rows[1][9] == "99"
    )
    assert client.get("/admin/service-reports/kpis/", {"period": "bogus"}).status_code == 200


@pytest.mark.django_db
def test_feedback_report_shows_answers(editor_client, catalogue):
    make_service(catalogue, "MOF-IND-307")
    kpi.record_feedback(
        "MOF-IND-307", "en", useful=False, reason="outdated", comment="Fees changed"
    )
    client = editor_client
    response = client.get("/admin/service-reports/feedback/", {"service_code": "mof-ind-307"})
    assert response.status_code == 200 and "Fees changed" in response.content.decode()


# --- the counting functions, exactly (issue 24: each mutant of services_catalog/kpi.py) ---------

DAY = datetime.date(2026, 3, 1)


def row(code: str, language: str = "ar", day: datetime.date = DAY) -> dict[str, int]:
    stats = ServiceDailyStats.objects.get(service_code=code, language=language, day=day)
    return {name: getattr(stats, name) for name in kpi.COUNTERS}


@pytest.mark.django_db
def test_a_count_is_one_statement_that_creates_then_adds():
    with CaptureQueriesContext(connection) as queries:
        kpi.increment("MOF-K-1", "ar", "starts", day=DAY)
    (only,) = queries.captured_queries
    assert "ON CONFLICT" in only["sql"]  # atomic in the database, no read-modify-write
    assert row("MOF-K-1") == {"views": 0, "starts": 1, "useful_yes": 0, "useful_no": 0}
    kpi.increment("MOF-K-1", "ar", "starts", day=DAY, by=3)
    kpi.increment("MOF-K-1", "ar", "useful_no", day=DAY)
    assert row("MOF-K-1") == {"views": 0, "starts": 4, "useful_yes": 0, "useful_no": 1}
    kpi.increment("MOF-K-1", "en", "views", day=DAY)
    assert row("MOF-K-1", "en") == {"views": 1, "starts": 0, "useful_yes": 0, "useful_no": 0}
    assert row("MOF-K-1") == {"views": 0, "starts": 4, "useful_yes": 0, "useful_no": 1}


@pytest.mark.django_db
def test_a_count_without_a_day_lands_on_riyadhs_today():
    kpi.increment("MOF-K-2", "ar", "views")
    assert row("MOF-K-2", day=timezone.localdate())["views"] == 1


@pytest.mark.django_db
def test_an_unknown_counter_is_refused_and_nothing_is_written():
    with pytest.raises(ValueError, match="Unknown counter 'clicks'"):
        kpi.increment("MOF-K-3", "ar", "clicks")
    assert not ServiceDailyStats.objects.exists()


@pytest.mark.django_db
def test_update_or_create_adds_by_and_survives_losing_the_race(monkeypatch):
    neighbours = [
        ("MOF-K-4x", "ar", DAY),
        ("MOF-K-4", "en", DAY),
        ("MOF-K-4", "ar", DAY.replace(day=2)),
    ]
    for code, language, day in neighbours:
        kpi._update_or_create(code, language, day, "starts", by=1)
    kpi._update_or_create("MOF-K-4", "ar", DAY, "starts", by=2)
    kpi._update_or_create("MOF-K-4", "ar", DAY, "starts", by=3)
    assert row("MOF-K-4") == {"views": 0, "starts": 5, "useful_yes": 0, "useful_no": 0}
    # Only the row of that code, language and day was added to.
    assert [row(code, language, day)["starts"] for code, language, day in neighbours] == [1, 1, 1]

    # Another request creates the row between our update (which found none) and our insert.
    atomic = kpi.transaction.atomic

    def atomic_after_the_other_request(*args, **kwargs):
        ServiceDailyStats.objects.create(service_code="MOF-K-5", language="en", day=DAY, views=7)
        return atomic(*args, **kwargs)

    monkeypatch.setattr(kpi.transaction, "atomic", atomic_after_the_other_request)
    kpi._update_or_create("MOF-K-5", "en", DAY, "views", by=2)
    assert row("MOF-K-5", "en") == {"views": 9, "starts": 0, "useful_yes": 0, "useful_no": 0}


@pytest.mark.django_db
def test_events_go_to_their_counter():
    kpi.record_event("MOF-K-6", "en", "start")
    kpi.record_event("MOF-K-6", "en", "view")  # buffered, written at once under the test settings
    kpi.count_view(None, "MOF-K-6", "en")
    assert row("MOF-K-6", "en", timezone.localdate()) == {
        "views": 2,
        "starts": 1,
        "useful_yes": 0,
        "useful_no": 0,
    }
    with pytest.raises(ValueError):
        kpi.record_event("MOF-K-6", "en", "click")


@pytest.mark.django_db
def test_a_database_without_on_conflict_counts_the_same(monkeypatch):
    """Other vendors (MySQL, Oracle) take the update-then-insert path: the same rows result."""
    monkeypatch.setattr(kpi, "_UPSERT_VENDORS", set())
    with CaptureQueriesContext(connection) as queries:
        kpi.increment("MOF-K-11", "en", "useful_no", day=DAY, by=2)
    assert not any("ON CONFLICT" in query["sql"] for query in queries.captured_queries)
    kpi.increment("MOF-K-11", "en", "useful_no", day=DAY)
    kpi.increment("MOF-K-11", "ar", "starts", day=DAY)
    assert row("MOF-K-11", "en") == {"views": 0, "starts": 0, "useful_yes": 0, "useful_no": 3}
    assert row("MOF-K-11", "ar") == {"views": 0, "starts": 1, "useful_yes": 0, "useful_no": 0}


@pytest.mark.django_db
def test_buffered_views_land_on_the_day_they_were_counted():
    """A buffer written after midnight still adds its views to the day they happened."""
    kpi._write_views(("MOF-K-10", "en", DAY), 3)
    assert row("MOF-K-10", "en") == {"views": 3, "starts": 0, "useful_yes": 0, "useful_no": 0}


@pytest.mark.django_db
def test_feedback_counts_every_answer_and_keeps_only_what_explains_it():
    today = timezone.localdate()
    kpi.record_feedback("MOF-K-7", "ar", useful=True)
    kpi.record_feedback("MOF-K-7", "ar", useful=False, reason="outdated")
    kpi.record_feedback("MOF-K-7", "ar", useful=False, comment="  الرسوم تغيّرت ٠٥٠١٢٣٤٥٦٧  ")
    assert row("MOF-K-7", day=today) == {"views": 0, "starts": 0, "useful_yes": 1, "useful_no": 2}
    kept = ServiceFeedback.objects.order_by("pk").values_list(
        "service_code", "language", "day", "useful", "reason", "comment"
    )
    assert list(kept) == [
        ("MOF-K-7", "ar", today, False, "outdated", ""),
        ("MOF-K-7", "ar", today, False, "", "الرسوم تغيّرت […]"),
    ]
    with pytest.raises(ValueError, match="Unknown reason 'angry'"):
        kpi.record_feedback("MOF-K-7", "ar", useful=True, reason="angry")
    assert ServiceFeedback.objects.count() == 2 and row("MOF-K-7", day=today)["useful_yes"] == 1


def test_redaction_removes_each_kind_of_personal_data_and_caps_the_length():
    assert kpi.redact_comment(None) == ""
    assert kpi.redact_comment("write to a.b+c@mof.gov.sa now") == "write to […] now"
    assert kpi.redact_comment("IBAN sa03 8000 0000 6080 1016 7519") == "IBAN […]"
    assert kpi.redact_comment("call ٠٥٠-١٢٣-٤٥٦٧ please") == "call […] please"
    assert kpi.redact_comment("ask @mof_care") == "ask […]"
    assert kpi.redact_comment("step 12345 was slow") == "step 12345 was slow"  # too short a number
    assert kpi.redact_comment("a" * 600) == "a" * kpi.COMMENT_MAX_LENGTH


def test_totals_give_rates_only_when_there_is_something_to_divide():
    assert kpi.Totals().satisfaction_rate is None and kpi.Totals().start_rate is None
    totals = kpi.Totals(views=3, starts=2, useful_yes=1, useful_no=2)
    assert totals.answers == 3
    assert totals.satisfaction_rate == 0.3333
    assert totals.start_rate == 0.6667


def test_a_period_counts_today_as_its_last_day():
    assert kpi.period(7, DAY) == (datetime.date(2026, 2, 23), DAY)
    assert kpi.period(1, DAY) == (DAY, DAY)
    today = timezone.localdate()
    assert kpi.period(30) == (today - datetime.timedelta(days=29), today)


@pytest.mark.django_db
def test_totals_by_code_sum_languages_within_the_period_inclusive():
    assert kpi.totals_by_code([], DAY, DAY) == {}
    for language, day, views in [
        ("ar", DAY, 1),
        ("en", DAY, 2),
        ("ar", DAY - datetime.timedelta(days=6), 4),  # the period's first day
        ("ar", DAY - datetime.timedelta(days=7), 8),  # the day before it
        ("ar", DAY + datetime.timedelta(days=1), 16),  # after it
    ]:
        kpi.increment("MOF-K-8", language, "views", day=day, by=views)
    kpi.increment("MOF-K-8", "ar", "useful_yes", day=DAY)
    kpi.increment("MOF-K-9", "ar", "starts", day=DAY)
    kpi.increment("MOF-K-0", "ar", "starts", day=DAY)
    start, end = kpi.period(7, DAY)
    assert kpi.totals_by_code(["MOF-K-8", "MOF-K-9", "MOF-K-X"], start, end) == {
        "MOF-K-8": kpi.Totals(views=7, useful_yes=1),
        "MOF-K-9": kpi.Totals(starts=1),
    }
