"""Keyboard use, visible and unobscured focus, reflow, display tools without JavaScript, print."""

from __future__ import annotations

import itertools

from frontend.testing import PAGE_URLS, build_site
from tests.browser.conftest import BROWSER_MARKS, REPORT

pytestmark = BROWSER_MARKS

MAX_TABS = 120

# What the focused element looks like: is the focus ring visible, and is the element itself on
# screen and not covered by anything (WCAG 2.4.7, 2.4.11)?
FOCUS_STATE = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const rect = el.getBoundingClientRect();
    const x = Math.min(Math.max(rect.left + rect.width / 2, 0), innerWidth - 1);
    const y = Math.min(Math.max(rect.top + Math.min(rect.height / 2, 10), 0), innerHeight - 1);
    const top = document.elementFromPoint(x, y);
    return {
        tag: el.tagName.toLowerCase(),
        id: el.id,
        cls: el.className && el.className.baseVal === undefined ? el.className : '',
        href: el.getAttribute('href') || '',
        text: (el.innerText || el.value || '').trim().slice(0, 40),
        ring: style.outlineStyle !== 'none' || style.boxShadow !== 'none',
        onScreen: rect.bottom > 0 && rect.top < innerHeight && rect.right > 0 && rect.left < innerWidth,
        covered: !(top && (top === el || el.contains(top) || top.contains(el))),
    };
}"""


def focus_state(page) -> dict | None:
    """The focus state once any smooth scrolling towards the focused element has finished."""
    state = page.evaluate(FOCUS_STATE)
    for _ in range(15):
        if state is None or (state["onScreen"] and not state["covered"]):
            break
        page.wait_for_timeout(100)
        state = page.evaluate(FOCUS_STATE)
    return state


def tab_through(page, stop) -> list[dict]:
    """Press Tab until `stop(state)` is true or focus wraps to the top; return the states."""
    states: list[dict] = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        state = focus_state(page)
        if state is None:
            continue
        if states and state["href"] == "#main":
            break  # wrapped around to the skip link: the whole page has been visited
        states.append(state)
        if stop(state):
            break
    return states


def _focus_problems(states: list[dict]) -> list[str]:
    problems = []
    for state in states:
        name = f"{state['tag']}#{state['id']} '{state['text']}' {state['href']}"
        if not state["ring"]:
            problems.append(f"no visible focus indicator on {name}")
        if not state["onScreen"] or state["covered"]:
            problems.append(f"focused element hidden or covered: {name}")
    return problems


def test_keyboard_reaches_search_box_and_start_link(new_page, live_server):
    build_site()
    page = new_page(width=1280, height=800)
    for language in ("ar", "en"):
        _keyboard_walk(page, live_server, language)


def _keyboard_walk(page, live_server, language: str) -> None:
    page.goto(live_server.url + PAGE_URLS["HomePage"][language])
    page.keyboard.press("Tab")
    first = focus_state(page)
    assert first["href"] == "#main" and first["onScreen"], "the skip link must come first"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    page.goto(live_server.url + PAGE_URLS["HomePage"][language])
    states = tab_through(page, lambda s: s["id"] == "site-search-q")
    assert states[-1]["id"] == "site-search-q", "Tab never reached the search box"
    page.keyboard.type("قرض" if language == "ar" else "loan")
    problems = _focus_problems(states)

    page.goto(live_server.url + PAGE_URLS["ServicePage"][language])
    states = tab_through(page, lambda s: "button-start" in s["cls"])
    assert "button-start" in states[-1]["cls"], "Tab never reached 'Start the service'"
    assert states[-1]["href"].endswith("/service-start/MOF-IND-001/")
    problems += _focus_problems(states)
    # The rest of the service page, through the feedback question to the footer.
    rest = tab_through(page, lambda s: False)
    problems += _focus_problems(rest)
    REPORT[f"keyboard stops checked ({language})"] = len(states) + len(rest)
    assert not problems, f"{language}:\n" + "\n".join(problems)


def test_accordion_and_filters_work_by_keyboard(new_page, live_server):
    build_site()
    page = new_page()
    page.goto(live_server.url + PAGE_URLS["ServicePage"]["en"])
    summary = page.locator("details summary").first
    summary.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.querySelector('details').open")
    page.keyboard.press("Space")
    assert not page.evaluate("document.querySelector('details').open")

    page.goto(live_server.url + PAGE_URLS["ServiceIndexPage"]["en"])
    page.focus("#filter-category")
    page.select_option("#filter-category", "payment-orders")  # as the arrow keys would
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"
    page.keyboard.press("Enter")
    page.wait_for_url("**/services/?category=payment-orders*")
    names = page.locator(".service-card h3").all_inner_texts()
    assert names and all("loan" not in name.lower() for name in names)


def test_pages_reflow_at_320_px_and_survive_200_percent_text(new_page, live_server):
    build_site()
    problems = []
    narrow = new_page(width=320, height=640)
    wide = new_page(width=1280, height=900)
    overflow = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    for page_type, language in itertools.product(PAGE_URLS, ("ar", "en")):
        url = live_server.url + PAGE_URLS[page_type][language]
        narrow.goto(url)
        if narrow.evaluate(overflow) > 1:
            problems.append(f"{page_type} {language}: scrolls sideways at 320 px")
        wide.goto(url)
        # Text resized to 200% (WCAG 1.4.4); CSSOM changes are allowed by the page's CSP.
        wide.evaluate("document.documentElement.style.fontSize = '200%'")
        if wide.evaluate(overflow) > 1:
            problems.append(f"{page_type} {language}: scrolls sideways with text at 200%")
    assert not problems, "\n".join(problems)


def test_display_tools_work_without_javascript_and_are_remembered(new_page, live_server):
    build_site()
    page = new_page(javascript=False)
    page.goto(live_server.url + "/ar/about/")
    page.click(".display-tools a[href*='text=1']")
    assert page.url.endswith("/ar/about/")
    assert "text-larger-1" in page.get_attribute("html", "class")
    page.click(".display-tools a[href*='contrast=high']")
    page.goto(live_server.url + "/ar/news/")
    classes = page.get_attribute("html", "class")
    assert "text-larger-1" in classes and "contrast-high" in classes
    size = page.evaluate("getComputedStyle(document.documentElement).fontSize")
    assert size == "18px"
    page.click(".display-tools a[href*='contrast=normal']")
    assert "contrast-high" not in (page.get_attribute("html", "class") or "")


def test_print_stylesheet_and_reduced_motion(new_page, live_server):
    build_site()
    page = new_page(reduced_motion="reduce")
    page.goto(live_server.url + PAGE_URLS["ServicePage"]["ar"])
    assert page.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == "auto"
    page.emulate_media(media="print")
    hidden = page.evaluate(
        "['.site-header', '.site-footer', '.feedback']"
        ".map(s => getComputedStyle(document.querySelector(s)).display)"
    )
    assert hidden == ["none", "none", "none"]
    assert page.evaluate("getComputedStyle(document.querySelector('h1')).display") == "block"


def test_language_switch_opens_the_same_page_in_the_other_language(new_page, live_server):
    build_site()
    page = new_page()
    page.goto(live_server.url + PAGE_URLS["ServicePage"]["ar"])
    page.click("a.language-switch")
    assert page.url == live_server.url + PAGE_URLS["ServicePage"]["en"]
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == [
        "en",
        "ltr",
    ]


def test_search_box_suggests_as_you_type(new_page, live_server):
    build_site()
    page = new_page()
    page.goto(live_server.url + "/ar/search/")
    page.fill("#search-q", "طلب")
    # Poll from here: wait_for_function evaluates strings, which the page's CSP forbids.
    for _ in range(50):
        if page.evaluate("document.querySelectorAll('datalist option').length") > 0:
            break
        page.wait_for_timeout(100)
    assert page.evaluate("document.querySelectorAll('datalist option').length") > 0
    assert page.get_attribute("#search-q", "list")
    assert not page.watch.errors_besides(page.url)
