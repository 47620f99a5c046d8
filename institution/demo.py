"""Demo institutional pages in Arabic and English, loaded by `manage.py load_demo_content`.

Under "About the ministry": the organisation structure and leadership, the strategy (a standard
page: headings and paragraphs are all it needs) and the related government entities; at the top
level: the right to information. The entities' names and addresses are the real ones; the
minister's name is public record, and the units and the deputy ministers named under them come
from the launch announcement (/work/shared/content); no person is invented. The units are a
small tree (the minister, two deputy ministries with the contact centre under one, two bodies
linked to the minister); editors complete it from the ministry's organisation chart before
launch. The right-to-information page states no time limit or fee: the shared content gives
none, so it says where a request goes (the unified contact centre, with a reference number) and
that the ministry replies within the period the applicable rules set; editors add the figures
once confirmed against the National Data Management Office's Freedom of Information rules.
Idempotent: what exists (by slug, or entity by address) is left as it is.
"""

from __future__ import annotations

from django.db import transaction
from wagtail.models import Locale, Page

from cms.localize import publish_translation
from institution.models import GovernmentEntitiesPage, GovernmentEntity, OrganisationPage
from site_pages.models import StandardPage


def _people(language: str, people: list[tuple[str, str, str, str]]) -> list[dict]:
    return [
        {
            "type": "person",
            "value": {
                "name": ar_name if language == "ar" else en_name,
                "role": ar_role if language == "ar" else en_role,
                "photo": None,
                "photo_alt": "",
                "biography": "",
            },
        }
        for ar_name, ar_role, en_name, en_role in people
    ]


LEADERS = [
    (
        "محمد بن عبدالله الجدعان",
        "وزير المالية",
        "Mohammed bin Abdullah Al-Jadaan",
        "Minister of Finance",
    ),
]

# The units as a tree (code, parent's code): the minister, the two deputy ministries and the
# deputy ministers the launch announcement names (/work/shared/content), the unified contact
# centre the deputy minister for communication presented there, and the two bodies linked to
# the minister that the entities list links to. No one is invented: units without a named
# person list nobody.
UNITS = [
    (
        "minister",
        "",
        "وزير المالية",
        "يرأس الوزارة، ويتبعه وكلاء الوزارة والجهات المرتبطة به.",
        "Minister of Finance",
        "Heads the ministry; the deputy ministers and the bodies linked to the minister report "
        "to him.",
        [],
    ),
    (
        "technology-development",
        "minister",
        "وكالة الوزارة لشؤون التقنية والتطوير",
        "تطوّر موقع الوزارة الإلكتروني ومنصة خدمات الأفراد «المواطن والمقيم».",
        "Deputy Ministry for Technology and Development",
        "Develops the ministry's website and the Citizen and Resident platform for individuals' "
        "services.",
        [
            (
                "أحمد الصويان",
                "وكيل وزارة المالية لشؤون التقنية والتطوير",
                "Ahmed Al-Suwayan",
                "Deputy Minister of Finance for Technology and Development",
            )
        ],
    ),
    (
        "communication-media",
        "minister",
        "وكالة الوزارة للتواصل والإعلام",
        "تتولى تواصل الوزارة مع عملائها ووسائل الإعلام.",
        "Deputy Ministry for Communication and Media",
        "Handles the ministry's communication with its customers and the media.",
        [
            (
                "يعرب الثنيان",
                "وكيل وزارة المالية للتواصل والإعلام",
                "Yarub Al-Thunayan",
                "Deputy Minister of Finance for Communication and Media",
            )
        ],
    ),
    (
        "contact-centre",
        "communication-media",
        "مركز الاتصال الموحد",
        "المرحلة الأولى من مركز الخدمة الشامل: يخدم الأفراد والجهات من القطاعين العام والخاص عبر "
        "الرقم 19990 والبريد الإلكتروني وحساب @MofCare.",
        "Unified contact centre",
        "The first phase of the comprehensive service centre: serves individuals and public and "
        "private bodies on 19990, by e-mail and through @MofCare.",
        [],
    ),
    (
        "ndmc",
        "minister",
        "المركز الوطني لإدارة الدين",
        "يدير الدين العام للمملكة وتمويله.",
        "National Debt Management Center",
        "Manages and finances the Kingdom's public debt.",
        [],
    ),
    (
        "zatca",
        "minister",
        "هيئة الزكاة والضريبة والجمارك",
        "تجبي الزكاة والضرائب والرسوم الجمركية.",
        "Zakat, Tax and Customs Authority",
        "Collects zakat, taxes and customs duties.",
        [],
    ),
]


def _units(language: str) -> list[dict]:
    return [
        {
            "type": "unit",
            "value": {
                "name": ar_name if language == "ar" else en_name,
                "code": code,
                "parent": parent,
                "description": ar_text if language == "ar" else en_text,
                "people": [p["value"] for p in _people(language, people)],
            },
        }
        for code, parent, ar_name, ar_text, en_name, en_text, people in UNITS
    ]


