"""Every change to a kommun's åtgärdsplan: start it from a fastställd lägesbild, add the measures
(its own, or the del 2 activities of its plans), each linked to a prioritised problem and to how it
is followed up, and record the kommun's decision. A decided plan never changes in place: the next
one starts from it (`copy_atgardsplan`). Callers have checked that `actor` may make the change."""

from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lagesbild.models import Lagesbild, Problem
from samverkan.errors import DomainError
from samverkan.history import acting_as
from samverkan.models import Organization, User
from samverkan.numbers import format_date

from .atgardsplan_models import Atgard, Atgardsplan
from .models import Activity, Medborgarlofte

#: Promises whose activities a kommun may take into its åtgärdsplan: those being written and those in force.
OPEN_LOFTEN = (Medborgarlofte.Status.UTKAST, Medborgarlofte.Status.GALLANDE)

#: How a del 2 activity is followed up when its row says nothing more.
LOGGED_FOLLOW_UP = gettext_lazy("Loggas i Samverkan och redovisas i den årliga uppföljningen.")


def _ensure_draft(plan: Atgardsplan) -> None:
    if plan.is_decided:
        raise DomainError(_("Åtgärdsplanen är beslutad och ändras inte. Gör en ny åtgärdsplan utifrån den i stället."))


def _check_lagesbild(organization: Organization, lagesbild: Lagesbild) -> None:
    if organization.kind != Organization.Kind.KOMMUN:
        raise DomainError(_("Bara en kommun beslutar en åtgärdsplan enligt lagen (2023:196)."))
    if lagesbild.organization_id != organization.pk or not lagesbild.is_adopted:
        raise DomainError(
            _("Åtgärdsplanen bygger på kommunens fastställda lägesbild."),
            {"lagesbild": _("Välj en fastställd lägesbild för kommunen.")},
        )


def del2_activities(organization: Organization) -> QuerySet[Activity]:
    """The activities of the kommun's del 2 plans that its åtgärdsplan may cover: in promises
    being written or in force."""
    return (
        Activity.objects.filter(lofte__plan__organization=organization, lofte__status__in=OPEN_LOFTEN)
        .select_related("lofte", "focus_area")
        .order_by("lofte__title", "order", "pk")
    )


def _check_measure(plan: Atgardsplan, problem: Problem | None, activity: Activity | None) -> None:
    if problem is not None and problem.lagesbild_id != plan.lagesbild_id:
        raise DomainError(
            _("Problemet finns inte i lägesbilden som åtgärdsplanen bygger på."),
            {"problem": _("Välj ett problem ur lägesbilden.")},
        )
    if activity is not None and not del2_activities(plan.organization).filter(pk=activity.pk).exists():
        raise DomainError(
            _("Aktiviteten hör inte till kommunens del 2."), {"activity": _("Välj en aktivitet ur kommunens del 2.")}
        )


def _next_order(plan: Atgardsplan) -> int:
    return (Atgard.objects.filter(plan=plan).aggregate(m=Max("order"))["m"] or 0) + 1


@transaction.atomic
def create_atgardsplan(
    organization: Organization, *, actor: User | None, title: str, lagesbild: Lagesbild
) -> Atgardsplan:
    """Start a draft åtgärdsplan for the kommun on its fastställda lägesbild."""
    _check_lagesbild(organization, lagesbild)
    with acting_as(actor):
        return Atgardsplan.objects.create(organization=organization, title=title.strip(), lagesbild=lagesbild)


@transaction.atomic
def add_measure(
    plan: Atgardsplan,
    *,
    actor: User | None,
    what: str = "",
    problem: Problem | None = None,
    follow_up: str = "",
    responsible: str = "",
    activity: Activity | None = None,
) -> Atgard:
    """Add a measure: the kommun's own, or an activity of its del 2 (named by the activity when
    `what` is empty). Without a problem or a way to follow it up, it is flagged, not refused."""
    _ensure_draft(plan)
    _check_measure(plan, problem, activity)
    what = what.strip() or (activity.what if activity is not None else "")
    if not what:
        raise DomainError(_("Beskriv åtgärden eller välj en aktivitet ur del 2."), {"what": _("Beskriv åtgärden.")})
    with acting_as(actor):
        return Atgard.objects.create(
            plan=plan,
            what=what,
            problem=problem,
            follow_up=follow_up.strip(),
            responsible=responsible.strip(),
            activity=activity,
            order=_next_order(plan),
        )


