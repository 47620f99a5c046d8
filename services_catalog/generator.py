"""Synthetic services for benchmarks and load tests: bilingual, deterministic, fast.

Record n of seed s is always the same (it has its own random generator), so `--count 10000
--seed 7` builds the same catalogue on every machine. Pages are written in bulk, bypassing
Wagtail's per-page `add_child` and revisions (about 15 queries a page): the tree paths are
computed here, base rows go in with `bulk_create` and service rows with one multi-row INSERT per
chunk. The pages are live and public; they have no revision until an editor saves one, and the
search index is updated only when asked (`--index`, or `manage.py update_index`).
"""

from __future__ import annotations

import datetime
import random
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.models import Locale, Page, ReferenceIndex
from wagtail.search.models import IndexEntry

from services_catalog.building import service_fields
from services_catalog.models import RelatedService, ServiceCategory, ServiceIndexPage, ServicePage

SYNTHETIC_PREFIX = "MOF-SYN-"
CHUNK_SIZE = 500
INSERT_BATCH = 250
REVIEW_ANCHOR = datetime.date(2026, 1, 1)

# (Arabic, English) pairs the names and texts are drawn from, per category.
ACTIONS = {
    "loan-exemptions": [
        ("طلب إعفاء من", "Apply for exemption from"),
        ("متابعة إعفاء", "Follow the exemption of"),
        ("شهادة إعفاء من", "Certificate of exemption from"),
        ("الاعتراض على إعفاء", "Object to the exemption decision on"),
    ],
    "decisions-and-rules": [
        ("الاستعلام عن", "Enquire about"),
        ("طلب نسخة من", "Request a copy of"),
        ("تفسير", "Ask for an interpretation of"),
    ],
    "payment-orders": [
        ("متابعة", "Follow"),
        ("كشف", "Statement of"),
        ("تعديل بيانات", "Correct the details of"),
        ("المطالبة بصرف", "Claim payment of"),
    ],
    "expropriation": [
        ("طلب صرف", "Claim"),
        ("الاستعلام عن", "Check the status of"),
        ("الاعتراض على تقدير", "Object to the assessment of"),
    ],
    "general-services": [
        ("طلب", "Request"),
        ("حجز موعد بخصوص", "Book an appointment about"),
        ("الاستفسار عن", "Enquire about"),
    ],
}
SUBJECTS = {
    "loan-exemptions": [
        ("قرض سكني", "a housing loan"),
        ("قرض زراعي", "an agricultural loan"),
        ("قرض تعليمي", "a student loan"),
        ("سلفة حكومية", "a government advance"),
        ("قرض اجتماعي", "a social loan"),
    ],
    "decisions-and-rules": [
        ("قرار وزاري", "a ministerial decision"),
        ("قاعدة مالية", "a financial rule"),
        ("لائحة البدلات", "the allowances regulation"),
        ("تعميم مالي", "a financial circular"),
    ],
    "payment-orders": [
        ("أمر دفع", "a payment order"),
        ("مستحقات متأخرة", "overdue dues"),
        ("مكافأة", "a bonus payment"),
        ("تعويض مالي", "a financial compensation"),
    ],
    "expropriation": [
        ("تعويض أرض سكنية", "compensation for residential land"),
        ("تعويض مبنى", "compensation for a building"),
        ("تعويض أرض زراعية", "compensation for farmland"),
        ("تعويض منشأة تجارية", "compensation for commercial premises"),
    ],
    "general-services": [
        ("صورة وثيقة", "a copy of a document"),
        ("شهادة تعريف", "a certificate of standing"),
        ("معاملة سابقة", "a past transaction"),
        ("بيانات التواصل", "contact details"),
    ],
}
QUALIFIERS = [
    ("للمواطنين", "for citizens"),
    ("للمقيمين", "for residents"),
    ("للورثة", "for heirs"),
    ("للمتقاعدين", "for retirees"),
    ("لذوي الإعاقة", "for people with disabilities"),
    ("للمنشآت الصغيرة", "for small businesses"),
    ("للجهات الحكومية", "for government bodies"),
    ("عبر الوكيل", "through a representative"),
]
DOCUMENTS = [
    (
        ("صورة الهوية الوطنية أو هوية المقيم", "سارية المفعول."),
        ("Copy of the national ID or iqama", "Valid on the day you apply."),
    ),
    (("شهادة الآيبان", "باسم مقدم الطلب."), ("IBAN certificate", "In the applicant's name.")),
    (("صك الملكية", "نسخة إلكترونية."), ("Title deed", "An electronic copy.")),
    (
        ("صك حصر الورثة", "من المحكمة المختصة."),
        ("Deed of inheritance", "From the competent court."),
    ),
    (
        ("الوكالة الشرعية", "عند التقديم نيابة عن غيرك."),
        ("Power of attorney", "When applying for someone else."),
    ),
    (
        ("تقرير طبي معتمد", "من لجنة طبية."),
        ("Approved medical report", "From a medical committee."),
    ),
    (("خطاب من جهة العمل", "مختوم."), ("Letter from the employer", "Stamped.")),
]
STEPS = [
    (("سجّل الدخول", "عبر النفاذ الوطني الموحد."), ("Sign in", "With the National Single Sign-On.")),
    (
        ("املأ النموذج", "أدخل البيانات المطلوبة."),
        ("Fill in the form", "Enter the details asked for."),
    ),
    (("أرفق المستندات", "بصيغة PDF."), ("Attach the documents", "As PDF files.")),
    (("ادفع الرسم", "عبر سداد."), ("Pay the fee", "Through SADAD.")),
    (
        ("تابع الطلب", "تصلك رسالة عند كل تحديث."),
        ("Follow the request", "You get a message at each update."),
    ),
]
DEPARTMENTS = [
    ("الإدارة العامة للقروض والإعفاءات", "General Department of Loans and Exemptions"),
    ("الإدارة العامة للمدفوعات", "General Department of Payments"),
    (
        "الإدارة العامة للأنظمة والقواعد المالية",
        "General Department of Financial Rules and Regulations",
    ),
    (
        "الإدارة العامة لنزع الملكية والتعويضات",
        "General Department of Expropriation and Compensation",
    ),
    ("إدارة خدمة العملاء", "Customer Care Department"),
]
DURATIONS = ["PT15M", "PT2H", "P1D", "P3D", "P5D", "P10D", "P2W", "P1M"]
AUDIENCE_SETS = [
    ["citizen", "resident"],
    ["citizen"],
    ["citizen", "resident", "business"],
    ["business", "government"],
    ["citizen", "resident", "business", "government"],
]
LIFE_EVENTS = [
    "borrowing",
    "bereavement",
    "property",
    "dealing_with_government",
    "retirement",
    "information",
]
STATUSES = ["available"] * 17 + ["coming_soon", "suspended", "withdrawn"]


