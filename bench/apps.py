from django.apps import AppConfig


class BenchConfig(AppConfig):
    """The national benchmark: installed only with SAMVERKAN_BENCH, never imported by the apps."""

    name = "bench"
    verbose_name = "Prestandamätning"
