"""The second factor (TOTP through django-allauth's MFA): required for leadership and admins,
and asked for again when someone signs or approves, unless they passed it within the last
`RECENT_SECOND_FACTOR` in this same session (at login or at an earlier signature)."""

import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.contrib import messages
from django.contrib.sessions.backends.base import SessionBase
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from .http import Request
from .models import Membership, User
from .tenancy import Viewer

#: Roles whose holders must use a second factor: they approve, sign and manage people.
SECOND_FACTOR_ROLES = frozenset({Membership.Role.LEDNING, Membership.Role.ADMIN})
#: Paths a person who still has to set up the second factor may use meanwhile.
OPEN_PATHS = ("/konto/", "/static/", "/i18n/", "/verifiera/", "/medborgarloften/")


def totp_of(user: User) -> Authenticator | None:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()


def requires_second_factor(viewer: Viewer) -> bool:
    return bool(viewer.org_ids_with_role(SECOND_FACTOR_ROLES))


def verify_code(user: User, code: str) -> bool:
    """A fresh TOTP code from the person's authenticator app; each code works once."""
    authenticator = totp_of(user)
    return authenticator is not None and TOTP(authenticator).validate_code(code.strip().replace(" ", ""))


#: How long a passed second factor lets the person sign or approve with only their password. Short
#: enough that a session left open is not a signing session for long; long enough that signing
#: right after logging in does not wait for the next code (each code works once).
RECENT_SECOND_FACTOR = timedelta(minutes=10)
SECOND_FACTOR_SESSION_KEY = "samverkan_second_factor_at"


def record_second_factor(session: SessionBase, user: User) -> None:
    """Note in the session that `user` passed the second factor now."""
    session[SECOND_FACTOR_SESSION_KEY] = {"user": user.pk, "at": timezone.now().timestamp()}


def second_factor_is_recent(session: SessionBase | None, user: User) -> bool:
    """Whether `user` passed the second factor in this session within RECENT_SECOND_FACTOR."""
    record = session.get(SECOND_FACTOR_SESSION_KEY) if session is not None else None
    if not isinstance(record, dict) or record.get("user") != user.pk:
        return False
    try:
        age = timezone.now().timestamp() - float(record["at"])
    except (KeyError, TypeError, ValueError):
        return False
    return 0 <= age <= RECENT_SECOND_FACTOR.total_seconds()


def on_authenticator_used(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    """allauth's `authenticator_used` signal: the person passed the second factor (at login)."""
    record_second_factor(request.session, user)


def current_code(secret: str) -> str:
    """The TOTP code for `secret` right now (for tests and the demo instructions)."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


class SecondFactorMiddleware:
    """Sends leaders and admins without a second factor to set one up before anything else."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: Request) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith(OPEN_PATHS)
            and requires_second_factor(request.viewer)
            and isinstance(user, User)
            # From the person's cached Access, renewed whenever an authenticator is added or removed.
            and not request.access.has_second_factor
        ):
            messages.warning(
                request,
                _("Din roll kräver tvåstegsverifiering. Aktivera den med en autentiseringsapp innan du fortsätter."),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)
