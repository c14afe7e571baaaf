"""Every change to a meeting: plan it (members are invited with an iCal attachment), change it
while it is open, hold it, minute it with decisions, approve the minutes (frozen and sealed) and
mark them public. A decision that creates or changes an activity, a goal or a lägesbild problem
does so through that app's own service and keeps to its rules. The caller has checked that `actor`
may change the meeting (tenancy: the group's owner organisation, with an editor role), and for a
decision, the thing it changes."""

from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from lagesbild import services as lagesbild_services
from lagesbild.models import Lagesbild, Problem
from medborgarloften import services as plan_services
from medborgarloften.models import Activity, LocalGoal, Medborgarlofte
from samverkan.concurrency import check_editable, claim, create_editable, save_if_unchanged
from samverkan.errors import DomainError
from samverkan.history import acting_as
from samverkan.models import Group, GroupMember, User
from samverkan.sealed import queue_seal

from . import handovers
from .documents import attendance
from .models import Decision, Meeting


def _check_times(fields: dict[str, Any]) -> None:
    starts, ends = fields.get("starts_at"), fields.get("ends_at")
    if starts and ends and ends <= starts:
        raise DomainError(_("Mötet kan inte sluta innan det börjar."), {"ends_at": _("Välj en tid efter starten.")})


def _check_attendees(group: Group, attendees: Any) -> None:
    if attendees is None:
        return
    if any(member.group_id != group.pk for member in attendees):
        raise DomainError(
            _("Bara gruppens medlemmar kan vara närvarande."), {"attendees": _("Välj gruppens medlemmar.")}
        )


def _ensure_open(meeting: Meeting) -> None:
    """Approved minutes are frozen: nothing in the meeting changes any more."""
    if meeting.is_frozen:
        raise DomainError(
            _("Protokollet är godkänt och ändras inte i efterhand. Skriv en rättelse i nästa mötes protokoll.")
        )


@transaction.atomic
def plan_meeting(group: Group, *, actor: User | None, **fields: Any) -> Meeting:
    """Plan a meeting of `group`; the members with accounts are invited (with an iCal file)."""
    _check_times(fields)
    _check_attendees(group, fields.get("attendees"))
    if not (fields.get("title") or "").strip():
        fields["title"] = str(group.get_kind_display())
    with acting_as(actor):
        meeting = create_editable(Meeting, fields, group=group)
    handovers.meeting_planned(meeting, actor=actor)
    return meeting


@transaction.atomic
def update_meeting(meeting: Meeting, *, actor: User | None, expected_version: int | None, **fields: Any) -> Meeting:
    """Change the time, place, agenda, attendance or minutes while the minutes are not approved.
    A planned meeting that moves is announced again, with a new iCal file."""
    _ensure_open(meeting)
    _check_times({"starts_at": meeting.starts_at, "ends_at": meeting.ends_at, **fields})
    _check_attendees(meeting.group, fields.get("attendees"))
    moved = "starts_at" in fields and fields["starts_at"] != meeting.starts_at
    with acting_as(actor):
        save_if_unchanged(meeting, expected_version=expected_version, fields=fields)
    if moved and meeting.status == Meeting.Status.PLANERAT:
        handovers.meeting_planned(meeting, actor=actor)
    return meeting


@transaction.atomic
def hold_meeting(meeting: Meeting, *, actor: User | None, now: datetime | None = None) -> Meeting:
    """Planned → held: the minutes can now be written and decisions recorded."""
    if meeting.status != Meeting.Status.PLANERAT:
        raise DomainError(_("Mötet är redan genomfört."))
    if meeting.starts_at > (now or timezone.now()):
        raise DomainError(_("Mötet har inte börjat ännu."))
    with acting_as(actor):
        claim(meeting, expected_version=meeting.version)
        meeting.status = Meeting.Status.GENOMFORT
        meeting.save()
    return meeting


@transaction.atomic
def approve_minutes(meeting: Meeting, *, actor: User, now: datetime | None = None) -> Meeting:
    """Held → minutes approved: frozen from now on, rendered and sealed as PDF."""
    meeting = Meeting.all_objects.select_for_update().get(pk=meeting.pk)
    if meeting.status == Meeting.Status.PLANERAT:
        raise DomainError(_("Mötet är inte genomfört ännu."))
    _ensure_open(meeting)
    if not meeting.minutes.strip():
        raise DomainError(_("Skriv protokollet innan det godkänns."))
    with acting_as(actor):
        claim(meeting, expected_version=meeting.version)
        meeting.attendance_record = attendance(meeting)
        meeting.status = Meeting.Status.GODKANT
        meeting.approved_at = now or timezone.now()
        meeting.approved_by = actor
        meeting.save()
    queue_seal(meeting)
    return meeting


