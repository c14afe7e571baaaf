"""The kommun's duties under Lag (2023:196), at a glance: lägesbild fastställd, åtgärdsplan beslutad,
samordningsfunktion utsedd and uppföljning gjord, each uppfyllt, snart inaktuellt or saknas on a
given day, with the decision behind it.

The law states no renewal cycle; each kommun sets its own (`samverkan.models.DutyCycle`, defaults in
the README). Everything is counted for many kommuner at once in a fixed number of queries, so the
county view and the daily reminder scan do not grow in queries with the number of kommuner. Runs in
the caller's tenancy scope."""

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import models
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lagesbild.models import Lagesbild
from medborgarloften.models import Atgardsplan
from samverkan.coordination import current_samordningsfunktioner, cycles_of
from samverkan.models import DutyCycle, Membership, Organization, Samordningsfunktion
from samverkan.numbers import format_date

from .models import AnnualReport

#: Kommunfullmäktige is elected for four years from 15 October of the election year (kommunallagen
#: 5 kap. 5 §); 2022 was an election year, and so every fourth year before and after it.
ELECTION_YEAR = 2022
MANDATE_START = (10, 15)


class Duty(models.TextChoices):
    LAGESBILD = "lagesbild", gettext_lazy("Lägesbild fastställd")
    ATGARDSPLAN = "atgardsplan", gettext_lazy("Åtgärdsplan beslutad")
    SAMORDNING = "samordning", gettext_lazy("Samordningsfunktion utsedd")
    UPPFOLJNING = "uppfoljning", gettext_lazy("Uppföljning gjord")


class DutyState(models.TextChoices):
    UPPFYLLT = "uppfyllt", gettext_lazy("Uppfyllt")
    SNART_INAKTUELLT = "snart_inaktuellt", gettext_lazy("Snart inaktuellt")
    SAKNAS = "saknas", gettext_lazy("Saknas")


#: Worst first, for sorting the county view.
SEVERITY = {DutyState.SAKNAS: 0, DutyState.SNART_INAKTUELLT: 1, DutyState.UPPFYLLT: 2}


def add_months(day: date, months: int) -> date:
    """`day` moved `months` months on, kept within the month (31 January + 1 month = 28/29 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def mandate_period(today: date) -> tuple[date, date]:
    """The mandatperiod `today` falls in: from 15 October of an election year to the next one's."""
    year = today.year - (today.year - ELECTION_YEAR) % 4
    start = date(year, *MANDATE_START)
    if today < start:
        start = date(year - 4, *MANDATE_START)
    return start, date(start.year + 4, *MANDATE_START)


@dataclass(frozen=True)
class Decision:
    """The decision behind a duty: which body decided what, when, with diarienummer and paragraph."""

    title: str
    body: str
    day: date | None
    diarienummer: str = ""
    paragraph: str = ""
    url: str = ""


@dataclass
class DutyStatus:
    duty: Duty
    state: DutyState
    decision: Decision | None = None
    due: date | None = None
    note: str = ""

    @property
    def label(self) -> str:
        return str(self.duty.label)

    @property
    def state_label(self) -> str:
        return str(self.state.label)

    @property
    def is_fulfilled(self) -> bool:
        return self.state == DutyState.UPPFYLLT


@dataclass
class KommunDuties:
    kommun: Organization
    cycle: DutyCycle
    duties: list[DutyStatus]
    samordningsfunktion: Samordningsfunktion | None = None
    atgardsplan: Atgardsplan | None = None
    flagged_measures: int = 0
    people: list[str] = field(default_factory=list)

    @property
    def needs_support(self) -> bool:
        """A duty is missing or going stale: what a länsstyrelse filters on."""
        return any(not status.is_fulfilled for status in self.duties)

    def status(self, duty: Duty) -> DutyStatus:
        return next(status for status in self.duties if status.duty == duty)

    @property
    def by_duty(self) -> dict[str, DutyStatus]:
        return {str(status.duty): status for status in self.duties}


def _by_due(due: date, today: date, warning_days: int) -> DutyState:
    if today >= due:
        return DutyState.SAKNAS
    if today >= due - timedelta(days=warning_days):
        return DutyState.SNART_INAKTUELLT
    return DutyState.UPPFYLLT


