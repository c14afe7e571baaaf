from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samverkan.charts import Point, line_chart
from samverkan.errors import DomainError
from samverkan.forms import perform, submit
from samverkan.history import history_of
from samverkan.http import Request, person, viewer_of
from samverkan.tenancy import (
    EDITOR_ROLES,
    can_change,
    can_edit_for,
    get_object_for,
    get_organization_for,
    visible_organizations,
)

from . import services
from .forms import (
    AdoptForm,
    CopyForm,
    CsvImportForm,
    IndicatorForm,
    LagesbildForm,
    MeasurementForm,
    ProblemForm,
    SourceForm,
)
from .imports import CsvImportError
from .models import Indicator, Lagesbild, Measurement, Problem, Source

#: The owning organisation's samordnare (and a police area's kontaktperson) edit its lägesbild.
EDITORS = EDITOR_ROLES


# --- Lägesbilder -------------------------------------------------------------------------


@require_GET
@login_required
def lagesbild_list(request: Request) -> HttpResponse:
    viewer = viewer_of(request)
    lagesbilder = Lagesbild.objects.select_related("organization").order_by("organization__name", "-period_start")
    creatable = [org for org in visible_organizations(viewer) if can_edit_for(viewer, org, EDITORS)]
    return render(request, "lagesbild/lagesbild_list.html", {"lagesbilder": lagesbilder, "creatable": creatable})


@require_http_methods(["GET", "POST"])
@login_required
def lagesbild_create(request: Request, slug: str) -> HttpResponse:
    organization = get_organization_for(viewer_of(request), slug, roles=EDITORS)
    today = timezone.localdate()
    form = LagesbildForm(
        request.POST or None,
        initial={
            "title": _("Lägesbild %(org)s %(year)s") % {"org": organization.name, "year": today.year},
            "period_start": date(today.year, 1, 1),
            "period_end": date(today.year, 12, 31),
        },
    )
    done = submit(
        request,
        form,
        lambda: services.create_lagesbild(organization, actor=person(request), **form.changes()),
        success=_("Lägesbilden är skapad som utkast."),
        then=lambda lagesbild: lagesbild,
    )
    if done:
        return done
    return render(request, "lagesbild/lagesbild_form.html", {"form": form, "organization": organization})


