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
from functools import lru_cache
from itertools import compress

NBSP = "\u00a0"
"""No-break space: before a colon."""
NNBSP = "\u202f"
"""Narrow no-break space: before ; ! ?, inside « », between thousands (as Babel writes French numbers)."""

_TOKENS = re.compile(r"(<!--.*?-->|<[^>]*>)", re.S)
_VERBATIM_TAG = re.compile(r"<(/?)(?:script|style|code|pre|kbd|samp|textarea)(?![a-zA-Z0-9-])", re.I | re.A)
"""A tag of an element whose content is never touched (its name whole, in any case)."""

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
_ACTED_ON = re.compile(r"[\d'«»:;!?&<>]")
"""A character the rules (or HTML escaping) act on: text with none comes out as it went in."""


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
    """The page with French typography in its text nodes; markup and verbatim elements left byte for byte.

    The page is cut at its tags and comments, then the scans run over whole lists at C speed (``map``, ``compress``):
    which tags open or close a verbatim element, which text nodes hold a character a rule acts on. Python then visits
    only those nodes (a page of thousands of CDMs has a hundred thousand others), each typeset once per process
    (``_typeset``): a node's result depends on its text alone, and the big pages repeat the same years and labels.
    """
    parts = _TOKENS.split(page)
    texts = parts[0::2]  # text node i is parts[2 * i], between tags i - 1 and i
    verbatim = _verbatim_texts(parts[1::2], len(texts))
    for index in compress(range(len(texts)), map(_ACTED_ON.search, texts)):
        if index not in verbatim:
            parts[2 * index] = _typeset(texts[index])
    return "".join(parts)


def _verbatim_texts(tags: list[str], count: int) -> set[int]:
    """The text nodes inside a verbatim element: the tags are read in order, nesting counted, never below zero."""
    inside: set[int] = set()
    depth, start = 0, 0
    marks = list(map(_VERBATIM_TAG.match, tags))
    for position in compress(range(len(tags)), marks):
        if tags[position].endswith("/>"):
            continue
        mark = marks[position]
        assert mark is not None
        after = max(depth + (-1 if mark.group(1) else 1), 0)
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
