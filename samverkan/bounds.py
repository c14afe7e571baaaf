"""Numbers have bounds: one check for every number (and year) that is stored.

A value is checked against two ranges, and must lie within both:
- its column's range, derived from the model field (a DecimalField's max_digits and
  decimal_places, the integer type's range on PostgreSQL, which we apply on every database so
  nothing behaves differently on SQLite);
- the domain range the model declares in `number_bounds`, e.g. years 1990–2100, counts that are
  not absurd, or percentages 0–100 when the unit is per cent. A declared range is a `Range`, or a
  function of the row's values returning one (or None) when it depends on another field.

For a date field a declared range bounds its year. Forms (samverkan.forms.BoundedFormMixin), the
CSV import and a pre_save check on every model (`check_instance`, connected in SamverkanConfig) all
go through `errors_for`, so a value refused in one place is refused everywhere, with the same
Swedish message.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations
from django.utils.translation import gettext as _

from .numbers import format_number

Number = int | float | Decimal


@dataclass(frozen=True)
class Range:
    low: Number
    high: Number

    def __and__(self, other: Range | None) -> Range:
        if other is None:
            return self
        return Range(max(self.low, other.low), min(self.high, other.high))


#: Years a lägesbild, measurement or report can sensibly be about.
YEARS = Range(1990, 2100)
#: How many times something is done or targeted in one period or one log.
COUNTS = Range(0, 100_000)
#: A share in per cent.
PERCENT = Range(0, 100)

DeclaredRange = Range | Callable[[Mapping[str, Any]], Range | None]


def is_percent(unit: object) -> bool:
    """Whether an indicator's unit is per cent (procent, %, andel i procent)."""
    text = str(unit or "").strip().lower()
    return "%" in text or "procent" in text


def column_range(field: models.Field) -> Range | None:
    """What the database column can hold, or None for a field that is not a number."""
    if isinstance(field, models.DecimalField):
        digits, places = field.max_digits or 0, field.decimal_places or 0
        top = Decimal(10) ** (digits - places) - Decimal(10) ** -places
        return Range(-top, top)
    if isinstance(field, models.IntegerField):
        low, high = BaseDatabaseOperations.integer_field_ranges[field.get_internal_type()]
        return Range(low, high)
    return None


def range_for(model: type[models.Model], name: str, values: Mapping[str, Any] | None = None) -> Range | None:
    """The allowed range of field `name` of `model`: its column's range within what the model
    declares. `values` are the row's other values, for declared ranges that depend on them."""
    field = model._meta.get_field(name)
    declared: DeclaredRange | None = getattr(model, "number_bounds", {}).get(name)
    if callable(declared):
        declared = declared(values or {})
    column = column_range(field)  # type: ignore[arg-type]
    if column is None:
        return declared
    return column & declared


def _number(value: Any) -> Decimal | None:
    if isinstance(value, bool) or value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def error_for(value: Any, allowed: Range | None) -> str | None:
    """A Swedish message when `value` (a number, or a date whose year is checked) is outside
    `allowed` or is not a finite number; None when it is fine."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        if allowed is not None and not allowed.low <= value.year <= allowed.high:
            return _("Året måste ligga mellan %(low)s och %(high)s.") % {"low": allowed.low, "high": allowed.high}
        return None
    number = _number(value)
    if number is None or not number.is_finite():
        return _("Ange ett vanligt tal, t.ex. 12,5.")
    if allowed is not None and not allowed.low <= number <= allowed.high:
        return _("Värdet måste ligga mellan %(low)s och %(high)s.") % {
            "low": format_number(Decimal(allowed.low)),
            "high": format_number(Decimal(allowed.high)),
        }
    return None


def errors_for(model: type[models.Model], values: Mapping[str, Any]) -> dict[str, str]:
    """Every value in `values` (field name → value) that `model` would not accept, with why."""
    errors = {}
    for name, value in values.items():
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        numeric = column_range(field) is not None  # type: ignore[arg-type]
        declared = name in getattr(model, "number_bounds", {})
        if not (numeric or (declared and isinstance(value, date))):
            continue
        message = error_for(value, range_for(model, name, values))
        if message:
            errors[name] = message
    return errors


def values_of(instance: models.Model) -> dict[str, Any]:
    """The row's values by field name, with its foreign keys as objects where they are loaded."""
    values: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if field.is_relation:
            if field.is_cached(instance):  # type: ignore[attr-defined]
                values[field.name] = getattr(instance, field.name)
        else:
            values[field.name] = getattr(instance, field.attname)
    return values


def check_instance(instance: models.Model) -> None:
    """Refuse to store a row with a number outside its bounds (ValidationError per field)."""
    errors = errors_for(type(instance), values_of(instance))
    if errors:
        raise ValidationError(errors)


def check_before_save(sender: type[models.Model], instance: models.Model, raw: bool = False, **kwargs: Any) -> None:
    """pre_save receiver: every service, import and admin save goes through the same bounds."""
    if not raw:
        check_instance(instance)


def finite(value: Any) -> float | None:
    """A stored value as a float that a chart can draw, or None when it cannot be (NaN, ±inf)."""
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return number if math.isfinite(number) else None
