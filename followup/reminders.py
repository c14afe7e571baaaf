"""The daily reminder scan: what is behind, due, ending or waiting for a signature, and who should
hear about it. The scan only plans; samverkan.notifications creates each notification once."""

import calendar
from collections.abc import Iterable, Iterator
from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements.models import Agreement, AgreementParty
from medborgarloften.models import Activity, LofteSignature, Medborgarlofte
from medborgarloften.targets import Unit
from samverkan.models import Membership, Organization, User
from samverkan.notifications import Planned
from samverkan.numbers import format_date

from .duties import DutyState, duties_for
from .models import AnnualReport
from .progress import ProgressStatus, progress_for

Role = Membership.Role
DUE_SOON_DAYS = 45
ENDING_THRESHOLDS = (90, 30)


def _people(org_ids: Iterable[int], roles: Iterable[str]) -> list[User]:
    return list(
        User.objects.filter(
            is_active=True, memberships__organization_id__in=list(org_ids), memberships__role__in=list(roles)
        ).distinct()
    )


def _responsible_orgs(activity: Activity, police_by_agreement: dict[int, list[int]]) -> list[int]:
    plan = activity.lofte.plan
    orgs = []
    if activity.responsible in (Activity.Responsible.KOMMUN, Activity.Responsible.BADA):
        orgs.append(plan.organization_id)
    if activity.responsible in Activity.POLICE_RESPONSIBLE:
        orgs.extend(police_by_agreement.get(plan.agreement_id, []))
    return orgs


def report_due_date(agreement: Agreement, year: int) -> date:
    """When the annual report for `year` is due: at the end of the agreement's reporting month,
    in the same year for October–December, otherwise in the following year."""
    month = agreement.reporting_month or 3
    due_year = year if month >= 10 else year + 1
    return date(due_year, month, calendar.monthrange(due_year, month)[1])


def _activities(today: date) -> Iterator[Planned]:
    activities = list(
        Activity.objects.filter(
            lofte__status=Medborgarlofte.Status.GALLANDE, lofte__period_start__lte=today, lofte__period_end__gte=today
        ).select_related("lofte__plan__organization")
    )
    police_by_agreement: dict[int, list[int]] = {}
    for party in AgreementParty.objects.filter(
        agreement_id__in={a.lofte.plan.agreement_id for a in activities},
        organization__kind__in=Organization.POLICE_KINDS,
    ):
        police_by_agreement.setdefault(party.agreement_id, []).append(party.organization_id)
    people_by_org: dict[int, list[User]] = {}
    for item in progress_for(activities, today):
        activity = item.activity
        url = reverse("activity_progress", args=[activity.uuid])
        recipients = []
        for org_id in _responsible_orgs(activity, police_by_agreement):
            if org_id not in people_by_org:
                people_by_org[org_id] = _people([org_id], [Role.SAMORDNARE, Role.KONTAKTPERSON])
            recipients.extend(people_by_org[org_id])
        if item.status == ProgressStatus.EFTER:
            for user in recipients:
                yield Planned(
                    kind="activity_behind",
                    user=user,
                    subject_key=f"activity:{activity.pk}",
                    period_key=f"{today:%Y-%m}",
                    title=_("Efter: %(what)s") % {"what": activity.what},
                    body=_("%(what)s (%(kommun)s) ligger efter målet %(target)s: %(summary)s.")
                    % {
                        "what": activity.what,
                        "kommun": activity.lofte.plan.organization.name,
                        "target": activity.target_display.lower(),
                        "summary": item.summary,
                    },
                    url=url,
                )
        year_end = min(date(today.year, 12, 31), activity.active_range()[1])
        if (
            activity.target_unit == Unit.YEAR
            and item.expected_year
            and item.done_year < item.expected_year
            and 0 <= (year_end - today).days <= DUE_SOON_DAYS
        ):
            for user in recipients:
                yield Planned(
                    kind="activity_due",
                    user=user,
                    subject_key=f"activity:{activity.pk}",
                    period_key=str(today.year),
                    title=_("Snart dags: %(what)s") % {"what": activity.what},
                    body=_("%(done)s av %(expected)s gjorda i år, och det är %(days)s dagar kvar.")
                    % {"done": item.done_year, "expected": item.expected_year, "days": (year_end - today).days},
                    url=url,
                )


