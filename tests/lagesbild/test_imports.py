from datetime import date
from decimal import Decimal

import pytest

from lagesbild.imports import CsvImportError, parse_measurements_csv
from lagesbild.services import import_measurements, record_measurement


def test_swedish_excel_csv_with_header_semicolons_and_decimal_commas():
    rows = parse_measurements_csv(
        "Period;Värde;Kommentar\n2021;12,5;Brå\n2022-03;1 204,25;\n2023-05-17;7;x\n".encode("cp1252")
    )
    assert [(r.period_start, r.granularity, r.value, r.note) for r in rows] == [
        (date(2021, 1, 1), "ar", Decimal("12.5"), "Brå"),
        (date(2022, 3, 1), "manad", Decimal("1204.25"), ""),
        (date(2023, 5, 17), "dag", Decimal("7"), "x"),
    ]


def test_comma_separated_with_decimal_points():
    rows = parse_measurements_csv(b"2020,3.5\n2021,4\n")
    assert [r.value for r in rows] == [Decimal("3.5"), Decimal("4")]


def test_every_bad_row_is_reported_with_its_line_number():
    data = "datum;värde\n2021;12\n2022-13;5\nfemton;3\n2023;tolv\n2021;8\n2024\n".encode()
    with pytest.raises(CsvImportError) as caught:
        parse_measurements_csv(data)
    assert caught.value.lines == [
        "Rad 3: ”2022-13” är inte en giltig period. Skriv ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD.",
        "Rad 4: ”femton” är inte en giltig period. Skriv ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD.",
        "Rad 5: ”tolv” är inte ett tal.",
        "Rad 6: perioden 2021 finns redan på rad 2.",
        "Rad 7: två kolumner behövs, period och värde (t.ex. ”2023;12,5”).",
    ]


def test_empty_and_binary_files_are_refused():
    with pytest.raises(CsvImportError, match="tom"):
        parse_measurements_csv(b"  \n")
    with pytest.raises(CsvImportError, match="inga mätvärden"):
        parse_measurements_csv(b"datum;varde\n")


def test_import_saves_nothing_unless_every_row_is_valid(indicator, samordnare):
    with pytest.raises(CsvImportError):
        import_measurements(indicator, actor=samordnare, data=b"2021;12\n2022;x\n")
    assert indicator.measurements.count() == 0


def test_import_creates_and_updates(indicator, samordnare):
    record_measurement(indicator, actor=samordnare, period_start=date(2021, 1, 1), granularity="ar", value=Decimal(1))
    result = import_measurements(indicator, actor=samordnare, data=b"2021;12\n2022;13\n")
    assert (result.created, result.updated) == (1, 1)
    assert list(indicator.measurements.values_list("value", flat=True)) == [Decimal(12), Decimal(13)]
