import json
from typing import Any

from csp.decorators import csp_update
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import reswap, retarget

from agreements.models import Agreement
from samverkan.errors import DomainError
from samverkan.forms import ReauthenticateForm, perform, put_error_on, submit
from samverkan.history import history_of
from samverkan.http import Request, person, viewer_of
from samverkan.models import Organization
from samverkan.tenancy import (
    EDITOR_ROLES,
    LEADER_ROLES,
    can_change,
    get_object_for,
    public_objects,
)

from . import public, services
from .documents import lofte_context, render_lofte_pdf
from .forms import ActivityForm, EffectIndicatorsForm, GoalForm, LofteForm, NewPlanForm, OccasionForm, PlanForm
from .models import Activity, Effect, LocalGoal, LocalPlan, Medborgarlofte, Occasion
from .targets import TargetKind

EDITORS = EDITOR_ROLES


# --- Plans ---------------------------------------------------------------------------------


@require_GET
@login_required
def plan_list(request: Request) -> HttpResponse:
    plans = LocalPlan.objects.select_related("organization", "agreement").order_by(
        "organization__name", "-period_start"
    )
    agreements = Agreement.objects.exclude(status__in=services.ENDED).writable_by(viewer_of(request), EDITORS)
    return render(request, "medborgarloften/plan_list.html", {"plans": plans, "agreements": agreements})


@require_http_methods(["GET", "POST"])
@login_required
def plan_create(request: Request, uuid: str) -> HttpResponse:
    viewer = viewer_of(request)
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
    done = submit(
        request,
        form,
        lambda: services.create_plan(agreement, actor=person(request), **form.changes()),
        success=_("Del 2 är skapad. Lägg till lokala mål och medborgarlöften."),
        then=lambda plan: plan,
    )
    if done:
        return done
    return render(request, "medborgarloften/plan_new.html", {"form": form, "agreement": agreement})


def _plan_context(request: Request, plan: LocalPlan) -> dict[str, Any]:
    viewer = viewer_of(request)
    loften = list(plan.loften.select_related("police_area").prefetch_related("activities", "signatures"))
    editable_activities = set(
        Activity.objects.filter(lofte__plan=plan).writable_by(viewer, EDITORS).values_list("pk", flat=True)
    )
    return {
        "plan": plan,
        "goals": plan.goals.select_related("focus_area").prefetch_related("problems"),
        "loften": loften,
        "can_edit": can_change(viewer, plan, EDITORS),
        "editable_activities": editable_activities,
    }


@require_GET
@login_required
def plan_detail(request: Request, uuid: str) -> HttpResponse:
    """The implementation plan: goals, promises and their activities, edited in place."""
    plan = get_object_for(viewer_of(request), LocalPlan.objects.select_related("organization", "agreement"), uuid=uuid)
    return render(request, "medborgarloften/plan_detail.html", _plan_context(request, plan))


@require_http_methods(["GET", "POST"])
@login_required
def plan_edit(request: Request, uuid: str) -> HttpResponse:
    plan = get_object_for(viewer_of(request), LocalPlan, uuid=uuid, write=EDITORS)
    form = PlanForm(request.POST or None, instance=plan)
    done = submit(
        request,
        form,
        lambda: services.update_plan(
            plan, actor=person(request), expected_version=form.expected_version, **form.changes()
        ),
        success=_("Planen är sparad."),
        then=plan,
    )
    if done:
        return done
    return render(
        request,
        "medborgarloften/simple_form.html",
        {"form": form, "back": plan.get_absolute_url(), "heading": _("Redigera del 2")},
    )


@require_GET
@login_required
def plan_history(request: Request, uuid: str) -> HttpResponse:
    plan = get_object_for(viewer_of(request), LocalPlan, uuid=uuid)
    entries = history_of(plan)
    activities = (
        Activity.history.filter(lofte__plan_id=plan.pk).select_related("history_user").order_by("-history_date")[:100]
    )
    return render(
        request, "medborgarloften/plan_history.html", {"plan": plan, "entries": entries, "activity_changes": activities}
    )


