"""The termbase check: one French term, one English rendering, on every page.

Where the French of a bilingual text has a term of ``data/termbase.yaml``, its English must use the term's
rendering (or a form the termbase accepts); no English text may use a rendering the termbase rules out. Texts
are the ``Text`` values of every data file and each page twin of ``docs/`` (prose, without macro calls), each
named by an id that exceptions in the termbase refer to.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import yaml
from pydantic import BaseModel

from .datafiles import DATA_FILES
from .models import ReportError, TermbaseFile, TermbaseTerm, Text

_QUOTES = str.maketrans(
    {
        "’": "'",
        "‘": "'",
        "ʼ": "'",
        "“": '"',
        "”": '"',
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
    }
)


def normalise(text: str) -> str:
    """One form of a text for matching: straight apostrophes and quotes (« x » is "x"), plain spaces."""
    text = re.sub(r"«\s*", '"', text.translate(_QUOTES))
    return re.sub(r"\s+", " ", re.sub(r"\s*»", '"', text))


def form_pattern(form: str) -> str:
    """A termbase form as a regular expression: whole words, ``*`` any letters, capitals kept where written."""
    words = []
    for word in normalise(form).split(" "):
        body = re.escape(word).replace(r"\*", r"\w*")
        words.append(f"(?-i:{body})" if any(char.isupper() for char in word) else body)
    return r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)"


def _compile(forms: Iterable[str]) -> re.Pattern[str] | None:
    patterns = [form_pattern(form) for form in forms]
    return re.compile("|".join(patterns), re.IGNORECASE) if patterns else None


@dataclass(frozen=True)
class TextPair:
    """One bilingual text: its id (what a termbase exception names), its French and its English."""

    id: str
    fr: str
    en: str


@dataclass(frozen=True)
class Finding:
    text: str
    term: str
    problem: str

    def __str__(self) -> str:
        return f"{self.text}: [{self.term}] {self.problem}"


@dataclass(frozen=True)
class _Term:
    term: TermbaseTerm
    french: re.Pattern[str]
    english: re.Pattern[str]
    avoid: re.Pattern[str] | None
    exempt: frozenset[str]


FRENCH_FORMS = (
    (re.compile(r"\b\d{2}-\d{2}-\d{2}\b"), 'a date as "22-12-22": write "22 December 2022"'),
    (re.compile(r"\b\d{1,2}/(?:19|20)\d{2}\b"), 'a month as "04/2022" or a date as "12/12/2019": write it in words'),
    (re.compile(r"\bQ\s?°\s?\d+|\bQ\d+\b"), 'a question as "Q°1": write "question 1"'),
    (re.compile(r"\(\d{1,2}/\d{1,2}\)|\b\d{1,2}/\d{2} (?:years|ans)\b"), 'a range as "15/25": write "15–25" (en dash)'),
    (re.compile(r"\b\d+ %"), 'a percentage as "55 %": write "55%" in English'),
)
"""French ways of writing dates, ranges, questions and percentages: never on an English page (docs-staff/style.md),
except named in quotation marks (a French title, the report's "Q°1")."""

_NAMED = re.compile(r'"[^"]{1,100}"')
"""A short span in quotation marks: a form named ("the report writes «RIDCM»"), where a slip is not one of ours."""


def _slips(error: ReportError, pair: TextPair) -> Iterator[tuple[str, str]]:
    """Each language of ``pair`` that writes ``error``'s slip without [sic], not named in quotation marks."""
    pattern = re.compile(form_pattern(error.wrong) + r"(?! \[sic\])", re.IGNORECASE)
    for lang, text in (("fr", pair.fr), ("en", pair.en)):
        text = normalise(text)
        named = [match.span() for match in _NAMED.finditer(text)]
        for match in pattern.finditer(text):
            if not any(start < match.start() < end for start, end in named):
                yield lang, match[0]
                break


_TAG = re.compile(r"<[^>]*>")
_STRAIGHT_DOUBLE = re.compile(r'"')
_ENGLISH_QUOTES = (
    (_STRAIGHT_DOUBLE, "write curly double quotes “ ”"),
    (
        re.compile(r"(?<!\w)'"),
        "write ‘ ’ for a quotation inside a quotation (the build curls only an apostrophe after a letter)",
    ),
    (re.compile(r"[«»]"), "write “ ” on an English page, also around French words"),
)
"""The quotation marks an English text never uses (docs-staff/style.md §1)."""


def _around(text: str, match: re.Match[str]) -> str:
    """The mark with a few characters either side, to find it in the file."""
    return repr(text[max(match.start() - 12, 0) : match.end() + 12].replace("\n", " "))


class Termbase:
    """``data/termbase.yaml`` compiled for checking texts."""

    def __init__(self, termbase: TermbaseFile) -> None:
        self.file = termbase
        names = sorted((name.name for name in termbase.names), key=len, reverse=True)
        self._names = re.compile("|".join(re.escape(normalise(name)) for name in names)) if names else None
        self._terms = [
            _Term(
                term,
                french=re.compile("|".join(form_pattern(form) for form in term.fr), re.IGNORECASE),
                english=re.compile(
                    "|".join(form_pattern(form) for form in [term.en, *term.en_forms]),
                    re.IGNORECASE,
                ),
                avoid=_compile(term.avoid),
                exempt=frozenset(exception.text for exception in term.exceptions),
            )
            for term in termbase.terms
        ]
        self._house_avoid = [(rule.use, _compile(rule.forms)) for rule in termbase.avoid]

    @cached_property
    def exception_ids(self) -> dict[str, str]:
        """Every text id an exception names, with its term: a test checks each names a real text."""
        ids = {text: term.term.id for term in self._terms for text in term.exempt}
        return ids | {item.text: error.wrong for error in self.file.report_errors for item in error.exceptions}

    @staticmethod
    def french_forms(texts: Iterable[TextPair]) -> list[Finding]:
        """English texts that write a date, a month, a range, a question or a percentage the French way."""
        findings: list[Finding] = []
        for pair in texts:
            if pair.id.startswith("glossary.yaml:") and pair.id.endswith(".term"):
                continue  # the glossary names the report's notations ("Q°1") to explain them
            english = normalise(pair.en)
            named = [match.span() for match in _NAMED.finditer(english)]
            for pattern, problem in FRENCH_FORMS:
                for match in pattern.finditer(english):
                    if not any(start < match.start() < end for start, end in named):
                        findings.append(Finding(pair.id, "house style", f"English {match[0]!r}: {problem}"))
                        break
        return findings

    @staticmethod
    def quotation_marks(texts: Iterable[TextPair]) -> list[Finding]:
        """Texts whose quotation marks are not the house style's one form (docs-staff/style.md §1).

        English: curly double quotes “ ” (‘ ’ inside a quotation), never straight ones nor « ». French: « » (“ ”
        inside a quotation), never straight double quotes. Apostrophes after a letter become curly at the build in
        both languages (``ricdm.typography``); a straight quote anywhere else is reported. HTML tags are not text.
        """
        findings: list[Finding] = []
        for pair in texts:
            english, french = (_TAG.sub(" ", text) for text in (pair.en, pair.fr))
            for pattern, problem in _ENGLISH_QUOTES:
                if match := pattern.search(english):
                    findings.append(
                        Finding(pair.id, "quotation marks", f"English {_around(english, match)}: {problem}")
                    )
            if match := _STRAIGHT_DOUBLE.search(french):
                problem = "write « » (“ ” inside a quotation)"
                findings.append(Finding(pair.id, "quotation marks", f"French {_around(french, match)}: {problem}"))
        return findings

    def report_errors(self, texts: Iterable[TextPair]) -> list[Finding]:
        """Each slip of the report written without "[sic]" after it, unless quoted as a form ("the report writes «x»").

        The house style's rule: inside a quotation the report's words are kept, marked "[sic]"; in the editors' own
        text they are corrected, with a note that may name the report's form in quotation marks. Never silently.
        """
        findings: list[Finding] = []
        for error in self.file.report_errors:
            exempt = {item.text for item in error.exceptions}
            for pair in texts:
                for lang, words in _slips(error, pair) if pair.id not in exempt else ():
                    problem = f"{lang} {words!r}: a slip of the report; quoted, add [sic]; else write {error.right!r}"
                    findings.append(Finding(pair.id, "report error", problem))
        return findings

    def stale_exceptions(self, texts: Iterable[TextPair]) -> list[str]:
        """Exceptions that excuse nothing any more (``term: text id``): they would only hide a later departure.

        A text follows the rule once edited (the profiles' "Réunion"): its exception must go with the edit.
        """
        by_id = {pair.id: pair for pair in texts}
        stale: list[str] = []
        for term in self._terms:
            for text_id in sorted(term.exempt):
                pair = by_id.get(text_id)
                if pair is not None and not self._departs(term, pair):
                    stale.append(f"{term.term.id}: {text_id}")
        for error in self.file.report_errors:
            for item in error.exceptions:
                pair = by_id.get(item.text)
                if pair is not None and not any(_slips(error, pair)):
                    stale.append(f"{error.wrong}: {item.text}")
        return stale

    def _departs(self, term: _Term, pair: TextPair) -> bool:
        """Whether ``pair``'s English departs from ``term``, exceptions aside."""
        english = self._mask(pair.en)
        if term.term.id in self.terms_in(pair.fr) and not term.english.search(english):
            return True
        return bool(term.avoid and term.avoid.search(english))

    def _mask(self, text: str) -> str:
        text = normalise(text)
        return self._names.sub(lambda match: " " * len(match[0]), text) if self._names else text

    def terms_in(self, french: str) -> dict[str, str]:
        """The terms a French text uses, each with the words that use it; the longest form wins an overlap."""
        text = self._mask(french)
        found = [(match.start(), match.end(), term) for term in self._terms for match in term.french.finditer(text)]
        found.sort(key=lambda item: (item[0] - item[1], item[0]))
        taken: list[tuple[int, int]] = []
        terms: dict[str, str] = {}
        for start, end, term in found:
            if any(start < other_end and other_start < end for other_start, other_end in taken):
                continue
            taken.append((start, end))
            terms.setdefault(term.term.id, text[start:end])
        return terms

    def check(self, texts: Iterable[TextPair]) -> list[Finding]:
        findings: list[Finding] = []
        by_id = {term.term.id: term for term in self._terms}
        for pair in texts:
            english = self._mask(pair.en)
            for term_id, words in self.terms_in(pair.fr).items():
                term = by_id[term_id]
                if pair.id not in term.exempt and not term.english.search(english):
                    findings.append(
                        Finding(
                            pair.id,
                            term_id,
                            f"French {words!r}: English should say {term.term.en!r}",
                        )
                    )
            for term in self._terms:
                if term.avoid and pair.id not in term.exempt and (match := term.avoid.search(english)):
                    findings.append(
                        Finding(
                            pair.id,
                            term.term.id,
                            f"English {match[0]!r}: write {term.term.en!r}",
                        )
                    )
            for use, pattern in self._house_avoid:
                if pattern and (match := pattern.search(english)):
                    findings.append(Finding(pair.id, "house style", f"English {match[0]!r}: {use}"))
        return findings


def data_texts(name: str, model: BaseModel) -> Iterator[TextPair]:
    """Every ``Text`` of a validated data file, named ``file:path`` (list items by their id where they have one)."""
    yield from _walk(model, f"{name}:")


def _walk(value: object, path: str) -> Iterator[TextPair]:
    if isinstance(value, Text):
        yield TextPair(path.rstrip("."), value.fr, value.en)
    elif isinstance(value, BaseModel):
        for field in type(value).model_fields:
            yield from _walk(getattr(value, field), f"{path}{field}.")
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            key = getattr(item, "id", None)
            yield from _walk(item, f"{path}{key if isinstance(key, str) else index}.")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, f"{path}{key}.")


_MACRO = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|<!--.*?-->|\]\([^)]*\)", re.DOTALL)


def page_texts(docs: Path) -> Iterator[TextPair]:
    """Each page twin of ``docs/fr`` and ``docs/en`` as one text, without macro calls, comments or link targets."""
    for french in sorted((docs / "fr").glob("*.md")):
        english = docs / "en" / french.name
        if english.is_file():
            yield TextPair(
                f"docs/{french.name}",
                _MACRO.sub(" ", french.read_text(encoding="utf-8")),
                _MACRO.sub(" ", english.read_text(encoding="utf-8")),
            )


def all_texts(root: Path) -> Iterator[TextPair]:
    """Every bilingual text of the site: each data file's texts, then each page twin."""
    for name, model in DATA_FILES.items():
        raw = yaml.safe_load((root / "data" / name).read_text(encoding="utf-8"))
        yield from data_texts(name, model.model_validate(raw))
    yield from page_texts(root / "docs")


def load_termbase(root: Path) -> Termbase:
    raw = yaml.safe_load((root / "data" / "termbase.yaml").read_text(encoding="utf-8"))
    return Termbase(TermbaseFile.model_validate(raw))
