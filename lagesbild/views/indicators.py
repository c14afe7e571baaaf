"""Indicators, their chart and their measurements (added one by one or imported from CSV)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samverkan.forms import create_page, edit_page, perform
from samverkan.http import Request, person
from samverkan.tenancy import can_change, can_edit_for, get_object_for, get_organization_for

from .. import charts, services
from ..forms import CsvImportForm, IndicatorForm, MeasurementForm
from ..imports import CsvImportError
from ..models import Indicator, Measurement
from . import EDITORS


@require_GET
@login_required
def indicator_list(request: Request, slug: str) -> HttpResponse:
    viewer = request.viewer
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
    organization = get_organization_for(request.viewer, slug, roles=EDITORS)
    form = IndicatorForm(request.POST or None, organization=organization)
    return create_page(
        request,
        form,
        services.create_indicator,
        organization,
        success=_("Indikatorn är skapad. Lägg till mätvärden nedan."),
        then=lambda indicator: indicator,
        template="lagesbild/indicator_form.html",
        context={"organization": organization},
    )


@require_http_methods(["GET", "POST"])
@login_required
def indicator_edit(request: Request, uuid: str) -> HttpResponse:
    indicator = get_object_for(
        request.viewer, Indicator.objects.select_related("organization"), uuid=uuid, write=EDITORS
    )
    form = IndicatorForm(request.POST or None, instance=indicator, organization=indicator.organization)
    return edit_page(
        request,
        form,
        services.update_indicator,
        indicator,
        success=_("Indikatorn är sparad."),
        then=indicator,
        template="lagesbild/indicator_form.html",
        context={"organization": indicator.organization, "indicator": indicator},
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
    viewer = request.viewer
    return render(
        request,
        "lagesbild/indicator_detail.html",
        {
            "indicator": indicator,
            "measurements": indicator.measurements.all(),
            "chart": charts.indicator_chart(indicator),
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
    indicator = get_object_for(request.viewer, Indicator.objects.select_related("organization"), uuid=uuid)
    return _indicator_page(request, indicator)


@require_GET
@login_required
def indicator_chart(request: Request, uuid: str) -> HttpResponse:
    indicator = get_object_for(request.viewer, Indicator, uuid=uuid)
    return HttpResponse(charts.indicator_chart(indicator), content_type="image/svg+xml; charset=utf-8")


@require_POST
@login_required
def measurement_add(request: Request, uuid: str) -> HttpResponse:
    indicator = get_object_for(
        request.viewer, Indicator.objects.select_related("organization"), uuid=uuid, write=EDITORS
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
        request.viewer, Indicator.objects.select_related("organization"), uuid=uuid, write=EDITORS
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
        request.viewer, Measurement.objects.select_related("indicator"), uuid=uuid, write=EDITORS
    )
    return perform(
        request,
        lambda: services.delete_measurement(measurement, actor=person(request)),
        success=_("Mätvärdet är borttaget."),
        confirm=_("Ta bort mätvärdet %(value)s för %(period)s?")
        % {"value": measurement.value, "period": measurement.period_label},
        then=measurement.indicator,
    )
