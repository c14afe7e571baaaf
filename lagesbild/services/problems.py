"""The problems of a lägesbild, with causes, sources and their order of priority."""

from collections.abc import Iterable, Sequence
from typing import Any, Literal

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from samverkan.concurrency import create_editable, save_if_unchanged
from samverkan.errors import DomainError
from samverkan.history import acting_as
from samverkan.models import User

from ..models import Cause, Lagesbild, Problem, Source
from .pictures import ensure_draft


def _set_causes(problem: Problem, causes: Sequence[str]) -> None:
    problem.causes.all().delete()
    Cause.objects.bulk_create(
        Cause(problem=problem, description=text.strip()[:500], order=index)
        for index, text in enumerate(c for c in causes if c.strip())
    )


@transaction.atomic
def add_problem(
    lagesbild: Lagesbild,
    *,
    actor: User | None,
    causes: Sequence[str] = (),
    sources: Iterable[Source] = (),
    **fields: Any,
) -> Problem:
    """Add a problem last in the priority order."""
    ensure_draft(lagesbild)
    fields["sources"] = list(sources)
    _check_sources(lagesbild, fields["sources"])
    with acting_as(actor):
        last = Problem.objects.filter(lagesbild=lagesbild).aggregate(last=Max("priority"))["last"] or 0
        problem = create_editable(Problem, fields, lagesbild=lagesbild, priority=last + 1)
        _set_causes(problem, causes)
    return problem


@transaction.atomic
def update_problem(
    problem: Problem,
    *,
    actor: User | None,
    expected_version: int | None,
    causes: Sequence[str] | None = None,
    sources: Iterable[Source] | None = None,
    **fields: Any,
) -> Problem:
    """Change a problem's description, causes or sources."""
    ensure_draft(problem.lagesbild)
    if sources is not None:
        sources = list(sources)
        _check_sources(problem.lagesbild, sources)
        fields["sources"] = sources
    with acting_as(actor):
        save_if_unchanged(problem, expected_version=expected_version, fields=fields)
        if causes is not None:
            _set_causes(problem, causes)
    return problem


def _check_sources(lagesbild: Lagesbild, sources: Iterable[Source]) -> None:
    if any(source.lagesbild_id != lagesbild.pk for source in sources):
        raise DomainError(_("Underlaget hör till en annan lägesbild."))


@transaction.atomic
def delete_problem(problem: Problem, *, actor: User | None) -> None:
    """Remove a problem; the others close ranks in the priority order."""
    lagesbild = problem.lagesbild
    ensure_draft(lagesbild)
    with acting_as(actor):
        problem.delete()
        _renumber(lagesbild)


def _renumber(lagesbild: Lagesbild) -> None:
    for index, problem in enumerate(Problem.objects.filter(lagesbild=lagesbild).order_by("priority", "pk"), 1):
        if problem.priority != index:
            problem.priority = index
            problem.save(update_fields=["priority"])


@transaction.atomic
def move_problem(problem: Problem, *, actor: User | None, direction: Literal["up", "down"]) -> None:
    """Move a problem one step up (higher priority) or down in its lägesbild."""
    lagesbild = Lagesbild.objects.select_for_update().get(pk=problem.lagesbild_id)
    ensure_draft(lagesbild)
    ordered = list(Problem.objects.filter(lagesbild=lagesbild).order_by("priority", "pk"))
    index = next(i for i, p in enumerate(ordered) if p.pk == problem.pk)
    target = index - 1 if direction == "up" else index + 1
    if not 0 <= target < len(ordered):
        return
    ordered[index], ordered[target] = ordered[target], ordered[index]
    _apply_order(ordered, actor)


@transaction.atomic
def reorder_problems(lagesbild: Lagesbild, *, actor: User | None, order: Sequence[str]) -> None:
    """Set the whole priority order at once, from a list of problem UUIDs, highest first."""
    lagesbild = Lagesbild.objects.select_for_update().get(pk=lagesbild.pk)
    ensure_draft(lagesbild)
    problems = {str(p.uuid): p for p in Problem.objects.filter(lagesbild=lagesbild)}
    if sorted(order) != sorted(problems):
        raise DomainError(_("Prioriteringen stämmer inte med lägesbildens problem. Ladda om sidan."))
    _apply_order([problems[key] for key in order], actor)


def _apply_order(ordered: list[Problem], actor: User | None) -> None:
    with acting_as(actor):
        for priority, problem in enumerate(ordered, 1):
            if problem.priority != priority:
                problem.priority = priority
                problem.save(update_fields=["priority"])
