"""Keep the search index in step with what is published.

Searchable page types set `search_auto_update = False`, so a draft save does not touch the
index; instead a page is (re)indexed when it is created (so editors find new drafts in the
admin), published, unpublished or moved, and removed when deleted. Public search shows live
pages only whatever the index holds: the visibility policy filters every query.
"""

from __future__ import annotations

import logging

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.search import index
from wagtail.search.backends import get_search_backends_with_name
from wagtail.signals import page_published, page_unpublished, post_page_move

from search.indexing import SearchablePageMixin, searchable_models

logger = logging.getLogger("mizan.search")

DESCENDANT_CHUNK = 500


def _is_searchable(instance) -> bool:
    return isinstance(instance, SearchablePageMixin)


def index_page(instance: Page) -> None:
    index.insert_or_update_object(instance)


def _on_published(sender, instance, **kwargs):
    if _is_searchable(instance):
        index_page(instance)


def _on_unpublished(sender, instance, **kwargs):
    if _is_searchable(instance):
        index_page(instance)


def _on_created(sender, instance, created=False, raw=False, **kwargs):
    if created and not raw and _is_searchable(instance):
        index_page(instance)


def _on_deleted(sender, instance, **kwargs):
    if _is_searchable(instance):
        index.remove_object(instance)


def _stores_paths(backend) -> bool:
    # The database backends read `path` from the page table at query time; other backends
    # keep it in their documents, so descendants of a moved page must be re-sent.
    return not type(backend).__module__.startswith("modelsearch.backends.database")


def _on_moved(sender, instance, **kwargs):
    page = instance.specific
    if _is_searchable(page):
        index_page(page)
    backends = [b for _name, b in get_search_backends_with_name(with_auto_update=True)]
    path_backends = [b for b in backends if _stores_paths(b)]
    if not path_backends:
        return
    descendants = Page.objects.descendant_of(instance).order_by("path")
    for model in searchable_models():
        ids = descendants.exact_type(model).values_list("pk", flat=True)
        objs = list(model.objects.filter(pk__in=ids))
        for start in range(0, len(objs), DESCENDANT_CHUNK):
            chunk = objs[start : start + DESCENDANT_CHUNK]
            for backend in path_backends:
                try:
                    backend.add_bulk(model, chunk)
                except Exception:
                    logger.exception("Re-indexing moved pages failed on %s", backend)


def connect() -> None:
    page_published.connect(_on_published, dispatch_uid="mizan_search_published")
    page_unpublished.connect(_on_unpublished, dispatch_uid="mizan_search_unpublished")
    post_page_move.connect(_on_moved, dispatch_uid="mizan_search_moved")
    for model in searchable_models():
        post_save.connect(_on_created, sender=model, dispatch_uid=f"mizan_search_created_{model}")
        post_delete.connect(_on_deleted, sender=model, dispatch_uid=f"mizan_search_deleted_{model}")
