"""Running totals of what was logged, per activity and day, week, month, quarter and year.

Progress ("7 av 10 denna månad · 1 av 2 i år") and the annual report read these sums rather than
counting the logs on every view. `ActivityLog.save()` and `.delete()` keep them in step, in the
same transaction as the change, with one `INSERT … ON CONFLICT DO UPDATE SET count = count + n`
per change (no lost updates when two people log at once). When logs move to the next version of
a medborgarlöfte (`followup.services.carry_logs_over`, a bulk update) the totals of the activities
concerned are counted again from their logs; so are those of logs written in bulk (demo data,
the benchmark's dataset). `manage.py recount_activity_totals` rebuilds them all, `--check`
only compares.

Windows that do not cover a whole period (an activity that starts or ends within it) are counted
from the logs instead (`followup.progress.logged_totals`).
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from django.db import connection, transaction
from django.db.models import Q, Sum

from medborgarloften.targets import Unit

#: The periods totals are kept for; a weekend counts within its week.
UNITS = (Unit.DAY, Unit.WEEK, Unit.MONTH, Unit.QUARTER, Unit.YEAR)
#: The period whose total answers for a target unit.
TOTAL_UNIT: dict[str, str] = {Unit.WEEKEND: Unit.WEEK}

Counted = tuple[int, date, int]


def period_start(unit: str, day: date) -> date:
    """The first day of the period of `unit` that contains `day` (as progress.current_period)."""
    unit = TOTAL_UNIT.get(unit, unit)
    if unit == Unit.DAY:
        return day
    if unit == Unit.WEEK:
        return day - timedelta(days=day.weekday())
    if unit == Unit.MONTH:
        return day.replace(day=1)
    if unit == Unit.QUARTER:
        return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return date(day.year, 1, 1)


def counted_before(log_pk: int) -> Counted | None:
    """What a stored log counts for, read with its row locked until the change commits."""
    from .models import ActivityLog

    return (
        ActivityLog._base_manager.select_for_update()
        .filter(pk=log_pk)
        .values_list("activity_id", "done_on", "count")
        .first()
    )


def moved(before: Counted | None, after: Counted | None) -> None:
    """A log changed from counting `before` to counting `after` (None: it did not exist)."""
    if before == after:
        return
    changes: dict[tuple[int, str, date], int] = defaultdict(int)
    for counted, sign in ((before, -1), (after, 1)):
        if counted is None:
            continue
        activity_id, day, count = counted
        for unit in UNITS:
            changes[(activity_id, unit, period_start(unit, day))] += sign * count
    _add({key: delta for key, delta in changes.items() if delta})


def _add(changes: dict[tuple[int, str, date], int]) -> None:
    if not changes:
        return
    from .models import ActivityTotal

    table = connection.ops.quote_name(ActivityTotal._meta.db_table)
    rows = sorted(changes.items())  # one order for every change, so two cannot deadlock
    values = ", ".join(["(%s, %s, %s, %s)"] * len(rows))
    params: list[Any] = [part for (activity_id, unit, day), delta in rows for part in (activity_id, unit, day, delta)]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (activity_id, unit, starts_on, count) VALUES {values} "  # noqa: S608 - our table name
            f"ON CONFLICT (activity_id, unit, starts_on) DO UPDATE SET count = {table}.count + EXCLUDED.count",
            params,
        )


def counted_from_logs(activity_ids: Iterable[int] | None = None) -> dict[tuple[int, str, date], int]:
    """The totals as the logs make them (all activities, or those of `activity_ids`)."""
    from .models import ActivityLog

    logs = ActivityLog.all_objects.all()
    if activity_ids is not None:
        logs = logs.filter(activity_id__in=list(activity_ids))
    totals: dict[tuple[int, str, date], int] = {}
    # The database sums by day; the longer periods are summed here from those days.
    for row in logs.values("activity_id", "done_on").order_by().annotate(n=Sum("count")):
        for unit in UNITS:
            key = (row["activity_id"], unit, period_start(unit, row["done_on"]))
            totals[key] = totals.get(key, 0) + row["n"]
    return totals


def stored(activity_ids: Iterable[int] | None = None) -> dict[tuple[int, str, date], int]:
    from .models import ActivityTotal

    rows = ActivityTotal.objects.exclude(count=0)
    if activity_ids is not None:
        rows = rows.filter(activity_id__in=list(activity_ids))
    return {(r.activity_id, r.unit, r.starts_on): r.count for r in rows}


@transaction.atomic
def recount(activity_ids: Iterable[int] | None = None) -> int:
    """Count the totals again from the logs (all activities, or those of `activity_ids`), with
    the logs of those activities locked meanwhile; returns how many totals there are."""
    from .models import ActivityLog, ActivityTotal

    ids = None if activity_ids is None else sorted(set(activity_ids))
    logs = ActivityLog._base_manager.select_for_update()
    list((logs if ids is None else logs.filter(activity_id__in=ids)).values_list("pk", flat=True))
    existing = ActivityTotal.objects.all() if ids is None else ActivityTotal.objects.filter(activity_id__in=ids)
    existing.delete()
    totals = counted_from_logs(ids)
    ActivityTotal.objects.bulk_create(
        [
            ActivityTotal(activity_id=activity_id, unit=unit, starts_on=day, count=n)
            for (activity_id, unit, day), n in totals.items()
        ],
        batch_size=5000,
    )
    return len(totals)


def differences(activity_ids: Iterable[int] | None = None) -> list[str]:
    """Where the kept totals differ from the logs, for `recount_activity_totals --check`."""
    ids = None if activity_ids is None else list(activity_ids)
    kept, counted = stored(ids), counted_from_logs(ids)
    return [
        f"aktivitet {key[0]} {key[1]} {key[2]}: {kept.get(key, 0)} sparat, {counted.get(key, 0)} i loggarna"
        for key in sorted(set(kept) | set(counted))
        if kept.get(key, 0) != counted.get(key, 0)
    ]


def year_and_period(periods: dict[int, tuple[str, date] | None], today: date) -> dict[int, tuple[int, int]]:
    """For each activity (with the unit and first day of its current target period, or None
    when its target is not a number): what was logged this year up to and including `today`,
    and in that period. This year's total, less any days after `today` (there are none unless
    `today` is in the past, as for a report's figures), and the period's total: one query."""
    from .models import ActivityTotal

    if not periods:
        return {}
    year_start, year_end = date(today.year, 1, 1), date(today.year, 12, 31)
    wanted = Q(unit=Unit.YEAR, starts_on=year_start) | Q(unit=Unit.DAY, starts_on__gt=today, starts_on__lte=year_end)
    for unit, day in {period for period in periods.values() if period is not None}:
        wanted |= Q(unit=unit, starts_on=day)
    year: dict[int, int] = defaultdict(int)
    period: dict[int, int] = defaultdict(int)
    rows = ActivityTotal.objects.filter(wanted, activity_id__in=sorted(periods))
    for activity_id, unit, day, count in rows.values_list("activity_id", "unit", "starts_on", "count"):
        if unit == Unit.YEAR:
            year[activity_id] += count
        elif unit == Unit.DAY and day > today:
            year[activity_id] -= count
        if periods[activity_id] == (unit, day):
            period[activity_id] += count
    return {activity_id: (year[activity_id], period[activity_id]) for activity_id in periods}
