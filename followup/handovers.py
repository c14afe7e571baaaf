"""Whose turn it is with an annual report: the leaders asked to approve it when it is submitted
(called by one line in `submit_report`), and the reports to approve on their "Att göra"
(registered in AppConfig.ready)."""

from django.db.models import Exists, OuterRef, Q, Value
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
    """Reports waiting for this leader's organisation to approve them, in one query: whether the
    kommun's side and the police's side have approved comes with each report."""
    leading = viewer.org_ids_with_role(LEADER_ROLES)
    if not leading:
        return []
    police = leading & viewer.police_org_ids
    approvals = ReportApproval.all_objects.filter(report=OuterRef("pk"))
    # A police organisation of this leader's that is a party of the report's agreement and has not
    # approved the report yet.
    police_pending: Exists | Value = Value(False)
    if police:
        approved_by_party = ReportApproval.all_objects.filter(
            report=OuterRef(OuterRef("pk")), organization=OuterRef("organization")
        )
        police_pending = Exists(
            AgreementParty.all_objects.filter(
                agreement=OuterRef("agreement"),
                organization_id__in=police,
                organization__kind__in=Organization.POLICE_KINDS,
            ).exclude(Exists(approved_by_party))
        )
    reports = (
        AnnualReport.objects.filter(status=AnnualReport.Status.FOR_GODKANNANDE)
        .filter(Q(organization_id__in=leading) | Q(agreement__parties__organization_id__in=police))
        .distinct()
        .annotate(
            own_approved=Exists(approvals.filter(organization=OuterRef("organization"))),
            police_pending=police_pending,
        )
        .select_related("organization")
    )
    return [
        TodoItem(
            action=_("Godkänn årsuppföljningen"),
            title=str(report),
            url=reverse("report_approve", args=[report.uuid]),
            detail=_("Årlig uppföljning %(year)s.") % {"year": report.year},
        )
        for report in reports
        if (report.organization_id in leading and not report.own_approved) or report.police_pending
    ]
