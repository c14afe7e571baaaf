from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MedborgarloftenConfig(AppConfig):
    name = "medborgarloften"
    verbose_name = _("Medborgarlöften")
