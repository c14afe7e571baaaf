from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demo data and its commands (load_demo, demo_code): installed only with DJANGO_DEBUG."""

    name = "demo"
    verbose_name = _("Demodata")
