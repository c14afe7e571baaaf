"""Progress against targets, computed in one place on top of del 2's expected-count function.

For an activity and a day: what was done and expected in the current target period ("7 av 10
denna månad") and so far this year ("1 av 2 i år"), and a status – i fas, efter, klar, or ej
mätbar for triggers and continuous work.
"""

import calendar
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from medborgarloften.models import Activity
from medborgarloften.targets import Unit, expected_count

from .models import ActivityLog

STATUS_LABELS = {
    "i_fas": gettext_lazy("I fas"),
    "efter": gettext_lazy("Efter"),
    "klar": gettext_lazy("Klar"),
    "ej_matbar": gettext_lazy("Ej mätbar"),
    "ej_aktiv": gettext_lazy("Inte aktiv"),
}
PERIOD_WORDS = {
    Unit.DAY: gettext_lazy("i dag"),
    Unit.WEEK: gettext_lazy("denna vecka"),
    Unit.WEEKEND: gettext_lazy("denna helg"),
    Unit.MONTH: gettext_lazy("denna månad"),
    Unit.QUARTER: gettext_lazy("detta kvartal"),
    Unit.YEAR: gettext_lazy("i år"),
}


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
        return str(STATUS_LABELS[self.status])

    @property
    def summary(self) -> str:
        """E.g. "7 av 10 denna månad · 1 av 2 i år"; for triggers just what was done."""
        if self.expected_period is None:
            return _("%(done)s gånger i år") % {"done": self.done_year}
        parts = [
            _("%(done)s av %(expected)s %(period)s")
            % {
                "done": self.done_period,
                "expected": _plain(self.expected_period),
                "period": self.period_label,
            }
        ]
        if self.activity.target_unit != Unit.YEAR and self.expected_year is not None:
            parts.append(
                _("%(done)s av %(expected)s i år")
                % {
                    "done": self.done_year,
                    "expected": _plain(self.expected_year),
                }
            )
        return " · ".join(parts)

    @property
    def percent(self) -> int:
        """Share of this year's target reached, for a progress bar (0–100)."""
        if not self.expected_year:
            return 100 if self.status == "klar" else 0
        return min(100, round(100 * self.done_year / self.expected_year))


def _plain(value: Decimal) -> str:
    return str(value.quantize(Decimal(1))) if value == value.to_integral_value() else str(value).replace(".", ",")


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


def progress_of(activity: Activity, done_by_day: dict[date, int], today: date) -> Progress:
    """Progress of one activity, given what was logged per day (at least for `today`'s year)."""
    target = activity.target
    active = activity.active_range()
    year_start, year_end = _clip(date(today.year, 1, 1), date(today.year, 12, 31), active)
    done_year = sum(n for day, n in done_by_day.items() if year_start <= day <= min(today, year_end))
    if not target.is_measurable:
        return Progress(activity, "ej_matbar", done_year, None, done_year, None, None, "")
    status = "ej_aktiv" if today < active[0] or today > active[1] else ""
    period_start, period_end = _clip(*current_period(target.unit, today), active)
    done_period = sum(n for day, n in done_by_day.items() if period_start <= day <= period_end)
    expected_period = expected_count(target, period_start, period_end)
    expected_ytd = expected_count(target, year_start, min(today, year_end))
    expected_year = expected_count(target, year_start, year_end)
    assert expected_period is not None and expected_ytd is not None and expected_year is not None
    if not status:
        if (
            expected_year
            and done_year >= expected_year
            or (target.unit == Unit.YEAR and expected_period and done_period >= expected_period)
        ):
            status = "klar"
        elif done_year >= math.floor(expected_ytd):
            status = "i_fas"
        else:
            status = "efter"
    return Progress(
        activity=activity,
        status=status,
        done_period=done_period,
        expected_period=expected_period,
        done_year=done_year,
        expected_year_to_date=expected_ytd,
        expected_year=expected_year,
        period_label=str(PERIOD_WORDS.get(Unit(target.unit), "")) if target.unit in Unit.values else "",
    )


def logged_per_day(activities: Iterable[Activity], year: int) -> dict[int, dict[date, int]]:
    """Counts logged per activity and day in `year`, in one query."""
    totals: dict[int, dict[date, int]] = defaultdict(dict)
    rows = (
        ActivityLog.all_objects.filter(activity__in=[a.pk for a in activities], done_on__year=year)
        .values("activity_id", "done_on")
        .annotate(total=Sum("count"))
    )
    for row in rows:
        totals[row["activity_id"]][row["done_on"]] = row["total"]
    return totals


def progress_for(activities: Iterable[Activity], today: date) -> list[Progress]:
    """Progress of several activities, with one query for their logs."""
    activities = list(activities)
    done = logged_per_day(activities, today.year)
    return [progress_of(activity, done.get(activity.pk, {}), today) for activity in activities]


def tally(progresses: Iterable[Progress]) -> dict[str, int]:
    """How many activities are in each status."""
    counts = dict.fromkeys(STATUS_LABELS, 0)
    for item in progresses:
        counts[item.status] += 1
    return counts
