from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "agreements"
    verbose_name = _("Samverkansöverenskommelser")

    def ready(self) -> None:
        from samverkan.handovers import register_todo_provider

        from .handovers import todo_for

        register_todo_provider(todo_for)
