"""Numbers have bounds (samverkan.bounds): one check, derived from the model fields and their
declared domain ranges, used by every form, the CSV import and every save; and every page
renders whatever is already stored, however absurd."""

import inspect
from datetime import date
from decimal import Decimal

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from followup.models import ActivityLog
from followup.services import log_activity
from lagesbild.imports import CsvImportError, parse_measurements_csv
from lagesbild.models import Indicator, Measurement
from lagesbild.services import create_indicator, import_measurements, record_measurement
from medborgarloften.models import Activity
from samverkan.bounds import column_range, errors_for, range_for
from samverkan.forms import BoundedFormMixin
from tests.conftest import client_for
from tests.test_url_walk import url_kwargs, victim  # noqa: F401  (fixtures)

OUR_APPS = ("samverkan", "lagesbild", "agreements", "medborgarloften", "followup")


@pytest.fixture
def percent_indicator(kommun, samordnare):
    return create_indicator(
        kommun,
        actor=samordnare,
        name="Andel trygga",
        unit="procent",
        source="NTU",
        baseline_year=2020,
        baseline_value=Decimal(70),
    )


def test_column_ranges_come_from_the_model_fields():
    assert column_range(Measurement._meta.get_field("value")) is not None
    ranges = {
        "value": range_for(Measurement, "value"),
        "target_every": range_for(Activity, "target_every"),
        "baseline_year": range_for(Indicator, "baseline_year"),
        "hours": range_for(ActivityLog, "hours"),
    }
    assert None not in ranges.values()
    assert ranges["value"] is not None
    assert ranges["value"].high == Decimal("99999999999.999")
    assert ranges["target_every"] is not None
    assert ranges["target_every"].low == 1
    assert ranges["baseline_year"] is not None
    assert ranges["baseline_year"].low == 1990
    assert ranges["hours"] is not None
    assert ranges["hours"].high == 1000


def test_every_form_of_ours_checks_bounds():
    """Class-level: a new form that forgets the shared base fails here."""
    ours = []
    for app in OUR_APPS:
        module = __import__(f"{app}.forms", fromlist=["*"])
        views = __import__(f"{app}.views", fromlist=["*"])
        for source in (module, views):
            for _name, value in inspect.getmembers(source, inspect.isclass):
                if issubclass(value, forms.BaseForm) and value.__module__.startswith(OUR_APPS):
                    ours.append(value)
    assert len(ours) > 20
    assert [form for form in ours if not issubclass(form, BoundedFormMixin)] == []


@pytest.mark.parametrize(
    ("value", "year", "ok"),
    [
        (Decimal("1e20"), 2022, False),
        (Decimal("NaN"), 2022, False),
        (Decimal("Infinity"), 2022, False),
        (Decimal(5), 1900, False),
        (Decimal(5), 2101, False),
        (Decimal("-99999999999.999"), 2022, True),
        (Decimal(0), 1990, True),
    ],
)
def test_services_refuse_numbers_outside_their_bounds(victim, samordnare, value, year, ok):  # noqa: F811
    indicator = victim["indicator"]

    def record():
        return record_measurement(
            indicator, actor=samordnare, period_start=date(year, 1, 1), granularity="ar", value=value
        )

    if ok:
        assert record().value == value
    else:
        with pytest.raises(ValidationError):
            record()
        assert not Measurement.objects.filter(indicator=indicator, period_start=date(year, 1, 1)).exists()


def test_a_percentage_lies_between_0_and_100(percent_indicator, samordnare):
    with pytest.raises(ValidationError):
        record_measurement(
            percent_indicator, actor=samordnare, period_start=date(2021, 1, 1), granularity="ar", value=Decimal(150)
        )
    assert errors_for(Measurement, {"indicator": percent_indicator, "value": Decimal(-1)})
    assert not errors_for(Measurement, {"indicator": percent_indicator, "value": Decimal("99.5")})


