"""The public page of a kommun's published medborgarlöften, its embeddable version and its feeds."""

import hashlib
import json
from functools import partial

from csp.decorators import csp_update
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_GET

from samverkan.fragments import PUBLIC, FragmentKey, deferred, fragment_key, generations, identity, remembered
from samverkan.http import Request
from samverkan.models import Organization
from samverkan.tenancy import public_objects

from .. import public
from ..models import Medborgarlofte

#: How long a slug is remembered to name an organisation (a renamed slug is checked on use).
SLUG_SECONDS = 24 * 3600


def _public_kommun(slug: str) -> tuple[Organization, list[int]]:
    """The kommun with published promises under `slug` and the police areas they name (404
    otherwise): remembered while the kommun's data generation stands (the kommun, its promises and
    their police areas are all its own data), so a page view asks the database nothing."""
    slug_key = "public-slug:" + hashlib.sha256(slug.encode()).hexdigest()
    for _attempt in range(2):
        org_id = cache.get(slug_key)
        if org_id is None:
            org_id = (
                Organization.objects.filter(slug=slug, kind=Organization.Kind.KOMMUN)
                .values_list("pk", flat=True)
                .first()
            )
            if org_id is None:
                raise Http404
            cache.set(slug_key, org_id, SLUG_SECONDS)
        found: tuple[Organization, list[int]] | None = remembered("public_kommun", org_id, partial(_published, org_id))
        if found is not None and found[0].slug != slug:
            cache.delete(slug_key)  # the organisation has another slug now: look the slug up again
            continue
        if found is None:
            raise Http404
        return found
    raise Http404


def _published(org_id: int) -> tuple[Organization, list[int]] | None:
    kommun = Organization.objects.filter(pk=org_id, kind=Organization.Kind.KOMMUN, is_active=True).first()
    if kommun is None or not public_objects(Medborgarlofte).filter(plan__organization=kommun).exists():
        return None
    areas = public_objects(Medborgarlofte).filter(plan__organization=kommun).values_list("police_area_id", flat=True)
    return kommun, sorted({area for area in areas if area is not None})


def _page(kommun: Organization, areas: list[int], name: str) -> dict[str, object]:
    """The page's context: its body cached for everyone alike (the public scope), keyed by the
    kommun's data and that of the police areas its promises name, and by the day (progress and
    the coming occasions move with it); computed only when the body is not stored."""
    key: FragmentKey = fragment_key(
        name,
        identity(kommun),
        generations([kommun.pk, *areas]),
        timezone.localdate().isoformat(),
        scope=PUBLIC,
    )
    return {"kommun": kommun, "body_fragment": key, **deferred(lambda: public.page_context(kommun), public.PAGE_NAMES)}


@require_GET
def public_page(request: Request, slug: str) -> HttpResponse:
    kommun, areas = _public_kommun(slug)
    return render(request, "medborgarloften/public.html", _page(kommun, areas, "public_loften"))


@require_GET
@xframe_options_exempt
@csp_update({"frame-ancestors": ["*"]})  # type: ignore[arg-type]
def public_embed(request: Request, slug: str) -> HttpResponse:
    """A bare view for the kommun's and the police's own websites to show in an iframe."""
    kommun, areas = _public_kommun(slug)
    return render(request, "medborgarloften/public_embed.html", _page(kommun, areas, "public_loften_embed"))


@require_GET
def public_json(request: Request, slug: str) -> HttpResponse:
    kommun, _areas = _public_kommun(slug)
    data = public.feed(kommun, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def public_ics(request: Request, slug: str) -> HttpResponse:
    kommun, _areas = _public_kommun(slug)
    response = HttpResponse(
        public.calendar(kommun, host=request.get_host()), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="medborgarloften-{kommun.slug}.ics"'
    return response
