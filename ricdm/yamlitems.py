"""A data file that is one list, re-read item by item after an edit: each item parsed again only if it changed.

Why: parsing ``data/cdms.yaml`` whole grows with the network and was most of a preview update at 2,600 CDMs
(figures in the README), although a staff edit changes one CDM. The file is cut before each line that starts a
list item; an item is known by its text and by the text of the items whose anchors (``&name``) it may use
(``*name``), since those change what it means. The first read of a file is always whole (every check, every error
at its line); after that, only the items whose key is new are parsed, each with the items it needs in front of it.

The cut is only trusted when it cannot change the result: comments, one ``key:`` line, then the items at one
indent; each new item must parse cleanly (no YAML error, no duplicate field, nesting and aliases within the
limits). Otherwise ``ItemMemo.read`` parses the whole file, so every error is still the whole file's.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

import yaml

from .errors import DataError, DataErrors
from .yamlsource import LOADER, Builder, Path_, YamlDocument, check_expansion, parse_text

_KEY_LINE = re.compile(r"[A-Za-z_][\w-]*:[ \t]*(?:#.*)?")
"""The one top-level line before the items, e.g. ``cdms:``."""
_OTHER_LINE_BREAKS = ("\x85", "\u2028", "\u2029")
"""PyYAML counts these as line breaks too: with any of them, lines here would not be PyYAML's lines."""
_ANCHOR = re.compile(r"&([^\s,\[\]{}]+)")
_ALIAS = re.compile(r"\*([^\s,\[\]{}]+)")
"""Found in the text, quoted or not: a false find only adds an item to parse in front, never misses one."""

ItemKey = tuple[str, ...]
"""The items parsed in front of an item (those defining the anchors it may use), then the item's own text."""


@dataclass
class ParsedItem:
    data: object
    lines: dict[Path_, tuple[int, int]]
    """Each field's (part of the key, line counted from that part's first line): a field an alias copies from an
    item in front stands at that item's line, as in a whole read."""
    placed: tuple[tuple[str, int, tuple[int, ...]], dict[Path_, int]] | None = field(default=None, compare=False)
    """Where the item stood in the document last read (list, index, first line of each part) and its fields' lines
    there: an edit moves few items, so most copy their lines instead of computing them again."""

    def lines_at(self, key: str, index: int, first_lines: tuple[int, ...]) -> dict[Path_, int]:
        """Each field's line in a document where this is item ``index`` of ``key``, its parts at ``first_lines``."""
        place = (key, index, first_lines)
        if self.placed is None or self.placed[0] != place:
            lines = {(key, index, *suffix): line + first_lines[part] - 1 for suffix, (part, line) in self.lines.items()}
            self.placed = (place, lines)
        return self.placed[1]


@dataclass(repr=False)
class ItemMemo:
    """The items of one file as last read, by key: the preview keeps one per data file between builds."""

    items: dict[ItemKey, ParsedItem] = field(default_factory=dict)
    keys: list[ItemKey | None] | None = None
    """The key of each item of the document last read, in order, where its value is its key's alone (None for an
    item this module could not place); None when the file was not read as one list. ``validation.RecordMemo``
    keeps each validated record by it."""

    def read(self, text: str, display_path: str) -> YamlDocument:
        """The document ``text`` makes: as ``parse_text`` would, reusing the items whose key is known."""
        self.keys = None
        cut = _cut(text)
        if cut is None:
            self.items = {}
            return parse_text(text, display_path)
        key, key_line, items = cut
        keys, needs = _keys([item_text for _, item_text in items])
        if not self.items:
            return self._remember(parse_text(text, display_path), key, items, keys, needs)
        known: dict[ItemKey, ParsedItem] = {}
        for item_key in keys:
            item = self.items.get(item_key) or known.get(item_key) or _parse_item(item_key, display_path)
            if item is None:
                return self._remember(parse_text(text, display_path), key, items, keys, needs)
            known[item_key] = item
        self.items = known  # an item no longer in the file is forgotten
        self.keys = list(keys)
        document = YamlDocument(display_path, None)
        document.lines[()] = key_line
        document.lines[(key,)] = key_line
        values: list[object] = []
        for index, item_key in enumerate(keys):
            item = known[item_key]
            values.append(item.data)
            first_lines = tuple(items[part][0] for part in (*needs[index], index))
            document.lines.update(item.lines_at(key, index, first_lines))
        document.data = {key: values}
        return document

    def _remember(
        self,
        document: YamlDocument,
        key: str,
        items: list[tuple[int, str]],
        keys: list[ItemKey],
        needs: list[list[int]],
    ) -> YamlDocument:
        """Keep the items of a whole read, for the next read to reuse."""
        data = document.data
        values = data.get(key) if isinstance(data, dict) else None
        if not isinstance(values, list) or len(values) != len(items):
            self.items = {}
            return document
        starts = [first_line for first_line, _ in items]
        by_index: dict[int, dict[Path_, tuple[int, int]]] = {index: {} for index in range(len(items))}
        unsure: set[int] = set()
        for path, line in document.lines.items():
            if len(path) < 2 or path[0] != key or not isinstance(path[1], int) or path[1] not in by_index:
                continue
            index = path[1]
            holder = bisect.bisect_right(starts, line) - 1  # the item the line stands in
            parts = [*needs[index], index]
            if holder not in parts:
                unsure.add(index)  # not where this module would look: let the next read parse it
                continue
            by_index[index][path[2:]] = (parts.index(holder), line - starts[holder] + 1)
        remembered = {
            item_key: ParsedItem(values[index], by_index[index])
            for index, item_key in enumerate(keys)
            if index not in unsure
        }
        self.items = remembered
        self.keys = [None if index in unsure else item_key for index, item_key in enumerate(keys)]
        return document


