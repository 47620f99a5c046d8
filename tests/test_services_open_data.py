"""Open data: JSON-LD, JSON and CSV parse, carry every required field with the right types."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pytest

from services_catalog.open_data import RECORD_FIELDS
from services_catalog.testing import make_service

pytestmark = pytest.mark.django_db
pytest_plugins = ["services_catalog.testing"]

SCHEMA = "https://schema.org"


def body(response) -> str:
    return b"".join(response.streaming_content).decode("utf-8")


@pytest.fixture
def published(catalogue):
    make_service(catalogue, "MOF-IND-401", category="payment-orders")
    make_service(
        catalogue,
        "MOF-IND-402",
        category="general-services",
        is_free=False,
        cost_amount="50.00",
        office_channel=True,
        hours=[("sunday", "thursday", "08:00", "14:30")],
        fields={"office_address": "مقر الوزارة، الرياض"},
        english_fields={"office_address": "Ministry headquarters, Riyadh"},
    )
    return catalogue


def test_json_ld_is_schema_org_government_services(client, published):
    response = client.get("/open-data/services/en.jsonld")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    document = json.loads(body(response))
    assert document["@context"] == SCHEMA
    nodes = {node["identifier"]: node for node in document["@graph"]}
    assert set(nodes) == {"MOF-IND-401", "MOF-IND-402"}
    for node in nodes.values():
        assert node["@type"] == "GovernmentService"
        assert node["@id"].endswith("#service") and node["url"].startswith("http")
        assert isinstance(node["name"], str) and node["name"]
        assert len(node["description"]) <= 160
        assert node["inLanguage"] == "en"
        assert node["provider"]["@type"] == "GovernmentOrganization" and node["provider"]["name"]
        assert node["provider"]["department"]["@type"] == "GovernmentOrganization"
        assert node["audience"] and all(a["@type"] == "Audience" for a in node["audience"])
        assert {a["identifier"] for a in node["audience"]} <= {
            "citizen",
            "resident",
            "business",
            "government",
        }
        channels = node["availableChannel"]
        assert channels and all(c["@type"] == "ServiceChannel" for c in channels)
        assert any(c.get("serviceUrl", "").startswith("https://") for c in channels)
        assert any(c.get("servicePhone", {}).get("telephone") == "19990" for c in channels)
        offer = node["offers"]
        assert offer["@type"] == "Offer" and offer["priceCurrency"] == "SAR"
        Decimal(offer["price"])  # a decimal number as text, as schema.org recommends
        assert offer["availability"] == f"{SCHEMA}/InStock"
    paid = nodes["MOF-IND-402"]
    assert paid["offers"]["price"] == "50.00"
    assert paid["hoursAvailable"][0]["@type"] == "OpeningHoursSpecification"
    assert paid["hoursAvailable"][0]["dayOfWeek"][0] == f"{SCHEMA}/Sunday"
    assert paid["hoursAvailable"][0]["opens"] == "08:00"
    office = [c for c in paid["availableChannel"] if "serviceLocation" in c][0]
    assert office["serviceLocation"]["address"] == "Ministry headquarters, Riyadh"
    assert nodes["MOF-IND-401"]["offers"]["price"] == "0"


def test_json_has_every_field_with_its_type(client, published):
    response = client.get("/open-data/services/ar.json")
    assert response["Content-Type"].startswith("application/json")
    document = json.loads(body(response))
    assert document["language"] == "ar" and document["fields"] == list(RECORD_FIELDS)
    records = {record["code"]: record for record in document["services"]}
    assert set(records) == {"MOF-IND-401", "MOF-IND-402"}
    strings = [
        "code",
        "name",
        "summary",
        "description",
        "url",
        "language",
        "category_slug",
        "category_name",
        "processing_time",
        "department",
        "status",
        "last_reviewed",
    ]
    for record in records.values():
        assert list(record) == list(RECORD_FIELDS)
        for name in strings:
            assert isinstance(record[name], str) and record[name], name
        assert isinstance(record["is_free"], bool)
        assert isinstance(record["audiences"], list) and record["audiences"]
        assert all(
            isinstance(d["name"], str) and isinstance(d["optional"], bool)
            for d in record["documents"]
        )
        assert [s["position"] for s in record["steps"]] == list(range(1, len(record["steps"]) + 1))
        assert record["channels"] and set(record["channels"]) <= {"online", "phone", "office"}
        assert record["online_url"].startswith("https://")
        assert record["language"] == "ar" and "/ar/" in record["url"]
    assert (
        records["MOF-IND-402"]["cost_amount"] == 50.0
        and records["MOF-IND-401"]["cost_amount"] is None
    )
    assert records["MOF-IND-402"]["office_hours"][0]["days"][0] == "sunday"


def test_csv_has_the_same_fields(client, published):
    response = client.get("/open-data/services/en.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(body(response))))
    assert list(rows[0]) == list(RECORD_FIELDS)
    by_code = {row["code"]: row for row in rows}
    assert (
        by_code["MOF-IND-402"]["cost_amount"] == "50.00"
        and by_code["MOF-IND-402"]["is_free"] == "false"
    )
    assert (
        by_code["MOF-IND-401"]["is_free"] == "true" and by_code["MOF-IND-401"]["cost_amount"] == ""
    )
    assert " | " in by_code["MOF-IND-401"]["steps"] and by_code["MOF-IND-401"]["steps"].startswith(
        "1. "
    )
    assert by_code["MOF-IND-402"]["office_hours"] == "sunday-thursday 08:00-14:30"
    excel = client.get("/open-data/services/ar.csv", {"excel": "1"})
    assert body(excel).startswith("\ufeffcode,")


def test_open_data_leaves_hidden_services_out(client, hidden_services):
    for language in ("ar", "en"):
        for fmt in ("jsonld", "json", "csv"):
            text = body(client.get(f"/open-data/services/{language}.{fmt}")).lower()
            assert "secret" not in text and "mof-sec" not in text
    assert "onlyen" not in body(client.get("/open-data/services/ar.json")).lower()


def test_unknown_language_and_index(client, published):
    assert client.get("/open-data/services/fr.json").status_code == 404
    assert client.post("/open-data/services/ar.json").status_code == 405
    index = client.get("/open-data/").json()
    assert {d["format"] for d in index["distributions"]} == {"jsonld", "json", "csv"}
    assert all(d["url"].startswith("http") for d in index["distributions"])


def test_large_catalogue_streams_in_chunks(client, catalogue, django_assert_max_num_queries):
    from services_catalog import generator

    list(generator.generate(catalogue.index_ar, 600, seed=4))
    with django_assert_max_num_queries(40):
        rows = list(csv.DictReader(io.StringIO(body(client.get("/open-data/services/en.csv")))))
    assert len(rows) == 600 and len({row["code"] for row in rows}) == 600
