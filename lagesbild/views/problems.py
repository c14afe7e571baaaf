"""The problems of a lägesbild and their order of priority (htmx, and plain forms without JavaScript)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from samverkan.errors import DomainError
from samverkan.forms import create_page, edit_page, perform
from samverkan.http import Request, person
from samverkan.tenancy import get_object_for

from .. import services
from ..forms import ProblemForm
from ..models import Lagesbild, Problem
from . import EDITORS


@require_http_methods(["GET", "POST"])
@login_required
def problem_create(request: Request, uuid: str) -> HttpResponse:
    lagesbild = get_object_for(request.viewer, Lagesbild, uuid=uuid, write=EDITORS)
    form = ProblemForm(request.POST or None, lagesbild=lagesbild)
    return create_page(
        request,
        form,
        services.add_problem,
        lagesbild,
        success=_("Problemet är tillagt sist i prioriteringen."),
        then=lagesbild,
        template="lagesbild/problem_form.html",
        context={"lagesbild": lagesbild},
    )


@require_http_methods(["GET", "POST"])
@login_required
def problem_edit(request: Request, uuid: str) -> HttpResponse:
    problem = get_object_for(request.viewer, Problem.objects.select_related("lagesbild"), uuid=uuid, write=EDITORS)
    form = ProblemForm(request.POST or None, instance=problem, lagesbild=problem.lagesbild)
    return edit_page(
        request,
        form,
        services.update_problem,
        problem,
        success=_("Problemet är sparat."),
        then=problem.lagesbild,
        template="lagesbild/problem_form.html",
        context={"lagesbild": problem.lagesbild, "problem": problem},
    )


@require_POST
@login_required
def problem_delete(request: Request, uuid: str) -> HttpResponse:
    problem = get_object_for(request.viewer, Problem.objects.select_related("lagesbild"), uuid=uuid, write=EDITORS)
    return perform(
        request,
        lambda: services.delete_problem(problem, actor=person(request)),
        success=_("Problemet är borttaget."),
        confirm=_("Ta bort problemet ”%(title)s” ur lägesbilden?") % {"title": problem.title},
        then=problem.lagesbild,
    )


@require_POST
@login_required
def problem_move(request: Request, uuid: str) -> HttpResponse:
    """Move a problem up or down; htmx gets the updated list, other browsers a redirect."""
    viewer = request.viewer
    problem = get_object_for(viewer, Problem.objects.select_related("lagesbild"), uuid=uuid, write=EDITORS)
    direction = request.POST.get("direction")
    error = ""
    if direction not in ("up", "down"):
        error = _("Okänd riktning.")
    else:
        try:
            services.move_problem(problem, actor=person(request), direction=direction)  # type: ignore[arg-type]
        except DomainError as exc:
            error = exc.message
    lagesbild = problem.lagesbild
    if request.htmx:
        problems = lagesbild.problems.select_related("theme").prefetch_related("causes", "sources", "indicators")
        moved = next((p for p in problems if p.pk == problem.pk), None)
        return render(
            request,
            "lagesbild/lagesbild_detail.html#problem-list",
            {
                "lagesbild": lagesbild,
                "problems": problems,
                "can_edit": True,
                "move_error": error,
                "moved": moved,
                "moved_direction": direction,
            },
        )
    if error:
        messages.error(request, error)
    return redirect(f"{lagesbild.get_absolute_url()}#problem-{problem.uuid}")
