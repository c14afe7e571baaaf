"""The implementation plan's activities and their occasions (htmx, and plain forms without JavaScript)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import reswap, retarget

from samverkan.errors import DomainError
from samverkan.forms import create_page, perform, submit
from samverkan.http import Request, person
from samverkan.numbers import format_date
from samverkan.tenancy import can_change, get_object_for

from .. import services
from ..forms import ActivityForm, OccasionForm
from ..models import Activity, LocalPlan, Medborgarlofte, Occasion
from ..targets import TargetKind
from . import EDITORS
from .plans import _plan_context

#: Where focus goes after a removal when no row follows the removed one: the add button.
ADD_BUTTON = "add"


def _activity_list_response(
    request: Request,
    lofte: Medborgarlofte,
    *,
    error: str = "",
    focus: int | str | None = None,
    moved: str = "",
    announce: str = "",
) -> HttpResponse:
    """The promise's activity list, marked for static/js/app.js with where focus goes next (a
    row's pk, the moved row's buttons, or ADD_BUTTON; an error takes it first) and what is read out."""
    plan = lofte.plan
    context = _plan_context(request, plan)
    context.update(
        lofte=next(lf for lf in context["loften"] if lf.pk == lofte.pk),
        list_error=error,
        focus=None if error else focus,
        focus_add=not error and focus == ADD_BUTTON,
        moved=moved,
        announce=announce,
    )
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
        if not form.is_bound:
            # An opened form takes focus on its first field (an invalid one on its error summary).
            form.fields["heading"].widget.attrs["data-autofocus"] = ""
        response = render(request, "medborgarloften/plan_detail.html#activity-form", context)
        if request.method == "POST":
            response.write(render(request, "medborgarloften/plan_detail.html#version-oob", context).content)
        return response
    return render(request, "medborgarloften/activity_form.html", context)


def _submit_activity(
    request: Request, form: ActivityForm, lofte: Medborgarlofte, action: Any, *, success: str, then: str
) -> HttpResponse | None:
    """`submit` for the activity forms: htmx gets the promise's updated list instead of a redirect,
    with focus on the added or saved row and the success read out."""
    saved: list[Activity] = []

    def run() -> Activity:
        saved.append(action())
        return saved[0]

    done = submit(request, form, run, success=None if request.htmx else success, then=then)
    if done and request.htmx:
        response = _activity_list_response(request, lofte, focus=saved[0].pk, announce=success)
        return reswap(retarget(response, f"#activities-{lofte.uuid}"), "outerHTML")
    return done


@require_http_methods(["GET", "POST"])
@login_required
def activity_create(request: Request, uuid: str) -> HttpResponse:
    lofte = get_object_for(request.viewer, Medborgarlofte.objects.select_related("plan"), uuid=uuid, write=EDITORS)
    form = ActivityForm(
        request.POST or None,
        lofte=lofte,
        initial={
            "target_kind": TargetKind.QUANTITY,
            "target_count": 1,
            "target_every": 1,
            "target_multiplier": 1,
            "responsible": Activity.Responsible.BADA,
        },
    )
    done = _submit_activity(
        request,
        form,
        lofte,
        lambda: services.add_activity(
            lofte, actor=person(request), expected_version=form.cleaned_data["version"], **form.changes()
        ),
        success=_("Aktiviteten är tillagd."),
        then=lofte.plan.get_absolute_url() + f"#lofte-{lofte.uuid}",
    )
    if done:
        return done
    return _form_response(request, form, lofte=lofte, activity=None)


@require_http_methods(["GET", "POST"])
@login_required
def activity_edit(request: Request, uuid: str) -> HttpResponse:
    activity = get_object_for(request.viewer, Activity.objects.select_related("lofte__plan"), uuid=uuid, write=EDITORS)
    lofte = activity.lofte
    form = ActivityForm(request.POST or None, instance=activity, lofte=lofte)
    done = _submit_activity(
        request,
        form,
        lofte,
        lambda: services.update_activity(
            activity, actor=person(request), expected_version=form.cleaned_data["version"], **form.changes()
        ),
        success=_("Aktiviteten är sparad."),
        then=lofte.plan.get_absolute_url() + f"#activity-{activity.uuid}",
    )
    if done:
        return done
    return _form_response(request, form, lofte=lofte, activity=activity)


@require_GET
@login_required
def activity_target_preview(request: Request, uuid: str) -> HttpResponse:
    """The target typed so far, in the words the public page will show (htmx, as the person types
    in the activity form); without JavaScript the same preview comes with the form when it is sent."""
    lofte = get_object_for(request.viewer, Medborgarlofte, uuid=uuid)
    form = ActivityForm(request.GET, lofte=lofte)
    return render(request, "medborgarloften/plan_detail.html#target-preview", {"preview": form.target_preview()})


@require_POST
@login_required
def activity_delete(request: Request, uuid: str) -> HttpResponse:
    activity = get_object_for(request.viewer, Activity.objects.select_related("lofte__plan"), uuid=uuid, write=EDITORS)
    # Focus goes to the row that followed the removed one, else to the add button.
    following = (
        Activity.objects.filter(lofte_id=activity.lofte_id)
        .filter(Q(order__gt=activity.order) | Q(order=activity.order, pk__gt=activity.pk))
        .order_by("order", "pk")
        .values_list("pk", flat=True)
        .first()
    )
    return _list_change(
        request,
        activity,
        services.delete_activity,
        _("Aktiviteten ”%(what)s” är borttagen.") % {"what": activity.what},
        focus=following or ADD_BUTTON,
    )


@require_POST
@login_required
def activity_move(request: Request, uuid: str) -> HttpResponse:
    activity = get_object_for(request.viewer, Activity.objects.select_related("lofte__plan"), uuid=uuid, write=EDITORS)
    direction = request.POST.get("direction", "")
    if direction not in ("up", "down"):
        raise Http404
    moved = _("”%(what)s” är flyttad uppåt.") if direction == "up" else _("”%(what)s” är flyttad nedåt.")
    return _list_change(
        request,
        activity,
        services.move_activity,
        "",
        announce=moved % {"what": activity.what},
        focus=activity.pk,
        moved=direction,
        direction=direction,
    )


def _list_change(
    request: Request,
    activity: Activity,
    service: Any,
    success: str,
    *,
    focus: int | str,
    announce: str = "",
    moved: str = "",
    **extra: Any,
) -> HttpResponse:
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
        return _activity_list_response(
            request, lofte, error=error, focus=focus, moved=moved, announce=announce or success
        )
    if error:
        messages.error(request, error)
    elif success:
        messages.success(request, success)
    return redirect(lofte.plan.get_absolute_url() + f"#lofte-{lofte.uuid}")


@require_http_methods(["GET", "POST"])
@login_required
def activity_occasions(request: Request, uuid: str) -> HttpResponse:
    viewer = request.viewer
    activity = get_object_for(viewer, Activity.objects.select_related("lofte__plan"), uuid=uuid)
    can_edit = can_change(viewer, activity, EDITORS)
    form = OccasionForm(request.POST or None)
    if request.method == "POST" and not can_edit:
        raise PermissionDenied(_("Du kan läsa detta men inte ändra det."))
    return create_page(
        request,
        form,
        services.add_occasion,
        activity,
        success=_("Tillfället är inlagt."),
        then=reverse("activity_occasions", args=[activity.uuid]),
        template="medborgarloften/activity_occasions.html",
        context={"activity": activity, "occasions": activity.occasions.all(), "can_edit": can_edit},
    )


@require_POST
@login_required
def occasion_delete(request: Request, uuid: str) -> HttpResponse:
    occasion = get_object_for(request.viewer, Occasion.objects.select_related("activity"), uuid=uuid, write=EDITORS)
    return perform(
        request,
        lambda: services.delete_occasion(occasion, actor=person(request)),
        success=_("Tillfället är borttaget."),
        confirm=_("Ta bort tillfället %(when)s?") % {"when": format_date(occasion.starts_at)},
        then=reverse("activity_occasions", args=[occasion.activity.uuid]),
    )
