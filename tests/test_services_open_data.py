"""Open data: JSON-LD, JSON and CSV parse and carry every field, each value pinned exactly.

A fully specified service and a bare one are written out record by record, row by row and node
by node; chunked streaming is checked across CHUNK_SIZE; the helpers are checked on their own
(issue 24: these tests are what mutation testing measures open_data.py against).
"""

from __future__ import annotations

import csv
import datetime
import io
import itertools
import json
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.documents import get_document_model
from wagtail.models import Page, Site

from services_catalog import open_data, presenting
from services_catalog.building import stream
from services_catalog.models import RelatedService, ServicePage
from services_catalog.open_data import RECORD_FIELDS, plain_text
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


# -- one fully specified service, pinned field by field ------------------------------------------
#
# MOF-IND-501 fills every field the open data carries (office with two periods of hours, a legal
# basis by address and one by document, FAQs with HTML answers, documents with and without a
# description, a fee, a suspension) and links to MOF-IND-502, a service that fills as little as a
# service can (no channel, no fee, no keywords, no contact e-mail). Their JSON records, CSV rows
# and JSON-LD nodes are written out in full below: any change to a key, a label, a separator or a
# value fails a test.

FULL = "MOF-IND-501"
BARE = "MOF-IND-502"
REVIEWED = datetime.date(2025, 3, 1)
PUBLISHED = datetime.datetime(2025, 3, 2, 9, 30, tzinfo=datetime.UTC)
LAW_URL = "https://laws.boe.gov.sa/BoeLaws/Laws/LawDetails/expropriation"
START_URL = "https://eservices.mof.gov.sa/individuals/expropriation-claim"
HOURS = [("sunday", "tuesday", "08:00", "14:30"), ("saturday", "saturday", "09:00", "12:00")]

FULL_AR = {
    "title": "مطالبة بتعويض نزع الملكية",
    "summary": "يطالب مالك العقار المنزوعة ملكيته بالتعويض المقرر له.",
    "description": "<p>يقدم المالك <b>مطالبة</b> بالتعويض &amp; يتابعها.</p>\n<p>  تصدر الوزارة القرار.</p>",
    "keywords": "نزع الملكية، تعويض، عقار",
    "eligibility": "<p>مالك العقار أو وكيله.</p>",
    "documents": [("صك الملكية", "الأصل أو صورة مصدقة.", False), ("الوكالة", "", True)],
    "steps": [("سجّل الدخول", "عبر النفاذ الوطني الموحد."), ("أرفق الصك", "")],
    "cost_note": "تُدفع عند تقديم المطالبة.",
    "office_address": "مقر وزارة المالية، الرياض",
    "output": "قرار التعويض.",
    "department": "الإدارة العامة لنزع الملكية والتعويضات",
    "status_note": "موقوفة حتى تحديث النظام.",
    "faqs": [
        ("متى أتسلم التعويض؟", "<p>خلال <b>30</b> يومًا &amp; بعد القرار.</p>\n<p>تابع الطلب.</p>"),
        ("هل الخدمة مجانية؟", "<p>لا.</p>"),
    ],
}
FULL_EN = {
    "title": "Expropriation compensation claim",
    "summary": "An owner whose property was expropriated claims the compensation due.",
    "description": "<p>The owner files a <b>claim</b> for compensation &amp; follows it.</p>\n<p>  The ministry issues the decision.</p>",
    "keywords": "expropriation, compensation, property",
    "eligibility": "<p>The owner or their representative.</p>",
    "documents": [
        ("Title deed", "The original or a certified copy.", False),
        ("Power of attorney", "", True),
    ],
    "steps": [("Sign in", "With the National Single Sign-On."), ("Attach the deed", "")],
    "cost_note": "Paid when the claim is filed.",
    "office_address": "Ministry of Finance headquarters, Riyadh",
    "output": "A compensation decision.",
    "department": "General Department of Expropriation and Compensation",
    "status_note": "Suspended while the law is updated.",
    "faqs": [
        (
            "When is the compensation paid?",
            "<p>Within <b>30</b> days &amp; after the decision.</p>\n<p>Follow the request.</p>",
        ),
        ("Is the service free?", "<p>No.</p>"),
    ],
}
BARE_AR = {
    "title": "خدمة قادمة",
    "summary": "خدمة جديدة تتاح قريبًا.",
    "department": "إدارة خدمة العملاء ومركز الاتصال الموحد",
    "documents": [],
    "steps": [],
}
BARE_EN = {
    "title": "An upcoming service",
    "summary": "A new service, available soon.",
    "department": "Customer Care and Unified Contact Centre",
    "documents": [],
    "steps": [],
}


def legal_basis(titles: tuple[str, str], document) -> list[dict]:
    return stream(
        FULL,
        "legal_basis",
        "legal_basis",
        [
            {"title": titles[0], "document": None, "url": LAW_URL},
            {"title": titles[1], "document": document.pk, "url": ""},
        ],
    )


