from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BenchConfig(AppConfig):
    """The national benchmark: installed only with SAMVERKAN_BENCH, never imported by the apps."""

    name = "bench"
    verbose_name = _("Prestandamätning")
