"""Del 2 plans and their measurable local goals."""

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from agreements.models import Agreement, party_ids
from samverkan.forms import create_page, edit_page, perform
from samverkan.fragments import deferred, page_fragment, readable_object
from samverkan.history import history_of
from samverkan.http import Request, person
from samverkan.links import UuidLink
from samverkan.models import Organization
from samverkan.tenancy import can_change, get_object_for

from .. import services
from ..forms import GoalForm, NewPlanForm, PlanForm
from ..models import Activity, LocalGoal, LocalPlan, Medborgarlofte
from ..public import progress_by_activity
from ..targets import Target, describe
from . import EDITORS


@require_GET
@login_required
def plan_list(request: Request) -> HttpResponse:
    plans = LocalPlan.objects.select_related("organization", "agreement").order_by(
        "organization__name", "-period_start"
    )
    agreements = Agreement.objects.exclude(status__in=services.ENDED).writable_by(request.viewer, EDITORS)
    return render(request, "medborgarloften/plan_list.html", {"plans": plans, "agreements": agreements})


@require_http_methods(["GET", "POST"])
@login_required
def plan_create(request: Request, uuid: str) -> HttpResponse:
    viewer = request.viewer
    agreement = get_object_for(viewer, Agreement, uuid=uuid)
    kommuner = Organization.objects.filter(
        agreement_parties__agreement=agreement, kind=Organization.Kind.KOMMUN, pk__in=viewer.org_ids_with_role(EDITORS)
    )
    if not kommuner.exists():
        raise PermissionDenied(_("Del 2 skrivs av samordnaren i en kommun som är part i överenskommelsen."))
    form = NewPlanForm(
        request.POST or None,
        kommuner=kommuner,
        initial={
            "title": _("Lokal handlingsplan och medborgarlöften"),
            "period_start": agreement.period_start,
            "period_end": agreement.period_end,
        },
    )
    return create_page(
        request,
        form,
        services.create_plan,
        agreement,
        success=_("Del 2 är skapad. Lägg till lokala mål och medborgarlöften."),
        then=lambda plan: plan,
        template="medborgarloften/plan_new.html",
        context={"agreement": agreement},
    )


@dataclass(frozen=True)
class ActivityRow:
    """What an activity's row in the plan shows beyond the activity itself, worked out once per
        page rather than per row in the template: its links, the label of who is responsible and its
    target in words."""

    edit: str
    move: str
    delete: str
    occasions: str
    responsible: str
    target: str


def _prepare_rows(loften: list[Medborgarlofte]) -> None:
    """Give each activity of the promises (prefetched) its `row`: four URLs reversed once for the
    page, the responsibility labels translated once and each distinct target described once."""
    edit, move, delete, occasions = (
        UuidLink(name) for name in ("activity_edit", "activity_move", "activity_delete", "activity_occasions")
    )
    responsible = {value: str(label) for value, label in Activity.Responsible.choices}
    targets: dict[Target, str] = {}  # many activities share a target ("2 gånger per månad")
    for lofte in loften:
        for activity in lofte.activities.all():
            activity.row = ActivityRow(  # type: ignore[attr-defined]
                edit=edit(activity.uuid),
                move=move(activity.uuid),
                delete=delete(activity.uuid),
                occasions=occasions(activity.uuid),
                responsible=responsible.get(activity.responsible, activity.responsible),
                target=targets.get(activity.target) or targets.setdefault(activity.target, describe(activity.target)),
            )


def _row_labels() -> dict[str, str]:
    """The words every activity row repeats, translated once for the page."""
    return {
        "target": _("Mål"),
        "responsible": _("Ansvar"),
        "partners": _("Samverkan med"),
        "follow_up": _("Uppföljning"),
        "edit": _("Redigera"),
        "move_up": _("Flytta upp"),
        "move_down": _("Flytta ned"),
        "remove": _("Ta bort"),
        "confirm_remove": _("Ta bort aktiviteten?"),
        "occasions": _("Tillfällen"),
    }


#: What the plan page's body shows beyond the plan: worked out only when the body is not cached.
PLAN_NAMES = ("goals", "loften", "labels", "can_edit", "editable_activities", "scheduling_activities")


def _plan_context(request: Request, plan: LocalPlan) -> dict[str, Any]:
    viewer = request.viewer
    # Replaced versions are on each promise's page and in the history, not in the plan.
    loften = list(
        plan.loften.exclude(status=Medborgarlofte.Status.ERSATT)
        .select_related("police_area")
        .prefetch_related("activities", "signatures")
    )
    writable = Activity.objects.filter(lofte__plan=plan).writable_by(viewer, EDITORS)
    # Only a draft's activities change; a signed promise's are frozen, but occasions are still scheduled.
    editable_activities = set(writable.filter(lofte__status=Medborgarlofte.Status.UTKAST).values_list("pk", flat=True))
    scheduling_activities = set(
        writable.filter(lofte__status__in=[Medborgarlofte.Status.UTKAST, Medborgarlofte.Status.GALLANDE]).values_list(
            "pk", flat=True
        )
    )
    _prepare_rows(loften)
    return {
        "plan": plan,
        "goals": _goals_with_activities(plan, loften),
        "loften": loften,
        "labels": _row_labels(),
        "can_edit": can_change(viewer, plan, EDITORS),
        "editable_activities": editable_activities,
        "scheduling_activities": scheduling_activities,
    }


