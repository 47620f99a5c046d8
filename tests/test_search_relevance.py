"""The relevance table: each query must bring its service into the top 3.

Run against the demo catalogue's 23 services (services_catalog.demo.content) in both languages,
on the default backend: SQLite FTS5 here, PostgreSQL when DATABASE_URL names one.
"""

from __future__ import annotations

import pytest

from search import service
from search.testing import make_demo_services, make_synonyms

pytestmark = pytest.mark.django_db
pytest_plugins = ["search.testing", "services_catalog.testing"]

# (locale, query as a visitor types it, code expected in the top 3, what it exercises)
RELEVANCE = [
    ("ar", "إعفاء ورثة المقترض المتوفى", "MOF-IND-001", "exact words"),
    ("ar", "اعفاء الورثه", "MOF-IND-001", "no hamza, ة typed as ه"),
    ("ar", "الإِعْفَاءُ لِلْعَجْزِ", "MOF-IND-002", "diacritics, prefix لل"),
    ("ar", "متابعة طلب الاعفاء", "MOF-IND-003", "no hamza"),
    ("ar", "شهاده اعفاء", "MOF-IND-004", "ة typed as ه"),
    ("ar", "شهادات الإعفاء", "MOF-IND-004", "plural ات"),
    ("ar", "اعتراض على رفض الإعفاء", "MOF-IND-005", "summary words"),
    ("ar", "الاستعلام عن قرار مالي", "MOF-IND-006", "definite article"),
    ("ar", "نسخه قرار وزاري", "MOF-IND-007", "ة typed as ه"),
    ("ar", "قواعد صرف البدلات", "MOF-IND-008", "plural ات"),
    ("ar", "تنبيهات القواعد الماليه", "MOF-IND-009", "ية typed as يه"),
    ("ar", "متابعة امر دفع", "MOF-IND-010", "أ typed as ا"),
    ("ar", "كشف اوامر الدفع", "MOF-IND-011", "أ typed as ا"),
    ("ar", "الآيبان", "MOF-IND-012", "آ, keyword"),
    ("ar", "مبلغ مرتجع", "MOF-IND-013", "title words"),
    ("ar", "تعويض نزع ملكية عقار", "MOF-IND-015", "title words"),
    ("ar", "حالة تعويض نزع الملكية", "MOF-IND-016", "definite article"),
    ("ar", "الاعتراض على تقدير التعويض", "MOF-IND-017", "definite articles"),
    ("ar", "كيف يقدر التعويض", "MOF-IND-018", "diacritics missing"),
    ("ar", "حجز موعد", "MOF-IND-019", "title words"),
    ("ar", "شكاوى", "MOF-IND-020", "broken plural: ى typed"),
    ("ar", "تحديث بيانات التواصل", "MOF-IND-023", "title words"),
    ("ar", "MOF-IND-007", "MOF-IND-007", "exact code"),
    ("ar", "mof ind 14", "MOF-IND-014", "code, lower case, no padding"),
    ("ar", "MOF-IND-٠١٢", "MOF-IND-012", "code with Arabic-Indic digits"),
    ("en", "loan exemption heirs", "MOF-IND-001", "exact words"),
    ("en", "exemptions for disabled borrowers", "MOF-IND-002", "plurals, -ed"),
    ("en", "follow my exemption request", "MOF-IND-003", "title words"),
    ("en", "exemption certificates", "MOF-IND-004", "plural"),
    ("en", "objecting to an exemption decision", "MOF-IND-005", "-ing"),
    ("en", "financial decisions", "MOF-IND-006", "plural"),
    ("en", "copy of a ministerial decision", "MOF-IND-007", "stopwords"),
    ("en", "allowances rules", "MOF-IND-008", "plurals"),
    ("en", "alerts on financial rules", "MOF-IND-009", "title words"),
    ("en", "payment order status", "MOF-IND-010", "summary words"),
    ("en", "statement of payment orders", "MOF-IND-011", "plural"),
    ("en", "update IBAN", "MOF-IND-012", "keyword"),
    ("en", "returned payments", "MOF-IND-013", "plural"),
    ("en", "expropriation compensation claim", "MOF-IND-015", "title words"),
    ("en", "compensation status", "MOF-IND-016", "title words"),
    ("en", "book appointments", "MOF-IND-019", "plural"),
    ("en", "complaints", "MOF-IND-020", "plural"),
    ("en", "Café complaint", "MOF-IND-020", "accent, unknown word ignored by OR fallback"),
    ("en", "mofind011", "MOF-IND-011", "code typed without separators"),
    ("en", "MOF-IND-0021", "MOF-IND-021", "code with extra padding"),
]


