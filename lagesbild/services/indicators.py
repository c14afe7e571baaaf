"""Indicators with a baseline, and their measurements over time (one by one or imported from CSV)."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from samverkan.concurrency import create_editable, save_if_unchanged
from samverkan.errors import DomainError
from samverkan.history import acting_as
from samverkan.models import Organization, User

from ..imports import parse_measurements_csv
from ..models import Indicator, Measurement, Problem


@transaction.atomic
def create_indicator(
    organization: Organization, *, actor: User | None, problems: Iterable[Problem] = (), **fields: Any
) -> Indicator:
    """Start measuring something over time, from a baseline."""
    with acting_as(actor):
        indicator = create_editable(Indicator, fields, organization=organization)
        _set_indicator_problems(indicator, problems)
    return indicator


@transaction.atomic
def update_indicator(
    indicator: Indicator,
    *,
    actor: User | None,
    expected_version: int | None,
    problems: Iterable[Problem] | None = None,
    **fields: Any,
) -> Indicator:
    """Change an indicator's description or baseline."""
    with acting_as(actor):
        save_if_unchanged(indicator, expected_version=expected_version, fields=fields)
        if problems is not None:
            _set_indicator_problems(indicator, problems)
    return indicator


def _set_indicator_problems(indicator: Indicator, problems: Iterable[Problem]) -> None:
    problems = list(problems)
    if any(p.lagesbild.organization_id != indicator.organization_id for p in problems):
        raise DomainError(_("Indikatorn kan bara kopplas till den egna organisationens problem."))
    indicator.problems.set(problems)


@transaction.atomic
def record_measurement(
    indicator: Indicator,
    *,
    actor: User | None,
    period_start: date,
    granularity: str,
    value: Decimal,
    note: str = "",
) -> Measurement:
    """Record a value for a period, replacing any earlier value for the same period."""
    with acting_as(actor):
        measurement, _created = Measurement.objects.update_or_create(
            indicator=indicator,
            period_start=period_start,
            granularity=granularity,
            defaults={"value": value, "note": note, "recorded_by": actor},
        )
    return measurement


@transaction.atomic
def delete_measurement(measurement: Measurement, *, actor: User | None) -> None:
    """Remove a value that was entered by mistake."""
    with acting_as(actor):
        measurement.delete()


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int


@transaction.atomic
def import_measurements(indicator: Indicator, *, actor: User | None, data: bytes) -> ImportResult:
    """Import measurements from CSV; nothing is saved unless every row is valid (CsvImportError)."""
    rows = parse_measurements_csv(data, indicator=indicator)
    existing = set(Measurement.objects.filter(indicator=indicator).values_list("period_start", "granularity"))
    created = updated = 0
    for row in rows:
        record_measurement(
            indicator,
            actor=actor,
            period_start=row.period_start,
            granularity=row.granularity,
            value=row.value,
            note=row.note,
        )
        if (row.period_start, row.granularity) in existing:
            updated += 1
        else:
            created += 1
    return ImportResult(created=created, updated=updated)