@transaction.atomic
def set_minutes_public(meeting: Meeting, *, actor: User | None, public: bool) -> Meeting:
    """Show (or stop showing) approved minutes on the kommun's public page. Whether they are
    public is not part of the minutes, so it changes after approval too."""
    meeting = Meeting.all_objects.select_for_update().get(pk=meeting.pk)
    if public and not meeting.is_frozen:
        raise DomainError(_("Bara godkända protokoll kan göras offentliga."))
    with acting_as(actor):
        meeting.minutes_public = public
        meeting.save(update_fields=["minutes_public"])
    return meeting


# --- Decisions -----------------------------------------------------------------------------


def _check_decision(meeting: Meeting, text: str) -> str:
    _ensure_open(meeting)
    if meeting.status != Meeting.Status.GENOMFORT:
        raise DomainError(_("Beslut förs in när mötet är genomfört."))
    if not text.strip():
        raise DomainError(_("Skriv beslutet."), {"text": _("Skriv beslutet.")})
    return text.strip()


def _member_org_ids(meeting: Meeting) -> set[int]:
    return set(
        GroupMember.all_objects.filter(group_id=meeting.group_id, organization__isnull=False).values_list(
            "organization_id", flat=True
        )
    )


def _record(meeting: Meeting, *, text: str, kind: str, **links: Any) -> Decision:
    last = Decision.all_objects.filter(meeting=meeting).aggregate(last=Max("order"))["last"] or 0
    return Decision.objects.create(meeting=meeting, text=text, kind=kind, order=last + 1, **links)


@transaction.atomic
def add_decision(meeting: Meeting, *, actor: User | None, text: str) -> Decision:
    """A decision that changes nothing in Samverkan by itself."""
    text = _check_decision(meeting, text)
    with acting_as(actor):
        return _record(meeting, text=text, kind=Decision.Kind.BESLUT)


@transaction.atomic
def decide_activity(
    meeting: Meeting, *, actor: User | None, text: str, lofte: Medborgarlofte, **activity: Any
) -> Decision:
    """A decision that adds an activity to a medborgarlöfte of a member kommun. A signed promise
    does not change in place: the activity goes into the proposed next version (started here
    when there is none), which both sides sign again; the decision says so and links to it."""
    text = _check_decision(meeting, text)
    if lofte.plan.organization_id not in _member_org_ids(meeting):
        raise DomainError(
            _("Medborgarlöftet hör till en kommun som inte är med i gruppen."), {"lofte": _("Välj ett annat.")}
        )
    check_editable(Activity, activity)
    target = lofte
    if lofte.status == Medborgarlofte.Status.GALLANDE:
        pending = Medborgarlofte.all_objects.filter(previous=lofte, status=Medborgarlofte.Status.UTKAST).first()
        target = pending or plan_services.propose_lofte_revision(lofte, actor=actor)
    plan = target.plan
    plan.refresh_from_db(fields=["version"])
    created = plan_services.add_activity(target, actor=actor, expected_version=plan.version, **activity)
    with acting_as(actor):
        return _record(meeting, text=text, kind=Decision.Kind.NY_AKTIVITET, activity=created)


@transaction.atomic
def decide_goal(
    meeting: Meeting, *, actor: User | None, text: str, goal: LocalGoal, target_value: str, target_date: date
) -> Decision:
    """A decision that changes a local goal's target value or date (del 2 plans change freely)."""
    text = _check_decision(meeting, text)
    if goal.plan.organization_id not in _member_org_ids(meeting):
        raise DomainError(_("Målet hör till en kommun som inte är med i gruppen."), {"goal": _("Välj ett annat mål.")})
    plan_services.update_goal(
        goal,
        actor=actor,
        expected_version=goal.version,
        problems=list(goal.problems.all()),
        target_value=target_value,
        target_date=target_date,
    )
    with acting_as(actor):
        return _record(meeting, text=text, kind=Decision.Kind.ANDRAT_MAL, goal=goal)


@transaction.atomic
def decide_problem(
    meeting: Meeting, *, actor: User | None, text: str, lagesbild: Lagesbild, **problem: Any
) -> Decision:
    """A decision that adds a problem to a member's lägesbild (only a draft lägesbild changes: an
    adopted one says to start the next from it)."""
    text = _check_decision(meeting, text)
    if lagesbild.organization_id not in _member_org_ids(meeting):
        raise DomainError(
            _("Lägesbilden hör till en organisation som inte är med i gruppen."), {"lagesbild": _("Välj en annan.")}
        )
    check_editable(Problem, problem)
    created = lagesbild_services.add_problem(lagesbild, actor=actor, **problem)
    with acting_as(actor):
        return _record(meeting, text=text, kind=Decision.Kind.NYTT_PROBLEM, problem=created)


@transaction.atomic
def delete_decision(decision: Decision, *, actor: User | None) -> None:
    """Strike a decision from minutes not yet approved (what it created stays, with its history)."""
    _ensure_open(decision.meeting)
    with acting_as(actor):
        decision.delete()
