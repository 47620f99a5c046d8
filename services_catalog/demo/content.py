"""Demo catalogue: the five service families of the platform's first release, in both languages.

Facts come from the ministry's launch announcement (families, contact centre 19990, @MofCare).
Start addresses, fees, durations and department names are realistic placeholders for the demo:
editors replace them with the real values before launch (docs/services-catalogue.md says so).
"""

from __future__ import annotations

START_BASE = "https://eservices.mof.gov.sa/individuals/"
LAWS_PORTAL = "https://laws.boe.gov.sa/"
OFFICE_HOURS = [("sunday", "thursday", "08:00", "14:30")]
OFFICE_AR = "مقر وزارة المالية، الرياض، المملكة العربية السعودية"
OFFICE_EN = "Ministry of Finance headquarters, Riyadh, Saudi Arabia"

CATEGORIES = [
    {
        "slug": "loan-exemptions",
        "ar": {
            "name": "إعفاءات القروض",
            "description": "طلبات الإعفاء من القروض الحكومية ومتابعتها والاعتراض على قراراتها.",
        },
        "en": {
            "name": "Loan exemptions",
            "description": "Applying for exemption from government loans, following requests and objecting to decisions.",
        },
    },
    {
        "slug": "decisions-and-rules",
        "ar": {
            "name": "المقررات والقواعد",
            "description": "الاستعلام عن القرارات والقواعد المالية وطلب نسخ منها.",
        },
        "en": {
            "name": "Decisions and rules",
            "description": "Enquiries about financial decisions and rules, and copies of them.",
        },
    },
    {
        "slug": "payment-orders",
        "ar": {
            "name": "أوامر الدفع",
            "description": "متابعة أوامر الدفع والمستحقات المالية وتحديث بيانات الاستلام.",
        },
        "en": {
            "name": "Payment orders",
            "description": "Following payment orders and dues, and updating how you receive them.",
        },
    },
    {
        "slug": "expropriation",
        "ar": {
            "name": "نزع الملكية للمنفعة العامة",
            "description": "تعويضات العقارات المنزوعة ملكيتها للمنفعة العامة ومتابعتها والاعتراض عليها.",
        },
        "en": {
            "name": "Expropriation for public benefit",
            "description": "Compensation for property acquired for public benefit: claims, follow-up and objections.",
        },
    },
    {
        "slug": "general-services",
        "ar": {
            "name": "الخدمات العامة",
            "description": "المواعيد والشكاوى والاستفسارات والخدمات المشتركة للأفراد.",
        },
        "en": {
            "name": "General services",
            "description": "Appointments, complaints, enquiries and other shared services for individuals.",
        },
    },
]

CATALOGUE = {
    "slug": "services",
    "ar": {
        "title": "الخدمات الإلكترونية",
        "intro": "منصة خدمات الأفراد «المواطن والمقيم»: ابحث عن الخدمة التي تحتاجها وابدأها إلكترونيًا.",
        "search_description": "دليل خدمات وزارة المالية الإلكترونية للمواطنين والمقيمين.",
    },
    "en": {
        "title": "E-services",
        "intro": "The Citizen and Resident individuals' services platform: find the service you need and start it online.",
        "search_description": "Catalogue of the Ministry of Finance's e-services for citizens and residents.",
    },
}

DEPARTMENTS = {
    "loans": ("الإدارة العامة للقروض والإعفاءات", "General Department of Loans and Exemptions"),
    "rules": (
        "الإدارة العامة للأنظمة والقواعد المالية",
        "General Department of Financial Rules and Regulations",
    ),
    "payments": ("الإدارة العامة للمدفوعات", "General Department of Payments"),
    "expropriation": (
        "الإدارة العامة لنزع الملكية والتعويضات",
        "General Department of Expropriation and Compensation",
    ),
    "care": ("إدارة خدمة العملاء ومركز الاتصال الموحد", "Customer Care and Unified Contact Centre"),
}

EXPROPRIATION_LAW = (
    "نظام نزع ملكية العقارات للمنفعة العامة ووضع اليد المؤقت على العقار",
    "Law of Expropriation of Real Estate for Public Benefit and Temporary Seizure of Real Estate",
)

_NATIONAL_ID = (
    ("صورة الهوية الوطنية أو هوية المقيم", "سارية المفعول.", False),
    ("Copy of the national ID or residence permit (iqama)", "Valid on the day you apply.", False),
)
_IBAN = (
    ("شهادة الآيبان من البنك", "باسم مقدم الطلب ومختومة من البنك.", False),
    ("IBAN certificate from your bank", "In the applicant's name and stamped by the bank.", False),
)
_LOGIN = (
    (
        "سجّل الدخول عبر النفاذ الوطني الموحد",
        "استخدم حسابك في النفاذ الوطني الموحد للدخول إلى المنصة.",
    ),
    (
        "Sign in with the National Single Sign-On",
        "Use your National Single Sign-On account to enter the platform.",
    ),
)
_TRACK = (
    ("تابع حالة طلبك", "تصلك رسالة نصية عند كل تحديث، ويمكنك متابعة الطلب من لوحة خدماتي."),
    (
        "Follow your request",
        "You receive a text message at each update and can follow the request in My services.",
    ),
)
_CALL_FAQ = (
    (
        "هل يمكنني الاستفسار عن الطلب هاتفيًا؟",
        "<p>نعم، اتصل بمركز الاتصال الموحد على الرقم 19990 وأخبرهم برقم الطلب.</p>",
    ),
    (
        "Can I ask about my request by phone?",
        "<p>Yes: call the unified contact centre on 19990 and give your request number.</p>",
    ),
)


def service(code: str, slug: str, category: str, department: str, ar: dict, en: dict, **shared):
    """One demo service; `ar` and `en` hold the same lists in the same order."""
    ar = dict(ar, department=DEPARTMENTS[department][0])
    en = dict(en, department=DEPARTMENTS[department][1])
    shared.setdefault("online_url", f"{START_BASE}{slug}")
    if shared.get("office_channel"):
        shared.setdefault("hours", OFFICE_HOURS)
    return {"code": code, "slug": slug, "category": category, "ar": ar, "en": en, **shared}


