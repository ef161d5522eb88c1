"""Language-aware formatting with Babel's CLDR data: numbers, percentages, country names."""

from __future__ import annotations

import datetime
from functools import cache

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

from .models import Text


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(lang)


def number(value: int | float, lang: str) -> str:
    """500000 -> "500 000" (narrow no-break space) in French, "500,000" in English."""
    return format_decimal(value, locale=lang)


def percent(value: int | float, lang: str) -> str:
    """56 -> "56 %" in French (no-break space), "56%" in English, as CLDR writes them."""
    return format_percent(value / 100, locale=lang)


def date(value: datetime.date, lang: str) -> str:
    """A date the local way: "30 novembre 2026", "30 November 2026"."""
    return format_date(value, format="long", locale=lang)


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