def synthetic_code(number: int) -> str:
    return f"{SYNTHETIC_PREFIX}{number:05d}"


def synthetic_spec(number: int, seed: int, category_slugs: list[str]) -> dict:
    """The bilingual spec of synthetic service `number` (same shape as demo/content.py)."""
    rng = random.Random(f"{seed}-{number}")
    category = category_slugs[number % len(category_slugs)]
    action = rng.choice(ACTIONS.get(category, ACTIONS["general-services"]))
    subject = rng.choice(SUBJECTS.get(category, SUBJECTS["general-services"]))
    qualifier = rng.choice(QUALIFIERS)
    documents = rng.sample(DOCUMENTS, rng.randint(1, 4))
    steps = STEPS[: rng.randint(2, len(STEPS))]
    department = rng.choice(DEPARTMENTS)
    status = rng.choice(STATUSES)
    paid = rng.random() < 0.15
    office = rng.random() < 0.3
    code = synthetic_code(number)
    texts = {}
    for index, language in enumerate(("ar", "en")):
        name = f"{action[index]} {subject[index]} {qualifier[index]}"
        summary = (
            f"خدمة إلكترونية: {action[0]} {subject[0]} {qualifier[0]} ({code})."
            if language == "ar"
            else f"Online service: {action[1]} {subject[1]} {qualifier[1]} ({code})."
        )
        texts[language] = {
            "title": name,
            "summary": summary[:160],
            "description": f"<p>{summary}</p>",
            "keywords": ", ".join([subject[index], qualifier[index], code]),
            "eligibility": f"<p>{qualifier[index]}</p>",
            "documents": [
                (doc[index][0], doc[index][1], position > 1)
                for position, doc in enumerate(documents)
            ],
            "steps": [step[index] for step in steps],
            "output": subject[index],
            "department": department[index],
            "cost_note": "",
            "office_address": (
                "مقر الوزارة، الرياض" if index == 0 else "Ministry headquarters, Riyadh"
            )
            if office
            else "",
            "status_note": ("حالة تجريبية." if index == 0 else "Synthetic status.")
            if status in ("suspended", "withdrawn")
            else "",
            "faqs": [
                (
                    f"كم يستغرق {action[0]} {subject[0]}؟"
                    if index == 0
                    else f"How long does it take to {action[1].lower()} {subject[1]}?",
                    "<p>راجع مدة الإنجاز أعلى الصفحة.</p>"
                    if index == 0
                    else "<p>See the processing time at the top of the page.</p>",
                )
            ],
        }
    return {
        "code": code,
        "slug": code.lower(),
        "category": category,
        "audiences": rng.choice(AUDIENCE_SETS),
        "life_event": rng.choice(LIFE_EVENTS),
        "processing_time": rng.choice(DURATIONS),
        "is_free": not paid,
        "cost_amount": f"{rng.choice([10, 25, 50, 100, 150])}.00" if paid else None,
        "online_url": f"https://eservices.mof.gov.sa/individuals/{code.lower()}",
        "office_channel": office,
        "hours": [("sunday", "thursday", "08:00", "14:30")] if office else [],
        "status": status,
        "last_reviewed": min(REVIEW_ANCHOR, timezone.localdate())
        - datetime.timedelta(days=rng.randint(0, 365)),
        "translation_key": uuid.UUID(int=rng.getrandbits(128), version=4),
        "ar": texts["ar"],
        "en": texts["en"],
    }


