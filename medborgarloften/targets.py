"""Structured targets for activities, and how many are expected in a date range.

The seed's promises say how often something is done in a few shapes, all expressible here:

- a quantity per period: "minst 10 per månad", "2 gånger per år", "minst 4 möten per år",
  "1 gång per år per klass 6–9" (a multiplier of 4 classes), "var tredje helg" (1 every 3
  weekends);
- a trigger: "vid behov", "under riskhelger" – not measurable against a count;
- continuous: "löpande", "varje arbetspass", "kontinuerligt" – not measurable against a count.
"""

import calendar
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class TargetKind(models.TextChoices):
    QUANTITY = "antal", gettext_lazy("Antal per period")
    TRIGGER = "vid_behov", gettext_lazy("Vid behov eller särskilt tillfälle")
    CONTINUOUS = "lopande", gettext_lazy("Löpande")


class Unit(models.TextChoices):
    DAY = "dag", gettext_lazy("dag")
    WEEK = "vecka", gettext_lazy("vecka")
    WEEKEND = "helg", gettext_lazy("helg")
    MONTH = "manad", gettext_lazy("månad")
    QUARTER = "kvartal", gettext_lazy("kvartal")
    YEAR = "ar", gettext_lazy("år")


UNIT_PLURAL = {
    Unit.DAY: gettext_lazy("dag"),
    Unit.WEEK: gettext_lazy("vecka"),
    Unit.WEEKEND: gettext_lazy("helg"),
    Unit.MONTH: gettext_lazy("månad"),
    Unit.QUARTER: gettext_lazy("kvartal"),
    Unit.YEAR: gettext_lazy("år"),
}
ORDINALS = {2: gettext_lazy("annan"), 3: gettext_lazy("tredje"), 4: gettext_lazy("fjärde"), 5: gettext_lazy("femte")}


@dataclass(frozen=True)
class Target:
    kind: str
    count: int = 0
    unit: str = ""
    every: int = 1
    minimum: bool = False
    multiplier: int = 1
    multiplier_label: str = ""
    text: str = ""

    @property
    def is_measurable(self) -> bool:
        return self.kind == TargetKind.QUANTITY


#: The activity's fields that make up its target, and the Target attribute each fills.
TARGET_FIELDS = {
    "target_kind": "kind",
    "target_count": "count",
    "target_unit": "unit",
    "target_every": "every",
    "target_minimum": "minimum",
    "target_multiplier": "multiplier",
    "target_multiplier_label": "multiplier_label",
    "target_text": "text",
}


def target_of(values: Mapping[str, Any]) -> Target:
    """The target that an activity's fields (stored, or typed into its form) describe; a field left
    empty counts as its default."""
    return Target(
        kind=values.get("target_kind") or "",
        count=values.get("target_count") or 0,
        unit=values.get("target_unit") or "",
        every=values.get("target_every") or 1,
        minimum=bool(values.get("target_minimum")),
        multiplier=values.get("target_multiplier") or 1,
        multiplier_label=values.get("target_multiplier_label") or "",
        text=values.get("target_text") or "",
    )


def validate_target(target: Target) -> dict[str, str]:
    """Problems with a target, by field, in Swedish (empty when it is valid)."""
    errors: dict[str, str] = {}
    if target.kind not in TargetKind.values:
        errors["target_kind"] = _("Välj typ av mål.")
    elif target.kind == TargetKind.QUANTITY:
        if target.count < 1:
            errors["target_count"] = _("Ange hur många gånger, minst 1.")
        if target.unit not in Unit.values:
            errors["target_unit"] = _("Välj per vilken period.")
        if target.every < 1:
            errors["target_every"] = _("”Var n:e” måste vara minst 1.")
        if target.multiplier < 1:
            errors["target_multiplier"] = _("Antalet (t.ex. klasser) måste vara minst 1.")
        if target.multiplier > 1 and not target.multiplier_label.strip():
            errors["target_multiplier_label"] = _("Skriv vad antalet gäller, t.ex. ”klass 6–9”.")
    elif not target.text.strip():
        errors["target_text"] = (
            _("Skriv när aktiviteten görs, t.ex. ”vid behov” eller ”under riskhelger”.")
            if target.kind == TargetKind.TRIGGER
            else _("Skriv hur ofta, t.ex. ”löpande” eller ”varje arbetspass”.")
        )
    return errors


def describe(target: Target) -> str:
    """The target in words: the plan's own wording when it has one ("Minst 10 kontroller per
    månad"), else generated from the structure."""
    if target.text.strip() or target.kind != TargetKind.QUANTITY:
        return target.text
    unit = str(UNIT_PLURAL.get(Unit(target.unit), target.unit)) if target.unit in Unit.values else target.unit
    if target.every > 1 and target.count == 1:
        ordinal = ORDINALS.get(target.every) or _("%(n)s:e") % {"n": target.every}
        text = _("var %(ordinal)s %(unit)s") % {"ordinal": ordinal, "unit": unit}
    else:
        times = _("gång") if target.count == 1 else _("gånger")
        per = unit if target.every == 1 else _("%(n)s:e %(unit)s") % {"n": target.every, "unit": unit}
        text = _("%(count)s %(times)s per %(per)s") % {"count": target.count, "times": times, "per": per}
    if target.minimum:
        text = _("minst %(text)s") % {"text": text}
    if target.multiplier > 1:
        text += " " + _("per %(label)s (%(n)s st)") % {"label": target.multiplier_label, "n": target.multiplier}
    return text[:1].upper() + text[1:]


def _unit_fraction(unit: str, start: date, end: date) -> Decimal:
    """How many units (months, years…) the inclusive range covers, each counted by the share of
    its days inside the range – so February and leap years weigh right."""
    if end < start:
        return Decimal(0)
    if unit == Unit.DAY:
        return Decimal((end - start).days + 1)
    if unit == Unit.WEEK:
        return Decimal((end - start).days + 1) / 7
    if unit == Unit.WEEKEND:
        # Each Saturday in the range is one weekend.
        first_saturday = start + timedelta(days=(5 - start.weekday()) % 7)
        if first_saturday > end:
            return Decimal(0)
        return Decimal((end - first_saturday).days // 7 + 1)
    total = Decimal(0)
    cursor = start
    while cursor <= end:
        if unit == Unit.MONTH:
            unit_start = cursor.replace(day=1)
            unit_end = cursor.replace(day=calendar.monthrange(cursor.year, cursor.month)[1])
        elif unit == Unit.QUARTER:
            first_month = 3 * ((cursor.month - 1) // 3) + 1
            unit_start = date(cursor.year, first_month, 1)
            last_month = first_month + 2
            unit_end = date(cursor.year, last_month, calendar.monthrange(cursor.year, last_month)[1])
        else:
            unit_start, unit_end = date(cursor.year, 1, 1), date(cursor.year, 12, 31)
        inside = (min(unit_end, end) - cursor).days + 1
        total += Decimal(inside) / Decimal((unit_end - unit_start).days + 1)
        cursor = unit_end + timedelta(days=1)
    return total


def expected_count(target: Target, start: date, end: date) -> Decimal | None:
    """How many times the activity is expected in [start, end] (inclusive), to one decimal;
    None for triggers and continuous work, which have no count to meet."""
    if not target.is_measurable:
        return None
    units = _unit_fraction(target.unit, start, end)
    expected = units * target.count * target.multiplier / target.every
    return expected.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
