"""What the public sees of a kommun's medborgarlöften: only published promises, their activities,
targets and occasions – read through the tenancy module's public rule, nothing internal."""

from collections.abc import Callable, Mapping, Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, Protocol

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from samverkan.models import Organization
from samverkan.tenancy import public_objects

from .models import Activity, Effect, Medborgarlofte, Occasion

#: Set by the follow-up app: given activities and a day, their progress by activity id. The
#: public page shows it when present; this app cannot import follow-up, which depends on it.
ProgressProvider = Callable[[list[Activity], date], dict[int, Any]]
_progress_provider: list[ProgressProvider] = []


class YearlyOutcome(Protocol):
    """One year of an ended activity: what was done against what was expected (None when the
    target is not a number)."""

    @property
    def year(self) -> int: ...
    @property
    def done(self) -> int: ...
    @property
    def expected(self) -> Decimal | None: ...
    @property
    def reached(self) -> bool | None: ...
    @property
    def summary(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def status_label(self) -> str: ...


#: Set by the follow-up app as well: given activities that have ended, their final outcome per
#: year of their period, by activity id.
OutcomeProvider = Callable[[list[Activity]], Mapping[int, Sequence[YearlyOutcome]]]
_outcome_provider: list[OutcomeProvider] = []


def register_progress_provider(provider: ProgressProvider) -> None:
    _progress_provider[:] = [provider]


def register_outcome_provider(provider: OutcomeProvider) -> None:
    _outcome_provider[:] = [provider]


def progress_by_activity(activities: list[Activity], today: date) -> dict[int, Any]:
    """How each activity stands (done against target, and a status), by activity id: computed by
    the follow-up app's provider, empty when it is not installed."""
    return _progress_provider[0](activities, today) if _progress_provider and activities else {}


def published_loften(kommun: Organization) -> list[Medborgarlofte]:
    return list(
        public_objects(Medborgarlofte)
        .filter(plan__organization=kommun)
        .select_related("police_area")
        .order_by("-period_start", "title")
    )


#: The names `page_context` gives the public page's body.
PAGE_NAMES = ("loften", "later_loften", "ended_loften", "upcoming", "progress", "outcome")


def page_context(kommun: Organization, today: date | None = None) -> dict[str, Any]:
    """The published promises with their activities grouped under their headings: those in force
    with how it goes this year, those signed to start later, and those that have ended
    ("Tidigare medborgarlöften") with their final outcome per year."""
    today = today or timezone.localdate()
    loften = published_loften(kommun)
    activities = list(public_objects(Activity).filter(lofte__in=loften).select_related("lofte").order_by("order", "pk"))
    ended = [a for a in activities if a.lofte.status == Medborgarlofte.Status.AVSLUTAT]
    current = [a for a in activities if a.lofte.status != Medborgarlofte.Status.AVSLUTAT]
    progress = progress_by_activity(current, today)
    outcome = _outcome_provider[0](ended) if _outcome_provider and ended else {}
    effects = public_objects(Effect).filter(lofte__in=loften)
    upcoming = (
        public_objects(Occasion)
        .filter(activity__lofte__in=loften, starts_at__gte=timezone.now() - timedelta(hours=12))
        .select_related("activity")
        .order_by("starts_at")[:10]
    )
    by_lofte: dict[int, dict[str, list[Activity]]] = {lofte.pk: {} for lofte in loften}
    for activity in activities:
        by_lofte[activity.lofte_id].setdefault(activity.heading, []).append(activity)
    effects_by_lofte: dict[int, list[Effect]] = {}
    for effect in effects:
        effects_by_lofte.setdefault(effect.lofte_id, []).append(effect)
    items = [
        {
            "lofte": lofte,
            "groups": list(by_lofte[lofte.pk].items()),
            "effects": effects_by_lofte.get(lofte.pk, []),
            "state": _state(lofte, today),
            "outcome_years": sorted(
                {
                    year.year
                    for activity in activities
                    if activity.lofte_id == lofte.pk
                    for year in outcome.get(activity.pk, [])
                }
            ),
        }
        for lofte in loften
    ]
    return {
        "loften": [item for item in items if item["state"] == CURRENT],
        "later_loften": [item for item in items if item["state"] == LATER],
        "ended_loften": [item for item in items if item["state"] == ENDED],
        "upcoming": list(upcoming),
        "progress": progress,
        "outcome": outcome,
    }


CURRENT, LATER, ENDED = "gallande", "kommande", "avslutat"


def _state(lofte: Medborgarlofte, today: date) -> str:
    if lofte.status == Medborgarlofte.Status.AVSLUTAT:
        return ENDED
    return LATER if lofte.starts_later(today) else CURRENT


def feed(kommun: Organization, *, base_url: str) -> dict[str, Any]:
    """The public page as JSON, for the kommun's and the police's websites."""
    context = page_context(kommun)
    return {
        "kommun": {"namn": kommun.name, "samiskt_namn": kommun.sami_name, "kommunkod": kommun.code},
        "url": base_url.rstrip("/") + reverse("public_loften", args=[kommun.slug]),
        "medborgarloften": [
            {
                "rubrik": item["lofte"].title,
                "period": {
                    "fran": item["lofte"].period_start.isoformat(),
                    "till": item["lofte"].period_end.isoformat(),
                },
                "status": item["state"],
                "avslutat": item["state"] == ENDED,
                "lokalpolisomrade": item["lofte"].police_area.name,
                "dialoger": item["lofte"].dialogue_labels(),
                "effekter": [effect.text for effect in item["effects"]],
                "aktiviteter": [
                    {
                        "omrade": heading,
                        "aktivitet": activity.what,
                        "beskrivning": activity.description,
                        "ansvarig": activity.get_responsible_display(),
                        "samverkan_med": activity.partners,
                        "mal": activity.target_display,
                        "uppfoljning": activity.follow_up,
                        **(
                            {"utfall": [_year_outcome(year) for year in context["outcome"].get(activity.pk, [])]}
                            if item["state"] == ENDED
                            else {}
                        ),
                    }
                    for heading, activities in item["groups"]
                    for activity in activities
                ],
            }
            for item in [*context["loften"], *context["later_loften"], *context["ended_loften"]]
        ],
    }


def _year_outcome(year: YearlyOutcome) -> dict[str, Any]:
    """One year of an ended activity's outcome, as the follow-up app's provider gave it."""
    return {
        "ar": year.year,
        "utfort": year.done,
        "forvantat": None if year.expected is None else float(year.expected),
        "malet_natt": year.reached,
    }


def calendar(kommun: Organization, *, host: str) -> bytes:
    """Scheduled occasions of published activities as iCalendar (RFC 5545)."""
    cal = Calendar()
    cal.add("prodid", "-//Samverkan//Medborgarlöften//SV")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", _("Medborgarlöften %(kommun)s") % {"kommun": kommun.name})
    occasions = (
        public_objects(Occasion)
        .filter(activity__lofte__plan__organization=kommun)
        .select_related("activity")
        .order_by("starts_at")
    )
    for occasion in occasions:
        event = Event()
        event.add("uid", f"{occasion.uuid}@{host}")
        event.add("summary", occasion.activity.what)
        event.add("dtstart", occasion.starts_at)
        event.add("dtend", occasion.ends_at or occasion.starts_at + timedelta(hours=2))
        event.add("dtstamp", timezone.now())
        if occasion.place:
            event.add("location", occasion.place)
        description = " ".join(part for part in (occasion.note, occasion.activity.description) if part)
        if description:
            event.add("description", description)
        cal.add_component(event)
    return cal.to_ical()
