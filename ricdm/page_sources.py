"""The sources of one page, listed once at its end: each fact keeps only a compact marker beside it."""

from __future__ import annotations

import html as html_lib
import re

from .dataset import Dataset
from .render import Page, render

_MARKER = re.compile(r'<a class="ricdm-source"[^>]*?\sdata-source="([^"]*)"')
"""The marker ``_macros.html`` writes for every sourced fact (``m.src``)."""


def sources_used(page_html: str) -> list[str]:
    """Source ids in the order the page first cites them."""
    found = dict.fromkeys(html_lib.unescape(ref) for ref in _MARKER.findall(page_html))
    return list(found)


def sources_block(data: Dataset, page: Page, cited: list[str]) -> str:
    """The "Sources of this page" block for the ``cited`` source ids the data knows, or nothing if none."""
    refs = [ref for ref in cited if ref in data.sources]
    if not refs:
        return ""
    return render("page_sources.html", data, page, sources=[data.sources[ref] for ref in refs])
