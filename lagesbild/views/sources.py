"""The sources (underlag) of a lägesbild and their attachments."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samverkan.forms import create_page, edit_page, perform
from samverkan.http import Request, person
from samverkan.tenancy import get_object_for

from .. import services
from ..forms import SourceForm
from ..models import Lagesbild, Source
from . import EDITORS


@require_http_methods(["GET", "POST"])
@login_required
def source_create(request: Request, uuid: str) -> HttpResponse:
    lagesbild = get_object_for(request.viewer, Lagesbild, uuid=uuid, write=EDITORS)
    form = SourceForm(request.POST or None, request.FILES or None, initial={"date": timezone.localdate()})
    return create_page(
        request,
        form,
        services.add_source,
        lagesbild,
        success=_("Underlaget är sparat."),
        then=lagesbild,
        template="lagesbild/source_form.html",
        context={"lagesbild": lagesbild},
    )


@require_http_methods(["GET", "POST"])
@login_required
def source_edit(request: Request, uuid: str) -> HttpResponse:
    source = get_object_for(request.viewer, Source.objects.select_related("lagesbild"), uuid=uuid, write=EDITORS)
    form = SourceForm(request.POST or None, request.FILES or None, instance=source)
    return edit_page(
        request,
        form,
        services.update_source,
        source,
        success=_("Underlaget är sparat."),
        then=source.lagesbild,
        template="lagesbild/source_form.html",
        context={"lagesbild": source.lagesbild, "source": source},
    )


@require_POST
@login_required
def source_delete(request: Request, uuid: str) -> HttpResponse:
    source = get_object_for(request.viewer, Source.objects.select_related("lagesbild"), uuid=uuid, write=EDITORS)
    return perform(
        request,
        lambda: services.delete_source(source, actor=person(request)),
        success=_("Underlaget är borttaget."),
        confirm=_("Ta bort underlaget ”%(title)s”?") % {"title": source.title},
        then=source.lagesbild,
    )


@require_GET
@login_required
def source_attachment(request: Request, uuid: str) -> FileResponse:
    source = get_object_for(request.viewer, Source, uuid=uuid)
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
