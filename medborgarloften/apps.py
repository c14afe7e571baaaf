from typing import TYPE_CHECKING

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from samverkan.sealed import SealedDocument


def sealed_lofte(sha256: str) -> "SealedDocument | None":
    """The medborgarlöfte whose sealed PDF has this hash."""
    from samverkan.sealed import SealedDocument

    from .models import Medborgarlofte

    lofte = (
        Medborgarlofte.all_objects.filter(pdf_sha256=sha256).select_related("plan__organization", "police_area").first()
    )
    if lofte is None:
        return None
    return SealedDocument(
        kind=str(Medborgarlofte._meta.verbose_name).capitalize(),
        title=lofte.title,
        version=f"{lofte.period_start:%Y}–{lofte.period_end:%Y} ({lofte.get_status_display().lower()})",
        parties=[lofte.plan.organization.name, lofte.police_area.name],
    )


class MedborgarloftenConfig(AppConfig):
    name = "medborgarloften"
    verbose_name = _("Medborgarlöften")

    def ready(self) -> None:
        from samverkan.sealed import register_sealed_lookup

        register_sealed_lookup(sealed_lofte)

        from samverkan.history import register_history_page

        from .models import Activity, LocalGoal, Medborgarlofte

        register_history_page("medborgarlofte", Medborgarlofte)
        register_history_page("aktivitet", Activity)
        register_history_page("lokalt-mal", LocalGoal)