def _report_years(agreement: Agreement, today: date) -> range:
    """The years an agreement owes an annual report for: those of its period, on while it runs on
    (förlängs tills vidare), and for one that has ended, up to the year it ended – the last year's
    report is still due after the end, but nothing after it."""
    last = agreement.period_end.year
    if agreement.runs_on_since(today):
        last = today.year
    if agreement.status == Agreement.Status.UPPHORT and agreement.ended_at is not None:
        last = min(last, timezone.localdate(agreement.ended_at).year)
    return range(agreement.period_start.year, last + 1)


def _reports(today: date) -> Iterator[Planned]:
    year = today.year - 1 if today.month < 10 else today.year
    for agreement in Agreement.objects.filter(
        status__in=[Agreement.Status.GALLANDE, Agreement.Status.UPPHORT]
    ).prefetch_related("parties__organization"):
        years = _report_years(agreement, today)
        for candidate_year in (year - 1, year):
            due = report_due_date(agreement, candidate_year)
            if candidate_year not in years:
                continue
            days_left = (due - today).days
            if days_left > 30:
                continue
            for party in agreement.parties.all():
                kommun = party.organization
                if kommun.kind != Organization.Kind.KOMMUN:
                    continue
                report = AnnualReport.objects.filter(
                    agreement=agreement, organization=kommun, year=candidate_year
                ).first()
                if report is not None and report.status == AnnualReport.Status.GODKAND:
                    continue
                overdue = days_left < 0
                roles = [Role.SAMORDNARE, Role.LEDNING] if overdue else [Role.SAMORDNARE]
                url = report.get_absolute_url() if report else reverse("report_list")
                for user in _people([kommun.pk], roles):
                    yield Planned(
                        kind="report_overdue" if overdue else "report_due",
                        user=user,
                        subject_key=f"report:{agreement.pk}:{kommun.pk}",
                        period_key=str(candidate_year),
                        title=(
                            _("Försenad: årlig uppföljning %(year)s") if overdue else _("Årlig uppföljning %(year)s")
                        )
                        % {"year": candidate_year},
                        body=_("Uppföljningen för %(kommun)s %(year)s skulle vara godkänd senast %(due)s.")
                        % {"kommun": kommun.name, "year": candidate_year, "due": format_date(due)}
                        if overdue
                        else _("Uppföljningen för %(kommun)s %(year)s ska vara godkänd senast %(due)s.")
                        % {"kommun": kommun.name, "year": candidate_year, "due": format_date(due)},
                        url=url,
                    )


def _ending(today: date) -> Iterator[Planned]:
    horizon = today + timedelta(days=max(ENDING_THRESHOLDS))
    for agreement in Agreement.objects.filter(
        status=Agreement.Status.GALLANDE, period_end__gte=today, period_end__lte=horizon
    ):
        if agreement.renewal == Agreement.Renewal.CONTINUES:
            continue
        days = (agreement.period_end - today).days
        threshold = min(t for t in ENDING_THRESHOLDS if days <= t)
        org_ids = agreement.parties.values_list("organization_id", flat=True)
        for user in _people(org_ids, [Role.SAMORDNARE, Role.LEDNING]):
            yield Planned(
                kind="agreement_ending",
                user=user,
                subject_key=f"agreement:{agreement.pk}",
                period_key=f"{agreement.period_end}:{threshold}",
                title=_("Överenskommelsen löper ut om %(days)s dagar") % {"days": days},
                body=_("%(title)s gäller till %(end)s och ska därefter %(rule)s.")
                % {
                    "title": agreement.title,
                    "end": format_date(agreement.period_end),
                    "rule": agreement.get_renewal_display().lower(),
                },
                url=agreement.get_absolute_url(),
            )
    for lofte in Medborgarlofte.objects.filter(
        status=Medborgarlofte.Status.GALLANDE, period_end__gte=today, period_end__lte=horizon
    ).select_related("plan"):
        days = (lofte.period_end - today).days
        threshold = min(t for t in ENDING_THRESHOLDS if days <= t)
        for user in _people([lofte.plan.organization_id, lofte.police_area_id], [Role.SAMORDNARE, Role.KONTAKTPERSON]):
            yield Planned(
                kind="lofte_ending",
                user=user,
                subject_key=f"lofte:{lofte.pk}",
                period_key=f"{lofte.period_end}:{threshold}",
                title=_("Medborgarlöftet löper ut om %(days)s dagar") % {"days": days},
                body=_("%(title)s gäller till %(end)s. Dags att revidera det utifrån lägesbilden.")
                % {"title": lofte.title, "end": format_date(lofte.period_end)},
                url=lofte.get_absolute_url(),
            )