@dataclass
class _Parent:
    page: ServiceIndexPage
    next_step: int


def _children(page: Page):
    return Page.objects.filter(path__startswith=page.path, depth=page.depth + 1)


def _parent(index: ServiceIndexPage) -> _Parent:
    # Paths come from the real children, not from `numchild`, which can be stale (see
    # services_catalog.demo.repair_child_counts).
    index = ServiceIndexPage.objects.get(pk=index.pk)
    last = _children(index).order_by("-path").first()
    step = Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1
    return _Parent(page=index, next_step=step)


_BASE_FIELDS = [f for f in Page._meta.concrete_fields if not f.primary_key]
_SERVICE_FIELDS = list(ServicePage._meta.local_concrete_fields)


def _build_pages(
    parent: _Parent, specs: list[dict], language: str, categories: dict, now
) -> list[ServicePage]:
    content_type = ContentType.objects.get_for_model(ServicePage)
    pages = []
    for spec in specs:
        fields = service_fields(spec, language)
        page = ServicePage(category=categories[spec["category"]], **fields)
        page.path = Page._get_path(parent.page.path, parent.page.depth + 1, parent.next_step)
        parent.next_step += 1
        page.depth = parent.page.depth + 1
        page.numchild = 0
        page.url_path = f"{parent.page.url_path}{page.slug}/"
        page.locale_id = parent.page.locale_id
        page.translation_key = spec["translation_key"]
        page.content_type = content_type
        page.draft_title = page.title
        page.live = True
        page.has_unpublished_changes = False
        page.first_published_at = page.last_published_at = now
        page.latest_revision_created_at = now
        pages.append(page)
    return pages


