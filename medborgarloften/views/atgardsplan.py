"""The kommun's åtgärdsplan: start it, add its measures (own or from del 2), record the decision."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samverkan.forms import create_page, perform
from samverkan.http import Request, person
from samverkan.tenancy import LEADER_ROLES, can_change, get_kommun_data_for, get_object_for

from .. import atgardsplan_services as services
from ..forms import AtgardsplanForm, DecideForm, MeasureForm
from ..models import Atgard, Atgardsplan
from . import EDITORS

#: The samordnare drafts the plan; the decision may be recorded by the samordnare or the leadership.
PLAN_EDITORS = EDITORS | LEADER_ROLES


@require_http_methods(["GET", "POST"])
@login_required
def atgardsplan_create(request: Request, slug: str) -> HttpResponse:
    kommun = get_kommun_data_for(request.viewer, slug, roles=PLAN_EDITORS)
    form = AtgardsplanForm(
        request.POST or None,
        kommun=kommun,
        initial={"title": _("Åtgärdsplan %(year)s") % {"year": timezone.localdate().year}},
    )
    return create_page(
        request,
        form,
        services.create_atgardsplan,
        kommun,
        success=_("Åtgärdsplanen är skapad. Lägg till åtgärderna."),
        then=lambda plan: plan,
        template="medborgarloften/simple_form.html",
        context={"back": reverse("duties_kommun", args=[kommun.slug]), "heading": _("Ny åtgärdsplan")},
    )


@require_GET
@login_required
def atgardsplan_detail(request: Request, uuid: str) -> HttpResponse:
    plan = get_object_for(request.viewer, Atgardsplan.objects.select_related("organization", "lagesbild"), uuid=uuid)
    measures = list(
        Atgard.objects.filter(plan=plan).select_related("problem", "activity__lofte").order_by("order", "pk")
    )
    return render(
        request,
        "medborgarloften/atgardsplan_detail.html",
        {
            "plan": plan,
            "measures": measures,
            "flagged": [m for m in measures if m.is_unlinked],
            "can_edit": can_change(request.viewer, plan, PLAN_EDITORS) and not plan.is_decided,
        },
    )


def _editable(request: Request, uuid: str) -> Atgardsplan:
    return get_object_for(
        request.viewer, Atgardsplan.objects.select_related("organization", "lagesbild"), uuid=uuid, write=PLAN_EDITORS
    )


@require_http_methods(["GET", "POST"])
@login_required
def measure_create(request: Request, uuid: str) -> HttpResponse:
    plan = _editable(request, uuid)
    form = MeasureForm(request.POST or None, plan=plan, activities=services.del2_activities(plan.organization))
    return create_page(
        request,
        form,
        services.add_measure,
        plan,
        success=_("Åtgärden är tillagd."),
        then=plan.get_absolute_url() + "#atgarder",
        template="medborgarloften/simple_form.html",
        context={"back": plan.get_absolute_url(), "heading": _("Ny åtgärd")},
    )


@require_POST
@login_required
def atgardsplan_add_del2(request: Request, uuid: str) -> HttpResponse:
    plan = _editable(request, uuid)
    return perform(
        request,
        lambda: services.add_del2_activities(plan, actor=person(request)),
        success=_("Del 2:s aktiviteter är tillagda som åtgärder."),
        then=plan.get_absolute_url() + "#atgarder",
    )


@require_POST
@login_required
def measure_delete(request: Request, uuid: str) -> HttpResponse:
    measure = get_object_for(request.viewer, Atgard.objects.select_related("plan"), uuid=uuid, write=PLAN_EDITORS)
    return perform(
        request,
        lambda: services.delete_measure(measure, actor=person(request)),
        success=_("Åtgärden är borttagen."),
        confirm=_("Ta bort åtgärden ”%(what)s” ur åtgärdsplanen?") % {"what": measure.what},
        then=measure.plan.get_absolute_url() + "#atgarder",
    )


@require_http_methods(["GET", "POST"])
@login_required
def atgardsplan_decide(request: Request, uuid: str) -> HttpResponse:
    """Record the kommun's decision: body, date, diarienummer and paragraph."""
    plan = _editable(request, uuid)
    form = DecideForm(request.POST or None, initial={"decided_on": timezone.localdate()})
    return create_page(
        request,
        form,
        services.decide_atgardsplan,
        plan,
        success=_("Beslutet om åtgärdsplanen är registrerat."),
        then=reverse("duties_kommun", args=[plan.organization.slug]),
        template="medborgarloften/simple_form.html",
        context={"back": plan.get_absolute_url(), "heading": _("Registrera beslutet om åtgärdsplanen")},
    )
