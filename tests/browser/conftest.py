"""Browser checks: Debian's Chromium driven by Playwright against pytest-django's live server.

Nothing here downloads a browser: Chromium is /usr/bin/chromium (scripts/browser-deps.sh installs
it with apt-get), axe-core and the Nu HTML Checker come from node_modules (npm ci). A missing
tool skips these tests locally and fails them under CI (tests/browser/tools.py).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.browser import tools
from tests.browser.report import REPORT  # figures printed at the end of the run

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

BROWSER_MARKS = [
    pytest.mark.browser,
    # One worker runs every browser test when the suite runs in parallel (scripts/test.sh, --dist
    # loadgroup): one Chromium and one live server at a time, as in a serial run.
    pytest.mark.xdist_group("browser"),
    # The live server sees only committed data; site_pages.testing re-creates the tree root
    # that the flush after each transactional test takes away.
    pytest.mark.django_db(transaction=True),
]


@contextmanager
def _orm_allowed_beside_an_event_loop() -> Iterator[None]:
    """Playwright's sync API keeps an event loop in the test thread; Django refuses ORM calls
    from such a thread unless told it is deliberate. Only for this test: a variable left in the
    environment would reach subprocesses (`manage.py check --deploy` rightly rejects it)."""
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def browser(transactional_db) -> Iterator[Any]:
    """Chromium for one test, started once the test database is set up.

    While Playwright's loop runs, Django keeps database connections per context; they are
    closed at the end (PostgreSQL refuses to drop a test database with sessions still open).
    """
    tools.require(tools.missing_tools(), REPORT)
    from django.db import connections
    from playwright.sync_api import sync_playwright

    with _orm_allowed_beside_an_event_loop(), sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(tools.chromium_path()), args=CHROMIUM_ARGS
        )
        REPORT["chromium"] = chromium.version
        yield chromium
        chromium.close()
        connections.close_all()


@dataclass
class PageWatch:
    """What a page did besides rendering: console errors and requests to other hosts."""

    host: str
    console_errors: list[tuple[str, str]] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)

    def on_console(self, message) -> None:
        if message.type == "error":
            self.console_errors.append((message.text, message.location.get("url", "")))

    def errors_besides(self, document_url: str) -> list[str]:
        """Console errors, except the document's own HTTP status (a 404 page is meant to be 404)."""
        return [
            text
            for text, url in self.console_errors
            if not (url == document_url and text.startswith("Failed to load resource"))
        ]

    def on_request(self, request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https") and parts.netloc != self.host:
            self.foreign_requests.append(request.url)


@pytest.fixture
def new_page(browser, live_server):
    """Open a page in a fresh context (cookies, viewport, JS on or off), with axe preloaded."""
    contexts = []

    def open_page(
        *,
        width: int = 1280,
        height: int = 900,
        javascript: bool = True,
        cookies: dict[str, str] | None = None,
        **options,
    ):
        context = browser.new_context(
            viewport={"width": width, "height": height},
            java_script_enabled=javascript,
            **options,
        )
        contexts.append(context)
        if cookies:
            context.add_cookies(
                [{"name": k, "value": v, "url": live_server.url} for k, v in cookies.items()]
            )
        # An init script runs through the DevTools protocol, so the page's CSP does not block it.
        context.add_init_script(path=str(tools.axe_script()))
        page = context.new_page()
        watch = PageWatch(host=urlsplit(live_server.url).netloc)
        page.on("console", watch.on_console)
        page.on("request", watch.on_request)
        page.watch = watch
        return page

    yield open_page
    for context in contexts:
        context.close()


def axe_violations(page) -> list[dict[str, Any]]:
    """Run axe-core on the page for the WCAG 2.0-2.2 A and AA tags; return the violations."""
    page.evaluate("document.fonts.ready.then(() => true)")
    return page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {
                runOnly: {type: 'tag', values: tags},
                resultTypes: ['violations'],
            });
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + n.failureSummary),
            }));
        }""",
        AXE_TAGS,
    )


def vnu_errors(files: list[Path]) -> list[dict[str, Any]]:
    """Run the Nu HTML Checker (vnu.jar on the machine's Java) over files; return its errors."""
    java = shutil.which("java")
    if java is None or not tools.vnu_jar().exists():
        pytest.fail(
            f"java and {tools.vnu_jar()} are needed: run scripts/browser-deps.sh", pytrace=False
        )
    return tools.run_vnu(files, java, tools.vnu_jar())
