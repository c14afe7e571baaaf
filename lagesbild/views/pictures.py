"""The lägesbild itself: list, create, edit, adopt, the next version, history; pictures side by side."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from samverkan.forms import create_page, edit_page
from samverkan.history import history_of
from samverkan.http import Request
from samverkan.tenancy import can_change, can_edit_for, get_object_for, get_organization_for, visible_organizations

from .. import services
from ..forms import AdoptForm, CopyForm, LagesbildForm
from ..models import Indicator, Lagesbild
from . import EDITORS


@require_GET
@login_required
def lagesbild_list(request: Request) -> HttpResponse:
    viewer = request.viewer
    lagesbilder = Lagesbild.objects.select_related("organization").order_by("organization__name", "-period_start")
    creatable = [org for org in visible_organizations(viewer) if can_edit_for(viewer, org, EDITORS)]
    return render(request, "lagesbild/lagesbild_list.html", {"lagesbilder": lagesbilder, "creatable": creatable})


@require_http_methods(["GET", "POST"])
@login_required
def lagesbild_create(request: Request, slug: str) -> HttpResponse:
    organization = get_organization_for(request.viewer, slug, roles=EDITORS)
    today = timezone.localdate()
    form = LagesbildForm(
        request.POST or None,
        initial={
            "title": _("Lägesbild %(org)s %(year)s") % {"org": organization.name, "year": today.year},
            "period_start": date(today.year, 1, 1),
            "period_end": date(today.year, 12, 31),
        },
    )
    return create_page(
        request,
        form,
        services.create_lagesbild,
        organization,
        success=_("Lägesbilden är skapad som utkast."),
        then=lambda lagesbild: lagesbild,
        template="lagesbild/lagesbild_form.html",
        context={"organization": organization},
    )


@require_GET
@login_required
def lagesbild_detail(request: Request, uuid: str) -> HttpResponse:
    viewer = request.viewer
    lagesbild = get_object_for(viewer, Lagesbild.objects.select_related("organization", "based_on"), uuid=uuid)
    problems = lagesbild.problems.select_related("theme").prefetch_related("causes", "sources", "indicators")
    indicators = Indicator.objects.filter(organization=lagesbild.organization).prefetch_related("measurements")
    return render(
        request,
        "lagesbild/lagesbild_detail.html",
        {
            "lagesbild": lagesbild,
            "problems": problems,
            "sources": lagesbild.sources.all(),
            "indicators": indicators,
            "can_edit": can_change(viewer, lagesbild, EDITORS),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def lagesbild_edit(request: Request, uuid: str) -> HttpResponse:
    lagesbild = get_object_for(request.viewer, Lagesbild, uuid=uuid, write=EDITORS)
    if lagesbild.is_adopted:
        messages.error(request, _("Lägesbilden är fastställd och kan inte ändras. Skapa en ny version i stället."))
        return redirect("lagesbild_detail", uuid=lagesbild.uuid)
    form = LagesbildForm(request.POST or None, instance=lagesbild)
    return edit_page(
        request,
        form,
        services.update_lagesbild,
        lagesbild,
        success=_("Ändringarna är sparade."),
        then=lagesbild,
        template="lagesbild/lagesbild_form.html",
        context={"organization": lagesbild.organization, "lagesbild": lagesbild},
    )


@require_http_methods(["GET", "POST"])
@login_required
def lagesbild_adopt(request: Request, uuid: str) -> HttpResponse:
    lagesbild = get_object_for(request.viewer, Lagesbild, uuid=uuid, write=EDITORS)
    form = AdoptForm(request.POST or None, initial={"adopted_on": timezone.localdate()})
    return create_page(
        request,
        form,
        services.adopt_lagesbild,
        lagesbild,
        success=_("Lägesbilden är fastställd."),
        then=lagesbild,
        template="lagesbild/lagesbild_adopt.html",
        context={"lagesbild": lagesbild},
    )


@require_http_methods(["GET", "POST"])
@login_required
def lagesbild_copy(request: Request, uuid: str) -> HttpResponse:
    lagesbild = get_object_for(request.viewer, Lagesbild, uuid=uuid, write=EDITORS)
    next_year = lagesbild.period_end.year + 1
    form = CopyForm(
        request.POST or None,
        initial={
            "title": _("Lägesbild %(org)s %(year)s") % {"org": lagesbild.organization.name, "year": next_year},
            "period_start": date(next_year, 1, 1),
            "period_end": date(next_year, 12, 31),
        },
    )
    return create_page(
        request,
        form,
        services.copy_lagesbild,
        lagesbild,
        success=_("En ny lägesbild är skapad som utkast utifrån den förra."),
        then=lambda new: new,
        template="lagesbild/lagesbild_copy.html",
        context={"lagesbild": lagesbild},
    )


@require_GET
@login_required
def lagesbild_history(request: Request, uuid: str) -> HttpResponse:
    lagesbild = get_object_for(request.viewer, Lagesbild, uuid=uuid)
    return render(
        request,
        "lagesbild/lagesbild_history.html",
        {"lagesbild": lagesbild, "entries": history_of(lagesbild)},
    )


@require_GET
@login_required
def compare(request: Request) -> HttpResponse:
    """Pictures side by side, for organisations the person may read (e.g. a länsstyrelse's kommuner)."""
    viewer = request.viewer
    available = list(visible_organizations(viewer).order_by("name"))
    chosen_slugs = set(request.GET.getlist("org"))
    chosen = [org for org in available if org.slug in chosen_slugs]
    try:
        on = date.fromisoformat(request.GET.get("datum", "")) if request.GET.get("datum") else timezone.localdate()
    except ValueError:
        on = timezone.localdate()
        messages.error(request, _("Datumet kunde inte läsas; dagens datum används."))
    result = services.side_by_side(chosen, on) if chosen else None
    return render(
        request,
        "lagesbild/compare.html",
        {"available": available, "chosen_slugs": chosen_slugs, "on": on, "result": result},
    )
