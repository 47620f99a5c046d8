"""The ministry's demo content in Arabic and English, after its own launch announcement.

Each entry holds both languages in the same structure: the Arabic is published as the source
and the English becomes its wagtail-localize translation (cms.localize.publish_translation).
"""

from __future__ import annotations

import datetime

# Placeholder: the announcement obfuscates the real address. Editors must replace it.
CARE_EMAIL_PLACEHOLDER = "care@mof.gov.sa"
SECURITY_EMAIL_PLACEHOLDER = "security@mof.gov.sa"
CONTACT_PHONE = "19990"
SOCIAL_ACCOUNT = "@MofCare"
SOCIAL_URL = "https://x.com/MofCare"

MINISTRY_NAME = {"ar": "وزارة المالية", "en": "Ministry of Finance"}

SERVICE_FAMILIES = [
    (
        "إعفاءات القروض",
        "طلبات إعفاء المواطنين من القروض الحكومية ومتابعتها إلكترونيًا.",
        "Loan exemptions",
        "Apply online for exemption from government loans and follow your request.",
    ),
    (
        "المقررات والقواعد",
        "خدمات المقررات والقواعد المالية الخاصة بالأفراد.",
        "Decisions and rules",
        "Services for the financial decisions and rules that concern individuals.",
    ),
    (
        "أوامر الدفع",
        "الاستعلام عن أوامر الدفع الصادرة للأفراد ومتابعة صرفها.",
        "Payment orders",
        "Look up payment orders issued to individuals and follow their disbursement.",
    ),
    (
        "نزع الملكيات",
        "خدمات نزع ملكية العقارات للمنفعة العامة والتعويض عنها.",
        "Expropriation",
        "Services for property acquired for public benefit and its compensation.",
    ),
    (
        "الخدمات العامة",
        "خدمات عامة أخرى يقدمها إلى الأفراد موقع الوزارة ومنصة المواطن والمقيم.",
        "General services",
        "Other general services offered to individuals on the Citizen and Resident platform.",
    ),
]

# The catalogue category (services_catalog/demo/content.py) each family's card links to.
SERVICE_FAMILY_CATEGORIES = [
    "loan-exemptions",
    "decisions-and-rules",
    "payment-orders",
    "expropriation",
    "general-services",
]


def home() -> dict:
    featured = {
        lang: [
            {
                "type": "service_family",
                "value": {
                    "title": fam[0] if lang == "ar" else fam[2],
                    "description": fam[1] if lang == "ar" else fam[3],
                    "page": None,
                },
            }
            for fam in SERVICE_FAMILIES
        ]
        for lang in ("ar", "en")
    }
    return {
        "ar": {
            "title": "الصفحة الرئيسية",
            "seo_title": "وزارة المالية - الموقع الرسمي",
            "search_description": "الموقع الرسمي لوزارة المالية: الخدمات الإلكترونية للأفراد ومركز الاتصال الموحد والأخبار.",
            "hero_title": "خدمات وزارة المالية في مكان واحد",
            "hero_text": (
                "موقع الوزارة بحلته الجديدة: أسهل استخدامًا وأسرع وصولًا إلى المعلومة والخدمات "
                "الإلكترونية، ومنصة المواطن والمقيم لخدمات الأفراد، ومركز الاتصال الموحد على الرقم 19990."
            ),
            "featured_title": "منصة خدمات الأفراد «المواطن والمقيم»",
            "featured": featured["ar"],
            "contact_centre_teaser": (
                "تواصل مع مركز الاتصال الموحد عبر الهاتف 19990 أو البريد الإلكتروني أو حساب @MofCare، "
                "دون الحاجة إلى مراجعة الوزارة."
            ),
        },
        "en": {
            "title": "Home",
            "seo_title": "Ministry of Finance - official website",
            "search_description": "The Ministry of Finance's official website: e-services for individuals, the unified contact centre and news.",
            "hero_title": "The Ministry of Finance's services in one place",
            "hero_text": (
                "The ministry's new website: easier to use, with faster access to information and "
                "e-services, the Citizen and Resident platform for individuals' services, and the "
                "unified contact centre on 19990."
            ),
            "featured_title": "The individuals' services platform “Citizen and Resident”",
            "featured": featured["en"],
            "contact_centre_teaser": (
                "Reach the unified contact centre by phone on 19990, by e-mail or on @MofCare, "
                "without visiting the ministry."
            ),
        },
    }


