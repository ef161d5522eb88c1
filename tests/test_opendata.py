"""Open data: /data/cdms.{csv,json} and /data/indicators.{csv,json}, linked from the pages, under a stated licence."""

from __future__ import annotations

import csv
import io
import json
import posixpath
from pathlib import Path

import pytest
import yaml

from conftest import PROJECT, parse
from ricdm import opendata
from ricdm.dataset import load_dataset

DATA = PROJECT / "data"


def load(name: str) -> dict:
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


def csv_rows(site: Path, name: str) -> list[dict]:
    raw = (site / "data" / f"{name}.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), "plain UTF-8, no byte-order mark"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))


def json_document(site: Path, name: str) -> dict:
    return json.loads((site / "data" / f"{name}.json").read_text(encoding="utf-8"))


def as_csv_cell(value) -> str:
    return "" if value is None else str(value)


@pytest.mark.parametrize("name", ["cdms", "indicators"])
def test_published_once_at_a_stable_address(site, name):
    assert (site / "data" / f"{name}.csv").is_file() and (site / "data" / f"{name}.json").is_file()
    assert not (site / "en" / "data").exists()


def test_one_row_per_cdm_with_sources_and_both_languages(site):
    cdms = load("cdms.yaml")["cdms"]
    source_ids = {source["id"] for source in load("sources.yaml")["sources"]}
    rows = csv_rows(site, "cdms")
    assert [row["id"] for row in rows] == [cdm["id"] for cdm in cdms]
    for row, cdm in zip(rows, cdms, strict=True):
        assert (row["name_fr"], row["name_en"]) == (cdm["name"]["fr"], cdm["name"]["en"])
        assert row["country"] == cdm["country"] and row["country_name_fr"] and row["country_name_en"]
        assert row["status"] == cdm["statuses"][-1]["status"] and row["status_name_fr"] and row["status_name_en"]
        assert {row["name_source"], row["status_source"]} <= source_ids
        founded = cdm.get("founded")
        assert row["founded"] == (str(founded["year"]) if founded else "")
        assert row["founded_source"] == (founded["source"] if founded else "")
        assert row["profile_en"].endswith(f"/en/cdm/{cdm['id']}/")


def test_one_row_per_figure_value_with_its_source(site):
    figures = load("indicators.yaml")["figures"]
    source_ids = {source["id"] for source in load("sources.yaml")["sources"]}
    expected = [(figure["id"], value) for figure in figures for value in figure["values"]]
    rows = csv_rows(site, "indicators")
    assert len(rows) == len(expected)
    for row, (figure_id, value) in zip(rows, expected, strict=True):
        assert row["figure"] == figure_id
        assert float(row["value"]) == value["value"] and row["year"] == str(value.get("year", ""))  # empty: undated
        assert row["source"] == value["source"] and row["source"] in source_ids
        assert row["source_title_fr"] and row["source_title_en"] and row["label_fr"] and row["label_en"]


def test_a_contradiction_keeps_both_values_and_the_note(site):
    rows = [row for row in csv_rows(site, "indicators") if row["figure"] == "cdms"]
    assert {row["value"] for row in rows} >= {"26", "24"}
    assert all(row["note_fr"] and row["note_en"] for row in rows)


@pytest.mark.parametrize("name", ["cdms", "indicators"])
def test_json_has_the_same_rows_and_states_the_licence(site, name):
    document = json_document(site, name)
    assert [{key: as_csv_cell(value) for key, value in row.items()} for row in document["rows"]] == csv_rows(site, name)
    assert "à confirmer par le RICDM" in document["licence"]["fr"]
    assert "to be confirmed by the RICDM" in document["licence"]["en"]
    assert document["title"]["fr"] and document["title"]["en"] and "RICDM" in document["publisher"]["fr"]


@pytest.mark.parametrize("name", ["cdms", "indicators"])
def test_tables_put_together_by_row_are_what_the_writers_print_whole(site, name):
    """The published files are assembled from each row's kept text: byte for byte what csv and json print at once."""
    document = json_document(site, name)
    printed = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    assert (site / "data" / f"{name}.json").read_text(encoding="utf-8") == printed
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(document["rows"][0]), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({key: as_csv_cell(value) for key, value in row.items()} for row in document["rows"])
    assert (site / "data" / f"{name}.csv").read_bytes() == buffer.getvalue().encode("utf-8")


def test_a_table_put_together_by_row_prints_as_json_whole_even_empty():
    data = load_dataset(DATA)
    rows = opendata.cdm_rows(data, "https://example.org/")
    about = json.loads(opendata.to_json(rows, data, "cdms"))
    for some in (rows, rows[:1], []):
        whole = json.dumps({**about, "rows": some}, ensure_ascii=False, indent=2) + "\n"
        assert opendata.to_json(some, data, "cdms") == whole


def test_texts_are_utf8_not_escaped(site):
    assert "Cité des métiers" in (site / "data" / "cdms.csv").read_text(encoding="utf-8")
    assert "Cité des métiers" in (site / "data" / "cdms.json").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("page", "name", "licence"),
    [
        ("directory/index.html", "cdms", "à confirmer par le RICDM"),
        ("en/directory/index.html", "cdms", "to be confirmed by the RICDM"),
        ("impact/index.html", "indicators", "à confirmer par le RICDM"),
        ("en/impact/index.html", "indicators", "to be confirmed by the RICDM"),
    ],
)
def test_pages_link_to_the_downloads_with_row_count_and_licence(site, page, name, licence):
    tree = parse(site / page)
    block = tree.css_first(".ricdm-opendata")
    assert block is not None, f"{page} has no open-data block"
    hrefs = [link.attributes["href"] for link in block.css("a")]
    assert {posixpath.basename(href) for href in hrefs} == {f"{name}.csv", f"{name}.json", "ricdm.xlsx"}
    for href in hrefs:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), href))
        assert (site / target).is_file(), f"{page}: {href} leads nowhere"
    count = len(csv_rows(site, name))
    text = block.text(separator=" ")
    assert str(count) in text and licence in text
