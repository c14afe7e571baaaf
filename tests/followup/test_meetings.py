"""A group (samverkansgrupp, trygghetsråd) with members from the parties and from outside, and its
meetings: planned with an invitation and iCal file, reminded the day before once, held, minuted
with decisions that go through the other apps' services, approved (frozen and sealed), public
only when marked so, and counted in the agreement's follow-up and the annual report."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from icalendar import Calendar

from followup.meetings import services
from followup.meetings.models import Decision, Meeting
from followup.reports import report_figures
from followup.services import create_report, run_reminder_scan
from lagesbild.models import Problem, Theme
from lagesbild.services import create_lagesbild
from medborgarloften.models import Activity, Medborgarlofte
from samverkan.errors import DomainError
from samverkan.groups import services as group_services
from samverkan.models import Group, Notification
from samverkan.tenancy import ANONYMOUS, public_objects, viewer_for, viewing_as
from tests.conftest import client_for

TZ = ZoneInfo("Europe/Stockholm")


@pytest.fixture
def trygghetsrad(kommun, police_area, samordnare):
    group = group_services.create_group(
        kommun, actor=samordnare, name="Folkhälso- och trygghetsrådet", kind=Group.Kind.TRYGGHETSRAD, purpose=""
    )
    group_services.add_party_member(group, actor=samordnare, organization=police_area, role="LPO-chef")
    group_services.add_outside_member(
        group, actor=samordnare, outside_organization="Räddningstjänsten Norsjö", role="Räddningschef"
    )
    return group


def plan(group, samordnare, starts_at, **fields):
    return services.plan_meeting(
        group,
        actor=samordnare,
        title="Trygghetsrådet",
        starts_at=starts_at,
        ends_at=None,
        place="Kommunhuset",
        link="",
        agenda="1. Lägesbild\n2. Övrigt",
        **fields,
    )


@pytest.fixture
def held(trygghetsrad, samordnare):
    meeting = plan(trygghetsrad, samordnare, datetime(2026, 3, 10, 13, 0, tzinfo=TZ))
    services.hold_meeting(meeting, actor=samordnare)
    return meeting


def write_minutes(meeting, samordnare):
    meeting.refresh_from_db()
    services.update_meeting(
        meeting,
        actor=samordnare,
        expected_version=meeting.version,
        minutes="Rådet gick igenom lägesbilden.",
        attendees=list(meeting.group.members.all()),
    )


def test_members_organisations_read_the_group_and_its_meetings_and_outsiders_get_404(
    trygghetsrad, held, samordnare, police_contact, outsider
):
    members = list(trygghetsrad.members.all())
    assert [m.organization for m in members[:2]] == [
        trygghetsrad.organization,
        police_contact.memberships.get().organization,
    ]
    assert members[2].display_name == "Räddningstjänsten Norsjö"
    outside = trygghetsrad.members.get(organization__isnull=True)
    assert outside.is_outside
    assert outside.person is None
    assert outside.role == "Räddningschef"
    with viewing_as(viewer_for(police_contact)):
        assert Meeting.objects.filter(pk=held.pk).exists()
    with viewing_as(viewer_for(outsider)):
        assert not Meeting.objects.filter(pk=held.pk).exists()
        assert not Group.objects.filter(pk=trygghetsrad.pk).exists()
    assert client_for(police_contact).get(held.get_absolute_url()).status_code == 200
    # A member reads but does not edit: the owner organisation does.
    assert client_for(police_contact).get(reverse("meeting_edit", args=[held.uuid])).status_code == 403
    assert client_for(outsider).get(held.get_absolute_url()).status_code == 404


def test_an_outside_member_is_an_organisation_and_a_role_not_a_person(trygghetsrad, samordnare):
    with pytest.raises(DomainError) as refused:
        group_services.add_outside_member(trygghetsrad, actor=samordnare, outside_organization="", role="")
    assert set(refused.value.errors) == {"outside_organization", "role"}


def test_planning_invites_members_once_with_an_ical_file_and_a_moved_meeting_again(
    trygghetsrad, samordnare, police_contact, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        meeting = plan(trygghetsrad, samordnare, datetime(2026, 5, 4, 9, 0, tzinfo=TZ))
    # The police area has no named person: its samordnare and kontaktpersoner are invited; the
    # samordnare who planned it is not told of their own step.
    invited = Notification.objects.filter(kind="meeting_invited")
    assert [n.user for n in invited.all()] == [police_contact]
    assert len(mailoutbox) == 1
    [(name, content, mimetype)] = mailoutbox[0].attachments
    assert name == "mote.ics"
    assert mimetype.startswith("text/calendar")
    [event] = Calendar.from_ical(content).walk("VEVENT")
    assert Calendar.from_ical(content)["METHOD"] == "REQUEST"
    assert event.decoded("dtstart") == datetime(2026, 5, 4, 9, 0, tzinfo=TZ)
    assert str(event["location"]) == "Kommunhuset"
    assert str(event["uid"]).startswith(str(meeting.uuid))

    with django_capture_on_commit_callbacks(execute=True):
        services.update_meeting(meeting, actor=samordnare, expected_version=meeting.version, agenda="Ny punkt")
    assert invited.count() == 1
    assert len(mailoutbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        services.update_meeting(
            meeting, actor=samordnare, expected_version=meeting.version, starts_at=datetime(2026, 5, 5, 9, tzinfo=TZ)
        )
    assert invited.count() == 2
    assert len(mailoutbox) == 2


def test_the_day_before_members_are_reminded_once(trygghetsrad, samordnare, police_contact):
    plan(trygghetsrad, samordnare, datetime(2026, 5, 4, 9, 0, tzinfo=TZ))
    assert not [p for p in run_reminder_scan(date(2026, 5, 2), dry_run=True).planned if p.kind == "meeting_reminder"]
    first = [n for n in run_reminder_scan(date(2026, 5, 3)).created if n.kind == "meeting_reminder"]
    again = [n for n in run_reminder_scan(date(2026, 5, 3)).created if n.kind == "meeting_reminder"]
    assert {n.user for n in first} == {samordnare, police_contact}
    assert again == []


def test_a_decision_on_a_signed_promise_adds_the_activity_to_a_proposed_new_version(
    trygghetsrad, held, active_lofte, samordnare
):
    decision = services.decide_activity(
        held,
        actor=samordnare,
        text="Rådet beslutar om trygghetsvandringar i centrum.",
        lofte=active_lofte,
        what="Trygghetsvandring i centrum",
        responsible=Activity.Responsible.KOMMUN,
        target_kind="antal",
        target_count=2,
        target_unit="ar",
        target_text="",
    )
    active_lofte.refresh_from_db()
    assert active_lofte.status == Medborgarlofte.Status.GALLANDE
    assert not active_lofte.activities.filter(what="Trygghetsvandring i centrum").exists()
    assert decision.kind == Decision.Kind.NY_AKTIVITET
    assert decision.activity is not None
    assert decision.activity.lofte.previous == active_lofte
    assert decision.activity.lofte.status == Medborgarlofte.Status.UTKAST
    # A second decision goes into the same proposal.
    second = services.decide_activity(
        held,
        actor=samordnare,
        text="Och nattvandringar.",
        lofte=active_lofte,
        what="Nattvandring i centrum",
        responsible=Activity.Responsible.KOMMUN,
        target_kind="vid_behov",
        target_text="Under riskhelger",
    )
    assert second.activity is not None
    assert second.activity.lofte == decision.activity.lofte


def test_decisions_change_a_goal_and_add_a_problem_through_their_services(
    trygghetsrad, held, plan_goal, kommun, samordnare
):
    services.decide_goal(
        held,
        actor=samordnare,
        text="Målet skärps.",
        goal=plan_goal,
        target_value="minst 90 %",
        target_date=date(2027, 6, 30),
    )
    plan_goal.refresh_from_db()
    assert plan_goal.target_value == "minst 90 %"
    draft = create_lagesbild(
        kommun, actor=samordnare, title="Lägesbild 2026", period_start=date(2026, 1, 1), period_end=date(2026, 12, 31)
    )
    decision = services.decide_problem(
        held,
        actor=samordnare,
        text="Skadegörelse i centrum förs in i lägesbilden.",
        lagesbild=draft,
        title="Skadegörelse i centrum",
        theme=Theme.objects.get(slug="annat"),
    )
    assert decision.problem is not None
    assert Problem.objects.get(pk=decision.problem.pk).lagesbild == draft


@pytest.fixture
def plan_goal(plan_with_goal):
    return plan_with_goal


@pytest.fixture
def plan_with_goal(ready, kommun, samordnare):
    from medborgarloften import services as plan_services

    del2 = plan_services.create_plan(
        ready,
        actor=samordnare,
        organization=kommun,
        title="Del 2",
        period_start=date(2025, 1, 1),
        period_end=date(2027, 12, 31),
    )
    return plan_services.add_goal(
        del2,
        actor=samordnare,
        what="Fler känner sig trygga",
        measure="Trygghetsmätning",
        target_value="minst 80 %",
        target_date=date(2027, 1, 1),
        focus_area=ready.focus_areas.get(),
    )


def test_approved_minutes_are_frozen_and_sealed_on_commit(
    held, samordnare, seal_dir, django_capture_on_commit_callbacks
):
    with pytest.raises(DomainError):
        services.approve_minutes(held, actor=samordnare)  # nothing written yet
    write_minutes(held, samordnare)
    services.add_decision(held, actor=samordnare, text="Nästa möte i juni.")
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_minutes(held, actor=samordnare)
    held.refresh_from_db()
    assert held.status == Meeting.Status.GODKANT
    assert len(held.pdf_sha256) == 64
    with pytest.raises(DomainError, match="ändras inte"):
        services.update_meeting(held, actor=samordnare, expected_version=held.version, minutes="Ändrat")
    with pytest.raises(DomainError, match="ändras inte"):
        services.add_decision(held, actor=samordnare, text="Ett beslut till")
    assert client_for(samordnare).get(reverse("meeting_edit", args=[held.uuid])).status_code == 403


def test_approved_minutes_keep_who_was_present_when_the_group_changes_later(
    held, samordnare, django_capture_on_commit_callbacks
):
    from samverkan.groups import services as group_services

    write_minutes(held, samordnare)
    services.approve_minutes(held, actor=samordnare)
    outside = held.group.members.get(outside_organization="Räddningstjänsten Norsjö")
    group_services.remove_member(outside, actor=samordnare)
    page = client_for(samordnare).get(reverse("meeting_detail", args=[held.uuid])).content.decode()
    assert "Räddningstjänsten Norsjö" in page


def test_the_public_sees_minutes_only_when_approved_and_marked_public(held, samordnare, kommun, client):
    page = reverse("public_minutes", args=[kommun.slug])
    assert client.get(page).status_code == 404
    with pytest.raises(DomainError):
        services.set_minutes_public(held, actor=samordnare, public=True)
    write_minutes(held, samordnare)
    services.approve_minutes(held, actor=samordnare)
    assert client.get(page).status_code == 404
    assert not public_objects(Meeting).exists()
    services.set_minutes_public(held, actor=samordnare, public=True)
    body = client.get(page).content.decode()
    assert "Folkhälso- och trygghetsrådet" in body
    assert client.get(reverse("public_minutes_pdf", args=[held.uuid])).status_code == 200
    # The meeting's own page stays for members: the public gets sent to log in.
    assert client.get(held.get_absolute_url()).status_code == 302
    with viewing_as(ANONYMOUS):
        assert not Meeting.objects.exists()


def test_meetings_count_in_the_annual_report_and_the_agreements_follow_up(
    ready, trygghetsrad, held, kommun, samordnare
):
    write_minutes(held, samordnare)
    services.add_decision(held, actor=samordnare, text="Trygghetsvandring i maj.")
    second = plan(trygghetsrad, samordnare, datetime(2026, 6, 1, 13, 0, tzinfo=TZ))
    services.hold_meeting(second, actor=samordnare)
    plan(trygghetsrad, samordnare, datetime(2027, 2, 1, 13, 0, tzinfo=TZ))  # next year
    report = create_report(ready, actor=samordnare, organization=kommun, year=2026)
    [group] = report_figures(report)["meetings"]
    assert group["count"] == 2
    assert [d["text"] for d in group["decisions"]] == ["Trygghetsvandring i maj."]
    body = client_for(samordnare).get(report.get_absolute_url()).content.decode()
    assert "träffades 2 gånger under året" in body
    body = client_for(samordnare).get(reverse("dashboard_agreement", args=[ready.uuid])).content.decode()
    assert "träffats 2 gånger" in body
    assert "Kommande möten" in body


def test_a_meeting_is_held_only_once_it_has_started(trygghetsrad, samordnare):
    meeting = plan(trygghetsrad, samordnare, datetime(2030, 1, 1, 9, tzinfo=TZ))
    with pytest.raises(DomainError, match="inte börjat"):
        services.hold_meeting(meeting, actor=samordnare, now=datetime(2029, 12, 31, tzinfo=TZ))
    services.hold_meeting(meeting, actor=samordnare, now=datetime(2030, 1, 1, 10, tzinfo=TZ))
    assert meeting.status == Meeting.Status.GENOMFORT
    with pytest.raises(DomainError, match="redan genomfört"):
        services.hold_meeting(meeting, actor=samordnare)
