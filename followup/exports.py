"""Logs and progress exported as CSV or Excel, per period and kommun."""

import csv
import io
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils import timezone

from medborgarloften.models import Activity, Medborgarlofte
from samverkan.models import Organization

from .models import ActivityLog
from .progress import progress_for

LOG_COLUMNS = [
    "Kommun",
    "Medborgarlöfte",
    "Aktivitet",
    "Ansvar",
    "Datum",
    "Antal",
    "Timmar",
    "Loggad för",
    "Anteckning",
]
PROGRESS_COLUMNS = ["Kommun", "Aktivitet", "Mål", "Utfört i år", "Förväntat i år", "Status"]

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class ExportFile:
    """A file ready to be sent: its name (with extension), content and content type."""

    filename: str
    content: bytes | str
    content_type: str


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
            log.done_on.isoformat(),
            log.count,
            "" if log.hours is None else str(log.hours),
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
            "" if p.expected_year is None else str(p.expected_year),
            p.status_label,
        ]
        for p in progress_for(
            activities.order_by("lofte__plan__organization__name", "order"), min(end, timezone.localdate())
        )
    ]
    return log_rows, progress_rows


def build_export(start: date, end: date, kommun: Organization | None, file_format: str) -> ExportFile:
    """The export file in the chosen format ("csv" or "xlsx")."""
    log_rows, progress_rows = export_rows(start, end, kommun)
    filename = f"uppfoljning-{start}-{end}"
    if file_format == "xlsx":
        return ExportFile(f"{filename}.xlsx", _xlsx(log_rows, progress_rows), XLSX_CONTENT_TYPE)
    return ExportFile(f"{filename}.csv", _csv(log_rows, progress_rows), "text/csv; charset=utf-8")


def _csv(log_rows: list[list[Any]], progress_rows: list[list[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(LOG_COLUMNS)
    writer.writerows(log_rows)
    writer.writerow([])
    writer.writerow(PROGRESS_COLUMNS)
    writer.writerows(progress_rows)
    # A byte-order mark so that Excel opens the file as UTF-8 with å, ä and ö intact.
    return "\ufeff" + buffer.getvalue()


def _xlsx(log_rows: list[list[Any]], progress_rows: list[list[Any]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Loggar"
    sheet.append(LOG_COLUMNS)
    for row in log_rows:
        sheet.append(row)
    progress = workbook.create_sheet("Måluppfyllelse")
    progress.append(PROGRESS_COLUMNS)
    for row in progress_rows:
        progress.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
