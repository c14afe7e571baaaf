"""Progress against targets, computed in one place on top of del 2's expected-count function.

For an activity and a day: what was done and expected in the current target period ("7 av 10
denna månad") and so far this year ("1 av 2 i år"), and a status – i fas, efter, klar, or ej
mätbar for triggers and continuous work.
"""

import calendar
import math
import operator
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import cache, reduce

from django.db import models
from django.db.models import Q, Sum
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from medborgarloften.models import Activity
from medborgarloften.targets import Target, Unit, expected_count
from samverkan.labels import translated
from samverkan.numbers import format_number

from . import totals
from .models import ActivityLog


class ProgressStatus(models.TextChoices):
    """How an activity is going against its target."""

    I_FAS = "i_fas", gettext_lazy("I fas")
    EFTER = "efter", gettext_lazy("Efter")
    KLAR = "klar", gettext_lazy("Klar")
    EJ_MATBAR = "ej_matbar", gettext_lazy("Ej mätbar")
    EJ_AKTIV = "ej_aktiv", gettext_lazy("Inte aktiv")


STATUS_LABELS = dict(ProgressStatus.choices)
PERIOD_WORDS = {
    Unit.DAY: gettext_lazy("i dag"),
    Unit.WEEK: gettext_lazy("denna vecka"),
    Unit.WEEKEND: gettext_lazy("denna helg"),
    Unit.MONTH: gettext_lazy("denna månad"),
    Unit.QUARTER: gettext_lazy("detta kvartal"),
    Unit.YEAR: gettext_lazy("i år"),
}


#: The fields progress needs, for pages that only count (`.only(*PROGRESS_FIELDS)`).
PROGRESS_FIELDS = (
    "target_kind",
    "target_count",
    "target_unit",
    "target_every",
    "target_minimum",
    "target_multiplier",
    "target_multiplier_label",
    "target_text",
    "starts_on",
    "ends_on",
    "lofte__period_start",
    "lofte__period_end",
)


@dataclass(frozen=True)
class Progress:
    activity: Activity
    status: str
    done_period: int
    expected_period: Decimal | None
    done_year: int
    expected_year_to_date: Decimal | None
    expected_year: Decimal | None
    period_label: str

    @property
    def status_label(self) -> str:
        return translated(STATUS_LABELS[self.status])

    @property
    def summary(self) -> str:
        """E.g. "7 av 10 denna månad · 1 av 2 i år"; for triggers just what was done."""
        if self.expected_period is None:
            return _("%(done)s gånger i år") % {"done": self.done_year}
        parts = [
            _("%(done)s av %(expected)s %(period)s")
            % {
                "done": self.done_period,
                "expected": format_number(self.expected_period),
                "period": self.period_label,
            }
        ]
        if self.activity.target_unit != Unit.YEAR and self.expected_year is not None:
            parts.append(
                _("%(done)s av %(expected)s i år")
                % {
                    "done": self.done_year,
                    "expected": format_number(self.expected_year),
                }
            )
        return " · ".join(parts)

    @property
    def percent(self) -> int:
        """Share of this year's target reached, for a progress bar (0–100)."""
        if not self.expected_year:
            return 100 if self.status == ProgressStatus.KLAR else 0
        return min(100, round(100 * self.done_year / self.expected_year))


