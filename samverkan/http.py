"""Typed access to what TenancyMiddleware and login put on a request, for views."""

from django.http import HttpRequest

from .models import User
from .tenancy import Viewer


def viewer_of(request: HttpRequest) -> Viewer:
    """The person's Viewer (anonymous visitors get one that sees nothing)."""
    return request.viewer  # type: ignore[attr-defined]


def person(request: HttpRequest) -> User:
    """The logged-in person; only for views behind login_required."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionError("Ingen inloggad person.")
    return user
