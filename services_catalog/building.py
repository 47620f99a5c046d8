"""Build service pages from plain data: used by the demo loader and the synthetic generator.

Block ids are derived from the service code, so the Arabic page and its English translation get
the same ids for the same blocks (wagtail-localize pairs segments by them) and a rerun builds the
same content.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

BLOCK_ID_NAMESPACE = uuid.UUID("6f1c7d2e-8a43-4b8e-9a57-3c1d5e0f4b21")


def block_id(code: str, field: str, position: int) -> str:
    return str(uuid.uuid5(BLOCK_ID_NAMESPACE, f"{code}:{field}:{position}"))


def stream(code: str, field: str, block_type: str, values: Sequence[dict]) -> list[dict]:
    """Raw StreamField data: [{'type', 'value', 'id'}] with stable ids."""
    return [
        {"type": block_type, "value": value, "id": block_id(code, field, position)}
        for position, value in enumerate(values)
    ]


def document_values(documents: Sequence[tuple]) -> list[dict]:
    return [
        {"name": name, "description": description, "optional": bool(optional)}
        for name, description, optional in documents
    ]


def step_values(steps: Sequence[tuple]) -> list[dict]:
    return [{"title": title, "description": description} for title, description in steps]


def faq_values(faqs: Sequence[tuple]) -> list[dict]:
    return [{"question": question, "answer": answer} for question, answer in faqs]


def legal_values(items: Sequence[tuple]) -> list[dict]:
    return [{"title": title, "document": None, "url": url} for title, url in items]


def hours_values(hours: Sequence[tuple]) -> list[dict]:
    return [
        {"first_day": first, "last_day": last, "opens": f"{opens}:00", "closes": f"{closes}:00"}
        for first, last, opens, closes in hours
    ]


def service_fields(spec: dict[str, Any], language: str) -> dict[str, Any]:
    """Model field values of one language of a service spec (see demo/content.py)."""
    text = spec[language]
    code = spec["code"]
    is_free = spec.get("is_free", True)
    office = spec.get("office_channel", False)
    fields: dict[str, Any] = {
        "title": text["title"],
        "slug": spec["slug"],
        "code": code,
        "summary": text["summary"],
        "description": text.get("description", ""),
        "keywords": text.get("keywords", "").replace("،", ","),
        "audiences": spec["audiences"],
        "life_event": spec.get("life_event", ""),
        "eligibility": text.get("eligibility", ""),
        "documents": stream(code, "documents", "document", document_values(text["documents"])),
        "steps": stream(code, "steps", "step", step_values(text["steps"])),
        "is_free": is_free,
        "cost_amount": None if is_free else Decimal(spec["cost_amount"]),
        "cost_note": text.get("cost_note", ""),
        "processing_time": spec.get("processing_time", ""),
        "online_channel": spec.get("online_channel", True),
        "online_url": spec.get("online_url", ""),
        "phone_channel": spec.get("phone_channel", True),
        "office_channel": office,
        "office_address": text.get("office_address", "") if office else "",
        "office_hours": stream(code, "office_hours", "period", hours_values(spec.get("hours", [])))
        if office
        else [],
        "output": text.get("output", ""),
        "department": text["department"],
        "legal_basis": stream(
            code, "legal_basis", "legal_basis", legal_values(text.get("legal_basis", []))
        ),
        "status": spec.get("status", "available"),
        "status_note": text.get("status_note", ""),
        "faqs": stream(code, "faqs", "faq", faq_values(text.get("faqs", []))),
        "search_description": text["summary"],
    }
    if "last_reviewed" in spec:
        fields["last_reviewed"] = spec["last_reviewed"]
    return fields
