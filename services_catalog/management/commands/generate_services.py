"""Generate N synthetic bilingual services for benchmarks and load tests."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from services_catalog import generator
from services_catalog.demo import ensure_catalogue, ensure_categories

BAR_WIDTH = 30


class Progress:
    """A one-line progress bar on stderr (a plain line per chunk when stderr is not a terminal)."""

    def __init__(self, stream) -> None:
        self.stream = stream  # the command's OutputWrapper
        self.started = time.monotonic()
        self.interactive = stream.isatty()

    def __call__(self, done: int, total: int) -> None:
        filled = int(BAR_WIDTH * done / total) if total else BAR_WIDTH
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        line = f"[{bar}] {done}/{total} services, {time.monotonic() - self.started:.1f}s"
        if self.interactive:
            self.stream.write("\r" + line, ending="\n" if done >= total else "")
        else:
            self.stream.write(line)
        self.stream.flush()


class Command(BaseCommand):
    help = (
        "Create N synthetic services (MOF-SYN-00001...) in Arabic and English under the catalogue. "
        "Deterministic: the same --seed gives the same services."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--count", type=int, default=100, help="How many services (default 100)."
        )
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")
        parser.add_argument(
            "--replace", action="store_true", help="Delete earlier synthetic services first."
        )
        parser.add_argument(
            "--index", action="store_true", help="Add the new services to the search index."
        )

    def handle(self, *args, count: int, seed: int, replace: bool, index: bool, **options):
        if count < 1 or count > 200_000:
            raise CommandError("--count must be between 1 and 200000.")
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is None:
            raise CommandError("No site yet: run `manage.py load_demo_content` first.")
        started = time.monotonic()
        if replace:
            removed = generator.delete_synthetic()
            self.stdout.write(f"Removed {removed} synthetic service pages.")
        from cms.localize import publish_translation

        ensure_categories(publish_translation)
        catalogue, _created = ensure_catalogue(site.root_page.specific, publish_translation)
        progress = Progress(self.stderr)
        created = 0
        backend = None
        if index:
            from wagtail.search.backends import get_search_backend

            backend = get_search_backend()
        for pages in generator.generate(catalogue, count, seed, progress=progress):
            created += len(pages)
            if backend is not None:
                backend.add_bulk(type(pages[0]), pages)
        elapsed = time.monotonic() - started
        self.stdout.write(
            f"Created {created // 2} services ({created} pages, Arabic and English) "
            f"in {elapsed:.1f}s."
        )
