"""The Umm al-Qura date beside each date the API gives: `<field>Hijri { year month day ... }`.

Types that show a date add a field named after it with `Hijri` appended (`date` ->
`dateHijri`, `lastPublishedAt` -> `lastPublishedAtHijri`), resolved by `hijri_beside`. It is
null outside the calendar's tables (before 1343 or after 1500 AH): show the Gregorian date alone.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import graphene
from graphql import GraphQLError

from cms import hijri
from cms.graphql.visibility import SUPPORTED_LOCALES


@dataclass(frozen=True)
class HijriBeside(hijri.HijriDate):
    """A Hijri date and the language of the content it belongs to (the default for names)."""

    language: str = "ar"

    def language_or_default(self, locale: str | None) -> str:
        if locale is None:
            return self.language
        code = locale.strip().lower()
        if code not in SUPPORTED_LOCALES:
            raise GraphQLError(
                f"Unknown locale '{code[:10]}'. Use one of: {', '.join(SUPPORTED_LOCALES)}."
            )
        return code


def hijri_beside(
    value: datetime.date | datetime.datetime | None, language: str
) -> HijriBeside | None:
    """What a `...Hijri` field resolves to: a moment counts as its day in Riyadh."""
    found = hijri.to_hijri(value)
    return HijriBeside(found.year, found.month, found.day, language) if found else None


_LOCALE_ARGUMENT = {
    "locale": graphene.String(description="ar or en; by default the language of the content")
}


class HijriDate(graphene.ObjectType):
    """A day in the Umm al-Qura calendar (Saudi Arabia's official Hijri calendar)."""

    year = graphene.Int(required=True, description="Hijri year, e.g. 1447")
    month = graphene.Int(required=True, description="1 (Muharram) to 12 (Dhu al-Hijjah)")
    day = graphene.Int(required=True)
    iso = graphene.String(required=True, description="YYYY-MM-DD in the Hijri calendar")
    month_name = graphene.String(required=True, **_LOCALE_ARGUMENT)
    formatted = graphene.String(
        required=True,
        description="Day, month name, year and era with Western digits: "
        "'1 رمضان 1447 هـ' (ar), '1 Ramadan 1447 AH' (en)",
        **_LOCALE_ARGUMENT,
    )

    @staticmethod
    def resolve_month_name(value: HijriBeside, info, locale: str | None = None) -> str:
        return value.month_name(value.language_or_default(locale))

    @staticmethod
    def resolve_formatted(value: HijriBeside, info, locale: str | None = None) -> str:
        return value.formatted(value.language_or_default(locale))


def hijri_field(beside: str) -> graphene.Field:
    """The `...Hijri` field for the date field named `beside`."""
    return graphene.Field(
        HijriDate,
        description=f"`{beside}` in the Umm al-Qura calendar (Riyadh time); "
        "null before 1343 or after 1500 AH",
    )
