import hashlib
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import F, Max, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from agreements.models import Agreement
from medborgarloften.models import Activity, Medborgarlofte
from samverkan.errors import DomainError
from samverkan.forms import ReauthenticateForm, edit_page, form_page, perform, put_error_on
from samverkan.fragments import deferred, fragment_key, page_fragment, readable_object, remembered, scope_of
from samverkan.http import Request, file_response, person
from samverkan.models import Organization
from samverkan.numbers import format_date
from samverkan.tenancy import (
    EDITOR_ROLES,
    LEADER_ROLES,
    can_change,
    can_log,
    get_object_for,
    get_organization_for,
    loggable_q,
    logging_organization,
    visible_organizations,
)

from . import dashboards, services
from .exports import build_export
from .forms import ExportForm, LogEditForm, LogForm, ReportForm
from .meetings.documents import agreement_meetings
from .models import ActivityLog, AnnualReport
from .progress import progress_for
from .reports import DOCUMENT_NAMES, approvals_of, document_context, render_report_pdf, report_fragment


def my_activities(request: Request, only: str | None = None) -> list[Activity]:
    """Activities the person may log, in promises in force today; most recently logged first.
    With `only` (a posted id), just that one if the person may log it: what checking a log needs,
    without ordering all of them by the person's last log."""
    viewer = request.viewer
    today = timezone.localdate()
    activities = (
        Activity.objects.filter(loggable_q(Activity, viewer), lofte__status=Medborgarlofte.Status.GALLANDE)
        .filter(Q(starts_on__isnull=True) | Q(starts_on__lte=today))
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .filter(lofte__period_start__lte=today, lofte__period_end__gte=today)
        .select_related("lofte__plan__organization")
    )
    if only is not None:
        return list(activities.filter(pk=int(only))) if only.isdigit() and len(only) <= 18 else []
    return list(
        activities.annotate(my_last=Max("logs__logged_at", filter=Q(logs__logged_by=request.user.pk))).order_by(
            F("my_last").desc(nulls_last=True), "lofte__plan__organization__name", "order"
        )
    )


#: The query parameter that names the log just made, for the log page's confirmation.
LOGGED = "loggat"


def _just_logged(request: Request) -> dict[str, Any] | None:
    """The confirmation of the person's own log named in the query string: what was logged, where
    the activity now stands (e.g. "Nu: 5 av 8 i år · i fas"), and whether it can still be undone."""
    try:
        uuid = UUID(request.GET.get(LOGGED, ""))
    except ValueError:
        return None
    log = (
        ActivityLog.objects.filter(uuid=uuid, logged_by=request.user.pk)
        .select_related("activity__lofte__plan__organization")
        .first()
    )
    if log is None:
        return None
    [standing] = progress_for([log.activity], timezone.localdate())
    return {
        "log": log,
        "logged": ngettext(
            "Loggat: %(what)s, %(count)s gång %(day)s.", "Loggat: %(what)s, %(count)s gånger %(day)s.", log.count
        )
        % {"what": log.activity.what, "count": log.count, "day": format_date(log.done_on)},
        "standing": _("Nu: %(standing)s · %(status)s.")
        % {"standing": standing.summary, "status": standing.status_label.lower()},
        "can_undo": services.can_still_edit(log, person(request)),
    }


