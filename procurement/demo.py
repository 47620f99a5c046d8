"""Demo procurement notices, in Arabic and English, loaded by `manage.py load_demo_content`.

Six notices in the ministry's style, one or more in each status. They are illustrative, not
real competitions: the index says so, each summary ends with "(illustrative)", supplier names
say so, and every Etimad link leads to Etimad's public list of tenders rather than to a made-up
competition number. Dates are set relative to the day of loading, so a fresh demo always has
open notices. Idempotent: a notice that exists (by slug) is left as it is.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale, Page

from cms.localize import publish_translation
from procurement.models import ProcurementIndexPage, ProcurementNoticePage

ETIMAD_LIST = "https://tenders.etimad.sa/Tender/AllTendersForVisitor"
AR_MARK = " (مثال توضيحي)"
EN_MARK = " (illustrative)"

INDEX = {
    "slug": "tenders",
    "ar": {
        "title": "المنافسات والمشتريات",
        "intro": "إعلانات المنافسات والمشتريات التي تطرحها وزارة المالية ونتائج ترسيتها. تُقدَّم "
        "العروض عبر منصة اعتماد. المنافسات المعروضة هنا أمثلة توضيحية.",
    },
    "en": {
        "title": "Tenders and procurement",
        "intro": "The tenders and purchases the Ministry of Finance puts out, and their awards. "
        "Bids are submitted on Etimad. The notices shown here are illustrative examples.",
    },
}

# Days relative to the day of loading; times are Riyadh time.
NOTICES: list[dict[str, Any]] = [
    {
        "slug": "headquarters-operation-maintenance",
        "reference": "DEMO-1",
        "notice_type": "public_tender",
        "published": -7,
        "questions": (8, 23, 59),
        "submission": (21, 10, 0),
        "opening": (21, 10, 30),
        "ar": {
            "title": "تشغيل وصيانة مباني المقر الرئيسي للوزارة",
            "summary": "تطرح وزارة المالية منافسة عامة لتشغيل مباني المقر الرئيسي في الرياض "
            "وصيانتها صيانة وقائية وتصحيحية لمدة ثلاث سنوات.",
        },
        "en": {
            "title": "Operation and maintenance of the ministry's headquarters",
            "summary": "The Ministry of Finance invites public bids to operate its headquarters "
            "buildings in Riyadh and carry out their preventive and corrective maintenance for "
            "three years.",
        },
    },
    {
        "slug": "financial-analytics-licences",
        "reference": "DEMO-2",
        "notice_type": "limited_tender",
        "published": -3,
        "questions": (5, 14, 0),
        "submission": (14, 12, 0),
        "opening": (15, 10, 0),
        "ar": {
            "title": "توريد تراخيص برمجيات التحليل المالي",
            "summary": "منافسة محدودة لتوريد تراخيص برمجيات التحليل المالي وتجديدها ودعمها الفني "
            "للإدارات المعنية بإعداد الميزانية.",
        },
        "en": {
            "title": "Supply of financial analytics software licences",
            "summary": "A limited tender to supply, renew and support the financial analytics "
            "software licences of the departments that prepare the budget.",
        },
    },
    {
        "slug": "fiscal-statistics-consultancy",
        "reference": "DEMO-3",
        "notice_type": "public_tender",
        "published": -50,
        "questions": (-20, 23, 59),
        "submission": (-5, 10, 0),
        "opening": (-4, 10, 0),
        "ar": {
            "title": "خدمات استشارية لتطوير إحصاءات مالية الحكومة",
            "summary": "خدمات استشارية لمواءمة إحصاءات مالية الحكومة مع دليل صندوق النقد الدولي "
            "لعام 2014، وتطوير نشرها الدوري. العروض قيد التقييم.",
        },
        "en": {
            "title": "Consultancy to develop government finance statistics",
            "summary": "Consultancy to align government finance statistics with the IMF's 2014 "
            "manual and improve their regular publication. Bids are being evaluated.",
        },
    },
    {
        "slug": "budget-documents-printing",
        "reference": "DEMO-4",
        "notice_type": "framework_agreement",
        "published": -200,
        "questions": (-185, 23, 59),
        "submission": (-170, 10, 0),
        "opening": (-170, 11, 0),
        "award": (-120, Decimal("1850000.00")),
        "ar": {
            "title": "طباعة وثائق الميزانية العامة للدولة وتوزيعها",
            "summary": "اتفاقية إطارية لطباعة بيان الميزانية وتقارير الأداء الربعية وتوزيعها على "
            "الجهات الحكومية.",
            "awarded_supplier": "شركة المطابع الوطنية المحدودة (اسم توضيحي)",
        },
        "en": {
            "title": "Printing and distribution of the state budget documents",
            "summary": "A framework agreement to print the budget statement and the quarterly "
            "performance reports and distribute them to government bodies.",
            "awarded_supplier": "National Printing Press Co. Ltd. (illustrative name)",
        },
    },
    {
        "slug": "contact-centre-operation",
        "reference": "DEMO-5",
        "notice_type": "public_tender",
        "published": -420,
        "questions": (-405, 23, 59),
        "submission": (-390, 10, 0),
        "opening": (-390, 11, 0),
        "award": (-340, Decimal("12600000.00")),
        "ar": {
            "title": "تشغيل مركز الاتصال الموحد 19990",
            "summary": "تشغيل مركز الاتصال الموحد وقنواته (الهاتف 19990 والبريد الإلكتروني "
            "وحساب العناية بالعملاء) لمدة ثلاث سنوات.",
            "awarded_supplier": "شركة خدمات العملاء المتكاملة (اسم توضيحي)",
        },
        "en": {
            "title": "Operation of the unified contact centre 19990",
            "summary": "Operation of the unified contact centre and its channels (phone 19990, "
            "e-mail and the customer care account) for three years.",
            "awarded_supplier": "Integrated Customer Services Co. (illustrative name)",
        },
    },
    {
        "slug": "branch-office-furniture",
        "reference": "DEMO-6",
        "notice_type": "direct_purchase",
        "published": -30,
        "questions": None,
        "submission": (-10, 12, 0),
        "opening": None,
        "cancelled": True,
        "ar": {
            "title": "توريد أثاث مكتبي لفروع الوزارة",
            "summary": "شراء مباشر لأثاث مكتبي لفروع الوزارة في المناطق.",
            "cancellation_reason": "أُلغي الشراء لإعادة دراسة الاحتياج والمواصفات.",
        },
        "en": {
            "title": "Supply of office furniture for the ministry's branches",
            "summary": "A direct purchase of office furniture for the ministry's regional "
            "branches.",
            "cancellation_reason": "Cancelled to review the need and the specifications.",
        },
    },
]


def _moment(today: datetime.date, when: tuple[int, int, int] | None) -> datetime.datetime | None:
    if when is None:
        return None
    days, hour, minute = when
    day = today + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _publish(page: Page) -> Page:
    page.save_revision(log_action=True).publish()
    page.refresh_from_db()
    return page


def _page(spec: dict[str, Any], language: str, today: datetime.date) -> ProcurementNoticePage:
    text = dict(spec[language])
    text["summary"] += AR_MARK if language == "ar" else EN_MARK
    award = spec.get("award")
    return ProcurementNoticePage(
        slug=spec["slug"],
        reference=spec["reference"],
        notice_type=spec["notice_type"],
        publication_date=today + datetime.timedelta(days=spec["published"]),
        questions_deadline=_moment(today, spec["questions"]),
        submission_deadline=_moment(today, spec["submission"]),
        opening_at=_moment(today, spec["opening"]),
        etimad_url=ETIMAD_LIST,
        cancelled=spec.get("cancelled", False),
        award_value=award[1] if award else None,
        award_date=today + datetime.timedelta(days=award[0]) if award else None,
        **text,
    )


def load_demo_procurement(home_ar: Page, stdout=None) -> int:
    """Create what is missing of the demo notices; return how many pages were created."""
    english = Locale.objects.get(language_code="en")
    today = timezone.localdate()
    created = 0
    with transaction.atomic():
        index = ProcurementIndexPage.objects.child_of(home_ar).filter(slug=INDEX["slug"]).first()
        if index is None:
            index = ProcurementIndexPage(slug=INDEX["slug"], **INDEX["ar"])
            home_ar.add_child(instance=index)
            index = _publish(index)
            created += 1
        if not index.has_translation(english):
            publish_translation(index, ProcurementIndexPage(**INDEX["en"]))
        for spec in NOTICES:
            page = ProcurementNoticePage.objects.child_of(index).filter(slug=spec["slug"]).first()
            if page is None:
                page = _page(spec, "ar", today)
                index.add_child(instance=page)
                page.full_clean()  # the demo obeys the editors' rules
                page = _publish(page)
                created += 1
                if stdout is not None:
                    stdout.write(f"  + {page}")
            if not page.has_translation(english):
                publish_translation(page, _page(spec, "en", today))
    return created
