"""Reading indicator measurements from CSV, as exported from Excel or a statistics site.

Every bad row is reported with its line number in Swedish; the caller saves nothing unless all
rows are valid.
"""

import csv
import io
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from samverkan.bounds import errors_for
from samverkan.errors import DomainError

from .models import Indicator, Measurement

Granularity = Measurement.Granularity
HEADER_WORDS = {"datum", "period", "år", "ar", "year", "date"}
MAX_ROWS = 10_000


class CsvImportError(DomainError):
    """The file could not be imported; `lines` lists every problem, one line each."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


@dataclass(frozen=True)
class ParsedRow:
    line: int
    period_start: date
    granularity: str
    value: Decimal
    note: str


def parse_period(text: str) -> tuple[date, str]:
    """'2023' → a year, '2023-05' → a month, '2023-05-17' → a day."""
    text = text.strip()
    if m := re.fullmatch(r"(\d{4})", text):
        return date(int(m[1]), 1, 1), Granularity.YEAR
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})", text):
        return date(int(m[1]), int(m[2]), 1), Granularity.MONTH
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text):
        return date(int(m[1]), int(m[2]), int(m[3])), Granularity.DAY
    raise ValueError(text)


def parse_value(text: str) -> Decimal:
    """A number written the Swedish way (decimal comma, space as thousands separator) or the English way."""
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "")
    if "," in cleaned and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    value = Decimal(cleaned)
    if not value.is_finite():
        raise InvalidOperation(text)
    return value


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise CsvImportError([_("Filen kunde inte läsas som text. Spara den som CSV (UTF-8) och försök igen.")])


def parse_measurements_csv(data: bytes, *, indicator: Indicator | None = None) -> list[ParsedRow]:
    """Rows of `period;value[;comment]`, with or without a header line; each value within the
    bounds of a measurement (of `indicator`, whose unit may make it a percentage)."""
    text = _decode(data)
    if not text.strip():
        raise CsvImportError([_("Filen är tom.")])
    # Swedish Excel separates with semicolons because the comma is the decimal sign.
    first_line = text.strip().splitlines()[0]
    delimiter = ";" if ";" in first_line else "\t" if "\t" in first_line else ","
    rows: list[ParsedRow] = []
    errors: list[str] = []
    seen: dict[tuple[date, str], int] = {}
    for line, cells in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), start=1):
        cells = [cell.strip() for cell in cells]
        if not any(cells):
            continue
        if line == 1 and cells[0].lower() in HEADER_WORDS:
            continue
        if len(rows) + len(errors) >= MAX_ROWS:
            errors.append(_("Filen har fler än %(max)s rader.") % {"max": MAX_ROWS})
            break
        if len(cells) < 2:
            errors.append(
                _("Rad %(line)s: två kolumner behövs, period och värde (t.ex. ”2023;12,5”).") % {"line": line}
            )
            continue
        try:
            period_start, granularity = parse_period(cells[0])
        except ValueError:
            errors.append(
                _("Rad %(line)s: ”%(value)s” är inte en giltig period. Skriv ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD.")
                % {"line": line, "value": cells[0]}
            )
            continue
        try:
            value = parse_value(cells[1])
        except (InvalidOperation, ValueError):
            errors.append(_("Rad %(line)s: ”%(value)s” är inte ett tal.") % {"line": line, "value": cells[1]})
            continue
        out_of_bounds = errors_for(Measurement, {"indicator": indicator, "period_start": period_start, "value": value})
        if out_of_bounds:
            errors.extend(
                _("Rad %(line)s: %(error)s") % {"line": line, "error": message} for message in out_of_bounds.values()
            )
            continue
        key = (period_start, granularity)
        if key in seen:
            errors.append(
                _("Rad %(line)s: perioden %(period)s finns redan på rad %(first)s.")
                % {"line": line, "period": cells[0], "first": seen[key]}
            )
            continue
        seen[key] = line
        note = cells[2] if len(cells) > 2 else ""
        if len(note) > 300:
            errors.append(_("Rad %(line)s: kommentaren är längre än 300 tecken.") % {"line": line})
            continue
        rows.append(ParsedRow(line, period_start, granularity, value, note))
    if errors:
        raise CsvImportError(errors)
    if not rows:
        raise CsvImportError([_("Filen innehåller inga mätvärden.")])
    return rows
