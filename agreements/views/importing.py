"""Importing an agreement from a document: upload, review, and the draft."""

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from samverkan.http import Request, person
from samverkan.import_forms import ImportReviewForm
from samverkan.import_views import job_url, review_submit, upload_page
from samverkan.importing import start_import
from samverkan.importjobs import ImportJob
from samverkan.models import Organization
from samverkan.tenancy import get_object_for, get_organization_for

from .. import importing
from . import EDITORS

PARTY_KINDS = (Organization.Kind.KOMMUN, *Organization.POLICE_KINDS)


class AgreementImportForm(ImportReviewForm):
    title = forms.CharField(label=gettext_lazy("Rubrik"), max_length=300)
    parties = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Parter som bjuds in"),
        queryset=Organization.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy(
            "Organisationerna som dokumentet nämner och som finns i Samverkan. De bjuds in som parter."
        ),
    )

    def __init__(self, *args: Any, candidates: list[Organization], **kwargs: Any) -> None:
        super().__init__(*args, choices=importing.SECTION_CHOICES, **kwargs)
        field = self.fields["parties"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = Organization.objects.filter(pk__in=[o.pk for o in candidates])


@require_http_methods(["GET", "POST"])
@login_required
def agreement_import(request: Request, slug: str) -> HttpResponse:
    organization = get_organization_for(request.viewer, slug, roles=EDITORS)
    return upload_page(
        request,
        lambda form: start_import(
            organization, actor=person(request), upload=form.cleaned_data["file"], kind=ImportJob.Kind.AGREEMENT
        ),
        heading=_("Importera en överenskommelse för %(org)s") % {"org": organization.name},
        back=reverse("agreement_list"),
    )


@require_http_methods(["GET", "POST"])
@login_required
def agreement_import_review(request: Request, uuid: str) -> HttpResponse:
    """Each paragraph beside the section it landed in, to move or discard; the draft is created
    only when the person confirms."""
    job = get_object_for(request.viewer, ImportJob, uuid=uuid, kind=ImportJob.Kind.AGREEMENT, write=EDITORS)
    if job.status != ImportJob.Status.READ:
        return redirect(job_url(job))
    pieces = importing.pieces_of(job)
    organizations = list(Organization.objects.filter(is_active=True, kind__in=PARTY_KINDS))
    found = importing.recognise(pieces, organizations)
    others = [o for o in found.parties if o.pk != job.organization_id]
    form = AgreementImportForm(
        request.POST or None,
        pieces=pieces,
        candidates=others,
        initial={
            "title": found.title,
            "period_start": found.period_start,
            "period_end": found.period_end,
            "parties": [o.pk for o in others],
        },
    )
    response = review_submit(
        request,
        form,
        job,
        create=lambda: importing.create_agreement_from_import(
            job,
            actor=person(request),
            title=form.cleaned_data["title"],
            period_start=form.cleaned_data["period_start"],
            period_end=form.cleaned_data["period_end"],
            parties=list(form.cleaned_data["parties"]),
            assignments=form.assignments(),
        ),
        success=_("Utkastet är skapat från dokumentet. Granska texten och parterna."),
        review=reverse("agreement_import_review", kwargs={"uuid": job.uuid}),
    )
    if response is not None:
        return response
    return render(
        request,
        "agreements/agreement_import_review.html",
        {
            "job": job,
            "form": form,
            "found": found,
            "own_is_party": job.organization in found.parties,
            "labels": dict(importing.SECTION_LABELS),
            "section_texts": [(importing.SECTION_LABELS[name], text) for name, text in found.texts.items() if text],
        },
    )
