"""The kommun's duties under Lag 2023:196: states on a given day, the decisions behind them, the
county view with its filter and export, reminders sent once, and bounded queries."""

import io
from datetime import date

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from followup import services as followup_services
from followup.duties import Duty, DutyState, add_months, duties_for, duties_of, mandate_period
from followup.reminders import plan_reminders
from lagesbild.models import Theme
from lagesbild.services import add_problem, adopt_lagesbild, create_lagesbild
from medborgarloften import atgardsplan_services as measures
from samverkan.coordination import appoint_samordningsfunktion, cycle_of, set_duty_cycle
from samverkan.models import Membership, Organization
from samverkan.notifications import create_once
from samverkan.services import remove_membership
from tests.conftest import client_for, make_person


def state(kommun, duty, today):
    return duties_of(kommun, today).status(duty).state


def adopted_picture(kommun, actor, *, adopted_on=date(2025, 2, 1), start=date(2025, 1, 1), end=date(2028, 12, 31)):
    picture = create_lagesbild(
        kommun, actor=actor, title=f"Lägesbild {adopted_on}", period_start=start, period_end=end, analys="Analys"
    )
    add_problem(picture, actor=actor, title="Narkotika bland unga", theme=Theme.objects.get(slug="andt-s"))
    add_problem(picture, actor=actor, title="Otrygghet i centrum", theme=Theme.objects.get(slug="annat"))
    return adopt_lagesbild(
        picture,
        actor=actor,
        adopted_on=adopted_on,
        adopted_by="Kommunstyrelsen",
        adopted_diarienummer="KS 2025/12",
        adopted_paragraph="§ 45",
    )


def decided_plan(kommun, actor, picture, *, decided_on=date(2025, 3, 1)):
    plan = measures.create_atgardsplan(kommun, actor=actor, title="Åtgärdsplan", lagesbild=picture)
    measures.add_measure(
        plan, actor=actor, what="Föräldravandringar", problem=picture.problems.first(), follow_up="Räknas varje kvartal"
    )
    return measures.decide_atgardsplan(
        plan,
        actor=actor,
        decided_on=decided_on,
        decided_by="Kommunstyrelsen",
        diarienummer="KS 2025/40",
        paragraph="§ 7",
    )


def test_months_and_mandate_periods():
    assert add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert add_months(date(2024, 11, 30), 27) == date(2027, 2, 28)
    assert mandate_period(date(2026, 10, 14)) == (date(2022, 10, 15), date(2026, 10, 15))
    assert mandate_period(date(2026, 10, 15)) == (date(2026, 10, 15), date(2030, 10, 15))
    assert mandate_period(date(2019, 1, 1)) == (date(2018, 10, 15), date(2022, 10, 15))


def test_lagesbild_state_moves_with_the_clock_and_shows_its_decision(kommun, samordnare):
    assert state(kommun, Duty.LAGESBILD, date(2025, 1, 1)) == DutyState.SAKNAS
    adopted_picture(kommun, samordnare)  # adopted 1 Feb 2025; the default cycle is 24 months
    row = duties_of(kommun, date(2026, 6, 1))
    status = row.status(Duty.LAGESBILD)
    assert status.decision is not None
    assert status.state == DutyState.UPPFYLLT
    assert status.due == date(2027, 2, 1)
    assert (status.decision.body, status.decision.day) == ("Kommunstyrelsen", date(2025, 2, 1))
    assert (status.decision.diarienummer, status.decision.paragraph) == ("KS 2025/12", "§ 45")
    assert state(kommun, Duty.LAGESBILD, date(2026, 12, 1)) == DutyState.SNART_INAKTUELLT  # within 90 days
    assert state(kommun, Duty.LAGESBILD, date(2027, 2, 1)) == DutyState.SAKNAS


def test_the_cycle_is_the_kommuns_own_setting(kommun, samordnare):
    adopted_picture(kommun, samordnare)
    assert state(kommun, Duty.LAGESBILD, date(2026, 6, 1)) == DutyState.UPPFYLLT
    cycle = cycle_of(kommun)
    set_duty_cycle(cycle, actor=samordnare, expected_version=None, lagesbild_months=12, warning_days=30)
    assert state(kommun, Duty.LAGESBILD, date(2026, 1, 10)) == DutyState.SNART_INAKTUELLT
    assert state(kommun, Duty.LAGESBILD, date(2026, 6, 1)) == DutyState.SAKNAS