# --- Goals ---------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def goal_create(request: Request, uuid: str) -> HttpResponse:
    plan = get_object_for(viewer_of(request), LocalPlan.objects.select_related("agreement"), uuid=uuid, write=EDITORS)
    form = GoalForm(request.POST or None, plan=plan)
    done = submit(
        request,
        form,
        lambda: services.add_goal(plan, actor=person(request), **form.changes()),
        success=_("Målet är tillagt."),
        then=plan.get_absolute_url() + "#mal",
    )
    if done:
        return done
    return render(
        request,
        "medborgarloften/simple_form.html",
        {"form": form, "back": plan.get_absolute_url(), "heading": _("Nytt lokalt mål")},
    )


@require_http_methods(["GET", "POST"])
@login_required
def goal_edit(request: Request, uuid: str) -> HttpResponse:
    goal = get_object_for(
        viewer_of(request), LocalGoal.objects.select_related("plan__agreement"), uuid=uuid, write=EDITORS
    )
    form = GoalForm(request.POST or None, instance=goal, plan=goal.plan)
    done = submit(
        request,
        form,
        lambda: services.update_goal(
            goal, actor=person(request), expected_version=form.expected_version, **form.changes()
        ),
        success=_("Målet är sparat."),
        then=goal.plan.get_absolute_url() + "#mal",
    )
    if done:
        return done
    return render(
        request,
        "medborgarloften/simple_form.html",
        {"form": form, "back": goal.plan.get_absolute_url(), "heading": _("Redigera lokalt mål")},
    )


@require_POST
@login_required
def goal_delete(request: Request, uuid: str) -> HttpResponse:
    goal = get_object_for(viewer_of(request), LocalGoal.objects.select_related("plan"), uuid=uuid, write=EDITORS)
    return perform(
        request,
        lambda: services.delete_goal(goal, actor=person(request)),
        success=_("Målet är borttaget."),
        then=goal.plan.get_absolute_url() + "#mal",
    )


# --- Medborgarlöften -----------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def lofte_create(request: Request, uuid: str) -> HttpResponse:
    plan = get_object_for(viewer_of(request), LocalPlan.objects.select_related("agreement"), uuid=uuid, write=EDITORS)
    form = LofteForm(
        request.POST or None, plan=plan, initial={"period_start": plan.period_start, "period_end": plan.period_end}
    )
    done = submit(
        request,
        form,
        lambda: services.create_lofte(plan, actor=person(request), **form.changes()),
        success=_("Medborgarlöftet är skapat. Lägg till aktiviteter i planen."),
        then=lambda lofte: plan.get_absolute_url() + f"#lofte-{lofte.uuid}",
    )
    if done:
        return done
    return render(
        request,
        "medborgarloften/simple_form.html",
        {"form": form, "back": plan.get_absolute_url(), "heading": _("Nytt medborgarlöfte")},
    )


@require_http_methods(["GET", "POST"])
@login_required
def lofte_edit(request: Request, uuid: str) -> HttpResponse:
    lofte = get_object_for(
        viewer_of(request), Medborgarlofte.objects.select_related("plan__agreement"), uuid=uuid, write=EDITORS
    )
    form = LofteForm(request.POST or None, instance=lofte, plan=lofte.plan)
    done = submit(
        request,
        form,
        lambda: services.update_lofte(
            lofte, actor=person(request), expected_version=form.expected_version, **form.changes()
        ),
        success=_("Medborgarlöftet är sparat."),
        then=lofte,
    )
    if done:
        return done
    return render(
        request,
        "medborgarloften/simple_form.html",
        {"form": form, "back": lofte.get_absolute_url(), "heading": _("Redigera medborgarlöfte")},
    )