def _cut(text: str) -> tuple[str, int, list[tuple[int, str]]] | None:
    """(top-level key, its line, [(first line, text) of each item]), or None when the file is not that shape.

    The items may be indented under the key (``  - id: paris``, as staff write them) or not (``- id:``); every
    line after the key is then a comment, a blank line, the start of an item at that same indent, or deeper.
    The lines up to the first item are read one by one, the rest (the whole file but a few lines) by searches.
    """
    if any(mark in text for mark in _OTHER_LINE_BREAKS):
        return None
    key = None
    key_line = line_number = position = 0
    while True:  # up to the first item
        end = text.find("\n", position)
        line = text[position:] if end < 0 else text[position:end]
        line_number += 1
        bare = line.lstrip(" ")
        if bare and not bare.startswith("#"):
            if key is None:
                if bare != line or not _KEY_LINE.fullmatch(line):
                    return None  # content before the key, a document marker, a directive…
                key, key_line = line.split(":", 1)[0], line_number
            elif bare == "-" or bare.startswith("- "):
                break
            else:
                return None  # the key's value is not a block list
        if end < 0:
            return None
        position = end + 1
    indent = re.escape(line[: len(line) - len(bare)])
    other = re.compile(rf"\n(?! *(?:#|$))(?!{indent}-(?: |$))(?!{indent} )", re.M)
    if other.search(text, position):
        return None  # less indented than the items' content: another key, a tab…
    item_start = re.compile(rf"\n{indent}-(?: |$)", re.M)
    starts = [position] + [found.start() + 1 for found in item_start.finditer(text, position)]
    items: list[tuple[int, str]] = []
    for start, end in zip(starts, [*starts[1:], len(text)], strict=True):
        items.append((line_number, text[start:end]))
        line_number += text.count("\n", start, end)
    last_line, last_text = items[-1]
    items[-1] = (last_line, last_text + "\n")  # as "\n".join(lines) + "\n" would end it
    return key, key_line, items


def _keys(texts: list[str]) -> tuple[list[ItemKey], list[list[int]]]:
    """Each item's key and the indexes of the items in front of it.

    The key is the texts of the items before it that define an anchor it may use, then its own text. An item that
    defines an anchor again has the earlier definer in front too: its parse then meets the duplicate, as the whole
    file's does.
    """
    last_definer: dict[str, int] = {}
    keys: list[ItemKey] = []
    needs: list[list[int]] = []
    for index, text in enumerate(texts):
        named = (*_ALIAS.findall(text), *_ANCHOR.findall(text))
        needed = sorted({last_definer[name] for name in named if name in last_definer})
        keys.append((*(texts[before] for before in needed), text))
        needs.append(needed)
        for name in _ANCHOR.findall(text):
            last_definer[name] = index
    return keys, needs


def _parse_item(item_key: ItemKey, display_path: str) -> ParsedItem | None:
    """The key's last item, parsed after the items it needs; None if anything needs the whole file."""
    text = "".join(item_key)
    try:
        check_expansion(text, display_path, outer_levels=1)  # the file's mapping holds the list: one level more
        node = yaml.compose(text, Loader=LOADER)
    except (yaml.YAMLError, DataErrors):
        return None
    if not isinstance(node, yaml.SequenceNode) or len(node.value) != len(item_key):
        return None
    scratch = YamlDocument(display_path, None)
    errors: list[DataError] = []
    data = Builder(scratch, errors).build(node.value[-1], ())
    if errors:
        return None
    starts = [1]
    for in_front in item_key[:-1]:
        starts.append(starts[-1] + in_front.count("\n"))
    lines: dict[Path_, tuple[int, int]] = {}
    for path, line in scratch.lines.items():
        holder = bisect.bisect_right(starts, line) - 1
        lines[path] = (holder, line - starts[holder] + 1)
    return ParsedItem(data, lines)
