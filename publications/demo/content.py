"""Demo publications and budget years, in Arabic and English. The figures are SAMPLE DATA:
plausible orders of magnitude, not the ministry's published budget."""

from __future__ import annotations

import datetime

LIBRARY = {
    "slug": "publications",
    "ar": {
        "title": "المطبوعات والميزانية",
        "intro": "وثائق الميزانية العامة للدولة والتقارير والنشرات الإحصائية والتعاميم والأدلة "
        "التي تصدرها الوزارة، مع نسخة نصية ميسّرة لوثائق الميزانية وبيانات مفتوحة.",
    },
    "en": {
        "title": "Publications and budget",
        "intro": "The state budget documents, reports, statistical bulletins, circulars and guides "
        "the ministry publishes, with an accessible web version of the budget documents and open "
        "data.",
    },
}

YEARS = (2024, 2025, 2026)

# Millions of riyals. SAMPLE DATA.
REVENUE = {
    2024: {"oil": 756000, "non_oil": 416000},
    2025: {"oil": 700000, "non_oil": 484000},
    2026: {"oil": 680000, "non_oil": 515000},
}
EXPENDITURE = {
    2024: {
        "education": 195000,
        "health": 214000,
        "military": 269000,
        "economic": 110000,
        "municipal": 88000,
        "general": 375000,
    },
    2025: {
        "education": 201000,
        "health": 260000,
        "military": 272000,
        "economic": 120000,
        "municipal": 90000,
        "general": 342000,
    },
    2026: {
        "education": 204000,
        "health": 259000,
        "military": 260000,
        "economic": 123000,
        "municipal": 92000,
        "general": 375000,
    },
}
LABELS = {
    "oil": ("الإيرادات النفطية", "Oil revenue"),
    "non_oil": ("الإيرادات غير النفطية", "Non-oil revenue"),
    "education": ("التعليم", "Education"),
    "health": ("الصحة والتنمية الاجتماعية", "Health and social development"),
    "military": ("القطاع العسكري", "Military"),
    "economic": ("الموارد الاقتصادية", "Economic resources"),
    "municipal": ("الخدمات البلدية", "Municipal services"),
    "general": ("البنود العامة", "General items"),
}


def totals(year: int) -> tuple[int, int]:
    return sum(REVENUE[year].values()), sum(EXPENDITURE[year].values())


def budget_year(year: int) -> dict:
    return {
        "slug": f"budget-{year}",
        "fiscal_year": year,
        "ar": {
            "title": f"ميزانية السنة المالية {year}",
            "intro": f"الأرقام الرئيسية لميزانية السنة المالية {year}: الإيرادات والمصروفات "
            "حسب القطاع والعجز. هذه بيانات تجريبية للعرض وليست أرقام الميزانية المعتمدة.",
            "unit_note": "ملايين الريالات",
        },
        "en": {
            "title": f"Budget for fiscal year {year}",
            "intro": f"The headline figures of the fiscal year {year} budget: revenue, "
            "expenditure by sector and the deficit. These are sample data for the demonstration, "
            "not the enacted budget's figures.",
            "unit_note": "Millions of riyals",
        },
        "lines": [("revenue", key, amount) for key, amount in REVENUE[year].items()]
        + [("expenditure", key, amount) for key, amount in EXPENDITURE[year].items()],
    }


