"""Every page is in the site's menu (``nav:`` in mkdocs.yml), and every menu entry is a page.

Why here and not MkDocs' own warning: the strict build stops on a page left out of ``nav``, but only after the
data, with a bare list of file names ("agenda.md", "en/agenda.md"). Staff adding a page need the file, the line to
add and where, before anything is built. Read without MkDocs: ``yaml.compose`` gives the lines and ignores tags
(``!ENV``); ``not_in_nav`` is read with the gitignore rules MkDocs itself uses (pathspec).
"""

from __future__ import annotations

from pathlib import Path

import pathspec
import yaml

from .errors import DataError
from .models import LANGUAGES
from .parity import markdown_pages

CONFIG = "mkdocs.yml"


def check_nav(root: Path, docs_dir: Path, display_root: str = "docs") -> list[DataError]:
    """A page (both twins) missing from ``nav``: one error at its French file, with the line to add and where."""
    menu = _menu(root / CONFIG)
    if menu is None:
        return []  # no nav: MkDocs lists every page by itself
    entries, lines, indent, hidden = menu
    pages = {lang: markdown_pages(docs_dir / lang) for lang in LANGUAGES}
    every = set().union(*pages.values())
    errors = []
    for page in sorted(every - set(entries) - {page for page in every if hidden.match_file(page)}):
        lang = next(lang for lang in LANGUAGES if page in pages[lang])
        errors.append(
            DataError(
                f"{display_root}/{lang}/{page}",
                1,
                "",
                f"page not in the site's menu (nav: in {CONFIG})",
                f'add the line "{" " * indent}- {page}" to nav: in {CONFIG} (lines {lines[0]}–{lines[1]}), at its '
                "place in the menu; the menu names the page by its first heading (# …) in each language",
            )
        )
    for page, line in entries.items():
        if page not in every:
            errors.append(
                DataError(
                    CONFIG,
                    line,
                    "nav",
                    f"{page!r} is not a page",
                    f"add {display_root}/{LANGUAGES[0]}/{page} and {display_root}/{LANGUAGES[1]}/{page}, "
                    "or remove this line",
                )
            )
    return errors


def _menu(config: Path) -> tuple[dict[str, int], tuple[int, int], int, pathspec.GitIgnoreSpec] | None:
    """(each Markdown page of nav -> its line, nav's first and last lines, the entries' indent, not_in_nav), or None."""
    try:
        document = yaml.compose(config.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return None  # MkDocs reports a missing or broken mkdocs.yml itself
    if not isinstance(document, yaml.MappingNode):
        return None
    settings = {key.value: value for key, value in document.value if isinstance(key, yaml.ScalarNode)}
    nav = settings.get("nav")
    if not isinstance(nav, yaml.SequenceNode) or not nav.value:
        return None
    entries: dict[str, int] = {}
    _walk(nav, entries)
    hidden = settings.get("not_in_nav")
    patterns = hidden.value.splitlines() if isinstance(hidden, yaml.ScalarNode) else []
    lines = (nav.value[0].start_mark.line + 1, nav.value[-1].start_mark.line + 1)
    return entries, lines, nav.start_mark.column, pathspec.GitIgnoreSpec.from_lines(patterns)


def _walk(node: yaml.Node, entries: dict[str, int]) -> None:
    """Markdown pages named in a nav (``- page.md``, ``- Title: page.md``, sections), by line."""
    if isinstance(node, yaml.ScalarNode):
        if node.value.endswith(".md") and "://" not in node.value:
            entries[node.value] = node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _walk(item, entries)
    elif isinstance(node, yaml.MappingNode):
        for _, value in node.value:
            _walk(value, entries)