def _signatures(today: date) -> Iterator[Planned]:
    week = f"{today.isocalendar().year}-v{today.isocalendar().week}"
    for party in AgreementParty.objects.filter(
        agreement__status=Agreement.Status.FOR_UNDERSKRIFT, signature__isnull=True, signatory__isnull=False
    ).select_related("agreement", "signatory", "organization"):
        assert party.signatory is not None
        yield Planned(
            kind="signature_pending",
            user=party.signatory,
            subject_key=f"agreement:{party.agreement_id}",
            period_key=week,
            title=_("Väntar på din underskrift"),
            body=_("%(title)s väntar på din underskrift för %(org)s.")
            % {"title": party.agreement.title, "org": party.organization.name},
            url=reverse("agreement_sign", args=[party.agreement.uuid]),
        )
    for lofte in (
        Medborgarlofte.objects.filter(status=Medborgarlofte.Status.UTKAST, signatures__isnull=False)
        .distinct()
        .select_related("plan")
    ):
        signed = set(LofteSignature.objects.filter(lofte=lofte).values_list("organization_id", flat=True))
        waiting = {lofte.plan.organization_id, lofte.police_area_id} - signed
        for user in _people(waiting, [Role.LEDNING]):
            yield Planned(
                kind="signature_pending",
                user=user,
                subject_key=f"lofte:{lofte.pk}",
                period_key=week,
                title=_("Medborgarlöfte väntar på underskrift"),
                body=_("%(title)s är underskrivet av den andra parten och väntar på er.") % {"title": lofte.title},
                url=reverse("lofte_sign", args=[lofte.uuid]),
            )


def _duties(today: date) -> Iterator[Planned]:
    """The kommun's duties under Lag 2023:196 that are going stale or missing: once per duty, state
    and due date, to the kommun's samordnare and leadership. Bounded in queries whatever the number
    of kommuner (followup.duties)."""
    kommuner = list(Organization.objects.filter(kind=Organization.Kind.KOMMUN, is_active=True).order_by("pk"))
    people: dict[int, list[User]] = {}
    for membership in Membership.objects.filter(
        organization__in=kommuner, role__in=[Role.SAMORDNARE, Role.LEDNING], user__is_active=True
    ).select_related("user"):
        users = people.setdefault(membership.organization_id, [])
        if membership.user not in users:
            users.append(membership.user)
    for row in duties_for([k for k in kommuner if k.pk in people], today):
        url = reverse("duties_kommun", args=[row.kommun.slug])
        for status in row.duties:
            if status.is_fulfilled:
                continue
            missing = status.state == DutyState.SAKNAS
            for user in people[row.kommun.pk]:
                yield Planned(
                    kind="duty_missing" if missing else "duty_stale",
                    user=user,
                    subject_key=f"duty:{row.kommun.pk}:{status.duty}",
                    period_key=status.due.isoformat() if status.due else "-",
                    title=(_("Saknas: %(duty)s") if missing else _("Snart inaktuellt: %(duty)s"))
                    % {"duty": status.label.lower()},
                    body=_("%(kommun)s: %(note)s") % {"kommun": row.kommun.name, "note": status.note},
                    url=url,
                )


def plan_reminders(today: date) -> list[Planned]:
    """Everything that should be reminded about today, across every tenant (system scope)."""
    from .meetings.handovers import plan_meeting_reminders

    return [
        *_activities(today),
        *_reports(today),
        *_ending(today),
        *_signatures(today),
        *plan_meeting_reminders(today),
        *_duties(today),
    ]
