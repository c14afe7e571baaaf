from datetime import date
from decimal import Decimal

import pytest

from medborgarloften.targets import Target, describe, expected_count, validate_target


def quantity(count, unit, **kw):
    return Target(kind="antal", count=count, unit=unit, **kw)


@pytest.mark.parametrize(
    ("target", "start", "end", "expected"),
    [
        # "Minst 10 kontroller per månad": a whole quarter, a single month, half of June.
        (quantity(10, "manad", minimum=True), date(2026, 1, 1), date(2026, 3, 31), Decimal("30.0")),
        (quantity(10, "manad"), date(2026, 2, 1), date(2026, 2, 28), Decimal("10.0")),
        (quantity(10, "manad"), date(2026, 6, 1), date(2026, 6, 15), Decimal("5.0")),
        # Across a month boundary: the last 10 days of January and the first 14 of February.
        (quantity(31, "manad"), date(2026, 1, 22), date(2026, 2, 14), Decimal("25.5")),
        # "2 gånger per år": a year, half a year, across a year boundary.
        (quantity(2, "ar"), date(2026, 1, 1), date(2026, 12, 31), Decimal("2.0")),
        (quantity(2, "ar"), date(2026, 1, 1), date(2026, 6, 30), Decimal("1.0")),
        (quantity(2, "ar"), date(2025, 7, 1), date(2026, 6, 30), Decimal("2.0")),
        # Leap year: February 2024 has 29 days, so 29 days of a 366-day year.
        (quantity(366, "ar"), date(2024, 2, 1), date(2024, 2, 29), Decimal("29.0")),
        (quantity(10, "manad"), date(2024, 2, 1), date(2024, 2, 29), Decimal("10.0")),
        # "1 gång per år per klass 6–9": four classes.
        (
            quantity(1, "ar", multiplier=4, multiplier_label="klass"),
            date(2026, 1, 1),
            date(2026, 12, 31),
            Decimal("4.0"),
        ),
        # "Var tredje helg": twelve Saturdays in the twelve weeks from Monday 5 January 2026.
        (quantity(1, "helg", every=3), date(2026, 1, 5), date(2026, 3, 29), Decimal("4.0")),
        # "Minst 4 möten per år" over a quarter.
        (quantity(4, "ar", minimum=True), date(2026, 1, 1), date(2026, 3, 31), Decimal("1.0")),
        # Per week and per day.
        (quantity(2, "vecka"), date(2026, 1, 1), date(2026, 1, 14), Decimal("4.0")),
        (quantity(1, "dag"), date(2026, 1, 1), date(2026, 1, 31), Decimal("31.0")),
        (quantity(3, "kvartal"), date(2026, 1, 1), date(2026, 6, 30), Decimal("6.0")),
        # An empty range expects nothing.
        (quantity(10, "manad"), date(2026, 2, 1), date(2026, 1, 31), Decimal("0.0")),
    ],
)
def test_expected_count_for_quantity_targets(target, start, end, expected):
    assert expected_count(target, start, end) == expected


def test_weekends_count_saturdays_in_range():
    weekly = quantity(1, "helg")
    # Saturday 3 and Saturday 10 January 2026; a range from Sunday to Friday has none.
    assert expected_count(weekly, date(2026, 1, 3), date(2026, 1, 10)) == Decimal("2.0")
    assert expected_count(weekly, date(2026, 1, 4), date(2026, 1, 9)) == Decimal("0.0")


@pytest.mark.parametrize("target", [Target(kind="vid_behov", text="Vid behov"), Target(kind="lopande", text="Löpande")])
def test_triggers_and_continuous_work_have_no_expected_count(target):
    assert expected_count(target, date(2026, 1, 1), date(2026, 12, 31)) is None
    assert not target.is_measurable


def test_validation_explains_each_field_in_swedish():
    assert validate_target(quantity(0, "manad")) == {"target_count": "Ange hur många gånger, minst 1."}
    assert "target_unit" in validate_target(quantity(2, ""))
    assert "target_multiplier_label" in validate_target(quantity(1, "ar", multiplier=4))
    assert "target_text" in validate_target(Target(kind="vid_behov"))
    assert "target_kind" in validate_target(Target(kind="ibland"))
    assert validate_target(quantity(10, "manad", minimum=True)) == {}


def test_describe_in_the_seeds_words():
    assert describe(quantity(10, "manad", minimum=True)) == "Minst 10 gånger per månad"
    assert describe(quantity(2, "ar")) == "2 gånger per år"
    assert describe(quantity(1, "helg", every=3)) == "Var tredje helg"
    assert (
        describe(quantity(1, "ar", multiplier=4, multiplier_label="klass 6–9")) == "1 gång per år per klass 6–9 (4 st)"
    )
    assert describe(quantity(10, "manad", text="Minst 10 kontroller per månad")) == "Minst 10 kontroller per månad"
    assert describe(Target(kind="vid_behov", text="Under riskhelger")) == "Under riskhelger"