@require_GET
@login_required
def lofte_detail(request: Request, uuid: str) -> HttpResponse:
    viewer = viewer_of(request)
    lofte = get_object_for(
        viewer, Medborgarlofte.objects.select_related("plan__organization", "police_area"), uuid=uuid
    )
    sides = services.signing_sides(lofte)
    signed = {s.organization_id for s in lofte.signatures.all()}
    return render(
        request,
        "medborgarloften/lofte_detail.html",
        {
            **lofte_context(lofte),
            "can_edit": can_change(viewer, lofte, EDITORS),
            "can_sign": [o for o in sides if o.pk not in signed and viewer.has_role(o, LEADER_ROLES)],
            "effect_forms": [
                (effect, EffectIndicatorsForm(plan=lofte.plan, initial={"indicators": effect.indicators.all()}))
                for effect in lofte.effects.prefetch_related("indicators")
            ],
        },
    )


@require_POST
@login_required
def lofte_action(request: Request, uuid: str) -> HttpResponse:
    lofte = get_object_for(viewer_of(request), Medborgarlofte, uuid=uuid, write=EDITORS)
    actions = {
        "publicera": (services.publish_lofte, _("Medborgarlöftet är publicerat på kommunens sida.")),
        "avpublicera": (services.unpublish_lofte, _("Medborgarlöftet är inte längre publicerat.")),
        "avsluta": (services.end_lofte, _("Medborgarlöftet är avslutat.")),
    }
    action = actions.get(request.POST.get("action", ""))
    if action is None:
        messages.error(request, _("Okänd åtgärd."))
        return redirect(lofte)
    service, success = action
    return perform(request, lambda: service(lofte, actor=person(request)), success=success, then=lofte)
    return redirect(lofte)


@require_http_methods(["GET", "POST"])
@login_required
def lofte_sign(request: Request, uuid: str) -> HttpResponse:
    viewer = viewer_of(request)
    lofte = get_object_for(
        viewer, Medborgarlofte.objects.select_related("plan__organization", "police_area"), uuid=uuid
    )
    sides = [o for o in services.signing_sides(lofte) if viewer.has_role(o, LEADER_ROLES)]
    if not sides:
        raise PermissionDenied(_("Bara ledningen i kommunen eller lokalpolisområdet skriver under."))
    form = ReauthenticateForm(request.POST or None, user=person(request))
    done = submit(
        request,
        form,
        lambda: [services.sign_lofte(lofte, actor=person(request), organization=org) for org in sides],
        success=_("Du har skrivit under medborgarlöftet."),
        then=lofte,
    )
    if done:
        return done
    return render(request, "medborgarloften/lofte_sign.html", {"form": form, "lofte": lofte, "sides": sides})


@require_GET
@login_required
def lofte_pdf(request: Request, uuid: str) -> HttpResponse:
    lofte = get_object_for(viewer_of(request), Medborgarlofte, uuid=uuid)
    data = lofte.sealed_pdf_bytes()
    if data is None:
        data = render_lofte_pdf(lofte, draft=True)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="medborgarlofte-{lofte.period_start:%Y}.pdf"'
    return response


@require_POST
@login_required
def effect_indicators(request: Request, uuid: str, pk: int) -> HttpResponse:
    lofte = get_object_for(viewer_of(request), Medborgarlofte.objects.select_related("plan"), uuid=uuid, write=EDITORS)
    effect = Effect.objects.filter(lofte=lofte, pk=pk).first()
    if effect is None:
        raise Http404
    form = EffectIndicatorsForm(request.POST, plan=lofte.plan)
    if not form.is_valid():
        messages.error(request, _("Välj bland indikatorerna i listan."))
        return redirect(lofte.get_absolute_url() + "#effekter")
    return perform(
        request,
        lambda: services.link_effect_indicators(
            effect, actor=person(request), indicators=form.cleaned_data["indicators"]
        ),
        success=_("Indikatorerna är kopplade till effekten."),
        then=lofte.get_absolute_url() + "#effekter",
    )