TITLES = {
    "pre_budget_statement": (
        "البيان التمهيدي لميزانية العام المالي {y}",
        "Pre-budget statement {y}",
    ),
    "enacted_budget": (
        "الميزانية العامة المعتمدة للدولة للعام المالي {y}",
        "Enacted state budget {y}",
    ),
    "citizens_budget": ("ميزانية المواطن للعام المالي {y}", "Citizens budget {y}"),
    "mid_year_review": ("المراجعة نصف السنوية لأداء الميزانية {y}", "Mid-year budget review {y}"),
    "year_end_report": ("التقرير الختامي لأداء الميزانية {y}", "Year-end budget report {y}"),
    "in_year_report": (
        "تقرير أداء الميزانية للربع الأول {y}",
        "Budget performance report, first quarter {y}",
    ),
    "annual_report": ("التقرير السنوي لوزارة المالية {y}", "Ministry of Finance annual report {y}"),
    "statistical_bulletin": (
        "النشرة الإحصائية للمالية العامة {y}",
        "Public finance statistical bulletin {y}",
    ),
    "circular": (
        "تعميم قواعد تنفيذ الميزانية للعام المالي {y}",
        "Circular on budget execution rules {y}",
    ),
    "guide": ("دليل المواطن لفهم الميزانية {y}", "A citizen's guide to reading the budget {y}"),
}
SUMMARIES = {
    "pre_budget_statement": (
        "يعرض البيان التمهيدي توقعات الإيرادات والنفقات وأولويات الإنفاق قبل إقرار الميزانية.",
        "The pre-budget statement sets out the expected revenue, spending and priorities before "
        "the budget is enacted.",
    ),
    "enacted_budget": (
        "وثيقة الميزانية العامة للدولة كما أقرت: الإيرادات والمصروفات حسب القطاع والعجز وتمويله.",
        "The state budget as enacted: revenue, expenditure by sector, the deficit and how it is "
        "financed.",
    ),
    "citizens_budget": (
        "عرض مبسط للميزانية العامة بلغة واضحة: من أين تأتي الإيرادات وأين تنفق.",
        "The state budget in plain language: where the money comes from and where it goes.",
    ),
    "mid_year_review": (
        "مراجعة أداء الميزانية في منتصف العام ومقارنة الفعلي بالمعتمد.",
        "A review of budget execution at mid-year, comparing actual with enacted figures.",
    ),
    "year_end_report": (
        "التقرير الختامي لأداء الميزانية بعد نهاية العام المالي.",
        "The budget execution report after the close of the fiscal year.",
    ),
    "in_year_report": (
        "تقرير ربعي عن الإيرادات والمصروفات الفعلية خلال العام.",
        "A quarterly report of actual revenue and expenditure during the year.",
    ),
    "annual_report": (
        "إنجازات الوزارة خلال العام ومؤشرات أدائها الرئيسية.",
        "The ministry's work over the year and its key performance indicators.",
    ),
    "statistical_bulletin": (
        "جداول إحصائية عن الإيرادات والمصروفات والدين العام.",
        "Statistical tables on revenue, expenditure and public debt.",
    ),
    "circular": (
        "تعميم إلى الجهات الحكومية بقواعد تنفيذ الميزانية والصرف.",
        "A circular to government bodies on the rules for executing the budget and spending.",
    ),
    "guide": (
        "دليل قصير يشرح مصطلحات الميزانية وكيف تقرأ أرقامها.",
        "A short guide to budget terms and how to read the figures.",
    ),
}
PUBLICATIONS = [
    ("enacted_budget", 2024, datetime.date(2023, 12, 6)),
    ("citizens_budget", 2024, datetime.date(2023, 12, 20)),
    ("year_end_report", 2024, datetime.date(2025, 3, 30)),
    ("annual_report", 2024, datetime.date(2025, 5, 12)),
    ("pre_budget_statement", 2025, datetime.date(2024, 9, 30)),
    ("enacted_budget", 2025, datetime.date(2024, 12, 3)),
    ("citizens_budget", 2025, datetime.date(2024, 12, 18)),
    ("in_year_report", 2025, datetime.date(2025, 5, 8)),
    ("mid_year_review", 2025, datetime.date(2025, 8, 10)),
    ("statistical_bulletin", 2025, datetime.date(2025, 10, 2)),
    ("guide", 2025, datetime.date(2025, 1, 15)),
    ("pre_budget_statement", 2026, datetime.date(2025, 9, 30)),
    ("enacted_budget", 2026, datetime.date(2025, 12, 2)),
    ("citizens_budget", 2026, datetime.date(2025, 12, 16)),
    ("circular", 2026, datetime.date(2026, 1, 5)),
]


def figures_table(year: int, language: str) -> dict:
    revenue, expenditure = totals(year)
    if language == "ar":
        caption = f"الأرقام الرئيسية للسنة المالية {year} (ملايين الريالات، بيانات تجريبية)"
        rows = [["البند", "المبلغ"], ["الإيرادات", revenue], ["المصروفات", expenditure]]
        rows.append(["العجز", revenue - expenditure])
    else:
        caption = f"Headline figures, fiscal year {year} (millions of riyals, sample data)"
        rows = [["Item", "Amount"], ["Revenue", revenue], ["Expenditure", expenditure]]
        rows.append(["Deficit", revenue - expenditure])
    return {
        "data": [[f"{cell:,}" if isinstance(cell, int) else cell for cell in row] for row in rows],
        "first_row_is_table_header": True,
        "first_col_is_header": True,
        "table_caption": caption,
        "cell": [],
        "mergeCells": [],
    }


