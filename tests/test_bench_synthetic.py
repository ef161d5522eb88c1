"""The benchmark's synthetic networks are valid data, cloned from the real records (no timing here)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from conftest import PROJECT
from ricdm.dataset import load_dataset

sys.path.insert(0, str(PROJECT / "bench"))

from synthetic import main, read_real_cdms, write_synthetic  # noqa: E402


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    return Path(shutil.copytree(PROJECT / "data", tmp_path / "data"))


def test_synthetic_network_of_26_validates_in_both_languages(data_copy):
    real = read_real_cdms(PROJECT / "data")
    write_synthetic(data_copy, 26)
    dataset = load_dataset(data_copy)
    assert len(dataset.cdms) == 26
    assert len({cdm.id for cdm in dataset.cdms}) == 26
    assert [cdm.id for cdm in dataset.cdms[: len(real)]] == [record["id"] for record in real][:26]
    for cdm in dataset.cdms:
        assert cdm.name.fr and cdm.name.en and cdm.statuses
        assert all(fact.source in dataset.sources for fact in cdm.names)


def test_clones_keep_the_real_facts_and_number_their_names(data_copy):
    real = read_real_cdms(PROJECT / "data")
    write_synthetic(data_copy, len(real) + 1)
    clone = load_dataset(data_copy).cdms[-1]
    original = real[0]
    assert clone.id == f"{original['id']}-2"
    assert clone.name.fr == f"{original['name']['fr']} 2" and clone.name.en == f"{original['name']['en']} 2"
    assert clone.country == original["country"]
    assert [entry.source for entry in clone.statuses] == [entry["source"] for entry in original["statuses"]]


def test_generator_refuses_the_real_data_folder(capsys):
    before = (PROJECT / "data" / "cdms.yaml").read_bytes()
    assert main(["26", str(PROJECT / "data")]) == 2
    assert (PROJECT / "data" / "cdms.yaml").read_bytes() == before
