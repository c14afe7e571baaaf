from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SamverkanConfig(AppConfig):
    name = "samverkan"
    verbose_name = _("Samverkan")

    def ready(self) -> None:
        from . import checks  # noqa: F401 - registers the system checks