def _lagesbild(picture: Lagesbild | None, cycle: DutyCycle, today: date) -> DutyStatus:
    if picture is None or picture.adopted_on is None:
        return DutyStatus(Duty.LAGESBILD, DutyState.SAKNAS, note=_("Ingen fastställd lägesbild."))
    # Renewed within the kommun's cycle, and never later than the end of the period it covers.
    due = min(add_months(picture.adopted_on, cycle.lagesbild_months), picture.period_end + timedelta(days=1))
    state = _by_due(due, today, cycle.warning_days)
    note = {
        DutyState.SAKNAS: _("Lägesbilden gällde till %(day)s och behöver förnyas."),
        DutyState.SNART_INAKTUELLT: _("Lägesbilden behöver förnyas senast %(day)s."),
        DutyState.UPPFYLLT: _("Förnyas senast %(day)s."),
    }[state] % {"day": format_date(due)}
    decision = Decision(
        title=picture.title,
        body=picture.adopted_by,
        day=picture.adopted_on,
        diarienummer=picture.adopted_diarienummer,
        paragraph=picture.adopted_paragraph,
        url=picture.get_absolute_url(),
    )
    return DutyStatus(Duty.LAGESBILD, state, decision, due, note)


def _atgardsplan(plan: Atgardsplan | None, picture: Lagesbild | None, cycle: DutyCycle, today: date) -> DutyStatus:
    if plan is None or plan.decided_on is None:
        return DutyStatus(Duty.ATGARDSPLAN, DutyState.SAKNAS, note=_("Ingen beslutad åtgärdsplan."))
    decision = Decision(
        title=plan.title,
        body=plan.decided_by,
        day=plan.decided_on,
        diarienummer=plan.diarienummer,
        paragraph=plan.paragraph,
        url=plan.get_absolute_url(),
    )
    if cycle.atgardsplan_per_mandatperiod:
        start, next_start = mandate_period(today)
        if plan.decided_on < start:
            return DutyStatus(
                Duty.ATGARDSPLAN,
                DutyState.SAKNAS,
                decision,
                start,
                _("Beslutad under förra mandatperioden; en ny mandatperiod började %(day)s.")
                % {"day": format_date(start)},
            )
        due = next_start
    else:
        due = add_months(plan.decided_on, cycle.atgardsplan_months)
    state = _by_due(due, today, cycle.warning_days)
    note = _("Förnyas senast %(day)s.") % {"day": format_date(due)}
    if state == DutyState.SAKNAS:
        note = _("Åtgärdsplanen skulle ha förnyats senast %(day)s.") % {"day": format_date(due)}
    if (
        state == DutyState.UPPFYLLT
        and picture is not None
        and picture.pk != plan.lagesbild_id
        and picture.adopted_on is not None
        and picture.adopted_on > plan.decided_on
    ):
        # Brå: the åtgärdsplan follows from the lägesbild; a newer picture calls for a new decision.
        state = DutyState.SNART_INAKTUELLT
        note = _("En nyare lägesbild fastställdes %(day)s; åtgärdsplanen bygger på den förra.") % {
            "day": format_date(picture.adopted_on)
        }
    return DutyStatus(Duty.ATGARDSPLAN, state, decision, due, note)


def _samordning(appointment: Samordningsfunktion | None, people: list[str]) -> DutyStatus:
    if appointment is None:
        return DutyStatus(Duty.SAMORDNING, DutyState.SAKNAS, note=_("Ingen samordningsfunktion utsedd."))
    decision = Decision(
        title=appointment.role_title,
        body=appointment.decided_by,
        day=appointment.from_date,
        diarienummer=appointment.diarienummer,
        paragraph=appointment.paragraph,
    )
    if not people:
        return DutyStatus(
            Duty.SAMORDNING,
            DutyState.SNART_INAKTUELLT,
            decision,
            note=_("Funktionen har ingen person i kommunen just nu."),
        )
    return DutyStatus(Duty.SAMORDNING, DutyState.UPPFYLLT, decision, note=", ".join(people))


def _uppfoljning(report: AnnualReport | None, cycle: DutyCycle, today: date) -> DutyStatus:
    if report is None or report.approved_at is None:
        return DutyStatus(Duty.UPPFOLJNING, DutyState.SAKNAS, note=_("Ingen godkänd årlig uppföljning."))
    approved = timezone.localdate(report.approved_at)
    due = add_months(approved, cycle.uppfoljning_months)
    state = _by_due(due, today, cycle.warning_days)
    decision = Decision(
        title=_("Årlig uppföljning %(year)s") % {"year": report.year},
        body=_("Kommunens och polisens ledning"),
        day=approved,
        url=report.get_absolute_url(),
    )
    note = (
        _("Nästa uppföljning skulle ha godkänts senast %(day)s.")
        if state == DutyState.SAKNAS
        else _("Nästa uppföljning godkänns senast %(day)s.")
    ) % {"day": format_date(due)}
    return DutyStatus(Duty.UPPFOLJNING, state, decision, due, note)


