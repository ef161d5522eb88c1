"""Read a YAML file into plain data plus the line of every field, for error messages."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import yaml

from .errors import DataError, DataErrors

N = TypeVar("N", bound=yaml.Node)
Path_ = tuple[str | int, ...]  # a field path such as ("cdms", 3, "name", "en")


@dataclass
class YamlDocument:
    """A parsed data file: its content and where each field stands in it."""

    display_path: str
    data: object
    lines: dict[Path_, int] = field(default_factory=dict)

    def line_of(self, path: Path_) -> int:
        """Line of the field, or of its nearest parent when the field is missing."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: same rules, faster

MAX_FILE_BYTES = 16 * 1024 * 1024
"""Largest data file read: 300 times today's largest, far above the benchmark's 100× data."""
MAX_DEPTH = 64
"""Deepest nesting of lists and mappings: real data stays under 10; libyaml's composer crashes past ~10,000."""
MAX_ALIAS_NODES = 100_000
"""Values that ``*aliases`` may add in all: an "alias bomb" of nine levels of nine adds 387 million."""


def load_yaml(path: Path, display_path: str, content: bytes | None = None) -> YamlDocument:
    """Parse one file; raise DataErrors for unreadable, empty or ill-formed YAML.

    ``content``: the file's bytes, when the caller read them already (``dataset.FileMemo`` keys them).
    """
    return parse_text(read_text(path, display_path, content), display_path)


def read_text(path: Path, display_path: str, content: bytes | None = None) -> str:
    """The file's text with universal newlines; DataErrors if it is missing, too large or not UTF-8."""
    if content is None and not path.is_file():
        raise DataErrors([DataError(display_path, 1, "", "file is missing", "restore it from the repository")])
    size = len(content) if content is not None else path.stat().st_size
    if size > MAX_FILE_BYTES:
        limit = f"{MAX_FILE_BYTES // (1024 * 1024)} MiB"
        problem = f"file too large ({size:,} bytes)"
        raise DataErrors(
            [DataError(display_path, 1, "", problem, f"at most {limit}: split it or remove what is not data")]
        )
    try:
        raw = (content if content is not None else path.read_bytes()).decode("utf-8")
    except UnicodeDecodeError:
        raise DataErrors([DataError(display_path, 1, "", "not UTF-8 text", "save the file as UTF-8")]) from None
    return raw.replace("\r\n", "\n").replace("\r", "\n")  # as a text-mode read: universal newlines


_PLAIN_SYNTAX = (
    (
        "while scanning a quoted scalar",
        "a quote opened on this line is never closed",
        "end the text with the same quote mark it starts with",
    ),
    ("found a tab character", "a tab character", "indent with spaces, never tabs"),
    ("mapping values are not allowed", 'a ": " inside a text without quotes', 'put the whole text in "double quotes"'),
    (
        "that cannot start any token",
        "a tab, or a text starting with @ or ` without quotes",
        "indent with spaces; put such a text in quotes",
    ),
    ("could not find expected ':'", "a line without its colon (field: value)", "add the colon after the field name"),
    (
        "did not find expected ',' or '}'",
        "a { … } group not closed, or fields without a comma between them",
        "separate the fields with a comma and close the group with }",
    ),
    (
        "did not find expected ',' or ']'",
        "a [ … ] list not closed, or entries without a comma between them",
        "separate the entries with a comma and close the list with ]",
    ),
    ("did not find expected key", "a line not lined up with the fields around it", "indent it as the fields above"),
    ("found undefined alias", "a *name with no &name above it", "write the &name higher up, or fix the spelling"),
    (
        "did not find expected '-' indicator",
        "a line not lined up with the list around it",
        "start each entry with '- ' at the same column as the others",
    ),
)
"""PyYAML's wording (its problem or context) → what staff see: what is wrong, and what to write instead."""


_QUOTE_TAKES_A_FIELD = re.compile(r"[\w-]+:[ \t]+([\"'])\Z")
"""A quoted text ending in ``en: "``: its closing quote is the next field's opening one, as when ``fr: "Lyon``
is left open before ``en: "Lyon"``."""


