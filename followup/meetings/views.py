"""Groups and their meetings: thin views that look up through tenancy and call one service.
The group's owner organisation (its editors) changes; member organisations read; the public reads
only approved minutes marked public, on a page per kommun."""

from functools import partial
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lagesbild.models import Lagesbild
from medborgarloften.models import LocalGoal, Medborgarlofte
from samverkan.forms import create_page, edit_page, form_page, perform
from samverkan.fragments import deferred, page_fragment, readable_object, remembered
from samverkan.groups import services as group_services
from samverkan.http import Request, file_response, person
from samverkan.models import Group, GroupMember, Organization, User
from samverkan.tenancy import (
    EDITOR_ROLES,
    can_change,
    get_object_for,
    get_organization_for,
    public_objects,
    visible_organizations,
)

from . import services
from .documents import MINUTES_NAMES, minutes_context, render_minutes_pdf
from .forms import (
    ActivityDecisionForm,
    DecisionForm,
    GoalDecisionForm,
    GroupForm,
    MeetingCreateForm,
    MeetingForm,
    OutsideMemberForm,
    PartyMemberForm,
    ProblemDecisionForm,
)
from .handovers import meeting_ical
from .models import Decision, Meeting

# --- Groups --------------------------------------------------------------------------------


@require_GET
@login_required
def group_list(request: Request) -> HttpResponse:
    viewer = request.viewer
    groups = Group.objects.select_related("organization").order_by("organization__name", "name")
    owners = Organization.objects.filter(pk__in=viewer.org_ids_with_role(EDITOR_ROLES)).order_by("name")
    return render(request, "followup/meetings/group_list.html", {"groups": groups, "owners": owners})


@require_http_methods(["GET", "POST"])
@login_required
def group_create(request: Request, slug: str) -> HttpResponse:
    organization = get_organization_for(request.viewer, slug, roles=EDITOR_ROLES)
    form = GroupForm(request.POST or None)
    return create_page(
        request,
        form,
        group_services.create_group,
        organization,
        success=_("Gruppen är skapad. Lägg till medlemmar och planera ett möte."),
        then=lambda group: group,
        template="followup/meetings/group_form.html",
        context={"organization": organization},
    )