def _sections(sections: list[tuple[str, str]]) -> list[dict]:
    blocks = []
    for heading, text in sections:
        blocks.append({"type": "heading", "value": {"text": heading, "level": "h2"}})
        blocks.append({"type": "paragraph", "value": f"<p>{text}</p>"})
    return blocks


ORGANISATION = {
    "slug": "organisation",
    "ar": {
        "title": "الهيكل التنظيمي والقيادات",
        "intro": "قيادات وزارة المالية ووحداتها الرئيسة ومهام كل وحدة.",
        "leadership": _people("ar", LEADERS),
        "units": _units("ar"),
    },
    "en": {
        "title": "Organisation structure and leadership",
        "intro": "The Ministry of Finance's leaders, its main units and what each unit does.",
        "leadership": _people("en", LEADERS),
        "units": _units("en"),
    },
}

STRATEGY = {
    "slug": "strategy",
    "ar": {
        "title": "استراتيجية الوزارة",
        "intro": "الأهداف التي تعمل عليها وزارة المالية في خدمة الأفراد والجهات.",
        "body": _sections(
            [
                (
                    "التحول الرقمي",
                    "تحويل معاملات الأفراد إلى خدمات رقمية عبر منصة «المواطن والمقيم»، وتقليص الوقت "
                    "والجهد على المراجعين.",
                ),
                (
                    "قياس الأداء",
                    "قياس مؤشرات أداء خدمات الأفراد ونشرها، وتحسين الخدمات بناءً عليها.",
                ),
                (
                    "الخدمة الشاملة",
                    "توحيد قنوات التواصل في مركز خدمة شامل، أولى مراحله مركز الاتصال الموحد 19990.",
                ),
            ]
        ),
    },
    "en": {
        "title": "The ministry's strategy",
        "intro": "The goals the Ministry of Finance works towards in serving individuals and bodies.",
        "body": _sections(
            [
                (
                    "Digital transformation",
                    "Turning individuals' transactions into digital services on the Citizen and "
                    "Resident platform, saving visitors time and effort.",
                ),
                (
                    "Measuring performance",
                    "Measuring and publishing the performance indicators of individuals' services, "
                    "and improving the services on their evidence.",
                ),
                (
                    "Comprehensive service",
                    "Bringing the contact channels together in a comprehensive service centre, whose "
                    "first phase is the unified contact centre, 19990.",
                ),
            ]
        ),
    },
}

ENTITIES_PAGE = {
    "slug": "government-entities",
    "ar": {
        "title": "جهات حكومية ذات علاقة",
        "intro": "مواقع جهات حكومية تعمل مع وزارة المالية أو ترتبط بها.",
    },
    "en": {
        "title": "Related government entities",
        "intro": "Websites of government entities that work with or are linked to the Ministry of Finance.",
    },
}

ENTITIES = [
    (
        "https://zatca.gov.sa/",
        "هيئة الزكاة والضريبة والجمارك",
        "جباية الزكاة والضرائب والرسوم الجمركية.",
        "Zakat, Tax and Customs Authority",
        "Collects zakat, taxes and customs duties.",
    ),
    (
        "https://www.ndmc.gov.sa/",
        "المركز الوطني لإدارة الدين",
        "إدارة الدين العام للمملكة وتمويله.",
        "National Debt Management Center",
        "Manages and finances the Kingdom's public debt.",
    ),
    (
        "https://lcgpa.gov.sa/",
        "هيئة المحتوى المحلي والمشتريات الحكومية",
        "تنمية المحتوى المحلي ورفع كفاءة المشتريات الحكومية.",
        "Local Content and Government Procurement Authority",
        "Develops local content and makes government procurement more efficient.",
    ),
    (
        "https://www.sama.gov.sa/",
        "البنك المركزي السعودي",
        "السياسة النقدية والإشراف على القطاع المالي.",
        "Saudi Central Bank",
        "Monetary policy and supervision of the financial sector.",
    ),
    (
        "https://dga.gov.sa/",
        "هيئة الحكومة الرقمية",
        "تنظيم أعمال الحكومة الرقمية وتسجيل المواقع الحكومية.",
        "Digital Government Authority",
        "Regulates digital government and registers government websites.",
    ),
]