def _runaway_quote(text: str, error: yaml.MarkedYAMLError) -> tuple[int, str, str] | None:
    """A quote left open that ran on into the next field, which PyYAML reports after it, with other words.

    ``{fr: "Cité de Lyon, en: "Lyon"}`` reads as the text ``Cité de Lyon, en:`` then a stray ``Lyon"``; a
    block ``fr: "Cité de Lyon`` takes the next line up to ``en: "``. Either way the line to fix is the quote's.
    """
    mark = error.problem_mark
    if mark is None:
        return None
    last: yaml.ScalarToken | None = None
    try:
        for token in yaml.scan(text, Loader=LOADER):
            if token.start_mark.index >= mark.index:
                break
            if isinstance(token, yaml.ScalarToken) and token.style in ("'", '"'):
                last = token
    except yaml.YAMLError:
        pass  # the tokens before the scanner's own error are the ones that count
    if last is None or mark.line - last.end_mark.line not in (0, 1):
        return None
    quoted = text[last.start_mark.index : last.end_mark.index]
    runs_on = _QUOTE_TAKES_A_FIELD.search(quoted)
    if runs_on is None or quoted[0] != runs_on[1]:
        return None
    field = quoted[runs_on.start() : quoted.index(":", runs_on.start()) + 1]
    opened, closed = last.start_mark.line + 1, last.end_mark.line + 1
    where = "" if closed == opened else f" on line {closed}"
    return (
        opened,
        f"a quote opened on this line is never closed (the text runs on to the quote after {field}{where})",
        f"close it with {quoted[0]} where the text ends, on this line",
    )


def syntax_error(error: yaml.MarkedYAMLError, text: str = "") -> tuple[int, str, str]:
    """(line, what is wrong, what to do) for ill-formed YAML, in words staff use; PyYAML's own words otherwise.

    An unclosed quote is reported where the quote opens: PyYAML notices it lines later.
    """
    runaway = _runaway_quote(text, error)
    if runaway:
        return runaway
    problem, expected = str(error.problem or error.context), "check indentation, colons and quotes"
    opened = None
    for words, plain, advice in _PLAIN_SYNTAX:
        if words in (error.problem or "") or words == error.context:
            problem, expected = plain, advice
            opened = error.context_mark if words == error.context else None
            break
    mark = opened or error.problem_mark or error.context_mark
    group = _GROUPS.get(error.problem or "")
    start = error.context_mark
    if group and start and mark and start.line < mark.line:  # PyYAML notices it on a later line: say where it opens
        plain, closing = group
        problem = f"a {plain} opened on this line is never closed (or lacks a comma before line {mark.line + 1})"
        return start.line + 1, problem, f"close it with {closing} on this line, and separate its entries with commas"
    return (mark.line + 1 if mark else 1), problem, expected


_GROUPS = {
    "did not find expected ',' or '}'": ("{ … } group", "}"),
    "did not find expected ',' or ']'": ("[ … ] list", "]"),
}
"""A flow group left open: PyYAML's words → (what it is, its closing mark)."""


def parse_text(text: str, display_path: str) -> YamlDocument:
    """The whole text parsed at once; DataErrors for ill-formed YAML, at its line."""
    try:
        check_expansion(text, display_path)
        node = yaml.compose(text, Loader=LOADER)
    except yaml.MarkedYAMLError as error:
        line, problem, expected = syntax_error(error, text)
        raise DataErrors([DataError(display_path, line, "", f"YAML syntax: {problem}", expected)]) from None
    except yaml.YAMLError as error:
        raise DataErrors([DataError(display_path, 1, "", f"YAML syntax: {error}", "check the file")]) from None
    if node is None:
        raise DataErrors([DataError(display_path, 1, "", "file is empty", "it must hold the data of its schema")])
    document = YamlDocument(display_path, None)
    errors: list[DataError] = []
    builder = Builder(document, errors)
    document.data = builder.build(node, ())
    if errors:
        raise DataErrors(errors)
    return document


FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)
"""A page's YAML header, as MkDocs reads it."""


def bounded_yaml_problems(root: Path, docs_dir: Path) -> list[DataError]:
    """The same limits on the YAML MkDocs reads itself (mkdocs.yml, page headers), so a hostile one is refused here.

    The check runs before the build in the workflows: an alias bomb in mkdocs.yml never reaches MkDocs's loader.
    """
    texts = [(root / "mkdocs.yml", 0)] + [(page, 1) for page in sorted(docs_dir.rglob("*.md"))]
    problems: list[DataError] = []
    for path, first_line in texts:
        display = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # unreadable pages are the page checks' to report
        if first_line:
            header = FRONT_MATTER.match(text)
            if not header:
                continue
            text = "\n" + header[1]  # keeps line numbers: the header starts on line 2
        try:
            check_expansion(text, display)
        except DataErrors as failure:
            problems += failure.errors
        except yaml.YAMLError:
            continue  # a syntax error is reported by MkDocs itself, at its line
    return problems


