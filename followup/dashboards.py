"""The follow-up overviews: per kommun, per agreement and the county comparison, counted from the
logs through `progress.py`. Views resolve what the person may read and hand it here."""

import hashlib
from datetime import date, datetime
from typing import Any

from django.core.cache import cache
from django.db.models import F
from django.utils import timezone

from agreements.models import Agreement, AgreementParty
from medborgarloften.models import Activity, Medborgarlofte
from samverkan.fragments import remembered
from samverkan.models import Organization

from .progress import PROGRESS_FIELDS, Progress, ProgressStatus, progress_for, tally
from .reports import effect_trends

#: The county comparison is recounted at most once a minute (it sums a year of logs for every
#: kommun of a county); the page says so.
OVERVIEW_CACHE_SECONDS = 60


def collaborating_org_ids(kommun: Organization) -> set[int]:
    """The kommun and every organisation party to an agreement with it: whose data (logs, the
    joint situational picture's indicators, signatures) the kommun's follow-up shows. Parties are
    the data of every party, the kommun's too, so the set is remembered with its generation."""

    def find() -> set[int]:
        parties = AgreementParty.all_objects.filter(agreement__parties__organization=kommun).values_list(
            "organization_id", flat=True
        )
        return {kommun.pk, *parties}

    found: set[int] = remembered("collaborating", kommun.pk, find)
    return found


def kommun_page(kommun: Organization, today: date) -> dict[str, Any]:
    """What the kommun's follow-up page shows: each activity's progress, the tally and the
    effects' trends."""
    progresses = kommun_progress(kommun, today)
    return {"progresses": progresses, "tally": tally(progresses), "effects": effect_trends(kommun)}


#: The names `kommun_page` gives the page.
KOMMUN_PAGE_NAMES = ("progresses", "tally", "effects")


def kommun_progress(kommun: Organization, today: date, agreement: Agreement | None = None) -> list[Progress]:
    """Progress of every activity in the kommun's promises in force, optionally under one agreement."""
    activities = Activity.objects.filter(
        lofte__plan__organization=kommun, lofte__status=Medborgarlofte.Status.GALLANDE
    ).select_related("lofte", "focus_area")
    if agreement is not None:
        activities = activities.filter(lofte__plan__agreement__series=agreement.series)
    return progress_for(activities.order_by("lofte_id", "order"), today)


def agreement_rows(agreement: Agreement, today: date) -> list[dict[str, Any]]:
    """One row per kommun party of the agreement: its progress under the agreement and the tally."""
    kommuner = [
        party.organization
        for party in agreement.parties.select_related("organization")
        if party.organization.kind == Organization.Kind.KOMMUN
    ]
    rows = []
    for kommun in kommuner:
        progresses = kommun_progress(kommun, today, agreement)
        rows.append({"kommun": kommun, "progresses": progresses, "tally": tally(progresses)})
    return rows


def kommun_tallies(kommun_ids: list[int], today: date) -> tuple[dict[int, dict[str, int]], datetime]:
    """Status counts per kommun, and when they were counted. Cached by the set of kommuner, which
    the caller has already limited to those the person may read."""
    key = f"overview:{today.isoformat()}:{hashlib.sha256(repr(sorted(kommun_ids)).encode()).hexdigest()}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    activities = (
        Activity.objects.filter(lofte__plan__organization__in=kommun_ids, lofte__status=Medborgarlofte.Status.GALLANDE)
        .select_related("lofte")
        .only(*PROGRESS_FIELDS)
        .annotate(kommun_id=F("lofte__plan__organization_id"))
    )
    by_kommun: dict[int, list[Progress]] = {}
    for item in progress_for(activities, today):
        by_kommun.setdefault(item.activity.kommun_id, []).append(item)  # type: ignore[attr-defined]
    counted = ({kommun_id: tally(items) for kommun_id, items in by_kommun.items()}, timezone.now())
    cache.set(key, counted, OVERVIEW_CACHE_SECONDS)
    return counted


def county_overview(kommuner: list[Organization], today: date) -> tuple[list[dict[str, Any]], datetime]:
    """The kommuner compared (status counts and share on track), and when the counts were made."""
    tallies, counted_at = kommun_tallies([kommun.pk for kommun in kommuner], today)
    rows = []
    for kommun in kommuner:
        counts = tallies.get(kommun.pk) or tally([])
        on_track = counts[ProgressStatus.I_FAS] + counts[ProgressStatus.KLAR]
        measurable = on_track + counts[ProgressStatus.EFTER]
        rows.append(
            {
                "kommun": kommun,
                "tally": counts,
                "total": sum(counts.values()),
                "on_track_percent": round(100 * on_track / measurable) if measurable else None,
            }
        )
    return rows, counted_at