ABOUT = {
    "slug": "about",
    "ar": {
        "title": "عن الوزارة",
        "intro": "تعمل وزارة المالية على تقديم خدماتها لجميع العملاء بشكل أفضل ووقت أقل وجهد أوفر.",
        "body": [
            {"type": "heading", "value": {"text": "التحول الرقمي لخدمات الأفراد", "level": "h2"}},
            {
                "type": "paragraph",
                "value": (
                    "<p>أطلقت الوزارة منصة خدمات الأفراد «المواطن والمقيم» لتحقيق التحول الرقمي "
                    "لمعاملات الأفراد، وتقليص الوقت وتوفير الجهد لمراجعي الوزارة، وقياس مؤشرات الأداء "
                    "لخدمات الأفراد، وتوفير بيئة آمنة للخدمات الرقمية.</p>"
                ),
            },
            {"type": "heading", "value": {"text": "مركز الخدمة الشامل", "level": "h2"}},
            {
                "type": "paragraph",
                "value": (
                    "<p>سعيًا إلى تحقيق أهدافها الإستراتيجية تبنت الوزارة مشروع مركز الخدمة الشامل الذي "
                    "يوحد جميع قنوات تواصل العملاء مع الوزارة في مسار واحد، ويأتي مركز الاتصال الموحد "
                    "مرحلةً أولى في تنفيذه.</p>"
                ),
            },
            {
                "type": "quote",
                "value": {
                    "quote": "تقديم الخدمة الشاملة لجميع فئات العملاء بأقصر وقت وأقل جهد وأفضل جودة.",
                    "attribution": "وزارة المالية",
                },
            },
        ],
    },
    "en": {
        "title": "About the ministry",
        "intro": "The Ministry of Finance works to serve all its customers better, faster and with less effort.",
        "body": [
            {
                "type": "heading",
                "value": {"text": "Digital transformation of individuals' services", "level": "h2"},
            },
            {
                "type": "paragraph",
                "value": (
                    "<p>The ministry launched the individuals' services platform “Citizen and Resident” "
                    "to bring individuals' transactions online, cut the time and effort visitors spend, "
                    "measure the performance indicators of individuals' services and provide a safe "
                    "environment for digital services.</p>"
                ),
            },
            {
                "type": "heading",
                "value": {"text": "The comprehensive service centre", "level": "h2"},
            },
            {
                "type": "paragraph",
                "value": (
                    "<p>To reach its strategic goals, the ministry adopted the comprehensive service "
                    "centre project, which brings every channel between customers and the ministry into "
                    "one path. The unified contact centre is its first phase.</p>"
                ),
            },
            {
                "type": "quote",
                "value": {
                    "quote": "A complete service for every kind of customer, in the shortest time, with the least effort and the best quality.",
                    "attribution": "Ministry of Finance",
                },
            },
        ],
    },
}

NEWS_INDEX = {
    "slug": "news",
    "ar": {"title": "الأخبار", "intro": "آخر أخبار وزارة المالية."},
    "en": {"title": "News", "intro": "The latest news from the Ministry of Finance."},
}

