"""Language-aware formatting with Babel's CLDR data: numbers, percentages, dates, country names.

The one place where a language becomes a locale: French is fr_FR, English en_GB (UK English: "1 December 2026",
"April 2022", "55%"). Every date on the site is written by ``date`` or ``month_year``.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from functools import cache

from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal, format_percent

from .labels import label
from .models import Figure, FigureValue, Text

LOCALES = {"fr": "fr_FR", "en": "en_GB"}
"""The locale of each language of the site: UK English, not CLDR's default (US) English."""


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(LOCALES[lang])


def number(value: int | float, lang: str) -> str:
    """500000 -> "500 000" (narrow no-break space) in French, "500,000" in English."""
    return format_decimal(value, locale=_locale(lang))


def percent(value: int | float, lang: str) -> str:
    """56 -> "56 %" in French (no-break space), "56%" in English, as CLDR writes them."""
    return format_percent(value / 100, locale=_locale(lang))


def amount(figure: Figure, item: FigureValue, lang: str) -> str:
    """A figure's value as its unit writes it: "500 000", "56 %", a year as written ("2001", never "2 001")."""
    if figure.unit == "percent":
        return percent(item.value, lang)
    return str(item.value) if figure.unit == "year" else number(item.value, lang)


def value_text(labels: Mapping[str, Text], figure: Figure, item: FigureValue, lang: str) -> str:
    """A value as plain text with its qualifier: "près de 500 000", "nearly 500,000" (cards, descriptions)."""
    shown = amount(figure, item, lang)
    if item.qualifier == "exact":
        return shown
    return f"{label(labels, 'qual-' + item.qualifier.replace('_', '-'), lang)} {shown}"


def date(value: datetime.date, lang: str) -> str:
    """A day the local way: "1er décembre 2026" (the French ordinal), "1 December 2026" (never "December 1")."""
    text = format_date(value, format="long", locale=_locale(lang))
    if lang == "fr" and value.day == 1:
        text = "1er" + text.removeprefix("1")
    return text


def month_year(year: int, month: int | None, lang: str) -> str:
    """A month as a reader writes it, "avril 2022", "April 2022" (never "04/2022"); the year alone without month."""
    if month is None:
        return str(year)
    return format_skeleton("yMMMM", datetime.date(year, month, 1), locale=_locale(lang))


COMMON_NAMES = {
    ("CD", "en"): "Democratic Republic of the Congo",
    ("CD", "fr"): "République démocratique du Congo",
    ("CG", "en"): "Republic of the Congo",
    ("CG", "fr"): "République du Congo",
}
"""Where CLDR's name is a short form no reader expects ("Congo - Kinshasa"), the country's usual full name."""


def country(code: str, lang: str) -> str:
    """ISO code -> the country's name in that language, from CLDR (never typed in), or its usual full name."""
    name: str = COMMON_NAMES.get((code, lang)) or _locale(lang).territories[code]
    return name


def text(value: Text | None, lang: str) -> str:
    """The text in the page's language ("" when absent, so templates can test it)."""
    return getattr(value, lang) if value is not None else ""
