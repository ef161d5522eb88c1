"""The open data as a workbook (/data/ricdm.xlsx), read back with openpyxl as a spreadsheet would read it."""

from __future__ import annotations

import csv
import dataclasses
import datetime
import io
from pathlib import Path

import openpyxl
import pytest

from conftest import PROJECT, parse
from ricdm.columns import TABLES, base_name
from ricdm.dataset import load_dataset
from ricdm.workbook import MEDIA_TYPE, workbook

LICENCE = ("à confirmer par le RICDM", "to be confirmed by the RICDM")


def read(path: Path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(path, read_only=True)


def csv_table(site: Path, name: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO((site / "data" / f"{name}.csv").read_text("utf-8"), newline="")))


def as_cell(value: object) -> str:
    """A workbook cell as the CSV writes it: empty for nothing, numbers as Python writes them."""
    return "" if value is None else str(value)


@pytest.fixture(scope="module")
def book(site):
    return read(site / "data" / "ricdm.xlsx")


def test_one_sheet_per_table_after_the_about_sheet(book):
    assert book.sheetnames == ["about", "cdms", "indicators"]


@pytest.mark.parametrize("name", ["cdms", "indicators"])
def test_each_sheet_holds_the_csv_rows_with_numbers_as_numbers(site, book, name):
    rows = [list(row) for row in book[name].iter_rows(values_only=True)]
    table = csv_table(site, name)
    assert len(rows) == len(table) > 10
    assert rows[0] == table[0]
    for row, line in zip(rows[1:], table[1:], strict=True):
        cells = row + [None] * (len(table[0]) - len(row))  # read-only mode stops at a row's last filled cell
        assert [as_cell(cell) for cell in cells] == line
    numbers = {"cdms": "founded", "indicators": "value"}[name]
    column = table[0].index(numbers)
    assert all(isinstance(row[column], int | float) for row in rows[1:] if row[column] is not None)


def test_the_about_sheet_says_the_licence_status_and_what_every_column_holds(site, book):
    cells = [[as_cell(cell) for cell in row] for row in book["about"].iter_rows(values_only=True)]
    text = "\n".join("\t".join(row) for row in cells)
    assert all(status in text for status in LICENCE), text[:500]
    described = {(row[0], row[1]): row[2:4] for row in cells if len(row) >= 4 and row[0] in TABLES}
    for name in TABLES:
        for column in csv_table(site, name)[0]:
            french, english = described[(name, column)]
            assert french and english and french != english, (name, column)
    name_en = ["Nom de la Cité des métiers (en anglais)", "Name of the Cité des métiers (in English)"]
    assert described[("cdms", "name_en")] == name_en


def test_the_columns_module_names_every_column_of_the_built_tables(site):
    for name, columns in TABLES.items():
        assert list(dict.fromkeys(base_name(column) for column in csv_table(site, name)[0])) == list(columns)


def test_the_same_data_gives_the_same_bytes_dated_by_the_data():
    data = dataclasses.replace(load_dataset(PROJECT / "data"), changed=datetime.date(2026, 12, 1))
    first, second = workbook(data, "https://example.org/"), workbook(data, "https://example.org/")
    assert first == second
    assert openpyxl.load_workbook(io.BytesIO(first)).properties.created == datetime.datetime(2026, 12, 1)
    later = workbook(dataclasses.replace(data, changed=datetime.date(2026, 12, 2)), "https://example.org/")
    assert later != first


def test_the_pages_offer_the_workbook_beside_the_csv(site):
    for page in ("about/index.html", "en/about/index.html", "impact/index.html", "en/directory/index.html"):
        links = parse(site / page).css('a[href$="data/ricdm.xlsx"]')
        assert links and all(link.attributes["type"] == MEDIA_TYPE for link in links), page
        assert (site / page).parent.joinpath(links[0].attributes["href"]).resolve() == site / "data" / "ricdm.xlsx"
