"""KPIs: atomic counters under concurrent requests, anonymous feedback, public aggregates, report."""

from __future__ import annotations

import csv
import datetime
import io
import threading

import pytest
from django.db import close_old_connections, connection
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
