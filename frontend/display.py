"""Display tools: text size and high contrast, remembered in cookies, working without JavaScript.

The header's links go to `/display/?text=N&next=<page>` (or `contrast=`); this view stores the
choice and sends the visitor back. Pages read the cookies and add classes to <html>.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET

TEXT_COOKIE = "mizan_text"
CONTRAST_COOKIE = "mizan_contrast"
MIN_TEXT_LEVEL, MAX_TEXT_LEVEL = -1, 3
COOKIE_MAX_AGE = 365 * 24 * 60 * 60


@dataclass(frozen=True)
class Preferences:
    text_level: int
    high_contrast: bool

    @property
    def classes(self) -> str:
        names: list[str] = []
        if self.text_level < 0:
            names.append("text-smaller")
        elif self.text_level > 0:
            names.append(f"text-larger-{self.text_level}")
        if self.high_contrast:
            names.append("contrast-high")
        return " ".join(names)

    @property
    def larger(self) -> int | None:
        return self.text_level + 1 if self.text_level < MAX_TEXT_LEVEL else None

    @property
    def smaller(self) -> int | None:
        return self.text_level - 1 if self.text_level > MIN_TEXT_LEVEL else None


def _text_level(raw: str | None) -> int:
    try:
        level = int(raw or 0)
    except ValueError:
        return 0
    return min(max(level, MIN_TEXT_LEVEL), MAX_TEXT_LEVEL)


def preferences(request: HttpRequest) -> Preferences:
    """What the cookies ask for. Only the values the page cache knows count (settings'
    DISPLAY_COOKIE_VALUES): any other is ignored, so each stored page matches what it shows."""
    known = settings.DISPLAY_COOKIE_VALUES
    text = request.COOKIES.get(TEXT_COOKIE)
    return Preferences(
        text_level=int(text) if text in known[TEXT_COOKIE] else 0,
        high_contrast=request.COOKIES.get(CONTRAST_COOKIE) == "high",
    )


def _safe_next(request: HttpRequest) -> str:
    target = request.GET.get("next") or "/"
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ) and target.startswith("/"):
        return target
    return "/"


@require_GET
def set_display(request: HttpRequest) -> HttpResponse:
    """Store a display preference and return to the page the visitor came from."""
    response = HttpResponseRedirect(_safe_next(request))
    cookie = {"max_age": COOKIE_MAX_AGE, "samesite": "Lax", "secure": request.is_secure()}
    if "text" in request.GET:
        response.set_cookie(TEXT_COOKIE, str(_text_level(request.GET["text"])), **cookie)
    if "contrast" in request.GET:
        value = "high" if request.GET["contrast"] == "high" else "normal"
        response.set_cookie(CONTRAST_COOKIE, value, **cookie)
    response["Cache-Control"] = "no-store"
    return response
