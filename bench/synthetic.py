"""Synthetic networks of any size, cloned from the real ``data/cdms.yaml`` so they follow its shape.

Copy 1 of each record is the real record unchanged (its page is the one the benchmark weighs at every
size); copy k > 1 gets the id ``<id>-k`` and " k" after every name, in both languages. Facts, sources,
statuses and notes are the real ones: whatever the report gives a real CDM, its clones carry too.
"""

from __future__ import annotations

import copy
import itertools
import sys
from pathlib import Path

import yaml

HEADER = "# Synthetic network for the benchmark (bench/synthetic.py): cloned from the real data/cdms.yaml.\n"


def read_real_cdms(data_dir: Path) -> list[dict]:
    """The real records, as plain data (the validated loader is not needed to copy them)."""
    document = yaml.safe_load((data_dir / "cdms.yaml").read_text(encoding="utf-8"))
    return document["cdms"]


def synthetic_cdms(real: list[dict], size: int) -> list[dict]:
    """``size`` records: the real ones first, then numbered clones of them in turn."""
    if not real:
        raise ValueError("data/cdms.yaml holds no CDM to clone")
    records = []
    for index, record in zip(range(size), itertools.cycle(real), strict=False):
        records.append(_clone(record, index // len(real) + 1))
    return records


def _clone(record: dict, number: int) -> dict:
    if number == 1:
        return copy.deepcopy(record)
    clone = copy.deepcopy(record)
    clone["id"] = f"{record['id']}-{number}"
    _number_text(clone["name"], number)
    for variant in clone.get("names", []):
        _number_text(variant["text"], number)
    return clone


def _number_text(text: dict, number: int) -> None:
    for lang in ("fr", "en"):
        text[lang] = f"{text[lang]} {number}"


def synthetic_locations(real: list[dict], records: list[dict]) -> list[dict]:
    """A map point for each clone whose original has one (data/locations.yaml refers to CDM ids)."""
    by_cdm = {place["cdm"]: place for place in real}
    places = []
    for record in records:
        original = by_cdm.get(_original_id(record["id"], by_cdm))
        if original is not None:
            places.append({**copy.deepcopy(original), "cdm": record["id"]})
    return places


def _original_id(cdm_id: str, known: dict) -> str:
    if cdm_id in known:
        return cdm_id
    base, _, number = cdm_id.rpartition("-")
    return base if number.isdigit() else cdm_id


def write_synthetic(data_dir: Path, size: int, real: list[dict] | None = None) -> Path:
    """Replace ``data_dir/cdms.yaml`` (in a copy of the project, never the real one) by ``size`` records."""
    records = synthetic_cdms(real if real is not None else read_real_cdms(data_dir), size)
    _dump(data_dir / "cdms.yaml", {"cdms": records})
    locations = data_dir / "locations.yaml"
    if locations.is_file():
        real_places = yaml.safe_load(locations.read_text(encoding="utf-8"))["locations"]
        _dump(locations, {"locations": synthetic_locations(real_places, records)})
    return data_dir / "cdms.yaml"


def _dump(target: Path, content: dict) -> None:
    target.write_text(yaml_text(content), encoding="utf-8")


def yaml_text(content: dict) -> str:
    """A data file's text as the benchmark writes it (PyYAML's emitter: seconds for 2,600 CDMs)."""
    return HEADER + yaml.safe_dump(content, allow_unicode=True, sort_keys=False, width=200)


def main(argv: list[str]) -> int:
    """``python bench/synthetic.py SIZE DATA_DIR``: rewrite DATA_DIR/cdms.yaml with SIZE records."""
    if len(argv) != 2:
        print(main.__doc__, file=sys.stderr)
        return 2
    size, data_dir = int(argv[0]), Path(argv[1])
    if data_dir.resolve() == (Path(__file__).resolve().parents[1] / "data"):
        print("refusing to overwrite the real data/: give the data folder of a copy", file=sys.stderr)
        return 2
    print(write_synthetic(data_dir, size))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
