"""Editors' synonyms per language, and anonymous daily counts of what visitors search for."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Locale

MAX_TERMS_PER_SET = 20
MAX_TERM_LENGTH = 60
_TERM_SEPARATORS = re.compile(r"[\n,،;؛]+")


def split_terms(text: str) -> list[str]:
    """Terms of a synonym set: separated by new lines or commas (Latin or Arabic)."""
    seen: dict[str, None] = {}
    for term in _TERM_SEPARATORS.split(text or ""):
        term = " ".join(term.split())
        if term and term.casefold() not in {t.casefold() for t in seen}:
            seen[term] = None
    return list(seen)


class SynonymSet(models.Model):
    """Words or phrases that visitors use for the same thing in one language, e.g. قرض ~ سلفة.

    A query containing any of them also finds pages that use the others.
    """

    locale = models.ForeignKey(
        Locale, verbose_name=_("language"), on_delete=models.CASCADE, related_name="+"
    )
    terms = models.TextField(
        _("words that mean the same"),
        help_text=_(
            "Two or more words or short phrases, one per line or separated by commas, "
            "e.g. loan, advance, financing."
        ),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    panels = [FieldPanel("locale"), FieldPanel("terms")]

    class Meta:
        verbose_name = _("search synonyms")
        verbose_name_plural = _("search synonyms")
        ordering = ["locale", "terms"]

    def __str__(self) -> str:
        return " ~ ".join(self.term_list())

    def term_list(self) -> list[str]:
        return split_terms(self.terms)

    def clean(self):
        super().clean()
        terms = self.term_list()
        if len(terms) < 2:
            raise ValidationError({"terms": _("Give at least two different words or phrases.")})
        if len(terms) > MAX_TERMS_PER_SET:
            raise ValidationError(
                {
                    "terms": _("Give at most %(count)d words or phrases in one set.")
                    % {"count": MAX_TERMS_PER_SET}
                }
            )
        too_long = [t for t in terms if len(t) > MAX_TERM_LENGTH]
        if too_long:
            raise ValidationError(
                {
                    "terms": _("Each word or phrase must be at most %(count)d characters.")
                    % {"count": MAX_TERM_LENGTH}
                }
            )
        from search.normalize import analyse

        if any(not analyse(t, keep_stopwords=True) for t in terms):
            raise ValidationError({"terms": _("Each entry must contain letters or digits.")})


class SearchQueryDay(models.Model):
    """How often a query was searched in a language on a day, and how often it found nothing.

    Anonymous by construction: no user, session, address or time of day is stored, and long
    digit runs and e-mail addresses in a query are masked before it is counted.
    """

    language_code = models.CharField(_("language"), max_length=10)
    query = models.CharField(_("query"), max_length=200)
    # How it was typed (masked alike): what editors read; `query` is what groups the spellings.
    typed = models.CharField(_("query as typed"), max_length=200, blank=True, default="")
    date = models.DateField(_("date"))
    searches = models.PositiveIntegerField(_("searches"), default=0)
    zero_results = models.PositiveIntegerField(_("searches without results"), default=0)

    class Meta:
        verbose_name = _("search query count")
        verbose_name_plural = _("search query counts")
        constraints = [
            models.UniqueConstraint(
                fields=["language_code", "query", "date"], name="one_search_count_per_day"
            )
        ]
        indexes = [models.Index(fields=["language_code", "date"], name="search_query_lang_date")]

    def __str__(self) -> str:
        return f"{self.query} ({self.language_code}, {self.date})"
