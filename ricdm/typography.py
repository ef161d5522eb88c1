"""French typography, applied once to a French page's finished HTML (text nodes only).

Staff write plain spaces and straight apostrophes in YAML and Markdown; this is where they become French
typography: a no-break space before « : », a narrow no-break space before « ; ! ? » and inside guillemets, curly
apostrophes, and one thousands separator (the narrow no-break space Babel uses). Tags, attribute values, comments
and the content of ``script``, ``style``, ``code``, ``pre``, ``kbd``, ``samp`` and ``textarea`` are never touched,
so URLs, code and times ("10:30") stay as written.
"""

from __future__ import annotations

import html
import re

NBSP = "\u00a0"
"""No-break space: before a colon."""
NNBSP = "\u202f"
"""Narrow no-break space: before ; ! ?, inside « », between thousands (as Babel writes French numbers)."""

_TOKENS = re.compile(r"(<!--.*?-->|<[^>]*>)", re.S)
_VERBATIM = frozenset({"script", "style", "code", "pre", "kbd", "samp", "textarea"})
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)")

_LETTER = r"A-Za-zÀ-ÖØ-öø-ÿŒœ"
_APOSTROPHE = re.compile(rf"(?<=[{_LETTER}])'(?=[{_LETTER}])")
_SPACE = "[ \u00a0\u202f]"
_COLON = re.compile(rf"(?<=[\w»)\]%]){_SPACE}*:(?=\s|$)")
_HIGH_PUNCTUATION = re.compile(rf"(?<=[\w»)\]%]){_SPACE}*([;!?])(?=\s|$|[»)])")
_OPENING = re.compile(rf"«{_SPACE}*")
_CLOSING = re.compile(rf"{_SPACE}*»")
_GROUPED = re.compile(rf"(?<![\d.,])(\d{{1,3}})((?:{_SPACE}\d{{3}})+)(?!\d)")
_UNGROUPED = re.compile(r"(?<![\w.,§/-])(\d{4,})(?![\w,]|\.\d)")
_DIGIT = re.compile(r"\d")
_UNTOUCHED = re.compile(r"[^\d'«»:;!?&<>]*")
"""Text with none of the characters the rules (or HTML escaping) act on: it comes out as it went in."""


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
    if "«" in text:
        text = _OPENING.sub("«" + NNBSP, text)
    if "»" in text:
        text = _CLOSING.sub(NNBSP + "»", text)
    if ":" in text:
        text = _COLON.sub(NBSP + ":", text)
    if ";" in text or "!" in text or "?" in text:
        text = _HIGH_PUNCTUATION.sub(NNBSP + r"\1", text)
    return text


def french_html(page: str) -> str:
    """The page with French typography in its text nodes; markup and verbatim elements left byte for byte."""
    parts = _TOKENS.split(page)
    verbatim = 0
    for index, part in enumerate(parts):
        if index % 2:  # a tag or a comment
            tag = _TAG.match(part)
            if tag and tag.group(2).lower() in _VERBATIM and not part.endswith("/>"):
                verbatim += -1 if tag.group(1) else 1
                verbatim = max(verbatim, 0)
            continue
        if verbatim or _UNTOUCHED.fullmatch(part):
            continue
        parts[index] = html.escape(french_text(html.unescape(part)), quote=False)
    return "".join(parts)
