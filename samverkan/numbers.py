from decimal import Decimal, localcontext

from django.utils.formats import number_format


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
