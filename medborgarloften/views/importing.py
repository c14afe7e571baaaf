"""Importing a medborgarlöfte from a document into a del 2 plan: upload, review, and the draft."""

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from samverkan.forms import model_choice
from samverkan.http import Request, person
from samverkan.import_forms import ImportReviewForm
from samverkan.import_views import job_url, review_submit, upload_page
from samverkan.importing import start_import
from samverkan.importjobs import ImportJob
from samverkan.models import Organization
from samverkan.recognising import match_organisations
from samverkan.tenancy import get_object_for

from .. import importing
from ..models import LocalPlan
from . import EDITORS


class LofteImportForm(ImportReviewForm):
    police_area = forms.ModelChoiceField(label=gettext_lazy("Lokalpolisområde"), queryset=Organization.objects.none())

    def __init__(self, *args: Any, plan: LocalPlan, **kwargs: Any) -> None:
        super().__init__(*args, choices=importing.SECTION_CHOICES, **kwargs)
        model_choice(self, "police_area").queryset = Organization.objects.filter(
            kind=Organization.Kind.LOKALPOLISOMRADE, agreement_parties__agreement=plan.agreement
        )


@require_http_methods(["GET", "POST"])
@login_required
def lofte_import(request: Request, uuid: str) -> HttpResponse:
    plan = get_object_for(request.viewer, LocalPlan, uuid=uuid, write=EDITORS)
    return upload_page(
        request,
        lambda form: start_import(
            plan.organization,
            actor=person(request),
            upload=form.cleaned_data["file"],
            kind=ImportJob.Kind.LOFTE,
            target=plan.uuid,
        ),
        heading=_("Importera ett medborgarlöfte till %(plan)s") % {"plan": plan.title},
        back=plan.get_absolute_url(),
    )


@require_http_methods(["GET", "POST"])
@login_required
def lofte_import_review(request: Request, uuid: str) -> HttpResponse:
    """Each paragraph and activity beside the section it landed in, with the target read from its
    wording; the draft is created under the plan only when the person confirms."""
    viewer = request.viewer
    job = get_object_for(viewer, ImportJob, uuid=uuid, kind=ImportJob.Kind.LOFTE, write=EDITORS)
    if job.target is None:
        raise Http404
    plan = get_object_for(viewer, LocalPlan.objects.select_related("agreement"), uuid=job.target, write=EDITORS)
    if job.status != ImportJob.Status.READ:
        return redirect(job_url(job))
    pieces = importing.pieces_of(job)
    found = importing.recognise(pieces, plan)
    form = LofteImportForm(request.POST or None, pieces=pieces, plan=plan)
    police = list(
        Organization.objects.filter(
            kind=Organization.Kind.LOKALPOLISOMRADE, agreement_parties__agreement=plan.agreement
        )
    )
    named = match_organisations("\n".join(p.text for p in pieces), police).matched
    form.initial = {
        "title": found.title,
        "period_start": found.period_start,
        "period_end": found.period_end,
        "police_area": next(iter(named or police), None),
    }
    response = review_submit(
        request,
        form,
        job,
        create=lambda: importing.create_lofte_from_import(
            job,
            actor=person(request),
            plan=plan,
            title=form.cleaned_data["title"],
            period_start=form.cleaned_data["period_start"],
            period_end=form.cleaned_data["period_end"],
            police_area=form.cleaned_data["police_area"],
            assignments=form.assignments(),
        ),
        success=_("Utkastet till medborgarlöfte är skapat från dokumentet. Granska aktiviteterna och målen."),
        review=reverse("lofte_import_review", kwargs={"uuid": job.uuid}),
    )
    if response is not None:
        return response
    return render(
        request,
        "medborgarloften/lofte_import_review.html",
        {
            "job": job,
            "plan": plan,
            "form": form,
            "found": found,
            "activities": [(a, importing.describe_activity(a)) for a in found.activities],
            "areas": [a.title for a in plan.agreement.focus_areas.all()],
        },
    )