@pytest.fixture
def two_services(catalogue):
    """MOF-IND-501 (every field) relating to MOF-IND-502 (the fewest), in both languages."""
    law = get_document_model().objects.create(
        title="Council of Ministers decision 12",
        file=ContentFile(b"%PDF-1.4 decision", name="decision-12.pdf"),
    )
    contact = {
        "phone_number": "8001249999",
        "contact_email": "expropriation@mof.gov.sa",
        "contact_phone": "0114050000",
    }
    full_ar, full_en = make_service(
        catalogue,
        FULL,
        category="expropriation",
        audiences=["citizen", "business"],
        life_event="property",
        processing_time="P5D",
        is_free=False,
        cost_amount="150.50",
        online_url=START_URL,
        office_channel=True,
        hours=HOURS,
        status="suspended",
        last_reviewed=REVIEWED,
        ar=FULL_AR,
        en=FULL_EN,
        fields={
            **contact,
            "legal_basis": legal_basis(("نظام نزع الملكية", "قرار مجلس الوزراء 12"), law),
        },
        english_fields={
            "legal_basis": legal_basis(
                ("Expropriation Law", "Council of Ministers decision 12"), law
            )
        },
    )
    bare_ar, bare_en = make_service(
        catalogue,
        BARE,
        category="general-services",
        audiences=["government"],
        life_event="",
        processing_time="",
        status="coming_soon",
        online_channel=False,
        phone_channel=False,
        last_reviewed=REVIEWED,
        ar=BARE_AR,
        en=BARE_EN,
    )
    RelatedService.objects.create(page=full_ar, target=bare_ar, sort_order=0)
    RelatedService.objects.create(page=full_en, target=bare_ar, sort_order=0)
    Page.objects.filter(pk__in=[full_ar.pk, full_en.pk, bare_ar.pk, bare_en.pk]).update(
        last_published_at=PUBLISHED
    )
    return {
        "catalogue": catalogue,
        "law_url": f"/documents/{law.pk}/{law.filename}",
        "ar": fresh(full_ar),
        "en": fresh(full_en),
        "bare_ar": fresh(bare_ar),
        "bare_en": fresh(bare_en),
    }


def fresh(page: ServicePage) -> ServicePage:
    """The page as the open data reads it, with no batch of look-ups attached yet."""
    return presenting.service_queryset().get(pk=page.pk)


def full_record_en(law_url: str) -> dict:
    return {
        "code": FULL,
        "name": "Expropriation compensation claim",
        "summary": "An owner whose property was expropriated claims the compensation due.",
        "description": "The owner files a claim for compensation & follows it. The ministry issues the decision.",
        "keywords": ["expropriation", "compensation", "property"],
        "url": "http://localhost/en/services/mof-ind-501/",
        "language": "en",
        "category_slug": "expropriation",
        "category_name": "Expropriation for public benefit",
        "audiences": ["citizen", "business"],
        "life_event": "property",
        "eligibility": "The owner or their representative.",
        "documents": [
            {
                "name": "Title deed",
                "description": "The original or a certified copy.",
                "optional": False,
            },
            {"name": "Power of attorney", "description": "", "optional": True},
        ],
        "steps": [
            {"position": 1, "title": "Sign in", "description": "With the National Single Sign-On."},
            {"position": 2, "title": "Attach the deed", "description": ""},
        ],
        "is_free": False,
        "cost_amount": 150.5,
        "cost_currency": "SAR",
        "cost_note": "Paid when the claim is filed.",
        "processing_time": "P5D",
        "channels": ["online", "phone", "office"],
        "online_url": START_URL,
        "phone": "8001249999",
        "office_address": "Ministry of Finance headquarters, Riyadh",
        "office_hours": [
            {"days": ["sunday", "monday", "tuesday"], "opens": "08:00", "closes": "14:30"},
            {"days": ["saturday"], "opens": "09:00", "closes": "12:00"},
        ],
        "output": "A compensation decision.",
        "department": "General Department of Expropriation and Compensation",
        "legal_basis": [
            {"title": "Expropriation Law", "url": LAW_URL},
            {"title": "Council of Ministers decision 12", "url": law_url},
        ],
        "status": "suspended",
        "status_note": "Suspended while the law is updated.",
        "contact_email": "expropriation@mof.gov.sa",
        "contact_phone": "0114050000",
        "faqs": [
            {
                "question": "When is the compensation paid?",
                "answer": "Within 30 days & after the decision. Follow the request.",
            },
            {"question": "Is the service free?", "answer": "No."},
        ],
        "related_services": [BARE],
        "last_reviewed": "2025-03-01",
        "last_updated": "2025-03-02T09:30:00+00:00",
    }


