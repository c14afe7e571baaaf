from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SamverkanConfig(AppConfig):
    name = "samverkan"
    verbose_name = _("Samverkan")

    def ready(self) -> None:
        from django.db.models.signals import pre_save

        from .bounds import check_before_save

        # Every row of every model, however it is saved, keeps its numbers within bounds.
        pre_save.connect(check_before_save, dispatch_uid="samverkan_number_bounds")

        from allauth.mfa.signals import authenticator_used

        from . import checks  # noqa: F401 - registers the system checks
        from .fragments import bump_on_change

        # A change to an organisation's data gives its cached page fragments new keys.
        bump_on_change()
        from .security import on_authenticator_used

        # Passing the second factor at login opens the short window for signing without a new code.
        authenticator_used.connect(on_authenticator_used, dispatch_uid="samverkan_second_factor_used")

        from .access import connect_signals

        # Every change that alters what a person may see gives them a new access stamp (access.py).
        connect_signals()