def _executemany(model, fields, objects) -> None:
    """One prepared INSERT run for every row: Django's bulk compiler costs more than the database
    here (it builds one SQL string per batch); values are still prepared by each field."""
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({placeholders})"
    rows = [
        [f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields] for obj in objects
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _insert(parent: _Parent, pages: list[ServicePage]) -> None:
    """Base rows, then their ids by path, then the service rows."""
    _executemany(Page, _BASE_FIELDS, pages)
    ids = dict(Page.objects.filter(path__in=[p.path for p in pages]).values_list("path", "pk"))
    for page in pages:
        page.pk = page.id = page.page_ptr_id = ids[page.path]
    _executemany(ServicePage, _SERVICE_FIELDS, pages)
    Page.objects.filter(pk=parent.page.pk).update(numchild=_children(parent.page).count())


def _relate(pages: list[ServicePage], seed: int) -> None:
    """Link each service to up to two others in its chunk, the same way in both languages."""
    rng = random.Random(f"{seed}-related-{pages[0].code if pages else ''}")
    links = []
    for position, page in enumerate(pages):
        for order, offset in enumerate(rng.sample(range(1, 6), rng.randint(0, 2))):
            target = pages[(position + offset) % len(pages)]
            if target.pk != page.pk:
                links.append(RelatedService(page_id=page.pk, target_id=target.pk, sort_order=order))
    RelatedService.objects.bulk_create(links, batch_size=INSERT_BATCH)


def existing_synthetic_count() -> int:
    return (
        ServicePage.objects.filter(code__startswith=SYNTHETIC_PREFIX)
        .values("translation_key")
        .distinct()
        .count()
    )


def next_synthetic_number() -> int:
    last = (
        ServicePage.objects.filter(code__startswith=SYNTHETIC_PREFIX)
        .order_by("-code")
        .values_list("code", flat=True)
        .first()
    )
    return int(last.rsplit("-", 1)[1]) + 1 if last else 1


def delete_synthetic() -> int:
    """Remove every synthetic service (both languages); returns how many pages went.

    Untouched synthetic pages (no revision: nobody edited them) are leaves nothing else refers
    to, so their rows are deleted directly, which is fast; pages an editor saved go through
    Wagtail's normal delete with its cascades and signals.
    """
    synthetic = ServicePage.objects.filter(code__startswith=SYNTHETIC_PREFIX)
    edited = list(synthetic.filter(latest_revision__isnull=False).values_list("pk", flat=True))
    ids = list(synthetic.filter(latest_revision__isnull=True).values_list("pk", flat=True))
    parents = set(Page.objects.filter(pk__in=ids + edited).values_list("path", flat=True))
    if edited:
        Page.objects.filter(pk__in=edited).delete()
    # Raw deletes skip the per-row signals (reference index clean-up, ~3 ms a row); the reference
    # index rows of these pages are deleted below in bulk.
    for start in range(0, len(ids), 5000):
        chunk = ids[start : start + 5000]
        RelatedService.objects.filter(Q(page_id__in=chunk) | Q(target_id__in=chunk))._raw_delete(
            connection.alias
        )
    content_types = list(ContentType.objects.get_for_models(Page, ServicePage).values())
    for start in range(0, len(ids), 5000):
        chunk = ids[start : start + 5000]
        object_ids = [str(pk) for pk in chunk]
        IndexEntry.objects.filter(content_type__in=content_types, object_id__in=object_ids).delete()
        ReferenceIndex.objects.filter(
            base_content_type__in=content_types, object_id__in=object_ids
        ).delete()
        ServicePage.objects.filter(pk__in=chunk)._raw_delete(connection.alias)
        Page.objects.filter(pk__in=chunk)._raw_delete(connection.alias)
    for parent in Page.objects.filter(path__in={path[: -Page.steplen] for path in parents}):
        Page.objects.filter(pk=parent.pk).update(numchild=_children(parent).count())
    return len(ids) + len(edited)


def generate(
    index_ar: ServiceIndexPage,
    count: int,
    seed: int,
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[list[ServicePage]]:
    """Create `count` services in Arabic and English under the catalogue; yields each chunk."""
    english = Locale.objects.get(language_code="en")
    index_en = index_ar.get_translation(english)
    categories_ar = {c.slug: c for c in ServiceCategory.objects.filter(locale=index_ar.locale)}
    categories_en = {c.slug: c for c in ServiceCategory.objects.filter(locale=english)}
    slugs = sorted(set(categories_ar) & set(categories_en))
    if not slugs:
        raise ValueError("No category exists in both languages: load the demo catalogue first.")
    first = next_synthetic_number()
    parent_ar, parent_en = _parent(index_ar), _parent(index_en)
    now = timezone.now()
    done = 0
    for start in range(0, count, CHUNK_SIZE):
        numbers = range(first + start, first + min(start + CHUNK_SIZE, count))
        specs = [synthetic_spec(number, seed, slugs) for number in numbers]
        with transaction.atomic():
            pages_ar = _build_pages(parent_ar, specs, "ar", categories_ar, now)
            pages_en = _build_pages(parent_en, specs, "en", categories_en, now)
            _insert(parent_ar, pages_ar)
            _insert(parent_en, pages_en)
            _relate(pages_ar, seed)
            _relate(pages_en, seed)
        done += len(specs)
        if progress is not None:
            progress(done, count)
        yield pages_ar + pages_en
