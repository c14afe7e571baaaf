from datetime import date
from decimal import Decimal

import pytest

from followup.progress import current_period, progress_of
from medborgarloften.models import Activity, LocalPlan, Medborgarlofte


def activity(**target):
    """An unsaved activity in a promise running 2024–2026."""
    lofte = Medborgarlofte(plan=LocalPlan(), period_start=date(2024, 1, 1), period_end=date(2026, 12, 31))
    fields = {"target_kind": "antal", "target_every": 1, "target_multiplier": 1, **target}
    return Activity(lofte=lofte, what="x", responsible="polis", **fields)


def logs(*days_and_counts):
    return dict(days_and_counts)


def test_monthly_target_this_month_and_year_to_date():
    a = activity(target_count=10, target_unit="manad", target_minimum=True)
    done = {date(2026, 3, d): 1 for d in range(1, 8)} | {date(2026, 1, 15): 10, date(2026, 2, 10): 10}
    p = progress_of(a, done, date(2026, 3, 20))
    assert (p.done_period, p.expected_period) == (7, Decimal("10.0"))
    assert p.summary == "7 av 10 denna månad · 27 av 120 i år"
    # Expected to 20 March: 10 + 10 + 10·20/31 = 26.5 → at least 26 done → on track.
    assert p.status == "i_fas"


def test_behind_when_below_the_pace():
    a = activity(target_count=10, target_unit="manad")
    p = progress_of(a, {date(2026, 1, 10): 5}, date(2026, 3, 1))
    assert p.status == "efter"


def test_twice_a_year_is_on_track_early_and_done_when_both_are_logged():
    a = activity(target_count=2, target_unit="ar")
    assert progress_of(a, {}, date(2026, 2, 1)).status == "i_fas"
    assert progress_of(a, {}, date(2026, 8, 1)).status == "efter"
    p = progress_of(a, {date(2026, 4, 2): 1, date(2026, 9, 30): 1}, date(2026, 10, 1))
    assert (p.status, p.summary) == ("klar", "2 av 2 i år")


def test_year_boundary_counts_only_this_years_logs():
    a = activity(target_count=2, target_unit="ar")
    p = progress_of(a, {date(2025, 12, 31): 2, date(2026, 1, 2): 1}, date(2026, 1, 3))
    assert p.done_year == 1


def test_leap_year_february():
    a = activity(target_count=10, target_unit="manad")
    p = progress_of(a, {date(2024, 2, 29): 10}, date(2024, 2, 29))
    assert (p.done_period, p.expected_period) == (10, Decimal("10.0"))


def test_every_third_weekend():
    a = activity(target_count=1, target_unit="helg", target_every=3)
    p = progress_of(a, {}, date(2026, 1, 17))
    assert p.expected_period == Decimal("0.3")
    assert p.period_label == "denna helg"


@pytest.mark.parametrize("kind", ["vid_behov", "lopande"])
def test_triggers_and_continuous_are_not_measurable(kind):
    a = activity(target_kind=kind, target_text="Vid behov")
    p = progress_of(a, {date(2026, 5, 1): 3}, date(2026, 6, 1))
    assert (p.status, p.summary) == ("ej_matbar", "3 gånger i år")


def test_activity_not_running_today():
    a = activity(target_count=2, target_unit="ar", starts_on=date(2026, 9, 1))
    assert progress_of(a, {}, date(2026, 6, 1)).status == "ej_aktiv"


def test_current_period_for_each_unit():
    day = date(2026, 5, 14)  # a Thursday
    assert current_period("manad", day) == (date(2026, 5, 1), date(2026, 5, 31))
    assert current_period("vecka", day) == (date(2026, 5, 11), date(2026, 5, 17))
    assert current_period("kvartal", day) == (date(2026, 4, 1), date(2026, 6, 30))
    assert current_period("ar", day) == (date(2026, 1, 1), date(2026, 12, 31))
