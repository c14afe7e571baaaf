from datetime import date
from decimal import Decimal

import pytest

from followup.progress import current_period, progress_of, windows
from medborgarloften.models import Activity, LocalPlan, Medborgarlofte


def activity(**target):
    """An unsaved activity in a promise running 2024–2026."""
    lofte = Medborgarlofte(plan=LocalPlan(), period_start=date(2024, 1, 1), period_end=date(2026, 12, 31))
    fields = {"target_kind": "antal", "target_every": 1, "target_multiplier": 1, **target}
    return Activity(lofte=lofte, what="x", responsible="polis", **fields)


def progress(a, done_by_day, today):
    """Progress given the logs per day: what falls in the activity's windows counts."""
    year, period = windows(a, today)
    done_year = sum(n for day, n in done_by_day.items() if year[0] <= day <= year[1])
    done_period = sum(n for day, n in done_by_day.items() if period and period[0] <= day <= period[1])
    return progress_of(a, done_year, done_period, today)


def test_monthly_target_this_month_and_year_to_date():
    a = activity(target_count=10, target_unit="manad", target_minimum=True)
    done = {date(2026, 3, d): 1 for d in range(1, 8)} | {date(2026, 1, 15): 10, date(2026, 2, 10): 10}
    p = progress(a, done, date(2026, 3, 20))
    assert (p.done_period, p.expected_period) == (7, Decimal("10.0"))
    assert p.summary == "7 av 10 denna månad · 27 av 120 i år"
    # Expected to 20 March: 10 + 10 + 10·20/31 = 26.5 → at least 26 done → on track.
    assert p.status == "i_fas"


def test_behind_when_below_the_pace():
    a = activity(target_count=10, target_unit="manad")
    p = progress(a, {date(2026, 1, 10): 5}, date(2026, 3, 1))
    assert p.status == "efter"


def test_twice_a_year_is_on_track_early_and_done_when_both_are_logged():
    a = activity(target_count=2, target_unit="ar")
    assert progress(a, {}, date(2026, 2, 1)).status == "i_fas"
    assert progress(a, {}, date(2026, 8, 1)).status == "efter"
    p = progress(a, {date(2026, 4, 2): 1, date(2026, 9, 30): 1}, date(2026, 10, 1))
    assert (p.status, p.summary) == ("klar", "2 av 2 i år")


def test_year_boundary_counts_only_this_years_logs():
    a = activity(target_count=2, target_unit="ar")
    p = progress(a, {date(2025, 12, 31): 2, date(2026, 1, 2): 1}, date(2026, 1, 3))
    assert p.done_year == 1


def test_leap_year_february():
    a = activity(target_count=10, target_unit="manad")
    p = progress(a, {date(2024, 2, 29): 10}, date(2024, 2, 29))
    assert (p.done_period, p.expected_period) == (10, Decimal("10.0"))


def test_every_third_weekend():
    a = activity(target_count=1, target_unit="helg", target_every=3)
    p = progress(a, {}, date(2026, 1, 17))
    assert p.expected_period == Decimal("0.3")
    assert p.period_label == "denna helg"


@pytest.mark.parametrize("kind", ["vid_behov", "lopande"])
def test_triggers_and_continuous_are_not_measurable(kind):
    a = activity(target_kind=kind, target_text="Vid behov")
    p = progress(a, {date(2026, 5, 1): 3}, date(2026, 6, 1))
    assert (p.status, p.summary) == ("ej_matbar", "3 gånger i år")


def test_activity_not_running_today():
    a = activity(target_count=2, target_unit="ar", starts_on=date(2026, 9, 1))
    assert progress(a, {}, date(2026, 6, 1)).status == "ej_aktiv"


def test_current_period_for_each_unit():
    day = date(2026, 5, 14)  # a Thursday
    assert current_period("manad", day) == (date(2026, 5, 1), date(2026, 5, 31))
    assert current_period("vecka", day) == (date(2026, 5, 11), date(2026, 5, 17))
    assert current_period("kvartal", day) == (date(2026, 4, 1), date(2026, 6, 30))
    assert current_period("ar", day) == (date(2026, 1, 1), date(2026, 12, 31))


def test_the_database_sums_each_activitys_year_and_period(activities, police_area, police_contact, samordnare):
    """progress_for sums the logs in the database; what it counts must be what falls in each
    activity's windows: this month for a monthly target, this year so far for every activity."""
    from followup.models import ActivityLog
    from followup.progress import progress_for

    monthly, yearly, trigger = activities
    today = date(2026, 3, 20)
    for activity, day, count in [
        (monthly, date(2026, 3, 1), 2),
        (monthly, date(2026, 3, 20), 1),
        (monthly, date(2026, 2, 28), 4),  # last month: the year, not the period
        (monthly, date(2025, 12, 31), 9),  # last year: neither
        (yearly, date(2026, 1, 2), 1),
        (trigger, date(2026, 3, 19), 3),
        (trigger, date(2025, 6, 1), 3),
    ]:
        ActivityLog.objects.create(
            activity=activity, organization=police_area, done_on=day, count=count, logged_by=police_contact
        )
    by_activity = {p.activity.pk: p for p in progress_for(activities, today)}
    assert (by_activity[monthly.pk].done_period, by_activity[monthly.pk].done_year) == (3, 7)
    assert (by_activity[yearly.pk].done_period, by_activity[yearly.pk].done_year) == (1, 1)
    assert (by_activity[trigger.pk].status, by_activity[trigger.pk].done_year) == ("ej_matbar", 3)
    # A week that began last year counts its December days too.
    weekly = activities[0]
    weekly.target_unit = "vecka"
    [week] = progress_for([weekly], date(2026, 1, 2))
    assert week.done_period == 9
    assert week.done_year == 0
