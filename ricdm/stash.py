"""Finished HTML kept out of Markdown: a short placeholder goes through the converter, the HTML is put back after.

Why: every block and every profile page is finished HTML from a Jinja template. Markdown passes an HTML block
through untouched, but only after parsing it with html.parser, twice (MkDocs' anchor scan, then md_in_html): work
that grows with every CDM's profile and listing row, for HTML that needs no parsing (figures in the README).

So a page's Markdown carries, in place of a block, an empty HTML block naming it. Markdown keeps the page's
structure as it was (an HTML block stays a block of its own) and escapes the placeholder inside code, where the
HTML would have been escaped too: ``restore`` then fails, naming the page, instead of shipping a broken page.
The placeholder names its HTML by a digest of it (or of what it is made of), so a page's Markdown still changes
whenever a block's HTML does, and whatever compares Markdown (the preview's change detection) sees the change.

Only HTML that opens with a block-level tag is kept aside: Markdown wraps other (inline) HTML in a paragraph and
reads the text between its tags, which a placeholder would not reproduce; such HTML goes through Markdown as before.
Nothing here knows MkDocs: the hooks keep one ``HtmlStash`` per build, pages are named by their source path.
"""

from __future__ import annotations

import hashlib
import html as markup
import re
from collections.abc import Callable
from dataclasses import dataclass, field

PLACEHOLDER = re.compile(r'<div data-ricdm-stash="([0-9a-f]{16})"></div>')
MARK = "ricdm-stash"
"""In every placeholder, escaped or not: left in a page after ``restore``, one was not put back."""
BLOCK_START = re.compile(
    r"<(?:address|article|aside|blockquote|details|div|dl|figure|footer|form|h[1-6]|header|nav|ol|p|section|table|ul)[\s>]"
)
"""Tags Python-Markdown takes as the start of an HTML block at the start of a line (a subset: those we use)."""
ANCHOR = re.compile(r'\sid="([^"]*)"')
"""Our templates quote every attribute with ", and Jinja escapes " in values: no false match in text."""


class UnrestoredBlock(Exception):
    """A page's HTML came out of Markdown without one of its blocks."""


@dataclass(frozen=True)
class Restored:
    html: str
    anchors: frozenset[str]
    """The ids in the HTML put back: link checks must still find them (MkDocs only sees the placeholder)."""


@dataclass
class HtmlStash:
    """The HTML kept aside for each page of one build, until the page's Markdown is converted."""

    pages: dict[str, dict[str, str | Callable[[], str]]] = field(default_factory=dict)
    """Page (its source path) -> placeholder digest -> HTML, or what makes it when the page is rendered."""

    def keep(self, page: str, html: str) -> str:
        """What to write into ``page``'s Markdown in place of ``html``: a placeholder, or ``html`` itself if inline."""
        if not BLOCK_START.match(html):
            return html
        return self._placeholder(page, html, html)

    def keep_later(self, page: str, make: Callable[[], str], made_of: str) -> str:
        """The placeholder of the HTML ``make`` gives when ``page`` is rendered, named by ``made_of``.

        For a generated page's whole HTML (which opens with a block-level tag); ``made_of`` is everything it is made
        of, so the placeholder changes whenever the HTML may.
        """
        return self._placeholder(page, made_of, make)

    def _placeholder(self, page: str, made_of: str, html: str | Callable[[], str]) -> str:
        digest = hashlib.blake2b(made_of.encode(), digest_size=8).hexdigest()
        self.pages.setdefault(page, {})[digest] = html
        return f'<div data-{MARK}="{digest}"></div>'

    def put_back(self, page: str, text: str) -> str:
        """``text`` (Markdown or HTML of ``page``) with every placeholder replaced by its HTML; the stash keeps it."""
        kept = self.pages.get(page, {})
        return PLACEHOLDER.sub(lambda match: _made(kept, match[1]) or match[0], text)

    def restore(self, page: str, html: str, markdown: str) -> Restored:
        """``page``'s HTML, converted from ``markdown``, with its blocks put back, once.

        Raise ``UnrestoredBlock`` if a placeholder of ``markdown`` did not come out of Markdown as written.
        """
        kept = self.pages.pop(page, {})
        found: set[str] = set()

        def back(match: re.Match[str]) -> str:
            found.add(match[1])
            return _made(kept, match[1]) or match[0]

        restored = PLACEHOLDER.sub(back, html)
        missing = len(set(PLACEHOLDER.findall(markdown)) - found)
        put_back = [text for text in (_made(kept, digest) for digest in found) if text is not None]
        if missing or (MARK in restored and not any(MARK in text for text in put_back)):
            raise UnrestoredBlock(
                f"{page}: {missing or 'a'} block(s) did not come out of Markdown as written, so they cannot be put "
                "back — expected each block call ({{ … }}) on a line of its own, outside code (`…` or an indented line)"
            )
        anchors = frozenset(markup.unescape(anchor) for text in put_back for anchor in ANCHOR.findall(text))
        return Restored(restored, anchors)


def _made(kept: dict[str, str | Callable[[], str]], digest: str) -> str | None:
    """The HTML kept under ``digest``, made now (once) if it was kept as what makes it."""
    html = kept.get(digest)
    if callable(html):
        html = kept[digest] = html()
    return html
