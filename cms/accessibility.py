"""The accessibility rules editors' content must pass, in one place (WCAG 2.2 AA).

Blocks (site_pages/blocks.py), rich-text fields (services, news) and the admin's checks use
these functions, so a rule and its message are written once, in both languages:

- headings: the page title is the only level 1; the body's headings start at level 2 and never
  skip a level on the way down (1.3.1, 2.4.6);
- link text names the target: no "click here", "اضغط هنا", "المزيد", "here", "هنا" and no bare
  web address as the text (2.4.4), in call-to-action blocks and in rich-text links alike;
- images: alternative text that describes the image, not a file name or the word "image" (1.1.1);
- tables: a caption and a header row (1.3.1), in AccessibleTableBlock.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Link texts that say nothing about their target (WCAG 2.4.4), in both languages.
VAGUE_LINK_TEXTS = frozenset(
    {
        "click here",
        "click",
        "here",
        "read more",
        "more",
        "link",
        "this link",
        "learn more",
        "details",
        "اضغط هنا",
        "انقر هنا",
        "اضغط",
        "انقر",
        "هنا",
        "المزيد",
        "للمزيد",
        "اقرأ المزيد",
        "رابط",
        "هذا الرابط",
        "التفاصيل",
    }
)

# Alternative texts that describe nothing.
VAGUE_ALT_TEXTS = frozenset(
    {"image", "picture", "photo", "img", "graphic", "صورة", "الصورة", "رسم", "صوره"}
)

_IMAGE_FILE = re.compile(r"\.(jpe?g|png|gif|webp|svg|avif|bmp|tiff?)$", re.IGNORECASE)
_WEB_ADDRESS = re.compile(r"^(https?://|www\.)\S+$|^\S+\.(com|org|net|gov|sa|edu)(/\S*)?$", re.I)


def normalise_link_text(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip().strip(".…:!؟?،,").strip().lower()


def link_text_problem(text: str | None) -> str | None:
    """Why this link text fails visitors, or None."""
    normal = normalise_link_text(text)
    if not normal:
        return str(_("A link needs text that says where it goes."))
    if normal in VAGUE_LINK_TEXTS:
        return str(
            _(
                'The link text "%(text)s" does not say where the link goes. Name its target, '
                'for example "Apply for a loan exemption".'
            )
            % {"text": (text or "").strip()}
        )
    if _WEB_ADDRESS.match(normal):
        return str(
            _(
                'A web address as link text is read out letter by letter: write what "%(text)s" '
                "leads to instead."
            )
            % {"text": (text or "").strip()}
        )
    return None


def alt_text_problem(alt: str | None) -> str | None:
    """Why this alternative text does not describe its image, or None (empty is checked apart)."""
    normal = normalise_link_text(alt)
    if not normal:
        return None
    if normal in VAGUE_ALT_TEXTS or _IMAGE_FILE.search(normal):
        return str(
            _('The alternative text "%(text)s" does not describe the image: say what it shows.')
            % {"text": (alt or "").strip()}
        )
    return None


def heading_problems(levels: list[int]) -> dict[int, str]:
    """Problems by position in a body's sequence of heading levels (2 for h2...)."""
    problems: dict[int, str] = {}
    previous = 1  # the page title
    for position, level in enumerate(levels):
        if level <= 1:
            problems[position] = str(
                _("The page title is the only level 1 heading: use level 2 here.")
            )
            level = 2
        elif level > previous + 1:
            if previous == 1:
                problems[position] = str(
                    _(
                        "The body's first heading must be level 2 (the page title is level 1); "
                        "this one is level %(level)s."
                    )
                    % {"level": level}
                )
            else:
                problems[position] = str(
                    _(
                        "This level %(level)s heading skips a level: the heading before it is "
                        "level %(previous)s. Use level %(allowed)s or higher."
                    )
                    % {"level": level, "previous": previous, "allowed": previous + 1}
                )
        previous = level
    return problems


class _RichTextReader(HTMLParser):
    """Headings and link texts of stored rich text (Wagtail's `<a linktype=...>` or `<a href>`)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.headings: list[int] = []
        self.links: list[str] = []
        self.images_alt: list[str] = []
        self._link_depth = 0
        self._link_text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        elif tag == "a":
            self._link_depth += 1
            self._link_text = []
        elif tag == "embed" and dict(attrs).get("embedtype") == "image":
            self.images_alt.append(dict(attrs).get("alt") or "")

    def handle_endtag(self, tag):
        if tag == "a" and self._link_depth:
            self._link_depth -= 1
            self.links.append("".join(self._link_text))

    def handle_data(self, data):
        if self._link_depth:
            self._link_text.append(data)


def rich_text_problems(html: str | None) -> list[str]:
    """Every rule a piece of rich text breaks, as messages for the editor."""
    if not html:
        return []
    reader = _RichTextReader()
    reader.feed(html)
    reader.close()
    problems = list(heading_problems(reader.headings).values())
    problems += [p for p in (link_text_problem(text) for text in reader.links) if p]
    for alt in reader.images_alt:
        if not alt.strip():
            problems.append(str(_("Write alternative text for every image.")))
        elif problem := alt_text_problem(alt):
            problems.append(problem)
    return problems


def check_rich_text(html: str | None) -> None:
    """Raise the rich text's problems as one ValidationError (a list of messages)."""
    problems = rich_text_problems(html)
    if problems:
        raise ValidationError(problems)


def rich_text_errors(instance, field_names) -> dict[str, list[str]]:
    """Problems by field for a model's rich-text fields (for a model's clean())."""
    errors: dict[str, list[str]] = {}
    for name in field_names:
        problems = rich_text_problems(getattr(instance, name, "") or "")
        if problems:
            errors[name] = problems
    return errors