@require_GET
@login_required
def group_detail(request: Request, uuid: str) -> HttpResponse:
    viewer = request.viewer
    group = get_object_for(viewer, Group.objects.select_related("organization"), uuid=uuid)
    return render(
        request,
        "followup/meetings/group_detail.html",
        {
            "group": group,
            "members": group.members.select_related("organization", "person"),
            "meetings": group.meetings.order_by("-starts_at"),
            "can_edit": can_change(viewer, group, EDITOR_ROLES),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def group_edit(request: Request, uuid: str) -> HttpResponse:
    group = get_object_for(request.viewer, Group, uuid=uuid, write=EDITOR_ROLES)
    form = GroupForm(request.POST or None, instance=group)
    return edit_page(
        request,
        form,
        group_services.update_group,
        group,
        success=_("Gruppen är sparad."),
        then=group,
        template="followup/meetings/group_form.html",
        context={"group": group, "organization": group.organization},
    )


@require_http_methods(["GET", "POST"])
@login_required
def member_add(request: Request, uuid: str) -> HttpResponse:
    viewer = request.viewer
    group = get_object_for(viewer, Group, uuid=uuid, write=EDITOR_ROLES)
    # The people the person may already see: those of organisations whose pages they open.
    people = User.objects.filter(is_active=True, memberships__organization__in=visible_organizations(viewer)).distinct()
    form = PartyMemberForm(request.POST or None, people=people)
    return form_page(
        request,
        form,
        lambda: group_services.add_party_member(group, actor=person(request), **form.cleaned_data),
        success=_("Medlemmen är tillagd."),
        then=group,
        template="followup/meetings/member_form.html",
        context={"group": group, "outside": False},
    )


@require_http_methods(["GET", "POST"])
@login_required
def outside_member_add(request: Request, uuid: str) -> HttpResponse:
    group = get_object_for(request.viewer, Group, uuid=uuid, write=EDITOR_ROLES)
    form = OutsideMemberForm(request.POST or None)
    return create_page(
        request,
        form,
        group_services.add_outside_member,
        group,
        success=_("Medlemmen är tillagd."),
        then=group,
        template="followup/meetings/member_form.html",
        context={"group": group, "outside": True},
    )


@require_POST
@login_required
def member_remove(request: Request, uuid: str) -> HttpResponse:
    member = get_object_for(request.viewer, GroupMember.objects.select_related("group"), uuid=uuid, write=EDITOR_ROLES)
    return perform(
        request,
        lambda: group_services.remove_member(member, actor=person(request)),
        success=_("Medlemmen är borttagen."),
        confirm=_("Ta bort %(member)s ur gruppen?") % {"member": member.display_name},
        then=member.group,
    )


# --- Meetings ------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def meeting_create(request: Request, uuid: str) -> HttpResponse:
    group = get_object_for(request.viewer, Group, uuid=uuid, write=EDITOR_ROLES)
    form = MeetingCreateForm(request.POST or None, group=group, initial={"title": group.get_kind_display()})
    return create_page(
        request,
        form,
        services.plan_meeting,
        group,
        success=_("Mötet är planerat och kallelsen skickad till medlemmarna."),
        then=lambda meeting: meeting,
        template="followup/meetings/meeting_form.html",
        context={"group": group},
    )


@require_GET
@login_required
def meeting_detail(request: Request, uuid: str) -> HttpResponse:
    viewer = request.viewer
    meeting = readable_object(viewer, Meeting.objects.select_related("group__organization"), uuid)
    # The minutes and the decisions' links are cached: the group's and its members' data, the
    # meeting's version and seal, as seen by people with the viewer's access.
    members = remembered(
        "group_member_orgs",
        meeting.group.organization_id,
        partial(_member_org_ids, meeting.group_id),
        str(meeting.group_id),
    )
    now = timezone.now()
    # Once the meeting has begun it can be marked as held: that moves within a day.
    started = "begun" if meeting.starts_at <= now else "ahead"
    key = page_fragment(
        "meeting_detail", request, meeting, org_ids=[meeting.group.organization_id, *members], parts=[started]
    )

    def body() -> dict[str, Any]:
        return {**minutes_context(meeting), "can_edit": can_change(viewer, meeting, EDITOR_ROLES)}

    return render(
        request,
        "followup/meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "group": meeting.group,
            "body_fragment": key,
            **deferred(body, (*MINUTES_NAMES, "can_edit"), given=["meeting", "group"]),
            "now": now,
        },
    )


def _member_org_ids(group_id: int) -> list[int]:
    """The organisations of a group's members (the group's own data, remembered with it)."""
    return list(GroupMember.all_objects.filter(group_id=group_id).values_list("organization_id", flat=True))


@require_http_methods(["GET", "POST"])
@login_required
def meeting_edit(request: Request, uuid: str) -> HttpResponse:
    meeting = get_object_for(request.viewer, Meeting.objects.select_related("group"), uuid=uuid, write=EDITOR_ROLES)
    if meeting.is_frozen:
        raise PermissionDenied(_("Protokollet är godkänt och ändras inte i efterhand."))
    form = MeetingForm(request.POST or None, instance=meeting, group=meeting.group)
    return edit_page(
        request,
        form,
        services.update_meeting,
        meeting,
        success=_("Mötet är sparat."),
        then=meeting,
        template="followup/meetings/meeting_form.html",
        context={"group": meeting.group, "meeting": meeting},
    )


@require_POST
@login_required
def meeting_action(request: Request, uuid: str) -> HttpResponse:
    meeting = get_object_for(request.viewer, Meeting, uuid=uuid, write=EDITOR_ROLES)
    actor = person(request)
    actions: dict[str, tuple[Any, str]] = {
        "genomfort": (lambda: services.hold_meeting(meeting, actor=actor), _("Mötet är genomfört. Skriv protokollet.")),
        "godkann": (
            lambda: services.approve_minutes(meeting, actor=actor),
            _("Protokollet är godkänt. Det förseglas som PDF och ändras inte längre."),
        ),
        "offentligt": (
            lambda: services.set_minutes_public(meeting, actor=actor, public=True),
            _("Protokollet visas nu på kommunens publika sida."),
        ),
        "inte_offentligt": (
            lambda: services.set_minutes_public(meeting, actor=actor, public=False),
            _("Protokollet visas inte längre publikt."),
        ),
    }
    action, success = actions.get(request.POST.get("action", ""), (None, ""))
    if action is None:
        return perform(request, lambda: None, success=_("Okänd åtgärd."), then=meeting)
    return perform(request, action, success=success, then=meeting)


@require_GET
@login_required
def meeting_pdf(request: Request, uuid: str) -> HttpResponse:
    meeting = get_object_for(request.viewer, Meeting, uuid=uuid)
    data = meeting.sealed_pdf_bytes() or render_minutes_pdf(meeting)
    return file_response(data, f"protokoll-{meeting.uuid}.pdf", "application/pdf")


@require_GET
@login_required
def meeting_ics(request: Request, uuid: str) -> HttpResponse:
    meeting = get_object_for(request.viewer, Meeting.objects.select_related("group__organization"), uuid=uuid)
    return file_response(meeting_ical(meeting, method="PUBLISH"), "mote.ics", "text/calendar; charset=utf-8")


# --- Decisions -----------------------------------------------------------------------------


def _decision_page(request: Request, meeting: Meeting, form: Any, action: Any) -> HttpResponse:
    return form_page(
        request,
        form,
        action,
        success=_("Beslutet är infört i protokollet."),
        then=meeting,
        template="followup/meetings/decision_form.html",
        context={"meeting": meeting},
    )


def _open_meeting(request: Request, uuid: str) -> Meeting:
    return get_object_for(request.viewer, Meeting.objects.select_related("group"), uuid=uuid, write=EDITOR_ROLES)


def _member_orgs(meeting: Meeting) -> list[int]:
    return list(meeting.group.members.filter(organization__isnull=False).values_list("organization_id", flat=True))


@require_http_methods(["GET", "POST"])
@login_required
def decision_add(request: Request, uuid: str) -> HttpResponse:
    meeting = _open_meeting(request, uuid)
    form = DecisionForm(request.POST or None)
    return _decision_page(
        request, meeting, form, lambda: services.add_decision(meeting, actor=person(request), **form.cleaned_data)
    )


@require_http_methods(["GET", "POST"])
@login_required
def decision_activity(request: Request, uuid: str) -> HttpResponse:
    meeting = _open_meeting(request, uuid)
    viewer = request.viewer
    loften = (
        Medborgarlofte.objects.writable_by(viewer)
        .filter(plan__organization__in=_member_orgs(meeting))
        .filter(status__in=[Medborgarlofte.Status.UTKAST, Medborgarlofte.Status.GALLANDE])
        .order_by("-period_start")
    )
    form = ActivityDecisionForm(request.POST or None, loften=loften)
    return _decision_page(
        request,
        meeting,
        form,
        lambda: services.decide_activity(
            meeting,
            actor=person(request),
            text=form.cleaned_data["text"],
            lofte=form.cleaned_data["lofte"],
            **form.activity(),
        ),
    )


@require_http_methods(["GET", "POST"])
@login_required
def decision_goal(request: Request, uuid: str) -> HttpResponse:
    meeting = _open_meeting(request, uuid)
    goals = LocalGoal.objects.writable_by(request.viewer).filter(plan__organization__in=_member_orgs(meeting))
    form = GoalDecisionForm(request.POST or None, goals=goals)
    return _decision_page(
        request, meeting, form, lambda: services.decide_goal(meeting, actor=person(request), **form.cleaned_data)
    )


@require_http_methods(["GET", "POST"])
@login_required
def decision_problem(request: Request, uuid: str) -> HttpResponse:
    meeting = _open_meeting(request, uuid)
    lagesbilder = (
        Lagesbild.objects.writable_by(request.viewer)
        .filter(organization__in=_member_orgs(meeting))
        .exclude(status=Lagesbild.Status.FASTSTALLD)
    )
    form = ProblemDecisionForm(request.POST or None, lagesbilder=lagesbilder)
    return _decision_page(
        request, meeting, form, lambda: services.decide_problem(meeting, actor=person(request), **form.cleaned_data)
    )


@require_POST
@login_required
def decision_delete(request: Request, uuid: str) -> HttpResponse:
    decision = get_object_for(request.viewer, Decision.objects.select_related("meeting"), uuid=uuid, write=EDITOR_ROLES)
    return perform(
        request,
        lambda: services.delete_decision(decision, actor=person(request)),
        success=_("Beslutet är struket."),
        confirm=_("Stryk beslutet ”%(text)s”?") % {"text": decision.text[:120]},
        then=decision.meeting,
    )


# --- Public minutes ------------------------------------------------------------------------


@require_GET
def public_minutes(request: Request, slug: str) -> HttpResponse:
    """A kommun's approved minutes that are marked public; nothing else of its groups."""
    meetings = list(
        public_objects(Meeting)
        .filter(group__organization__slug=slug, group__organization__is_active=True)
        .select_related("group__organization")
        .order_by("-starts_at")
    )
    if not meetings:
        raise Http404
    return render(
        request,
        "followup/meetings/public_minutes.html",
        {"kommun": meetings[0].group.organization, "meetings": meetings},
    )


@require_GET
def public_minutes_pdf(request: Request, uuid: str) -> HttpResponse:
    try:
        meeting = public_objects(Meeting).get(uuid=uuid)
    except (Meeting.DoesNotExist, ValueError):
        raise Http404 from None
    data = meeting.sealed_pdf_bytes() or render_minutes_pdf(meeting)
    return file_response(data, f"protokoll-{meeting.uuid}.pdf", "application/pdf", download=False)
