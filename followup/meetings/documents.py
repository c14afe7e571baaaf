"""The minutes as a document (the page, the PDF that is sealed on approval), and the meetings as
the follow-up counts them: per agreement on its dashboard and per kommun and year in the annual
report ("samverkansgruppen träffades 6 gånger; beslut …")."""

from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from agreements.models import Agreement
from samverkan.models import Group, Organization
from samverkan.pdf import render_pdf

from .models import Decision, Meeting

HELD = (Meeting.Status.GENOMFORT, Meeting.Status.GODKANT)


def attendance(meeting: Meeting) -> dict[str, list[dict[str, str]]]:
    """Who was present and who absent: as recorded at approval once the minutes are approved,
    else from the group's members now."""
    if meeting.attendance_record is not None:
        return meeting.attendance_record
    attendees = set(meeting.attendees.values_list("pk", flat=True))
    members = list(meeting.group.members.select_related("organization", "person"))
    return {
        side: [{"display_name": m.display_name, "role": m.role} for m in members if (m.pk in attendees) == present]
        for side, present in (("present", True), ("absent", False))
    }


#: What `minutes_context` gives besides the meeting and its group.
MINUTES_NAMES = ("present", "absent", "decisions")


def minutes_context(meeting: Meeting) -> dict[str, Any]:
    return {
        "meeting": meeting,
        "group": meeting.group,
        **attendance(meeting),
        "decisions": list(
            Decision.all_objects.filter(meeting=meeting).select_related("activity__lofte", "goal", "problem__lagesbild")
        ),
    }


def render_minutes_pdf(meeting: Meeting) -> bytes:
    """The minutes as PDF; minutes not yet approved are marked UTKAST."""
    return render_pdf("followup/meetings/minutes_pdf.html", minutes_context(meeting), draft=not meeting.is_frozen)


def meetings_of(organizations: list[int], queryset: QuerySet[Meeting] | None = None) -> QuerySet[Meeting]:
    """Meetings of the groups that any of `organizations` owns or is a member of."""
    meetings = Meeting.all_objects.all() if queryset is None else queryset
    return meetings.filter(
        Q(group__organization_id__in=organizations) | Q(group__members__organization_id__in=organizations)
    ).distinct()


def year_summary(kommun: Organization, year: int) -> list[dict[str, Any]]:
    """Per group the kommun is in: how many times it met in `year` and what it decided. Plain
    data, so that an approved annual report freezes it with its figures."""
    # One query: each held meeting with each of its decisions (a meeting without any once).
    rows = (
        meetings_of([kommun.pk])
        .filter(status__in=HELD, starts_at__year=year)
        .values("pk", "starts_at", "group_id", "group__name", "group__kind", "decisions__pk", "decisions__text")
        .order_by("starts_at", "pk", "decisions__order", "decisions__pk")
    )
    kinds = dict(Group.Kind.choices)
    groups: dict[int, dict[str, Any]] = {}
    counted: set[int] = set()
    for row in rows:
        entry = groups.setdefault(
            row["group_id"],
            {
                "group": row["group__name"],
                "kind": str(kinds.get(row["group__kind"], row["group__kind"])),
                "count": 0,
                "decisions": [],
            },
        )
        if row["pk"] not in counted:
            counted.add(row["pk"])
            entry["count"] += 1
        if row["decisions__pk"] is not None:
            day = timezone.localtime(row["starts_at"]).date().isoformat()
            entry["decisions"].append({"date": day, "text": row["decisions__text"]})
    return list(groups.values())


def agreement_meetings(agreement: Agreement, today: date) -> dict[str, list[Meeting]]:
    """Meetings of the groups the agreement's parties are in, during its period: held and coming."""
    parties = list(agreement.parties.values_list("organization_id", flat=True))
    meetings = (
        meetings_of(parties, Meeting.objects.all())
        .filter(starts_at__date__gte=agreement.period_start, starts_at__date__lte=agreement.period_end)
        .select_related("group")
        .prefetch_related("decisions")
    )
    ordered = list(meetings.order_by("starts_at"))
    return {
        "held": [m for m in ordered if m.status in HELD],
        "coming": [m for m in ordered if m.status == Meeting.Status.PLANERAT],
    }
