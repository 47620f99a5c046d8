"""Latin runs in Arabic text are isolated in <bdi>: HTML in, HTML out, markup untouched."""

from __future__ import annotations

import pytest

from cms.bidi import has_arabic, isolate_html, isolate_text
from cms.graphql.richtext import render_rich_text
from site_pages.models import StandardPage
from site_pages.testing import add_page


@pytest.mark.parametrize(
    "text,isolated",
    [
        ("عبر الحساب @MofCare.", "عبر الحساب <bdi>@MofCare</bdi>."),
        ("راسلنا على care@mof.gov.sa،", "راسلنا على <bdi>care@mof.gov.sa</bdi>،"),
        ("الرمز MOF-IND-001 متاح", "الرمز <bdi>MOF-IND-001</bdi> متاح"),
        ("اتصل 19990 أو +966 11 401 4444", "اتصل <bdi>19990</bdi> أو <bdi>+966 11 401 4444</bdi>"),
        ("التغير -5% هذا العام", "التغير <bdi>-5%</bdi> هذا العام"),
        (
            "الموقع https://x.com/MofCare?lang=ar وغيره",
            "الموقع <bdi>https://x.com/MofCare?lang=ar</bdi> وغيره",
        ),
        ("منصة Citizen and Resident للأفراد", "منصة <bdi>Citizen and Resident</bdi> للأفراد"),
        ("نص عربي فقط - بلا رموز.", "نص عربي فقط - بلا رموز."),
        ("<i>٣</i>", "&lt;<bdi>i</bdi>&gt;٣&lt;/<bdi>i</bdi>&gt;"),
    ],
)
def test_isolate_text_wraps_each_latin_run_and_escapes(text, isolated):
    assert isolate_text(text) == isolated


def test_isolate_html_touches_text_nodes_only():
    html = (
        '<p class="x" title="a > @b">تواصل عبر <a href="https://x.com/MofCare?a=1&amp;b=2">'
        "@MofCare</a> أو R&amp;D<br/>19990</p>"
    )
    assert isolate_html(html) == (
        '<p class="x" title="a > @b">تواصل عبر <a href="https://x.com/MofCare?a=1&amp;b=2">'
        "<bdi>@MofCare</bdi></a> أو <bdi>R&amp;D</bdi><br/><bdi>19990</bdi></p>"
    )


def test_isolate_html_leaves_isolated_runs_code_and_comments_alone():
    html = (
        '<p>الحساب <bdi>@MofCare</bdi> و<span dir="ltr">ABC-1</span> '
        "<code>x = 1</code><!-- MOF-1 --></p>"
    )
    assert isolate_html(html) == html
    assert isolate_html(isolate_html("<p>الحساب @MofCare.</p>")) == (
        "<p>الحساب <bdi>@MofCare</bdi>.</p>"
    )
    # After a closed <bdi> or <code>, text is isolated again.
    assert (
        isolate_html("<p><code>a</code> ثم MOF-1</p>")
        == "<p><code>a</code> ثم <bdi>MOF-1</bdi></p>"
    )


def test_arabic_only_html_is_returned_byte_for_byte():
    html = "<h2>مركز الاتصال</h2><p>نخدم الأفراد&nbsp;والجهات ٣ أيام &amp; أكثر.</p>"
    assert isolate_html(html) == html


def test_has_arabic_reads_letters_not_digits():
    assert has_arabic("حساب") and not has_arabic("٣٤٥ @MofCare") and not has_arabic("")


def test_the_api_isolates_arabic_rich_text_and_leaves_english_as_it_is(db):
    assert render_rich_text("<p>عبر الحساب @MofCare.</p>", visible_ids=set()) == (
        "<p>عبر الحساب <bdi>@MofCare</bdi>.</p>"
    )
    assert render_rich_text("<p>Write to @MofCare.</p>", visible_ids=set()) == (
        "<p>Write to @MofCare.</p>"
    )


def test_over_graphql_arabic_rich_text_comes_with_its_latin_runs_isolated(gql, home_ar, home_en):
    body = [{"type": "paragraph", "value": "<p>تابعونا على @MofCare أو 19990.</p>"}]
    add_page(home_ar, StandardPage(title="تواصل", slug="contact", body=body))
    english = [{"type": "paragraph", "value": "<p>Follow @MofCare or call 19990.</p>"}]
    add_page(home_en, StandardPage(title="Contact", slug="contact", body=english))
    query = """query($locale: String) { page(path: "/contact/", locale: $locale) {
      ... on StandardPage { body { ... on ParagraphBlock { html } } } } }"""
    arabic = gql(query, {"locale": "ar"})["page"]["body"][0]["html"]
    assert arabic == "<p>تابعونا على <bdi>@MofCare</bdi> أو <bdi>19990</bdi>.</p>"
    assert gql(query, {"locale": "en"})["page"]["body"][0]["html"] == english[0]["value"]
