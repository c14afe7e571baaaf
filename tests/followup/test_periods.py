"""Dates rule status: the daily job (followup.periods) with the clock moved. Agreements signed
before their start are undertecknad until then, agreements and promises end after their period
unless the renewal rule says they run on, and ended promises keep their final outcome per year on
the public page."""

import json
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from agreements import services as agreement_services
from agreements.models import Agreement
from followup import services as followup_services
from followup.periods import advance_documents
from followup.reminders import plan_reminders
from followup.tasks import advance_documents as advance_documents_task
from medborgarloften import services as plan_services
from medborgarloften.models import Medborgarlofte
from tests.conftest import client_for

STOCKHOLM = ZoneInfo("Europe/Stockholm")
Status = Agreement.Status


def at(day: date, hour: int = 12) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=STOCKHOLM)


def sign_all(agreement: Agreement) -> Agreement:
    for party in agreement.parties.select_related("signatory"):
        assert party.signatory is not None
        agreement_services.sign_agreement(agreement, party=party, actor=party.signatory)
    agreement.refresh_from_db()
    return agreement


def signed(ready: Agreement, samordnare, **fields) -> Agreement:
    """The ready draft with `fields` changed, sent for signature and signed by every party."""
    if fields:
        agreement_services.update_agreement(ready, actor=samordnare, expected_version=ready.version, **fields)
    agreement_services.send_for_signature(ready, actor=samordnare)
    return sign_all(ready)


def test_an_agreement_signed_before_its_start_is_undertecknad_until_its_start_date(ready, samordnare, seal_dir):
    agreement = signed(ready, samordnare, period_start=date(2030, 1, 1), period_end=date(2032, 12, 31))

    assert agreement.status == Status.UNDERTECKNAD
    assert agreement.status_text() == "Undertecknad, gäller från 1 januari 2030"
    body = client_for(samordnare).get(agreement.get_absolute_url()).content.decode()
    assert "Undertecknad, gäller från 1 januari 2030" in body
    assert "gällande sedan" not in body.lower()

    assert advance_documents(date(2029, 12, 31)) == []
    agreement.refresh_from_db()
    assert agreement.status == Status.UNDERTECKNAD

    moved = advance_documents(date(2030, 1, 1))
    agreement.refresh_from_db()
    assert [(item.title, item.status) for item in moved] == [(agreement.title, "Gällande")]
    assert agreement.status == Status.GALLANDE
    assert agreement.status_text(date(2030, 1, 1)) == "Gällande sedan 1 januari 2030"
    assert agreement.history.first().history_user is None  # "systemet"


def test_a_revision_signed_early_replaces_the_version_in_force_only_on_its_start_date(ready, samordnare, seal_dir):
    first = signed(ready, samordnare, renewal=Agreement.Renewal.REVISE)
    revision = agreement_services.propose_revision(first, actor=samordnare)
    revision = signed(revision, samordnare, period_start=date(2028, 1, 1), period_end=date(2030, 12, 31))
    first.refresh_from_db()
    assert (first.status, revision.status) == (Status.GALLANDE, Status.UNDERTECKNAD)

    advance_documents(date(2028, 1, 1))
    first.refresh_from_db()
    revision.refresh_from_db()
    # Started before ended: the old version is replaced the day the new one begins, not upphört.
    assert (first.status, revision.status) == (Status.ERSATT, Status.GALLANDE)
    assert timezone.localdate(first.ended_at) == date(2027, 12, 31)


def test_the_job_ends_an_agreement_past_its_end_date_on_that_date(ready, samordnare, seal_dir):
    agreement = signed(ready, samordnare, renewal=Agreement.Renewal.ENDS)

    assert advance_documents(date(2027, 12, 31)) == []  # its last day: still in force
    advance_documents(date(2028, 1, 1))
    agreement.refresh_from_db()
    assert agreement.status == Status.UPPHORT
    assert timezone.localdate(agreement.ended_at) == date(2027, 12, 31)
    assert agreement.status_text() == "Upphört 31 december 2027"


