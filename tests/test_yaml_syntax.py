"""Ill-formed YAML as staff write it: the message says what is wrong in their words, at the line to fix."""

from __future__ import annotations

import pytest

from ricdm.errors import DataErrors
from ricdm.yamlsource import parse_text

CASES = [
    # (text, line to fix, what is wrong, what to do)
    ('a:\n  b: "open\n  c: 2\n', 2, "a quote opened on this line is never closed", "end the text with the same quote"),
    ("a:\n  b: Paris: the city\n", 2, 'a ": " inside a text without quotes', 'put the whole text in "double quotes"'),
    ("a:\n    b: 1\n\tc: 2\n", 3, "a tab character", "indent with spaces, never tabs"),
    ("a:\n\tb: 1\n", 2, "a tab, or a text starting with @ or ` without quotes", "indent with spaces"),
    ("a:\n  b: 1\n  c\n  d: 2\n", 4, "a line without its colon (field: value)", "add the colon"),
    ("a: {x: 1 y: 2}\n", 1, "a { … } group not closed, or fields without a comma", "close the group with }"),
    ("a: [1, 2\nb: 3\n", 1, "a [ … ] list opened on this line is never closed (or lacks a comma before line 2)", "]"),
    (  # PyYAML notices the group left open on the next line: the line to fix is the one where it opens
        'terms:\n  - id: cdm\n    term: {fr: "CDM", en: "CDM"\n    definition: {fr: "x", en: "x"}\n',
        3,
        "a { … } group opened on this line is never closed (or lacks a comma before line 4)",
        "close it with } on this line, and separate its entries with commas",
    ),
    ("a:\n  - x: 1\n - y: 2\n", 3, "a line not lined up with the fields around it", "indent it as the fields above"),
    ("a: &paris 1\nb: *pariss\n", 2, "a *name with no &name above it", "fix the spelling"),
    ("cdms:\n  - id: a\n  oops: 1\n  - id: b\n", 3, "a line not lined up with the list around it", "'- ' at the same"),
]


RUNAWAY = "a quote opened on this line is never closed (the text runs on to the quote after"
LYON = 'cdms:\n  - id: lyon\n    name: {fr: "Cité des métiers de Lyon, en: "Lyon Cité des métiers"}\n'
BLOCK = 'cdms:\n  - id: lyon\n    name:\n      fr: "Cité des métiers de Lyon\n      en: "Lyon Cité des métiers"\n'
CASES += [
    # A quote left open that runs on to the next field's quote: PyYAML stops after it, with other words.
    (LYON, 3, f"{RUNAWAY} en:)", 'close it with " where the text ends, on this line'),
    (BLOCK, 4, f"{RUNAWAY} en: on line 5)", 'close it with " where the text ends, on this line'),
    (BLOCK.replace('"', "'"), 4, f"{RUNAWAY} en: on line 5)", "close it with ' where the text ends"),
    (
        'a:\n  - {fr: "Lyon, en: Lyon}\n  - {fr: "Paris", en: "Paris"}\n',
        2,
        f"{RUNAWAY} fr: on line 3)",
        'close it with " where the text ends',
    ),
]


@pytest.mark.parametrize(("text", "line", "problem", "advice"), CASES)
def test_ill_formed_yaml_is_named_in_staff_words_at_its_line(text, line, problem, advice):
    with pytest.raises(DataErrors) as raised:
        parse_text(text, "data/x.yaml")
    (error,) = raised.value.errors
    assert (error.file, error.line) == ("data/x.yaml", line), str(error)
    assert error.problem.startswith(f"YAML syntax: {problem}"), str(error)
    assert advice in error.expected, str(error)


def test_a_problem_without_plain_words_keeps_pyyaml_s_own():
    with pytest.raises(DataErrors) as raised:
        parse_text("a: !x!y b\n", "data/x.yaml")
    (error,) = raised.value.errors
    assert str(error) == "data/x.yaml:1: YAML syntax: found undefined tag handle — check indentation, colons and quotes"


def test_a_text_that_only_ends_like_a_field_is_not_taken_for_a_runaway_quote():
    """``"Source: "`` closed on its own line, then a real mistake two lines below: that mistake is reported."""
    with pytest.raises(DataErrors) as raised:
        parse_text('a:\n  b: "Source: "\n  c: 1\n d: 2\n', "data/x.yaml")
    (error,) = raised.value.errors
    assert error.line == 4 and "never closed" not in error.problem, str(error)