def current_period(unit: str, day: date) -> tuple[date, date]:
    """The target period (month, year …) that contains `day`."""
    if unit == Unit.DAY:
        return day, day
    if unit in (Unit.WEEK, Unit.WEEKEND):
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=6)
    if unit == Unit.MONTH:
        return day.replace(day=1), day.replace(day=calendar.monthrange(day.year, day.month)[1])
    if unit == Unit.QUARTER:
        first = 3 * ((day.month - 1) // 3) + 1
        return date(day.year, first, 1), date(day.year, first + 2, calendar.monthrange(day.year, first + 2)[1])
    return date(day.year, 1, 1), date(day.year, 12, 31)


def _clip(start: date, end: date, active: tuple[date, date]) -> tuple[date, date]:
    return max(start, active[0]), min(end, active[1])


def windows(activity: Activity, today: date) -> tuple[tuple[date, date], tuple[date, date] | None]:
    """The days whose logs count for an activity on `today`: this year so far, and its current
    target period (None when it has no measurable target); both within the days it runs."""
    active = activity.active_range()
    year_start, year_end = _clip(date(today.year, 1, 1), date(today.year, 12, 31), active)
    year = (year_start, min(today, year_end))
    if not activity.target.is_measurable:
        return year, None
    return year, _clip(*current_period(activity.target.unit, today), active)


def progress_of(
    activity: Activity,
    done_year: int,
    done_period: int,
    today: date,
    expected: Callable[[Target, date, date], Decimal | None] = expected_count,
) -> Progress:
    """Progress of one activity, given what was logged this year so far and in its current
    target period (see `windows`)."""
    target = activity.target
    if not target.is_measurable:
        return Progress(activity, ProgressStatus.EJ_MATBAR, done_year, None, done_year, None, None, "")
    active = activity.active_range()
    year_start, year_end = _clip(date(today.year, 1, 1), date(today.year, 12, 31), active)
    status = ProgressStatus.EJ_AKTIV if today < active[0] or today > active[1] else ""
    period_start, period_end = _clip(*current_period(target.unit, today), active)
    expected_period = expected(target, period_start, period_end)
    expected_ytd = expected(target, year_start, min(today, year_end))
    expected_year = expected(target, year_start, year_end)
    assert expected_period is not None
    assert expected_ytd is not None
    assert expected_year is not None
    if not status:
        if (expected_year and done_year >= expected_year) or (
            target.unit == Unit.YEAR and expected_period and done_period >= expected_period
        ):
            status = ProgressStatus.KLAR
        elif done_year >= math.floor(expected_ytd):
            status = ProgressStatus.I_FAS
        else:
            status = ProgressStatus.EFTER
    return Progress(
        activity=activity,
        status=status,
        done_period=done_period,
        expected_period=expected_period,
        done_year=done_year,
        expected_year_to_date=expected_ytd,
        expected_year=expected_year,
        period_label=translated(PERIOD_WORDS.get(Unit(target.unit), "")) if target.unit in Unit.values else "",
    )


def _any_window(groups: dict[tuple[date, date], list[int]]) -> Q | None:
    """Logs of the grouped activities within each group's window."""
    parts = [Q(activity_id__in=ids, done_on__gte=start, done_on__lte=end) for (start, end), ids in groups.items()]
    return reduce(operator.or_, parts) if parts else None


def logged_totals(activities: Iterable[Activity], today: date) -> dict[int, tuple[int, int]]:
    """What was logged per activity this year so far and in its current period: read from the
    running totals (followup.totals) where both windows are whole periods, which they are unless
    the activity starts or ends within one; the others are counted from their logs."""
    kept: dict[int, tuple[str, date] | None] = {}
    live: list[Activity] = []
    year_start = date(today.year, 1, 1)
    for activity in activities:
        active = activity.active_range()
        whole = active[0] <= year_start and active[1] >= today
        period = None
        if whole and activity.target.is_measurable:
            unit = activity.target.unit
            start, end = current_period(unit, today)
            whole = active[0] <= start and active[1] >= end
            period = (totals.TOTAL_UNIT.get(unit, unit), totals.period_start(unit, today))
        if whole:
            kept[activity.pk] = period
        else:
            live.append(activity)
    done = counted_live(live, today) if live else {}
    done.update(totals.year_and_period(kept, today))
    return done


def counted_live(activities: Iterable[Activity], today: date) -> dict[int, tuple[int, int]]:
    """What was logged per activity this year so far and in its current period, counted from the
    logs by the database in one query. Activities sharing a window (most do) share one condition."""
    year_groups: dict[tuple[date, date], list[int]] = defaultdict(list)
    period_groups: dict[tuple[date, date], list[int]] = defaultdict(list)
    for activity in activities:
        year, period = windows(activity, today)
        year_groups[year].append(activity.pk)
        if period is not None:
            period_groups[period].append(activity.pk)
    in_year, in_period = _any_window(year_groups), _any_window(period_groups)
    if in_year is None:
        return {}
    sums: dict[str, Sum] = {"year": Sum("count", filter=in_year, default=0)}
    if in_period is not None:
        sums["period"] = Sum("count", filter=in_period, default=0)
    rows = ActivityLog.all_objects.filter(in_year | in_period if in_period is not None else in_year)
    return {
        row["activity_id"]: (row["year"], row.get("period", 0))
        for row in rows.values("activity_id").order_by().annotate(**sums)
    }


def progress_for(activities: Iterable[Activity], today: date) -> list[Progress]:
    """Progress of several activities, with one query for their logs. Expected counts are worked
    out once per target and window: many activities share both."""
    activities = list(activities)
    done = logged_totals(activities, today)
    expected = cache(expected_count)
    return [progress_of(activity, *done.get(activity.pk, (0, 0)), today, expected) for activity in activities]


def tally(progresses: Iterable[Progress]) -> dict[str, int]:
    """How many activities are in each status."""
    counts: dict[str, int] = dict.fromkeys(STATUS_LABELS, 0)
    for item in progresses:
        counts[item.status] += 1
    return counts


@dataclass(frozen=True)
class YearOutcome:
    """What was done in one year of an activity that has ended, against what was expected."""

    year: int
    done: int
    expected: Decimal | None

    @property
    def reached(self) -> bool | None:
        return None if self.expected is None else self.done >= self.expected

    @property
    def status(self) -> str:
        if self.reached is None:
            return ProgressStatus.EJ_MATBAR
        return ProgressStatus.KLAR if self.reached else ProgressStatus.EFTER

    @property
    def status_label(self) -> str:
        if self.reached is None:
            return translated(STATUS_LABELS[ProgressStatus.EJ_MATBAR])
        return _("Målet nått") if self.reached else _("Under målet")

    @property
    def summary(self) -> str:
        """E.g. "10 av 12"; for triggers and continuous work just what was done."""
        if self.expected is None:
            return _("%(done)s gånger") % {"done": self.done}
        return _("%(done)s av %(expected)s") % {"done": self.done, "expected": format_number(self.expected)}


def outcome_by_year(activities: Iterable[Activity]) -> dict[int, list[YearOutcome]]:
    """The final outcome of activities, per calendar year of the days each ran, with one query for
    their logs. Left out are a year with nothing expected and nothing done (an outcome never reads
    "0 av 0") and a year in which nothing at all was logged for the activity's promise: it was not
    followed up in Samverkan (e.g. before the kommun began using it), which is not "0 av 120"."""
    activities = list(activities)
    groups: dict[tuple[date, date], list[int]] = defaultdict(list)
    for activity in activities:
        groups[activity.active_range()].append(activity.pk)
    within = _any_window(groups)
    if within is None:
        return {}
    done: dict[tuple[int, int], int] = {
        (row["activity_id"], row["year"]): row["done"]
        for row in ActivityLog.all_objects.filter(within)
        .annotate(year=ExtractYear("done_on"))
        .values("activity_id", "year")
        .order_by()
        .annotate(done=Sum("count"))
    }
    lofte_of = {activity.pk: activity.lofte_id for activity in activities}
    followed_up = {(lofte_of[activity_id], year) for activity_id, year in done}
    expected = cache(expected_count)
    outcome: dict[int, list[YearOutcome]] = {}
    for activity in activities:
        start, end = activity.active_range()
        rows = []
        for year in range(start.year, end.year + 1):
            if (activity.lofte_id, year) not in followed_up:
                continue
            count = done.get((activity.pk, year), 0)
            target = activity.target
            wanted = (
                expected(target, max(start, date(year, 1, 1)), min(end, date(year, 12, 31)))
                if target.is_measurable
                else None
            )
            if wanted is not None and not wanted and not count:
                continue
            rows.append(YearOutcome(year, count, wanted))
        outcome[activity.pk] = rows
    return outcome