def test_an_agreement_that_runs_on_stays_in_force_and_says_since_when(ready, samordnare, seal_dir, time_machine):
    agreement = signed(ready, samordnare, renewal=Agreement.Renewal.CONTINUES)

    assert advance_documents(date(2028, 2, 1)) == []
    agreement.refresh_from_db()
    assert agreement.status == Status.GALLANDE
    time_machine.move_to(at(date(2028, 2, 1)), tick=False)
    body = client_for(samordnare).get(agreement.get_absolute_url()).content.decode()
    assert "Gällande, förlängs tills vidare sedan 31 december 2027" in body


@pytest.fixture
def followed_up(
    ready, lofte, activities, kommun, police_area, samordnare, police_contact, leader, police_leader, time_machine
):
    """An agreement and a published promise, both 2025–2027, with logs in 2025 and 2026 and none
    in 2027; the clock is at 10 June 2026."""
    time_machine.move_to(at(date(2025, 11, 20)), tick=False)
    signed(ready, samordnare, renewal=Agreement.Renewal.REVISE, reporting_month=3)
    plan_services.sign_lofte(lofte, actor=leader, organization=kommun)
    plan_services.sign_lofte(lofte, actor=police_leader, organization=police_area)
    lofte.refresh_from_db()
    plan_services.publish_lofte(lofte, actor=samordnare)
    traffic, walk, _night = activities
    followup_services.log_activity(
        traffic, actor=police_contact, organization=police_area, done_on=date(2025, 11, 15), count=3
    )
    for day in (date(2025, 5, 20), date(2025, 9, 2)):
        followup_services.log_activity(walk, actor=samordnare, organization=kommun, done_on=day)
    time_machine.move_to(at(date(2026, 6, 10)), tick=False)
    followup_services.log_activity(traffic, actor=police_contact, organization=police_area, done_on=date(2026, 6, 9))
    followup_services.log_activity(
        traffic, actor=police_contact, organization=police_area, done_on=date(2026, 6, 10), count=1
    )
    return lofte


def test_moving_the_clock_past_the_end_ends_everything_and_the_public_page_shows_the_final_outcome(
    followed_up, ready, kommun, client, time_machine
):
    before = client.get(reverse("public_loften", args=[kommun.slug])).content.decode()
    assert "Så går det:" in before
    assert "Tidigare medborgarlöften" not in before

    time_machine.move_to(at(date(2028, 1, 2), hour=6), tick=False)
    assert advance_documents_task() == 2  # the beat job, as Celery runs it

    ready.refresh_from_db()
    followed_up.refresh_from_db()
    assert ready.status == Status.UPPHORT
    assert followed_up.status == Medborgarlofte.Status.AVSLUTAT
    assert followed_up.is_published

    body = client.get(reverse("public_loften", args=[kommun.slug])).content.decode()
    assert "Tidigare medborgarlöften" in body
    assert "Avslutat, gällde 2025–2027" in body
    assert "de år som följdes upp i Samverkan: 2025, 2026." in body
    # Per activity and year: what was done against the target.
    for text in ("2025: 3 av 120", "2026: 2 av 120", "2025: 2 av 2", "2026: 0 av 2", "Målet nått", "Under målet"):
        assert text in body, text
    assert "2027:" not in body  # nothing was followed up in 2027
    assert "0 av 0" not in body
    assert "Så går det:" not in body

    feed = json.loads(client.get(reverse("public_loften_json", args=[kommun.slug])).content)
    promise = feed["medborgarloften"][0]
    assert promise["avslutat"] is True
    assert promise["status"] == "avslutat"
    traffic = next(a for a in promise["aktiviteter"] if a["aktivitet"] == "Hastighet och rattfylleri")
    assert traffic["utfall"] == [
        {"ar": 2025, "utfort": 3, "forvantat": 120.0, "malet_natt": False},
        {"ar": 2026, "utfort": 2, "forvantat": 120.0, "malet_natt": False},
    ]


