from typing import TYPE_CHECKING

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from samverkan.sealed import SealedDocument


def sealed_agreement(sha256: str) -> "SealedDocument | None":
    """The agreement whose sealed PDF has this hash. The uploader holds the document already,
    so naming it reveals nothing more."""
    from samverkan.sealed import SealedDocument

    from .models import Agreement, AgreementParty

    agreement = Agreement.all_objects.filter(pdf_sha256=sha256).first()
    if agreement is None:
        return None
    parties = AgreementParty.all_objects.filter(agreement=agreement).select_related("organization")
    return SealedDocument(
        kind=str(Agreement._meta.verbose_name).capitalize(),
        title=agreement.title,
        version=f"{agreement.revision} ({agreement.get_status_display().lower()})",
        parties=[p.organization.name for p in parties],
    )


class AgreementsConfig(AppConfig):
    name = "agreements"
    verbose_name = _("Samverkansöverenskommelser")

    def ready(self) -> None:
        from samverkan.sealed import register_sealed_lookup

        register_sealed_lookup(sealed_agreement)
