"""Every change to a lägesbild. Callers have checked that `actor` may make it (tenancy)."""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Literal

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from samverkan.concurrency import apply_changes, claim, save_if_unchanged
from samverkan.errors import DomainError
from samverkan.history import acting_as
from samverkan.models import Organization, User
from samverkan.uploads import check_upload, random_upload_path

from .imports import parse_measurements_csv
from .models import Cause, Indicator, Lagesbild, Measurement, Problem, Source, Theme


def _ensure_draft(lagesbild: Lagesbild) -> None:
    if lagesbild.is_adopted:
        raise DomainError(
            _("Lägesbilden är fastställd och kan inte ändras. Skapa en ny lägesbild utifrån den i stället.")
        )


def _check_period(start: date, end: date) -> None:
    if end < start:
        raise DomainError(_("Periodens slutdatum kan inte vara före startdatum."))


# --- The picture ---------------------------------------------------------------------------


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
    _check_period(period_start, period_end)
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
    _ensure_draft(lagesbild)
    _check_period(fields.get("period_start", lagesbild.period_start), fields.get("period_end", lagesbild.period_end))
    with acting_as(actor):
        save_if_unchanged(lagesbild, expected_version=expected_version, fields=fields)
    return lagesbild


@transaction.atomic
def adopt_lagesbild(lagesbild: Lagesbild, *, actor: User | None, adopted_on: date, adopted_by: str) -> Lagesbild:
    """Fastställ: the picture becomes the basis for agreements and can no longer change."""
    _ensure_draft(lagesbild)
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
        lagesbild.version += 1
        lagesbild.save()
    return lagesbild


@transaction.atomic
def copy_lagesbild(
    lagesbild: Lagesbild, *, actor: User | None, title: str, period_start: date, period_end: date
) -> Lagesbild:
    """Start the next lägesbild as a draft carrying over text, sources, problems and causes."""
    _check_period(period_start, period_end)
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


# --- Sources -------------------------------------------------------------------------------


def _store_attachment(source: Source, upload: UploadedFile) -> None:
    kind = check_upload(upload)
    source.attachment.save(random_upload_path(f"lagesbild/{source.lagesbild.uuid}", kind), upload, save=False)
    source.attachment_name = (upload.name or "")[:200]
    source.attachment_type = kind.content_type


@transaction.atomic
def add_source(
    lagesbild: Lagesbild,
    *,
    actor: User | None,
    kind: str,
    title: str,
    date: date,
    description: str = "",
    upload: UploadedFile | None = None,
) -> Source:
    """Record an underlag behind the picture, with an optional attachment (PDF, XLSX, CSV)."""
    _ensure_draft(lagesbild)
    with acting_as(actor):
        source = Source(lagesbild=lagesbild, kind=kind, title=title, date=date, description=description)
        if upload is not None:
            _store_attachment(source, upload)
        source.save()
    return source


@transaction.atomic
def update_source(
    source: Source,
    *,
    actor: User | None,
    expected_version: int | None,
    upload: UploadedFile | None = None,
    remove_attachment: bool = False,
    **fields: Any,
) -> Source:
    """Change an underlag; a new attachment replaces the old one."""
    _ensure_draft(source.lagesbild)
    with acting_as(actor):
        claim(source, expected_version=expected_version)
        if remove_attachment and source.attachment:
            source.attachment = ""
            source.attachment_name = ""
            source.attachment_type = ""
        if upload is not None:
            _store_attachment(source, upload)
        apply_changes(source, fields)
    return source


@transaction.atomic
def delete_source(source: Source, *, actor: User | None) -> None:
    """Remove an underlag (its file stays on disk as part of the history of an allmän handling)."""
    _ensure_draft(source.lagesbild)
    with acting_as(actor):
        source.delete()


