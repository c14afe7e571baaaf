"""The lägesbild itself: create, edit, adopt, carry over to the next one; and the parties' pictures
side by side."""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from samverkan.concurrency import save_if_unchanged
from samverkan.errors import DomainError
from samverkan.history import acting_as
from samverkan.models import Organization, User

from ..models import Cause, Lagesbild, Problem, Source, Theme


def ensure_draft(lagesbild: Lagesbild) -> None:
    if lagesbild.is_adopted:
        raise DomainError(
            _("Lägesbilden är fastställd och kan inte ändras. Skapa en ny lägesbild utifrån den i stället.")
        )


def check_period(start: date, end: date) -> None:
    if end < start:
        raise DomainError(_("Periodens slutdatum kan inte vara före startdatum."))


@transaction.atomic
def create_lagesbild(
    organization: Organization,
    *,
    actor: User | None,
    title: str,
    period_start: date,
    period_end: date,
    kartlaggning: str = "",
    annan_information: str = "",
    analys: str = "",
) -> Lagesbild:
    """Start a new draft lägesbild for `organization`."""
    check_period(period_start, period_end)
    with acting_as(actor):
        return Lagesbild.objects.create(
            organization=organization,
            title=title,
            period_start=period_start,
            period_end=period_end,
            kartlaggning=kartlaggning,
            annan_information=annan_information,
            analys=analys,
        )


@transaction.atomic
def update_lagesbild(
    lagesbild: Lagesbild, *, actor: User | None, expected_version: int | None, **fields: Any
) -> Lagesbild:
    """Change the text and period of a draft; refuses when someone else saved in between."""
    ensure_draft(lagesbild)
    check_period(fields.get("period_start", lagesbild.period_start), fields.get("period_end", lagesbild.period_end))
    with acting_as(actor):
        save_if_unchanged(lagesbild, expected_version=expected_version, fields=fields)
    return lagesbild


@transaction.atomic
def adopt_lagesbild(
    lagesbild: Lagesbild,
    *,
    actor: User | None,
    adopted_on: date,
    adopted_by: str,
    adopted_diarienummer: str = "",
    adopted_paragraph: str = "",
) -> Lagesbild:
    """Fastställ: the picture becomes the basis for agreements and can no longer change. The
    decision is recorded as made: by which body, when, under which diarienummer and paragraph."""
    ensure_draft(lagesbild)
    missing = []
    if not lagesbild.analys.strip():
        missing.append(_("en analys"))
    if not lagesbild.problems.exists():
        missing.append(_("minst ett prioriterat problem"))
    if missing:
        raise DomainError(
            _("Lägesbilden kan inte fastställas än. Den behöver %(missing)s.") % {"missing": _(" och ").join(missing)}
        )
    if not adopted_by.strip():
        raise DomainError(_("Ange vem som fastställde lägesbilden, t.ex. kommunstyrelsen."))
    with acting_as(actor):
        lagesbild.status = Lagesbild.Status.FASTSTALLD
        lagesbild.adopted_on = adopted_on
        lagesbild.adopted_by = adopted_by.strip()
        lagesbild.adopted_diarienummer = adopted_diarienummer.strip()
        lagesbild.adopted_paragraph = adopted_paragraph.strip()
        lagesbild.version += 1
        lagesbild.save()
    return lagesbild