@require_GET
@login_required
def lagesbild_detail(request: Request, uuid: str) -> HttpResponse:
    viewer = viewer_of(request)
    lagesbild = get_object_for(viewer, Lagesbild.objects.select_related("organization", "based_on"), uuid=uuid)
    problems = lagesbild.problems.select_related("theme").prefetch_related("causes", "sources", "indicators")
    indicators = Indicator.objects.filter(organization=lagesbild.organization).prefetch_related("measurements")
    return render(
        request,
        "lagesbild/lagesbild_detail.html",
        {
            "lagesbild": lagesbild,
            "problems": problems,
            "sources": lagesbild.sources.all(),
            "indicators": indicators,
            "can_edit": can_change(viewer, lagesbild, EDITORS),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def lagesbild_edit(request: Request, uuid: str) -> HttpResponse:
    lagesbild = get_object_for(viewer_of(request), Lagesbild, uuid=uuid, write=EDITORS)
    if lagesbild.is_adopted:
        messages.error(request, _("Lägesbilden är fastställd och kan inte ändras. Skapa en ny version i stället."))
        return redirect("lagesbild_detail", uuid=lagesbild.uuid)
    form = LagesbildForm(request.POST or None, instance=lagesbild)
    done = submit(
        request,
        form,
        lambda: services.update_lagesbild(
            lagesbild, actor=person(request), expected_version=form.expected_version, **form.changes()
        ),
        success=_("Ändringarna är sparade."),
        then=lagesbild,
    )
    if done:
        return done
    return render(
        request,
        "lagesbild/lagesbild_form.html",
        {"form": form, "organization": lagesbild.organization, "lagesbild": lagesbild},
    )


@require_http_methods(["GET", "POST"])
@login_required
def lagesbild_adopt(request: Request, uuid: str) -> HttpResponse:
    lagesbild = get_object_for(viewer_of(request), Lagesbild, uuid=uuid, write=EDITORS)
    form = AdoptForm(request.POST or None, initial={"adopted_on": timezone.localdate()})
    done = submit(
        request,
        form,
        lambda: services.adopt_lagesbild(lagesbild, actor=person(request), **form.cleaned_data),
        success=_("Lägesbilden är fastställd."),
        then=lagesbild,
    )
    if done:
        return done
    return render(request, "lagesbild/lagesbild_adopt.html", {"form": form, "lagesbild": lagesbild})


@require_http_methods(["GET", "POST"])
@login_required
def lagesbild_copy(request: Request, uuid: str) -> HttpResponse:
    lagesbild = get_object_for(viewer_of(request), Lagesbild, uuid=uuid, write=EDITORS)
    next_year = lagesbild.period_end.year + 1
    form = CopyForm(
        request.POST or None,
        initial={
            "title": _("Lägesbild %(org)s %(year)s") % {"org": lagesbild.organization.name, "year": next_year},
            "period_start": date(next_year, 1, 1),
            "period_end": date(next_year, 12, 31),
        },
    )
    done = submit(
        request,
        form,
        lambda: services.copy_lagesbild(lagesbild, actor=person(request), **form.cleaned_data),
        success=_("En ny lägesbild är skapad som utkast utifrån den förra."),
        then=lambda new: new,
    )
    if done:
        return done
    return render(request, "lagesbild/lagesbild_copy.html", {"form": form, "lagesbild": lagesbild})


@require_GET
@login_required
def lagesbild_history(request: Request, uuid: str) -> HttpResponse:
    lagesbild = get_object_for(viewer_of(request), Lagesbild, uuid=uuid)
    return render(
        request,
        "lagesbild/lagesbild_history.html",
        {"lagesbild": lagesbild, "entries": history_of(lagesbild)},
    )


# --- Sources -----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def source_create(request: Request, uuid: str) -> HttpResponse:
    lagesbild = get_object_for(viewer_of(request), Lagesbild, uuid=uuid, write=EDITORS)
    form = SourceForm(request.POST or None, request.FILES or None, initial={"date": timezone.localdate()})
    done = submit(
        request,
        form,
        lambda: services.add_source(lagesbild, actor=person(request), **form.changes()),
        success=_("Underlaget är sparat."),
        then=lagesbild,
    )
    if done:
        return done
    return render(request, "lagesbild/source_form.html", {"form": form, "lagesbild": lagesbild})


@require_http_methods(["GET", "POST"])
@login_required
def source_edit(request: Request, uuid: str) -> HttpResponse:
    source = get_object_for(viewer_of(request), Source.objects.select_related("lagesbild"), uuid=uuid, write=EDITORS)
    form = SourceForm(request.POST or None, request.FILES or None, instance=source)
    done = submit(
        request,
        form,
        lambda: services.update_source(
            source, actor=person(request), expected_version=form.expected_version, **form.changes()
        ),
        success=_("Underlaget är sparat."),
        then=source.lagesbild,
    )
    if done:
        return done
    return render(
        request, "lagesbild/source_form.html", {"form": form, "lagesbild": source.lagesbild, "source": source}
    )


@require_POST
@login_required
def source_delete(request: Request, uuid: str) -> HttpResponse:
    source = get_object_for(viewer_of(request), Source.objects.select_related("lagesbild"), uuid=uuid, write=EDITORS)
    return perform(
        request,
        lambda: services.delete_source(source, actor=person(request)),
        success=_("Underlaget är borttaget."),
        then=source.lagesbild,
    )


@require_GET
@login_required
def source_attachment(request: Request, uuid: str) -> FileResponse:
    source = get_object_for(viewer_of(request), Source, uuid=uuid)
    if not source.attachment:
        raise Http404
    response = FileResponse(
        source.attachment.open("rb"),
        as_attachment=True,
        filename=source.attachment_name or source.attachment.name.rsplit("/", 1)[-1],
        content_type=source.attachment_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- Problems ----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def problem_create(request: Request, uuid: str) -> HttpResponse:
    lagesbild = get_object_for(viewer_of(request), Lagesbild, uuid=uuid, write=EDITORS)
    form = ProblemForm(request.POST or None, lagesbild=lagesbild)
    done = submit(
        request,
        form,
        lambda: services.add_problem(lagesbild, actor=person(request), **form.changes()),
        success=_("Problemet är tillagt sist i prioriteringen."),
        then=lagesbild,
    )
    if done:
        return done
    return render(request, "lagesbild/problem_form.html", {"form": form, "lagesbild": lagesbild})


@require_http_methods(["GET", "POST"])
@login_required
def problem_edit(request: Request, uuid: str) -> HttpResponse:
    problem = get_object_for(viewer_of(request), Problem.objects.select_related("lagesbild"), uuid=uuid, write=EDITORS)
    form = ProblemForm(request.POST or None, instance=problem, lagesbild=problem.lagesbild)
    done = submit(
        request,
        form,
        lambda: services.update_problem(
            problem, actor=person(request), expected_version=form.expected_version, **form.changes()
        ),
        success=_("Problemet är sparat."),
        then=problem.lagesbild,
    )
    if done:
        return done
    return render(
        request,
        "lagesbild/problem_form.html",
        {"form": form, "lagesbild": problem.lagesbild, "problem": problem},
    )


@require_POST
@login_required
def problem_delete(request: Request, uuid: str) -> HttpResponse:
    problem = get_object_for(viewer_of(request), Problem.objects.select_related("lagesbild"), uuid=uuid, write=EDITORS)
    return perform(
        request,
        lambda: services.delete_problem(problem, actor=person(request)),
        success=_("Problemet är borttaget."),
        then=problem.lagesbild,
    )


@require_POST
@login_required
def problem_move(request: Request, uuid: str) -> HttpResponse:
    """Move a problem up or down; htmx gets the updated list, other browsers a redirect."""
    viewer = viewer_of(request)
    problem = get_object_for(viewer, Problem.objects.select_related("lagesbild"), uuid=uuid, write=EDITORS)
    direction = request.POST.get("direction")
    error = ""
    if direction not in ("up", "down"):
        error = _("Okänd riktning.")
    else:
        try:
            services.move_problem(problem, actor=person(request), direction=direction)  # type: ignore[arg-type]
        except DomainError as exc:
            error = exc.message
    lagesbild = problem.lagesbild
    if request.htmx:
        problems = lagesbild.problems.select_related("theme").prefetch_related("causes", "sources", "indicators")
        moved = next((p for p in problems if p.pk == problem.pk), None)
        return render(
            request,
            "lagesbild/lagesbild_detail.html#problem-list",
            {
                "lagesbild": lagesbild,
                "problems": problems,
                "can_edit": True,
                "move_error": error,
                "moved": moved,
                "moved_direction": direction,
            },
        )
    if error:
        messages.error(request, error)
    return redirect(f"{lagesbild.get_absolute_url()}#problem-{problem.uuid}")


# --- Indicators --------------------------------------------------------------------------


@require_GET
@login_required
def indicator_list(request: Request, slug: str) -> HttpResponse:
    viewer = viewer_of(request)
    organization = get_organization_for(viewer, slug)
    indicators = Indicator.objects.filter(organization=organization).prefetch_related("measurements")
    return render(
        request,
        "lagesbild/indicator_list.html",
        {
            "organization": organization,
            "indicators": indicators,
            "can_edit": can_edit_for(viewer, organization, EDITORS),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def indicator_create(request: Request, slug: str) -> HttpResponse:
    organization = get_organization_for(viewer_of(request), slug, roles=EDITORS)
    form = IndicatorForm(request.POST or None, organization=organization)
    done = submit(
        request,
        form,
        lambda: services.create_indicator(organization, actor=person(request), **form.changes()),
        success=_("Indikatorn är skapad. Lägg till mätvärden nedan."),
        then=lambda indicator: indicator,
    )
    if done:
        return done
    return render(request, "lagesbild/indicator_form.html", {"form": form, "organization": organization})


@require_http_methods(["GET", "POST"])
@login_required
def indicator_edit(request: Request, uuid: str) -> HttpResponse:
    indicator = get_object_for(
        viewer_of(request), Indicator.objects.select_related("organization"), uuid=uuid, write=EDITORS
    )
    form = IndicatorForm(request.POST or None, instance=indicator, organization=indicator.organization)
    done = submit(
        request,
        form,
        lambda: services.update_indicator(
            indicator, actor=person(request), expected_version=form.expected_version, **form.changes()
        ),
        success=_("Indikatorn är sparad."),
        then=indicator,
    )
    if done:
        return done
    return render(
        request,
        "lagesbild/indicator_form.html",
        {"form": form, "organization": indicator.organization, "indicator": indicator},
    )


def indicator_svg(indicator: Indicator, chart_id: str = "chart") -> str:
    """The indicator's chart, for pages and PDFs alike."""
    return line_chart(
        [Point(m.period_label, m.value) for m in indicator.measurements.all()],
        title=indicator.name,
        unit=indicator.unit,
        baseline=indicator.baseline_value,
        baseline_label=_("Baslinje %(year)s") % {"year": indicator.baseline_year},
        chart_id=chart_id,
    )


def _indicator_page(
    request: Request,
    indicator: Indicator,
    *,
    measurement_form: MeasurementForm | None = None,
    import_form: CsvImportForm | None = None,
    import_errors: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    viewer = viewer_of(request)
    return render(
        request,
        "lagesbild/indicator_detail.html",
        {
            "indicator": indicator,
            "measurements": indicator.measurements.all(),
            "chart": indicator_svg(indicator),
            "can_edit": can_change(viewer, indicator, EDITORS),
            "measurement_form": measurement_form or MeasurementForm(indicator=indicator),
            "import_form": import_form or CsvImportForm(),
            "import_errors": import_errors or [],
        },
        status=status,
    )


@require_GET
@login_required
def indicator_detail(request: Request, uuid: str) -> HttpResponse:
    indicator = get_object_for(viewer_of(request), Indicator.objects.select_related("organization"), uuid=uuid)
    return _indicator_page(request, indicator)


@require_GET
@login_required
def indicator_chart(request: Request, uuid: str) -> HttpResponse:
    indicator = get_object_for(viewer_of(request), Indicator, uuid=uuid)
    return HttpResponse(indicator_svg(indicator), content_type="image/svg+xml; charset=utf-8")


@require_POST
@login_required
def measurement_add(request: Request, uuid: str) -> HttpResponse:
    indicator = get_object_for(
        viewer_of(request), Indicator.objects.select_related("organization"), uuid=uuid, write=EDITORS
    )
    form = MeasurementForm(request.POST, indicator=indicator)
    if not form.is_valid():
        return _indicator_page(request, indicator, measurement_form=form, status=400)
    period_start, granularity = form.cleaned_data["period"]
    services.record_measurement(
        indicator,
        actor=person(request),
        period_start=period_start,
        granularity=granularity,
        value=form.cleaned_data["value"],
        note=form.cleaned_data["note"],
    )
    messages.success(request, _("Mätvärdet är sparat."))
    return redirect("indicator_detail", uuid=indicator.uuid)


@require_POST
@login_required
def measurement_import(request: Request, uuid: str) -> HttpResponse:
    indicator = get_object_for(
        viewer_of(request), Indicator.objects.select_related("organization"), uuid=uuid, write=EDITORS
    )
    form = CsvImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _indicator_page(request, indicator, import_form=form, status=400)
    try:
        result = services.import_measurements(
            indicator,
            actor=person(request),
            data=form.cleaned_data["file"].read(),
        )
    except CsvImportError as error:
        return _indicator_page(request, indicator, import_form=form, import_errors=error.lines, status=400)
    messages.success(
        request,
        _("Importen är klar: %(created)s nya och %(updated)s uppdaterade mätvärden.")
        % {"created": result.created, "updated": result.updated},
    )
    return redirect("indicator_detail", uuid=indicator.uuid)


@require_POST
@login_required
def measurement_delete(request: Request, uuid: str) -> HttpResponse:
    measurement = get_object_for(
        viewer_of(request), Measurement.objects.select_related("indicator"), uuid=uuid, write=EDITORS
    )
    services.delete_measurement(measurement, actor=person(request))
    messages.success(request, _("Mätvärdet är borttaget."))
    return redirect("indicator_detail", uuid=measurement.indicator.uuid)


# --- Side by side ------------------------------------------------------------------------


@require_GET
@login_required
def compare(request: Request) -> HttpResponse:
    """Pictures side by side, for organisations the person may read (e.g. a länsstyrelse's kommuner)."""
    viewer = viewer_of(request)
    available = list(visible_organizations(viewer).order_by("name"))
    chosen_slugs = set(request.GET.getlist("org"))
    chosen = [org for org in available if org.slug in chosen_slugs]
    try:
        on = date.fromisoformat(request.GET.get("datum", "")) if request.GET.get("datum") else timezone.localdate()
    except ValueError:
        on = timezone.localdate()
        messages.error(request, _("Datumet kunde inte läsas; dagens datum används."))
    result = services.side_by_side(chosen, on) if chosen else None
    return render(
        request,
        "lagesbild/compare.html",
        {"available": available, "chosen_slugs": chosen_slugs, "on": on, "result": result},
    )
