"""Step 4, run inside a Django process with the server's settings and database:
find the benchmark's URLs, then replay each request and count its SQL queries.

    python -m bench.inprocess   (environment as for the server; prints BENCH_INPROCESS=<json>)

Each request is made twice with django's test Client; the second is counted, so one-time work of
a fresh process (URL resolvers, site root paths) is not mistaken for per-request work.
"""

from __future__ import annotations

import json
import sys


def _setup() -> None:
    import django

    django.setup()


def _graphql(client, document: str, variables: dict) -> dict:
    response = client.post(
        "/graphql/",
        data=json.dumps({"query": document, "variables": variables}),
        content_type="application/json",
    )
    payload = response.json()
    if response.status_code != 200 or payload.get("errors"):
        raise SystemExit(f"Discovery query failed: {payload}")
    return payload["data"]


def discover(client) -> tuple[str, str]:
    from bench.targets import CATEGORY, LOCALE, SERVICE_CODE

    found = _graphql(
        client,
        """query($code: String!, $locale: String!) {
          service(code: $code, locale: $locale) { url }
          services(locale: $locale, limit: 1) { items { parent { url } } }
          serviceCategories(locale: $locale) { slug serviceCount }
        }""",
        {"code": SERVICE_CODE, "locale": LOCALE},
    )
    if not found["service"]:
        raise SystemExit(f"No published service {SERVICE_CODE} in the bench database.")
    items = found["services"]["items"]
    if not items:
        raise SystemExit("The bench database has no services: run the preparation step.")
    slugs = {c["slug"]: c["serviceCount"] for c in found["serviceCategories"]}
    if CATEGORY not in slugs:
        raise SystemExit(f"No category {CATEGORY}; there are {sorted(slugs)}.")
    return found["service"]["url"], items[0]["parent"]["url"]


def count_queries(client, target) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def send():
        if target.method == "POST":
            return client.post(target.path, data=target.body, content_type="application/json")
        return client.get(target.path)

    send()  # warm: first-request work of a fresh process is not per-request work
    with CaptureQueriesContext(connection) as captured:
        response = send()
    statements = [q["sql"] for q in captured.captured_queries]
    writes = [
        s for s in statements if s.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    return {
        "status": response.status_code,
        "bytes": len(response.content),
        "queries": len(statements),
        "writes": len(writes),
        "statements": statements,
    }


def main() -> None:
    _setup()
    from django.test import Client

    from bench import targets

    client = Client(HTTP_HOST="127.0.0.1")
    service_path, catalogue_path = discover(client)
    built = targets.build(service_path, catalogue_path)
    counts = {target.name: count_queries(client, target) for target in built}
    from django.conf import settings

    result = {
        "targets": [targets.to_dict(t) for t in built],
        "sql": counts,
        "cache_backend": settings.CACHES["responses"]["BACKEND"],
        "debug": settings.DEBUG,
    }
    sys.stdout.write("BENCH_INPROCESS=" + json.dumps(result, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