LAUNCH_ARTICLE = {
    "slug": "new-website-services-platform-contact-centre",
    "date": datetime.date(2026, 11, 1),
    "ar": {
        "title": "وزير المالية يفتتح مركز الاتصال الموحد ومنصة خدمات الأفراد وموقع الوزارة بحلته الجديدة",
        "summary": (
            "افتتح وزير المالية مركز الاتصال الموحد ومنصة خدمات الأفراد «المواطن والمقيم» وموقع "
            "الوزارة الإلكتروني بحلته الجديدة، تعزيزًا لفاعلية قنوات التواصل مع جميع العملاء."
        ),
        "body": [
            {
                "type": "paragraph",
                "value": (
                    "<p>افتتح محمد الجدعان وزير المالية حزمة من الخدمات الجديدة شملت: مركز الاتصال "
                    "الموحد ومنصة خدمات الأفراد وموقع الوزارة الإلكتروني بحلته الجديدة، وذلك تعزيزًا "
                    "لفاعلية قنوات التواصل مع جميع العملاء لخدمات وزارة المالية من خلال فتح قنوات "
                    "تواصلية جديدة بما يسهم في تقديم خدمات الوزارة بشكل أفضل ووقت أقل وجهد أوفر. وقام "
                    "بافتتاح مركز الاتصال الموحد من خلال تجربة حقيقية بإجراء اتصال فعلي بإحدى خدمات "
                    "المركز والاستفسار عن إحدى المعاملات.</p>"
                ),
            },
            {"type": "heading", "value": {"text": "الموقع الإلكتروني الجديد", "level": "h2"}},
            {
                "type": "paragraph",
                "value": (
                    "<p>بدأت مراسم الافتتاح بعرض عن موقع الوزارة الإلكتروني الجديد قدّمه أحمد الصويان "
                    "وكيل وزارة المالية لشؤون التقنية والتطوير، أوضح خلاله التطورات بين الموقع الجديد "
                    "والسابق من حيث سهولة الاستخدام والتعرف على الخدمات الإلكترونية وسرعة الوصول إلى "
                    "المعلومة وتحقيقه متطلبات معايير الأمم المتحدة وتطوير تصميمه وفق التوجهات العالمية "
                    "للبوابات الإلكترونية.</p>"
                ),
            },
            {
                "type": "heading",
                "value": {"text": "منصة خدمات الأفراد «المواطن والمقيم»", "level": "h2"},
            },
            {
                "type": "paragraph",
                "value": (
                    "<p>قدّم الصويان عرضًا مماثلًا عن منصة خدمات الأفراد «المواطن والمقيم» التي تهدف إلى "
                    "تحقيق التحول الرقمي لمعاملات الأفراد في الوزارة، وتحسين تصنيف المملكة في المعايير "
                    "الدولية لأفضل الممارسات، وتقليص الوقت وتوفير الجهد لمراجعي الوزارة من العملاء "
                    "وأصحاب المصلحة، وقياس مؤشرات الأداء لخدمات الأفراد، وتوفير بيئة آمنة للخدمات "
                    "الرقمية.</p>"
                ),
            },
            {
                "type": "paragraph",
                "value": (
                    "<p>وتقدم المنصة في إصدارها الأول حزمة من الخدمات من أبرزها:</p>"
                    "<ul><li>إعفاءات القروض</li><li>المقررات والقواعد</li><li>خدمات أوامر الدفع</li>"
                    "<li>نزع الملكيات</li><li>خدمات عامة</li></ul>"
                ),
            },
            {"type": "heading", "value": {"text": "مركز الاتصال الموحد", "level": "h2"}},
            {
                "type": "paragraph",
                "value": (
                    "<p>تحدث يعرب الثنيان وكيل وزارة المالية للتواصل والإعلام عن المركز، مشيرًا إلى أن "
                    "افتتاح مركز الاتصال الموحد وتشغيله يشكل المرحلة الأولى من مشروع مركز الخدمة الشامل "
                    "لوزارة المالية، ومؤكدًا أهميته في تعزيز فاعلية التواصل مع العملاء وخدمتهم بشكل أفضل "
                    "دون الحاجة إلى مراجعة الوزارة؛ إذ يقدم المركز الخدمة لعملاء الوزارة بمختلف فئاتهم "
                    "أفرادًا أو جهات من القطاعين العام والخاص.</p>"
                ),
            },
            {
                "type": "paragraph",
                "value": (
                    "<p>ويمكن التواصل مع مركز الاتصال الموحد عبر رقم الهاتف 19990 والبريد الإلكتروني "
                    "وحساب المركز في منصة إكس @MofCare.</p>"
                ),
            },
        ],
    },
    "en": {
        "title": "Minister of Finance opens the unified contact centre, the individuals' services platform and the ministry's new website",
        "summary": (
            "The Minister of Finance opened the unified contact centre, the individuals' services "
            "platform “Citizen and Resident” and the ministry's redesigned website, to make every "
            "channel with the ministry's customers more effective."
        ),
        "body": [
            {
                "type": "paragraph",
                "value": (
                    "<p>Minister of Finance Mohammed Al-Jadaan opened a package of new services: the "
                    "unified contact centre, the individuals' services platform and the ministry's "
                    "redesigned website. They open new channels of communication with all of the "
                    "ministry's customers, so that its services are delivered better, faster and with "
                    "less effort. The minister opened the contact centre with a real test: he called one "
                    "of the centre's services and asked about a transaction.</p>"
                ),
            },
            {"type": "heading", "value": {"text": "The new website", "level": "h2"}},
            {
                "type": "paragraph",
                "value": (
                    "<p>The ceremony began with a presentation of the new website by Ahmed Al-Suwayan, "
                    "Deputy Minister of Finance for Technology and Development. He set out what changed "
                    "from the previous site: ease of use, finding e-services, faster access to "
                    "information, meeting the United Nations' criteria, and a design that follows "
                    "global trends in government portals.</p>"
                ),
            },
            {
                "type": "heading",
                "value": {
                    "text": "The individuals' services platform “Citizen and Resident”",
                    "level": "h2",
                },
            },
            {
                "type": "paragraph",
                "value": (
                    "<p>Al-Suwayan also presented the individuals' services platform “Citizen and "
                    "Resident”. It aims to bring individuals' transactions with the ministry online, "
                    "improve the Kingdom's ranking against international best-practice standards, save "
                    "time and effort for the ministry's customers and stakeholders, measure the "
                    "performance indicators of individuals' services, and provide a safe environment "
                    "for digital services.</p>"
                ),
            },
            {
                "type": "paragraph",
                "value": (
                    "<p>In its first release the platform offers a package of services, chiefly:</p>"
                    "<ul><li>Loan exemptions</li><li>Decisions and rules</li><li>Payment-order services</li>"
                    "<li>Expropriation</li><li>General services</li></ul>"
                ),
            },
            {"type": "heading", "value": {"text": "The unified contact centre", "level": "h2"}},
            {
                "type": "paragraph",
                "value": (
                    "<p>Yarob Al-Thunayan, Deputy Minister of Finance for Communication and Media, "
                    "explained that opening and running the unified contact centre is the first phase "
                    "of the ministry's comprehensive service centre project. The centre makes contact "
                    "with customers more effective and serves them better without a visit to the "
                    "ministry: it serves all of the ministry's customers, individuals as well as "
                    "public-sector and private-sector bodies.</p>"
                ),
            },
            {
                "type": "paragraph",
                "value": (
                    "<p>The unified contact centre can be reached by phone on 19990, by e-mail and "
                    "through the centre's account on X, @MofCare.</p>"
                ),
            },
        ],
    },
}