def html_version(kind: str, year: int, language: str) -> list[dict]:
    summary = SUMMARIES[kind][0 if language == "ar" else 1]
    if language == "ar":
        heading, second = "ملخص الوثيقة", "الأرقام الرئيسية"
        note = "الأرقام في هذا العرض بيانات تجريبية وليست أرقامًا رسمية."
    else:
        heading, second = "Summary of the document", "Headline figures"
        note = "The figures in this demonstration are sample data, not official figures."
    return [
        {"type": "heading", "value": {"text": heading, "level": "h2"}},
        {"type": "paragraph", "value": f"<p>{summary}</p>"},
        {"type": "heading", "value": {"text": second, "level": "h2"}},
        {"type": "paragraph", "value": f"<p>{note}</p>"},
        {"type": "table", "value": figures_table(year, language)},
    ]


def publication(kind: str, year: int, date: datetime.date) -> dict:
    from publications.models import BUDGET_DOCUMENTS

    title_ar, title_en = TITLES[kind]
    summary_ar, summary_en = SUMMARIES[kind]
    budget = kind in BUDGET_DOCUMENTS
    return {
        "slug": f"{kind.replace('_', '-')}-{year}",
        "publication_type": kind,
        "fiscal_year": year,
        "publication_date": date,
        "ar": {
            "title": title_ar.format(y=year),
            "summary": summary_ar,
            "html_version": html_version(kind, year, "ar") if budget else [],
        },
        "en": {
            "title": title_en.format(y=year),
            "summary": summary_en,
            "html_version": html_version(kind, year, "en") if budget else [],
        },
        "files": ["ar", "en"] if budget else ["ar"],
        "csv": kind == "statistical_bulletin",
    }


OPEN_DATA_POLICY = {
    "slug": "open-data-policy",
    "ar": {
        "title": "سياسة البيانات المفتوحة",
        "intro": "تنشر الوزارة بياناتها المالية بصيغ مفتوحة يقرؤها الإنسان والحاسوب، دون تسجيل.",
        "body": [
            {"type": "heading", "value": {"text": "ما ننشره", "level": "h2"}},
            {
                "type": "paragraph",
                "value": "<p>أرقام الميزانية لكل سنة مالية، وقائمة المطبوعات، ودليل الخدمات "
                "الإلكترونية، بصيغتي CSV وJSON، وفهرس بيانات وفق معيار DCAT في "
                "/open-data/catalog.jsonld.</p>",
            },
            {"type": "heading", "value": {"text": "الترخيص", "level": "h2"}},
            {
                "type": "paragraph",
                "value": "<p>البيانات متاحة بترخيص المشاع الإبداعي نسب المصنف 4.0: يجوز "
                "استخدامها ونشرها وتعديلها لأي غرض مع ذكر وزارة المالية مصدرًا.</p>",
            },
            {"type": "heading", "value": {"text": "التحديث والجودة", "level": "h2"}},
            {
                "type": "paragraph",
                "value": "<p>تُحدَّث أرقام الميزانية سنويًا عند إقرارها، وتُحدَّث قائمة المطبوعات "
                "عند نشر كل مطبوعة. الأرقام في ملفات البيانات هي نفسها المعروضة في الصفحات.</p>",
            },
        ],
    },
    "en": {
        "title": "Open data policy",
        "intro": "The ministry publishes its fiscal data in open formats that people and "
        "computers can read, without registration.",
        "body": [
            {"type": "heading", "value": {"text": "What we publish", "level": "h2"}},
            {
                "type": "paragraph",
                "value": "<p>The budget figures of every fiscal year, the list of publications "
                "and the e-services catalogue, as CSV and JSON, with a DCAT data catalogue at "
                "/open-data/catalog.jsonld.</p>",
            },
            {"type": "heading", "value": {"text": "Licence", "level": "h2"}},
            {
                "type": "paragraph",
                "value": "<p>The data are available under the Creative Commons Attribution 4.0 "
                "licence: you may use, share and adapt them for any purpose, naming the Ministry "
                "of Finance as the source.</p>",
            },
            {"type": "heading", "value": {"text": "Updates and quality", "level": "h2"}},
            {
                "type": "paragraph",
                "value": "<p>Budget figures are updated every year when the budget is enacted; "
                "the list of publications whenever one is published. The figures in the data "
                "files are the same as on the pages.</p>",
            },
        ],
    },
}
