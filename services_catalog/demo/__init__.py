"""Load the demo catalogue: categories, the catalogue page and 20+ services, in Arabic and English.

Called by site_pages' `load_demo_content` inside its transaction, and by our own
`load_demo_services` command. Idempotent: what exists (by slug or code) is left alone.
English versions are real wagtail-localize translations (cms.localize.publish_translation).
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction
from wagtail.models import Locale, Page, Workflow, WorkflowPage

from services_catalog.building import service_fields
from services_catalog.demo import content
from services_catalog.models import RelatedService, ServiceCategory, ServiceIndexPage, ServicePage

Translate = Callable[..., object]


def _translate_default() -> Translate:
    from cms.localize import publish_translation

    return publish_translation


def _publish(page: Page) -> Page:
    page.save_revision(log_action=True).publish()
    page.refresh_from_db()
    return page


def _say(stdout, text: str) -> None:
    if stdout is not None:
        stdout.write(text)


def ensure_categories(translate: Translate, stdout=None) -> tuple[dict[str, ServiceCategory], int]:
    arabic = Locale.objects.get(language_code="ar")
    english = Locale.objects.get(language_code="en")
    categories, created = {}, 0
    for order, spec in enumerate(content.CATEGORIES, start=1):
        category = ServiceCategory.objects.filter(slug=spec["slug"], locale=arabic).first()
        if category is None:
            category = ServiceCategory(
                slug=spec["slug"], sort_order=order * 10, locale=arabic, **spec["ar"]
            )
            category.full_clean()
            category.save()
            created += 1
            _say(stdout, f"  + category {category}")
        if not category.has_translation(english):
            translate(category, ServiceCategory(slug=spec["slug"], **spec["en"]))
        categories[spec["slug"]] = category
    return categories, created


def ensure_catalogue(
    home_ar: Page, translate: Translate, stdout=None
) -> tuple[ServiceIndexPage, int]:
    english = Locale.objects.get(language_code="en")
    spec = content.CATALOGUE
    index = ServiceIndexPage.objects.child_of(home_ar).filter(slug=spec["slug"]).first()
    created = 0
    if index is None:
        index = ServiceIndexPage(slug=spec["slug"], **spec["ar"])
        home_ar.add_child(instance=index)
        index = _publish(index)
        created = 1
        _say(stdout, f"  + {index}")
    if not index.has_translation(english):
        translate(index, ServiceIndexPage(**spec["en"]))
    _ensure_moderation(index)
    return index, created


def _ensure_moderation(index: Page) -> None:
    """Services go through moderation: inherit the site's workflow, or take the default one."""
    if index.get_workflow() is not None:
        return
    workflow = Workflow.objects.filter(active=True).order_by("pk").first()
    if workflow is not None:
        WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})


def repair_child_counts(pages: list[Page]) -> None:
    """Set each page's `numchild` from its real children.

    wagtail-localize publishes a translated page in `transaction.on_commit` from the instance it
    had when translating; when children were added under that page in the same transaction, the
    publish writes back a stale `numchild` and treebeard then reuses a child path. Registered as
    the last commit hook of the load, this puts the counts right (see tests/test_services_demo.py).
    """
    for page in pages:
        children = Page.objects.filter(path__startswith=page.path, depth=page.depth + 1).count()
        Page.objects.filter(pk=page.pk).update(numchild=children)


def load_demo_services(home_ar: Page, stdout=None, translate: Translate | None = None) -> int:
    """Create what is missing of the demo catalogue; return how many objects were created."""
    translate = translate or _translate_default()
    english = Locale.objects.get(language_code="en")
    with transaction.atomic():
        categories, created = ensure_categories(translate, stdout)
        index, index_created = ensure_catalogue(home_ar, translate, stdout)
        created += index_created
        services: dict[str, ServicePage] = {}
        new_codes: set[str] = set()
        for spec in content.SERVICES:
            page = ServicePage.objects.filter(code=spec["code"], locale=home_ar.locale).first()
            if page is None:
                page = ServicePage(
                    category=categories[spec["category"]], **service_fields(spec, "ar")
                )
                index.add_child(instance=page)
                page = _publish(page)
                new_codes.add(spec["code"])
                created += 1
                _say(stdout, f"  + {page}")
            services[spec["code"]] = page
        # Related services point at pages that may be created later in the list: link them once
        # every page exists, and only on new pages so that editors' changes are kept.
        for spec in content.SERVICES:
            if spec["code"] not in new_codes or not spec.get("related"):
                continue
            page = services[spec["code"]]
            for order, code in enumerate(spec["related"]):
                RelatedService.objects.create(page=page, target=services[code], sort_order=order)
            _publish(ServicePage.objects.get(pk=page.pk))
        for spec in content.SERVICES:
            page = services[spec["code"]]
            if not page.has_translation(english):
                english_category = categories[spec["category"]].get_translation(english)
                translate(
                    page, ServicePage(category=english_category, **service_fields(spec, "en"))
                )
        # Registered last, so it runs after wagtail-localize's deferred publishes.
        indexes = list(Page.objects.filter(translation_key=index.translation_key))
        transaction.on_commit(lambda: repair_child_counts(indexes))
    return created
