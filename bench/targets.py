"""The seven measurements of issue 7, built from what the bench database holds."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote

from bench.load import Target, graphql_target

QUERIES = Path(__file__).resolve().parent / "queries"
SERVICE_CODE = os.environ.get("BENCH_SERVICE_CODE", "MOF-IND-001")
CATEGORY = os.environ.get("BENCH_CATEGORY", "payment-orders")
# Matches several hundred of the 10,000 generated services ("housing loan") and demo pages.
SEARCH_QUERY = os.environ.get("BENCH_SEARCH_QUERY", "قرض سكني")
LOCALE = "ar"


def query(name: str) -> str:
    return (QUERIES / f"{name}.graphql").read_text(encoding="utf-8")


def build(service_path: str, catalogue_path: str) -> list[Target]:
    """`service_path` and `catalogue_path` are the Arabic pages' paths, e.g. /ar/services/x/."""
    return [
        Target("home_ar", "Arabic home page", f"/{LOCALE}/"),
        Target("service_page_ar", f"Arabic service page ({SERVICE_CODE})", service_path),
        Target(
            "catalogue_category",
            f"Catalogue filtered by category ({CATEGORY})",
            f"{catalogue_path}?category={CATEGORY}",
        ),
        Target(
            "search_page",
            f"Search results page (q={SEARCH_QUERY})",
            f"/{LOCALE}/search/?q={quote(SEARCH_QUERY)}",
        ),
        graphql_target(
            "gql_service_by_code",
            "GraphQL: service by code",
            query("service_by_code"),
            {"code": SERVICE_CODE, "locale": LOCALE},
        ),
        graphql_target(
            "gql_20_services",
            "GraphQL: 20 services with documents and channels",
            query("services_with_documents"),
            {"locale": LOCALE},
        ),
        graphql_target(
            "gql_home_blocks",
            "GraphQL: home page with its blocks",
            query("home_with_blocks"),
            {"locale": LOCALE},
        ),
    ]


def to_dict(target: Target) -> dict:
    return {
        "name": target.name,
        "label": target.label,
        "path": target.path,
        "method": target.method,
        "body": target.body,
        "headers": target.headers,
    }


def from_dict(data: dict) -> Target:
    return Target(**data)
