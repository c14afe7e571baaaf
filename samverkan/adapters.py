from allauth.account.adapter import DefaultAccountAdapter
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest
from django.urls import reverse

from .access import access_of
from .http import person
from .models import Membership, User


def start_page(user: User) -> str:
    """Where a person starts after logging in. Police contacts log what they did, often from a
    phone in the field, so they start on the logging page; everyone else on Översikt."""
    roles = {role for held in access_of(user).roles.values() for role in held}
    if roles == {Membership.Role.KONTAKTPERSON}:
        return reverse("log")
    return reverse("oversikt")


class AccountAdapter(DefaultAccountAdapter):
    """People are invited by their organisation's admin; there is no open sign-up."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        """A `next` given with the login still wins (allauth checks it first)."""
        return start_page(person(request))

    def get_client_ip(self, request: HttpRequest) -> str:
        """The real client's address for login throttling (settings.ALLAUTH_TRUSTED_PROXY_COUNT).
        A request that reached us past our proxies carries fewer forwarded hops than configured;
        allauth calls that a configuration error (a 500), but its connection address is real."""
        try:
            return super().get_client_ip(request)
        except ImproperlyConfigured:
            return str(request.META.get("REMOTE_ADDR", ""))
