from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject

from .tenancy import active_organization, viewer_for, viewing_as

ACTIVE_ORGANIZATION_SESSION_KEY = "samverkan_active_organization"


class TenancyMiddleware:
    """Give each request its person's Viewer and active organisation, and put that viewer in
    scope for every tenant-owned query the request makes."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        viewer = viewer_for(request.user)
        request.viewer = viewer  # type: ignore[attr-defined]
        request.organization = SimpleLazyObject(  # type: ignore[attr-defined]
            lambda: active_organization(viewer, request.session.get(ACTIVE_ORGANIZATION_SESSION_KEY))
        )
        with viewing_as(viewer):
            return self.get_response(request)
