"""The preview's item-by-item re-read of a data file gives exactly what a whole read gives, errors included."""

from __future__ import annotations

import re

import pytest

from conftest import PROJECT
from ricdm import yamlitems
from ricdm.errors import DataErrors
from ricdm.yamlitems import ItemMemo
from ricdm.yamlsource import parse_text

REAL = (PROJECT / "data" / "cdms.yaml").read_text(encoding="utf-8")
ITEMS = re.split(r"(?m)^(?=  - id:)", REAL)[1:]
LONE = next(item for item in ITEMS if "&" not in item and "*" not in item)
"""A CDM no other CDM takes a value from (it defines no anchor) and that takes none."""
LONE_NAME = re.search(r"name: \{fr: \"([^\"]+)\"", LONE)[1]


def edits() -> dict[str, str]:
    """Edits staff make, on the real file (which uses anchors and aliases across CDMs)."""
    anchor = re.search(r"&([\w-]+)", REAL)
    assert anchor, "the real file has anchors: the case that needs the items in front"
    after_anchor = REAL.index('fr: "', anchor.end()) + 2  # the edit below lands just inside the opening quote
    return {
        "a name": REAL.replace(LONE, LONE.replace(LONE_NAME, f"{LONE_NAME} (modifiée)", 1)),
        "the name of a CDM others take values from": REAL.replace("Paris", "Paris (modifiée)", 1),
        "inside an anchored value": REAL[: after_anchor + 3] + " Z" + REAL[after_anchor + 3 :],
        "an anchor renamed": re.sub(  # *urban, not *urban-rural
            rf"\*{anchor[1]}(?![\w-])", f"*{anchor[1]}-x", REAL.replace(f"&{anchor[1]}", f"&{anchor[1]}-x", 1)
        ),
        "a CDM removed": REAL.replace(LONE, ""),
        "a comment added": REAL.replace("  - id:", "  # new\n  - id:", 1),
    }


@pytest.mark.parametrize("edit", list(edits()))
def test_an_edit_reads_as_the_whole_file(edit):
    memo = ItemMemo()
    memo.read(REAL, "data/cdms.yaml")
    edited = edits()[edit]
    got = memo.read(edited, "data/cdms.yaml")
    whole = parse_text(edited, "data/cdms.yaml")
    assert got.data == whole.data
    assert got.lines == whole.lines


def test_edits_in_a_row_read_as_the_whole_file():
    """One memo through every edit and back: an item's lines kept from a read are never those of another place."""
    memo = ItemMemo()
    memo.read(REAL, "data/cdms.yaml")
    for text in [edited for edit in edits().values() for edited in (edit, REAL)]:
        got = memo.read(text, "data/cdms.yaml")
        whole = parse_text(text, "data/cdms.yaml")
        assert (got.data, got.lines) == (whole.data, whole.lines)


@pytest.mark.parametrize(
    "shape",
    [
        ("  - id:", "- id:"),  # items not indented under the key
        ("\n  - id:", "\n\n   # a comment, indented deeper\n  - id:"),
        ("\n  - id:", "\n  -\n    id:"),  # a dash alone on its line
        ("\n  - id:", "\n  -id:"),  # not an item: a plain text line, as YAML reads it
    ],
)
def test_a_file_written_another_way_reads_as_the_whole_file(shape):
    memo = ItemMemo()
    memo.read(REAL, "data/cdms.yaml")
    text = REAL.replace(*shape)
    try:
        whole = parse_text(text, "data/cdms.yaml")
    except DataErrors as failure:
        with pytest.raises(DataErrors) as got:
            memo.read(text, "data/cdms.yaml")
        assert got.value.errors == failure.errors
        return
    got = memo.read(text, "data/cdms.yaml")
    assert (got.data, got.lines) == (whole.data, whole.lines)


def test_a_name_edit_parses_one_item_again(monkeypatch):
    parsed = []
    original = yamlitems._parse_item

    def counting(key, display_path):
        parsed.append(key)
        return original(key, display_path)

    monkeypatch.setattr(yamlitems, "_parse_item", counting)
    memo = ItemMemo()
    memo.read(REAL, "data/cdms.yaml")
    assert parsed == []  # the first read is whole
    memo.read(edits()["a name"], "data/cdms.yaml")
    assert len(parsed) == 1
    assert parsed[0] == (LONE.replace(LONE_NAME, f"{LONE_NAME} (modifiée)", 1),)


@pytest.mark.parametrize(
    "mistake",
    [
        ("    country: FR\n", "    country: FR\n    country: BE\n"),  # a field twice
        ("    country: FR\n", "    country: [FR\n"),  # YAML syntax
        ("    country: FR\n", "country: FR\n"),  # out of the list
    ],
)
def test_a_mistake_is_reported_as_a_whole_read_reports_it(mistake):
    memo = ItemMemo()
    memo.read(REAL, "data/cdms.yaml")
    broken = REAL.replace(*mistake, 1)
    with pytest.raises(DataErrors) as whole:
        parse_text(broken, "data/cdms.yaml")
    with pytest.raises(DataErrors) as got:
        memo.read(broken, "data/cdms.yaml")
    assert [str(error) for error in got.value.errors] == [str(error) for error in whole.value.errors]
