"""The second factor (TOTP through django-allauth's MFA): required for leadership and admins,
and asked for afresh whenever someone signs or approves."""

import time
from collections.abc import Callable

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
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
            and totp_of(user) is None
        ):
            messages.warning(
                request,
                _("Din roll kräver tvåstegsverifiering. Aktivera den med en autentiseringsapp innan du fortsätter."),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)