CONTACT_CENTRE = {
    "slug": "contact-centre",
    "ar": {
        "title": "مركز الاتصال الموحد",
        "intro": (
            "مركز الاتصال الموحد هو المرحلة الأولى من مشروع مركز الخدمة الشامل لوزارة المالية، ويخدم "
            "الأفراد والجهات من القطاعين العام والخاص دون الحاجة إلى مراجعة الوزارة."
        ),
        "body": [
            {
                "type": "accordion",
                "value": {
                    "title": "أسئلة شائعة",
                    "items": [
                        {
                            "question": "ما الخدمات التي يقدمها مركز الاتصال الموحد؟",
                            "answer": "<p>يجيب المركز عن الاستفسارات المتعلقة بخدمات الوزارة ويتابع معاملات العملاء ويستقبل الملاحظات.</p>",
                        },
                        {
                            "question": "هل أحتاج إلى مراجعة الوزارة بنفسي؟",
                            "answer": "<p>لا، يمكن إنجاز كثير من الاستفسارات ومتابعة المعاملات عبر قنوات المركز دون زيارة الوزارة.</p>",
                        },
                    ],
                },
            }
        ],
    },
    "en": {
        "title": "Unified contact centre",
        "intro": (
            "The unified contact centre is the first phase of the Ministry of Finance's comprehensive "
            "service centre. It serves individuals and public-sector and private-sector bodies without "
            "a visit to the ministry."
        ),
        "body": [
            {
                "type": "accordion",
                "value": {
                    "title": "Frequently asked questions",
                    "items": [
                        {
                            "question": "What does the unified contact centre do?",
                            "answer": "<p>It answers questions about the ministry's services, follows up customers' transactions and receives feedback.</p>",
                        },
                        {
                            "question": "Do I need to visit the ministry in person?",
                            "answer": "<p>No. Many questions and transaction follow-ups can be handled through the centre's channels without a visit.</p>",
                        },
                    ],
                },
            }
        ],
    },
}


def _legal(
    slug: str, ar_title: str, ar_intro: str, ar_sections, en_title: str, en_intro: str, en_sections
):
    def body(sections):
        blocks = []
        for heading, text in sections:
            blocks.append({"type": "heading", "value": {"text": heading, "level": "h2"}})
            blocks.append({"type": "paragraph", "value": f"<p>{text}</p>"})
        return blocks

    return {
        "slug": slug,
        "ar": {"title": ar_title, "intro": ar_intro, "body": body(ar_sections)},
        "en": {"title": en_title, "intro": en_intro, "body": body(en_sections)},
    }


