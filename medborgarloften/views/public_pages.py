"""The public page of a kommun's published medborgarlöften, its embeddable version and its feeds."""

import json

from csp.decorators import csp_update
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_GET

from samverkan.fragments import PUBLIC, FragmentKey, deferred, fragment_key, generations, identity
from samverkan.http import Request
from samverkan.models import Organization
from samverkan.tenancy import public_objects

from .. import public
from ..models import Medborgarlofte


def _public_kommun(slug: str) -> Organization:
    kommun = Organization.objects.filter(slug=slug, kind=Organization.Kind.KOMMUN, is_active=True).first()
    if kommun is None or not public_objects(Medborgarlofte).filter(plan__organization=kommun).exists():
        raise Http404
    return kommun


def _page(kommun: Organization, name: str) -> dict[str, object]:
    """The page's context: its body cached for everyone alike (the public scope), keyed by the
    kommun's data and that of the police areas its promises name, and by the day (progress and
    the coming occasions move with it); computed only when the body is not stored."""
    areas = public_objects(Medborgarlofte).filter(plan__organization=kommun).values_list("police_area_id", flat=True)
    key: FragmentKey = fragment_key(
        name,
        identity(kommun),
        generations([kommun.pk, *(area for area in areas if area is not None)]),
        timezone.localdate().isoformat(),
        scope=PUBLIC,
    )
    return {"kommun": kommun, "body_fragment": key, **deferred(lambda: public.page_context(kommun), public.PAGE_NAMES)}


@require_GET
def public_page(request: Request, slug: str) -> HttpResponse:
    kommun = _public_kommun(slug)
    return render(request, "medborgarloften/public.html", _page(kommun, "public_loften"))


@require_GET
@xframe_options_exempt
@csp_update({"frame-ancestors": ["*"]})  # type: ignore[arg-type]
def public_embed(request: Request, slug: str) -> HttpResponse:
    """A bare view for the kommun's and the police's own websites to show in an iframe."""
    kommun = _public_kommun(slug)
    return render(request, "medborgarloften/public_embed.html", _page(kommun, "public_loften_embed"))


@require_GET
def public_json(request: Request, slug: str) -> HttpResponse:
    kommun = _public_kommun(slug)
    data = public.feed(kommun, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def public_ics(request: Request, slug: str) -> HttpResponse:
    kommun = _public_kommun(slug)
    response = HttpResponse(
        public.calendar(kommun, host=request.get_host()), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="medborgarloften-{kommun.slug}.ics"'
    return response
