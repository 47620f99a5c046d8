"""Demo public consultations, in Arabic and English, loaded by `manage.py load_demo_content`.

Three drafts of Ministry of Finance rules, one in each state a visitor meets: open for
comments, opening soon, and closed with its outcome published. They are illustrative, not real
drafts, and say so in their titles and summaries. Their dates are set relative to the day the
demo is first loaded (in Riyadh), so that the three states show; a consultation that exists (by
slug) is left as it is, so loading again changes nothing.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from wagtail.models import Locale, Page

from cms.localize import publish_translation
from consultations.models import (
    ConsultationIndexPage,
    ConsultationPage,
    ConsultationTheme,
    riyadh_today,
)

DAY = datetime.timedelta(days=1)

INDEX = {
    "slug": "consultations",
    "ar": {
        "title": "الاستشارات العامة",
        "intro": "تعرض وزارة المالية مسودات أنظمتها وقواعدها على العموم قبل اعتمادها. اقرأ المسودة "
        "وأرسل ملاحظاتك خلال مدة الاستشارة، ثم اطّلع على ما سمعناه وما غيّرناه بعد إغلاقها.",
    },
    "en": {
        "title": "Public consultations",
        "intro": "The Ministry of Finance publishes its draft rules for comment before adopting "
        "them. Read the draft and send your comments while the consultation is open, then see "
        "what we heard and what we changed once it closes.",
    },
}

ILLUSTRATIVE = (
    "مسودة توضيحية لأغراض العرض، وليست مسودة رسمية.",
    "An illustrative draft for demonstration, not an official one.",
)


def _consultations(today: datetime.date) -> list[dict]:
    return [
        {
            "slug": "loan-exemption-applications-draft",
            "opens_on": today - 10 * DAY,
            "closes_on": today + 20 * DAY,
            "ar": {
                "title": "مسودة قواعد طلبات إعفاء القروض إلكترونيًا (توضيحية)",
                "summary": "قواعد مقترحة لتقديم طلبات إعفاء القروض الحكومية ودراستها إلكترونيًا عبر "
                f"منصة الخدمات الإلكترونية للأفراد. {ILLUSTRATIVE[0]}",
                "affects": "المقترضون من صناديق الإقراض الحكومية وورثتهم، والجهات المقرضة.",
                "draft": "<h2>المادة الأولى: نطاق التطبيق</h2>"
                "<p>تسري هذه القواعد على طلبات إعفاء القروض الحكومية المقدمة من الأفراد أو "
                "ورثتهم.</p>"
                "<h2>المادة الثانية: تقديم الطلب</h2>"
                "<p>يُقدَّم الطلب إلكترونيًا مع المستندات المطلوبة، ويحصل مقدمه على رقم مرجعي.</p>"
                "<h2>المادة الثالثة: مدة الدراسة</h2>"
                "<p>تُبت الجهة المختصة في الطلب خلال ثلاثين يومًا من اكتمال مستنداته.</p>",
            },
            "en": {
                "title": "Draft rules for online loan exemption applications (illustrative)",
                "summary": "Proposed rules for applying for the exemption of government loans, "
                "and for their review, online through the individuals' e-services platform. "
                f"{ILLUSTRATIVE[1]}",
                "affects": "Borrowers from government lending funds and their heirs, and the "
                "lending bodies.",
                "draft": "<h2>Article 1: Scope</h2>"
                "<p>These rules apply to applications for the exemption of government loans "
                "made by individuals or their heirs.</p>"
                "<h2>Article 2: Applying</h2>"
                "<p>The application is made online with the required documents, and the "
                "applicant receives a reference number.</p>"
                "<h2>Article 3: Time for a decision</h2>"
                "<p>The competent body decides on the application within thirty days of its "
                "documents being complete.</p>",
            },
        },
        {
            "slug": "payment-orders-procedures-draft",
            "opens_on": today + 14 * DAY,
            "closes_on": today + 44 * DAY,
            "ar": {
                "title": "مسودة دليل إجراءات أوامر الدفع (توضيحية)",
                "summary": "إجراءات مقترحة لإصدار أوامر الدفع ومتابعتها إلكترونيًا ومواعيد صرفها. "
                f"{ILLUSTRATIVE[0]}",
                "affects": "الجهات الحكومية، والموردون والمقاولون والأفراد المستحقون لمبالغ من "
                "الدولة.",
                "draft": "<h2>الباب الأول: إصدار أمر الدفع</h2>"
                "<p>تُصدر الجهة أمر الدفع إلكترونيًا بعد اعتماد المستحقات.</p>"
                "<h2>الباب الثاني: متابعة أمر الدفع</h2>"
                "<p>يتابع المستفيد حالة أمر الدفع عبر الخدمة الإلكترونية برقمه المرجعي.</p>",
            },
            "en": {
                "title": "Draft procedures guide for payment orders (illustrative)",
                "summary": "Proposed procedures for issuing and following payment orders online, "
                f"and the times for paying them. {ILLUSTRATIVE[1]}",
                "affects": "Government bodies, and the suppliers, contractors and individuals "
                "owed money by the state.",
                "draft": "<h2>Part 1: Issuing a payment order</h2>"
                "<p>The body issues the payment order online once the amount due is "
                "approved.</p>"
                "<h2>Part 2: Following a payment order</h2>"
                "<p>The beneficiary follows the payment order's status through the e-service "
                "with its reference number.</p>",
            },
        },
        {
            "slug": "expropriation-compensation-draft",
            "opens_on": today - 120 * DAY,
            "closes_on": today - 60 * DAY,
            "outcome_published_on": today - 7 * DAY,
            "themes": [
                ("valuation", "طريقة تقدير التعويض", "How compensation is valued", 46),
                ("deadlines", "مدد الصرف", "Time to pay", 31),
                ("objections", "الاعتراض على التقدير", "Objecting to a valuation", 18),
            ],
            "ar": {
                "title": "مسودة ضوابط صرف تعويضات نزع ملكية العقارات للمنفعة العامة (توضيحية)",
                "summary": "ضوابط مقترحة لتقدير تعويضات العقارات المنزوعة ملكيتها للمنفعة العامة "
                f"وصرفها لأصحابها. {ILLUSTRATIVE[0]}",
                "affects": "ملاك العقارات المنزوعة ملكيتها للمنفعة العامة، والجهات الحكومية "
                "طالبة النزع.",
                "draft": "<h2>المادة الأولى: تقدير التعويض</h2>"
                "<p>تقدّر لجنة مختصة التعويض وفق القيمة السوقية للعقار عند صدور قرار النزع.</p>"
                "<h2>المادة الثانية: صرف التعويض</h2>"
                "<p>يُصرف التعويض لمستحقه خلال مدة محددة من اعتماد التقدير.</p>",
                "what_we_heard": "<p>وصلتنا 95 ملاحظة من ملاك عقارات ومكاتب تقييم وجهات حكومية. "
                "طلب أغلبها توضيح طريقة تقدير القيمة السوقية، ورأى كثيرون أن مدة الصرف طويلة.</p>",
                "what_changed": "<ul><li>أضفنا إلى المادة الأولى معايير معلنة لتقدير القيمة "
                "السوقية.</li><li>قصّرنا مدة صرف التعويض في المادة الثانية.</li></ul>",
            },
            "en": {
                "title": "Draft controls for paying compensation for property expropriated for "
                "public benefit (illustrative)",
                "summary": "Proposed controls for valuing the compensation for property "
                "expropriated for public benefit and paying it to the owners. "
                f"{ILLUSTRATIVE[1]}",
                "affects": "Owners of property expropriated for public benefit, and the "
                "government bodies that request the expropriation.",
                "draft": "<h2>Article 1: Valuing the compensation</h2>"
                "<p>A competent committee values the compensation at the property's market "
                "value when the expropriation decision is issued.</p>"
                "<h2>Article 2: Paying the compensation</h2>"
                "<p>The compensation is paid to the person entitled to it within a set time "
                "of the valuation being approved.</p>",
                "what_we_heard": "<p>We received 95 comments from property owners, valuation "
                "firms and government bodies. Most asked for the way the market value is "
                "assessed to be made clear, and many found the time to pay too long.</p>",
                "what_changed": "<ul><li>Article 1 now states published criteria for assessing "
                "the market value.</li><li>Article 2 shortens the time to pay the "
                "compensation.</li></ul>",
            },
        },
    ]


def _publish(page: Page) -> Page:
    page.save_revision(log_action=True).publish()
    page.refresh_from_db()
    return page


def _page(spec: dict, language: str) -> ConsultationPage:
    page = ConsultationPage(
        slug=spec["slug"],
        opens_on=spec["opens_on"],
        closes_on=spec["closes_on"],
        outcome_published_on=spec.get("outcome_published_on"),
        **spec[language],
    )
    for order, (code, name_ar, name_en, count) in enumerate(spec.get("themes", [])):
        page.themes.add(
            ConsultationTheme(
                code=code,
                name=name_ar if language == "ar" else name_en,
                comment_count=count,
                sort_order=order,
            )
        )
    return page


def load_demo_consultations(home_ar: Page, stdout=None) -> int:
    """Create what is missing of the demo consultations; return how many pages were created."""
    english = Locale.objects.get(language_code="en")
    created = 0
    with transaction.atomic():
        index = ConsultationIndexPage.objects.child_of(home_ar).filter(slug=INDEX["slug"]).first()
        if index is None:
            index = ConsultationIndexPage(slug=INDEX["slug"], **INDEX["ar"])
            home_ar.add_child(instance=index)
            index = _publish(index)
            created += 1
        if not index.has_translation(english):
            publish_translation(index, ConsultationIndexPage(**INDEX["en"]))
        for spec in _consultations(riyadh_today()):
            page = ConsultationPage.objects.child_of(index).filter(slug=spec["slug"]).first()
            if page is None:
                page = _page(spec, "ar")
                index.add_child(instance=page)
                page = _publish(page)
                created += 1
                if stdout is not None:
                    stdout.write(f"  + {page}")
            if not page.has_translation(english):
                publish_translation(page, _page(spec, "en"))
    return created
