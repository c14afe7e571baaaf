from allauth.account.adapter import DefaultAccountAdapter
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest


class AccountAdapter(DefaultAccountAdapter):
    """People are invited by their organisation's admin; there is no open sign-up."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def get_client_ip(self, request: HttpRequest) -> str:
        """The real client's address for login throttling (settings.ALLAUTH_TRUSTED_PROXY_COUNT).
        A request that reached us past our proxies carries fewer forwarded hops than configured;
        allauth calls that a configuration error (a 500), but its connection address is real."""
        try:
            return super().get_client_ip(request)
        except ImproperlyConfigured:
            return str(request.META.get("REMOTE_ADDR", ""))
