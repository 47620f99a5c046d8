"""Test helpers for the institutional pages and the government entities."""

from __future__ import annotations

from wagtail.models import Page

from institution.models import GovernmentEntity, OrganisationPage


def seed_hidden_institution(home_ar: Page, home_en: Page) -> list[Page]:
    """For the leak walk: an unpublished organisation page whose people say 'secret', and one
    entity per language that the other language must never list. Returns the hidden pages."""
    from site_pages.testing import add_page

    person = {
        "name": "Secret person",
        "role": "Secret role",
        "photo": None,
        "photo_alt": "",
        "biography": "",
    }
    draft = add_page(
        home_ar,
        OrganisationPage(
            title="Secret organisation",
            slug="secret-organisation",
            leadership=[{"type": "person", "value": person}],
            units=[{"type": "unit", "value": {"name": "Secret unit", "people": [person]}}],
        ),
        publish=False,
    )
    add_page(
        home_ar,
        OrganisationPage(
            title="Public organisation",
            slug="public-organisation",
            units=[{"type": "unit", "value": {"name": "Public unit", "people": []}}],
        ),
    )
    GovernmentEntity.objects.create(
        name="onlyar entity", url="https://onlyar.example.gov.sa/", locale=home_ar.locale
    )
    GovernmentEntity.objects.create(
        name="onlyen entity", url="https://onlyen.example.gov.sa/", locale=home_en.locale
    )
    return [draft]


INSTITUTION_URLS = {
    "OrganisationPage": {"ar": "/ar/organisation/", "en": "/en/organisation/"},
    "GovernmentEntitiesPage": {"ar": "/ar/government-entities/", "en": "/en/government-entities/"},
    # The contact centre's form as the right-to-information link opens it, the topic chosen.
    "ContactCentreRightToInformation": {
        "ar": "/ar/contact-centre/?topic=right_to_information",
        "en": "/en/contact-centre/?topic=right_to_information",
    },
}


def _person(name: str, role: str, photo=None, alt: str = "") -> dict:
    return {
        "name": name,
        "role": role,
        "photo": photo.pk if photo else None,
        "photo_alt": alt,
        "biography": "",
    }


def _unit(name: str, description: str = "", people=(), code: str = "", parent: str = "") -> dict:
    return {
        "type": "unit",
        "value": {
            "name": name,
            "code": code,
            "parent": parent,
            "description": description,
            "people": list(people),
        },
    }


def build_institution(home_ar: Page) -> dict[str, Page]:
    """An organisation page (a leader with a photo, units in a tree: two at the top, one under
    the first and one under that) and the entities page, each with its English translation, and
    two entities per language; returns the Arabic pages."""
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    from cms.localize import publish_translation
    from institution.models import GovernmentEntitiesPage
    from site_pages.testing import add_page

    photo = Image.objects.create(title="portrait", file=get_test_image_file())

    def organisation(lang: str) -> OrganisationPage:
        ar = lang == "ar"
        return OrganisationPage(
            title="الهيكل التنظيمي" if ar else "Organisation structure",
            slug="organisation",
            intro="قيادات الوزارة ووحداتها." if ar else "The ministry's leaders and units.",
            leadership=[
                {
                    "type": "person",
                    "value": _person(
                        "محمد الجدعان" if ar else "Mohammed Al-Jadaan",
                        "وزير المالية" if ar else "Minister of Finance",
                        photo,
                        "صورة الوزير مبتسمًا أمام شعار الوزارة"
                        if ar
                        else "The minister smiling in front of the ministry's emblem",
                    ),
                }
            ],
            units=[
                _unit(
                    "وكالة المالية العامة" if ar else "Deputyship for Public Finance",
                    "تعد الميزانية." if ar else "Prepares the budget.",
                    [
                        _person(
                            "سارة العتيبي" if ar else "Sarah Al-Otaibi",
                            "وكيلة الوزارة" if ar else "Deputy minister",
                        )
                    ],
                    code="public-finance",
                ),
                _unit("الخدمات المشتركة" if ar else "Shared services"),
                # Listed last, shown under their parents: the tree, not the list, orders them.
                _unit(
                    "الإدارة العامة للميزانية" if ar else "General Directorate of the Budget",
                    "",
                    [
                        _person(
                            "خالد الحربي" if ar else "Khalid Al-Harbi",
                            "مدير عام" if ar else "Director general",
                        )
                    ],
                    code="budget",
                    parent="public-finance",
                ),
                _unit(
                    "إدارة إعداد الميزانية" if ar else "Budget Preparation Department",
                    parent="budget",
                ),
            ],
        )

    org = add_page(home_ar, organisation("ar"))
    publish_translation(org, organisation("en"))
    entities_page = add_page(
        home_ar,
        GovernmentEntitiesPage(
            title="جهات حكومية ذات علاقة", slug="government-entities", intro="مواقع جهات حكومية."
        ),
    )
    publish_translation(
        entities_page,
        GovernmentEntitiesPage(
            title="Related government entities", intro="Websites of government entities."
        ),
    )
    for order, (url, ar_name, en_name) in enumerate(
        [
            ("https://dga.gov.sa/", "هيئة الحكومة الرقمية", "Digital Government Authority"),
            ("https://zatca.gov.sa/", "هيئة الزكاة والضريبة والجمارك", "ZATCA"),
        ]
    ):
        entity = GovernmentEntity.objects.create(
            url=url, name=ar_name, sort_order=order, locale=home_ar.locale
        )
        publish_translation(entity, GovernmentEntity(url=url, name=en_name, description=""))
    return {"organisation": org, "entities": entities_page, "photo": photo}
