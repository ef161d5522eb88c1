"""The preview's validated records (``validation.RecordMemo``) are never served stale.

After a load that kept every record, an edit of the real data gives exactly the dataset, or exactly the
errors at the same file:line, that a fresh load of the same files gives; only the edited records are new.
"""

from __future__ import annotations

import shutil

import pytest

from conftest import PROJECT
from ricdm.cache import DiskCache
from ricdm.dataset import DATA_FILES, FileMemo, load_dataset, load_dataset_cached
from ricdm.errors import DataErrors

REAL = (PROJECT / "data" / "cdms.yaml").read_text(encoding="utf-8")
BARCELONA = REAL[REAL.index("  - id: barcelone\n") : REAL.index("  - id: ", REAL.index("  - id: barcelone\n") + 1)]
"""A CDM that takes a value from a CDM in front of it (``text: *urban``)."""


@pytest.fixture
def warm(tmp_path):
    """A copy of the real data and a memo that has loaded it once."""
    data = tmp_path / "data"
    shutil.copytree(PROJECT / "data", data)
    memo = FileMemo()
    load_dataset(data, memo=memo)
    assert memo.records["data/cdms.yaml"].records, "the first load keeps each CDM's validated record"
    return data, memo


def write(data, text: str) -> None:
    (data / "cdms.yaml").write_text(text, encoding="utf-8")


def loaded(data, memo):
    """(dataset, None) or (None, the errors as staff read them)."""
    try:
        return load_dataset(data, memo=memo), None
    except DataErrors as failure:
        return None, [str(error) for error in failure.errors]


def test_a_field_edit_shows_and_only_that_record_is_new(warm):
    data, memo = warm
    before = load_dataset(data, memo=memo)
    write(data, REAL.replace(BARCELONA, BARCELONA.replace("founded: {year: 2003", "founded: {year: 2004", 1)))
    after = load_dataset(data, memo=memo)
    assert after == load_dataset(data)  # the same as a fresh load
    assert after.cdm("barcelone").founded.year == 2004
    new = [cdm.id for old, cdm in zip(before.cdms, after.cdms, strict=True) if cdm is not old]
    assert new == ["barcelone"]  # every other record was reused, not validated again


def test_an_edited_anchor_reaches_the_records_that_use_it(warm):
    """Barcelona's own text is unchanged, but the value its ``*urban`` copies is not: its record is new."""
    data, memo = warm
    anchored = REAL.index("fr:", REAL.index("text: &urban\n"))
    write(data, REAL[:anchored] + REAL[anchored:].replace("principalement", "surtout", 1))
    dataset, errors = loaded(data, memo)
    assert errors is None
    assert dataset.cdm("barcelone").context[0].text.fr.startswith("Contexte surtout urbain")
    assert dataset == load_dataset(data)


MISTAKES = {
    "an unknown country": ("    country: ES\n", "    country: XX\n"),
    "an impossible year": ("founded: {year: 2003", "founded: {year: 3003"),
    "a missing field": ("    country: ES\n", ""),
    "a field typo": ("    country: ES\n", "    contry: ES\n"),
    "an unknown source": ('        source: "§4.2"\n', '        source: "§9.9"\n'),
    "the record twice": (BARCELONA, BARCELONA + BARCELONA),
    "an anchor defined twice": ("founded: {year: 2003", "founded: &overseas {year: 2003"),  # Mayotte's, unused here
}


@pytest.mark.parametrize("mistake", list(MISTAKES))
def test_a_mistake_after_a_kept_load_is_reported_as_a_fresh_load_reports_it(warm, mistake):
    data, memo = warm
    old, new = MISTAKES[mistake]
    assert old in BARCELONA
    write(data, REAL.replace(BARCELONA, BARCELONA.replace(old, new, 1)))
    dataset, errors = loaded(data, memo)
    assert dataset is None and errors
    assert errors == loaded(data, FileMemo())[1]  # same messages, same file:line
    assert any(error.startswith("data/cdms.yaml:") for error in errors)
    write(data, REAL)  # fixed: the memo serves the valid records again, nothing of the mistake
    dataset, errors = loaded(data, memo)
    assert errors is None and dataset == load_dataset(data)


def test_the_preview_fills_its_memo_even_when_the_build_cache_has_the_data(tmp_path):
    """Else its first edit would read and validate every file whole, as if nothing were kept."""
    data = tmp_path / "data"
    shutil.copytree(PROJECT / "data", data)
    cache = DiskCache(tmp_path / "cache")
    stored = load_dataset_cached(data, cache)  # a one-off build stores the dataset
    memo = FileMemo()
    assert load_dataset_cached(data, cache, memo) == stored
    assert set(memo.files) == {f"data/{name}" for name in DATA_FILES}
    assert memo.records["data/cdms.yaml"].records
    write(data, REAL.replace(BARCELONA, BARCELONA.replace("    country: ES\n", "    country: XX\n", 1)))
    with pytest.raises(DataErrors) as kept:
        load_dataset_cached(data, cache, memo)
    with pytest.raises(DataErrors) as fresh:
        load_dataset_cached(data, cache)
    assert kept.value.errors == fresh.value.errors