def _goals_with_activities(plan: LocalPlan, loften: list[Medborgarlofte]) -> list[LocalGoal]:
    """The plan's goals, each with `served`: the activities that serve it as the plan shows them
    (one per activity across a promise's versions, the signed one before a draft of its next
    version) and how each stands (`progress`, for activities of a promise in force)."""
    goals = list(plan.goals.select_related("focus_area").prefetch_related("problems", "activities"))
    shown: dict[UUID, Activity] = {}
    for lofte in sorted(loften, key=lambda lf: lf.status == Medborgarlofte.Status.UTKAST):
        for activity in lofte.activities.all():
            shown.setdefault(activity.series, activity)
    in_force = [a for a in shown.values() if a.lofte.status == Medborgarlofte.Status.GALLANDE]
    progress = progress_by_activity(in_force, timezone.localdate())
    for goal in goals:
        series = {activity.series for activity in goal.activities.all()}
        goal.served = [  # type: ignore[attr-defined]
            (activity, progress.get(activity.pk)) for s, activity in shown.items() if s in series
        ]
    return goals


@require_GET
@login_required
def plan_detail(request: Request, uuid: str) -> HttpResponse:
    """The implementation plan: goals, promises and their activities, edited in place."""
    plan = readable_object(request.viewer, LocalPlan.objects.select_related("organization", "agreement"), uuid)
    parties = party_ids(plan.agreement_id, plan.organization_id)
    key = page_fragment("plan_detail", request, plan, plan.agreement, org_ids=[plan.organization_id, *parties])
    context = deferred(lambda: _plan_context(request, plan), PLAN_NAMES, given=["plan"])
    return render(request, "medborgarloften/plan_detail.html", {"plan": plan, "plan_fragment": key, **context})


@require_http_methods(["GET", "POST"])
@login_required
def plan_edit(request: Request, uuid: str) -> HttpResponse:
    plan = get_object_for(request.viewer, LocalPlan, uuid=uuid, write=EDITORS)
    form = PlanForm(request.POST or None, instance=plan)
    return edit_page(
        request,
        form,
        services.update_plan,
        plan,
        success=_("Planen är sparad."),
        then=plan,
        template="medborgarloften/simple_form.html",
        context={"back": plan.get_absolute_url(), "heading": _("Redigera del 2")},
    )


@require_GET
@login_required
def plan_history(request: Request, uuid: str) -> HttpResponse:
    plan = get_object_for(request.viewer, LocalPlan, uuid=uuid)
    entries = history_of(plan)
    activities = (
        Activity.history.filter(lofte__plan_id=plan.pk).select_related("history_user").order_by("-history_date")[:100]
    )
    return render(
        request, "medborgarloften/plan_history.html", {"plan": plan, "entries": entries, "activity_changes": activities}
    )


@require_http_methods(["GET", "POST"])
@login_required
def goal_create(request: Request, uuid: str) -> HttpResponse:
    plan = get_object_for(request.viewer, LocalPlan.objects.select_related("agreement"), uuid=uuid, write=EDITORS)
    form = GoalForm(request.POST or None, plan=plan)
    return create_page(
        request,
        form,
        services.add_goal,
        plan,
        success=_("Målet är tillagt."),
        then=plan.get_absolute_url() + "#mal",
        template="medborgarloften/simple_form.html",
        context={"back": plan.get_absolute_url(), "heading": _("Nytt lokalt mål")},
    )


@require_http_methods(["GET", "POST"])
@login_required
def goal_edit(request: Request, uuid: str) -> HttpResponse:
    goal = get_object_for(request.viewer, LocalGoal.objects.select_related("plan__agreement"), uuid=uuid, write=EDITORS)
    form = GoalForm(request.POST or None, instance=goal, plan=goal.plan)
    return edit_page(
        request,
        form,
        services.update_goal,
        goal,
        success=_("Målet är sparat."),
        then=goal.plan.get_absolute_url() + "#mal",
        template="medborgarloften/simple_form.html",
        context={"back": goal.plan.get_absolute_url(), "heading": _("Redigera lokalt mål")},
    )


@require_POST
@login_required
def goal_delete(request: Request, uuid: str) -> HttpResponse:
    goal = get_object_for(request.viewer, LocalGoal.objects.select_related("plan"), uuid=uuid, write=EDITORS)
    return perform(
        request,
        lambda: services.delete_goal(goal, actor=person(request)),
        success=_("Målet är borttaget."),
        confirm=_("Ta bort det lokala målet ”%(what)s”?") % {"what": goal.what},
        then=goal.plan.get_absolute_url() + "#mal",
    )
