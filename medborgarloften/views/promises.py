"""Medborgarlöften: drafting, status, signing, the sealed PDF and the effects sought."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samverkan.forms import ReauthenticateForm, create_page, edit_page, form_page, perform
from samverkan.fragments import sealed_fragment
from samverkan.http import Request, file_response, person
from samverkan.tenancy import LEADER_ROLES, can_change, get_object_for

from .. import services
from ..documents import lofte_context, render_lofte_pdf
from ..forms import EffectIndicatorsForm, LofteForm
from ..models import Effect, LocalPlan, Medborgarlofte
from . import EDITORS


@require_http_methods(["GET", "POST"])
@login_required
def lofte_create(request: Request, uuid: str) -> HttpResponse:
    plan = get_object_for(request.viewer, LocalPlan.objects.select_related("agreement"), uuid=uuid, write=EDITORS)
    form = LofteForm(
        request.POST or None, plan=plan, initial={"period_start": plan.period_start, "period_end": plan.period_end}
    )
    return create_page(
        request,
        form,
        services.create_lofte,
        plan,
        success=_("Medborgarlöftet är skapat. Lägg till aktiviteter i planen."),
        then=lambda lofte: plan.get_absolute_url() + f"#lofte-{lofte.uuid}",
        template="medborgarloften/simple_form.html",
        context={"back": plan.get_absolute_url(), "heading": _("Nytt medborgarlöfte")},
    )


@require_http_methods(["GET", "POST"])
@login_required
def lofte_edit(request: Request, uuid: str) -> HttpResponse:
    lofte = get_object_for(
        request.viewer, Medborgarlofte.objects.select_related("plan__agreement"), uuid=uuid, write=EDITORS
    )
    form = LofteForm(request.POST or None, instance=lofte, plan=lofte.plan)
    return edit_page(
        request,
        form,
        services.update_lofte,
        lofte,
        success=_("Medborgarlöftet är sparat."),
        then=lofte,
        template="medborgarloften/simple_form.html",
        context={"back": lofte.get_absolute_url(), "heading": _("Redigera medborgarlöfte")},
    )


@require_GET
@login_required
def lofte_detail(request: Request, uuid: str) -> HttpResponse:
    viewer = request.viewer
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
            "document_fragment": sealed_fragment(
                "lofte_document", lofte, viewer, [lofte.plan.organization_id, lofte.police_area_id]
            ),
            "can_edit": can_change(viewer, lofte, EDITORS),
            "can_sign": [o for o in sides if o.pk not in signed and viewer.has_role(o, LEADER_ROLES)],
            "versions": services.versions_of(lofte),
            "pending_revision": Medborgarlofte.objects.filter(previous=lofte).first(),
            "effect_forms": [
                # One form per effect on the page: ids of their own, or every label would tick
                # the first effect's checkbox.
                (
                    effect,
                    EffectIndicatorsForm(
                        plan=lofte.plan,
                        initial={"indicators": effect.indicators.all()},
                        auto_id=f"id_effect{effect.pk}_%s",
                    ),
                )
                for effect in lofte.effects.prefetch_related("indicators")
            ],
        },
    )


@require_POST
@login_required
def lofte_action(request: Request, uuid: str) -> HttpResponse:
    lofte = get_object_for(request.viewer, Medborgarlofte, uuid=uuid, write=EDITORS)
    actions = {
        "publicera": (services.publish_lofte, _("Medborgarlöftet är publicerat på kommunens sida.")),
        "avpublicera": (services.unpublish_lofte, _("Medborgarlöftet är inte längre publicerat.")),
        "avsluta": (services.end_lofte, _("Medborgarlöftet är avslutat.")),
    }
    if request.POST.get("action") == "foresla_andring":
        return perform(
            request,
            lambda: services.propose_lofte_revision(lofte, actor=person(request)),
            success=_(
                "En ny version är skapad som utkast. Ändra den och låt båda parter skriva under; "
                "till dess gäller den undertecknade versionen."
            ),
            then=lambda new: new or lofte,
        )
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
    viewer = request.viewer
    lofte = get_object_for(
        viewer, Medborgarlofte.objects.select_related("plan__organization", "police_area"), uuid=uuid
    )
    sides = [o for o in services.signing_sides(lofte) if viewer.has_role(o, LEADER_ROLES)]
    if not sides:
        raise PermissionDenied(_("Bara ledningen i kommunen eller lokalpolisområdet skriver under."))
    signed = set(lofte.signatures.values_list("organization_id", flat=True))
    sides = [o for o in sides if o.pk not in signed]
    if lofte.status != Medborgarlofte.Status.UTKAST or not sides:
        messages.error(request, _("Det finns inget för dig att skriva under här."))
        return redirect(lofte)
    form = ReauthenticateForm(request.POST or None, user=person(request), session=request.session)
    return form_page(
        request,
        form,
        lambda: [services.sign_lofte(lofte, actor=person(request), organization=org) for org in sides],
        success=_("Du har skrivit under medborgarlöftet."),
        then=lofte,
        template="medborgarloften/lofte_sign.html",
        context={"lofte": lofte, "sides": sides},
    )


@require_GET
@login_required
def lofte_pdf(request: Request, uuid: str) -> HttpResponse:
    lofte = get_object_for(request.viewer, Medborgarlofte, uuid=uuid)
    data = lofte.sealed_pdf_bytes()
    if data is None:
        data = render_lofte_pdf(lofte, draft=True)
    return file_response(data, f"medborgarlofte-{lofte.period_start:%Y}.pdf", "application/pdf")


@require_POST
@login_required
def effect_indicators(request: Request, uuid: str, pk: int) -> HttpResponse:
    lofte = get_object_for(request.viewer, Medborgarlofte.objects.select_related("plan"), uuid=uuid, write=EDITORS)
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
