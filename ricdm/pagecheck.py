"""Every block call in every page, checked against the blocks' signatures and the data before anything renders.

A page holds prose and calls such as ``{{ figures("audiences") }}``. A typo there must be answered like a data
mistake, ``docs/fr/impact.md:9: figures("audience"): unknown figure group — did you mean 'audiences'?``, by
``python -m ricdm check`` and by the build alike, and never reach mkdocs-macros, which would stop with a traceback.
"""

from __future__ import annotations

import ast
import difflib
import inspect
import re
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from pathlib import Path

from .blocks import BLOCKS, PROFILE_LISTS
from .dataset import Dataset
from .errors import DataError
from .models import LANGUAGES
from .opendata import DOWNLOADS

ID_KINDS: dict[str, tuple[str, Callable[[Dataset], Collection[str]], str]] = {
    "cdm_id": ("CDM id", lambda data: data.cdm_index, "cdms"),
    "figure_id": ("figure id", lambda data: data.figures, "figures"),
    "figure_ids": ("figure id", lambda data: data.figures, "figures"),
    "group_id": ("figure group", lambda data: data.groups, "groups"),
    "section_id": ("section id", lambda data: data.sections, "sections"),
    "name": ("open data table", lambda data: DOWNLOADS, ""),
    "field": ("profile heading", lambda data: PROFILE_LISTS, ""),
}
"""What each text parameter of a block names (by parameter name), where the known values live, and the list of
records they come from (``Dataset.unsure``: ids of data read around its problems)."""

LEVELS = range(1, 7)
"""Heading levels a ``section(..., level=N)`` may ask for."""

_CALL = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)
_RAW = re.compile(r"\{%-?\s*raw\s*-?%\}.*?\{%-?\s*endraw\s*-?%\}", re.DOTALL)
_NO_MACROS = re.compile(r"\A---\n(?:.*\n)*?render_macros:\s*false\s*\n(?:.*\n)*?---\n")
_BACKTICKS = re.compile(r"`+")
_CURLY_QUOTES = "“”„«»‘’‹›"


@dataclass(frozen=True)
class BlockCall:
    """One ``{{ … }}`` of a page: where it stands and what is written inside."""

    file: str
    line: int
    text: str
    closed: bool = True
    """False for a ``{{`` never closed: ``text`` is then the rest of its line."""
    statement: bool = False
    """True for a Jinja ``{% … %}`` or ``{# … #}`` outside ``{% raw %}``: pages hold prose and block calls only."""
    in_code: bool = False
    """True inside a `code span` of its line: Markdown would show the block's HTML escaped, as code."""


def check_pages(docs_dir: Path, data: Dataset | None, display_root: str = "docs") -> list[DataError]:
    """Problems of every block call in ``docs/<lang>/**/*.md``; ids against the data that could be read (None: none)."""
    errors: list[DataError] = []
    for lang in LANGUAGES:
        folder = docs_dir / lang
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*.md")):
            display = f"{display_root}/{path.relative_to(docs_dir).as_posix()}"
            for call in block_calls(path.read_text(encoding="utf-8"), display):
                errors.extend(check_call(call, data))
    return errors


def block_calls(markdown: str, display: str) -> Iterator[BlockCall]:
    """Each ``{{ … }}`` outside ``{% raw %}`` with its 1-based line; a ``{{`` left open is a call too."""
    if _NO_MACROS.match(markdown):
        return
    text = _RAW.sub(lambda match: re.sub(r"[^\n]", " ", match.group()), markdown)
    for match in _CALL.finditer(text):
        line_start, line_end = text.rfind("\n", 0, match.start()) + 1, text.find("\n", match.end())
        in_code = _in_code_span(text[line_start : match.start()], text[match.end() : line_end])
        yield BlockCall(display, text.count("\n", 0, match.start()) + 1, match.group(1).strip(), in_code=in_code)
    rest = _CALL.sub(lambda match: " " * len(match.group()), text)
    if "{{" in rest:
        start = rest.index("{{")
        line = text[start:].split("\n", 1)[0].strip()
        yield BlockCall(display, rest.count("\n", 0, start) + 1, line, closed=False)
    for match in re.finditer(r"\{[%#]", rest):
        line = text[match.start() :].split("\n", 1)[0].strip()
        yield BlockCall(display, rest.count("\n", 0, match.start()) + 1, line, statement=True)


def _in_code_span(before: str, after: str) -> bool:
    """Whether a call between ``before`` and ``after`` (its line) is in a code span: N backticks open, N close."""
    opened = 0
    for run in _BACKTICKS.findall(before):
        opened = 0 if len(run) == opened else opened or len(run)
    return bool(opened) and any(len(run) == opened for run in _BACKTICKS.findall(after))


def check_call(call: BlockCall, data: Dataset | None) -> list[DataError]:
    """The problems of one call, each as ``file:line: call: problem — fix``."""
    shown = " ".join(call.text.split())

    def error(problem: str, expected: str) -> list[DataError]:
        return [DataError(call.file, call.line, shown, problem, expected)]

    if call.statement:
        return error(
            "not a block call",
            "pages hold text and {{ block(...) }} calls only; to show {% or {# as text, put it between "
            "{% raw %} and {% endraw %}",
        )
    if not call.closed:
        return error("'{{' is never closed", 'end the block call with }}, e.g. {{ figures("audiences") }}')
    if call.in_code:
        return error(
            "a block call inside `code`",
            "take the backticks away to show the block; to show the call itself, put it between {% raw %} and "
            "{% endraw %}",
        )
    if any(quote in call.text for quote in _CURLY_QUOTES):
        straight = re.sub(f"[{_CURLY_QUOTES}]", '"', shown)
        return error("curly quotes around an id", f"use straight quotes: {straight}")
    try:
        expression = ast.parse(call.text, mode="eval").body
    except SyntaxError:
        return error("cannot read this block call", 'write name("id"), ids in straight quotes, separated by commas')
    if isinstance(expression, ast.Name) and expression.id in BLOCKS:
        return error("a block call needs parentheses", f"write {expression.id}()")
    if not (isinstance(expression, ast.Call) and isinstance(expression.func, ast.Name)):
        return error("not a block call", f"pages only call blocks: {_choices(BLOCKS, limit=len(BLOCKS))}")
    name = expression.func.id
    if name not in BLOCKS:
        return error(f"unknown block {name!r}", _suggest(name, BLOCKS))
    return _check_arguments(call, shown, name, expression, data)


