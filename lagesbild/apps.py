from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LagesbildConfig(AppConfig):
    name = "lagesbild"
    verbose_name = _("Lägesbild")

    def ready(self) -> None:
        from samverkan.history import register_history_page

        from .models import Indicator, Problem, Source

        register_history_page("problem", Problem)
        register_history_page("underlag", Source)
        register_history_page("indikator", Indicator)
