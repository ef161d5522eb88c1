"""Every block call in the pages is checked against the blocks and the data, by ``ricdm.checks`` (check and build).

Each case types a mistake into a copy of a real page and expects the one line staff read, at the line they typed.
"""

from __future__ import annotations

import inspect
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PROJECT, copy_project
from ricdm.blocks import BLOCKS
from ricdm.checks import find_problems
from ricdm.pagecheck import ID_KINDS, block_calls

CASES = [
    (
        'figures("audiences")',
        'figures("audience")',
        "figures(\"audience\"): unknown figure group — did you mean 'audiences'?",
    ),
    (
        'figures("audiences")',
        'figurs("audiences")',
        "figurs(\"audiences\"): unknown block 'figurs' — did you mean 'figures'?",
    ),
    (
        'figures("audiences")',
        "figures(audiences)",
        "figures(audiences): audiences is not in quotes — put ids in straight",
    ),
    (
        'figures("audiences")',
        "figures(“audiences”)",
        'curly quotes around an id — use straight quotes: figures("audiences")',
    ),
    (
        'figures("audiences")',
        'figures("audiences"',
        'figures("audiences": cannot read this block call — write name("id")',
    ),
    (
        'figures("audiences")',
        'figures("audiences", "services")',
        'wrong number of arguments — write figures("<figure group>")',
    ),
    ('figures("audiences")', "figures()", 'figures(): wrong number of arguments — write figures("<figure group>")'),
    (
        'section("report-career-paths")',
        'section("report-career-paths", level="3")',
        "level: '3' is not a whole number — write digits without quotes",
    ),
    (
        'section("report-career-paths")',
        'section("report-career-paths", levle=3)',
        "unknown argument 'levle' — did you mean",
    ),
    (
        'section("report-career-paths")',
        'section("report-career-path")',
        "unknown section id — did you mean 'report-career-paths'?",
    ),
    (
        'bar_chart("resource-users",',
        'bar_chart("resource-user",',
        "unknown figure id 'resource-user' — did you mean 'resource-users'?",
    ),
    ('figures("audiences")', "glossary", "glossary: a block call needs parentheses — write glossary()"),
    ('figures("audiences")', "audiences", "audiences: not a block call — pages only call blocks: about_site,"),
    ('open_data("indicators")', 'open_data("indicator")', "unknown open data table — did you mean 'indicators'?"),
    (
        '{{ figures("audiences") }}',
        'See `{{ figures("audiences") }}`',
        'figures("audiences"): a block call inside `code` — take the backticks away',
    ),
]


def test_a_lead_paragraph_the_section_does_not_have_is_located(docs):
    line = type_into(docs / "docs/fr/index.md", 'lead("multi-partner-place", 5)', 'lead("multi-partner-place", 50)')
    (problem,) = find_problems(docs)
    assert str(problem).startswith(f'docs/fr/index.md:{line}: lead("multi-partner-place", 50): paragraph 50 does not')
    assert "a paragraph number from 1 to " in str(problem)


@pytest.fixture
def docs(tmp_path) -> Path:
    """A copy of the project, whose pages a test may break."""
    return copy_project(tmp_path / "project")


def type_into(page: Path, old: str, new: str) -> int:
    """Replace the first ``old`` by ``new`` as staff would in an editor; return the 1-based line of the change."""
    text = page.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {page}"
    page.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


@pytest.mark.parametrize(("old", "new", "expected"), CASES, ids=[case[1] for case in CASES])
def test_a_page_typo_is_one_located_line(docs, old, new, expected):
    line = type_into(docs / "docs/fr/impact.md", old, new)
    problems = [str(problem) for problem in find_problems(docs)]
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"docs/fr/impact.md:{line}: "), problems
    assert expected in problems[0], problems


def test_an_unclosed_call_is_located(docs):
    # The page's last call: an unclosed one before it would run on into the next call's braces.
    line = type_into(docs / "docs/en/index.md", "{{ network_overview() }}", '{{ network_overview("x"')
    (problem,) = find_problems(docs)
    assert str(problem).startswith(f"docs/en/index.md:{line}: {{{{ network_overview(")
    assert "'{{' is never closed — end the block call with }}" in str(problem)


def test_a_jinja_statement_is_named(docs):
    line = type_into(docs / "docs/fr/impact.md", '{{ figures("audiences") }}', "{% if x %}")
    (problem,) = find_problems(docs)
    assert str(problem).startswith(f"docs/fr/impact.md:{line}: {{% if x %}}: not a block call — pages hold text")


def test_calls_in_raw_blocks_and_unrendered_pages_are_left_alone():
    assert list(block_calls('{% raw %}{{ figurs("x") }}{% endraw %}\n', "docs/fr/a.md")) == []
    assert list(block_calls('---\nrender_macros: false\n---\n{{ figurs("x") }}\n', "docs/fr/a.md")) == []
    (call,) = block_calls('# Title\n\nText {{ figure("cdms") }} more.\n', "docs/fr/a.md")
    assert (call.line, call.text, call.in_code) == (3, 'figure("cdms")', False)
    spans = list(block_calls('`a` {{ figure("cdms") }} `{{ glossary() }}` ``{{ x() }}``\n', "docs/fr/a.md"))
    assert [call.in_code for call in spans] == [False, True, True]


def test_every_text_parameter_of_every_block_says_what_it_names():
    for name, block in BLOCKS.items():
        for parameter in list(inspect.signature(block).parameters.values())[2:]:
            assert parameter.annotation in ("str", "int"), (name, parameter)
            if parameter.annotation == "str":
                assert parameter.name in ID_KINDS, f"{name}({parameter.name}): add it to pagecheck.ID_KINDS"


def test_check_command_reports_a_page_typo(docs):
    line = type_into(docs / "docs/fr/impact.md", 'figures("audiences")', 'figures("audience")')
    result = subprocess.run(
        [sys.executable, "-m", "ricdm", "--root", str(docs), "check"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "1 problem in the site data:",
        f"docs/fr/impact.md:{line}: figures(\"audience\"): unknown figure group — did you mean 'audiences'?",
    ]
