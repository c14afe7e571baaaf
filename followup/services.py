"""Every change in follow-up: logging what was done, and the annual report."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from agreements.models import Agreement, AgreementParty
from medborgarloften.models import Activity, Medborgarlofte
from samverkan.concurrency import save_if_unchanged
from samverkan.errors import DomainError
from samverkan.handovers import deliver
from samverkan.history import acting_as
from samverkan.models import Notification, Organization, User
from samverkan.notifications import Planned, language_of
from samverkan.numbers import format_date
from samverkan.sealed import queue_seal
from samverkan.tenancy import may_sign_for

from . import handovers
from .models import ActivityLog, AnnualReport, ReportApproval
from .totals import recount

#: How long after logging a person may still edit or undo their own log.
EDIT_WINDOW = timedelta(hours=48)
#: How far back a log may be dated; older work belongs in last year's report.
MAX_BACKDATE = timedelta(days=400)


def carry_logs_over(*, successors: dict[int, int], actor: User | None, **signal: Any) -> int:
    """A new version of a medborgarlöfte was signed (`medborgarloften.signals.lofte_replaced`):
    each activity's logs move to the same activity (same `series`) in the new version, so progress,
    reminders and the annual report go on counting them. Every move is a row in the logs' history."""
    logs = list(ActivityLog.all_objects.filter(activity_id__in=successors))
    for log in logs:
        log.activity_id = successors[log.activity_id]
        log.version += 1
    if logs:
        bulk_update_with_history(
            logs,
            ActivityLog,
            ["activity", "version"],
            default_user=actor,
            batch_size=1000,
            manager=ActivityLog.all_objects,
        )
        # A bulk update, past ActivityLog.save(): the totals of both versions are counted again.
        recount([*successors, *successors.values()])
    return len(logs)


def _check_log(activity: Activity, done_on: date, count: int, hours: Decimal | None) -> None:
    today = timezone.localdate()
    if done_on > today:
        raise DomainError(_("Datumet kan inte vara i framtiden."))
    if done_on < today - MAX_BACKDATE:
        raise DomainError(_("Datumet ligger för långt bak i tiden."))
    start, end = activity.active_range()
    if not start <= done_on <= end:
        raise DomainError(
            _("Aktiviteten pågår %(start)s–%(end)s; datumet ligger utanför.")
            % {"start": format_date(start), "end": format_date(end)}
        )
    if count < 1:
        raise DomainError(_("Antal måste vara minst 1."))
    if count > 1000:
        raise DomainError(_("Antal är orimligt stort; kontrollera siffran."))
    if hours is not None and not Decimal(0) <= hours <= Decimal(1000):
        raise DomainError(_("Ange timmar mellan 0 och 1000."))


@transaction.atomic
def log_activity(
    activity: Activity,
    *,
    actor: User,
    organization: Organization,
    done_on: date,
    count: int = 1,
    hours: Decimal | None = None,
    note: str = "",
) -> ActivityLog:
    """Record that an activity was carried out; the caller has checked that `actor` may log it
    for `organization` (tenancy.can_log)."""
    if activity.lofte.status != Medborgarlofte.Status.GALLANDE:
        raise DomainError(_("Bara aktiviteter i gällande medborgarlöften loggas."))
    _check_log(activity, done_on, count, hours)
    with acting_as(actor):
        return ActivityLog.objects.create(
            activity=activity,
            organization=organization,
            done_on=done_on,
            count=count,
            hours=hours,
            note=note.strip(),
            logged_by=actor,
        )


def can_still_edit(log: ActivityLog, actor: User) -> bool:
    """A person may edit or undo their own log for a while afterwards."""
    return log.logged_by_id == actor.pk and timezone.now() - log.logged_at <= EDIT_WINDOW


@transaction.atomic
def update_log(
    log: ActivityLog,
    *,
    actor: User,
    expected_version: int | None,
    done_on: date,
    count: int,
    hours: Decimal | None = None,
    note: str = "",
) -> ActivityLog:
    """Correct one's own recent log."""
    if not can_still_edit(log, actor):
        raise DomainError(_("Loggen kan bara ändras av den som loggade, och bara inom 48 timmar."))
    _check_log(log.activity, done_on, count, hours)
    with acting_as(actor):
        save_if_unchanged(
            log,
            expected_version=expected_version,
            fields={"done_on": done_on, "count": count, "hours": hours, "note": note.strip()},
        )
    return log


@transaction.atomic
def undo_log(log: ActivityLog, *, actor: User) -> None:
    """Take back one's own recent log (the history keeps that it existed)."""
    if not can_still_edit(log, actor):
        raise DomainError(_("Loggen kan bara ångras av den som loggade, och bara inom 48 timmar."))
    with acting_as(actor):
        log.delete()


# --- Annual report -------------------------------------------------------------------------


