"""The running totals of what was logged (followup/totals.py) always equal a live count of the
logs: after any sequence of logs recorded, corrected and undone, across a new period and a new
year, when logs follow an activity into a new version, and when two people log at once."""

import random
import threading
from copy import copy
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from followup import services, totals
from followup.models import ActivityLog, ActivityTotal
from followup.progress import counted_live, progress_for
from followup.reports import report_figures
from samverkan.tenancy import system_scope

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def variants(activities):
    """The activities as targets of every unit and with windows cut by their own dates, so that
    both the totals and the live fallback are asked."""
    made = []
    for index, (unit, starts_on) in enumerate(
        [
            ("dag", None),
            ("vecka", None),
            ("helg", None),
            ("manad", None),
            ("kvartal", None),
            ("ar", None),
            ("manad", date(2026, 1, 14)),  # starts within a period: counted live
        ]
    ):
        for activity in activities:
            variant = copy(activity)
            variant.target_kind, variant.target_count, variant.target_unit = "antal", 3, unit
            variant.starts_on = starts_on
            made.append((index, variant))
    return made


def assert_totals_equal_a_live_count(activities, days):
    assert totals.differences() == []
    for day in days:
        for _index, variant in variants(activities):
            [progress] = progress_for([variant], day)
            live = counted_live([variant], day).get(variant.pk, (0, 0))
            assert (progress.done_year, progress.done_period) == live, (variant.target_unit, variant.starts_on, day)


def test_totals_equal_a_live_count_after_random_changes_across_periods_and_years(
    active_lofte, activities, police_contact, police_area, samordnare, time_machine
):
    rng = random.Random(19)
    logs: list[ActivityLog] = []
    stops = [
        datetime(2025, 12, 30, 10, tzinfo=STOCKHOLM),
        datetime(2026, 1, 2, 10, tzinfo=STOCKHOLM),  # a new year, and a week that began in the old one
        datetime(2026, 4, 1, 10, tzinfo=STOCKHOLM),  # a new month and quarter
    ]
    for stop in stops:
        time_machine.move_to(stop, tick=False)
        today = timezone.localdate()
        for _ in range(40):
            choice = rng.random()
            if choice < 0.5 or not logs:
                activity = rng.choice(activities)
                actor, org = (
                    (police_contact, police_area)
                    if activity.responsible != "kommun"
                    else (samordnare, active_lofte.plan.organization)
                )
                logs.append(
                    services.log_activity(
                        activity,
                        actor=actor,
                        organization=org,
                        done_on=today - timedelta(days=rng.randrange(0, 40)),
                        count=rng.randrange(1, 5),
                    )
                )
            elif choice < 0.8:
                log = rng.choice(logs)
                log.refresh_from_db()
                if services.can_still_edit(log, log.logged_by):
                    services.update_log(
                        log,
                        actor=log.logged_by,
                        expected_version=log.version,
                        done_on=today - timedelta(days=rng.randrange(0, 40)),
                        count=rng.randrange(1, 5),
                    )
                else:  # older than the edit window: corrected by the model itself, as an import would
                    log.done_on, log.count = today - timedelta(days=rng.randrange(0, 300)), rng.randrange(1, 9)
                    log.save()
            else:
                log = logs.pop(rng.randrange(len(logs)))
                if services.can_still_edit(log, log.logged_by):
                    services.undo_log(log, actor=log.logged_by)
                else:
                    log.delete()
        assert_totals_equal_a_live_count(activities, [today, today - timedelta(days=3), date(today.year - 1, 12, 31)])
    assert ActivityLog.objects.count() == len(logs)
    assert sum(log.count for log in ActivityLog.objects.all()) == sum(
        total.count for total in ActivityTotal.objects.filter(unit="ar")
    )


def test_logs_that_follow_an_activity_into_a_new_version_take_their_totals_along(
    active_lofte, activities, police_contact, police_area
):
    traffic, _walk, night = activities
    today = timezone.localdate()
    services.log_activity(traffic, actor=police_contact, organization=police_area, done_on=today, count=4)
    services.log_activity(night, actor=police_contact, organization=police_area, done_on=today, count=2)
    with system_scope():
        services.carry_logs_over(successors={traffic.pk: night.pk}, actor=police_contact)
    assert totals.differences() == []
    [progress] = progress_for([night], today)
    assert progress.done_year == 6
    [progress] = progress_for([traffic], today)
    assert progress.done_year == 0


def test_the_report_figures_read_the_totals_and_equal_the_logs(
    active_lofte, activities, police_contact, police_area, ready, samordnare, kommun, django_assert_max_num_queries
):
    today = timezone.localdate()
    for day in range(5):
        services.log_activity(
            activities[0], actor=police_contact, organization=police_area, done_on=today - timedelta(days=day)
        )
    report = services.create_report(ready, actor=samordnare, organization=kommun, year=today.year)
    figures = report_figures(report)
    assert figures["logged_total"] == 5
    # The figures are summed from a handful of totals whatever the number of logs.
    for day in range(5, 40):
        services.log_activity(
            activities[0], actor=police_contact, organization=police_area, done_on=today - timedelta(days=day)
        )
    with django_assert_max_num_queries(12):
        figures = report_figures(report)
    assert figures["logged_total"] == 40


def test_the_command_finds_and_mends_totals_that_went_astray(active_lofte, activities, police_contact, police_area):
    services.log_activity(
        activities[0], actor=police_contact, organization=police_area, done_on=timezone.localdate(), count=3
    )
    call_command("recount_activity_totals", "--check")
    ActivityTotal.objects.filter(unit="ar").update(count=1)
    with pytest.raises(CommandError, match="stämmer inte"):
        call_command("recount_activity_totals", "--check")
    call_command("recount_activity_totals")
    call_command("recount_activity_totals", "--check")
    assert ActivityTotal.objects.get(unit="ar").count == 3


@pytest.mark.django_db(transaction=True)
def test_two_people_logging_at_once_lose_nothing(active_lofte_committed, activities, police_contact, police_area):
    from medborgarloften.models import Activity

    with system_scope():
        activity = Activity.all_objects.select_related("lofte").get(pk=activities[0].pk)
    today = timezone.localdate()
    start = threading.Barrier(3)
    errors: list[BaseException] = []

    def log_many() -> None:
        try:
            with system_scope():
                start.wait()
                for _ in range(15):
                    services.log_activity(
                        activity, actor=police_contact, organization=police_area, done_on=today, count=2
                    )
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=log_many) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with system_scope():
        assert totals.differences() == []
        assert ActivityTotal.objects.get(activity=activity, unit="ar").count == 3 * 15 * 2
