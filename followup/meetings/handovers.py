"""Who hears about a meeting: the members with accounts get the invitation (kallelse) with an
iCal file when it is planned or moved, and a reminder the day before (in the daily reminder scan).
Each is created once per meeting and time (samverkan.notifications.create_once)."""

from collections.abc import Iterator
from datetime import date, timedelta
from email.utils import parseaddr

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress

from samverkan.groups.services import people_to_invite
from samverkan.handovers import TodoItem, notify_handover
from samverkan.models import Notification, User
from samverkan.notifications import Attachment, Planned
from samverkan.numbers import format_date
from samverkan.tenancy import EDITOR_ROLES, Viewer

from .models import Meeting


def _when(meeting: Meeting) -> str:
    return format_date(meeting.starts_at)


def _where(meeting: Meeting) -> str:
    return ", ".join(part for part in (meeting.place, meeting.link) if part) or _("plats meddelas senare")


def meeting_planned(meeting: Meeting, *, actor: User | None) -> None:
    """A meeting was planned or moved: each member with an account gets the invitation once for
    this time (a moved meeting is a new invitation, with a new iCal file)."""
    notify_handover(
        [user for user in people_to_invite(meeting.group) if actor is None or user.pk != actor.pk],
        kind="meeting_invited",
        subject_key=f"meeting:{meeting.pk}",
        period_key=timezone.localtime(meeting.starts_at).strftime("%Y%m%d%H%M"),
        title=lambda: _("Kallelse: %(group)s %(when)s") % {"group": meeting.group.name, "when": _when(meeting)},
        body=lambda: (
            _("%(title)s, %(when)s, %(where)s. Kalenderfilen är bifogad.")
            % {"title": meeting.title, "when": _when(meeting), "where": _where(meeting)}
        ),
        url=meeting.get_absolute_url(),
    )


def plan_meeting_reminders(today: date) -> Iterator[Planned]:
    """For the daily scan: tomorrow's planned meetings, to each member with an account, once."""
    tomorrow = today + timedelta(days=1)
    for meeting in Meeting.objects.filter(status=Meeting.Status.PLANERAT).select_related("group"):
        if timezone.localtime(meeting.starts_at).date() != tomorrow:
            continue
        for user in people_to_invite(meeting.group):
            yield Planned(
                kind="meeting_reminder",
                user=user,
                subject_key=f"meeting:{meeting.pk}",
                period_key=tomorrow.isoformat(),
                title=_("I morgon: %(group)s %(when)s") % {"group": meeting.group.name, "when": _when(meeting)},
                body=_("%(title)s, %(where)s.") % {"title": meeting.title, "where": _where(meeting)},
                url=meeting.get_absolute_url(),
            )


def meeting_ical(meeting: Meeting, *, method: str = "REQUEST") -> bytes:
    """The meeting as an iCalendar invitation (RFC 5545/5546); its version orders the updates."""
    host = settings.SITE_URL.split("//")[-1].split("/")[0] or "samverkan"
    cal = Calendar()
    cal.add("prodid", "-//Samverkan//Möten//SV")
    cal.add("version", "2.0")
    cal.add("method", method)
    event = Event()
    event.add("uid", f"{meeting.uuid}@{host}")
    event.add("sequence", meeting.version)
    event.add("summary", f"{meeting.group.name}: {meeting.title}")
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.ends_at or meeting.starts_at + timedelta(hours=2))
    event.add("dtstamp", timezone.now())
    if meeting.place or meeting.link:
        event.add("location", _where(meeting))
    if meeting.link:
        event.add("url", meeting.link)
    if meeting.agenda:
        event.add("description", meeting.agenda)
    organizer = vCalAddress(f"mailto:{parseaddr(settings.DEFAULT_FROM_EMAIL)[1]}")
    organizer.params["cn"] = meeting.group.organization.name
    event.add("organizer", organizer)
    cal.add_component(event)
    return cal.to_ical()


def invitation_attachments(notification: Notification) -> list[Attachment]:
    """The iCal file of the meeting a notification is about (registered for the kinds above)."""
    pk = notification.subject_key.removeprefix("meeting:")
    # System work on one known row, from a Celery task that serves no person.
    meeting = (
        Meeting.all_objects.select_related("group__organization").filter(pk=int(pk)).first() if pk.isdigit() else None
    )
    if meeting is None:
        return []
    return [("mote.ics", meeting_ical(meeting), "text/calendar; method=REQUEST; charset=utf-8")]


def todo_for(user: User, viewer: Viewer) -> list[TodoItem]:
    """Meetings held by a group my organisation owns whose minutes are not approved yet."""
    editing = viewer.org_ids_with_role(EDITOR_ROLES)
    if not editing:
        return []
    meetings = Meeting.objects.filter(
        status=Meeting.Status.GENOMFORT, group__organization_id__in=editing
    ).select_related("group")
    return [
        TodoItem(
            action=_("Skriv och godkänn protokollet"),
            title=f"{meeting.group.name}: {meeting}",
            url=meeting.get_absolute_url(),
            detail=_("Mötet är genomfört men protokollet är inte godkänt."),
        )
        for meeting in meetings[:20]
    ]
