"""The figures of an annual report, generated from the logs, and the report as a document."""

from datetime import date
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from agreements.models import Agreement, party_ids
from lagesbild.charts import indicator_chart
from lagesbild.models import Indicator
from medborgarloften.models import Activity, Effect, Medborgarlofte
from medborgarloften.targets import Target, describe
from samverkan.charts import Bar, bar_chart, unmeasurable
from samverkan.fragments import FragmentKey, fragment_key, generations, identity, scope_of
from samverkan.models import Organization
from samverkan.pdf import render_pdf
from samverkan.tenancy import Viewer

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
    # Worked out once for the report, not per activity: the words for who is responsible, for
    # each distinct target and for "Övrigt".
    responsible = {value: str(label) for value, label in Activity.Responsible.choices}
    targets: dict[Target, str] = {}
    other = _("Övrigt")
    for item in progresses:
        activity = item.activity
        title = activity.focus_area.title if activity.focus_area else (activity.heading or other)
        target = activity.target
        groups.setdefault(title, []).append(
            {
                "what": activity.what,
                "responsible": responsible.get(activity.responsible, activity.responsible),
                "target": targets.get(target) or targets.setdefault(target, describe(target)),
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


def report_charts(figures: dict[str, Any]) -> list[dict[str, Any]]:
    """One bar chart per focus area, done against this year's target, and beside it the
    activities that cannot be measured in numbers (triggers, continuous work): they are listed
    with what was done, not drawn, since a count without a target says nothing about progress."""
    charts = []
    for index, group in enumerate(figures["groups"]):
        bars = [
            Bar(row["what"], Decimal(row["done"]), None if row["expected"] is None else Decimal(row["expected"]))
            for row in group["rows"]
        ]
        left_out = unmeasurable(bars)
        charts.append(
            {
                "title": group["focus_area"],
                "svg": bar_chart(bars, title=group["focus_area"], chart_id=f"fa-{index}", heading=False)
                if len(left_out) < len(bars)
                else "",
                "unmeasurable": [{"label": b.label, "done": int(b.done)} for b in left_out],
            }
        )
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
            charts.append(indicator_chart(indicator, chart_id=f"ind-{indicator.pk}"))
        rows.append({"effect": effect.text, "indicators": indicators, "charts": charts})
    return rows


#: The names `document_context` gives the report's document besides the report itself.
DOCUMENT_NAMES = ("figures", "groups", "effects", "parties", "approvals")


def report_fragment(report: AnnualReport, viewer: Viewer) -> FragmentKey:
    """The cache key of a report's document: the report's version and seal, and the data of the
    kommun and the agreement's parties (its effects' indicators, approvals, meetings, and the logs
    behind the figures), as seen by people with the viewer's access. A report still being written
    counts the year so far, so its key also holds the day; an approved one is frozen."""
    parties = party_ids(report.agreement_id, report.organization_id)
    frozen = report.status == AnnualReport.Status.GODKAND
    return fragment_key(
        "report_document" if frozen else "report_draft",
        identity(report),
        identity(report.agreement),
        generations([report.organization_id, *parties]),
        "" if frozen else timezone.localdate().isoformat(),
        scope=scope_of(viewer),
    )


def in_active_language(figures: dict[str, Any]) -> dict[str, Any]:
    """Frozen figures (written in Swedish when the report was approved) with their labels – who
    is responsible, each status – in the active language, each distinct label translated once."""
    words: dict[str, str] = {}

    def say(label: str) -> str:
        if label not in words:
            words[label] = _(label) if label else label
        return words[label]

    return {
        **figures,
        "groups": [
            {
                **group,
                "rows": [
                    {**row, "responsible": say(row["responsible"]), "status_label": say(row["status_label"])}
                    for row in group["rows"]
                ],
            }
            for group in figures["groups"]
        ],
        "totals": [{**total, "label": say(total["label"])} for total in figures["totals"]],
    }


def document_context(report: AnnualReport, approvals: list[ReportApproval] | None = None) -> dict[str, Any]:
    """What the report's document shows; `approvals` when the caller has them already."""
    figures = in_active_language(report.figures) if report.figures else report_figures(report)
    return {
        "report": report,
        "figures": figures,
        "groups": [
            {**group, "chart": chart} for group, chart in zip(figures["groups"], report_charts(figures), strict=True)
        ],
        "effects": effect_trends(report.organization, report.agreement),
        "parties": report.party_organizations(),
        "approvals": approvals if approvals is not None else approvals_of(report),
    }


def render_report_pdf(report: AnnualReport) -> bytes:
    """The report as PDF; unapproved reports are marked UTKAST."""
    return render_pdf(
        "followup/report_pdf.html", document_context(report), draft=report.status != AnnualReport.Status.GODKAND
    )


def approvals_of(report: AnnualReport) -> list[ReportApproval]:
    return list(ReportApproval.all_objects.filter(report=report).select_related("organization"))