def test_a_lagesbild_whose_period_ended_is_missing_whatever_the_cycle(kommun, samordnare):
    adopted_picture(kommun, samordnare, start=date(2025, 1, 1), end=date(2025, 12, 31))
    assert state(kommun, Duty.LAGESBILD, date(2026, 1, 1)) == DutyState.SAKNAS


def test_atgardsplan_is_missing_after_a_new_mandate_period_begins(kommun, samordnare):
    picture = adopted_picture(kommun, samordnare)
    assert state(kommun, Duty.ATGARDSPLAN, date(2025, 6, 1)) == DutyState.SAKNAS
    decided_plan(kommun, samordnare, picture)
    assert state(kommun, Duty.ATGARDSPLAN, date(2026, 6, 1)) == DutyState.UPPFYLLT
    assert state(kommun, Duty.ATGARDSPLAN, date(2026, 8, 1)) == DutyState.SNART_INAKTUELLT
    status = duties_of(kommun, date(2026, 11, 1)).status(Duty.ATGARDSPLAN)
    assert status.state == DutyState.SAKNAS
    assert "förra mandatperioden" in status.note
    assert status.decision is not None
    assert status.decision.diarienummer == "KS 2025/40"


def test_a_newer_lagesbild_makes_the_atgardsplan_go_stale(kommun, samordnare):
    picture = adopted_picture(kommun, samordnare)
    decided_plan(kommun, samordnare, picture)
    adopted_picture(kommun, samordnare, adopted_on=date(2026, 1, 20))
    status = duties_of(kommun, date(2026, 2, 1)).status(Duty.ATGARDSPLAN)
    assert status.state == DutyState.SNART_INAKTUELLT
    assert "nyare lägesbild" in status.note


def test_samordningsfunktion_needs_a_person_in_the_kommun(kommun, samordnare, leader):
    today = date(2026, 6, 1)
    assert state(kommun, Duty.SAMORDNING, today) == DutyState.SAKNAS
    appoint_samordningsfunktion(
        kommun, actor=leader, role_title="Brottsförebyggande samordnare", from_date=date(2026, 1, 1)
    )
    assert state(kommun, Duty.SAMORDNING, today) == DutyState.SNART_INAKTUELLT
    appoint_samordningsfunktion(
        kommun,
        actor=leader,
        role_title="Brottsförebyggande samordnare",
        from_date=date(2026, 3, 1),
        people=[samordnare],
        decided_by="Kommundirektören",
    )
    row = duties_of(kommun, today)
    assert row.status(Duty.SAMORDNING).state == DutyState.UPPFYLLT
    assert row.people == [samordnare.full_name]
    # Not yet begun on an earlier day: the earlier appointment is the one in force.
    assert state(kommun, Duty.SAMORDNING, date(2026, 2, 1)) == DutyState.SNART_INAKTUELLT
    remove_membership(Membership.objects.get(user=samordnare, organization=kommun), actor=None)
    assert state(kommun, Duty.SAMORDNING, today) == DutyState.SNART_INAKTUELLT


def test_only_members_of_the_kommun_can_be_its_samordningsfunktion(kommun, leader, outsider):
    from samverkan.errors import DomainError

    with pytest.raises(DomainError):
        appoint_samordningsfunktion(
            kommun, actor=leader, role_title="Samordnare", from_date=date(2026, 1, 1), people=[outsider]
        )


def test_uppfoljning_is_the_approved_annual_report_within_the_cycle(
    ready, kommun, police_area, samordnare, leader, police_leader
):
    assert state(kommun, Duty.UPPFOLJNING, date(2026, 3, 1)) == DutyState.SAKNAS
    with time_machine.travel(date(2026, 3, 10), tick=False):
        report = followup_services.create_report(ready, actor=samordnare, organization=kommun, year=2025)
        report = followup_services.update_report(
            report,
            actor=samordnare,
            expected_version=report.version,
            summary="Bra år.",
            worked="Samverkan.",
            changes_next_year="Fler vandringar.",
        )
        followup_services.submit_report(report, actor=samordnare)
        followup_services.approve_report(report, actor=leader, organization=kommun)
        followup_services.approve_report(report, actor=police_leader, organization=police_area)
    status = duties_of(kommun, date(2026, 6, 1)).status(Duty.UPPFOLJNING)
    assert status.state == DutyState.UPPFYLLT
    assert status.decision is not None
    assert status.decision.url == report.get_absolute_url()
    assert state(kommun, Duty.UPPFOLJNING, date(2027, 1, 1)) == DutyState.SNART_INAKTUELLT
    assert state(kommun, Duty.UPPFOLJNING, date(2027, 3, 10)) == DutyState.SAKNAS