LOAN_AND_PROPERTY = ["MOF-IND-001", "MOF-IND-002", "MOF-IND-004", "MOF-IND-015", "MOF-IND-016"]


@pytest.fixture
def some_services(service_search, catalogue):
    return make_demo_services(catalogue, LOAN_AND_PROPERTY)


def test_relevance_table(demo_services):
    failures = []
    for locale, query, code, why in RELEVANCE:
        results = service.search(query, locale, record=False)
        top = [hit.code for hit in results.hits[:3]]
        if code not in top:
            failures.append(f"{locale} {query!r} ({why}): expected {code}, got {top}")
    assert not failures, "\n".join(failures)
    assert len(RELEVANCE) >= 30
    assert {locale for locale, *_ in RELEVANCE} == {"ar", "en"}

    # A code names one service and nothing else.
    for locale in ("ar", "en"):
        for typed in ("MOF-IND-018", "mof-ind-18", "MOF IND 018", "mofind018"):
            hits = service.search(typed, locale, record=False).hits
            assert hits and hits[0].code == "MOF-IND-018", (locale, typed)
            assert hits[0].page.locale.language_code == locale
    assert service.search("mof ind 14", "ar", record=False).total == 1

    # Where the words are: in MOF-IND-004's title, in other services' summaries and bodies.
    hits = service.search("certificate", "en", record=False).hits
    assert hits[0].code == "MOF-IND-004"
    # "deceased" is in MOF-IND-001's title; "heirs" is in its title too: both words, one tier.
    hits = service.search("deceased", "en", record=False).hits
    assert hits[0].code == "MOF-IND-001"


def test_synonyms_apply_per_language(some_services, committed):
    assert service.search("سلفة", "ar", record=False).total == 0
    committed(lambda: make_synonyms("ar", "قرض، سلفة"))
    hits = service.search("سلفة", "ar", record=False).hits
    assert hits and hits[0].code in {"MOF-IND-001", "MOF-IND-002", "MOF-IND-004"}
    # The Arabic set does not reach English.
    assert service.search("waiver", "en", record=False).total == 0
    committed(lambda: make_synonyms("en", "exemption, waiver"))
    hits = service.search("waivers", "en", record=False).hits
    assert hits and {hit.code for hit in hits[:3]} == {"MOF-IND-001", "MOF-IND-002", "MOF-IND-004"}


def test_multi_word_synonyms(some_services):
    make_synonyms(
        "en", "expropriation\nproperty acquisition for public benefit\ncompulsory purchase"
    )
    hits = service.search("compulsory purchase", "en", record=False).hits
    assert hits and {hit.code for hit in hits} == {"MOF-IND-015", "MOF-IND-016"}


def test_a_synonym_edit_changes_the_very_next_query(some_services, committed):
    synonyms = committed(lambda: make_synonyms("en", "exemption, waiver"))
    assert service.search("waiver", "en", record=False).total > 0
    assert service.search("relief", "en", record=False).total == 0  # now cached as unknown

    synonyms.terms = "exemption, relief"
    committed(synonyms.save)
    assert service.search("relief", "en", record=False).total > 0
    assert service.search("waiver", "en", record=False).total == 0

    committed(synonyms.delete)
    assert service.search("relief", "en", record=False).total == 0
