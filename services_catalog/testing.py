"""Pytest fixtures and builders for the catalogue (loaded from tests/conftest.py).

`catalogue` gives the two catalogue pages and the five categories in both languages;
`make_service` publishes a valid service (and its English version, by default) with any field
overridden; `hidden_services` seeds services the public must never see, for the visibility walk.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

import pytest
from django.utils import timezone
from wagtail.models import Locale, Page, PageViewRestriction

from services_catalog.building import service_fields
from services_catalog.demo import content
from services_catalog.models import ServiceCategory, ServiceIndexPage, ServicePage


@dataclass
class Catalogue:
    index_ar: ServiceIndexPage
    index_en: ServiceIndexPage
    categories_ar: dict[str, ServiceCategory] = field(default_factory=dict)
    categories_en: dict[str, ServiceCategory] = field(default_factory=dict)

    @property
    def arabic(self) -> Locale:
        return self.index_ar.locale

    @property
    def english(self) -> Locale:
        return self.index_en.locale


def make_catalogue(home_ar: Page, home_en: Page) -> Catalogue:
    """Catalogue pages and categories; English copies made directly (fast, no translation memory)."""
    english = home_en.locale
    categories_ar, categories_en = {}, {}
    for order, spec in enumerate(content.CATEGORIES, start=1):
        arabic = ServiceCategory.objects.create(
            slug=spec["slug"], sort_order=order, locale=home_ar.locale, **spec["ar"]
        )
        translated = arabic.copy_for_translation(english)
        translated.name = spec["en"]["name"]
        translated.description = spec["en"]["description"]
        translated.save()
        categories_ar[spec["slug"]], categories_en[spec["slug"]] = arabic, translated
    index_ar = ServiceIndexPage(slug="services", **content.CATALOGUE["ar"])
    home_ar.add_child(instance=index_ar)
    index_ar.save_revision().publish()
    index_en = index_ar.copy_for_translation(english)
    for name, value in content.CATALOGUE["en"].items():
        setattr(index_en, name, value)
    index_en.save_revision().publish()
    return Catalogue(
        ServiceIndexPage.objects.get(pk=index_ar.pk),
        ServiceIndexPage.objects.get(pk=index_en.pk),
        categories_ar,
        categories_en,
    )


def service_spec(code: str, **overrides) -> dict:
    """A complete, valid bilingual spec (demo service MOF-IND-001 with a new code and slug)."""
    base = content.SERVICES[0]
    spec = {**base, "code": code, "slug": code.lower(), "related": []}
    for language in ("ar", "en"):
        spec[language] = dict(base[language])
        spec[language]["title"] = f"{base[language]['title']} {code}"
    spec.update(overrides)
    return spec


def make_service(
    catalogue: Catalogue,
    code: str,
    *,
    publish: bool = True,
    english: bool = True,
    category: str = "loan-exemptions",
    fields: dict | None = None,
    english_fields: dict | None = None,
    **spec_overrides,
) -> tuple[ServicePage, ServicePage | None]:
    """Publish an Arabic service (and an English copy unless told not to); return both."""
    spec = service_spec(code, category=category, **spec_overrides)
    values = {**service_fields(spec, "ar"), **(fields or {})}
    page = ServicePage(category=catalogue.categories_ar[category], live=publish, **values)
    catalogue.index_ar.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    page = ServicePage.objects.get(pk=page.pk)
    if not english:
        return page, None
    translated = page.copy_for_translation(catalogue.english)
    for name, value in service_fields(spec, "en").items():
        if name not in ("slug", "code"):
            setattr(translated, name, value)
    translated.category = catalogue.categories_en[category]
    translated.live = publish
    for name, value in (english_fields or {}).items():
        setattr(translated, name, value)
    revision = translated.save_revision()
    if publish:
        revision.publish()
    return page, ServicePage.objects.get(pk=translated.pk)


def hide_services(catalogue: Catalogue) -> dict:
    """Services the public must never see, each with 'secret' in its name, code path and text."""
    draft, _ = make_service(catalogue, "MOF-SEC-001", publish=False, english=False)
    unpublished, _ = make_service(catalogue, "MOF-SEC-002", english=False)
    unpublished.unpublish()
    private, _ = make_service(catalogue, "MOF-SEC-003", english=False)
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    expired, _ = make_service(catalogue, "MOF-SEC-004", english=False)
    Page.objects.filter(pk=expired.pk).update(expire_at=timezone.now() - datetime.timedelta(days=1))
    hidden = [draft, unpublished, private, expired]
    for page in hidden:
        ServicePage.objects.filter(pk=page.pk).update(
            title=f"Secret service {page.code}", summary="secret summary"
        )
    only_ar, _ = make_service(catalogue, "MOF-ONL-001", english=False)
    ServicePage.objects.filter(pk=only_ar.pk).update(title="onlyar service")
    source, only_en = make_service(catalogue, "MOF-ONL-002")
    source.delete()
    ServicePage.objects.filter(pk=only_en.pk).update(title="onlyen service")
    return {
        "codes": [page.code for page in hidden] + ["MOF-ONL-001", "MOF-ONL-002"],
        "ids": [page.pk for page in hidden],
        "paths": [f"/services/{page.slug}/" for page in hidden],
    }


@pytest.fixture
def editor_client(client, settings):
    """A client signed in to the admin as a superuser (login lockout off: these tests are about
    the catalogue's admin views, and force_login's bare request has no client address)."""
    from django.contrib.auth import get_user_model

    settings.AXES_ENABLED = False
    user = get_user_model().objects.create_superuser("editor", "editor@example.com", "pw-1234567")
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def catalogue(site_tree) -> Catalogue:
    return make_catalogue(*site_tree)


@pytest.fixture
def hidden_services(catalogue) -> dict:
    return hide_services(catalogue)
