"""The figures of an annual report, generated from the logs, and the report as a document."""

from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from agreements.models import Agreement
from lagesbild.models import Indicator
from medborgarloften.models import Activity, Effect, Medborgarlofte
from samverkan.charts import Bar, Point, bar_chart, line_chart
from samverkan.models import Organization
from samverkan.pdf import render_pdf

from .meetings.documents import year_summary as meetings_in_year
from .models import AnnualReport, ReportApproval
from .progress import STATUS_LABELS, progress_for, tally


def report_activities(report: AnnualReport) -> list[Activity]:
    """The kommun's activities under the agreement that ran at some point of the report's year."""
    year_start, year_end = date(report.year, 1, 1), date(report.year, 12, 31)
    activities = (
        Activity.all_objects.filter(
            lofte__plan__agreement__series=report.agreement.series,
            lofte__plan__organization=report.organization,
            lofte__status__in=[Medborgarlofte.Status.GALLANDE, Medborgarlofte.Status.AVSLUTAT],
            lofte__period_start__lte=year_end,
            lofte__period_end__gte=year_start,
        )
        .select_related("lofte", "focus_area")
        .order_by("focus_area__order", "lofte_id", "order")
    )
    return [a for a in activities if a.active_range()[0] <= year_end and a.active_range()[1] >= year_start]


def report_figures(report: AnnualReport) -> dict[str, Any]:
    """Per focus area and activity: target, done, expected and status for the report's year
    (to date, for the current year). Plain data, so an approved report can freeze it."""
    as_of = min(date(report.year, 12, 31), timezone.localdate())
    groups: dict[str, list[dict[str, Any]]] = {}
    progresses = progress_for(report_activities(report), as_of)
    for item in progresses:
        activity = item.activity
        title = activity.focus_area.title if activity.focus_area else (activity.heading or _("Övrigt"))
        groups.setdefault(title, []).append(
            {
                "what": activity.what,
                "responsible": str(activity.get_responsible_display()),
                "target": activity.target_display,
                "done": item.done_year,
                "expected": None if item.expected_year is None else str(item.expected_year),
                "status": item.status,
                "status_label": item.status_label,
            }
        )
    totals = tally(progresses)
    return {
        "year": report.year,
        "as_of": as_of.isoformat(),
        "groups": [{"focus_area": title, "rows": rows} for title, rows in groups.items()],
        "totals": [{"status": key, "label": str(STATUS_LABELS[key]), "count": totals[key]} for key in STATUS_LABELS],
        "logged_total": sum(item.done_year for item in progresses),
        "meetings": meetings_in_year(report.organization, report.year),
    }


def report_charts(figures: dict[str, Any]) -> list[str]:
    """One bar chart per focus area: done against expected this year."""
    from decimal import Decimal

    charts = []
    for index, group in enumerate(figures["groups"]):
        bars = [
            Bar(row["what"], Decimal(row["done"]), None if row["expected"] is None else Decimal(row["expected"]))
            for row in group["rows"]
        ]
        charts.append(bar_chart(bars, title=group["focus_area"], chart_id=f"fa-{index}"))
    return charts


def effect_trends(kommun: Organization, agreement: Agreement | None = None) -> list[dict[str, Any]]:
    """The effects sought in a kommun's promises and the trend of the indicators linked to them."""
    effects = Effect.all_objects.filter(
        lofte__plan__organization=kommun,
        lofte__status__in=[Medborgarlofte.Status.GALLANDE, Medborgarlofte.Status.AVSLUTAT],
    )
    if agreement is not None:
        effects = effects.filter(lofte__plan__agreement__series=agreement.series)
    rows = []
    seen: set[int] = set()
    for effect in effects.prefetch_related("indicators__measurements"):
        indicators: list[Indicator] = list(effect.indicators.all())
        charts = []
        for indicator in indicators:
            if indicator.pk in seen:
                continue
            seen.add(indicator.pk)
            charts.append(
                line_chart(
                    [Point(m.period_label, m.value) for m in indicator.measurements.all()],
                    title=indicator.name,
                    unit=indicator.unit,
                    baseline=indicator.baseline_value,
                    baseline_label=_("Baslinje %(year)s") % {"year": indicator.baseline_year},
                    chart_id=f"ind-{indicator.pk}",
                )
            )
        rows.append({"effect": effect.text, "indicators": indicators, "charts": charts})
    return rows


def document_context(report: AnnualReport) -> dict[str, Any]:
    figures = report.figures or report_figures(report)
    return {
        "report": report,
        "figures": figures,
        "charts": report_charts(figures),
        "effects": effect_trends(report.organization, report.agreement),
        "parties": report.party_organizations(),
        "approvals": list(ReportApproval.all_objects.filter(report=report).select_related("organization")),
    }


def render_report_pdf(report: AnnualReport) -> bytes:
    """The report as PDF; unapproved reports are marked UTKAST."""
    return render_pdf(
        "followup/report_pdf.html", document_context(report), draft=report.status != AnnualReport.Status.GODKAND
    )
