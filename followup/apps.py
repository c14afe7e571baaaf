from typing import TYPE_CHECKING

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from samverkan.sealed import SealedDocument


def sealed_report(sha256: str) -> "SealedDocument | None":
    """The annual report whose sealed PDF has this hash."""
    from samverkan.sealed import SealedDocument

    from .models import AnnualReport, ReportApproval

    report = AnnualReport.all_objects.filter(pdf_sha256=sha256).select_related("organization", "agreement").first()
    if report is None:
        return None
    approvals = ReportApproval.all_objects.filter(report=report).select_related("organization")
    return SealedDocument(
        kind=str(AnnualReport._meta.verbose_name).capitalize(),
        title=f"{report.organization.name} {report.year}",
        version=str(report.get_status_display()),
        parties=[a.organization.name for a in approvals],
    )


class FollowupConfig(AppConfig):
    name = "followup"
    verbose_name = _("Uppföljning")

    def ready(self) -> None:
        from samverkan.sealed import register_sealed_lookup

        register_sealed_lookup(sealed_report)

        from samverkan.history import register_history_page

        from .models import ActivityLog, AnnualReport

        register_history_page("logg", ActivityLog)
        register_history_page("arsuppfoljning", AnnualReport)

        from medborgarloften.public import register_progress_provider

        from .progress import progress_for

        register_progress_provider(lambda activities, day: {p.activity.pk: p for p in progress_for(activities, day)})