# --- The åtgärdsplan ------------------------------------------------------------------------


def test_measures_without_problem_or_follow_up_are_flagged(kommun, samordnare):
    picture = adopted_picture(kommun, samordnare)
    plan = measures.create_atgardsplan(kommun, actor=samordnare, title="Åtgärdsplan", lagesbild=picture)
    linked = measures.add_measure(
        plan, actor=samordnare, what="Fältarbete", problem=picture.problems.first(), follow_up="Fältrapporter"
    )
    no_problem = measures.add_measure(plan, actor=samordnare, what="Belysning", follow_up="Trygghetsvandring")
    no_follow_up = measures.add_measure(plan, actor=samordnare, what="Kameror", problem=picture.problems.last())
    assert [m.is_unlinked for m in (linked, no_problem, no_follow_up)] == [False, True, True]
    measures.decide_atgardsplan(plan, actor=samordnare, decided_on=date(2025, 3, 1), decided_by="KS")
    assert duties_of(kommun, date(2025, 6, 1)).flagged_measures == 2


def test_a_measure_links_only_a_problem_of_the_plans_lagesbild(kommun, samordnare, kommun_problem):
    from samverkan.errors import DomainError

    picture = adopted_picture(kommun, samordnare)
    plan = measures.create_atgardsplan(kommun, actor=samordnare, title="Åtgärdsplan", lagesbild=picture)
    with pytest.raises(DomainError) as error:
        measures.add_measure(plan, actor=samordnare, what="X", problem=kommun_problem)
    assert "problem" in error.value.errors


def test_atgardsplan_needs_an_adopted_lagesbild_and_a_measure_and_is_frozen_once_decided(kommun, samordnare):
    from samverkan.errors import DomainError

    draft = create_lagesbild(
        kommun, actor=samordnare, title="Utkast", period_start=date(2025, 1, 1), period_end=date(2025, 12, 31)
    )
    with pytest.raises(DomainError):
        measures.create_atgardsplan(kommun, actor=samordnare, title="Å", lagesbild=draft)
    picture = adopted_picture(kommun, samordnare)
    plan = measures.create_atgardsplan(kommun, actor=samordnare, title="Å", lagesbild=picture)
    with pytest.raises(DomainError):
        measures.decide_atgardsplan(plan, actor=samordnare, decided_on=date(2025, 3, 1), decided_by="KS")
    measures.add_measure(plan, actor=samordnare, what="Fältarbete")
    with pytest.raises(DomainError):  # before the lägesbild it builds on
        measures.decide_atgardsplan(plan, actor=samordnare, decided_on=date(2025, 1, 1), decided_by="KS")
    measures.decide_atgardsplan(plan, actor=samordnare, decided_on=date(2025, 3, 1), decided_by="KS")
    with pytest.raises(DomainError):
        measures.add_measure(plan, actor=samordnare, what="Mer")


def test_del2_activities_come_in_linked_to_the_problem_behind_their_focus_area(
    kommun, samordnare, lofte, activities, kommun_problem
):
    picture = kommun_problem.lagesbild
    focus = lofte.plan.agreement.focus_areas.get()
    from medborgarloften import services as plan_services

    lofte.plan.refresh_from_db()
    plan_services.update_activity(
        activities[0], actor=samordnare, expected_version=lofte.plan.version, focus_area=focus
    )
    plan = measures.create_atgardsplan(kommun, actor=samordnare, title="Åtgärdsplan", lagesbild=picture)
    added = measures.add_del2_activities(plan, actor=samordnare)
    assert sorted(m.what for m in added) == sorted(a.what for a in activities)
    by_activity = {m.activity_id: m for m in added}
    assert by_activity[activities[0].pk].problem == kommun_problem
    assert by_activity[activities[1].pk].problem is None
    assert all(m.is_followed_up for m in added)  # logged in Samverkan
    assert measures.add_del2_activities(plan, actor=samordnare) == []  # not twice


# --- Pages ----------------------------------------------------------------------------------


@pytest.fixture
def county_of_kommuner(county, kommun, second_kommun, samordnare, lansstyrelse, county_reader):
    """Norsjö with every duty but the follow-up recorded; Malå with nothing."""
    picture = adopted_picture(kommun, samordnare, adopted_on=date(2026, 10, 20), start=date(2026, 1, 1))
    decided_plan(kommun, samordnare, picture, decided_on=date(2026, 11, 2))
    appoint_samordningsfunktion(
        kommun, actor=samordnare, role_title="Samordnare", from_date=date(2026, 1, 1), people=[samordnare]
    )
    return county_reader


