"""One CDM's part of a listing block (a directory row, a map point, a timeline step), kept while its inputs stay.

Why: at 2,600 CDMs the blocks that list every CDM (directory, map, timelines) were most of a preview update after
one CDM's edit, and hashing each CDM's record again for each of its parts was a fifth of that. A part reads its
CDM, the data but the other CDMs (``shared_digest``), the language, the way home (``page.root``) and what
its ``kind`` names (which table, where it is drawn), never the page's address: those are its key. Each record's
digest is made once per build and shared by all its parts. ``tests/test_preview_memory.py`` checks that edits
reach the preview's pages.

Blocks that read no CDM at all (figures, sections…) are kept whole (``kept_whole``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from markupsafe import Markup
from pydantic_core import to_json

from . import inputs
from .dataset import Dataset
from .models import Cdm
from .render import Page, render

SEPARATOR = "\x1f"
"""Between the fields of a key: no digest, language, path or ``kind`` word holds it."""


def shared_digest(data: Dataset) -> str:
    """Every part of the data but the CDMs (labels, sources, places…) and the code: what any CDM's HTML may read."""
    shared = (data.figures, data.groups, data.sources, data.sections, data.terms, data.labels, data.locations)
    return inputs.digest(inputs.code(), to_json(shared))  # pydantic's JSON, as each CDM's: 4 times faster than repr


def record_digests(data: Dataset) -> dict[str, str]:
    """Each CDM's record as a short digest, by id: hashed once per build, then only looked up.

    The part of a key that spares the other CDMs' HTML when one is edited.
    """
    return {cdm.id: inputs.record(cdm) for cdm in data.cdms}


@dataclass(frozen=True)
class Parts:
    """The kept parts of one page's blocks: ``data.rows`` (the preview's, or this build's) seen from ``page``."""

    data: Dataset
    page: Page
    prefix: str
    """What every key of this page starts with: the shared data's digest, the language and the way home."""
    records: dict[str, str]

    @classmethod
    def of(cls, data: Dataset, page: Page) -> Parts:
        prefix = SEPARATOR.join((data.derived(shared_digest), page.lang, page.root))
        return cls(data, page, prefix, data.derived(record_digests))

    def one(self, cdm: Cdm, kind: tuple[str, ...], template: str, /, **context: object) -> Markup:
        """``template`` rendered for ``cdm``, or the same HTML kept from a build whose inputs were the same.

        ``kind`` names everything else the part reads: which block and table, where it is drawn (numbers as text).
        """
        key = SEPARATOR.join((self.prefix, self.records[cdm.id], *kind))

        def make() -> Markup:
            return Markup(render(template, self.data, self.page, **context))  # noqa: S704 - our autoescaping templates

        part = self.data.rows.made_or(key, make)
        return part if isinstance(part, Markup) else Markup(part)  # noqa: S704 - kept as made (Markup): not copied

    @staticmethod
    def lines(parts: Iterable[Markup]) -> Markup:
        """Parts one per line, as a template's ``{% for %}`` loop writing ``{{ part }}`` on its own line does."""
        return Markup("\n".join(parts))  # noqa: S704 - each part is autoescaped HTML


Block = Callable[..., str]


def kept_whole(block: Block) -> Block:
    """``block``, kept whole in ``data.rows`` while the data but the CDMs stays the same: for blocks that read no CDM.

    Why: a CDM's edit changes none of the figures, sections, glossary… each page shows; a build made them again in
    both languages. The key is all such a block reads: ``shared_digest`` (the data but the CDMs, the code), the
    whole page (its address is quoted in "cite this figure") and the block's arguments.
    ``tests/test_blocks_kept.py`` checks that these blocks give the same HTML without any CDM.
    """

    @functools.wraps(block)
    def kept(data: Dataset, page: Page, *args: object, **kwargs: object) -> str:
        call = repr((block.__name__, args, sorted(kwargs.items())))
        key = SEPARATOR.join((data.derived(shared_digest), page.lang, page.root, page.url, call))
        return data.rows.made_or(key, lambda: block(data, page, *args, **kwargs))

    return kept