def full_record_ar(law_url: str) -> dict:
    return {
        "code": FULL,
        "name": "مطالبة بتعويض نزع الملكية",
        "summary": "يطالب مالك العقار المنزوعة ملكيته بالتعويض المقرر له.",
        "description": "يقدم المالك مطالبة بالتعويض & يتابعها. تصدر الوزارة القرار.",
        "keywords": ["نزع الملكية", "تعويض", "عقار"],
        "url": "http://localhost/ar/services/mof-ind-501/",
        "language": "ar",
        "category_slug": "expropriation",
        "category_name": "نزع الملكية للمنفعة العامة",
        "audiences": ["citizen", "business"],
        "life_event": "property",
        "eligibility": "مالك العقار أو وكيله.",
        "documents": [
            {"name": "صك الملكية", "description": "الأصل أو صورة مصدقة.", "optional": False},
            {"name": "الوكالة", "description": "", "optional": True},
        ],
        "steps": [
            {"position": 1, "title": "سجّل الدخول", "description": "عبر النفاذ الوطني الموحد."},
            {"position": 2, "title": "أرفق الصك", "description": ""},
        ],
        "is_free": False,
        "cost_amount": 150.5,
        "cost_currency": "SAR",
        "cost_note": "تُدفع عند تقديم المطالبة.",
        "processing_time": "P5D",
        "channels": ["online", "phone", "office"],
        "online_url": START_URL,
        "phone": "8001249999",
        "office_address": "مقر وزارة المالية، الرياض",
        "office_hours": [
            {"days": ["sunday", "monday", "tuesday"], "opens": "08:00", "closes": "14:30"},
            {"days": ["saturday"], "opens": "09:00", "closes": "12:00"},
        ],
        "output": "قرار التعويض.",
        "department": "الإدارة العامة لنزع الملكية والتعويضات",
        "legal_basis": [
            {"title": "نظام نزع الملكية", "url": LAW_URL},
            {"title": "قرار مجلس الوزراء 12", "url": law_url},
        ],
        "status": "suspended",
        "status_note": "موقوفة حتى تحديث النظام.",
        "contact_email": "expropriation@mof.gov.sa",
        "contact_phone": "0114050000",
        "faqs": [
            {"question": "متى أتسلم التعويض؟", "answer": "خلال 30 يومًا & بعد القرار. تابع الطلب."},
            {"question": "هل الخدمة مجانية؟", "answer": "لا."},
        ],
        "related_services": [BARE],
        "last_reviewed": "2025-03-01",
        "last_updated": "2025-03-02T09:30:00+00:00",
    }


def bare_record(language: str) -> dict:
    text = BARE_EN if language == "en" else BARE_AR
    return {
        "code": BARE,
        "name": text["title"],
        "summary": text["summary"],
        "description": "",
        "keywords": [],
        "url": f"http://localhost/{language}/services/mof-ind-502/",
        "language": language,
        "category_slug": "general-services",
        "category_name": "General services" if language == "en" else "الخدمات العامة",
        "audiences": ["government"],
        "life_event": "",
        "eligibility": "",
        "documents": [],
        "steps": [],
        "is_free": True,
        "cost_amount": None,
        "cost_currency": "SAR",
        "cost_note": "",
        "processing_time": "",
        "channels": [],
        "online_url": "",
        "phone": "",
        "office_address": "",
        "office_hours": [],
        "output": "",
        "department": text["department"],
        "legal_basis": [],
        "status": "coming_soon",
        "status_note": "",
        "contact_email": "",
        "contact_phone": "19990",
        "faqs": [],
        "related_services": [],
        "last_reviewed": "2025-03-01",
        "last_updated": "2025-03-02T09:30:00+00:00",
    }


def opening_hours_spec() -> list[dict]:
    return [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": [f"{SCHEMA}/Sunday", f"{SCHEMA}/Monday", f"{SCHEMA}/Tuesday"],
            "opens": "08:00",
            "closes": "14:30",
        },
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": [f"{SCHEMA}/Saturday"],
            "opens": "09:00",
            "closes": "12:00",
        },
    ]


FULL_NODE_EN = {
    "@type": "GovernmentService",
    "@id": "http://localhost/en/services/mof-ind-501/#service",
    "identifier": FULL,
    "name": "Expropriation compensation claim",
    "description": "An owner whose property was expropriated claims the compensation due.",
    "url": "http://localhost/en/services/mof-ind-501/",
    "inLanguage": "en",
    "category": "Expropriation for public benefit",
    "serviceType": "Expropriation for public benefit",
    "provider": {
        "@type": "GovernmentOrganization",
        "name": "Ministry of Finance",
        "url": "http://localhost/en/",
        "department": {
            "@type": "GovernmentOrganization",
            "name": "General Department of Expropriation and Compensation",
        },
        "contactPoint": {
            "@type": "ContactPoint",
            "contactType": "customer support",
            "email": "expropriation@mof.gov.sa",
            "telephone": "0114050000",
        },
    },
    "audience": [
        {"@type": "Audience", "audienceType": "Citizens", "identifier": "citizen"},
        {"@type": "Audience", "audienceType": "Businesses", "identifier": "business"},
    ],
    "availableChannel": [
        {"@type": "ServiceChannel", "name": "Online", "serviceUrl": START_URL},
        {
            "@type": "ServiceChannel",
            "name": "Contact centre",
            "servicePhone": {"@type": "ContactPoint", "telephone": "8001249999"},
        },
        {
            "@type": "ServiceChannel",
            "name": "Office",
            "serviceLocation": {
                "@type": "Place",
                "address": "Ministry of Finance headquarters, Riyadh",
                "openingHoursSpecification": opening_hours_spec(),
            },
        },
    ],
    "offers": {
        "@type": "Offer",
        "price": "150.50",
        "priceCurrency": "SAR",
        "availability": f"{SCHEMA}/OutOfStock",
        "description": "Paid when the claim is filed.",
    },
    "keywords": "expropriation, compensation, property",
    "serviceOutput": {"@type": "Thing", "name": "A compensation decision."},
    "hoursAvailable": opening_hours_spec(),
    "isRelatedTo": [{"@id": "http://localhost/en/services/mof-ind-502/#service"}],
}