RIGHT_TO_INFORMATION = {
    "slug": "right-to-information",
    "ar": {
        "title": "حق الحصول على المعلومات",
        "intro": "لكل شخص أن يطلب من وزارة المالية معلومات عامة غير منشورة، وفق قواعد حرية المعلومات "
        "الصادرة عن مكتب إدارة البيانات الوطنية.",
        "body": _sections(
            [
                (
                    "ما الذي يمكنك طلبه",
                    "المعلومات العامة التي تنتجها الوزارة أو تحتفظ بها، مثل التقارير والإحصاءات والقرارات "
                    "غير المنشورة. لا تشمل المعلومات المحمية كالبيانات الشخصية لغيرك أو ما يمس الأمن الوطني.",
                ),
                (
                    "كيف تقدّم الطلب",
                    "اكتب طلبك في نموذج الاستفسار في صفحة مركز الاتصال الموحد، واختر الموضوع «طلب حصول على "
                    "معلومات»، وصف المعلومات المطلوبة بدقة واذكر الغرض منها. يمكنك أيضًا الاتصال على الرقم "
                    "19990. يصلك رقم مرجعي تتابع به طلبك.",
                ),
                (
                    "أين يذهب طلبك ومتى يصلك الرد",
                    "يصل طلبك إلى وزارة المالية عبر مركز الاتصال الموحد، مسجّلًا برقمه المرجعي وموضوعه. "
                    "وترد الوزارة عليه خلال المدة التي تحددها القواعد المعمول بها.",
                ),
                (
                    "الرسوم",
                    "إن كان لطلب المعلومات رسوم، فهي ما تحدده القواعد المعمول بها.",
                ),
            ]
        ),
    },
    "en": {
        "title": "Right to information",
        "intro": "Anyone may ask the Ministry of Finance for public information it has not published, "
        "under the Freedom of Information rules of the National Data Management Office.",
        "body": _sections(
            [
                (
                    "What you can ask for",
                    "Public information the ministry produces or holds, such as unpublished reports, "
                    "statistics and decisions. It does not cover protected information such as other "
                    "people's personal data or what touches national security.",
                ),
                (
                    "How to make a request",
                    "Write your request in the enquiry form on the unified contact centre page and "
                    "choose the topic “Right to information request”; describe the information "
                    "precisely and say what it is for. You can also call 19990. You receive a "
                    "reference number to follow your request.",
                ),
                (
                    "Where your request goes and when you get an answer",
                    "Your request reaches the Ministry of Finance through the unified contact "
                    "centre, recorded with its reference number and topic. The ministry answers it "
                    "within the period set by the applicable rules.",
                ),
                (
                    "Fees",
                    "If a fee applies to a request for information, it is the one the applicable "
                    "rules set.",
                ),
            ]
        ),
    },
}


# The link from the right-to-information page to the contact centre's form, opened with the
# right-to-information topic chosen (a call to action: the API builds the address in the
# reader's language).
REQUEST_LINK = {
    "ar": (
        "قدّم طلب حصول على معلومات",
        "يفتح نموذج الاستفسار في صفحة مركز الاتصال الموحد وقد اختير فيه موضوع «طلب حصول على "
        "معلومات».",
    ),
    "en": (
        "Make a right-to-information request",
        "Opens the enquiry form on the unified contact centre page with the topic “Right to "
        "information request” already chosen.",
    ),
}
REQUEST_LINK_AFTER = 4  # after the section "How to make a request"


def _right_to_information(centre: Page | None) -> dict:
    """The right-to-information page, with the link to the form when there is a contact centre."""
    if centre is None:
        return RIGHT_TO_INFORMATION
    entry = {"slug": RIGHT_TO_INFORMATION["slug"]}
    for language in ("ar", "en"):
        text, description = REQUEST_LINK[language]
        body = list(RIGHT_TO_INFORMATION[language]["body"])
        link = {
            "text": text,
            "page": centre.pk,
            "url": "",
            "enquiry_topic": "right_to_information",
            "description": description,
        }
        body.insert(REQUEST_LINK_AFTER, {"type": "call_to_action", "value": link})
        entry[language] = {**RIGHT_TO_INFORMATION[language], "body": body}
    return entry


def _publish(page: Page) -> Page:
    page.save_revision(log_action=True).publish()
    page.refresh_from_db()
    return page


def _child(parent: Page, model, entry: dict, stdout, **fields) -> tuple[Page, int]:
    english = Locale.objects.get(language_code="en")
    page = model.objects.child_of(parent).filter(slug=entry["slug"]).first()
    created = 0
    if page is None:
        page = model(slug=entry["slug"], **entry["ar"], **fields)
        parent.add_child(instance=page)
        page = _publish(page)
        created = 1
        if stdout is not None:
            stdout.write(f"  + {page}")
    if not page.has_translation(english):
        publish_translation(page, model(**entry["en"], **fields))
    return page, created


def load_demo_institution(home_ar: Page, stdout=None) -> int:
    """Create what is missing of the institutional pages and entities; return how many."""
    arabic = home_ar.locale
    english = Locale.objects.get(language_code="en")
    created = 0
    with transaction.atomic():
        about = Page.objects.child_of(home_ar).filter(slug="about").first() or home_ar
        centre = getattr(home_ar.specific, "contact_centre_page", None)
        for parent, model, entry in [
            (about, OrganisationPage, ORGANISATION),
            (about, StandardPage, STRATEGY),
            (about, GovernmentEntitiesPage, ENTITIES_PAGE),
            (home_ar, StandardPage, _right_to_information(centre)),
        ]:
            created += _child(parent, model, entry, stdout)[1]
        for order, (url, ar_name, ar_text, en_name, en_text) in enumerate(ENTITIES):
            entity = GovernmentEntity.objects.filter(url=url, locale=arabic).first()
            if entity is None:
                entity = GovernmentEntity.objects.create(
                    url=url, name=ar_name, description=ar_text, sort_order=order, locale=arabic
                )
                created += 1
                if stdout is not None:
                    stdout.write(f"  + {entity}")
            if not entity.has_translation(english):
                publish_translation(
                    entity, GovernmentEntity(url=url, name=en_name, description=en_text)
                )
    return created