def test_duty_page_shows_states_and_decisions(kommun, samordnare, county_of_kommuner):
    with time_machine.travel(date(2026, 11, 20), tick=False):
        page = client_for(samordnare).get(reverse("duties_kommun", args=[kommun.slug]))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'data-duty="atgardsplan" data-state="uppfyllt"' in html
    assert 'data-duty="uppfoljning" data-state="saknas"' in html
    assert "KS 2025/40" in html
    assert "§ 45" in html


def test_county_view_filters_sorts_and_exports(kommun, second_kommun, county_of_kommuner):
    client = client_for(county_of_kommuner)
    with time_machine.travel(date(2026, 11, 20), tick=False):
        everything = client.get(reverse("duties_county"))
        sorted_by_plan = client.get(reverse("duties_county") + "?sortera=atgardsplan")
        export = client.get(reverse("duties_county") + "?sortera=kommun&stod=1&format=xlsx")
        oversikt = client.get(reverse("oversikt"))
    html = everything.content.decode()
    assert html.index('data-kommun="mala"') < html.index('data-kommun="norsjo"')  # by name
    plan_html = sorted_by_plan.content.decode()
    assert plan_html.index('data-kommun="mala"') < plan_html.index('data-kommun="norsjo"')  # missing first
    sheet = load_workbook(io.BytesIO(export.content)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Kommun", "Skyldighet", "Tillstånd")
    # Both need support (Norsjö lacks the follow-up), four duties each.
    assert {row[0] for row in rows[1:]} == {"Malå kommun", "Norsjö kommun"}
    assert ("Norsjö kommun", "Åtgärdsplan beslutad", "Uppfyllt") in [row[:3] for row in rows[1:]]
    assert "2 av 2 kommuner behöver stöd" in oversikt.content.decode()


def test_county_view_is_for_lansstyrelser_and_the_duty_page_for_the_kommun_and_its_county(
    kommun, samordnare, police_contact, outsider, county_of_kommuner
):
    assert client_for(samordnare).get(reverse("duties_county")).status_code == 404
    assert client_for(outsider).get(reverse("duties_kommun", args=[kommun.slug])).status_code == 404
    # A partner police area reads the agreements, not the kommun's internal duties.
    assert client_for(police_contact).get(reverse("duties_kommun", args=[kommun.slug])).status_code == 404
    reader = client_for(county_of_kommuner)
    assert reader.get(reverse("duties_kommun", args=[kommun.slug])).status_code == 200
    assert reader.get(reverse("samordningsfunktion_create", args=[kommun.slug])).status_code == 403
    assert reader.get(reverse("duty_cycle_edit", args=[kommun.slug])).status_code == 403


def test_county_view_queries_do_not_grow_with_the_number_of_kommuner(county, county_of_kommuner, samordnare):
    from samverkan.tenancy import viewer_for, viewing_as

    def count_queries() -> int:
        kommuner = list(Organization.objects.filter(county=county, kind=Organization.Kind.KOMMUN))
        with viewing_as(viewer_for(county_of_kommuner)), CaptureQueriesContext(connection) as queries:
            duties_for(kommuner, date(2026, 11, 20))
        return len(queries)

    few = count_queries()
    for n in range(6):
        extra = Organization.objects.create(
            slug=f"extra-{n}", kind=Organization.Kind.KOMMUN, name=f"Extra {n}", county=county
        )
        make_person(extra, "samordnare", f"s{n}@extra.test", f"Samordnare {n}")
        appoint_samordningsfunktion(extra, actor=None, role_title="Samordnare", from_date=date(2026, 1, 1))
        adopted_picture(extra, None)
    assert count_queries() == few


def test_stale_duties_are_reminded_once_to_samordnare_and_leadership(kommun, samordnare, leader, police_contact):
    planned = [p for p in plan_reminders(date(2026, 11, 20)) if p.kind.startswith("duty_")]
    assert {p.user for p in planned} == {samordnare, leader}
    keys = {(p.kind, p.subject_key) for p in planned if p.user == samordnare}
    assert keys == {("duty_missing", f"duty:{kommun.pk}:{duty}") for duty in Duty.values}
    created = [create_once(p) for p in planned]
    assert all(created)
    again = [create_once(p) for p in plan_reminders(date(2026, 11, 21)) if p.kind.startswith("duty_")]
    assert not any(again)
