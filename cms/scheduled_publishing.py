"""Scheduled go-live and expiry: Wagtail's `publish_scheduled`, run every minute on the worker.

Publishing goes through Wagtail's own revision.publish() and unpublish(), so the content
generation moves (caches flush) and the search index follows, as for a publish by hand; each
publish is in the page's history as "published (scheduled)".
"""

from __future__ import annotations

from django.core.management import call_command


def publish_scheduled_pages() -> None:
    call_command("publish_scheduled")
