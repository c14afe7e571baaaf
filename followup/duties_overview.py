"""The duties on the Översikt: for each kommun the person belongs to, the state of its duties; for
a länsstyrelse, how many kommuner of the county need support."""

from django.utils import timezone

from samverkan.models import Organization, User
from samverkan.overview import OverviewSection
from samverkan.tenancy import Viewer

from .duties import duties_for


def duties_section(user: User, viewer: Viewer) -> OverviewSection | None:
    """The section, or None for people in neither a kommun nor a länsstyrelse."""
    today = timezone.localdate()
    # Each kommun with its duty cycle (select_related: duties_for then asks no more for them).
    own = list(
        Organization.objects.filter(
            pk__in=viewer.own_org_ids, kind=Organization.Kind.KOMMUN, is_active=True
        ).select_related("duty_cycle")
    )
    county = list(
        Organization.objects.filter(
            pk__in=viewer.county_kommun_ids, kind=Organization.Kind.KOMMUN, is_active=True
        ).select_related("duty_cycle")
    )
    if not own and not county:
        return None
    rows = duties_for(own + [k for k in county if k.pk not in viewer.own_org_ids], today)
    own_ids = {k.pk for k in own}
    return OverviewSection(
        "followup/_duties_oversikt.html",
        {
            "own": [row for row in rows if row.kommun.pk in own_ids],
            "county_total": len(county),
            "county_needing_support": sum(1 for row in rows if row.kommun.pk not in own_ids and row.needs_support),
        },
    )
