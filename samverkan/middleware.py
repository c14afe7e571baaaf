from collections.abc import Callable
from typing import cast

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.functional import SimpleLazyObject

from .access import load
from .fragments import generations_read_once
from .http import Request
from .models import Organization
from .tenancy import Viewer, viewing_as

ACTIVE_ORGANIZATION_SESSION_KEY = "samverkan_active_organization"


class TenancyMiddleware:
    """Give each request its person's Viewer and active organisation, and put that viewer in
    scope for every tenant-owned query the request makes. Both come from the person's cached
    Access (access.py): no query while their access stamp is unchanged."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: Request) -> HttpResponse:
        with viewing_as(self.tenancy(request)), generations_read_once():
            return self.get_response(request)

    def tenancy(self, request: Request) -> Viewer:
        """Put the person's Viewer and active organisation on the request (a method of its own so
        that the benchmark's profile can time it)."""
        access, unread = load(request.user)
        request.access = access
        # The unread count as the cache knew it at the start of the request (None: count it when
        # the navigation needs it), read in the same round trip as the Access.
        request.unread_notifications = unread
        request.viewer = access.viewer
        # Chosen only when read (it reads the session). The proxy stands in for
        # `Organization | None`: test it for truth, never with `is None`.
        request.organization = cast(
            "Organization | None",
            SimpleLazyObject(lambda: access.organization(request.session.get(ACTIVE_ORGANIZATION_SESSION_KEY))),
        )
        return access.viewer


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