FULL_NODE_AR = {
    "@type": "GovernmentService",
    "@id": "http://localhost/ar/services/mof-ind-501/#service",
    "identifier": FULL,
    "name": "مطالبة بتعويض نزع الملكية",
    "description": "يطالب مالك العقار المنزوعة ملكيته بالتعويض المقرر له.",
    "url": "http://localhost/ar/services/mof-ind-501/",
    "inLanguage": "ar",
    "category": "نزع الملكية للمنفعة العامة",
    "serviceType": "نزع الملكية للمنفعة العامة",
    "provider": {
        "@type": "GovernmentOrganization",
        "name": "وزارة المالية",
        "url": "http://localhost/ar/",
        "department": {
            "@type": "GovernmentOrganization",
            "name": "الإدارة العامة لنزع الملكية والتعويضات",
        },
        "contactPoint": {
            "@type": "ContactPoint",
            "contactType": "customer support",
            "email": "expropriation@mof.gov.sa",
            "telephone": "0114050000",
        },
    },
    "audience": [
        {"@type": "Audience", "audienceType": "المواطنون", "identifier": "citizen"},
        {"@type": "Audience", "audienceType": "المنشآت", "identifier": "business"},
    ],
    "availableChannel": [
        {"@type": "ServiceChannel", "name": "إلكترونيًا", "serviceUrl": START_URL},
        {
            "@type": "ServiceChannel",
            "name": "مركز الاتصال",
            "servicePhone": {"@type": "ContactPoint", "telephone": "8001249999"},
        },
        {
            "@type": "ServiceChannel",
            "name": "مقر الوزارة",
            "serviceLocation": {
                "@type": "Place",
                "address": "مقر وزارة المالية، الرياض",
                "openingHoursSpecification": opening_hours_spec(),
            },
        },
    ],
    "offers": {
        "@type": "Offer",
        "price": "150.50",
        "priceCurrency": "SAR",
        "availability": f"{SCHEMA}/OutOfStock",
        "description": "تُدفع عند تقديم المطالبة.",
    },
    "keywords": "نزع الملكية, تعويض, عقار",
    "serviceOutput": {"@type": "Thing", "name": "قرار التعويض."},
    "hoursAvailable": opening_hours_spec(),
    "isRelatedTo": [{"@id": "http://localhost/ar/services/mof-ind-502/#service"}],
}

BARE_NODE_EN = {
    "@type": "GovernmentService",
    "@id": "http://localhost/en/services/mof-ind-502/#service",
    "identifier": BARE,
    "name": "An upcoming service",
    "description": "A new service, available soon.",
    "url": "http://localhost/en/services/mof-ind-502/",
    "inLanguage": "en",
    "category": "General services",
    "serviceType": "General services",
    "provider": {
        "@type": "GovernmentOrganization",
        "name": "Ministry of Finance",
        "url": "http://localhost/en/",
        "department": {
            "@type": "GovernmentOrganization",
            "name": "Customer Care and Unified Contact Centre",
        },
        "contactPoint": {
            "@type": "ContactPoint",
            "contactType": "customer support",
            "telephone": "19990",
        },
    },
    "audience": [
        {"@type": "Audience", "audienceType": "Government bodies", "identifier": "government"}
    ],
    "availableChannel": [],
    "offers": {
        "@type": "Offer",
        "price": "0",
        "priceCurrency": "SAR",
        "availability": f"{SCHEMA}/PreOrder",
    },
}

CSV_HEADER = ",".join(RECORD_FIELDS)


def full_csv_row_en(law_url: str) -> str:
    return ",".join(
        [
            FULL,
            "Expropriation compensation claim",
            "An owner whose property was expropriated claims the compensation due.",
            "The owner files a claim for compensation & follows it. The ministry issues the decision.",
            "expropriation | compensation | property",
            "http://localhost/en/services/mof-ind-501/",
            "en",
            "expropriation",
            "Expropriation for public benefit",
            "citizen | business",
            "property",
            "The owner or their representative.",
            "Title deed (The original or a certified copy.) | Power of attorney",
            "1. Sign in | 2. Attach the deed",
            "false",
            "150.50",
            "SAR",
            "Paid when the claim is filed.",
            "P5D",
            "online | phone | office",
            START_URL,
            "8001249999",
            '"Ministry of Finance headquarters, Riyadh"',  # quoted: it holds a comma
            "sunday-tuesday 08:00-14:30 | saturday-saturday 09:00-12:00",
            "A compensation decision.",
            "General Department of Expropriation and Compensation",
            f"Expropriation Law <{LAW_URL}> | Council of Ministers decision 12 <{law_url}>",
            "suspended",
            "Suspended while the law is updated.",
            "expropriation@mof.gov.sa",
            "0114050000",
            "When is the compensation paid? Within 30 days & after the decision. Follow the request."
            " | Is the service free? No.",
            BARE,
            "2025-03-01",
            "2025-03-02T09:30:00+00:00",
        ]
    )