LEGAL_PAGES = [
    _legal(
        "privacy",
        "سياسة الخصوصية",
        "توضح هذه السياسة كيف تتعامل وزارة المالية مع بياناتك عند استخدام الموقع وخدماته.",
        [
            (
                "البيانات التي نجمعها",
                "لا نجمع بيانات شخصية عند تصفح الموقع. تُحفظ إحصاءات الاستخدام مجمّعة ودون هوية، مثل عدد مشاهدات صفحة الخدمة وإجابات «هل كانت هذه الصفحة مفيدة؟».",
            ),
            (
                "ملفات تعريف الارتباط",
                "نستخدم ملفات ضرورية فقط لحفظ لغتك وإعدادات العرض التي تختارها، مثل حجم الخط والتباين العالي.",
            ),
            (
                "التواصل معنا",
                "لأي استفسار عن بياناتك تواصل مع مركز الاتصال الموحد على الرقم 19990.",
            ),
        ],
        "Privacy policy",
        "This policy explains how the Ministry of Finance handles your data when you use the website and its services.",
        [
            (
                "Data we collect",
                "We collect no personal data when you browse the site. Usage statistics are kept aggregated and anonymous, such as how often a service page is viewed and the answers to “Was this page useful?”.",
            ),
            (
                "Cookies",
                "We use only the cookies needed to remember your language and the display settings you choose, such as text size and high contrast.",
            ),
            (
                "Contact us",
                "For any question about your data, call the unified contact centre on 19990.",
            ),
        ],
    ),
    _legal(
        "terms",
        "شروط الاستخدام",
        "باستخدامك موقع وزارة المالية فإنك توافق على الشروط الآتية.",
        [
            (
                "استخدام المحتوى",
                "يجوز الاستفادة من محتوى الموقع والبيانات المفتوحة مع الإشارة إلى وزارة المالية مصدرًا لها.",
            ),
            (
                "الخدمات الإلكترونية",
                "تخضع كل خدمة إلكترونية لشروطها الخاصة الموضحة في صفحتها قبل البدء بها.",
            ),
            ("التعديلات", "قد تحدّث الوزارة هذه الشروط، ويظهر تاريخ آخر تحديث في أسفل الصفحة."),
        ],
        "Terms of use",
        "By using the Ministry of Finance's website you accept the following terms.",
        [
            (
                "Using the content",
                "You may reuse the site's content and open data, citing the Ministry of Finance as the source.",
            ),
            (
                "E-services",
                "Each e-service has its own terms, shown on its page before you start it.",
            ),
            (
                "Changes",
                "The ministry may update these terms; the date of the last update is shown at the bottom of the page.",
            ),
        ],
    ),
    _legal(
        "accessibility",
        "بيان إمكانية الوصول",
        "تلتزم وزارة المالية بأن يكون موقعها متاحًا للجميع، ويستهدف الموقع مستوى التوافق AA من إرشادات WCAG 2.2.",
        [
            (
                "ما الذي نوفره",
                "يمكن استخدام الموقع بلوحة المفاتيح وقارئات الشاشة، ويتيح تكبير النص وتصغيره والتباين العالي، ويعرض المحتوى بالعربية والإنجليزية.",
            ),
            (
                "كيف نتحقق",
                "نفحص كل نوع من الصفحات آليًا بأداة axe ومدقق HTML عند كل تغيير، ونراجع الموقع يدويًا بانتظام.",
            ),
            (
                "أبلغنا عن مشكلة",
                "إذا واجهت صعوبة في استخدام أي جزء من الموقع فاتصل بمركز الاتصال الموحد على الرقم 19990.",
            ),
        ],
        "Accessibility statement",
        "The Ministry of Finance is committed to a website everyone can use. The site targets conformance level AA of WCAG 2.2.",
        [
            (
                "What we provide",
                "The site works with a keyboard and screen readers, offers larger and smaller text and high contrast, and is available in Arabic and English.",
            ),
            (
                "How we check",
                "Every page type is tested automatically with axe and an HTML validator on every change, and the site is reviewed by hand regularly.",
            ),
            (
                "Report a problem",
                "If any part of the site is hard to use, call the unified contact centre on 19990.",
            ),
        ],
    ),
]

MENUS = {
    "main": {
        "ar": "القائمة الرئيسية",
        "en": "Main menu",
        "pages": [
            "about",
            "services",
            "laws-and-regulations",
            "publications",
            "consultations",
            "tenders",
            "news",
            "contact-centre",
        ],
    },
    "footer": {
        "ar": "روابط التذييل",
        "en": "Footer links",
        "pages": ["privacy", "terms", "accessibility", "right-to-information", "contact-centre"],
    },
}

WORKING_HOURS = [(0, 4, datetime.time(8, 0), datetime.time(20, 0))]  # Sunday to Thursday
