"""Numbers and dates as people read them, through Django's localisation (formats of the active
language: in Swedish a decimal comma and "29 november 2026"; in English its own). Templates use
the same formats by name (`|date`, `|date:"DATETIME_FORMAT"`, `|number`); CSV files use
`csv_cell`, so what the export writes the import reads back."""

from datetime import date, datetime
from decimal import Decimal, localcontext

from django.utils import timezone
from django.utils.formats import date_format, get_format, number_format


def format_number(value: Decimal | float | int | None) -> str:
    """A number as a Swede writes it: decimal comma, no trailing zeros, no exponent."""
    if value is None:
        return "–"
    number = Decimal(str(value))
    if not number.is_finite():
        return "–"
    with localcontext() as context:
        # Enough precision for any stored number, however large, to be written out in full.
        context.prec = max(28, number.adjusted() + 30)
        if number == number.to_integral_value():
            return number_format(number.quantize(Decimal(1)), decimal_pos=0, use_l10n=True)
        return number_format(number.normalize(), use_l10n=True)


def format_date(value: date | datetime | None) -> str:
    """A day, "29 november 2026", or a moment, "29 november 2026 14:30" (in local time)."""
    if value is None:
        return "–"
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return date_format(value, "DATETIME_FORMAT")
    return date_format(value, "DATE_FORMAT")


def csv_cell(value: object) -> object:
    """A cell as a CSV file writes it for a spreadsheet in the active language: numbers with its
    decimal separator (12,5 in Swedish, which Swedish Excel and our own import read as a number)
    and no thousands separator, days as ISO dates (2026-11-29, which every spreadsheet reads),
    empty for None; text as it is."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, Decimal | float):
        number = Decimal(str(value))
        if not number.is_finite():
            return ""
        text = format(number.normalize() if number != number.to_integral_value() else number.quantize(1), "f")
        return text.replace(".", get_format("DECIMAL_SEPARATOR"))
    if isinstance(value, datetime):
        return (timezone.localtime(value) if timezone.is_aware(value) else value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return value