# --- Activities (htmx, and plain forms without JavaScript) ---------------------------------


def _activity_list_response(request: Request, lofte: Medborgarlofte, *, error: str = "") -> HttpResponse:
    plan = lofte.plan
    context = _plan_context(request, plan)
    context.update(lofte=next(lf for lf in context["loften"] if lf.pk == lofte.pk), list_error=error)
    response = render(request, "medborgarloften/plan_detail.html#activity-list", context)
    response.write(render(request, "medborgarloften/plan_detail.html#version-oob", context).content)
    return response


def _form_response(
    request: Request,
    form: ActivityForm,
    *,
    lofte: Medborgarlofte,
    activity: Activity | None,
) -> HttpResponse:
    # The plan as stored now: after a conflict the form carries the current version, so that
    # saving again is a deliberate choice made after seeing the other change.
    plan = LocalPlan.all_objects.get(pk=lofte.plan_id)
    context = {"form": form, "lofte": lofte, "activity": activity, "plan": plan}
    if request.htmx:
        response = render(request, "medborgarloften/plan_detail.html#activity-form", context)
        if request.method == "POST":
            response.write(render(request, "medborgarloften/plan_detail.html#version-oob", context).content)
        return response
    return render(request, "medborgarloften/activity_form.html", context)


def _list_swap(request: Request, lofte: Medborgarlofte) -> HttpResponse:
    """After a successful htmx change, the promise's whole activity list replaces itself."""
    return reswap(retarget(_activity_list_response(request, lofte), f"#activities-{lofte.uuid}"), "outerHTML")


