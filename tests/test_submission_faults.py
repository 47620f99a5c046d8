"""A visitor's submission is stored and acknowledged, or the visitor is told plainly that it was
not (issue 19: F1, F2). Real faults, no mocks: the database is made read-only (PostgreSQL's
transaction mode, SQLite's query_only), unreachable (the connection pointed at nothing) or cut
(`pg_terminate_backend`, PostgreSQL only: marked `postgres`).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
from django.db import connection
from django.utils import translation

from frontend.submissions import NOT_STORED_MESSAGE
from frontend.testing import ENQUIRY_FORM_POST, build_site
from services_catalog.models import ServiceFeedback
from site_pages.models import Enquiry
from tests.database_down import database_unreachable

pytestmark = pytest.mark.django_db(transaction=True)

ENQUIRY = ENQUIRY_FORM_POST
FEEDBACK = {"useful": "no", "reason": "UNCLEAR", "comment": "Step 2 was confusing"}


@pytest.fixture
def site(transactional_db):
    return build_site()


@pytest.fixture
def read_only_database(site) -> Iterator[None]:
    """Every new transaction on this connection is read-only, as on a standby or a full disk."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
        else:
            cursor.execute("PRAGMA query_only = ON")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE")
            else:
                cursor.execute("PRAGMA query_only = OFF")


@pytest.fixture
def database_down(site) -> Iterator[None]:
    """The connection points at a database that is not there: every query fails to connect."""
    with database_unreachable():
        yield


def not_stored_message(language: str) -> str:
    with translation.override(language):
        return str(NOT_STORED_MESSAGE)


def assert_told_to_retry(response, language: str) -> str:
    assert response.status_code == 503, response.content[:300]
    assert response["Retry-After"].isdigit()
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    html = response.content.decode()
    assert not_stored_message(language) in html
    return html


@pytest.mark.parametrize("language", ["ar", "en"])
def test_an_enquiry_on_a_read_only_database_is_refused_plainly_with_the_input_kept(
    client, read_only_database, language
):
    response = client.post(f"/{language}/enquiry/", ENQUIRY)
    html = assert_told_to_retry(response, language)
    assert ENQUIRY["message"] in html and 'value="sara@example.com"' in html
    assert '<option value="payment_orders" selected>' in html
    assert f'<html lang="{language}"' in html


def test_nothing_was_stored_behind_the_refusal(client, read_only_database):
    client.post("/en/enquiry/", ENQUIRY)
    with connection.cursor() as cursor:  # read-only still reads
        cursor.execute("SELECT COUNT(*) FROM site_pages_enquiry")
        assert cursor.fetchone()[0] == 0


def test_an_enquiry_with_the_database_down_is_refused_plainly_with_the_input_kept(
    client, database_down
):
    response = client.post("/ar/enquiry/", ENQUIRY)
    html = assert_told_to_retry(response, "ar")
    assert ENQUIRY["message"] in html and 'value="sara@example.com"' in html
    assert 'name="topic"' in html and 'value="payment_orders"' in html


def test_the_enquiry_goes_through_once_the_database_is_back(client, site):
    response = client.post("/en/enquiry/", ENQUIRY)
    assert response.status_code == 302 and Enquiry.objects.count() == 1


@pytest.mark.parametrize("language", ["ar", "en"])
def test_feedback_on_a_read_only_database_is_not_thanked(client, read_only_database, language):
    response = client.post(f"/{language}/service-feedback/MOF-IND-001/", FEEDBACK)
    html = assert_told_to_retry(response, language)
    assert "feedback=thanks" not in response.get("Location", "")
    assert FEEDBACK["comment"] in html and 'value="no" checked' in html


def test_feedback_with_the_database_down_is_not_thanked(client, database_down):
    response = client.post("/en/service-feedback/MOF-IND-001/", FEEDBACK)
    assert response.status_code == 503 and response["Retry-After"].isdigit()
    assert "Location" not in response


def test_feedback_is_thanked_when_it_was_stored(client, site):
    response = client.post("/en/service-feedback/MOF-IND-001/", FEEDBACK)
    assert response.status_code == 302 and "feedback=thanks" in response["Location"]
    assert ServiceFeedback.objects.count() == 1


def test_a_start_that_cannot_be_counted_still_takes_the_visitor_to_the_service(
    client, read_only_database, caplog
):
    with caplog.at_level(logging.WARNING, logger="mizan.frontend"):
        response = client.get("/en/service-start/MOF-IND-001/")
    assert response.status_code == 302
    assert response["Location"] == "https://example.org/services/loan-exemption"
    assert "Could not record START for MOF-IND-001" in caplog.text


@pytest.mark.postgres
def test_an_enquiry_on_a_cut_connection_is_stored_or_refused_never_lost(client, site):
    if connection.vendor != "postgresql":
        pytest.skip("pg_terminate_backend needs PostgreSQL")
    import psycopg

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    params = connection.get_connection_params()
    with psycopg.connect(**params, autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])
    response = client.post("/en/enquiry/", ENQUIRY)
    connection.close()  # the cut connection is of no further use
    stored = Enquiry.objects.count()
    if response.status_code == 302:
        assert stored == 1  # thanked, and it is there
    else:
        assert_told_to_retry(response, "en")
        assert stored == 0
        retry = client.post("/en/enquiry/", ENQUIRY)  # the visitor sends it again
        assert retry.status_code == 302 and Enquiry.objects.count() == 1
