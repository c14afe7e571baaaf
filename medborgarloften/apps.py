from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MedborgarloftenConfig(AppConfig):
    name = "medborgarloften"
    verbose_name = _("Medborgarlöften")

    def ready(self) -> None:
        from samverkan.history import register_history_page

        from .models import Activity, LocalGoal, Medborgarlofte

        register_history_page("medborgarlofte", Medborgarlofte)
        register_history_page("aktivitet", Activity)
        register_history_page("lokalt-mal", LocalGoal)

        from samverkan.handovers import register_todo_provider

        from .handovers import todo_for

        register_todo_provider(todo_for)

        from agreements.signals import agreement_replaced

        from .services import carry_plans_over

        agreement_replaced.connect(carry_plans_over, dispatch_uid="medborgarloften.carry_plans_over")