def full_csv_row_ar(law_url: str) -> str:
    return ",".join(
        [
            FULL,
            "مطالبة بتعويض نزع الملكية",
            "يطالب مالك العقار المنزوعة ملكيته بالتعويض المقرر له.",
            "يقدم المالك مطالبة بالتعويض & يتابعها. تصدر الوزارة القرار.",
            "نزع الملكية | تعويض | عقار",
            "http://localhost/ar/services/mof-ind-501/",
            "ar",
            "expropriation",
            "نزع الملكية للمنفعة العامة",
            "citizen | business",
            "property",
            "مالك العقار أو وكيله.",
            "صك الملكية (الأصل أو صورة مصدقة.) | الوكالة",
            "1. سجّل الدخول | 2. أرفق الصك",
            "false",
            "150.50",
            "SAR",
            "تُدفع عند تقديم المطالبة.",
            "P5D",
            "online | phone | office",
            START_URL,
            "8001249999",
            "مقر وزارة المالية، الرياض",  # the Arabic comma needs no quoting
            "sunday-tuesday 08:00-14:30 | saturday-saturday 09:00-12:00",
            "قرار التعويض.",
            "الإدارة العامة لنزع الملكية والتعويضات",
            f"نظام نزع الملكية <{LAW_URL}> | قرار مجلس الوزراء 12 <{law_url}>",
            "suspended",
            "موقوفة حتى تحديث النظام.",
            "expropriation@mof.gov.sa",
            "0114050000",
            "متى أتسلم التعويض؟ خلال 30 يومًا & بعد القرار. تابع الطلب. | هل الخدمة مجانية؟ لا.",
            BARE,
            "2025-03-01",
            "2025-03-02T09:30:00+00:00",
        ]
    )


def bare_csv_row(language: str) -> str:
    text = BARE_EN if language == "en" else BARE_AR
    summary = text["summary"]
    return ",".join(
        [
            BARE,
            text["title"],
            f'"{summary}"' if "," in summary else summary,
            "",
            "",
            f"http://localhost/{language}/services/mof-ind-502/",
            language,
            "general-services",
            "General services" if language == "en" else "الخدمات العامة",
            "government",
            "",
            "",
            "",
            "",
            "true",
            "",  # no fee: an empty cell, not "None"
            "SAR",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            text["department"],
            "",
            "coming_soon",
            "",
            "",
            "19990",
            "",
            "",
            "2025-03-01",
            "2025-03-02T09:30:00+00:00",
        ]
    )


def test_json_record_of_every_field_in_english(client, two_services):
    response = client.get("/open-data/services/en.json")
    document = json.loads(body(response))
    assert list(document) == ["language", "fields", "services"]
    assert document["language"] == "en" and document["fields"] == list(RECORD_FIELDS)
    full, bare = document["services"]
    assert full == full_record_en(two_services["law_url"])
    assert bare == bare_record("en")
    assert list(full) == list(bare) == list(RECORD_FIELDS)


def test_json_record_of_every_field_in_arabic(client, two_services):
    text = body(client.get("/open-data/services/ar.json"))
    assert '"name": "مطالبة بتعويض نزع الملكية"' in text  # Arabic as such, not \u escapes
    document = json.loads(text)
    assert document["language"] == "ar"
    assert document["services"] == [full_record_ar(two_services["law_url"]), bare_record("ar")]


def test_service_record_keeps_the_fee_a_decimal(two_services):
    record = open_data.service_record(two_services["en"])
    assert record == full_record_en(two_services["law_url"])
    assert record["cost_amount"] == Decimal("150.50") and type(record["cost_amount"]) is Decimal
    assert list(record) == list(RECORD_FIELDS)


def test_csv_rows_of_every_field(client, two_services):
    law_url = two_services["law_url"]
    english = body(client.get("/open-data/services/en.csv"))
    assert english == "".join(
        f"{line}\r\n" for line in (CSV_HEADER, full_csv_row_en(law_url), bare_csv_row("en"))
    )
    arabic = body(client.get("/open-data/services/ar.csv", {"excel": "1"}))
    assert arabic == "\ufeff" + "".join(
        f"{line}\r\n" for line in (CSV_HEADER, full_csv_row_ar(law_url), bare_csv_row("ar"))
    )


def test_json_ld_nodes_of_every_field(client, two_services):
    english = json.loads(body(client.get("/open-data/services/en.jsonld")))
    assert english == {"@context": SCHEMA, "@graph": [FULL_NODE_EN, BARE_NODE_EN]}
    arabic = json.loads(body(client.get("/open-data/services/ar.jsonld")))
    assert list(arabic) == ["@context", "@graph"]
    assert arabic["@graph"][0] == FULL_NODE_AR


def test_json_ld_embedded_in_the_service_page(gql, two_services):
    """The page's own JSON-LD (GraphQL `jsonLd`, which the site puts in a <script>) is the same
    node as in the download, with its @context."""
    query = "query($code: String!, $locale: String) { service(code: $code, locale: $locale) { jsonLd } }"
    english = gql(query, {"code": FULL, "locale": "en"})["service"]["jsonLd"]
    assert json.loads(english) == {"@context": SCHEMA, **FULL_NODE_EN}
    arabic = gql(query, {"code": FULL, "locale": "ar"})["service"]["jsonLd"]
    assert "مطالبة بتعويض نزع الملكية" in arabic
    assert json.loads(arabic) == {"@context": SCHEMA, **FULL_NODE_AR}
    assert open_data.json_ld_document(two_services["bare_en"]) == {
        "@context": SCHEMA,
        **BARE_NODE_EN,
    }


