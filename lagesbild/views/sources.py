"""The sources (underlag) of a lägesbild and their attachments."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samverkan.forms import perform, submit
from samverkan.http import Request, person, viewer_of
from samverkan.tenancy import get_object_for

from .. import services
from ..forms import SourceForm
from ..models import Lagesbild, Source
from . import EDITORS


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
