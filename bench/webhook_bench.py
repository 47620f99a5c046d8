"""Change feed and webhooks: what a publish costs with failing partners, how fast the worker
delivers, and what a feed page costs deep in 100,000 entries.

    python -m bench.webhook_bench            # a fresh SQLite database under var/bench/
    BENCH_PG_URL=postgres://... python -m bench.webhook_bench --postgres

Measured in one process with the test settings (the real backends, a receiver on 127.0.0.1):
- publish: median of BENCH_PUBLISHES publishes of a page, with no endpoint, then with 5
  endpoints that refuse connections (the request writes outbox rows; the worker sends later);
- delivery: BENCH_EVENTS events to one local receiver by the django-tasks-db worker loop;
- feed: `changes(after, first: 100)` through the schema at the start, middle and end of
  BENCH_FEED_ENTRIES entries (median of 20 each).
Results: bench/results/webhooks-<database>.json and .md.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PUBLISHES = int(os.environ.get("BENCH_PUBLISHES", "30"))
EVENTS = int(os.environ.get("BENCH_EVENTS", "500"))
FEED_ENTRIES = int(os.environ.get("BENCH_FEED_ENTRIES", "100000"))


def setup(postgres: bool) -> str:
    if postgres:
        os.environ["DATABASE_URL"] = os.environ.get(
            "BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/mizan_bench_webhooks"
        )
    else:
        folder = Path(tempfile.mkdtemp(prefix="mizan-webhook-bench-"))
        os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.test"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if postgres:
        with connection.cursor() as cursor:  # a clean slate in the bench's own database
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    call_command("migrate", verbosity=0)
    return connection.vendor


def median_ms(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000, 2)


def publish_times(home, count: int) -> list[float]:
    from django.db import transaction

    from site_pages.models import StandardPage
    from site_pages.testing import add_page

    page = add_page(home, StandardPage(title="bench", slug=f"bench-{time.monotonic_ns()}"))
    samples = []
    for n in range(count):
        page.title = f"bench {n}"
        revision = page.save_revision()
        started = time.perf_counter()
        with transaction.atomic():  # the editor's request: publish, then the commit's work
            revision.publish()
        samples.append(time.perf_counter() - started)
    return samples


def main() -> int:
    postgres = "--postgres" in sys.argv
    vendor = setup(postgres)
    from django.db import connection
    from graphql import graphql_sync

    from cms.graphql.schema import schema
    from site_pages.testing import make_site_tree
    from syndication.graphql import encode_cursor
    from syndication.models import ChangeEntry, WebhookDelivery, WebhookEndpoint
    from syndication.testing import Receiver, make_endpoint, serve_receiver
    from tests.background_helpers import run_queued_tasks

    home_ar, _home_en = make_site_tree()
    results: dict = {"database": vendor, "python": sys.version.split()[0]}

    # 1. A publish with no endpoint, then with 5 failing ones.
    publish_times(home_ar, 3)  # warm-up
    none = publish_times(home_ar, PUBLISHES)
    for n in range(5):
        make_endpoint("http://127.0.0.1:1/refused", partner=f"Failing partner {n}")
    failing = publish_times(home_ar, PUBLISHES)
    results["publish_ms"] = {"no_endpoints": median_ms(none), "five_failing": median_ms(failing)}
    WebhookEndpoint.objects.all().delete()
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.all().delete()

    # 2. The worker delivering to a local receiver.
    receiver = Receiver()
    server = serve_receiver(receiver)
    try:
        make_endpoint(receiver.url, partner="Local receiver")
        from syndication.delivery import queue_deliveries
        from syndication.recording import record

        entries = [
            ChangeEntry(
                action="republished",
                page_id=home_ar.pk,
                page_type="HomePage",
                locale="ar",
                path="/",
                url="/ar/",
            )
            for _ in range(EVENTS)
        ]
        from django.db import transaction

        with transaction.atomic():
            record(entries)
        started = time.perf_counter()
        run_queued_tasks()
        elapsed = time.perf_counter() - started
    finally:
        server.shutdown()
        server.server_close()
    delivered = len(receiver.received)
    results["delivery"] = {
        "events": EVENTS,
        "delivered": delivered,
        "seconds": round(elapsed, 2),
        "events_per_second": round(delivered / elapsed, 1),
    }
    del queue_deliveries
    WebhookDelivery.objects.all().delete()
    WebhookEndpoint.objects.all().delete()

    # 3. Feed pages at FEED_ENTRIES entries.
    missing = FEED_ENTRIES - ChangeEntry.objects.count()
    ChangeEntry.objects.bulk_create(
        [
            ChangeEntry(
                action="published",
                page_id=10_000 + n % 5000,
                page_type="ServicePage",
                locale=("ar", "en")[n % 2],
                path=f"/services/s-{n}/",
            )
            for n in range(max(missing, 0))
        ],
        batch_size=5000,
    )
    sequences = list(ChangeEntry.objects.order_by("sequence").values_list("sequence", flat=True))
    query = "query($a: String, $l: String) { changes(after: $a, first: 100, locale: $l) { items { sequence action pageId path } pageInfo { endCursor } } }"
    feed = {}
    for label, position in (
        ("start", 0),
        ("middle", len(sequences) // 2),
        ("end", len(sequences) - 150),
    ):
        cursor = encode_cursor(sequences[position]) if position else None
        for locale in (None, "en"):
            samples = []
            for _ in range(21):
                started = time.perf_counter()
                answer = graphql_sync(
                    schema.graphql_schema, query, variable_values={"a": cursor, "l": locale}
                )
                samples.append(time.perf_counter() - started)
                assert not answer.errors, answer.errors
            feed[f"{label}{'' if locale is None else '_en'}"] = median_ms(samples[1:])
    results["feed_page_ms"] = {"entries": len(sequences), **feed}
    connection.close()

    out = ROOT / "bench" / "results"
    label = "postgresql" if vendor == "postgresql" else "sqlite"
    (out / f"webhooks-{label}.json").write_text(json.dumps(results, indent=2) + "\n")
    lines = [
        f"# Change feed and webhooks ({label})",
        "",
        "`python -m bench.webhook_bench` (bench/webhook_bench.py); medians.",
        "",
        f"- publish: {results['publish_ms']['no_endpoints']} ms with no endpoint, "
        f"{results['publish_ms']['five_failing']} ms with 5 failing endpoints ({PUBLISHES} publishes each)",
        f"- worker delivery to a local receiver: {results['delivery']['events_per_second']} events/s "
        f"({delivered} of {EVENTS} in {results['delivery']['seconds']} s)",
        f"- `changes(first: 100)` at {len(sequences)} entries: "
        + ", ".join(f"{k} {v} ms" for k, v in feed.items()),
        "",
    ]
    (out / f"webhooks-{label}.md").write_text("\n".join(lines))
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