def test_each_status_has_its_schema_org_availability(two_services):
    provider = open_data.Provider(name="Ministry", url="http://localhost/en/")
    expected = {
        "available": "InStock",
        "coming_soon": "PreOrder",
        "suspended": "OutOfStock",
        "withdrawn": "Discontinued",
    }
    seen = {}
    for status in expected:
        page = fresh(two_services["bare_en"])
        page.status = status
        seen[status] = open_data.service_json_ld(page, provider)["offers"]["availability"]
    assert seen == {status: f"{SCHEMA}/{name}" for status, name in expected.items()}


def test_contact_point_and_office_in_part(two_services):
    """A contact point with only an e-mail; an office without hours (no hoursAvailable)."""
    page = fresh(two_services["bare_en"])
    page.contact_email, page.contact_phone = "care@mof.gov.sa", ""
    page.office_channel, page.office_address, page.office_hours = True, "Riyadh", []
    node = open_data.service_json_ld(page, open_data.Provider("Ministry", "http://x/en/"))
    assert node["provider"]["contactPoint"] == {
        "@type": "ContactPoint",
        "contactType": "customer support",
        "email": "care@mof.gov.sa",
    }
    assert node["availableChannel"] == [
        {
            "@type": "ServiceChannel",
            "name": "Office",
            "serviceLocation": {"@type": "Place", "address": "Riyadh"},
        }
    ]
    assert "hoursAvailable" not in node
    page = fresh(two_services["bare_en"])
    page.contact_phone = ""
    node = open_data.service_json_ld(page, open_data.Provider("Ministry", "http://x/en/"))
    assert node["provider"] == {
        "@type": "GovernmentOrganization",
        "name": "Ministry",
        "url": "http://x/en/",
        "department": {
            "@type": "GovernmentOrganization",
            "name": "Customer Care and Unified Contact Centre",
        },
    }


def test_fee_is_written_with_two_decimals(two_services):
    page = fresh(two_services["en"])
    page.cost_amount = Decimal("1200")
    assert (
        open_data.service_json_ld(page, open_data.Provider("M", "u"))["offers"]["price"]
        == "1200.00"
    )
    page = fresh(two_services["en"])
    page.cost_amount = Decimal("7.5")
    record = open_data.service_record(page)
    assert open_data._csv_cell("cost_amount", record["cost_amount"]) == "7.50"


def test_a_record_without_dates_leaves_them_empty(two_services):
    page = fresh(two_services["bare_en"])
    page.last_reviewed = None
    page.last_published_at = page.latest_revision_created_at = None
    record = open_data.service_record(page)
    assert (record["last_reviewed"], record["last_updated"]) == ("", "")


def test_json_ld_node_costs_no_query_beyond_its_record(two_services):
    """The node reuses the record's read of the related services (and every other look-up)."""
    provider = open_data.Provider("Ministry", "http://localhost/en/")
    open_data.service_json_ld(fresh(two_services["en"]), provider)  # caches warmed
    with CaptureQueriesContext(connection) as record_queries:
        open_data.service_record(fresh(two_services["en"]))
    with CaptureQueriesContext(connection) as node_queries:
        open_data.service_json_ld(fresh(two_services["en"]), provider)
    assert len(node_queries) == len(record_queries)


def test_related_services_are_read_for_their_codes_only(two_services):
    """A download of a large catalogue reads each related service's few columns, not its texts."""
    page = fresh(two_services["en"])
    with CaptureQueriesContext(connection) as queries:
        record = open_data.service_record(page)
    assert record["related_services"] == [BARE]
    related_reads = [q["sql"] for q in queries if '"translation_key" IN' in q["sql"]]
    assert related_reads, "the related services were not read"
    for sql in related_reads:
        assert '"services_catalog_servicepage"."description"' not in sql
        assert '"services_catalog_servicepage"."code"' in sql


# -- addresses are the host's own ---------------------------------------------------------------


@pytest.fixture
def portal(two_services):
    Site.objects.create(
        hostname="portal.example.org",
        port=80,
        root_page=two_services["catalogue"].index_ar.get_parent(),
    )
    return two_services


def test_downloads_give_the_addresses_of_the_host_asked(client, portal):
    host = {"HTTP_HOST": "portal.example.org"}
    records = json.loads(body(client.get("/open-data/services/en.json", **host)))["services"]
    assert [r["url"] for r in records] == [
        "http://portal.example.org/en/services/mof-ind-501/",
        "http://portal.example.org/en/services/mof-ind-502/",
    ]
    rows = list(csv.DictReader(io.StringIO(body(client.get("/open-data/services/ar.csv", **host)))))
    assert [row["url"] for row in rows] == [
        "http://portal.example.org/ar/services/mof-ind-501/",
        "http://portal.example.org/ar/services/mof-ind-502/",
    ]
    graph = json.loads(body(client.get("/open-data/services/en.jsonld", **host)))["@graph"]
    assert [(node["@id"], node["url"]) for node in graph] == [
        (
            "http://portal.example.org/en/services/mof-ind-501/#service",
            "http://portal.example.org/en/services/mof-ind-501/",
        ),
        (
            "http://portal.example.org/en/services/mof-ind-502/#service",
            "http://portal.example.org/en/services/mof-ind-502/",
        ),
    ]
    assert graph[0]["isRelatedTo"] == [
        {"@id": "http://portal.example.org/en/services/mof-ind-502/#service"}
    ]


