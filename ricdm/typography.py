"""Typography, applied once to a page's finished HTML (text nodes only): French rules, English apostrophes.

Staff write plain spaces and straight apostrophes in YAML and Markdown; this is where they become French
typography: a no-break space before « : » and « % », a narrow no-break space before « ; ! ? » and inside guillemets,
curly apostrophes, and one thousands separator (the narrow no-break space Babel uses). Tags, attribute values, comments
and the content of ``script``, ``style``, ``code``, ``pre``, ``kbd``, ``samp`` and ``textarea`` are never touched,
so URLs, code and times ("10:30") stay as written. On an English page only apostrophes change: one after a letter
or a digit (people's, CDMs', a closing 'quote') becomes ’, as the house style writes it (docs-staff/style.md §1).
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from itertools import compress

NBSP = "\u00a0"
"""No-break space: before a colon."""
NNBSP = "\u202f"
"""Narrow no-break space: before ; ! ?, inside « », between thousands (as Babel writes French numbers)."""

_VERBATIM_NAME = r"(?:script|style|code|pre|kbd|samp|textarea)(?![a-zA-Z0-9-])"
"""An element whose content is never touched: its name whole, in any case."""
_TOKENS = re.compile(rf"(<!--.*?-->|(</?{_VERBATIM_NAME}[^>]*>)|<[^>]*>)", re.S | re.I | re.A)
"""A comment or a tag; the inner group is the tag of a verbatim element."""

_LETTER = r"A-Za-zÀ-ÖØ-öø-ÿŒœ"
_APOSTROPHE = re.compile(rf"(?<=[{_LETTER}])'(?=[{_LETTER}])")
_SPACE = "[ \u00a0\u202f]"
_COLON = re.compile(rf"(?<=[\w»)\]%]){_SPACE}*:(?=\s|$)")
_HIGH_PUNCTUATION = re.compile(rf"(?<=[\w»)\]%]){_SPACE}*([;!?])(?=\s|$|[»)])")
_OPENING = re.compile(rf"«{_SPACE}*")
_CLOSING = re.compile(rf"{_SPACE}*»")
_GROUPED = re.compile(rf"(?<![\d.,])(\d{{1,3}})((?:{_SPACE}\d{{3}})+)(?!\d)")
_UNGROUPED = re.compile(r"(?<![\w.,§/-])(?<!RFC[ \u00a0])(?<!ISO[ \u00a0])(\d{4,})(?![\w,]|\.\d)")
"""A number to group in threes; not a standard's number ("RFC 4180", "ISO 8601"), which is a name."""
_PERCENT = re.compile(rf"(?<=\d){_SPACE}?%")
"""A percentage: the sign follows its number after a no-break space, as Babel writes French percentages."""
_DIGIT = re.compile(r"\d")
_ACTED_ON = re.compile(r"[\d'«»:;!?&<>]")
"""A character the rules (or HTML escaping) act on: text with none comes out as it went in."""
_ENGLISH_APOSTROPHE = re.compile(rf"(?<=[{_LETTER}\d])'")
_ENGLISH_ACTED_ON = re.compile(r"'|&#39;|&#x27;|&apos;", re.I)


def _group(digits: str) -> str:
    head = len(digits) % 3 or 3
    return NNBSP.join([digits[:head], *(digits[i : i + 3] for i in range(head, len(digits), 3))])


def _number(match: re.Match[str]) -> str:
    """1500 -> 1 500; a four-digit number from 1900 to 2099 reads as a year and stays as written."""
    digits = match.group(1)
    if len(digits) == 4 and 1900 <= int(digits) <= 2099:
        return digits
    return _group(digits)


def french_text(text: str) -> str:
    """French typography on plain text (no markup).

    Each rule runs only where its character is present: most text nodes have none, and a page has thousands.
    """
    if "'" in text:
        text = _APOSTROPHE.sub("\u2019", text)
    if _DIGIT.search(text):
        text = _GROUPED.sub(lambda m: m.group(1) + re.sub(_SPACE, NNBSP, m.group(2)), text)
        text = _UNGROUPED.sub(_number, text)
        if "%" in text:
            text = _PERCENT.sub(NBSP + "%", text)
    if "«" in text:
        text = _OPENING.sub("«" + NNBSP, text)
    if "»" in text:
        text = _CLOSING.sub(NNBSP + "»", text)
    if ":" in text:
        text = _COLON.sub(NBSP + ":", text)
    if ";" in text or "!" in text or "?" in text:
        text = _HIGH_PUNCTUATION.sub(NNBSP + r"\1", text)
    return text


def english_text(text: str) -> str:
    """English typography on plain text: an apostrophe after a letter or a digit is curly (’)."""
    return _ENGLISH_APOSTROPHE.sub("\u2019", text) if "'" in text else text


def typeset_text(text: str, lang: str) -> str:
    """Plain text typeset for its language (a page's description, its social card): French rules, or English ones."""
    return french_text(text) if lang == "fr" else english_text(text)


def typeset_html(page: str, lang: str) -> str:
    """The page typeset for its language: French rules on a French page, curly apostrophes on an English one."""
    return french_html(page) if lang == "fr" else english_html(page)


def english_html(page: str) -> str:
    """The page with curly apostrophes in its text nodes; markup and verbatim elements left byte for byte."""
    return _html(page, english=True)


def french_html(page: str) -> str:
    """The page with French typography in its text nodes; markup and verbatim elements left byte for byte."""
    return _html(page, english=False)


def _html(page: str, *, english: bool) -> str:
    """The page's text nodes typeset (French rules, or English apostrophes); markup and verbatim elements kept.

    One split cuts the page at its tags and comments and marks the tags of verbatim elements; the scans then run over
    whole lists at C speed (``compress``, ``map``): where the verbatim tags are, which text nodes hold a character a
    rule acts on. Python visits only those, each typeset once per process (``_typeset``): a node's result depends on
    its text alone, and big pages repeat theirs.
    """
    parts = _TOKENS.split(page)  # text, token, verbatim tag or None, text, token, …
    texts = parts[0::3]  # text node i is parts[3 * i], between tokens i - 1 and i
    verbatim = _verbatim_texts(parts[2::3], len(texts))
    acted_on, typeset = (_ENGLISH_ACTED_ON, _typeset_english) if english else (_ACTED_ON, _typeset)
    for index in compress(range(len(texts)), map(acted_on.search, texts)):
        if index not in verbatim:
            parts[3 * index] = typeset(texts[index])
    parts[2::3] = [""] * (len(parts) // 3)  # the verbatim marks were copies of their tokens
    return "".join(parts)


def _verbatim_texts(marks: list[str | None], count: int) -> set[int]:
    """The text nodes inside a verbatim element: tags read in order, never below zero."""
    inside: set[int] = set()
    start = depth = 0
    for position in compress(range(len(marks)), marks):
        tag = marks[position]
        assert tag is not None
        if tag.endswith("/>"):
            continue
        after = max(depth + (-1 if tag[1] == "/" else 1), 0)
        if not depth and after:
            start = position + 1
        elif depth and not after:
            inside.update(range(start, position + 1))
        depth = after
    if depth:
        inside.update(range(start, count))
    return inside


@lru_cache(maxsize=1 << 16)
def _typeset(text: str) -> str:
    """One text node as it stays escaped in the page: unescaped, typeset, escaped again."""
    return html.escape(french_text(html.unescape(text)), quote=False)


@lru_cache(maxsize=1 << 16)
def _typeset_english(text: str) -> str:
    """One text node of an English page, as ``_typeset`` does for French."""
    return html.escape(english_text(html.unescape(text)), quote=False)