def _check_arguments(
    call: BlockCall, shown: str, name: str, expression: ast.Call, data: Dataset | None
) -> list[DataError]:
    parameters = list(inspect.signature(BLOCKS[name]).parameters.values())[2:]  # after (data, page)
    usage = f"write {usage_of(name)}"

    def error(problem: str, expected: str = usage) -> list[DataError]:
        return [DataError(call.file, call.line, shown, problem, expected)]

    values: list[object] = []
    for node in [*expression.args, *(keyword.value for keyword in expression.keywords)]:
        if isinstance(node, ast.Name):
            return error(f"{node.id} is not in quotes", f'put ids in straight quotes: "{node.id}"')
        if not isinstance(node, ast.Constant):
            return error("an argument is not a plain id or number", usage)
        values.append(node.value)
    positional = values[: len(expression.args)]
    names = [keyword.arg or "**" for keyword in expression.keywords]
    keywords = dict(zip(names, values[len(positional) :], strict=True))
    known = {parameter.name for parameter in parameters if parameter.kind is not parameter.VAR_POSITIONAL}
    for keyword in keywords:
        if keyword not in known:
            return error(f"unknown argument {keyword!r}", _suggest(str(keyword), known) if known else usage)
    signature = inspect.Signature(parameters)
    try:
        bound = signature.bind(*positional, **keywords)
    except TypeError:
        return error("wrong number of arguments")
    problems: list[DataError] = []
    for parameter in parameters:
        given = bound.arguments.get(parameter.name)
        if parameter.kind is parameter.VAR_POSITIONAL:
            if not given:
                return error("needs at least one id")
            given_values = list(given)
        elif parameter.name in bound.arguments:
            given_values = [given]
        else:
            continue
        for value in given_values:
            problems += _check_value(call, shown, parameter, value, len(values) > 1, data)
    if name == "lead" and data is not None and not problems:
        problems += _check_paragraph(call, shown, data, bound.arguments["section_id"], bound.arguments["paragraph"])
    return problems


def _check_paragraph(call: BlockCall, shown: str, data: Dataset, section_id: str, paragraph: int) -> list[DataError]:
    """``lead("<section id>", N)``: the section must have an N-th paragraph, or the build would stop on it."""
    if section_id not in data.sections:
        return []  # a section with a problem of its own, in data read around its problems
    count = len(data.sections[section_id].paragraphs)
    if 1 <= paragraph <= count:
        return []
    problem = f"paragraph {paragraph} does not exist: section {section_id!r} has {count}"
    return [DataError(call.file, call.line, shown, problem, f"a paragraph number from 1 to {count}")]


def _check_value(
    call: BlockCall, shown: str, parameter: inspect.Parameter, value: object, several: bool, data: Dataset | None
) -> list[DataError]:
    def error(problem: str, expected: str) -> list[DataError]:
        return [DataError(call.file, call.line, shown, problem, expected)]

    if parameter.annotation == "int":
        if not isinstance(value, int) or isinstance(value, bool):
            return error(f"{parameter.name}: {value!r} is not a whole number", "write digits without quotes, e.g. 3")
        if parameter.name == "level" and value not in LEVELS:
            return error(f"level {value} does not exist", "a heading level from 1 to 6")
        return []
    if not isinstance(value, str):
        return error(f"{value!r} is not in quotes", f'write "{value}"')
    kind = ID_KINDS.get(parameter.name)
    if kind is None or data is None:
        return []
    label, known = kind[0], kind[1](data)
    if value in known:
        return []
    if kind[2] in data.unsure:  # data read around its problems: an id of a record with a problem, or of no file read
        given = data.unsure[kind[2]]
        if given is None or value in given:
            return []
        known = set(known) | given
    problem = f"unknown {label} {value!r}" if several else f"unknown {label}"
    return error(problem, _suggest(value, known))


def usage_of(name: str) -> str:
    """How a page calls a block, e.g. ``section("<section id>", level=2)``."""
    parts = []
    for parameter in list(inspect.signature(BLOCKS[name]).parameters.values())[2:]:
        label = ID_KINDS.get(parameter.name, (parameter.name,))[0]
        if parameter.kind is parameter.VAR_POSITIONAL:
            parts.append(f'"<{label}>", …')
        elif parameter.default is not parameter.empty:
            parts.append(f"{parameter.name}={parameter.default!r}")
        else:
            parts.append(f'"<{label}>"')
    return f"{name}({', '.join(parts)})"


def _suggest(value: str, known: Collection[str]) -> str:
    close = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else f"one of: {_choices(known)}"


def _choices(known: Collection[str], limit: int = 12) -> str:
    names = sorted(known)
    more = f" … ({len(names)} in all)" if len(names) > limit else ""
    return ", ".join(names[:limit]) + more
