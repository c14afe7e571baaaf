from decimal import Decimal

from django.utils.formats import number_format


def format_number(value: Decimal | float | int | None) -> str:
    """A number as a Swede writes it: decimal comma, no trailing zeros, no exponent."""
    if value is None:
        return "–"
    number = Decimal(str(value))
    if number == number.to_integral_value():
        return number_format(number.quantize(Decimal(1)), decimal_pos=0, use_l10n=True)
    return number_format(number.normalize(), use_l10n=True)