# --- Problems ------------------------------------------------------------------------------


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
    title: str,
    theme: Theme,
    description: str = "",
    where: str = "",
    when: str = "",
    affected: str = "",
    causes: Sequence[str] = (),
    sources: Iterable[Source] = (),
) -> Problem:
    """Add a problem last in the priority order."""
    _ensure_draft(lagesbild)
    _check_sources(lagesbild, sources)
    with acting_as(actor):
        last = Problem.objects.filter(lagesbild=lagesbild).aggregate(last=Max("priority"))["last"] or 0
        problem = Problem.objects.create(
            lagesbild=lagesbild,
            title=title,
            theme=theme,
            description=description,
            where=where,
            when=when,
            affected=affected,
            priority=last + 1,
        )
        problem.sources.set(list(sources))
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
    _ensure_draft(problem.lagesbild)
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
    _ensure_draft(lagesbild)
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
    _ensure_draft(lagesbild)
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
    _ensure_draft(lagesbild)
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


# --- Indicators ----------------------------------------------------------------------------


@transaction.atomic
def create_indicator(
    organization: Organization,
    *,
    actor: User | None,
    name: str,
    unit: str,
    source: str,
    baseline_year: int,
    baseline_value: Decimal,
    description: str = "",
    lower_is_better: bool = True,
    problems: Iterable[Problem] = (),
) -> Indicator:
    """Start measuring something over time, from a baseline."""
    with acting_as(actor):
        indicator = Indicator.objects.create(
            organization=organization,
            name=name,
            unit=unit,
            source=source,
            baseline_year=baseline_year,
            baseline_value=baseline_value,
            description=description,
            lower_is_better=lower_is_better,
        )
        _set_indicator_problems(indicator, problems)
    return indicator


@transaction.atomic
def update_indicator(
    indicator: Indicator,
    *,
    actor: User | None,
    expected_version: int | None,
    problems: Iterable[Problem] | None = None,
    **fields: Any,
) -> Indicator:
    """Change an indicator's description or baseline."""
    with acting_as(actor):
        save_if_unchanged(indicator, expected_version=expected_version, fields=fields)
        if problems is not None:
            _set_indicator_problems(indicator, problems)
    return indicator


def _set_indicator_problems(indicator: Indicator, problems: Iterable[Problem]) -> None:
    problems = list(problems)
    if any(p.lagesbild.organization_id != indicator.organization_id for p in problems):
        raise DomainError(_("Indikatorn kan bara kopplas till den egna organisationens problem."))
    indicator.problems.set(problems)


@transaction.atomic
def record_measurement(
    indicator: Indicator,
    *,
    actor: User | None,
    period_start: date,
    granularity: str,
    value: Decimal,
    note: str = "",
) -> Measurement:
    """Record a value for a period, replacing any earlier value for the same period."""
    with acting_as(actor):
        measurement, _created = Measurement.objects.update_or_create(
            indicator=indicator,
            period_start=period_start,
            granularity=granularity,
            defaults={"value": value, "note": note, "recorded_by": actor},
        )
    return measurement


@transaction.atomic
def delete_measurement(measurement: Measurement, *, actor: User | None) -> None:
    """Remove a value that was entered by mistake."""
    with acting_as(actor):
        measurement.delete()


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int


@transaction.atomic
def import_measurements(indicator: Indicator, *, actor: User | None, data: bytes) -> ImportResult:
    """Import measurements from CSV; nothing is saved unless every row is valid (CsvImportError)."""
    rows = parse_measurements_csv(data, indicator=indicator)
    existing = set(Measurement.objects.filter(indicator=indicator).values_list("period_start", "granularity"))
    created = updated = 0
    for row in rows:
        record_measurement(
            indicator,
            actor=actor,
            period_start=row.period_start,
            granularity=row.granularity,
            value=row.value,
            note=row.note,
        )
        if (row.period_start, row.granularity) in existing:
            updated += 1
        else:
            created += 1
    return ImportResult(created=created, updated=updated)


# --- Side by side --------------------------------------------------------------------------


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