def duties_for(kommuner: Sequence[Organization], today: date) -> list[KommunDuties]:
    """The state of every duty for each kommun on `today`, in a fixed number of queries."""
    ids = [kommun.pk for kommun in kommuner]
    cycles = _cycles(kommuner)
    pictures: dict[int, Lagesbild] = {}
    for picture in Lagesbild.objects.filter(
        organization_id__in=ids, status=Lagesbild.Status.FASTSTALLD, adopted_on__lte=today
    ).order_by("organization_id", "-adopted_on", "-pk"):
        pictures.setdefault(picture.organization_id, picture)
    # Each kommun's most recently decided åtgärdsplan (as decided_plans finds it), with how many of
    # its measures lack a problem or a follow-up counted in the same query.
    latest: dict[int, Atgardsplan] = {}
    for decided in (
        Atgardsplan.objects.filter(organization_id__in=ids, status=Atgardsplan.Status.BESLUTAD)
        .annotate(
            flagged=Count(
                "measures",
                filter=Q(measures__problem__isnull=True) | Q(measures__follow_up="", measures__activity__isnull=True),
            )
        )
        .order_by("organization_id", "-decided_on", "-pk")
    ):
        latest.setdefault(decided.organization_id, decided)
    plans = {org_id: plan for org_id, plan in latest.items() if plan.decided_on and plan.decided_on <= today}
    flagged = {plan.pk: getattr(plan, "flagged", 0) for plan in plans.values()}  # the annotation
    appointments = current_samordningsfunktioner(ids, today, people=False)
    people_of = _current_people(appointments.values())
    reports: dict[int, AnnualReport] = {}
    for report in AnnualReport.objects.filter(
        organization_id__in=ids, status=AnnualReport.Status.GODKAND, approved_at__isnull=False
    ).order_by("organization_id", "-approved_at"):
        reports.setdefault(report.organization_id, report)
    result = []
    for kommun in kommuner:
        cycle = cycles[kommun.pk]
        appointment = appointments.get(kommun.pk)
        people = people_of.get(appointment.pk, []) if appointment else []
        plan = plans.get(kommun.pk)
        result.append(
            KommunDuties(
                kommun=kommun,
                cycle=cycle,
                duties=[
                    _lagesbild(pictures.get(kommun.pk), cycle, today),
                    _atgardsplan(plan, pictures.get(kommun.pk), cycle, today),
                    _samordning(appointment, people),
                    _uppfoljning(reports.get(kommun.pk), cycle, today),
                ],
                samordningsfunktion=appointment,
                atgardsplan=plan,
                flagged_measures=flagged.get(plan.pk, 0) if plan else 0,
                people=people,
            )
        )
    return result


def _cycles(kommuner: Sequence[Organization]) -> dict[int, DutyCycle]:
    """Each kommun's cycle: from the kommuner themselves when they were read with
    select_related("duty_cycle") (no query), else in one query."""
    if kommuner and all(Organization.duty_cycle.is_cached(kommun) for kommun in kommuner):
        cycles: dict[int, DutyCycle] = {}
        for kommun in kommuner:
            try:
                cycles[kommun.pk] = kommun.duty_cycle
            except DutyCycle.DoesNotExist:
                cycles[kommun.pk] = DutyCycle(organization_id=kommun.pk)
        return cycles
    return cycles_of([kommun.pk for kommun in kommuner])


def _current_people(appointments: Iterable[Samordningsfunktion]) -> dict[int, list[str]]:
    """The people named in each samordningsfunktion who are still active members of its kommun,
    in one query (none without appointments)."""
    ids = [appointment.pk for appointment in appointments]
    if not ids:
        return {}
    still_member = Membership.objects.filter(
        user_id=OuterRef("user_id"), organization_id=OuterRef("samordningsfunktion__organization_id")
    )
    named = (
        Samordningsfunktion.people.through.objects.filter(samordningsfunktion_id__in=ids, user__is_active=True)
        .filter(Exists(still_member))
        .select_related("user")
        .order_by("user__full_name", "user__email")
    )
    people: dict[int, list[str]] = {}
    for row in named:
        people.setdefault(row.samordningsfunktion_id, []).append(str(row.user))
    return people


def duties_of(kommun: Organization, today: date) -> KommunDuties:
    return duties_for([kommun], today)[0]


def county_rows(
    kommuner: Iterable[Organization], today: date, *, sort: str = "kommun", needs_support: bool = False
) -> list[KommunDuties]:
    """The county view: each kommun's duties, sorted by kommun or by one duty's state (worst
    first), optionally only those that need support."""
    rows = duties_for(list(kommuner), today)
    if needs_support:
        rows = [row for row in rows if row.needs_support]
    if sort in Duty.values:
        rows.sort(key=lambda row: (SEVERITY[row.status(Duty(sort)).state], row.kommun.name))
    else:
        rows.sort(key=lambda row: row.kommun.name)
    return rows
