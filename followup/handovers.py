"""Whose turn it is with an annual report: the leaders asked to approve it when it is submitted
(called by one line in `submit_report`), and the reports to approve on their "Att göra"
(registered in AppConfig.ready)."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from agreements.models import AgreementParty
from samverkan.handovers import TodoItem, notify_handover, people
from samverkan.models import Organization, User
from samverkan.tenancy import LEADER_ROLES, Viewer

from .models import AnnualReport, ReportApproval


def report_submitted(report: AnnualReport, *, actor: User | None) -> None:
    """The report went för godkännande: the leadership of each approving party is asked."""
    notify_handover(
        people([org.pk for org in report.approving_parties()], LEADER_ROLES, exclude=actor),
        kind="report_approval_requested",
        subject_key=f"report:{report.pk}",
        period_key=f"v{report.version}",
        title=lambda: (
            _("Godkänn årsuppföljningen %(year)s för %(org)s") % {"year": report.year, "org": report.organization}
        ),
        body=lambda: _("Årsuppföljningen är skickad för godkännande av kommunens och polisens ledning."),
        url=reverse("report_approve", args=[report.uuid]),
    )


def todo_for(user: User, viewer: Viewer) -> list[TodoItem]:
    """Reports waiting for this leader's organisation to approve them, in three queries."""
    leading = viewer.org_ids_with_role(LEADER_ROLES)
    if not leading:
        return []
    police = leading & viewer.police_org_ids
    reports = list(
        AnnualReport.objects.filter(status=AnnualReport.Status.FOR_GODKANNANDE)
        .filter(Q(organization_id__in=leading) | Q(agreement__parties__organization_id__in=police))
        .distinct()
        .select_related("organization")
    )
    approved = set(ReportApproval.all_objects.filter(report__in=reports).values_list("report_id", "organization_id"))
    police_parties = set(
        AgreementParty.all_objects.filter(
            agreement_id__in={r.agreement_id for r in reports},
            organization_id__in=police,
            organization__kind__in=Organization.POLICE_KINDS,
        ).values_list("agreement_id", "organization_id")
    )
    items = []
    for report in reports:
        sides = {report.organization_id} & leading
        sides |= {org for agreement, org in police_parties if agreement == report.agreement_id}
        if any((report.pk, org) not in approved for org in sides):
            items.append(
                TodoItem(
                    action=_("Godkänn årsuppföljningen"),
                    title=str(report),
                    url=reverse("report_approve", args=[report.uuid]),
                    detail=_("Årlig uppföljning %(year)s.") % {"year": report.year},
                )
            )
    return items
