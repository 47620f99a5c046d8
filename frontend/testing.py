"""Test support for the frontend: a small bilingual site with every page type and block.

This is the one module in `frontend/` that touches models: it builds test content, and runs only
under pytest (the no-ORM test exempts it by name). Runtime code reads content through GraphQL.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from wagtail.models import Locale, Page

from regulations.testing import make_library, make_regulation
from services_catalog.models import (
    RelatedService,
    ServiceCategory,
    ServiceIndexPage,
    ServicePage,
)
from site_pages.models import (
    ContactCentrePage,
    HomePage,
    Menu,
    MenuItem,
    NewsArticlePage,
    NewsIndexPage,
    SiteSettings,
    StandardPage,
    WorkingHours,
)
from site_pages.testing import add_page, make_site_tree

NEWS_ARTICLES = 11  # one more than a page of the news index: pagination is exercised

ABOUT_BODY_AR = [
    ("heading", {"text": "منصة المواطن والمقيم", "level": "h2"}),
    (
        "paragraph",
        "<p>تقدم المنصة في إصدارها الأول خدمات إعفاءات القروض وأوامر الدفع ونزع الملكيات. "
        "رقم الخدمة MOF-101 متاح على مدار الساعة.</p>",
    ),
    ("heading", {"text": "أرقام الإصدار الأول", "level": "h3"}),
    (
        "table",
        {
            "table_caption": "خدمات الإصدار الأول",
            "first_row_is_table_header": True,
            "first_col_is_header": True,
            "data": [
                ["الخدمة", "المدة", "الرسوم"],
                ["إعفاءات القروض", "5 أيام عمل", "مجانية"],
                ["أوامر الدفع", "3 أيام عمل", "مجانية"],
            ],
        },
    ),
    (
        "accordion",
        {
            "title": "أسئلة شائعة",
            "items": [
                {"question": "من يستفيد من المنصة؟", "answer": "<p>المواطنون والمقيمون.</p>"},
                {"question": "كيف أتواصل معكم؟", "answer": "<p>اتصل على الرقم 19990.</p>"},
            ],
        },
    ),
    ("quote", {"quote": "خدمة أفضل بوقت أقل وجهد أوفر.", "attribution": "وزارة المالية"}),
]
ABOUT_BODY_EN = [
    ("heading", {"text": "The Citizen and Resident platform", "level": "h2"}),
    (
        "paragraph",
        "<p>Its first release offers loan exemptions, payment orders and expropriation "
        "services. Service MOF-101 is available around the clock.</p>",
    ),
    ("heading", {"text": "First release in figures", "level": "h3"}),
    (
        "table",
        {
            "table_caption": "First-release services",
            "first_row_is_table_header": True,
            "first_col_is_header": True,
            "data": [
                ["Service", "Time", "Fee"],
                ["Loan exemptions", "5 working days", "Free"],
                ["Payment orders", "3 working days", "Free"],
            ],
        },
    ),
    (
        "accordion",
        {
            "title": "Frequently asked questions",
            "items": [
                {
                    "question": "Who can use the platform?",
                    "answer": "<p>Citizens and residents.</p>",
                },
                {"question": "How do I contact you?", "answer": "<p>Call 19990.</p>"},
            ],
        },
    ),
    (
        "quote",
        {"quote": "Better service, less time, less effort.", "attribution": "Ministry of Finance"},
    ),
]


def _translate(page: Page, english: Locale, **fields: Any) -> Page:
    """The English translation of a published Arabic page (same translation key), published."""
    translated = page.copy_for_translation(english)
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    translated.refresh_from_db()
    return translated


def _stream(blocks: list[tuple[str, Any]]) -> list[dict[str, Any]]:
    """StreamField content in its stored (raw JSON) form."""
    return [{"type": name, "value": value} for name, value in blocks]


def _pair(parent_ar: Page, page: Page, english: Locale, **en_fields) -> Page:
    arabic_page = add_page(parent_ar, page)
    _translate(arabic_page.specific, english, **en_fields)
    return arabic_page


def build_site() -> dict[str, Any]:
    """Arabic pages with English translations; returns the Arabic pages by role."""
    home_ar, home_en = make_site_tree()  # re-creates the tree root after a transactional flush
    english = home_en.locale
    arabic = home_ar.locale

    centre = _pair(
        home_ar,
        ContactCentrePage(
            title="مركز الاتصال الموحد",
            slug="contact-centre",
            intro="المرحلة الأولى من مركز الخدمة الشامل لوزارة المالية.",
            phone_number="19990",
            email="care@mof.gov.sa",
            social_account="@MofCare",
            social_url="https://x.com/MofCare",
            working_hours=[
                WorkingHours(
                    first_day=0,
                    last_day=4,
                    opens=datetime.time(8, 0),
                    closes=datetime.time(20, 0),
                )
            ],
        ),
        english,
        title="Unified contact centre",
        intro="The first phase of the ministry's comprehensive service centre.",
    )
    about = _pair(
        home_ar,
        StandardPage(
            title="عن الوزارة",
            slug="about",
            intro="وزارة المالية تخدم الأفراد والجهات.",
            search_description="تعرف على وزارة المالية وخدماتها.",
            body=_stream(ABOUT_BODY_AR),
        ),
        english,
        title="About the ministry",
        intro="The Ministry of Finance serves individuals and organisations.",
        search_description="Learn about the Ministry of Finance and its services.",
        body=_stream(ABOUT_BODY_EN),
    )
    _pair(
        about,
        StandardPage(title="القيادة", slug="leadership", intro="قيادة الوزارة."),
        english,
        title="Leadership",
        intro="The ministry's leadership.",
    )
    news = _pair(
        home_ar,
        NewsIndexPage(title="الأخبار", slug="news", intro="آخر أخبار الوزارة."),
        english,
        title="News",
        intro="The ministry's latest news.",
    )
    for number in range(1, NEWS_ARTICLES + 1):
        _pair(
            news,
            NewsArticlePage(
                title=f"خبر رقم {number} عن منصة خدمات الأفراد",
                slug=f"news-{number}",
                date=datetime.date(2026, 1, number),
                summary="افتتح وزير المالية مركز الاتصال الموحد ومنصة خدمات الأفراد.",
                body=_stream(
                    [("paragraph", "<p>يمكن التواصل عبر الرقم 19990 أو الحساب @MofCare.</p>")]
                ),
            ),
            english,
            title=f"News item {number} about the individuals' services platform",
            summary="The Minister of Finance opened the unified contact centre.",
            body=_stream([("paragraph", "<p>Reach us on 19990 or @MofCare.</p>")]),
        )
    legal = {}
    for slug, title_ar, title_en in [
        ("privacy", "سياسة الخصوصية", "Privacy policy"),
        ("accessibility", "بيان إمكانية الوصول", "Accessibility statement"),
        ("terms", "شروط الاستخدام", "Terms of use"),
    ]:
        legal[slug] = _pair(
            home_ar,
            StandardPage(title=title_ar, slug=slug, intro=title_ar),
            english,
            title=title_en,
            intro=title_en,
        )

    home_ar = HomePage.objects.get(pk=home_ar.pk)
    home_ar.hero_text = "خدمات وزارة المالية للمواطنين والمقيمين في مكان واحد."
    home_ar.featured_title = "منصة المواطن والمقيم"
    home_ar.featured = _stream(
        [
            (
                "service_family",
                {
                    "title": "إعفاءات القروض",
                    "description": "طلب إعفاء من القروض.",
                    "page": about.pk,
                },
            ),
            ("service_family", {"title": "أوامر الدفع", "description": "متابعة أوامر الدفع."}),
        ]
    )
    home_ar.contact_centre_page = centre
    home_ar.contact_centre_teaser = "اتصل بنا على 19990 أو عبر حساب @MofCare، دون مراجعة الوزارة."
    home_ar.news_count = 3
    home_ar.save_revision().publish()
    home_en = HomePage.objects.get(pk=home_en.pk)
    home_en.hero_text = (
        "The Ministry of Finance's services for citizens and residents, in one place."
    )
    home_en.featured_title = "The Citizen and Resident platform"
    about_en = about.get_translation(english)
    home_en.featured = _stream(
        [
            (
                "service_family",
                {
                    "title": "Loan exemptions",
                    "description": "Ask for a loan exemption.",
                    "page": about_en.pk,
                },
            ),
            (
                "service_family",
                {"title": "Payment orders", "description": "Follow payment orders."},
            ),
        ]
    )
    home_en.contact_centre_page = centre.get_translation(english)
    home_en.contact_centre_teaser = "Call us on 19990 or write to @MofCare."
    home_en.news_count = 3
    home_en.save_revision().publish()

    def local(page: Page, locale: Locale) -> Page:
        return page if page.locale_id == locale.pk else page.get_translation(locale)

    for locale in (arabic, english):
        main = Menu.objects.create(
            slot=Menu.MAIN,
            title="القائمة الرئيسية" if locale == arabic else "Main menu",
            locale=locale,
        )
        for order, page in enumerate([about, news, centre]):
            MenuItem.objects.create(
                menu=main, page=local(page, locale), sort_order=order, locale=locale
            )
        footer = Menu.objects.create(
            slot=Menu.FOOTER,
            title="روابط مهمة" if locale == arabic else "Useful links",
            locale=locale,
        )
        for order, page in enumerate(legal.values()):
            MenuItem.objects.create(
                menu=footer, page=local(page, locale), sort_order=order, locale=locale
            )

    catalogue, services = build_services(home_ar, english)
    library = make_library(home_ar, english)
    regulation = make_regulation(
        library["index"],
        english,
        "exemption-rules",
        {"title": "قواعد الإعفاء من القروض", "summary": "حالات الإعفاء من باقي القرض."},
        {"title": "Loan exemption rules", "summary": "When the rest of a loan is waived."},
        number="3310",
        instrument="council_of_ministers",
        status="amended",
        versions=[
            (1, datetime.date(2018, 3, 1), "النص الأصلي", "<p>يُعفى ورثة المقترض المتوفى.</p>"),
            (2, datetime.date(2022, 7, 1), "بعد التعديل", "<p>ويُعفى المصاب بعجز كلي.</p>"),
        ],
        versions_en=[
            ("Original text", "<p>The heirs of a deceased borrower are exempted.</p>"),
            ("As amended", "<p>So is a borrower with a total disability.</p>"),
        ],
        services=[services["exemption"]],
    )
    # A family without a page links to the catalogue filtered by its category.
    for home in (home_ar, home_en):
        home = HomePage.objects.get(pk=home.pk)
        payments = ServiceCategory.objects.get(slug="payment-orders", locale_id=home.locale_id)
        featured = home.featured.raw_data
        featured[1]["value"]["category"] = payments.pk
        home.featured = _stream([(block["type"], block["value"]) for block in featured])
        home.save_revision().publish()

    settings = SiteSettings.load()
    settings.ministry_name_ar = "وزارة المالية"
    settings.ministry_name_en = "Ministry of Finance"
    settings.contact_phone = "19990"
    settings.contact_email = "care@mof.gov.sa"
    settings.social_account = "@MofCare"
    settings.x_url = "https://x.com/MofCare"
    settings.save()
    return {
        "home": home_ar,
        "about": about,
        "news": news,
        "centre": centre,
        "catalogue": catalogue,
        **services,
        **legal,
        "library": library["index"],
        "regulation": regulation,
    }


def _category(slug: str, name_ar: str, name_en: str, english: Locale) -> ServiceCategory:
    arabic = Locale.objects.get(language_code="ar")
    category = ServiceCategory.objects.create(slug=slug, name=name_ar, locale=arabic)
    translated = category.copy_for_translation(english)
    translated.name = name_en
    translated.save()
    return category


def _service_stream(code: str, block_type: str, values: list[dict]) -> list[dict[str, Any]]:
    # Stable block ids shared by both languages, as wagtail-localize expects.
    return [
        {"type": block_type, "value": value, "id": f"{code.lower()}-{block_type}-{position}"}
        for position, value in enumerate(values)
    ]


def build_services(home_ar: Page, english: Locale) -> tuple[Page, dict[str, Page]]:
    """A catalogue with a free online service, a paid office service and a coming-soon one."""
    loans = _category("loan-exemptions", "إعفاءات القروض", "Loan exemptions", english)
    payments = _category("payment-orders", "أوامر الدفع", "Payment orders", english)
    categories_en = {c.slug: c for c in ServiceCategory.objects.filter(locale=english)}
    catalogue = _pair(
        home_ar,
        ServiceIndexPage(
            title="دليل الخدمات", slug="services", intro="خدمات منصة المواطن والمقيم."
        ),
        english,
        title="Services catalogue",
        intro="Services of the Citizen and Resident platform.",
    )

    def service(code: str, slug: str, category, ar: dict, en: dict, **fields) -> Page:
        documents = fields.pop("documents", ([], []))
        steps = fields.pop("steps", ([], []))
        faqs = fields.pop("faqs", ([], []))
        page = ServicePage(
            slug=slug,
            code=code,
            category=category,
            documents=_service_stream(code, "document", documents[0]),
            steps=_service_stream(code, "step", steps[0]),
            faqs=_service_stream(code, "faq", faqs[0]),
            **ar,
            **fields,
        )
        return _pair(
            catalogue,
            page,
            english,
            category=categories_en[category.slug],
            documents=_service_stream(code, "document", documents[1]),
            steps=_service_stream(code, "step", steps[1]),
            faqs=_service_stream(code, "faq", faqs[1]),
            **en,
        )

    exemption = service(
        "MOF-IND-001",
        "loan-exemption",
        loans,
        {
            "title": "طلب إعفاء من قرض",
            "summary": "اطلب إعفاء ورثة المتوفى من قرض حكومي.",
            "description": "<p>تتيح الخدمة للورثة طلب الإعفاء من القروض الحكومية.</p>",
            "eligibility": "<p>ورثة المقترض المتوفى.</p>",
            "department": "الإدارة العامة للقروض",
            "output": "خطاب الإعفاء.",
        },
        {
            "title": "Apply for a loan exemption",
            "summary": "Ask for a deceased borrower's heirs to be exempted from a government loan.",
            "description": "<p>Heirs can ask to be exempted from government loans.</p>",
            "eligibility": "<p>The heirs of a deceased borrower.</p>",
            "department": "General Department of Loans",
            "output": "An exemption letter.",
        },
        audiences=["citizen", "resident"],
        processing_time="P5D",
        online_channel=True,
        online_url="https://example.org/services/loan-exemption",
        documents=(
            [
                {"name": "صك حصر الورثة", "description": "نسخة واضحة.", "optional": False},
                {"name": "وكالة شرعية", "description": "", "optional": True},
            ],
            [
                {"name": "Deed of inheritance", "description": "A clear copy.", "optional": False},
                {"name": "Power of attorney", "description": "", "optional": True},
            ],
        ),
        steps=(
            [
                {"title": "سجل الدخول", "description": "عبر النفاذ الوطني الموحد."},
                {"title": "أرفق المستندات", "description": "بصيغة PDF."},
            ],
            [
                {"title": "Sign in", "description": "With the national single sign-on."},
                {"title": "Attach the documents", "description": "As PDF files."},
            ],
        ),
        faqs=(
            [{"question": "كم تستغرق الخدمة؟", "answer": "<p>خمسة أيام عمل.</p>"}],
            [{"question": "How long does it take?", "answer": "<p>Five working days.</p>"}],
        ),
    )
    orders = service(
        "MOF-IND-002",
        "payment-order-copy",
        payments,
        {
            "title": "طلب نسخة من أمر دفع",
            "summary": "احصل على نسخة مصدقة من أمر دفع صادر لك.",
            "department": "إدارة أوامر الدفع",
            "office_address": "وزارة المالية، الرياض",
            "cost_note": "لكل نسخة",
        },
        {
            "title": "Request a copy of a payment order",
            "summary": "Get a certified copy of a payment order issued to you.",
            "department": "Payment Orders Department",
            "office_address": "Ministry of Finance, Riyadh",
            "cost_note": "per copy",
        },
        audiences=["citizen", "business"],
        is_free=False,
        cost_amount=Decimal("50.00"),
        processing_time="P3D",
        online_channel=False,
        office_channel=True,
        office_hours=_service_stream(
            "MOF-IND-002",
            "period",
            [
                {
                    "first_day": "sunday",
                    "last_day": "thursday",
                    "opens": "08:00:00",
                    "closes": "15:00:00",
                }
            ],
        ),
    )
    coming = service(
        "MOF-IND-003",
        "expropriation-compensation",
        payments,
        {
            "title": "متابعة تعويض نزع ملكية",
            "summary": "تابع حالة تعويض عقار نزعت ملكيته للمنفعة العامة.",
            "department": "إدارة نزع الملكيات",
            "status_note": "ستتوفر الخدمة قريبًا.",
        },
        {
            "title": "Follow an expropriation compensation",
            "summary": "Follow the compensation for property acquired for public benefit.",
            "department": "Expropriation Department",
            "status_note": "The service will be available soon.",
        },
        audiences=["citizen"],
        status="coming_soon",
        online_channel=False,
    )
    RelatedService.objects.create(page=exemption.specific, target=orders, sort_order=0)
    exemption.specific.save_revision().publish()
    exemption_en = exemption.get_translation(english).specific
    RelatedService.objects.create(
        page=exemption_en, target=orders.get_translation(english), sort_order=0
    )
    exemption_en.save_revision().publish()
    return catalogue, {"exemption": exemption, "orders": orders, "coming": coming}


# One URL per page type and language: what the browser checks visit.
PAGE_URLS = {
    "HomePage": {"ar": "/ar/", "en": "/en/"},
    "StandardPage": {"ar": "/ar/about/", "en": "/en/about/"},
    "LegalPage": {"ar": "/ar/accessibility/", "en": "/en/accessibility/"},
    "NewsIndexPage": {"ar": "/ar/news/", "en": "/en/news/"},
    "NewsArticlePage": {"ar": "/ar/news/news-1/", "en": "/en/news/news-1/"},
    "ContactCentrePage": {"ar": "/ar/contact-centre/", "en": "/en/contact-centre/"},
    "EnquiryPage": {"ar": "/ar/enquiry/", "en": "/en/enquiry/"},
    "ServiceIndexPage": {"ar": "/ar/services/", "en": "/en/services/"},
    "ServicePage": {"ar": "/ar/services/loan-exemption/", "en": "/en/services/loan-exemption/"},
    "RegulationIndexPage": {"ar": "/ar/laws/", "en": "/en/laws/"},
    "RegulationPage": {"ar": "/ar/laws/exemption-rules/", "en": "/en/laws/exemption-rules/"},
    "RegulationVersion": {
        "ar": "/ar/laws/exemption-rules/versions/1/",
        "en": "/en/laws/exemption-rules/versions/1/",
    },
    "NotFound": {"ar": "/ar/no-such-page/", "en": "/en/no-such-page/"},
    "Search": {"ar": "/ar/search/", "en": "/en/search/"},
    "SearchResults": {"ar": "/ar/search/?q=قرض", "en": "/en/search/?q=loan"},
    "SearchNothingFound": {"ar": "/ar/search/?q=زززز", "en": "/en/search/?q=zzzzqq"},
}


@pytest.fixture
def frontend_site(db) -> dict[str, Any]:
    """The bilingual test site (Arabic pages by role)."""
    return build_site()


# What a visitor types into the enquiry form, as the browser posts it.
ENQUIRY_FORM_POST = {
    "name": "Sara",
    "email": "sara@example.com",
    "phone": "",
    "topic": "payment_orders",
    "message": "What is the status of payment order 123?",
    "website": "",
}