SERVICES = [
    # -- loan exemptions ---------------------------------------------------------------------
    service(
        "MOF-IND-001",
        "loan-exemption-deceased-borrower",
        "loan-exemptions",
        "loans",
        audiences=["citizen", "resident"],
        life_event="bereavement",
        processing_time="P30D",
        ar={
            "title": "إعفاء ورثة المقترض المتوفى من القرض",
            "summary": "يتقدم ورثة المقترض المتوفى بطلب إعفائهم من المبلغ المتبقي من القرض الحكومي.",
            "description": "<p>تتيح الخدمة لورثة المقترض المتوفى أو وكيلهم طلب الإعفاء من باقي أقساط القرض الحكومي وفق القواعد المعتمدة.</p>",
            "keywords": "إعفاء، قرض، متوفى، ورثة، أقساط",
            "eligibility": "<p>ورثة المقترض المتوفى أو من يمثلهم نظامًا بموجب صك حصر الورثة والوكالة.</p>",
            "documents": [
                ("صك حصر الورثة", "صادر من المحكمة المختصة.", False),
                ("شهادة الوفاة", "", False),
                ("الوكالة الشرعية", "إذا تقدم بالطلب أحد الورثة نيابة عن البقية.", True),
            ],
            "steps": [
                _LOGIN[0],
                ("املأ بيانات المقترض والقرض", "أدخل رقم هوية المقترض المتوفى ورقم القرض."),
                ("أرفق المستندات", "صك حصر الورثة وشهادة الوفاة والوكالة عند الحاجة."),
                _TRACK[0],
            ],
            "output": "قرار إعفاء من باقي القرض يُرسل إلى الورثة إلكترونيًا.",
            "faqs": [
                (
                    "هل يشمل الإعفاء الأقساط المتأخرة؟",
                    "<p>يشمل الإعفاء المبلغ المتبقي وقت الوفاة وفق القواعد المعتمدة.</p>",
                ),
                _CALL_FAQ[0],
            ],
        },
        en={
            "title": "Loan exemption for a deceased borrower's heirs",
            "summary": "Heirs of a deceased borrower apply to be exempted from what remains of a government loan.",
            "description": "<p>The heirs of a deceased borrower, or their representative, can ask to be exempted from the remaining instalments of a government loan under the approved rules.</p>",
            "keywords": "exemption, loan, deceased, heirs, instalments",
            "eligibility": "<p>The heirs of the deceased borrower, or whoever lawfully represents them under the deed of inheritance and a power of attorney.</p>",
            "documents": [
                ("Deed of inheritance", "Issued by the competent court.", False),
                ("Death certificate", "", False),
                ("Power of attorney", "If one heir applies on behalf of the others.", True),
            ],
            "steps": [
                _LOGIN[1],
                (
                    "Enter the borrower and loan details",
                    "Give the deceased borrower's ID number and the loan number.",
                ),
                (
                    "Attach the documents",
                    "The deed of inheritance, the death certificate and, if needed, the power of attorney.",
                ),
                _TRACK[1],
            ],
            "output": "An exemption decision for the rest of the loan, sent to the heirs online.",
            "faqs": [
                (
                    "Does the exemption cover overdue instalments?",
                    "<p>It covers the amount outstanding at the date of death, under the approved rules.</p>",
                ),
                _CALL_FAQ[1],
            ],
        },
        related=["MOF-IND-003", "MOF-IND-004"],
    ),
    service(
        "MOF-IND-002",
        "loan-exemption-total-disability",
        "loan-exemptions",
        "loans",
        audiences=["citizen", "resident"],
        life_event="health_and_disability",
        processing_time="P30D",
        ar={
            "title": "إعفاء المقترض المصاب بعجز كلي من القرض",
            "summary": "يطلب المقترض المصاب بعجز كلي دائم إعفاءه من باقي القرض الحكومي بعد إثبات العجز.",
            "description": "<p>خدمة لطلب الإعفاء من القرض الحكومي للمقترض الذي أصيب بعجز كلي دائم يمنعه من العمل، بعد إثبات ذلك بتقرير طبي معتمد.</p>",
            "keywords": "إعفاء، قرض، عجز، إعاقة، تقرير طبي",
            "eligibility": "<p>المقترض المصاب بعجز كلي دائم ثابت بتقرير من لجنة طبية معتمدة.</p>",
            "documents": [
                _NATIONAL_ID[0],
                ("تقرير اللجنة الطبية", "يثبت العجز الكلي الدائم ونسبته.", False),
            ],
            "steps": [
                _LOGIN[0],
                ("املأ بيانات القرض", "أدخل رقم القرض وجهة الإقراض."),
                ("أرفق التقرير الطبي", "بصيغة PDF وبحجم لا يزيد على 5 ميجابايت."),
                _TRACK[0],
            ],
            "output": "قرار الإعفاء أو رسالة بأسباب الرفض.",
            "faqs": [
                (
                    "أين أحصل على التقرير الطبي المعتمد؟",
                    "<p>من اللجان الطبية في المستشفيات الحكومية.</p>",
                ),
            ],
        },
        en={
            "title": "Loan exemption for a borrower with total disability",
            "summary": "A borrower with a permanent total disability asks to be exempted from the rest of a government loan.",
            "description": "<p>Apply for exemption from a government loan when a permanent total disability prevents you from working, proven by an approved medical report.</p>",
            "keywords": "exemption, loan, disability, medical report",
            "eligibility": "<p>A borrower with a permanent total disability confirmed by an approved medical committee.</p>",
            "documents": [
                _NATIONAL_ID[1],
                (
                    "Medical committee report",
                    "Confirming the permanent total disability and its degree.",
                    False,
                ),
            ],
            "steps": [
                _LOGIN[1],
                ("Enter the loan details", "Give the loan number and the lending body."),
                ("Attach the medical report", "As a PDF of at most 5 MB."),
                _TRACK[1],
            ],
            "output": "An exemption decision, or a letter giving the reasons for refusal.",
            "faqs": [
                (
                    "Where do I get an approved medical report?",
                    "<p>From the medical committees of government hospitals.</p>",
                ),
            ],
        },
        related=["MOF-IND-003"],
    ),
    service(
        "MOF-IND-003",
        "follow-loan-exemption-request",
        "loan-exemptions",
        "loans",
        audiences=["citizen", "resident"],
        life_event="borrowing",
        processing_time="PT5M",
        ar={
            "title": "متابعة طلب الإعفاء من القرض",
            "summary": "اعرف حالة طلب الإعفاء من القرض والخطوة التالية برقم الطلب.",
            "description": "<p>تعرض الخدمة حالة طلب الإعفاء من القرض وتاريخ كل إجراء والمستندات الناقصة إن وجدت.</p>",
            "keywords": "متابعة، حالة الطلب، إعفاء، قرض",
            "eligibility": "<p>مقدم طلب الإعفاء أو وكيله.</p>",
            "documents": [("رقم الطلب", "يصلك في رسالة نصية عند تقديم الطلب.", False)],
            "steps": [_LOGIN[0], ("اختر الطلب", "من قائمة طلباتي، واطلع على حالته.")],
            "output": "حالة الطلب وتاريخ آخر تحديث.",
            "faqs": [_CALL_FAQ[0]],
        },
        en={
            "title": "Follow a loan exemption request",
            "summary": "See the status of your loan exemption request and the next step, with its request number.",
            "description": "<p>Shows the status of a loan exemption request, the date of each action and any missing documents.</p>",
            "keywords": "follow up, request status, exemption, loan",
            "eligibility": "<p>The applicant or their representative.</p>",
            "documents": [("Request number", "Sent to you by text message when you apply.", False)],
            "steps": [_LOGIN[1], ("Choose the request", "From My requests, and read its status.")],
            "output": "The request's status and the date of its last update.",
            "faqs": [_CALL_FAQ[1]],
        },
        related=["MOF-IND-001", "MOF-IND-002"],
    ),
    service(
        "MOF-IND-004",
        "loan-exemption-certificate",
        "loan-exemptions",
        "loans",
        audiences=["citizen", "resident"],
        life_event="borrowing",
        processing_time="P3D",
        ar={
            "title": "شهادة إعفاء من القرض",
            "summary": "احصل على شهادة رسمية تثبت إعفاءك من القرض الحكومي لتقديمها إلى الجهات الأخرى.",
            "description": "<p>تصدر الخدمة شهادة إلكترونية موثقة برمز تحقق تثبت صدور قرار الإعفاء من القرض.</p>",
            "keywords": "شهادة، إعفاء، قرض، إثبات",
            "eligibility": "<p>من صدر له قرار إعفاء من القرض، أو ورثته.</p>",
            "documents": [_NATIONAL_ID[0], ("رقم قرار الإعفاء", "", True)],
            "steps": [
                _LOGIN[0],
                ("اطلب الشهادة", "اختر قرار الإعفاء ثم اطلب الشهادة."),
                ("نزّل الشهادة", "بصيغة PDF مع رمز تحقق."),
            ],
            "output": "شهادة إعفاء إلكترونية برمز تحقق.",
            "faqs": [
                (
                    "هل تقبل الجهات الأخرى الشهادة الإلكترونية؟",
                    "<p>نعم، يمكن لأي جهة التحقق منها برمز التحقق.</p>",
                )
            ],
        },
        en={
            "title": "Loan exemption certificate",
            "summary": "Get an official certificate proving your exemption from a government loan, to show other bodies.",
            "description": "<p>Issues an electronic certificate with a verification code that proves a loan exemption decision.</p>",
            "keywords": "certificate, exemption, loan, proof",
            "eligibility": "<p>Anyone granted a loan exemption decision, or their heirs.</p>",
            "documents": [_NATIONAL_ID[1], ("Exemption decision number", "", True)],
            "steps": [
                _LOGIN[1],
                (
                    "Ask for the certificate",
                    "Choose the exemption decision, then ask for the certificate.",
                ),
                ("Download the certificate", "As a PDF with a verification code."),
            ],
            "output": "An electronic exemption certificate with a verification code.",
            "faqs": [
                (
                    "Do other bodies accept the electronic certificate?",
                    "<p>Yes: any body can check it with its verification code.</p>",
                )
            ],
        },
    ),
    service(
        "MOF-IND-005",
        "objection-loan-exemption-decision",
        "loan-exemptions",
        "loans",
        audiences=["citizen", "resident"],
        life_event="borrowing",
        processing_time="P15D",
        ar={
            "title": "الاعتراض على قرار الإعفاء من القرض",
            "summary": "قدّم اعتراضًا على قرار رفض الإعفاء من القرض خلال المدة المحددة مع أسباب الاعتراض.",
            "description": "<p>إذا رُفض طلب الإعفاء يمكنك الاعتراض خلال ثلاثين يومًا من تاريخ إبلاغك بالقرار، وتنظر لجنة مختصة في الاعتراض.</p>",
            "keywords": "اعتراض، تظلم، رفض، إعفاء، قرض",
            "eligibility": "<p>مقدم الطلب الذي رُفض طلبه، خلال ثلاثين يومًا من إبلاغه.</p>",
            "documents": [
                ("خطاب الاعتراض", "يوضح أسباب الاعتراض.", False),
                ("مستندات جديدة", "تدعم الاعتراض إن وجدت.", True),
            ],
            "steps": [
                _LOGIN[0],
                ("اختر القرار", "من قائمة القرارات، اختر القرار المعترض عليه."),
                ("اكتب أسباب الاعتراض وأرفق المستندات", ""),
                _TRACK[0],
            ],
            "output": "قرار اللجنة في الاعتراض.",
            "faqs": [("ما مدة الاعتراض؟", "<p>ثلاثون يومًا من تاريخ إبلاغك بالقرار.</p>")],
        },
        en={
            "title": "Object to a loan exemption decision",
            "summary": "Object to a refused loan exemption within the time allowed, giving your reasons.",
            "description": "<p>If your exemption request is refused you may object within thirty days of being told; a committee reviews the objection.</p>",
            "keywords": "objection, appeal, refusal, exemption, loan",
            "eligibility": "<p>An applicant whose request was refused, within thirty days of being told.</p>",
            "documents": [
                ("Objection letter", "Giving the reasons for the objection.", False),
                ("New documents", "Supporting the objection, if any.", True),
            ],
            "steps": [
                _LOGIN[1],
                ("Choose the decision", "From your decisions, choose the one you object to."),
                ("Give your reasons and attach documents", ""),
                _TRACK[1],
            ],
            "output": "The committee's decision on the objection.",
            "faqs": [
                (
                    "How long do I have to object?",
                    "<p>Thirty days from the date you were told of the decision.</p>",
                )
            ],
        },
        related=["MOF-IND-003"],
    ),
    # -- decisions and rules -----------------------------------------------------------------
    service(
        "MOF-IND-006",
        "enquire-financial-decision",
        "decisions-and-rules",
        "rules",
        audiences=["citizen", "resident", "business"],
        life_event="information",
        processing_time="P5D",
        online_url=f"{START_BASE}enquire-financial-decision",
        ar={
            "title": "الاستعلام عن قرار مالي",
            "summary": "استفسر عن قرار مالي صادر يخصك واعرف مضمونه وتاريخه والجهة المختصة بتنفيذه.",
            "description": "<p>تتيح الخدمة الاستعلام عن القرارات المالية الصادرة من الوزارة التي تخص مقدم الطلب.</p>",
            "keywords": "قرار، استعلام، مقررات، قرار مالي",
            "eligibility": "<p>صاحب العلاقة بالقرار أو وكيله.</p>",
            "documents": [_NATIONAL_ID[0], ("رقم القرار أو تاريخه", "إن كان معروفًا.", True)],
            "steps": [
                _LOGIN[0],
                ("اكتب بيانات القرار", "رقم القرار أو موضوعه وتاريخه التقريبي."),
                _TRACK[0],
            ],
            "output": "رد مكتوب بمضمون القرار وحالته.",
            "faqs": [_CALL_FAQ[0]],
        },
        en={
            "title": "Enquire about a financial decision",
            "summary": "Ask about a financial decision concerning you: what it says, its date and who carries it out.",
            "description": "<p>Ask about financial decisions issued by the ministry that concern you.</p>",
            "keywords": "decision, enquiry, resolutions, financial decision",
            "eligibility": "<p>The person concerned by the decision, or their representative.</p>",
            "documents": [_NATIONAL_ID[1], ("Decision number or date", "If known.", True)],
            "steps": [
                _LOGIN[1],
                ("Describe the decision", "Its number, or its subject and approximate date."),
                _TRACK[1],
            ],
            "output": "A written answer on the decision and its status.",
            "faqs": [_CALL_FAQ[1]],
        },
        related=["MOF-IND-007"],
    ),
    service(
        "MOF-IND-007",
        "copy-of-ministerial-decision",
        "decisions-and-rules",
        "rules",
        audiences=["citizen", "resident", "business"],
        life_event="information",
        processing_time="P7D",
        is_free=False,
        cost_amount="25.00",
        ar={
            "title": "طلب نسخة من قرار وزاري",
            "summary": "اطلب نسخة مصدقة من قرار وزاري يخصك لتقديمها إلى جهة حكومية أو محكمة.",
            "description": "<p>تصدر الوزارة نسخة مصدقة إلكترونيًا من القرار الوزاري لصاحب العلاقة.</p>",
            "keywords": "نسخة، قرار وزاري، تصديق",
            "eligibility": "<p>صاحب العلاقة بالقرار أو وكيله أو جهة حكومية.</p>",
            "documents": [_NATIONAL_ID[0], ("رقم القرار وتاريخه", "", False)],
            "steps": [
                _LOGIN[0],
                ("اكتب رقم القرار", ""),
                ("ادفع الرسم", "عبر سداد."),
                ("نزّل النسخة المصدقة", ""),
            ],
            "output": "نسخة مصدقة إلكترونيًا من القرار.",
            "cost_note": "لكل نسخة مصدقة.",
            "faqs": [
                ("كيف أدفع الرسم؟", "<p>عبر نظام سداد برقم الفاتورة الذي يظهر بعد تقديم الطلب.</p>")
            ],
        },
        en={
            "title": "Request a copy of a ministerial decision",
            "summary": "Ask for a certified copy of a ministerial decision concerning you, for a government body or a court.",
            "description": "<p>The ministry issues an electronically certified copy of a ministerial decision to the person concerned.</p>",
            "keywords": "copy, ministerial decision, certification",
            "eligibility": "<p>The person concerned by the decision, their representative, or a government body.</p>",
            "documents": [_NATIONAL_ID[1], ("Decision number and date", "", False)],
            "steps": [
                _LOGIN[1],
                ("Enter the decision number", ""),
                ("Pay the fee", "Through SADAD."),
                ("Download the certified copy", ""),
            ],
            "output": "An electronically certified copy of the decision.",
            "cost_note": "Per certified copy.",
            "faqs": [
                (
                    "How do I pay the fee?",
                    "<p>Through SADAD, with the bill number shown after you apply.</p>",
                )
            ],
        },
        related=["MOF-IND-006"],
    ),
    service(
        "MOF-IND-008",
        "allowance-rules-enquiry",
        "decisions-and-rules",
        "rules",
        audiences=["citizen", "resident", "government"],
        life_event="information",
        processing_time="P5D",
        online_channel=False,
        online_url="",
        ar={
            "title": "الاستفسار عن قواعد صرف البدلات",
            "summary": "استفسر عن القواعد المالية المنظمة لصرف البدلات والمكافآت وطريقة تطبيقها.",
            "description": "<p>يجيب المختصون عن الأسئلة المتعلقة بقواعد صرف البدلات والمكافآت عبر مركز الاتصال الموحد.</p>",
            "keywords": "بدلات، مكافآت، قواعد، لائحة",
            "eligibility": "<p>الأفراد والجهات الحكومية.</p>",
            "documents": [],
            "steps": [
                ("اتصل بمركز الاتصال الموحد", "على الرقم 19990 واختر خدمة المقررات والقواعد."),
                ("اطرح سؤالك", "يُسجل سؤالك ويصلك الرد خلال خمسة أيام عمل إن تطلب دراسة."),
            ],
            "output": "إجابة عن الاستفسار.",
            "faqs": [],
        },
        en={
            "title": "Enquire about the rules for allowances",
            "summary": "Ask about the financial rules for paying allowances and bonuses and how they apply.",
            "description": "<p>Specialists answer questions about the rules for allowances and bonuses through the unified contact centre.</p>",
            "keywords": "allowances, bonuses, rules, regulation",
            "eligibility": "<p>Individuals and government bodies.</p>",
            "documents": [],
            "steps": [
                ("Call the unified contact centre", "On 19990 and choose decisions and rules."),
                (
                    "Ask your question",
                    "It is recorded and, if it needs study, answered within five working days.",
                ),
            ],
            "output": "An answer to your question.",
            "faqs": [],
        },
    ),
    service(
        "MOF-IND-009",
        "financial-rules-alerts",
        "decisions-and-rules",
        "rules",
        audiences=["citizen", "resident", "business"],
        life_event="information",
        processing_time="PT5M",
        status="coming_soon",
        ar={
            "title": "الاشتراك في تنبيهات القواعد المالية الجديدة",
            "summary": "اشترك لتصلك رسالة عند صدور قاعدة مالية جديدة أو تعديل قاعدة تهمك.",
            "description": "<p>خدمة قادمة ضمن الإصدارات التالية من منصة المواطن والمقيم.</p>",
            "keywords": "تنبيهات، اشتراك، قواعد، تحديثات",
            "eligibility": "<p>الجميع.</p>",
            "documents": [],
            "steps": [_LOGIN[0], ("اختر المواضيع التي تهمك", "")],
            "output": "رسائل تنبيه بالقواعد الجديدة.",
            "status_note": "تتاح الخدمة في إصدار قادم من المنصة.",
            "faqs": [],
        },
        en={
            "title": "Subscribe to alerts on new financial rules",
            "summary": "Subscribe to get a message when a new financial rule is issued or one you follow changes.",
            "description": "<p>A service coming in a later release of the Citizen and Resident platform.</p>",
            "keywords": "alerts, subscription, rules, updates",
            "eligibility": "<p>Everyone.</p>",
            "documents": [],
            "steps": [_LOGIN[1], ("Choose the subjects you follow", "")],
            "output": "Alert messages about new rules.",
            "status_note": "The service opens in a coming release of the platform.",
            "faqs": [],
        },
    ),
    # -- payment orders ----------------------------------------------------------------------
    service(
        "MOF-IND-010",
        "follow-payment-order",
        "payment-orders",
        "payments",
        audiences=["citizen", "resident", "business"],
        life_event="dealing_with_government",
        processing_time="PT5M",
        ar={
            "title": "متابعة أمر دفع",
            "summary": "اعرف حالة أمر الدفع الصادر لك وتاريخ إيداع المبلغ في حسابك البنكي.",
            "description": "<p>تعرض الخدمة مراحل أمر الدفع من صدوره حتى إيداع المبلغ، وسبب التأخير إن وجد.</p>",
            "keywords": "أمر دفع، مستحقات، صرف، حالة الدفع",
            "eligibility": "<p>المستفيد من أمر الدفع أو وكيله.</p>",
            "documents": [("رقم أمر الدفع", "أو رقم الهوية لعرض جميع أوامر الدفع.", True)],
            "steps": [_LOGIN[0], ("اختر أمر الدفع", "من قائمة أوامر الدفع الخاصة بك.")],
            "output": "حالة أمر الدفع وتاريخ الإيداع المتوقع.",
            "faqs": [
                (
                    "متى يودع المبلغ بعد اعتماد أمر الدفع؟",
                    "<p>عادة خلال ثلاثة أيام عمل من اعتماده.</p>",
                ),
                _CALL_FAQ[0],
            ],
        },
        en={
            "title": "Follow a payment order",
            "summary": "See the status of a payment order issued to you and when the money reaches your bank account.",
            "description": "<p>Shows each stage of a payment order from issue to deposit, and the reason for any delay.</p>",
            "keywords": "payment order, dues, disbursement, payment status",
            "eligibility": "<p>The beneficiary of the payment order or their representative.</p>",
            "documents": [
                ("Payment order number", "Or your ID number to list all your payment orders.", True)
            ],
            "steps": [
                _LOGIN[1],
                ("Choose the payment order", "From the list of your payment orders."),
            ],
            "output": "The payment order's status and the expected deposit date.",
            "faqs": [
                (
                    "When is the money deposited after approval?",
                    "<p>Usually within three working days of approval.</p>",
                ),
                _CALL_FAQ[1],
            ],
        },
        related=["MOF-IND-011", "MOF-IND-012"],
    ),
    service(
        "MOF-IND-011",
        "payment-orders-statement",
        "payment-orders",
        "payments",
        audiences=["citizen", "resident", "business"],
        life_event="dealing_with_government",
        processing_time="P1D",
        ar={
            "title": "كشف بأوامر الدفع",
            "summary": "احصل على كشف بأوامر الدفع الصادرة لك خلال فترة تختارها لتقديمه إلى البنك أو جهة أخرى.",
            "description": "<p>يصدر كشف إلكتروني مختوم بأوامر الدفع ومبالغها وتواريخ إيداعها.</p>",
            "keywords": "كشف، أوامر دفع، مستحقات، إثبات دخل",
            "eligibility": "<p>المستفيد من أوامر الدفع.</p>",
            "documents": [],
            "steps": [
                _LOGIN[0],
                ("اختر الفترة", "من تاريخ إلى تاريخ."),
                ("نزّل الكشف", "بصيغة PDF."),
            ],
            "output": "كشف إلكتروني مختوم.",
            "faqs": [],
        },
        en={
            "title": "Statement of payment orders",
            "summary": "Get a statement of the payment orders issued to you over a period you choose, for a bank or another body.",
            "description": "<p>Issues a stamped electronic statement of payment orders, their amounts and deposit dates.</p>",
            "keywords": "statement, payment orders, dues, proof of income",
            "eligibility": "<p>The beneficiary of the payment orders.</p>",
            "documents": [],
            "steps": [
                _LOGIN[1],
                ("Choose the period", "From one date to another."),
                ("Download the statement", "As a PDF."),
            ],
            "output": "A stamped electronic statement.",
            "faqs": [],
        },
        related=["MOF-IND-010"],
    ),
    service(
        "MOF-IND-012",
        "update-bank-account-iban",
        "payment-orders",
        "payments",
        audiences=["citizen", "resident"],
        life_event="dealing_with_government",
        processing_time="P2D",
        ar={
            "title": "تحديث الحساب البنكي لاستلام المستحقات",
            "summary": "حدّث رقم الآيبان الذي تودع فيه مستحقاتك من الوزارة قبل صدور أمر الدفع.",
            "description": "<p>يودع كل أمر دفع جديد في الحساب المسجل وقت صدوره؛ حدّث حسابك قبل ذلك لتجنب إعادة المبلغ.</p>",
            "keywords": "آيبان، حساب بنكي، تحديث، مستحقات",
            "eligibility": "<p>المستفيد نفسه؛ يجب أن يكون الحساب باسمه.</p>",
            "documents": [_IBAN[0]],
            "steps": [
                _LOGIN[0],
                ("أدخل رقم الآيبان الجديد", ""),
                ("أرفق شهادة الآيبان", ""),
                _TRACK[0],
            ],
            "output": "تأكيد تحديث الحساب البنكي.",
            "faqs": [
                (
                    "هل يمكن إيداع المبلغ في حساب شخص آخر؟",
                    "<p>لا، يجب أن يكون الحساب باسم المستفيد.</p>",
                )
            ],
        },
        en={
            "title": "Update the bank account for your dues",
            "summary": "Update the IBAN your dues from the ministry are paid into, before a payment order is issued.",
            "description": "<p>Each new payment order is paid into the account on file when it is issued; update yours beforehand so the money is not returned.</p>",
            "keywords": "IBAN, bank account, update, dues",
            "eligibility": "<p>The beneficiary; the account must be in their name.</p>",
            "documents": [_IBAN[1]],
            "steps": [
                _LOGIN[1],
                ("Enter the new IBAN", ""),
                ("Attach the IBAN certificate", ""),
                _TRACK[1],
            ],
            "output": "Confirmation that the bank account is updated.",
            "faqs": [
                (
                    "Can the money go into someone else's account?",
                    "<p>No: the account must be in the beneficiary's name.</p>",
                )
            ],
        },
        related=["MOF-IND-013"],
    ),
    service(
        "MOF-IND-013",
        "claim-returned-payment",
        "payment-orders",
        "payments",
        audiences=["citizen", "resident", "business"],
        life_event="dealing_with_government",
        processing_time="P10D",
        ar={
            "title": "المطالبة بمبلغ مرتجع",
            "summary": "اطلب إعادة صرف مبلغ أعاده البنك بسبب خطأ في الحساب أو إغلاقه.",
            "description": "<p>إذا أعاد البنك مبلغ أمر الدفع يمكنك طلب إعادة صرفه بعد تحديث حسابك البنكي.</p>",
            "keywords": "مبلغ مرتجع، إعادة صرف، أمر دفع، حساب مغلق",
            "eligibility": "<p>المستفيد من أمر الدفع المرتجع.</p>",
            "documents": [_IBAN[0], ("رقم أمر الدفع", "", False)],
            "steps": [
                _LOGIN[0],
                ("اختر المبلغ المرتجع", ""),
                ("أكد الحساب البنكي الجديد", ""),
                _TRACK[0],
            ],
            "output": "إعادة إيداع المبلغ في حسابك.",
            "faqs": [],
        },
        en={
            "title": "Claim a returned payment",
            "summary": "Ask for a payment returned by the bank, because of a wrong or closed account, to be paid again.",
            "description": "<p>If the bank returned a payment order's money you can ask for it to be paid again once your account is updated.</p>",
            "keywords": "returned payment, repayment, payment order, closed account",
            "eligibility": "<p>The beneficiary of the returned payment order.</p>",
            "documents": [_IBAN[1], ("Payment order number", "", False)],
            "steps": [
                _LOGIN[1],
                ("Choose the returned amount", ""),
                ("Confirm the new bank account", ""),
                _TRACK[1],
            ],
            "output": "The money paid again into your account.",
            "faqs": [],
        },
        related=["MOF-IND-012"],
    ),
    service(
        "MOF-IND-014",
        "report-delayed-payment",
        "payment-orders",
        "payments",
        audiences=["citizen", "resident", "business"],
        life_event="dealing_with_government",
        processing_time="P5D",
        status="withdrawn",
        online_channel=False,
        online_url="",
        ar={
            "title": "الإبلاغ عن تأخر صرف المستحقات",
            "summary": "خدمة سابقة للإبلاغ عن تأخر صرف المستحقات، استُبدلت بخدمة متابعة أمر دفع.",
            "description": "<p>أُوقفت هذه الخدمة بعد إطلاق خدمة متابعة أمر دفع التي تعرض سبب التأخير مباشرة.</p>",
            "keywords": "تأخر، مستحقات، بلاغ",
            "eligibility": "<p>—</p>",
            "documents": [],
            "steps": [],
            "output": "",
            "status_note": "سُحبت هذه الخدمة. استخدم خدمة «متابعة أمر دفع» (MOF-IND-010) أو اتصل على 19990.",
            "faqs": [],
        },
        en={
            "title": "Report a delayed payment",
            "summary": "A former service to report delayed dues, replaced by Follow a payment order.",
            "description": "<p>This service was withdrawn when Follow a payment order, which shows the reason for any delay, was launched.</p>",
            "keywords": "delay, dues, report",
            "eligibility": "<p>—</p>",
            "documents": [],
            "steps": [],
            "output": "",
            "status_note": "This service is withdrawn. Use Follow a payment order (MOF-IND-010) or call 19990.",
            "faqs": [],
        },
        related=["MOF-IND-010"],
    ),
    # -- expropriation -----------------------------------------------------------------------
    service(
        "MOF-IND-015",
        "expropriation-compensation-claim",
        "expropriation",
        "expropriation",
        audiences=["citizen", "resident", "business"],
        life_event="property",
        processing_time="P60D",
        office_channel=True,
        ar={
            "title": "طلب صرف تعويض نزع ملكية عقار",
            "summary": "يطلب مالك العقار المنزوعة ملكيته للمنفعة العامة صرف التعويض المقدر له.",
            "description": "<p>بعد تقدير التعويض واعتماده يتقدم المالك أو ورثته بطلب الصرف، ويودع المبلغ في حسابه البنكي بعد استكمال الإفراغ.</p>",
            "keywords": "نزع ملكية، تعويض، عقار، منفعة عامة، صك",
            "eligibility": "<p>مالك العقار المنزوعة ملكيته أو ورثته أو وكيلهم.</p>",
            "documents": [
                ("صك الملكية", "الأصل أو نسخة إلكترونية من البورصة العقارية.", False),
                _NATIONAL_ID[0],
                _IBAN[0],
                ("صك حصر الورثة", "إذا كان المالك متوفى.", True),
            ],
            "steps": [
                _LOGIN[0],
                ("اختر العقار", "تظهر العقارات المعتمد تعويضها المسجلة باسمك."),
                ("أرفق المستندات", ""),
                ("أكمل الإفراغ", "تحدد لك كتابة العدل موعدًا لإفراغ العقار."),
                _TRACK[0],
            ],
            "output": "إيداع مبلغ التعويض في الحساب البنكي.",
            "legal_basis": [(EXPROPRIATION_LAW[0], LAWS_PORTAL)],
            "office_address": OFFICE_AR,
            "faqs": [
                (
                    "كيف يقدر التعويض؟",
                    "<p>تقدره لجنة مختصة وفق النظام، ويمكنك الاعتراض على التقدير.</p>",
                ),
                _CALL_FAQ[0],
            ],
        },
        en={
            "title": "Claim expropriation compensation",
            "summary": "The owner of property acquired for public benefit asks for the assessed compensation to be paid.",
            "description": "<p>Once compensation is assessed and approved, the owner or heirs apply for payment; the money is deposited after the transfer of title.</p>",
            "keywords": "expropriation, compensation, property, public benefit, title deed",
            "eligibility": "<p>The owner of the expropriated property, their heirs or their representative.</p>",
            "documents": [
                (
                    "Title deed",
                    "The original or an electronic copy from the real estate registry.",
                    False,
                ),
                _NATIONAL_ID[1],
                _IBAN[1],
                ("Deed of inheritance", "If the owner has died.", True),
            ],
            "steps": [
                _LOGIN[1],
                (
                    "Choose the property",
                    "Properties with approved compensation registered in your name are listed.",
                ),
                ("Attach the documents", ""),
                (
                    "Complete the transfer of title",
                    "The notary gives you an appointment to transfer the property.",
                ),
                _TRACK[1],
            ],
            "output": "The compensation paid into your bank account.",
            "legal_basis": [(EXPROPRIATION_LAW[1], LAWS_PORTAL)],
            "office_address": OFFICE_EN,
            "faqs": [
                (
                    "How is compensation assessed?",
                    "<p>A committee assesses it under the law, and you may object to the assessment.</p>",
                ),
                _CALL_FAQ[1],
            ],
        },
        related=["MOF-IND-016", "MOF-IND-017", "MOF-IND-018"],
    ),
    service(
        "MOF-IND-016",
        "expropriation-compensation-status",
        "expropriation",
        "expropriation",
        audiences=["citizen", "resident", "business"],
        life_event="property",
        processing_time="PT5M",
        ar={
            "title": "الاستعلام عن حالة تعويض نزع الملكية",
            "summary": "اعرف المرحلة التي بلغها تعويض عقارك المنزوعة ملكيته وموعد الصرف المتوقع.",
            "description": "<p>تعرض الخدمة مراحل التعويض: الحصر والتقدير والاعتماد والإفراغ والصرف.</p>",
            "keywords": "استعلام، تعويض، نزع ملكية، حالة",
            "eligibility": "<p>المالك أو ورثته أو وكيلهم.</p>",
            "documents": [],
            "steps": [_LOGIN[0], ("اختر العقار", "")],
            "output": "مرحلة التعويض الحالية.",
            "legal_basis": [(EXPROPRIATION_LAW[0], LAWS_PORTAL)],
            "faqs": [_CALL_FAQ[0]],
        },
        en={
            "title": "Check the status of expropriation compensation",
            "summary": "See which stage the compensation for your expropriated property has reached and when it is due.",
            "description": "<p>Shows each stage of compensation: survey, assessment, approval, transfer of title and payment.</p>",
            "keywords": "enquiry, compensation, expropriation, status",
            "eligibility": "<p>The owner, their heirs or their representative.</p>",
            "documents": [],
            "steps": [_LOGIN[1], ("Choose the property", "")],
            "output": "The current stage of the compensation.",
            "legal_basis": [(EXPROPRIATION_LAW[1], LAWS_PORTAL)],
            "faqs": [_CALL_FAQ[1]],
        },
        related=["MOF-IND-015"],
    ),
    service(
        "MOF-IND-017",
        "objection-compensation-assessment",
        "expropriation",
        "expropriation",
        audiences=["citizen", "resident", "business"],
        life_event="property",
        processing_time="P30D",
        ar={
            "title": "الاعتراض على تقدير تعويض نزع الملكية",
            "summary": "اعترض على مبلغ التعويض المقدر لعقارك خلال المدة النظامية مع بيان أسبابك.",
            "description": "<p>يحق للمالك الاعتراض على تقدير التعويض، وتنظر لجنة مختصة في الاعتراض وفق النظام.</p>",
            "keywords": "اعتراض، تقدير، تعويض، نزع ملكية، تظلم",
            "eligibility": "<p>مالك العقار أو وكيله خلال المدة النظامية.</p>",
            "documents": [
                ("خطاب الاعتراض", "", False),
                ("تقييم عقاري مستقل", "من مقيم معتمد إن وجد.", True),
            ],
            "steps": [
                _LOGIN[0],
                ("اختر العقار والتقدير", ""),
                ("اكتب أسباب الاعتراض", ""),
                _TRACK[0],
            ],
            "output": "قرار اللجنة في الاعتراض.",
            "legal_basis": [(EXPROPRIATION_LAW[0], LAWS_PORTAL)],
            "faqs": [],
        },
        en={
            "title": "Object to an expropriation compensation assessment",
            "summary": "Object to the compensation assessed for your property within the legal time limit, with reasons.",
            "description": "<p>Owners may object to a compensation assessment; a committee reviews the objection under the law.</p>",
            "keywords": "objection, assessment, compensation, expropriation, appeal",
            "eligibility": "<p>The owner or their representative, within the legal time limit.</p>",
            "documents": [
                ("Objection letter", "", False),
                ("Independent valuation", "From an accredited valuer, if you have one.", True),
            ],
            "steps": [
                _LOGIN[1],
                ("Choose the property and assessment", ""),
                ("Give your reasons", ""),
                _TRACK[1],
            ],
            "output": "The committee's decision on the objection.",
            "legal_basis": [(EXPROPRIATION_LAW[1], LAWS_PORTAL)],
            "faqs": [],
        },
        related=["MOF-IND-015", "MOF-IND-018"],
    ),
    service(
        "MOF-IND-018",
        "how-compensation-is-assessed",
        "expropriation",
        "expropriation",
        audiences=["citizen", "resident", "business", "government"],
        life_event="property",
        processing_time="",
        online_channel=False,
        online_url="",
        ar={
            "title": "كيف يُقدّر تعويض نزع الملكية",
            "summary": "تعرّف على مراحل نزع الملكية للمنفعة العامة وطريقة تقدير التعويض وحقوقك فيها.",
            "description": "<p>تمر إجراءات نزع الملكية بمراحل: إعلان المشروع، وحصر العقارات، وتقدير التعويض بواسطة لجنة مختصة، ثم الاعتماد والإفراغ والصرف. يراعى في التقدير سعر المثل وقت التقدير.</p>",
            "keywords": "نزع ملكية، تقدير، تعويض، مراحل، حقوق",
            "eligibility": "<p>خدمة معلوماتية متاحة للجميع.</p>",
            "documents": [],
            "steps": [("اقرأ مراحل نزع الملكية", ""), ("اتصل على 19990 لأي استفسار", "")],
            "output": "معرفة الإجراءات والحقوق.",
            "legal_basis": [(EXPROPRIATION_LAW[0], LAWS_PORTAL)],
            "faqs": [
                ("هل يمكن الاعتراض على التقدير؟", "<p>نعم، خلال المدة التي يحددها النظام.</p>")
            ],
        },
        en={
            "title": "How expropriation compensation is assessed",
            "summary": "Learn the stages of expropriation for public benefit, how compensation is assessed and your rights.",
            "description": "<p>Expropriation goes through stages: the project is announced, properties are surveyed, a committee assesses compensation, then approval, transfer of title and payment. The assessment follows market value at the time.</p>",
            "keywords": "expropriation, assessment, compensation, stages, rights",
            "eligibility": "<p>An information service open to everyone.</p>",
            "documents": [],
            "steps": [
                ("Read the stages of expropriation", ""),
                ("Call 19990 with any question", ""),
            ],
            "output": "Knowing the procedure and your rights.",
            "legal_basis": [(EXPROPRIATION_LAW[1], LAWS_PORTAL)],
            "faqs": [
                ("Can I object to the assessment?", "<p>Yes, within the time the law allows.</p>")
            ],
        },
        related=["MOF-IND-015", "MOF-IND-017"],
    ),
    # -- general services --------------------------------------------------------------------
    service(
        "MOF-IND-019",
        "book-ministry-appointment",
        "general-services",
        "care",
        audiences=["citizen", "resident", "business", "government"],
        life_event="information",
        processing_time="PT10M",
        office_channel=True,
        ar={
            "title": "حجز موعد لمراجعة الوزارة",
            "summary": "احجز موعدًا لمراجعة الوزارة حضوريًا عندما تحتاج إلى ذلك، واختر الوقت المناسب لك.",
            "description": "<p>أغلب المعاملات تنجز إلكترونيًا؛ احجز موعدًا إذا طلب منك الحضور أو احتجت إلى مقابلة مختص.</p>",
            "keywords": "موعد، حجز، مراجعة، زيارة",
            "eligibility": "<p>الجميع.</p>",
            "documents": [_NATIONAL_ID[0]],
            "steps": [
                _LOGIN[0],
                ("اختر الخدمة والوقت", ""),
                ("احضر في الموعد", "مع الهوية ورسالة تأكيد الموعد."),
            ],
            "output": "موعد مؤكد برسالة نصية.",
            "office_address": OFFICE_AR,
            "faqs": [("هل يمكن تغيير الموعد؟", "<p>نعم، حتى قبل الموعد بيوم واحد.</p>")],
        },
        en={
            "title": "Book an appointment at the ministry",
            "summary": "Book a visit to the ministry when you need one, at a time that suits you.",
            "description": "<p>Most transactions are done online; book an appointment if you are asked to come in or need to meet a specialist.</p>",
            "keywords": "appointment, booking, visit",
            "eligibility": "<p>Everyone.</p>",
            "documents": [_NATIONAL_ID[1]],
            "steps": [
                _LOGIN[1],
                ("Choose the service and time", ""),
                ("Come at the time booked", "With your ID and the confirmation message."),
            ],
            "output": "A confirmed appointment, by text message.",
            "office_address": OFFICE_EN,
            "faqs": [("Can I change the appointment?", "<p>Yes, until one day before it.</p>")],
        },
    ),
    service(
        "MOF-IND-020",
        "complaint-or-suggestion",
        "general-services",
        "care",
        audiences=["citizen", "resident", "business", "government"],
        life_event="information",
        processing_time="P10D",
        ar={
            "title": "تقديم شكوى أو اقتراح",
            "summary": "أرسل شكوى عن خدمة من خدمات الوزارة أو اقتراحًا لتحسينها، وتابع الرد عليها.",
            "description": "<p>تستقبل الوزارة الشكاوى والاقتراحات عبر المنصة ومركز الاتصال الموحد وحساب @MofCare، وتعالجها خلال عشرة أيام عمل.</p>",
            "keywords": "شكوى، اقتراح، ملاحظة، تظلم، رضا",
            "eligibility": "<p>الجميع.</p>",
            "documents": [("مستندات داعمة", "إن وجدت.", True)],
            "steps": [_LOGIN[0], ("اكتب الشكوى أو الاقتراح", ""), _TRACK[0]],
            "output": "رد مكتوب على الشكوى أو الاقتراح.",
            "faqs": [
                (
                    "هل يمكن تقديم الشكوى دون تسجيل الدخول؟",
                    "<p>نعم، عبر الاتصال على 19990 أو حساب @MofCare.</p>",
                )
            ],
        },
        en={
            "title": "Make a complaint or a suggestion",
            "summary": "Send a complaint about one of the ministry's services, or a suggestion to improve it, and follow the answer.",
            "description": "<p>The ministry takes complaints and suggestions through the platform, the unified contact centre and @MofCare, and handles them within ten working days.</p>",
            "keywords": "complaint, suggestion, feedback, appeal, satisfaction",
            "eligibility": "<p>Everyone.</p>",
            "documents": [("Supporting documents", "If any.", True)],
            "steps": [_LOGIN[1], ("Write the complaint or suggestion", ""), _TRACK[1]],
            "output": "A written answer to the complaint or suggestion.",
            "faqs": [
                (
                    "Can I complain without signing in?",
                    "<p>Yes: call 19990 or write to @MofCare.</p>",
                )
            ],
        },
        related=["MOF-IND-022"],
    ),
    service(
        "MOF-IND-021",
        "archive-document-copy",
        "general-services",
        "care",
        audiences=["citizen", "resident", "business"],
        life_event="information",
        processing_time="P10D",
        is_free=False,
        cost_amount="50.00",
        ar={
            "title": "طلب صورة من وثيقة في أرشيف الوزارة",
            "summary": "اطلب صورة مصدقة من وثيقة محفوظة في أرشيف الوزارة تخصك، مثل خطاب أو عقد سابق.",
            "description": "<p>تبحث الوزارة عن الوثيقة في أرشيفها وتصدر صورة مصدقة منها إلكترونيًا.</p>",
            "keywords": "أرشيف، وثيقة، صورة مصدقة، خطاب",
            "eligibility": "<p>صاحب العلاقة بالوثيقة أو وكيله.</p>",
            "documents": [
                _NATIONAL_ID[0],
                ("بيانات الوثيقة", "رقمها أو تاريخها أو موضوعها.", False),
            ],
            "steps": [_LOGIN[0], ("صف الوثيقة", ""), ("ادفع الرسم", "عبر سداد."), _TRACK[0]],
            "output": "صورة مصدقة إلكترونيًا من الوثيقة.",
            "cost_note": "لكل وثيقة.",
            "faqs": [],
        },
        en={
            "title": "Request a copy of a document from the ministry's archive",
            "summary": "Ask for a certified copy of a document about you kept in the ministry's archive, such as a past letter or contract.",
            "description": "<p>The ministry finds the document in its archive and issues an electronically certified copy.</p>",
            "keywords": "archive, document, certified copy, letter",
            "eligibility": "<p>The person concerned by the document, or their representative.</p>",
            "documents": [
                _NATIONAL_ID[1],
                ("Document details", "Its number, date or subject.", False),
            ],
            "steps": [
                _LOGIN[1],
                ("Describe the document", ""),
                ("Pay the fee", "Through SADAD."),
                _TRACK[1],
            ],
            "output": "An electronically certified copy of the document.",
            "cost_note": "Per document.",
            "faqs": [],
        },
    ),
    service(
        "MOF-IND-022",
        "transaction-enquiry",
        "general-services",
        "care",
        audiences=["citizen", "resident", "business", "government"],
        life_event="information",
        processing_time="PT15M",
        online_channel=False,
        online_url="",
        ar={
            "title": "الاستعلام عن معاملة",
            "summary": "استفسر عن أي معاملة لدى الوزارة عبر مركز الاتصال الموحد برقم المعاملة أو رقم الهوية.",
            "description": "<p>يخدم مركز الاتصال الموحد، المرحلة الأولى من مركز الخدمة الشامل، الأفراد والجهات العامة والخاصة على الرقم 19990.</p>",
            "keywords": "استعلام، معاملة، مركز الاتصال، 19990",
            "eligibility": "<p>الجميع.</p>",
            "documents": [("رقم المعاملة أو رقم الهوية", "", False)],
            "steps": [("اتصل على 19990", ""), ("أعط رقم المعاملة", "")],
            "output": "حالة المعاملة.",
            "faqs": [],
        },
        en={
            "title": "Enquire about a transaction",
            "summary": "Ask about any transaction with the ministry through the unified contact centre, by transaction or ID number.",
            "description": "<p>The unified contact centre, first phase of the comprehensive service centre, serves individuals and public and private bodies on 19990.</p>",
            "keywords": "enquiry, transaction, contact centre, 19990",
            "eligibility": "<p>Everyone.</p>",
            "documents": [("Transaction number or ID number", "", False)],
            "steps": [("Call 19990", ""), ("Give the transaction number", "")],
            "output": "The status of the transaction.",
            "faqs": [],
        },
        related=["MOF-IND-020"],
    ),
    service(
        "MOF-IND-023",
        "update-contact-details",
        "general-services",
        "care",
        audiences=["citizen", "resident"],
        life_event="information",
        processing_time="PT10M",
        status="suspended",
        ar={
            "title": "تحديث بيانات التواصل",
            "summary": "حدّث رقم جوالك وبريدك الإلكتروني المسجلين لدى الوزارة لتصلك التنبيهات.",
            "description": "<p>تتيح الخدمة تحديث بيانات التواصل المستخدمة في إشعارات المعاملات.</p>",
            "keywords": "تحديث، جوال، بريد إلكتروني، بيانات",
            "eligibility": "<p>الجميع.</p>",
            "documents": [],
            "steps": [_LOGIN[0], ("حدّث البيانات", "")],
            "output": "تأكيد التحديث.",
            "status_note": "الخدمة متوقفة مؤقتًا للصيانة. للتحديث العاجل اتصل على 19990.",
            "faqs": [],
        },
        en={
            "title": "Update your contact details",
            "summary": "Update the mobile number and e-mail address the ministry holds for you, to receive alerts.",
            "description": "<p>Updates the contact details used for transaction notifications.</p>",
            "keywords": "update, mobile, e-mail, details",
            "eligibility": "<p>Everyone.</p>",
            "documents": [],
            "steps": [_LOGIN[1], ("Update your details", "")],
            "output": "Confirmation of the update.",
            "status_note": "The service is paused for maintenance. For urgent updates call 19990.",
            "faqs": [],
        },
    ),
]
