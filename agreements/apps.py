from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from samverkan.sealed import SealedDocument


def partners_of(org_ids: frozenset[int]) -> Iterable[int]:
    """Organisations that share an agreement with any of `org_ids`, where both have accepted to
    take part and the agreement has not ended. Consent matters: adding a party to a draft alone
    must not open that party's lägesbild to the one who added it."""
    from .models import Agreement, AgreementParty

    live = AgreementParty.all_objects.exclude(
        agreement__status__in=[Agreement.Status.UPPHORT, Agreement.Status.ERSATT]
    ).filter(accepted_at__isnull=False)
    mine = live.filter(organization_id__in=org_ids).values("agreement_id")
    return live.filter(agreement_id__in=mine).values_list("organization_id", flat=True).distinct()


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
        from samverkan.tenancy import register_partner_provider

        register_partner_provider(partners_of)
        register_sealed_lookup(sealed_agreement)