@transaction.atomic
def create_report(agreement: Agreement, *, actor: User | None, organization: Organization, year: int) -> AnnualReport:
    """Start the annual follow-up for a kommun under an agreement."""
    if organization.kind != Organization.Kind.KOMMUN:
        raise DomainError(_("Årsuppföljningen skrivs för en kommun."))
    if not AgreementParty.all_objects.filter(agreement=agreement, organization=organization).exists():
        raise DomainError(_("%(org)s är inte part i överenskommelsen.") % {"org": organization})
    if not agreement.period_start.year <= year <= agreement.period_end.year + 1:
        raise DomainError(_("Året ligger utanför överenskommelsens period."))
    if AnnualReport.all_objects.filter(agreement=agreement, organization=organization, year=year).exists():
        raise DomainError(_("Det finns redan en uppföljning för %(year)s.") % {"year": year})
    with acting_as(actor):
        return AnnualReport.objects.create(agreement=agreement, organization=organization, year=year)


@transaction.atomic
def update_report(
    report: AnnualReport, *, actor: User | None, expected_version: int | None, **texts: Any
) -> AnnualReport:
    """Write the narrative; only while the report is a draft."""
    if report.status != AnnualReport.Status.UTKAST:
        raise DomainError(_("Uppföljningen är skickad för godkännande. Ta tillbaka den för att ändra texten."))
    with acting_as(actor):
        save_if_unchanged(report, expected_version=expected_version, fields=texts)
    return report


@transaction.atomic
def submit_report(report: AnnualReport, *, actor: User | None) -> AnnualReport:
    """Utkast → för godkännande by the leadership of the kommun and the police."""
    if report.status != AnnualReport.Status.UTKAST:
        raise DomainError(_("Uppföljningen är redan skickad."))
    if not (report.summary.strip() and report.worked.strip() and report.changes_next_year.strip()):
        raise DomainError(_("Skriv sammanfattning, vad som fungerade och förändringar till nästa år innan du skickar."))
    with acting_as(actor):
        report.status = AnnualReport.Status.FOR_GODKANNANDE
        report.version += 1
        report.save()
    handovers.report_submitted(report, actor=actor)
    return report


@transaction.atomic
def return_report(report: AnnualReport, *, actor: User | None) -> AnnualReport:
    """Back to draft for changes; approvals given so far are withdrawn."""
    if report.status != AnnualReport.Status.FOR_GODKANNANDE:
        raise DomainError(_("Bara en uppföljning som väntar på godkännande kan tas tillbaka."))
    with acting_as(actor):
        ReportApproval.all_objects.filter(report=report).delete()
        report.status = AnnualReport.Status.UTKAST
        report.version += 1
        report.save()
    return report


@transaction.atomic
def approve_report(report: AnnualReport, *, actor: User, organization: Organization) -> ReportApproval:
    """A leader of the kommun or of a police party approves. When all have approved, the figures
    are frozen and the PDF is rendered and sealed."""
    report = AnnualReport.all_objects.select_for_update().get(pk=report.pk)
    if report.status != AnnualReport.Status.FOR_GODKANNANDE:
        raise DomainError(_("Uppföljningen är inte skickad för godkännande."))
    parties = report.approving_parties()
    if organization not in parties:
        raise DomainError(_("%(org)s godkänner inte denna uppföljning.") % {"org": organization})
    if not may_sign_for(actor, organization):
        raise DomainError(_("Bara ledningen i %(org)s godkänner.") % {"org": organization})
    if ReportApproval.all_objects.filter(report=report, organization=organization).exists():
        raise DomainError(_("%(org)s har redan godkänt.") % {"org": organization})
    with acting_as(actor):
        approval = ReportApproval.objects.create(
            report=report,
            organization=organization,
            approved_by=actor,
            approver_name=actor.full_name,
            approver_title=actor.title,
            approved_at=timezone.now(),
        )
        approved = set(ReportApproval.all_objects.filter(report=report).values_list("organization_id", flat=True))
        if approved >= {org.pk for org in parties}:
            from .reports import report_figures

            # Frozen into the sealed original, so in its language (Swedish) whoever approves last;
            # a page in another language translates the labels when it shows them.
            with translation.override(settings.LANGUAGE_CODE):
                report.figures = report_figures(report)
            report.status = AnnualReport.Status.GODKAND
            report.approved_at = timezone.now()
            report.save()
            queue_seal(report)
    return approval


# --- Reminders -----------------------------------------------------------------------------


@dataclass
class ScanResult:
    planned: list[Planned]
    created: list[Notification]


def _in_each_language(today: date, plan: Callable[[date], list[Planned]]) -> list[Planned]:
    """The reminders, each written in its recipient's language: planned once per language that
    someone chose (usually Swedish alone), keeping each time those to people who chose it."""
    languages = set(User.objects.values_list("language", flat=True).distinct()) or {settings.LANGUAGE_CODE}
    planned: list[Planned] = []
    for language in sorted(languages):
        with translation.override(language):
            planned += [item for item in plan(today) if language_of(item.user) == language]
    return planned


def run_reminder_scan(today: date, *, dry_run: bool = False) -> ScanResult:
    """Plan today's reminders and create those not sent before; each new one is e-mailed after
    commit unless its person chose the weekly digest. Runs in the caller's (system) scope."""
    from .reminders import plan_reminders

    planned = _in_each_language(today, plan_reminders)
    if dry_run:
        return ScanResult(planned=planned, created=[])
    return ScanResult(planned=planned, created=deliver(planned))