def test_reminders_stop_for_ended_work_but_the_last_years_report_is_still_due(
    followed_up, samordnare, police_contact, time_machine
):
    # Before the end, the promise and agreement are reminded about as they near it.
    ending = {p.kind for p in plan_reminders(date(2027, 12, 1))}
    assert {"agreement_ending", "lofte_ending", "activity_behind"} <= ending

    advance_documents(date(2028, 1, 1))
    for day in (date(2028, 1, 10), date(2028, 3, 10), date(2028, 11, 20)):
        planned = plan_reminders(day)
        kinds = {p.kind for p in planned}
        assert not kinds & {"activity_behind", "activity_due", "agreement_ending", "lofte_ending"}, day
    # The report for 2027, the agreement's last year, is due in March 2028; none is due for 2028.
    march = {(p.kind, p.period_key) for p in plan_reminders(date(2028, 3, 10)) if p.user == samordnare}
    assert ("report_due", "2027") in march
    later = {(p.kind, p.period_key) for p in plan_reminders(date(2029, 3, 10))}
    assert ("report_overdue", "2027") in later
    assert not [key for key in later if key[1] == "2028"]


def test_a_promise_that_starts_later_does_not_look_current(
    plan, police_area, samordnare, leader, police_leader, kommun, client, time_machine
):
    time_machine.move_to(at(date(2026, 11, 29)), tick=False)
    later = plan_services.create_lofte(
        plan,
        actor=samordnare,
        title="Medborgarlöfte 2027",
        period_start=date(2027, 1, 1),
        period_end=date(2027, 12, 31),
        police_area=police_area,
    )
    plan.refresh_from_db()
    plan_services.add_activity(
        later,
        actor=samordnare,
        expected_version=plan.version,
        heading="Trygghet",
        what="Trygghetsvandring",
        responsible="kommun",
        target_kind="antal",
        target_count=2,
        target_unit="ar",
    )
    plan_services.sign_lofte(later, actor=leader, organization=kommun)
    plan_services.sign_lofte(later, actor=police_leader, organization=police_area)
    later.refresh_from_db()
    plan_services.publish_lofte(later, actor=samordnare)

    assert later.starts_later(date(2026, 11, 29))
    assert not later.starts_later(date(2027, 1, 1))
    assert later.status_text == "Undertecknat, gäller från 1 januari 2027"
    body = client.get(reverse("public_loften", args=[kommun.slug])).content.decode()
    assert "Kommande medborgarlöften" in body
    assert "Gäller från 1 januari 2027" in body
    assert "Så går det:" not in body


def test_the_job_is_idempotent_and_the_command_runs_it_by_hand(followed_up, ready, capsys):
    call_command("advance_documents", "--datum", "2028-01-02", "--dry-run")
    out = capsys.readouterr().out
    assert "2 handlingar skulle föras vidare" in out
    ready.refresh_from_db()
    assert ready.status == Status.GALLANDE

    call_command("advance_documents", "--datum", "2028-01-02")
    assert "2 handlingar fördes vidare per 2028-01-02" in capsys.readouterr().out
    ready.refresh_from_db()
    followed_up.refresh_from_db()
    assert (ready.status, followed_up.status) == (Status.UPPHORT, Medborgarlofte.Status.AVSLUTAT)
    history = (ready.history.count(), followed_up.history.count())

    assert advance_documents(date(2028, 1, 2)) == []
    assert advance_documents(date(2028, 6, 1)) == []
    assert (ready.history.count(), followed_up.history.count()) == history

    with pytest.raises(CommandError):
        call_command("advance_documents", "--datum", "2.1.2028")


def test_the_last_years_report_can_still_be_started_after_the_agreement_ended(
    followed_up, ready, samordnare, time_machine
):
    time_machine.move_to(at(date(2028, 1, 10)), tick=False)
    advance_documents(date(2028, 1, 10))
    ready.refresh_from_db()
    assert ready.status == Status.UPPHORT
    body = client_for(samordnare).get(reverse("report_list")).content.decode()
    assert reverse("report_create", args=[ready.uuid]) in body

    time_machine.move_to(at(date(2029, 1, 10)), tick=False)
    body = client_for(samordnare).get(reverse("report_list")).content.decode()
    assert reverse("report_create", args=[ready.uuid]) not in body
