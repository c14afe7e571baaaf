from collections.abc import Callable
from typing import cast

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.functional import SimpleLazyObject

from .http import Request
from .models import Organization
from .tenancy import active_organization, viewer_for, viewing_as

ACTIVE_ORGANIZATION_SESSION_KEY = "samverkan_active_organization"


class TenancyMiddleware:
    """Give each request its person's Viewer and active organisation, and put that viewer in
    scope for every tenant-owned query the request makes."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: Request) -> HttpResponse:
        viewer = viewer_for(request.user)
        request.viewer = viewer
        # Looked up only when read. The proxy stands in for `Organization | None`: test it for
        # truth, never with `is None`.
        request.organization = cast(
            "Organization | None",
            SimpleLazyObject(lambda: active_organization(viewer, request.session.get(ACTIVE_ORGANIZATION_SESSION_KEY))),
        )
        with viewing_as(viewer):
            return self.get_response(request)


class LanguageMiddleware:
    """Swedish unless the person chose another language in the footer: the choice is a cookie set
    by the set_language view and, for a person logged in, saved on them (User.language) so that
    it follows them to other devices and to their e-mails. Unlike LocaleMiddleware we ignore the
    browser's Accept-Language: officials often run English browsers but work in Swedish. Runs
    after AuthenticationMiddleware, to read the saved choice."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        if chosen not in self.available and request.user.is_authenticated:
            chosen = getattr(request.user, "language", "")
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language
        # For this request only: the thread's language is put back afterwards, so that nothing
        # run later on the same thread (a test, an eager task) inherits it.
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        return response
