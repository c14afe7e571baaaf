"""Typed access to what TenancyMiddleware and login put on a request, for views."""

from django.http import HttpRequest, HttpResponse
from django.utils.http import content_disposition_header
from django_htmx.middleware import HtmxDetails

from .access import Access
from .models import Organization, User
from .tenancy import Viewer


class Request(HttpRequest):
    """An HttpRequest as our middleware leaves it, for type checkers: django-htmx's details, the
    person's Viewer and cached Access (TenancyMiddleware) and their active organisation."""

    htmx: HtmxDetails
    viewer: Viewer
    access: Access
    unread_notifications: int | None
    organization: Organization | None


def person(request: HttpRequest) -> User:
    """The logged-in person; only for views behind login_required."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionError("Ingen inloggad person.")
    return user


def file_response(content: bytes | str, filename: str, content_type: str, *, download: bool = True) -> HttpResponse:
    """A file for the browser to save (`download`) or show, its name written so that any name –
    "2023–2026", "Umeå" – arrives intact (RFC 6266/5987), never as an encoded-word."""
    response = HttpResponse(content, content_type=content_type)
    header = content_disposition_header(download, filename)
    if header is not None:
        response["Content-Disposition"] = header
    return response