def _log_page(request: Request, form: LogForm, status: int = 200) -> HttpResponse:
    if request.method == "POST":
        # A refused log is shown again with every activity the person may log to choose from.
        form.offer(my_activities(request))
    recent = (
        ActivityLog.objects.filter(logged_by=request.user.pk)
        .select_related("activity__lofte__plan__organization")
        .order_by("-logged_at")[:10]
    )
    actor = person(request)
    return render(
        request,
        "followup/log.html",
        {
            "form": form,
            "recent": [(log, services.can_still_edit(log, actor)) for log in recent],
            "just_logged": _just_logged(request) if request.method == "GET" else None,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@login_required
def log_view(request: Request, uuid: str | None = None) -> HttpResponse:
    """The fast logging form, for a phone in the field."""
    # A posted log is checked against the one activity it names; the page lists them all.
    posted = request.POST.get("activity", "") if request.method == "POST" else None
    activities = my_activities(request, only=posted)
    initial: dict[str, Any] = {"done_on": timezone.localdate(), "count": 1}
    if uuid is not None:
        activity = get_object_for(request.viewer, Activity, uuid=uuid)
        if not can_log(request.viewer, activity):
            raise PermissionDenied(_("Du kan inte logga den här aktiviteten."))
        initial["activity"] = activity.pk
    form = LogForm(request.POST or None, activities=activities, initial=initial)
    if request.method == "POST":
        if not form.is_valid():
            return _log_page(request, form, status=400)
        activity = form.cleaned_data["activity"]
        organization = logging_organization(request.viewer, activity)
        if organization is None:
            raise PermissionDenied(_("Du kan inte logga den här aktiviteten."))
        try:
            log = services.log_activity(
                activity,
                actor=person(request),
                organization=organization,
                done_on=form.cleaned_data["done_on"],
                count=form.cleaned_data["count"],
                hours=form.cleaned_data["hours"],
                note=form.cleaned_data["note"],
            )
        except DomainError as error:
            put_error_on(form, error)
            return _log_page(request, form, status=400)
        # The log page then confirms it: what was logged, where the activity now stands, and a
        # button to undo it at once.
        return redirect(f"{reverse('log')}?{LOGGED}={log.uuid}")
    return _log_page(request, form)


@require_http_methods(["GET", "POST"])
@login_required
def log_edit(request: Request, uuid: str) -> HttpResponse:
    log = get_object_for(request.viewer, ActivityLog.objects.select_related("activity"), uuid=uuid)
    actor = person(request)
    if not services.can_still_edit(log, actor):
        raise PermissionDenied(_("Loggen kan bara ändras av den som loggade, och bara inom 48 timmar."))
    form = LogEditForm(request.POST or None, instance=log)
    return form_page(
        request,
        form,
        lambda: services.update_log(log, actor=actor, expected_version=form.expected_version, **form.changes()),
        success=_("Loggen är ändrad."),
        then="log",
        template="followup/log_edit.html",
        context={"log": log},
    )


@require_POST
@login_required
def log_undo(request: Request, uuid: str) -> HttpResponse:
    log = get_object_for(request.viewer, ActivityLog.objects.select_related("activity"), uuid=uuid)
    return perform(
        request,
        lambda: services.undo_log(log, actor=person(request)),
        success=_("Loggen är ångrad: %(what)s %(day)s.") % {"what": log.activity.what, "day": format_date(log.done_on)},
        then="log",
    )


@require_GET
@login_required
def activity_progress(request: Request, uuid: str) -> HttpResponse:
    viewer = request.viewer
    activity = get_object_for(viewer, Activity.objects.select_related("lofte__plan__organization"), uuid=uuid)
    [progress] = progress_for([activity], timezone.localdate())
    logs = activity.logs.select_related("organization", "logged_by").order_by("-done_on", "-logged_at")[:50]
    return render(
        request,
        "followup/activity_progress.html",
        {"activity": activity, "progress": progress, "logs": logs, "can_log": can_log(viewer, activity)},
    )


# --- Dashboards ----------------------------------------------------------------------------


@require_GET
@login_required
def dashboard_kommun(request: Request, slug: str) -> HttpResponse:
    kommun = get_organization_for(request.viewer, slug, known=request.access.organizations)
    if kommun.kind != Organization.Kind.KOMMUN:
        return redirect("dashboard_overview")
    today = timezone.localdate()
    key = page_fragment("dashboard_kommun", request, kommun, org_ids=dashboards.collaborating_org_ids(kommun))
    context = deferred(lambda: dashboards.kommun_page(kommun, today), dashboards.KOMMUN_PAGE_NAMES)
    return render(
        request,
        "followup/dashboard_kommun.html",
        {"kommun": kommun, "today": today, "body_fragment": key, **context},
    )


@require_GET
@login_required
def dashboard_agreement(request: Request, uuid: str) -> HttpResponse:
    agreement = get_object_for(request.viewer, Agreement, uuid=uuid)
    today = timezone.localdate()
    rows = dashboards.agreement_rows(agreement, today)
    meetings = agreement_meetings(agreement, today)
    return render(
        request,
        "followup/dashboard_agreement.html",
        {"agreement": agreement, "rows": rows, "today": today, "meetings": meetings},
    )


@require_GET
@login_required
def dashboard_overview(request: Request) -> HttpResponse:
    """Every kommun the person may read, compared: for a länsstyrelse, its county."""
    viewer = request.viewer
    today = timezone.localdate()
    # The kommuner the person may compare: which they are rests on their access (in the key),
    # what they are called on each kommun's own data.
    kommuner: list[Organization] = remembered(
        "overview_kommuner",
        viewer.readable_org_ids | viewer.partner_org_ids,
        lambda: list(visible_organizations(viewer).filter(kind=Organization.Kind.KOMMUN).select_related("county")),
        scope_of(viewer),
    )
    _tallies, counted_at = dashboards.kommun_tallies([kommun.pk for kommun in kommuner], today)
    # The table is what the kommuner are called and the counts made at `counted_at`: rendered
    # once per count (at most once a minute) for everyone with the viewer's access.
    shown = repr([(kommun.pk, kommun.name, kommun.slug) for kommun in kommuner])
    key = fragment_key(
        "county_overview",
        hashlib.sha256(shown.encode()).hexdigest(),
        counted_at.isoformat(),
        today.isoformat(),
        scope=scope_of(viewer),
    )
    return render(
        request,
        "followup/overview.html",
        {
            "today": today,
            "counted_at": counted_at,
            "table_fragment": key,
            **deferred(lambda: {"rows": dashboards.county_overview(kommuner, today)[0]}, ["rows"]),
        },
    )


# --- Annual reports ------------------------------------------------------------------------


@require_GET
@login_required
def report_list(request: Request) -> HttpResponse:
    viewer = request.viewer
    reports = AnnualReport.objects.select_related("organization", "agreement").order_by("-year", "organization__name")
    # An agreement that ended last year still owes the report for its last year.
    in_force = Agreement.objects.filter(
        Q(status=Agreement.Status.GALLANDE)
        | Q(status=Agreement.Status.UPPHORT, period_end__year__gte=timezone.localdate().year - 1)
    ).prefetch_related("parties__organization")
    startable = [
        (agreement, kommun)
        for agreement in in_force
        for kommun in [p.organization for p in agreement.parties.all()]
        if kommun.kind == Organization.Kind.KOMMUN and viewer.has_role(kommun, EDITOR_ROLES)
    ]
    return render(request, "followup/report_list.html", {"reports": reports, "startable": startable})


@require_POST
@login_required
def report_create(request: Request, uuid: str) -> HttpResponse:
    viewer = request.viewer
    agreement = get_object_for(viewer, Agreement, uuid=uuid)
    kommun = get_organization_for(viewer, request.POST.get("kommun", ""), roles=EDITOR_ROLES)
    year = request.POST.get("year", "")
    if not year.isdigit():
        messages.error(request, _("Ange ett år."))
        return redirect("report_list")
    return perform(
        request,
        lambda: services.create_report(agreement, actor=person(request), organization=kommun, year=int(year)),
        success=_("Uppföljningen är skapad. Siffrorna hämtas från loggarna."),
        then=lambda report: report or "report_list",
    )


@require_GET
@login_required
def report_detail(request: Request, uuid: str) -> HttpResponse:
    viewer = request.viewer
    report = readable_object(viewer, AnnualReport.objects.select_related("organization", "agreement"), uuid)
    key = report_fragment(report, viewer)

    def body() -> dict[str, Any]:
        """The report's status panel and document: worked out only when the page is not cached."""
        approvals = approvals_of(report)
        approved = {approval.organization_id for approval in approvals}
        return {
            **document_context(report, approvals),
            "can_approve": [
                org
                for org in report.approving_parties()
                if org.pk not in approved and viewer.has_role(org, LEADER_ROLES)
            ],
            "archive": list(
                AnnualReport.objects.filter(agreement=report.agreement, organization=report.organization)
                .exclude(pk=report.pk)
                .order_by("-year")
            ),
        }

    return render(
        request,
        "followup/report_detail.html",
        {
            **deferred(body, (*DOCUMENT_NAMES, "can_approve", "archive"), given=["report"]),
            "report": report,
            "body_fragment": key,
            "can_edit": can_change(viewer, report, EDITOR_ROLES),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def report_edit(request: Request, uuid: str) -> HttpResponse:
    report = get_object_for(request.viewer, AnnualReport, uuid=uuid, write=EDITOR_ROLES)
    form = ReportForm(request.POST or None, instance=report)
    return edit_page(
        request,
        form,
        services.update_report,
        report,
        success=_("Texten är sparad."),
        then=report,
        template="followup/report_form.html",
        context={"report": report},
    )


@require_POST
@login_required
def report_action(request: Request, uuid: str) -> HttpResponse:
    report = get_object_for(request.viewer, AnnualReport, uuid=uuid, write=EDITOR_ROLES)
    actions = {
        "skicka": (services.submit_report, _("Uppföljningen är skickad till ledningen för godkännande.")),
        "tillbaka": (services.return_report, _("Uppföljningen är tillbaka som utkast.")),
    }
    action = actions.get(request.POST.get("action", ""))
    if action is None:
        messages.error(request, _("Okänd åtgärd."))
        return redirect(report)
    service, success = action
    return perform(request, lambda: service(report, actor=person(request)), success=success, then=report)


@require_http_methods(["GET", "POST"])
@login_required
def report_approve(request: Request, uuid: str) -> HttpResponse:
    viewer = request.viewer
    report = get_object_for(viewer, AnnualReport.objects.select_related("organization", "agreement"), uuid=uuid)
    sides = [org for org in report.approving_parties() if viewer.has_role(org, LEADER_ROLES)]
    if not sides:
        raise PermissionDenied(_("Bara ledningen i kommunen eller hos polisen godkänner uppföljningen."))
    form = ReauthenticateForm(request.POST or None, user=person(request), session=request.session)
    return form_page(
        request,
        form,
        lambda: [services.approve_report(report, actor=person(request), organization=org) for org in sides],
        success=_("Du har godkänt uppföljningen."),
        then=report,
        template="followup/report_approve.html",
        context={"report": report, "sides": sides},
    )


@require_GET
@login_required
def report_pdf(request: Request, uuid: str) -> HttpResponse:
    report = get_object_for(request.viewer, AnnualReport, uuid=uuid)
    data = report.sealed_pdf_bytes()
    if data is None:
        data = render_report_pdf(report)
    return file_response(data, f"arsuppfoljning-{report.organization.slug}-{report.year}.pdf", "application/pdf")


# --- Export --------------------------------------------------------------------------------


@require_GET
@login_required
def export(request: Request) -> HttpResponse:
    """Logs and progress as CSV or XLSX, filtered by period and kommun."""
    viewer = request.viewer
    kommuner = visible_organizations(viewer).filter(kind=Organization.Kind.KOMMUN)
    form = ExportForm(request.GET or None, kommuner=kommuner)
    if not request.GET or not form.is_valid():
        return render(request, "followup/export.html", {"form": form}, status=400 if request.GET else 200)
    return build_export(
        form.cleaned_data["start"], form.cleaned_data["end"], form.cleaned_data["kommun"], form.cleaned_data["format"]
    )