def test_embedded_json_ld_names_the_provider_of_the_host_asked(gql, portal):
    query = '{ service(code: "MOF-IND-501", locale: "en") { jsonLd } }'
    response = gql.post(query, HTTP_HOST="portal.example.org")
    node = json.loads(response.json()["data"]["service"]["jsonLd"])
    assert node["provider"]["url"] == "http://portal.example.org/en/"
    assert node["@id"] == "http://portal.example.org/en/services/mof-ind-501/#service"
    assert node["isRelatedTo"] == [
        {"@id": "http://portal.example.org/en/services/mof-ind-502/#service"}
    ]


def test_json_ld_download_names_the_provider_of_the_host_asked(client, portal):
    """The provider's address is the host's own, as the services' and as in the page's JSON-LD:
    another site's visitors must not be sent to this one."""
    for language in ("ar", "en"):
        response = client.get(
            f"/open-data/services/{language}.jsonld", HTTP_HOST="portal.example.org"
        )
        graph = json.loads(body(response))["@graph"]
        assert [node["provider"]["url"] for node in graph] == [
            f"http://portal.example.org/{language}/"
        ] * 2


# -- chunked streaming ---------------------------------------------------------------------------


@pytest.fixture
def three_arabic(catalogue):
    """Three Arabic services made out of code order, so that creation order is not code order."""
    pages = {}
    for code in ("MOF-IND-702", "MOF-IND-703", "MOF-IND-701"):
        pages[code], _ = make_service(catalogue, code, english=False)
    return pages


def batches_of(locale) -> list[list[str]]:
    """The codes of each batch; at most ten batches, so that a batch repeated for ever fails fast."""
    return [
        [page.code for page in batch.pages]
        for batch in itertools.islice(open_data.catalogue_batches(locale), 10)
    ]


@pytest.mark.parametrize(
    ("size", "expected"),
    [
        (1, [["MOF-IND-701"], ["MOF-IND-702"], ["MOF-IND-703"]]),
        (2, [["MOF-IND-701", "MOF-IND-702"], ["MOF-IND-703"]]),
        (3, [["MOF-IND-701", "MOF-IND-702", "MOF-IND-703"]]),
    ],
)
def test_batches_follow_code_order_across_chunks(
    monkeypatch, catalogue, three_arabic, size, expected
):
    monkeypatch.setattr(open_data, "CHUNK_SIZE", size)
    assert batches_of(catalogue.arabic) == expected
    assert [b.language for b in open_data.catalogue_batches(catalogue.arabic)] == ["ar"] * len(
        expected
    )
    assert batches_of(catalogue.english) == []


def test_batches_break_a_tie_of_codes_by_id(monkeypatch, catalogue, three_arabic):
    """Two live services with one code (only a direct database edit can do it) both appear, once.

    The older page takes the newer one's code: PostgreSQL writes the updated row after the other,
    so without the id in the order the tie comes newer first, and the chunk after it, which starts
    past the newer id, loses the older page."""
    older, newer = three_arabic["MOF-IND-702"].pk, three_arabic["MOF-IND-703"].pk
    assert older < newer
    ServicePage.objects.filter(pk=older).update(code="MOF-IND-703")
    monkeypatch.setattr(open_data, "CHUNK_SIZE", 1)
    batches = list(itertools.islice(open_data.catalogue_batches(catalogue.arabic), 10))
    assert [[(p.code, p.pk) for p in batch.pages] for batch in batches] == [
        [("MOF-IND-701", three_arabic["MOF-IND-701"].pk)],
        [("MOF-IND-703", older)],
        [("MOF-IND-703", newer)],
    ]


def test_streams_write_each_chunk_once(monkeypatch, catalogue, three_arabic):
    monkeypatch.setattr(open_data, "CHUNK_SIZE", 2)
    locale = catalogue.arabic
    json_parts = list(itertools.islice(open_data.json_chunks(locale), 10))
    fields = json.dumps(list(RECORD_FIELDS))
    assert json_parts[0] == f'{{"language": "ar", "fields": {fields}, "services": ['
    assert json_parts[1].startswith('{"code": "MOF-IND-701"')
    assert json_parts[2].startswith(',{"code": "MOF-IND-703"')
    assert json_parts[3:] == ["]}"]
    records = json.loads("".join(json_parts))["services"]
    assert [r["code"] for r in records] == ["MOF-IND-701", "MOF-IND-702", "MOF-IND-703"]

    ld_parts = list(itertools.islice(open_data.json_ld_chunks(locale), 10))
    assert ld_parts[0] == '{"@context": "https://schema.org", "@graph": ['
    assert ld_parts[1].startswith('{"@type": "GovernmentService"')
    assert ld_parts[2].startswith(',{"@type": "GovernmentService"')
    assert ld_parts[3:] == ["]}"]
    graph = json.loads("".join(ld_parts))["@graph"]
    assert [n["identifier"] for n in graph] == ["MOF-IND-701", "MOF-IND-702", "MOF-IND-703"]

    csv_parts = list(itertools.islice(open_data.csv_lines(locale), 10))
    assert len(csv_parts) == 3 and csv_parts[0] == CSV_HEADER + "\r\n"
    assert [len(part.splitlines()) for part in csv_parts[1:]] == [2, 1]
    assert [p.split(",", 1)[0] for p in "".join(csv_parts[1:]).splitlines()] == [
        "MOF-IND-701",
        "MOF-IND-702",
        "MOF-IND-703",
    ]