def check_expansion(text: str, display_path: str, outer_levels: int = 0) -> None:
    """Refuse, before anything is built, YAML that nests too deep or whose aliases expand too far.

    One pass over libyaml's events (a loop, no recursion): linear in the file whatever it holds,
    so a hostile pull request costs milliseconds, not minutes and gigabytes.
    """
    open_sizes: list[int] = []  # values inside each open list or mapping, aliases expanded
    open_anchors: list[str | None] = []
    anchor_sizes: dict[str, int] = {}
    alias_nodes = 0
    for event in yaml.parse(text, Loader=LOADER):
        if isinstance(event, yaml.CollectionStartEvent):
            if len(open_sizes) + outer_levels >= MAX_DEPTH:
                problem = f"nested more than {MAX_DEPTH} levels deep"
                _refuse_at(event, display_path, problem, "flatten the lists and mappings")
            open_sizes.append(1)
            open_anchors.append(event.anchor)
            continue
        if isinstance(event, yaml.CollectionEndEvent):
            size, anchor = open_sizes.pop(), open_anchors.pop()
            if anchor:
                anchor_sizes[anchor] = size
        elif isinstance(event, yaml.ScalarEvent):
            size = 1
            if event.anchor:
                anchor_sizes[event.anchor] = 1
        elif isinstance(event, yaml.AliasEvent):
            size = anchor_sizes.get(event.anchor or "", 1)  # alias to an open collection: a loop, the builder says so
            alias_nodes += size
            if alias_nodes > MAX_ALIAS_NODES:
                problem = f"*{event.anchor}: aliases expand to more than {MAX_ALIAS_NODES:,} values"
                _refuse_at(event, display_path, problem, "write the values out instead of nesting *aliases")
        else:
            continue
        if open_sizes:
            open_sizes[-1] += size


def _refuse_at(event: yaml.Event, display_path: str, problem: str, expected: str) -> None:
    line = event.start_mark.line + 1 if event.start_mark else 1
    raise DataErrors([DataError(display_path, line, "", problem, expected)])


class Builder:
    """Turn nodes into Python data, recording each field's line and refusing duplicate keys."""

    def __init__(self, document: YamlDocument, errors: list[DataError]):
        self.document = document
        self.errors = errors
        self.scalars = yaml.SafeLoader("")  # resolves scalars with PyYAML's safe rules
        self.open_nodes: set[int] = set()  # collections being built: meeting one again is an alias loop

    def build(self, node: yaml.Node, path: Path_) -> object:
        self.document.lines.setdefault(path, node.start_mark.line + 1)
        if id(node) in self.open_nodes:
            self._refuse(node, path, "alias refers to itself", "copy the values instead of the *alias")
            return None
        if isinstance(node, yaml.MappingNode):
            return self._nested(node, path, self._mapping)
        if isinstance(node, yaml.SequenceNode):
            return self._nested(node, path, self._sequence)
        try:
            return self.scalars.construct_object(node, deep=True)
        except yaml.YAMLError:
            self._refuse(node, path, f"unknown YAML tag {node.tag!r}", "remove the '!' tag before the value")
            return None

    def _nested(self, node: N, path: Path_, build_children: Callable[[N, Path_], object]) -> object:
        self.open_nodes.add(id(node))
        try:
            return build_children(node, path)
        finally:
            self.open_nodes.discard(id(node))

    def _sequence(self, node: yaml.SequenceNode, path: Path_) -> list[object]:
        return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]

    def _refuse(self, node: yaml.Node, path: Path_, problem: str, expected: str) -> None:
        line = node.start_mark.line + 1
        self.errors.append(DataError(self.document.display_path, line, dotted(path), problem, expected))

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict[str, object]:
        result: dict[str, object] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else "?"
            child = (*path, key)
            line = key_node.start_mark.line + 1
            if key in result:
                first = self.document.lines[child]
                problem = f"field written twice, first at line {first}"
                self.errors.append(
                    DataError(self.document.display_path, line, dotted(child), problem, "keep one of the two")
                )
                continue
            self.document.lines[child] = line
            result[key] = self.build(value_node, child)
        return result


def dotted(path: Path_) -> str:
    """("cdms", 3, "name") -> "cdms[3].name", the form staff see in messages."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
