"""Start the change feed from what is public now: one `published` entry per public page that
has no entry yet. Run once after deploying the feed onto a site with content (later publishes
record themselves); running it again adds nothing."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from wagtail.models import Page

from syndication.recording import reconcile_subtree


class Command(BaseCommand):
    help = "Record a `published` feed entry for every public page the feed does not know yet."

    def handle(self, *args, **options):
        root = Page.get_first_root_node()
        added = reconcile_subtree(root.path) if root is not None else []
        self.stdout.write(f"Recorded {len(added)} public pages in the change feed.")