def test_downloads_hold_each_service_once_whatever_the_chunk(client, monkeypatch, three_arabic):
    monkeypatch.setattr(open_data, "CHUNK_SIZE", 1)
    codes = ["MOF-IND-701", "MOF-IND-702", "MOF-IND-703"]
    json_doc = json.loads(body(client.get("/open-data/services/ar.json")))
    assert [r["code"] for r in json_doc["services"]] == codes
    graph = json.loads(body(client.get("/open-data/services/ar.jsonld")))["@graph"]
    assert [n["identifier"] for n in graph] == codes
    rows = list(csv.DictReader(io.StringIO(body(client.get("/open-data/services/ar.csv")))))
    assert [row["code"] for row in rows] == codes


# -- the small pieces ----------------------------------------------------------------------------


def test_plain_text():
    assert plain_text("<p>A &amp; <b>B</b></p>\n\n<p>  C\t</p>") == "A & B C"
    assert plain_text("  one  ") == "one"
    assert plain_text("") == ""
    assert plain_text(None) == ""


def test_csv_cell():
    cell = open_data._csv_cell
    assert cell("cost_amount", None) == ""
    assert cell("is_free", True) == "true"
    assert cell("is_free", False) == "false"
    assert cell("cost_amount", Decimal("7.5")) == "7.50"
    assert cell("cost_amount", Decimal("1234")) == "1234.00"
    assert cell("code", "MOF-IND-001") == "MOF-IND-001"
    assert cell("steps_total", 3) == "3"
    assert cell("keywords", ["a", "b", "c"]) == "a | b | c"
    assert cell("keywords", []) == ""
    for name in ("office_hours", "documents", "steps", "legal_basis", "faqs"):
        assert cell(name, []) == ""
    assert cell("office_hours", [{"days": ["friday"], "opens": "16:00", "closes": "20:00"}]) == (
        "friday-friday 16:00-20:00"
    )
    assert cell("documents", [{"name": "ID", "description": "", "optional": True}]) == "ID"


def test_json_encoding():
    assert open_data._iso(None) == ""
    assert open_data._iso(datetime.date(2025, 3, 1)) == "2025-03-01"
    assert (
        open_data._dumps(
            {"fee": Decimal("150.50"), "day": datetime.date(2025, 3, 1), "name": "وزارة"}
        )
        == '{"fee": 150.5, "day": "2025-03-01", "name": "وزارة"}'
    )


def test_page_url_of_a_page_outside_every_site(site_tree):
    assert open_data.page_url(ServicePage(title="x", url_path="/elsewhere/x/"), None) == ""


def test_supported_locale(catalogue):
    assert open_data.supported_locale("ar") == catalogue.arabic
    assert open_data.supported_locale("en") == catalogue.english
    assert open_data.supported_locale("fr") is None
    assert open_data.supported_locale("") is None


def test_provider_falls_back_to_the_translated_ministry_name(site_tree, rf):
    from site_pages.models import SiteSettings

    assert not SiteSettings.objects.exists()
    assert open_data.Provider.for_language("en") == open_data.Provider(
        "Ministry of Finance", "http://localhost/en/"
    )
    assert open_data.Provider.for_language("ar") == open_data.Provider(
        "وزارة المالية", "http://localhost/ar/"
    )
    Site.objects.create(hostname="portal.example.org", port=80, root_page=site_tree[0])
    request = rf.get("/", HTTP_HOST="portal.example.org")
    # SiteSettings.load makes the settings row, with no names: the translated name still stands.
    assert open_data.Provider.for_language("en", request) == open_data.Provider(
        "Ministry of Finance", "http://portal.example.org/en/"
    )
    assert open_data.Provider.for_language("ar", request) == open_data.Provider(
        "وزارة المالية", "http://portal.example.org/ar/"
    )


def test_provider_reads_the_names_in_the_site_settings(site_tree, rf):
    from site_pages.models import SiteSettings

    SiteSettings.objects.create(
        ministry_name_ar="وزارة المالية السعودية", ministry_name_en="Saudi Ministry of Finance"
    )
    Site.objects.create(hostname="portal.example.org", port=80, root_page=site_tree[0])
    assert open_data.Provider.for_language("en") == open_data.Provider(
        "Saudi Ministry of Finance", "http://localhost/en/"
    )
    assert open_data.Provider.for_language("ar") == open_data.Provider(
        "وزارة المالية السعودية", "http://localhost/ar/"
    )
    request = rf.get("/", HTTP_HOST="portal.example.org")
    assert open_data.Provider.for_language("en", request) == open_data.Provider(
        "Saudi Ministry of Finance", "http://portal.example.org/en/"
    )
    # What the request already holds (its site, the settings) is not read again.
    with CaptureQueriesContext(connection) as queries:
        open_data.Provider.for_language("ar", request)
    assert len(queries) == 0


def test_provider_without_a_default_site(site_tree):
    Site.objects.update(is_default_site=False)
    assert open_data.Provider.for_language("en") == open_data.Provider(
        "Ministry of Finance", "/en/"
    )
