"""Logs and progress exported as CSV or Excel, per period and kommun."""

from datetime import date
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from medborgarloften.models import Activity, Medborgarlofte
from samverkan.exports import Table, csv_response, xlsx_response
from samverkan.models import Organization

from .duties import KommunDuties
from .models import ActivityLog
from .progress import progress_for

LOG_COLUMNS = [
    gettext_lazy("Kommun"),
    gettext_lazy("Medborgarlöfte"),
    gettext_lazy("Aktivitet"),
    gettext_lazy("Ansvar"),
    gettext_lazy("Datum"),
    gettext_lazy("Antal"),
    gettext_lazy("Timmar"),
    gettext_lazy("Loggad för"),
    gettext_lazy("Anteckning"),
]
PROGRESS_COLUMNS = [
    gettext_lazy("Kommun"),
    gettext_lazy("Aktivitet"),
    gettext_lazy("Mål"),
    gettext_lazy("Utfört i år"),
    gettext_lazy("Förväntat i år"),
    gettext_lazy("Status"),
]


def headings(columns: list[Any]) -> list[str]:
    """The column headings in the language of the person downloading."""
    return [str(column) for column in columns]


def export_rows(start: date, end: date, kommun: Organization | None) -> tuple[list[list[Any]], list[list[Any]]]:
    """The log rows done within the period and the progress rows of promises in force, for one kommun
    or every kommun the person in scope may read (the querysets are tenancy-scoped)."""
    logs = (
        ActivityLog.objects.filter(done_on__gte=start, done_on__lte=end)
        .select_related("activity__lofte__plan__organization", "organization")
        .order_by("activity__lofte__plan__organization__name", "done_on")
    )
    activities = Activity.objects.filter(lofte__status=Medborgarlofte.Status.GALLANDE).select_related(
        "lofte__plan__organization"
    )
    if kommun is not None:
        logs = logs.filter(activity__lofte__plan__organization=kommun)
        activities = activities.filter(lofte__plan__organization=kommun)
    log_rows = [
        [
            log.activity.lofte.plan.organization.name,
            log.activity.lofte.title,
            log.activity.what,
            str(log.activity.get_responsible_display()),
            log.done_on,
            log.count,
            log.hours,
            log.organization.name,
            log.note,
        ]
        for log in logs
    ]
    progress_rows = [
        [
            p.activity.lofte.plan.organization.name,
            p.activity.what,
            p.activity.target_display,
            p.done_year,
            p.expected_year,
            p.status_label,
        ]
        for p in progress_for(
            activities.order_by("lofte__plan__organization__name", "order"), min(end, timezone.localdate())
        )
    ]
    return log_rows, progress_rows


def build_export(start: date, end: date, kommun: Organization | None, file_format: str) -> HttpResponse:
    """The export as a download in the chosen format ("csv" or "xlsx"), written by the one export
    writer that neutralises formula cells (samverkan.exports)."""
    log_rows, progress_rows = export_rows(start, end, kommun)
    tables = [
        Table(_("Loggar"), headings(LOG_COLUMNS), log_rows),
        Table(_("Måluppfyllelse"), headings(PROGRESS_COLUMNS), progress_rows),
    ]
    write = xlsx_response if file_format == "xlsx" else csv_response
    return write(f"uppfoljning-{start}-{end}", tables)


DUTY_COLUMNS = [
    gettext_lazy("Kommun"),
    gettext_lazy("Skyldighet"),
    gettext_lazy("Tillstånd"),
    gettext_lazy("Beslut"),
    gettext_lazy("Beslutande organ"),
    gettext_lazy("Datum"),
    gettext_lazy("Diarienummer"),
    gettext_lazy("Paragraf"),
    gettext_lazy("Förnyas senast"),
    gettext_lazy("Kommentar"),
]


def build_duties_export(rows: list[KommunDuties], today: date) -> HttpResponse:
    """The county view as XLSX: one row per kommun and duty, through the one export writer."""
    table_rows: list[list[Any]] = []
    for row in rows:
        for status in row.duties:
            decision = status.decision
            table_rows.append(
                [
                    row.kommun.name,
                    status.label,
                    status.state_label,
                    decision.title if decision else "",
                    decision.body if decision else "",
                    decision.day if decision else None,
                    decision.diarienummer if decision else "",
                    decision.paragraph if decision else "",
                    status.due,
                    status.note,
                ]
            )
    return xlsx_response(f"skyldigheter-{today}", [Table(_("Skyldigheter"), headings(DUTY_COLUMNS), table_rows)])
