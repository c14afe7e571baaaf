from datetime import date
from decimal import Decimal

from django import template

from samverkan.history import KINDS
from samverkan.numbers import format_number

register = template.Library()


@register.filter
def number(value: Decimal | float | int | None) -> str:
    """{{ value|number }}: 12,5 rather than 12.500."""
    return format_number(value)


@register.filter
def as_date(value: date | str | None) -> date | str | None:
    """{{ value|as_date|date }}: a day kept as ISO text (in a frozen report's figures) as a date,
    so it is written like every other date; anything else is passed on unchanged."""
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value
    return value


@register.filter
def get_item(mapping: dict | None, key: object) -> object:
    """{{ mapping|get_item:key }} for dictionaries built in views."""
    return (mapping or {}).get(key)


@register.filter
def history_kind(record: object) -> str:
    """{{ record|history_kind }}: Skapad, Ändrad or Borttagen for a history row."""
    kind = getattr(record, "history_type", "")
    return str(KINDS.get(kind, kind))
