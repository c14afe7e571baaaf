"""The kommun's duties under Lag (2023:196): the page per kommun, its samordningsfunktion and cycle,
and the county view for länsstyrelser with its export."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from medborgarloften.models import Atgardsplan
from samverkan.coordination import appoint_samordningsfunktion, cycle_of, set_duty_cycle
from samverkan.forms import create_page, edit_page
from samverkan.fragments import deferred, page_fragment
from samverkan.http import Request
from samverkan.models import Organization, Samordningsfunktion
from samverkan.tenancy import EDITOR_ROLES, LEADER_ROLES, get_kommun_data_for

from .duties import Duty, county_rows, duties_of
from .duties_overview import county_fragment
from .duty_forms import DutyCycleForm, SamordningsfunktionForm
from .exports import build_duties_export

#: Who records the kommun's duties: its samordnare (and other editors) and its leadership.
DUTY_EDITORS = EDITOR_ROLES | LEADER_ROLES


@require_GET
@login_required
def duties_kommun(request: Request, slug: str) -> HttpResponse:
    """Each duty of the kommun with its state, the decision behind it and a link to the document."""
    # With its duty cycle, which duties_of then does not ask for again.
    kommun = get_kommun_data_for(
        request.viewer, slug, select_related=["duty_cycle"], known=request.access.organizations
    )
    today = timezone.localdate()

    def body() -> dict[str, Any]:
        return {
            "row": duties_of(kommun, today),
            "plans": list(
                Atgardsplan.objects.filter(organization=kommun).select_related("lagesbild").order_by("-created_at")
            ),
            "appointments": list(Samordningsfunktion.objects.filter(organization=kommun).prefetch_related("people")),
        }

    # Everything a duty rests on is the kommun's own (as on Översikt and the county's page).
    key = page_fragment("duties_kommun", request, kommun, org_ids=[kommun.pk])
    return render(
        request,
        "followup/duties_kommun.html",
        {
            "kommun": kommun,
            "today": today,
            "body_fragment": key,
            **deferred(body, ["row", "plans", "appointments"]),
            "can_edit": request.viewer.has_role(kommun, DUTY_EDITORS),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def samordningsfunktion_create(request: Request, slug: str) -> HttpResponse:
    kommun = get_kommun_data_for(request.viewer, slug, roles=DUTY_EDITORS)
    form = SamordningsfunktionForm(request.POST or None, kommun=kommun, initial={"from_date": timezone.localdate()})
    back = reverse("duties_kommun", args=[kommun.slug])
    return create_page(
        request,
        form,
        appoint_samordningsfunktion,
        kommun,
        success=_("Samordningsfunktionen är utsedd."),
        then=back,
        template="followup/duties_form.html",
        context={"back": back, "heading": _("Utse samordningsfunktion"), "kommun": kommun},
    )


@require_http_methods(["GET", "POST"])
@login_required
def duty_cycle_edit(request: Request, slug: str) -> HttpResponse:
    """The kommun's own renewal cycle for its duties."""
    kommun = get_kommun_data_for(request.viewer, slug, roles=DUTY_EDITORS)
    cycle = cycle_of(kommun)
    form = DutyCycleForm(request.POST or None, instance=cycle)
    back = reverse("duties_kommun", args=[kommun.slug])
    return edit_page(
        request,
        form,
        set_duty_cycle,
        cycle,
        success=_("Cykeln är sparad."),
        then=back,
        template="followup/duties_form.html",
        context={"back": back, "heading": _("Hur ofta skyldigheterna förnyas"), "kommun": kommun},
    )


@require_GET
@login_required
def duties_county(request: Request) -> HttpResponse:
    """A länsstyrelse's view of every kommun of its county, sortable, filtered to those that need
    support, and exported to XLSX. Read-only: the kommuner come from the person's county."""
    viewer = request.viewer
    if not viewer.county_kommun_ids:
        raise Http404
    today = timezone.localdate()
    sort = request.GET.get("sortera", "kommun")
    needs_support = request.GET.get("stod") == "1"
    kommuner = Organization.objects.filter(
        pk__in=viewer.county_kommun_ids, kind=Organization.Kind.KOMMUN, is_active=True
    ).select_related("county")
    if request.GET.get("format") == "xlsx":
        return build_duties_export(county_rows(kommuner, today, sort=sort, needs_support=needs_support), today)
    sort = sort if sort in Duty.values else "kommun"
    # The table is the same for everyone of the länsstyrelse: cached, and worked out on a miss.
    key = county_fragment("duties_county", viewer.county_kommun_ids, today, sort, "stod" if needs_support else "alla")
    return render(
        request,
        "followup/duties_county.html",
        {
            "table_fragment": key,
            **deferred(
                lambda: {"rows": county_rows(kommuner, today, sort=sort, needs_support=needs_support)}, ["rows"]
            ),
            "today": today,
            "sort": sort,
            "needs_support": needs_support,
            "duties": list(Duty),
            "total": len(viewer.county_kommun_ids),
        },
    )
