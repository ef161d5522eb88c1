"""The blocks the preview keeps whole while only CDMs change (``ricdm.parts.kept_whole``) read no CDM record.

Each such call of the real pages gives the same HTML from the real data and from the same data without any CDM:
a block that read a CDM would differ, and a CDM's edit would then leave it stale in the preview.
"""

from __future__ import annotations

import ast
from dataclasses import replace
from pathlib import Path

import pytest

from ricdm import blocks
from ricdm.dataset import load_dataset
from ricdm.memo import Memo
from ricdm.pagecheck import block_calls
from ricdm.render import Page

PROJECT = Path(__file__).resolve().parents[1]
KEPT_WHOLE = sorted(name for name, block in blocks.BLOCKS.items() if hasattr(block, "__wrapped__"))


def kept_calls() -> list[tuple[str, str, tuple[object, ...], dict[str, object]]]:
    """(language, block, arguments, keywords) of every call of a kept-whole block in docs/."""
    found = []
    for lang in ("fr", "en"):
        for path in sorted((PROJECT / "docs" / lang).rglob("*.md")):
            for call in block_calls(path.read_text(encoding="utf-8"), path.name):
                expression = ast.parse(call.text, mode="eval").body
                if not (isinstance(expression, ast.Call) and isinstance(expression.func, ast.Name)):
                    continue
                if expression.func.id in KEPT_WHOLE:
                    arguments = tuple(ast.literal_eval(argument) for argument in expression.args)
                    keywords = {item.arg: ast.literal_eval(item.value) for item in expression.keywords if item.arg}
                    found.append((lang, expression.func.id, arguments, keywords))
    return found


@pytest.fixture(scope="module")
def data():
    return load_dataset(PROJECT / "data")


@pytest.fixture(scope="module")
def calls(data):
    """The pages' calls, and ``figure`` (which no page calls today) for every figure."""
    figures = [(lang, "figure", (figure_id,), {}) for lang in ("fr", "en") for figure_id in data.figures]
    return kept_calls() + figures


def test_every_kept_block_is_checked(calls):
    assert {name for _, name, _, _ in calls} == set(KEPT_WHOLE)
    assert {"figures", "section", "glossary"} <= set(KEPT_WHOLE)


def test_kept_blocks_read_no_cdm(data, calls):
    without_cdms = replace(data, cdms=(), cdm_index={}, _derived={}, rows=Memo())
    for lang, name, arguments, keywords in calls:
        page = Page.at(("" if lang == "fr" else "en/") + "network/", lang, "https://example.test/")
        block = blocks.BLOCKS[name].__wrapped__  # type: ignore[attr-defined]
        made = block(data, page, *arguments, **keywords)
        assert made == block(without_cdms, page, *arguments, **keywords), f"{name}{arguments} reads a CDM"


def test_a_kept_block_is_made_again_when_the_rest_of_the_data_changes(data):
    page = Page.at("en/network/", "en", "https://example.test/")
    section = blocks.BLOCKS["section"]
    before = section(data, page, "pillars")
    assert section(replace(data, _derived={}), page, "pillars") is before  # kept: nothing it reads changed
    labels = {**data.labels, "source": data.labels["source"].model_copy(update={"en": "Origin"})}
    after = section(replace(data, labels=labels, _derived={}), page, "pillars")
    assert "Origin" in after and "Origin" not in before
