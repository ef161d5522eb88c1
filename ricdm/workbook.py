"""The open data as one workbook for spreadsheet users: /data/ricdm.xlsx, written with XlsxWriter.

Why: a comma-separated UTF-8 file without a byte-order mark opens with broken accents, or all in one column, in a
spreadsheet set to French. An XLSX file says its own encoding and columns, so it opens as it is everywhere. The CSV
stays plain UTF-8 without a byte-order mark, for programs (README, "Open data").

Sheets: "about" (what the data is, its publisher, source, licence status, date, and what each column holds), then
one sheet per table (``opendata.DOWNLOADS``) with the same rows and columns as the CSV, numbers as numbers. The same
data gives the same bytes: the file's dates are the data's (``Dataset.changed``), XlsxWriter's zip dates fixed.
"""

from __future__ import annotations

import datetime
import io

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from . import localize, urls
from .columns import LANGUAGE_SUFFIXES, label_key
from .dataset import Dataset
from .labels import label
from .models import LANGUAGES
from .opendata import DOWNLOADS, FOLDER, LICENCE_LABEL, Row, rows_of

NAME = "ricdm.xlsx"
"""Published at <site>/data/ricdm.xlsx, beside the CSV and JSON files."""
MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
"""What a link to it says it is (``type``), and what a host sends it as."""
ABOUT = "about"
"""The first sheet's name: what the workbook holds, the licence status, what each column means."""
WIDEST = 60
"""A column's width at most, in characters: long texts wrap in the cell rather than run off the screen."""


def workbook(data: Dataset, site_url: str = "") -> bytes:
    """The workbook's bytes: the "about" sheet, then each table."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    changed = datetime.datetime.combine(data.changed or datetime.date(2000, 1, 1), datetime.time())
    title, author = " / ".join(_texts(data, "workbook-title")), " / ".join(_texts(data, "ricdm-name"))
    book.set_properties({"title": title, "author": author, "created": changed})
    bold = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    wrapped = book.add_format({"text_wrap": True, "valign": "top"})
    tables = {name: rows_of(data, name, site_url) for name in DOWNLOADS}
    _about(book.add_worksheet(ABOUT), data, tables, site_url, bold, wrapped)
    for name, rows in tables.items():
        _table(book.add_worksheet(name), rows, bold)
    book.close()
    return buffer.getvalue()


def _texts(data: Dataset, key: str) -> list[str]:
    """A label in each language, French first."""
    return [label(data.labels, key, lang) for lang in LANGUAGES]


def _about(
    sheet: Worksheet, data: Dataset, tables: dict[str, list[Row]], site_url: str, bold: Format, wrapped: Format
) -> None:
    """What the data is and its licence status (a name and a value per language), then every column of every table."""
    address = urls.absolute(f"{FOLDER}/", site_url) if site_url else f"/{FOLDER}/"
    facts = [
        (_texts(data, "publisher"), _texts(data, "ricdm-name")),
        (_texts(data, "report-heading"), _texts(data, "cite-report")),
        (_texts(data, "licence-heading"), _texts(data, LICENCE_LABEL)),
        (["", ""], _texts(data, "opendata-cite")),
        (_texts(data, "workbook-address"), [address, address]),
        (["CSV", "CSV"], _texts(data, "workbook-csv")),
    ]
    if data.changed:
        facts.insert(
            4, (_texts(data, "data-changed-heading"), [localize.date(data.changed, lang) for lang in LANGUAGES])
        )
    title = _texts(data, "workbook-title")
    sheet.write_row(0, 0, [title[0], "", title[1]], bold)
    for row, (names, values) in enumerate(facts, start=2):
        sheet.write_row(row, 0, [names[0], values[0], names[1], values[1]], wrapped)
    row = len(facts) + 3
    sheet_name, column, meaning = (
        _texts(data, key) for key in ("workbook-sheet", "workbook-column", "workbook-meaning")
    )
    sheet.write_row(row, 0, [f"{sheet_name[0]} / {sheet_name[1]}", f"{column[0]} / {column[1]}", *meaning], bold)
    for name, rows in tables.items():
        for header in rows[0]:
            row += 1
            sheet.write_row(row, 0, [name, header, *_meaning(data, header)], wrapped)
    sheet.set_column(0, 0, 28)
    sheet.set_column(1, 1, 40)
    sheet.set_column(2, 3, WIDEST)


def _meaning(data: Dataset, column: str) -> list[str]:
    """What ``column`` holds, in each language: "Name of the Cité des métiers (in French)" for "name_fr"."""
    meanings = _texts(data, label_key(column))
    for suffix, key in LANGUAGE_SUFFIXES.items():
        if column.endswith(suffix):
            return [f"{meaning} ({which})" for meaning, which in zip(meanings, _texts(data, key), strict=True)]
    return meanings


def _table(sheet: Worksheet, rows: list[Row], bold: Format) -> None:
    """The rows as the CSV has them: a header row, numbers as numbers, empty cells where the report gives nothing."""
    columns = list(rows[0])
    sheet.write_row(0, 0, columns, bold)
    widths = [len(column) for column in columns]
    for index, row in enumerate(rows, start=1):
        for position, value in enumerate(row.values()):
            if value is None:
                continue  # an empty cell, as in the CSV
            elif isinstance(value, int | float):
                sheet.write_number(index, position, value)
            else:
                sheet.write_string(index, position, str(value))
                widths[position] = max(widths[position], len(str(value)))
    for position, width in enumerate(widths):
        sheet.set_column(position, position, min(width + 2, WIDEST))
    sheet.freeze_panes(1, 1)
    sheet.autofilter(0, 0, len(rows), len(columns) - 1)
