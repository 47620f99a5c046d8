"""Latin runs in Arabic text are laid out in their own order: "@MofCare", never "MofCare@".

The check is on the rendered boxes, not the markup: the "@" glyph must sit to the left of
the "M" glyph on screen, whatever the paragraph's direction.
"""

from __future__ import annotations

import pytest

from frontend.testing import build_site
from tests.browser.conftest import BROWSER_MARKS

pytestmark = BROWSER_MARKS

# The screen x of the "@" and of the "M" after it, in the first text node under `selector`
# that holds "@MofCare" (a text node may be split by <bdi>: the handle is whole inside it).
_GLYPH_POSITIONS = """(selector) => {
    const scope = document.querySelector(selector);
    if (!scope) return null;
    const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.data.indexOf('@MofCare');
        if (at < 0) continue;
        const box = (start) => {
            const range = document.createRange();
            range.setStart(node, start);
            range.setEnd(node, start + 1);
            return range.getClientRects()[0];
        };
        return {at: box(at).left, m: box(at + 1).left, direction: getComputedStyle(scope).direction};
    }
    return null;
}"""


@pytest.mark.parametrize(
    "path,selector,direction",
    [
        ("/ar/", ".contact-teaser p", "rtl"),  # the home page's contact paragraph
        ("/ar/news/news-1/", ".rich-text p", "rtl"),  # an editor's rich text
        ("/en/", ".contact-teaser p", "ltr"),
        ("/en/news/news-1/", ".rich-text p", "ltr"),
    ],
)
def test_at_sign_is_shown_before_the_handle(new_page, live_server, path, selector, direction):
    build_site()
    page = new_page()
    page.goto(live_server.url + path)
    page.evaluate("document.fonts.ready.then(() => true)")
    found = page.evaluate(_GLYPH_POSITIONS, selector)
    assert found is not None, f"no '@MofCare' under {selector} on {path}"
    assert found["direction"] == direction
    assert found["at"] < found["m"], f"{path}: '@' is drawn right of 'MofCare' ({found})"
