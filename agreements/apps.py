from collections.abc import Iterable

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


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


class AgreementsConfig(AppConfig):
    name = "agreements"
    verbose_name = _("Samverkansöverenskommelser")

    def ready(self) -> None:
        from samverkan.tenancy import register_partner_provider

        register_partner_provider(partners_of)
