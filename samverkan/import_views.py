"""The part of the document import every kind shares: the page that shows how far the reading
of a large file has come (polled by htmx), and the upload page that starts an import."""

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from .forms import form_page, submit
from .http import Request, person
from .import_forms import ImportReviewForm, ImportUploadForm
from .importing import save_assignments
from .importjobs import ImportJob
from .tenancy import EDITOR_ROLES, get_object_for

Status = ImportJob.Status
#: The review page of each kind (the apps' URL names; samverkan imports no app).
REVIEW_URLS = {ImportJob.Kind.AGREEMENT: "agreement_import_review", ImportJob.Kind.LOFTE: "lofte_import_review"}


def job_url(job: ImportJob) -> str:
    """Where a job is shown: its review once it is read, its result once imported, else its status."""
    if job.status == Status.DONE and job.result_url:
        return job.result_url
    if job.status == Status.READ:
        return reverse(REVIEW_URLS[ImportJob.Kind(job.kind)], kwargs={"uuid": job.uuid})
    return reverse("import_status", kwargs={"uuid": job.uuid})


def upload_page(
    request: Request, start: Callable[[ImportUploadForm], ImportJob], *, heading: str, back: str
) -> HttpResponse:
    """The upload form; a valid file starts the import (`start`, one service call) and leads to
    the review, or to the progress of a large file."""
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    return form_page(
        request,
        form,
        lambda: start(form),
        success=None,
        then=job_url,
        template="samverkan/import_upload.html",
        context={"heading": heading, "back": back},
    )


@require_GET
@login_required
def import_status(request: Request, uuid: str) -> HttpResponse:
    """How far the reading has come; htmx polls the status part until the review is ready."""
    job = get_object_for(request.viewer, ImportJob, uuid=uuid, write=EDITOR_ROLES)
    if job.status in (Status.READ, Status.DONE):
        if request.htmx:
            response = HttpResponse(status=204)
            response["HX-Redirect"] = job_url(job)
            return response
        return redirect(job_url(job))
    template = "samverkan/import_status.html" + ("#status" if request.htmx else "")
    return render(request, template, {"job": job, "polling": job.status in (Status.WAITING, Status.READING)})


def review_submit(
    request: Request,
    form: ImportReviewForm,
    job: ImportJob,
    *,
    create: Callable[[], Any],
    success: str,
    review: str,
) -> HttpResponse | None:
    """The review screen's two buttons: "Skapa utkast" creates the draft with the app's service
    (`create`) and goes to it; the other keeps where the person moved each paragraph and shows the
    screen (`review`) again. None when the screen is to be shown with its errors."""
    if request.POST.get("action") == "skapa":
        return submit(request, form, create, success=success, then=lambda created: created)
    return submit(
        request,
        form,
        lambda: save_assignments(job, actor=person(request), assignments=form.assignments()),
        success=None,
        then=review,
    )