@require_http_methods(["GET", "POST"])
@login_required
def activity_create(request: Request, uuid: str) -> HttpResponse:
    lofte = get_object_for(viewer_of(request), Medborgarlofte.objects.select_related("plan"), uuid=uuid, write=EDITORS)
    form = ActivityForm(
        request.POST or None,
        lofte=lofte,
        initial={
            "target_kind": TargetKind.QUANTITY,
            "target_every": 1,
            "target_multiplier": 1,
            "responsible": Activity.Responsible.BADA,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.add_activity(
                lofte,
                actor=person(request),
                expected_version=form.cleaned_data["version"],
                **form.changes(),
            )
        except DomainError as error:
            put_error_on(form, error)
        else:
            if request.htmx:
                return _list_swap(request, lofte)
            messages.success(request, _("Aktiviteten är tillagd."))
            return redirect(lofte.plan.get_absolute_url() + f"#lofte-{lofte.uuid}")
    return _form_response(request, form, lofte=lofte, activity=None)


@require_http_methods(["GET", "POST"])
@login_required
def activity_edit(request: Request, uuid: str) -> HttpResponse:
    activity = get_object_for(
        viewer_of(request), Activity.objects.select_related("lofte__plan"), uuid=uuid, write=EDITORS
    )
    lofte = activity.lofte
    form = ActivityForm(request.POST or None, instance=activity, lofte=lofte)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_activity(
                activity,
                actor=person(request),
                expected_version=form.cleaned_data["version"],
                **form.changes(),
            )
        except DomainError as error:
            put_error_on(form, error)
        else:
            if request.htmx:
                return _list_swap(request, lofte)
            messages.success(request, _("Aktiviteten är sparad."))
            return redirect(lofte.plan.get_absolute_url() + f"#activity-{activity.uuid}")
    return _form_response(request, form, lofte=lofte, activity=activity)


@require_POST
@login_required
def activity_delete(request: Request, uuid: str) -> HttpResponse:
    activity = get_object_for(
        viewer_of(request), Activity.objects.select_related("lofte__plan"), uuid=uuid, write=EDITORS
    )
    return _list_change(request, activity, services.delete_activity, _("Aktiviteten är borttagen."))


@require_POST
@login_required
def activity_move(request: Request, uuid: str) -> HttpResponse:
    activity = get_object_for(
        viewer_of(request), Activity.objects.select_related("lofte__plan"), uuid=uuid, write=EDITORS
    )
    direction = request.POST.get("direction", "")
    if direction not in ("up", "down"):
        raise Http404
    return _list_change(request, activity, services.move_activity, "", direction=direction)


def _list_change(request: Request, activity: Activity, service: Any, success: str, **extra: Any) -> HttpResponse:
    lofte = activity.lofte
    error = ""
    try:
        version = int(request.POST.get("version", ""))
        service(activity, actor=person(request), expected_version=version, **extra)
    except ValueError:
        error = _("Sidan är inaktuell. Ladda om den och försök igen.")
    except DomainError as exc:
        error = exc.message
    if request.htmx:
        lofte.plan.refresh_from_db()
        return _activity_list_response(request, lofte, error=error)
    if error:
        messages.error(request, error)
    elif success:
        messages.success(request, success)
    return redirect(lofte.plan.get_absolute_url() + f"#lofte-{lofte.uuid}")


@require_http_methods(["GET", "POST"])
@login_required
def activity_occasions(request: Request, uuid: str) -> HttpResponse:
    viewer = viewer_of(request)
    activity = get_object_for(viewer, Activity.objects.select_related("lofte__plan"), uuid=uuid)
    can_edit = can_change(viewer, activity, EDITORS)
    form = OccasionForm(request.POST or None)
    if request.method == "POST" and not can_edit:
        raise PermissionDenied(_("Du kan läsa detta men inte ändra det."))
    done = submit(
        request,
        form,
        lambda: services.add_occasion(activity, actor=person(request), **form.cleaned_data),
        success=_("Tillfället är inlagt."),
        then=reverse("activity_occasions", args=[activity.uuid]),
    )
    if done:
        return done
    return render(
        request,
        "medborgarloften/activity_occasions.html",
        {"activity": activity, "occasions": activity.occasions.all(), "form": form, "can_edit": can_edit},
    )


@require_POST
@login_required
def occasion_delete(request: Request, uuid: str) -> HttpResponse:
    occasion = get_object_for(viewer_of(request), Occasion.objects.select_related("activity"), uuid=uuid, write=EDITORS)
    return perform(
        request,
        lambda: services.delete_occasion(occasion, actor=person(request)),
        success=_("Tillfället är borttaget."),
        then=reverse("activity_occasions", args=[occasion.activity.uuid]),
    )


# --- The public page and feeds -------------------------------------------------------------


def _public_kommun(slug: str) -> Organization:
    kommun = Organization.objects.filter(slug=slug, kind=Organization.Kind.KOMMUN, is_active=True).first()
    if kommun is None or not public_objects(Medborgarlofte).filter(plan__organization=kommun).exists():
        raise Http404
    return kommun


@require_GET
def public_page(request: Request, slug: str) -> HttpResponse:
    kommun = _public_kommun(slug)
    return render(request, "medborgarloften/public.html", {"kommun": kommun, **public.page_context(kommun)})


@require_GET
@xframe_options_exempt
@csp_update({"frame-ancestors": ["*"]})  # type: ignore[arg-type]
def public_embed(request: Request, slug: str) -> HttpResponse:
    """A bare view for the kommun's and the police's own websites to show in an iframe."""
    kommun = _public_kommun(slug)
    return render(request, "medborgarloften/public_embed.html", {"kommun": kommun, **public.page_context(kommun)})


@require_GET
def public_json(request: Request, slug: str) -> HttpResponse:
    kommun = _public_kommun(slug)
    data = public.feed(kommun, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def public_ics(request: Request, slug: str) -> HttpResponse:
    kommun = _public_kommun(slug)
    response = HttpResponse(
        public.calendar(kommun, host=request.get_host()), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="medborgarloften-{kommun.slug}.ics"'
    return response
