"""Demo laws and regulations, in Arabic and English, loaded by `manage.py load_demo_content`.

Names, numbers and dates of the Government Tenders and Procurement Law (royal decree M/128 of
13/11/1440 AH), its implementing regulation (ministerial decision 1242 of 21/3/1441 AH), the
law it replaced (royal decree M/58 of 4/9/1427 AH), the expropriation law (royal decree M/15 of
11/3/1424 AH) and the State Revenues Law (royal decree M/68 of 18/11/1431 AH) are the real ones;
their texts here are short summaries. The others are illustrative and say so in their titles'
numbers ("illustrative"). Idempotent: a regulation that exists (by slug) is left as it is.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from wagtail.models import Locale, Page

from cms.localize import publish_translation
from regulations.models import (
    GovernedService,
    RegulationIndexPage,
    RegulationPage,
    RegulationRelation,
    RegulationVersion,
)

D = datetime.date
INDEX = {
    "slug": "laws-and-regulations",
    "ar": {
        "title": "الأنظمة واللوائح",
        "intro": "الأنظمة واللوائح والقرارات والتعاميم التي تطبقها وزارة المالية، بنصوصها وتعديلاتها "
        "وتواريخ نفاذها.",
    },
    "en": {
        "title": "Laws and regulations",
        "intro": "The laws, regulations, decisions and circulars the Ministry of Finance applies, "
        "with their texts, amendments and the dates they took effect.",
    },
}


def _v(number, effective, ar_label, en_label, ar_text, en_text):
    return {
        "number": number,
        "effective_from": effective,
        "ar": {"label": ar_label, "text": f"<p>{ar_text}</p>"},
        "en": {"label": en_label, "text": f"<p>{en_text}</p>"},
    }


ORIGINAL = ("النص الأصلي", "Original text")

REGULATIONS = [
    {
        "slug": "tenders-procurement-law-1427",
        "number": "M/58",
        "instrument": "royal_decree",
        "issued_on": D(2006, 9, 27),
        "status": "repealed",
        "ar": {
            "title": "نظام المنافسات والمشتريات الحكومية (1427هـ)",
            "summary": "النظام السابق للمنافسات والمشتريات الحكومية، أُلغي بصدور نظام المنافسات "
            "والمشتريات الحكومية لعام 1440هـ.",
        },
        "en": {
            "title": "Government Tenders and Procurement Law (1427 AH)",
            "summary": "The former law on government tenders and procurement, repealed by the "
            "Government Tenders and Procurement Law of 1440 AH.",
        },
        "versions": [
            _v(
                1,
                D(2007, 1, 27),
                *ORIGINAL,
                "نظّم طرح المنافسات العامة وتقويم العروض وترسيتها وتنفيذ العقود الحكومية.",
                "Governed public tenders, the evaluation and award of bids and the performance "
                "of government contracts.",
            )
        ],
    },
    {
        "slug": "tenders-procurement-law",
        "number": "M/128",
        "instrument": "royal_decree",
        "issued_on": D(2019, 7, 16),
        "status": "in_force",
        "ar": {
            "title": "نظام المنافسات والمشتريات الحكومية",
            "summary": "يحدد إجراءات المنافسات والمشتريات التي تجريها الجهات الحكومية، ويهدف إلى "
            "تعزيز النزاهة والمنافسة وتكافؤ الفرص والشفافية.",
        },
        "en": {
            "title": "Government Tenders and Procurement Law",
            "summary": "Sets how government bodies run tenders and procurement, to promote "
            "integrity, competition, equal opportunity and transparency.",
        },
        "versions": [
            _v(
                1,
                D(2019, 12, 13),
                *ORIGINAL,
                "تُطرح الأعمال والمشتريات في منافسة عامة عبر البوابة الإلكترونية، ويُعلن عنها "
                "مع شروطها ومواعيدها، وتُفتح العروض في موعد معلن وتُقوَّم وفق معايير محددة سلفًا.",
                "Works and purchases are put out to public tender through the electronic portal "
                "and announced with their conditions and dates; bids are opened at an announced "
                "time and evaluated against criteria set in advance.",
            )
        ],
        "relations": [("repeals", "tenders-procurement-law-1427")],
        "services": [],
    },
    {
        "slug": "tenders-procurement-implementing-regulation",
        "number": "1242",
        "instrument": "ministerial",
        "issued_on": D(2019, 11, 18),
        "status": "amended",
        "ar": {
            "title": "اللائحة التنفيذية لنظام المنافسات والمشتريات الحكومية",
            "summary": "تفصّل أحكام نظام المنافسات والمشتريات الحكومية: التخطيط للمشتريات، "
            "وأساليب التعاقد، وتقويم العروض، والضمانات، وتنفيذ العقود.",
        },
        "en": {
            "title": "Implementing Regulation of the Government Tenders and Procurement Law",
            "summary": "Details the Government Tenders and Procurement Law: procurement "
            "planning, contracting methods, bid evaluation, guarantees and contract performance.",
        },
        "versions": [
            _v(
                1,
                D(2019, 12, 13),
                *ORIGINAL,
                "تضع الجهة الحكومية خطة سنوية لمشترياتها وتنشرها، وتُحدد في كراسة الشروط معايير "
                "التقويم وأوزانها.",
                "Each government body draws up and publishes an annual procurement plan, and "
                "the tender documents state the evaluation criteria and their weights.",
            ),
            _v(
                2,
                D(2023, 3, 1),
                "بعد تعديل 1444هـ",
                "As amended in 1444 AH",
                "تضع الجهة الحكومية خطة سنوية لمشترياتها وتنشرها، وتُحدد في كراسة الشروط معايير "
                "التقويم وأوزانها، وتُمنح المنشآت الصغيرة والمتوسطة أفضلية سعرية وفق الضوابط.",
                "Each government body draws up and publishes an annual procurement plan; the "
                "tender documents state the evaluation criteria and their weights, and small and "
                "medium enterprises receive a price preference within set limits.",
            ),
        ],
        "relations": [("implements", "tenders-procurement-law")],
    },
    {
        "slug": "implementing-regulation-amendment-1444",
        "number": "4512",
        "instrument": "ministerial",
        "issued_on": D(2023, 1, 15),
        "status": "in_force",
        "ar": {
            "title": "قرار وزاري بتعديل بعض مواد اللائحة التنفيذية لنظام المنافسات (نص توضيحي)",
            "summary": "قرار توضيحي للعرض يعدّل مواد في اللائحة التنفيذية بشأن أفضلية المنشآت "
            "الصغيرة والمتوسطة.",
        },
        "en": {
            "title": "Ministerial decision amending articles of the procurement implementing "
            "regulation (illustrative)",
            "summary": "An illustrative decision, for the demonstration, amending articles of "
            "the implementing regulation on the preference for small and medium enterprises.",
        },
        "versions": [
            _v(
                1,
                D(2023, 3, 1),
                *ORIGINAL,
                "تُعدّل المواد المتعلقة بالأفضلية السعرية للمنشآت الصغيرة والمتوسطة.",
                "The articles on the price preference for small and medium enterprises are "
                "amended.",
            )
        ],
        "relations": [("amends", "tenders-procurement-implementing-regulation")],
    },
    {
        "slug": "expropriation-law",
        "number": "M/15",
        "instrument": "royal_decree",
        "issued_on": D(2003, 5, 12),
        "status": "in_force",
        "ar": {
            "title": "نظام نزع ملكية العقارات للمنفعة العامة ووضع اليد المؤقت على العقار",
            "summary": "يحدد متى يجوز نزع ملكية العقار للمنفعة العامة، وكيف يُقدَّر التعويض "
            "ويُصرف، وحق المالك في الاعتراض.",
        },
        "en": {
            "title": "Law of Expropriation of Real Estate for Public Benefit and Temporary "
            "Seizure of Real Estate",
            "summary": "Sets when property may be expropriated for public benefit, how "
            "compensation is assessed and paid, and the owner's right to object.",
        },
        "versions": [
            _v(
                1,
                D(2003, 7, 10),
                *ORIGINAL,
                "لا يجوز نزع ملكية العقار إلا للمنفعة العامة ومقابل تعويض عادل تقدّره لجنة "
                "مختصة، ويحق للمالك الاعتراض على التقدير خلال المدة النظامية.",
                "Property may be expropriated only for public benefit and against fair "
                "compensation assessed by a competent committee; the owner may object to the "
                "assessment within the legal time limit.",
            )
        ],
        "services": ["MOF-IND-015", "MOF-IND-016", "MOF-IND-017", "MOF-IND-018"],
    },
    {
        "slug": "expropriation-compensation-rules",
        "number": "2451",
        "instrument": "ministerial",
        "issued_on": D(2021, 9, 5),
        "status": "in_force",
        "ar": {
            "title": "قواعد صرف تعويضات نزع الملكية (نص توضيحي)",
            "summary": "قواعد توضيحية للعرض تبيّن المستندات المطلوبة لصرف التعويض ومدد الصرف.",
        },
        "en": {
            "title": "Rules for paying expropriation compensation (illustrative)",
            "summary": "Illustrative rules, for the demonstration, listing the documents needed "
            "to pay compensation and the time limits for payment.",
        },
        "versions": [
            _v(
                1,
                D(2021, 10, 1),
                *ORIGINAL,
                "يُصرف التعويض بعد استكمال صك الملكية وبيانات الحساب البنكي للمالك.",
                "Compensation is paid once the title deed and the owner's bank account details "
                "are complete.",
            )
        ],
        "relations": [("implements", "expropriation-law")],
        "services": ["MOF-IND-015", "MOF-IND-016"],
    },
    {
        "slug": "state-revenues-law",
        "number": "M/68",
        "instrument": "royal_decree",
        "issued_on": D(2010, 10, 26),
        "status": "in_force",
        "ar": {
            "title": "نظام إيرادات الدولة",
            "summary": "ينظّم تحصيل إيرادات الدولة وإيداعها في حساباتها لدى البنك المركزي.",
        },
        "en": {
            "title": "State Revenues Law",
            "summary": "Governs how state revenues are collected and deposited in the state's "
            "accounts at the central bank.",
        },
        "versions": [
            _v(
                1,
                D(2010, 10, 26),
                *ORIGINAL,
                "تُحصَّل إيرادات الدولة وفق الأنظمة وتودع في حساباتها، ولا يجوز الإعفاء منها إلا "
                "بنص نظامي.",
                "State revenues are collected under the laws and deposited in the state's "
                "accounts; none may be waived except by law.",
            )
        ],
        "services": ["MOF-IND-010"],
    },
    {
        "slug": "loan-exemption-rules",
        "number": "3310",
        "instrument": "council_of_ministers",
        "issued_on": D(2018, 2, 20),
        "status": "amended",
        "ar": {
            "title": "قواعد الإعفاء من القروض الحكومية (نص توضيحي)",
            "summary": "قواعد توضيحية للعرض تحدد حالات إعفاء المقترض أو ورثته من باقي القرض.",
        },
        "en": {
            "title": "Rules for exemption from government loans (illustrative)",
            "summary": "Illustrative rules, for the demonstration, setting when a borrower or "
            "their heirs are exempted from the rest of a loan.",
        },
        "versions": [
            _v(
                1,
                D(2018, 3, 1),
                *ORIGINAL,
                "يُعفى ورثة المقترض المتوفى من باقي القرض بعد التحقق من الوفاة.",
                "The heirs of a deceased borrower are exempted from the rest of the loan once "
                "the death is confirmed.",
            ),
            _v(
                2,
                D(2022, 7, 1),
                "بعد تعديل 1443هـ",
                "As amended in 1443 AH",
                "يُعفى ورثة المقترض المتوفى من باقي القرض بعد التحقق من الوفاة، ويُعفى المقترض "
                "المصاب بعجز كلي دائم بعد تقرير طبي معتمد.",
                "The heirs of a deceased borrower are exempted from the rest of the loan once "
                "the death is confirmed, and a borrower with a total permanent disability after "
                "an approved medical report.",
            ),
        ],
        "services": ["MOF-IND-001", "MOF-IND-002", "MOF-IND-005"],
    },
    {
        "slug": "payment-orders-circular",
        "number": "12/1445",
        "instrument": "circular",
        "issued_on": D(2024, 1, 10),
        "status": "in_force",
        "ar": {
            "title": "تعميم بشأن متابعة أوامر الدفع إلكترونيًا (نص توضيحي)",
            "summary": "تعميم توضيحي للعرض يطلب من الجهات متابعة أوامر الدفع عبر المنصة "
            "الإلكترونية بدل المراجعة الحضورية.",
        },
        "en": {
            "title": "Circular on following payment orders online (illustrative)",
            "summary": "An illustrative circular, for the demonstration, asking bodies to follow "
            "payment orders on the electronic platform instead of in person.",
        },
        "versions": [
            _v(
                1,
                D(2024, 2, 1),
                *ORIGINAL,
                "تُتابع أوامر الدفع عبر المنصة الإلكترونية، ويُشعر المستفيد برقم الأمر وحالته.",
                "Payment orders are followed on the electronic platform, and the beneficiary is "
                "told the order's number and status.",
            )
        ],
        "services": ["MOF-IND-010", "MOF-IND-014"],
    },
    {
        "slug": "budget-preparation-circular",
        "number": "7/1446",
        "instrument": "circular",
        "issued_on": D(2024, 6, 3),
        "status": "in_force",
        "ar": {
            "title": "تعميم إعداد مشروع ميزانية السنة المالية (نص توضيحي)",
            "summary": "تعميم توضيحي للعرض بمواعيد رفع الجهات تقديرات ميزانياتها ونماذجها.",
        },
        "en": {
            "title": "Circular on preparing the fiscal year's draft budget (illustrative)",
            "summary": "An illustrative circular, for the demonstration, with the dates and forms "
            "for bodies to submit their budget estimates.",
        },
        "versions": [
            _v(
                1,
                D(2024, 6, 3),
                *ORIGINAL,
                "ترفع الجهات تقديرات ميزانياتها على النماذج المعتمدة في المواعيد المحددة.",
                "Bodies submit their budget estimates on the approved forms by the set dates.",
            )
        ],
    },
    {
        "slug": "financial-rules-publication-decision",
        "number": "45",
        "instrument": "council_of_ministers",
        "issued_on": D(2020, 11, 24),
        "status": "repealed",
        "ar": {
            "title": "قرار نشر القواعد المالية الموحدة (نص توضيحي)",
            "summary": "قرار توضيحي للعرض أُلغي واستُعيض عنه بتعميم إلكتروني.",
        },
        "en": {
            "title": "Decision on publishing the unified financial rules (illustrative)",
            "summary": "An illustrative decision, for the demonstration, repealed and replaced "
            "by an electronic circular.",
        },
        "versions": [
            _v(
                1,
                D(2021, 1, 1),
                *ORIGINAL,
                "تُنشر القواعد المالية الموحدة في دليل مطبوع يوزَّع على الجهات.",
                "The unified financial rules are published in a printed guide sent to bodies.",
            )
        ],
        "services": ["MOF-IND-006"],
    },
]


def _publish(page: Page) -> Page:
    page.save_revision(log_action=True).publish()
    page.refresh_from_db()
    return page


def load_demo_regulations(home_ar: Page, stdout=None) -> int:
    """Create what is missing of the demo library; return how many pages were created."""
    from services_catalog.models import ServicePage

    english = Locale.objects.get(language_code="en")
    created = 0
    with transaction.atomic():
        index = RegulationIndexPage.objects.child_of(home_ar).filter(slug=INDEX["slug"]).first()
        if index is None:
            index = RegulationIndexPage(slug=INDEX["slug"], **INDEX["ar"])
            home_ar.add_child(instance=index)
            index = _publish(index)
            created += 1
        if not index.has_translation(english):
            publish_translation(index, RegulationIndexPage(**INDEX["en"]))
        pages: dict[str, RegulationPage] = {}
        for spec in REGULATIONS:
            page = RegulationPage.objects.child_of(index).filter(slug=spec["slug"]).first()
            if page is None:
                page = _page(spec, "ar")
                for relation_kind, target in spec.get("relations", []):
                    page.relations.add(RegulationRelation(kind=relation_kind, target=pages[target]))
                for code in spec.get("services", []):
                    service = ServicePage.objects.filter(code=code, locale=home_ar.locale).first()
                    if service is not None:
                        page.governed_services.add(GovernedService(service=service))
                index.add_child(instance=page)
                page = _publish(page)
                created += 1
                if stdout is not None:
                    stdout.write(f"  + {page}")
            if not page.has_translation(english):
                publish_translation(page, _page(spec, "en"))
            pages[spec["slug"]] = page
    return created


def _page(spec: dict, language: str) -> RegulationPage:
    page = RegulationPage(
        slug=spec["slug"],
        number=spec["number"],
        instrument=spec["instrument"],
        issued_on=spec["issued_on"],
        status=spec["status"],
        **spec[language],
    )
    for order, version in enumerate(spec["versions"]):
        page.versions.add(
            RegulationVersion(
                number=version["number"],
                effective_from=version["effective_from"],
                sort_order=order,
                **version[language],
            )
        )
    return page