def test_csv_import_reports_values_out_of_bounds_per_line(percent_indicator, samordnare):
    data = b"2021;50\n2022;1e20\n1900;5\n2023;150\n2024;-3\n"
    with pytest.raises(CsvImportError) as caught:
        import_measurements(percent_indicator, actor=samordnare, data=data)
    assert [error.split(":")[0] for error in caught.value.lines] == ["Rad 2", "Rad 3", "Rad 4", "Rad 5"]
    assert "Året måste ligga mellan 1990 och 2100." in caught.value.lines[1]
    assert "mellan 0 och 100" in caught.value.lines[2]
    assert percent_indicator.measurements.count() == 0
    # Without an indicator only the column and the year bound a value.
    assert [r.value for r in parse_measurements_csv(b"2021;150\n")] == [Decimal(150)]


@pytest.mark.parametrize("value", ["1e20", "NaN", "inf", "-1e12", "99999999999999,5"])
def test_measurement_form_refuses_absurd_values_with_a_swedish_message(victim, samordnare, value):  # noqa: F811
    indicator = victim["indicator"]
    before = indicator.measurements.count()
    response = client_for(samordnare).post(
        reverse("measurement_add", args=[indicator.uuid]), {"period": "2022", "value": value}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Ange ett vanligt tal" in body or "Värdet måste" in body
    assert indicator.measurements.count() == before


def test_indicator_form_refuses_a_baseline_year_of_1900(victim, samordnare):  # noqa: F811
    indicator = victim["indicator"]
    response = client_for(samordnare).post(
        reverse("indicator_edit", args=[indicator.uuid]),
        {"name": "X", "unit": "st", "source": "x", "baseline_year": "1900", "baseline_value": "1"},
    )
    assert "Värdet måste ligga mellan 1990 och 2100" in response.content.decode()
    indicator.refresh_from_db()
    assert indicator.baseline_year == 2020


def test_every_page_renders_whatever_absurd_numbers_are_already_stored(victim, samordnare, url_kwargs):  # noqa: F811
    indicator = victim["indicator"]
    # As stored before the bounds existed, or by hand in the database: past every check (Django
    # itself will not write NaN, PostgreSQL's numeric holds it).
    for i, value in enumerate(["NaN", "99999999999.999", "-99999999999.999", "0", "-0.001"]):
        row = Measurement(indicator=indicator, period_start=date(2030 + i, 1, 1), granularity="ar", value=Decimal(1))
        Measurement.all_objects.bulk_create([row])
        with connection.cursor() as cursor:
            cursor.execute("UPDATE lagesbild_measurement SET value = %s::numeric WHERE id = %s", [value, row.pk])
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE lagesbild_indicator SET baseline_year = 1900, baseline_value = 'NaN' WHERE id = %s",
            [indicator.pk],
        )
    ActivityLog.all_objects.filter(pk=victim["log"].pk).update(count=2_000_000_000, hours=Decimal("99999.9"))
    Activity.all_objects.filter(pk=victim["activity"].pk).update(target_count=2_000_000_000, target_every=0)
    client = client_for(samordnare)
    broken = []
    for name, kwargs in url_kwargs.items():
        status = client.get(reverse(name, kwargs=kwargs())).status_code
        if status >= 500:
            broken.append(name)
    assert broken == []
    chart = client.get(reverse("indicator_chart", args=[indicator.uuid]))
    assert chart.status_code == 200
    assert b"<svg" in chart.content


@pytest.mark.parametrize(("hours", "refused"), [("1001", True), ("-1", True), ("1000", False), ("2.5", False)])
def test_log_form_takes_its_hours_bounds_from_the_model(
    active_lofte, activities, police_contact, police_area, hours, refused
):
    log = log_activity(
        activities[0], actor=police_contact, organization=police_area, done_on=timezone.localdate(), count=1
    )
    response = client_for(police_contact).post(
        reverse("log_edit", args=[log.uuid]),
        {
            "done_on": log.done_on.isoformat(),
            "count": "1",
            "hours": hours,
            "note": "",
            "version": log.version,
        },
    )
    log.refresh_from_db()
    assert (log.hours is None) is refused, response.content.decode()[-3000:]
