"""The duties on the Översikt: for each kommun the person belongs to, the state of its duties; for
a länsstyrelse, how many kommuner of the county need support."""

import hashlib
from collections.abc import Iterable
from datetime import date

from django.utils import timezone

from samverkan.fragments import FragmentKey, deferred, fragment_key, generations
from samverkan.models import Organization, User
from samverkan.overview import OverviewSection
from samverkan.tenancy import Viewer

from .duties import duties_for


def county_fragment(name: str, kommun_ids: Iterable[int], today: date, *parts: str) -> FragmentKey:
    """The key of a fragment about the kommuner of a county, the same for everyone who reads
    exactly those kommuner (a länsstyrelse's people): its scope names them, and the key holds
    their data generations and the day the duties' states are worked out for."""
    ids = sorted(set(kommun_ids))
    scope = "kommuner:" + hashlib.sha256(repr(ids).encode()).hexdigest()
    return fragment_key(name, today.isoformat(), generations(ids), *parts, scope=scope)


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
    others = [k for k in county if k.pk not in viewer.own_org_ids]

    def county_count() -> dict[str, int]:
        return {"county_needing_support": sum(1 for row in duties_for(others, today) if row.needs_support)}

    return OverviewSection(
        "followup/_duties_oversikt.html",
        {
            # The person's own kommuner: the same for everyone in exactly those kommuner, cached
            # under their data generations and the day, and worked out only on a miss.
            "own_fragment": county_fragment("own_duties", [k.pk for k in own], today) if own else None,
            **deferred(lambda: {"own": duties_for(own, today) if own else []}, ["own"]),
            "county_total": len(county),
            # The county's count is cached for the länsstyrelse's people and counted on a miss.
            "county_fragment": county_fragment("county_duties", [k.pk for k in others], today, str(len(county))),
            **deferred(county_count, ["county_needing_support"]),
        },
    )