@transaction.atomic
def copy_lagesbild(
    lagesbild: Lagesbild, *, actor: User | None, title: str, period_start: date, period_end: date
) -> Lagesbild:
    """Start the next lägesbild as a draft carrying over text, sources, problems and causes."""
    check_period(period_start, period_end)
    with acting_as(actor):
        new = Lagesbild.objects.create(
            organization=lagesbild.organization,
            title=title,
            period_start=period_start,
            period_end=period_end,
            kartlaggning=lagesbild.kartlaggning,
            annan_information=lagesbild.annan_information,
            analys=lagesbild.analys,
            based_on=lagesbild,
        )
        source_map: dict[int, Source] = {}
        for source in lagesbild.sources.all():
            old_pk = source.pk
            source.pk = None
            source.id = None
            source.uuid = Source._meta.get_field("uuid").get_default()
            source.lagesbild = new
            source.save()
            source_map[old_pk] = source
        for problem in lagesbild.problems.prefetch_related("causes", "sources"):
            causes = list(problem.causes.all())
            sources = [source_map[s.pk] for s in problem.sources.all() if s.pk in source_map]
            problem.pk = None
            problem.id = None
            problem.uuid = Problem._meta.get_field("uuid").get_default()
            problem.lagesbild = new
            problem.save()
            problem.sources.set(sources)
            Cause.objects.bulk_create(Cause(problem=problem, description=c.description, order=c.order) for c in causes)
    return new


@dataclass
class PictureColumn:
    organization: Organization
    lagesbild: Lagesbild | None
    problems: list[Problem] = field(default_factory=list)


@dataclass
class SideBySide:
    on: date
    columns: list[PictureColumn]
    shared_themes: list[Theme]

    def is_shared(self, problem: Problem) -> bool:
        return problem.theme_id in {theme.pk for theme in self.shared_themes}


def current_lagesbild(organization: Organization, on: date) -> Lagesbild | None:
    """The organisation's adopted lägesbild that covers `on`, the most recently adopted first."""
    return (
        Lagesbild.objects.filter(
            organization=organization,
            status=Lagesbild.Status.FASTSTALLD,
            period_start__lte=on,
            period_end__gte=on,
        )
        .order_by("-adopted_on", "-period_start")
        .first()
    )


def current_problems(organization_ids: Iterable[int], on: date) -> QuerySet[Problem]:
    """The problems of each organisation's current lägesbild: the adopted one that covers `on`
    (the most recently adopted first), else the most recently adopted – never drafts, never
    pictures a newer one replaced. What pickers offer. Runs in the caller's tenancy scope."""
    chosen: dict[int, int] = {}
    fallback: dict[int, int] = {}
    adopted = Lagesbild.objects.filter(
        organization_id__in=list(organization_ids), status=Lagesbild.Status.FASTSTALLD
    ).order_by("-adopted_on", "-period_start", "-pk")
    for picture in adopted:
        fallback.setdefault(picture.organization_id, picture.pk)
        if picture.covers(on):
            chosen.setdefault(picture.organization_id, picture.pk)
    return Problem.objects.filter(lagesbild_id__in=list((fallback | chosen).values()))


def side_by_side(organizations: Sequence[Organization], on: date) -> SideBySide:
    """The parties' current adopted pictures side by side, with the themes two or more share marked.

    Runs in the caller's tenancy scope: pictures the viewer may not read are left out.
    """
    pictures = {org.pk: lb for org in organizations if (lb := current_lagesbild(org, on)) is not None}
    problems_by_picture: dict[int, list[Problem]] = defaultdict(list)
    for problem in (
        Problem.objects.filter(lagesbild__in=[lb.pk for lb in pictures.values()])
        .select_related("theme")
        .prefetch_related("causes")
        .order_by("priority", "pk")
    ):
        problems_by_picture[problem.lagesbild_id].append(problem)
    theme_orgs: dict[int, set[int]] = defaultdict(set)
    themes: dict[int, Theme] = {}
    for org_id, lb in pictures.items():
        for problem in problems_by_picture[lb.pk]:
            theme_orgs[problem.theme_id].add(org_id)
            themes[problem.theme_id] = problem.theme
    shared = sorted(
        (themes[theme_id] for theme_id, orgs in theme_orgs.items() if len(orgs) >= 2),
        key=lambda theme: (theme.order, theme.name),
    )
    columns = [
        PictureColumn(
            organization=org,
            lagesbild=pictures.get(org.pk),
            problems=problems_by_picture[pictures[org.pk].pk] if org.pk in pictures else [],
        )
        for org in organizations
    ]
    return SideBySide(on=on, columns=columns, shared_themes=shared)
