"""Screenshots of the Arabic home page, a service page and a news article at 375 and 1280 px.

Run against a running site with the demo content (`make serve` in another terminal):

    .venv/bin/python scripts/screenshots.py --base-url http://127.0.0.1:8000

The service page and the news article (its date in both calendars) are the first Arabic ones
in the sitemap unless --service-path or --news-path names one.
Chromium is Debian's /usr/bin/chromium (scripts/browser-deps.sh installs it).
"""

from __future__ import annotations

import argparse
import re
import sys
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
WIDTHS = (375, 1280)
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def first_arabic_page(base_url: str, section: str) -> str:
    """The first page directly under /ar/<section>/ in the sitemap."""
    with urllib.request.urlopen(f"{base_url}/sitemap.xml", timeout=30) as response:
        root = ET.fromstring(response.read())
    for loc in root.iterfind("s:url/s:loc", SITEMAP_NS):
        path = urlsplit(loc.text or "").path
        if re.fullmatch(rf"/ar/{section}/[^/]+/", path):
            return path
    raise SystemExit(f"No Arabic page under /ar/{section}/ in the sitemap: load the demo content.")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--service-path", help="e.g. /ar/services/loan-exemption/")
    parser.add_argument(
        "--news-path", help="e.g. /ar/news/new-website-services-platform-contact-centre/"
    )
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    base_url = args.base_url.rstrip("/")
    pages = {
        "home-ar": "/ar/",
        "service-ar": args.service_path or first_arabic_page(base_url, "services"),
        "news-ar": args.news_path or first_arabic_page(base_url, "news"),
    }
    args.out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for width in WIDTHS:
            context = browser.new_context(viewport={"width": width, "height": 900})
            page = context.new_page()
            for name, path in pages.items():
                response = page.goto(base_url + path)
                if response is None or response.status != 200:
                    raise SystemExit(f"{path}: HTTP {response.status if response else '?'}")
                page.evaluate("document.fonts.ready.then(() => true)")
                target = args.out / f"{name}-{width}.png"
                page.screenshot(path=str(target), full_page=True)
                print(f"{target.relative_to(ROOT)}  ({path})")
            context.close()
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