def _problem_for(activity: Activity, lagesbild_problems: dict[int, Problem]) -> Problem | None:
    """The highest-priority problem of the lägesbild behind the activity's focus area, if any."""
    if activity.focus_area is None:
        return None
    linked = [lagesbild_problems[p.pk] for p in activity.focus_area.problems.all() if p.pk in lagesbild_problems]
    return min(linked, key=lambda p: (p.priority, p.pk)) if linked else None


@transaction.atomic
def add_del2_activities(plan: Atgardsplan, *, actor: User | None) -> list[Atgard]:
    """Take every activity of the kommun's del 2 that the plan does not yet cover into it, linked
    to the lägesbild's problem behind the activity's focus area where there is one."""
    _ensure_draft(plan)
    covered = set(Atgard.objects.filter(plan=plan, activity__isnull=False).values_list("activity_id", flat=True))
    problems = {p.pk: p for p in Problem.objects.filter(lagesbild=plan.lagesbild)}
    order = _next_order(plan)
    added = []
    with acting_as(actor):
        for activity in (
            del2_activities(plan.organization).exclude(pk__in=covered).prefetch_related("focus_area__problems")
        ):
            added.append(
                Atgard.objects.create(
                    plan=plan,
                    what=activity.what[:300],
                    activity=activity,
                    problem=_problem_for(activity, problems),
                    follow_up=activity.follow_up,
                    responsible=str(activity.get_responsible_display()),
                    order=order,
                )
            )
            order += 1
    return added


@transaction.atomic
def delete_measure(measure: Atgard, *, actor: User | None) -> None:
    """Take a measure out of a draft åtgärdsplan."""
    _ensure_draft(measure.plan)
    with acting_as(actor):
        measure.delete()


@transaction.atomic
def decide_atgardsplan(
    plan: Atgardsplan,
    *,
    actor: User | None,
    decided_on: date,
    decided_by: str,
    diarienummer: str = "",
    paragraph: str = "",
) -> Atgardsplan:
    """Record the kommun's decision on the åtgärdsplan: body, date, diarienummer and paragraph.
    The plan is then frozen."""
    _ensure_draft(plan)
    if not Atgard.objects.filter(plan=plan).exists():
        raise DomainError(_("Åtgärdsplanen behöver minst en åtgärd innan den beslutas."))
    if not decided_by.strip():
        raise DomainError(
            _("Ange vem som beslutade åtgärdsplanen."),
            {"decided_by": _("Ange beslutande organ, t.ex. kommunstyrelsen.")},
        )
    if decided_on < plan.lagesbild.adopted_on:  # type: ignore[operator]
        raise DomainError(
            _("Åtgärdsplanen kan inte beslutas före lägesbilden den bygger på (fastställd %(day)s).")
            % {"day": format_date(plan.lagesbild.adopted_on)},
            {"decided_on": _("Välj ett datum efter lägesbildens fastställande.")},
        )
    with acting_as(actor):
        plan.status = Atgardsplan.Status.BESLUTAD
        plan.decided_on = decided_on
        plan.decided_by = decided_by.strip()
        plan.diarienummer = diarienummer.strip()
        plan.paragraph = paragraph.strip()
        plan.save()
    return plan


@transaction.atomic
def copy_atgardsplan(plan: Atgardsplan, *, actor: User | None, title: str, lagesbild: Lagesbild) -> Atgardsplan:
    """Start the next åtgärdsplan as a draft on a (new) lägesbild, carrying the measures over;
    problems of another lägesbild are left for the samordnare to link again."""
    new = create_atgardsplan(plan.organization, actor=actor, title=title, lagesbild=lagesbild)
    with acting_as(actor):
        for measure in Atgard.objects.filter(plan=plan).select_related("problem"):
            keep_problem = measure.problem is not None and measure.problem.lagesbild_id == lagesbild.pk
            Atgard.objects.create(
                plan=new,
                what=measure.what,
                activity_id=measure.activity_id,
                problem=measure.problem if keep_problem else None,
                follow_up=measure.follow_up,
                responsible=measure.responsible,
                order=measure.order,
            )
    return new


def decided_plans(org_ids: Iterable[int]) -> dict[int, Atgardsplan]:
    """Each kommun's most recently decided åtgärdsplan, in one query whatever the number of kommuner."""
    latest: dict[int, Atgardsplan] = {}
    for plan in Atgardsplan.objects.filter(
        organization_id__in=list(org_ids), status=Atgardsplan.Status.BESLUTAD
    ).order_by("organization_id", "-decided_on", "-pk"):
        latest.setdefault(plan.organization_id, plan)
    return latest
