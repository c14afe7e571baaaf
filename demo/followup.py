"""Demo follow-up: a realistic year of logs for Norsjö (2023, the last year of its promises) and
for Arvidsjaur and Arjeplog (2026 so far), some activities on track, some behind, some done;
an approved annual report for Norsjö 2023 and a draft for Arvidsjaur 2026."""

import random
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from followup import services
from followup.models import ActivityLog
from followup.totals import recount
from medborgarloften.models import Activity, Medborgarlofte
from samverkan.models import Organization, User

# How well each kind of activity goes in the demo: share of the target reached.
PACE = {
    "Hastighet, alkohol och drograttfylla m.m.": 0.75,
    "Trygghetsvandring": 0.5,
    "Samverkan med andra aktörer i samhället": 0.75,
    "Trafikkontroller under biltestsäsongen och marknadshelger": 0.7,
    "Polisnärvaro vid skolor och fritidsgård": 1.0,
    "Tobakstillsyn med polis": 1.0,
}


def _dates(activity: Activity, start: date, end: date, rng: random.Random) -> list[date]:
    """Days the activity was carried out between start and end, at its demo pace."""
    target = activity.target
    days = (end - start).days + 1
    if not target.is_measurable:
        # Triggers and continuous work: now and then, more often on weekends.
        return sorted(
            start + timedelta(days=d)
            for d in range(days)
            if rng.random() < (0.12 if activity.target_kind == "vid_behov" else 0.05)
        )
    from medborgarloften.targets import expected_count

    expected = float(expected_count(target, start, end) or 0)
    pace = PACE.get(activity.what, 1.1)
    times = max(0, round(expected * pace))
    return sorted(start + timedelta(days=rng.randrange(days)) for _ in range(times))


def _log_year(lofte: Medborgarlofte, start: date, end: date, people: dict[str, User], rng: random.Random) -> None:
    kommun = lofte.plan.organization
    # People log through services.log_activity, which refuses dates older than MAX_BACKDATE;
    # older logs are imported as they were kept in Excel, with their history rows.
    oldest_loggable = timezone.localdate() - services.MAX_BACKDATE
    for activity in lofte.activities.all():
        police = activity.responsible == Activity.Responsible.POLIS
        organization = lofte.police_area if police else kommun
        logger = people["police"] if police else people["kommun"]
        imported = []
        for day in _dates(activity, start, end, rng):
            hours = rng.choice([None, 1, 2, 3])
            if day < oldest_loggable:
                imported.append(
                    ActivityLog(
                        activity=activity,
                        organization=organization,
                        done_on=day,
                        count=1,
                        hours=hours,
                        logged_by=logger,
                    )
                )
            else:
                services.log_activity(
                    activity,
                    actor=logger,
                    organization=organization,
                    done_on=day,
                    hours=None if hours is None else Decimal(hours),
                )
        bulk_create_with_history(imported, ActivityLog, default_user=logger)
        # Written in bulk, past ActivityLog.save(): the running totals are counted from them.
        recount([activity.pk])


@transaction.atomic
def load() -> list[str]:
    """Create the demo logs and annual reports; safe to run again."""
    if ActivityLog.objects.exists():
        return []
    rng = random.Random(2417)  # noqa: S311 - the same demo every time, not for security
    users = {u.email: u for u in User.objects.all()}
    orgs = {o.slug: o for o in Organization.objects.all()}
    today = timezone.localdate()
    plans = [
        ("norsjo", date(2023, 1, 1), date(2023, 12, 31), "samordnare@norsjo.example", "kommunpolis@skelleftea.example"),
        ("arvidsjaur", date(2026, 1, 1), today, "samordnare@arvidsjaur.example", "kommunpolis@pitea.example"),
        ("arjeplog", date(2026, 1, 1), today, "samordnare@arjeplog.example", "kommunpolis@pitea.example"),
    ]
    for slug, start, end, kommun_person, police_person in plans:
        for lofte in Medborgarlofte.objects.filter(
            plan__organization=orgs[slug], status=Medborgarlofte.Status.GALLANDE
        ):
            _log_year(lofte, start, end, {"kommun": users[kommun_person], "police": users[police_person]}, rng)

    norsjo = Medborgarlofte.objects.get(plan__organization=orgs["norsjo"]).plan
    report = services.create_report(
        norsjo.agreement, actor=users["samordnare@norsjo.example"], organization=orgs["norsjo"], year=2023
    )
    services.update_report(
        report,
        actor=users["samordnare@norsjo.example"],
        expected_version=report.version,
        summary="Sista året med medborgarlöftena 2019–2023. De flesta aktiviteterna genomfördes enligt plan.",
        worked="Klassrumsbesöken och dörrknackningen nådde målen. Samarbetet med fritidsgården har stärkts.",
        did_not_work="Trafikkontrollerna låg under målet på tio per månad under sommaren, då polisen hade få "
        "patruller i kommunen. Bara en av två trygghetsvandringar blev av.",
        changes_next_year="Nya medborgarlöften tas fram utifrån lägesbilden 2024–2027. Trygghetsvandringarna "
        "planeras in redan i januari.",
    )
    report.refresh_from_db()
    services.submit_report(report, actor=users["samordnare@norsjo.example"])
    services.approve_report(report, actor=users["kommunchef@norsjo.example"], organization=orgs["norsjo"])
    services.approve_report(report, actor=users["lpochef@skelleftea.example"], organization=orgs["lpo-skelleftea"])

    arvidsjaur = Medborgarlofte.objects.get(plan__organization=orgs["arvidsjaur"]).plan
    draft = services.create_report(
        arvidsjaur.agreement,
        actor=users["samordnare@arvidsjaur.example"],
        organization=orgs["arvidsjaur"],
        year=today.year,
    )
    services.update_report(
        draft,
        actor=users["samordnare@arvidsjaur.example"],
        expected_version=draft.version,
        summary="Utkast inför återrapporteringen till kommunstyrelsen och lokalpolisområdet.",
    )
    return []
