"""A national dataset for the benchmark (`make bench`): every kommun and police area in Sweden.

290 kommuner in the 21 län (each län with its real number of kommuner and its real länskod),
about 95 lokalpolisområden in the 7 polisregioner, a länsstyrelse per län, about three people per
organisation, and for every kommun an adopted lägesbild, an agreement in force with its police
area, a del 2 plan with a published medborgarlöfte of 15 activities (the 14 of seed 002 and one
more) and eight years of activity logs, well over a million rows.

Kommuner and police areas get made-up names ("Kommun 2403", "LPO Västerbotten 2") and the people
are fictitious. Structural rows are written with bulk_create and the logs with PostgreSQL's COPY,
so the whole set builds in a few minutes; none of it goes through the services, so it has no
history rows and no sealed PDFs.
"""

import math
import random
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from agreements.models import Agreement, AgreementParty, Commitment, FocusArea, Signature
from followup.models import ActivityLog, AnnualReport
from followup.totals import recount
from lagesbild.models import Cause, Indicator, Lagesbild, Measurement, Problem, Theme
from medborgarloften.models import Activity, Effect, LocalPlan, Medborgarlofte
from medborgarloften.targets import Target, expected_count
from samverkan.models import County, Membership, Organization, User

from .nation import (
    ACTIVITIES,
    COMMITMENTS,
    COUNTIES,
    EFFECTS,
    FIRST_NAMES,
    FOCUS,
    LAST_NAMES,
    PEOPLE,
    PROBLEMS,
    REGIONS,
    UNMEASURED_RATE,
)

STOCKHOLM = ZoneInfo("Europe/Stockholm")
Role = Membership.Role
SLUG_PREFIX = "skala-"
YEARS = 8
LPO_TOTAL = 95
#: Every scale person has this password; the benchmark logs in with sessions of its own.
SCALE_PASSWORD = "skala-bench-2026"  # noqa: S105 - a benchmark dataset on a throwaway database


@dataclass
class Built:
    organizations: int = 0
    people: int = 0
    activities: int = 0
    logs: int = 0


def exists() -> bool:
    return Organization.objects.filter(slug__startswith=SLUG_PREFIX).exists()


def years(today: date) -> tuple[date, date]:
    """The first and last day of the dataset's eight years, ending with this year."""
    return date(today.year - YEARS + 1, 1, 1), date(today.year, 12, 31)


@transaction.atomic
def build(
    *,
    seed: int = 2026,
    today: date | None = None,
    log_years: int = YEARS,
    counties: Sequence[str] | None = None,
    out: Any = None,
) -> Built:
    """Build the national dataset (or that of some counties, by länskod). Refuses to build it twice."""
    if connection.vendor != "postgresql":
        raise RuntimeError("Skaldata byggs bara i PostgreSQL (loggarna skrivs med COPY).")
    if exists():
        raise RuntimeError("Skaldatan finns redan i databasen.")
    rng = random.Random(seed)  # noqa: S311 - made-up data, not secrets
    today = today or timezone.localdate()
    start, end = years(today)
    built = Built()

    def say(message: str) -> None:
        if out is not None:
            out.write(message)

    orgs = _organizations(built, [c for c in COUNTIES if counties is None or c[0] in counties])
    say(f"{built.organizations} organisationer")
    people = _people(orgs["all"], built, rng)
    say(f"{built.people} personer")
    kommuner: list[Organization] = orgs["kommuner"]
    lpo_of: dict[int, Organization] = orgs["lpo_of"]
    lagesbilder = _lagesbilder(kommuner + orgs["lpos"], today)
    agreements = _agreements(kommuner, lpo_of, lagesbilder, people, start, end)
    activities = _plans(kommuner, lpo_of, agreements, people, start, end, built)
    say(f"{len(agreements)} överenskommelser, {built.activities} aktiviteter")
    AnnualReport.objects.bulk_create(
        AnnualReport(agreement=agreements[k.pk], organization=k, year=today.year - 1, summary="") for k in kommuner
    )
    log_start = date(today.year - log_years + 1, 1, 1)
    built.logs = _copy_logs(activities, lpo_of, people, log_start, today, rng)
    say(f"{built.logs} loggade aktiviteter")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return built


def _organizations(built: Built, chosen: list[tuple[str, str, int, str]]) -> dict[str, Any]:
    counties = {}
    for code, name, _n, _region in chosen:
        counties[code], _created = County.objects.get_or_create(code=code, defaults={"name": name})
    regions = Organization.objects.bulk_create(
        Organization(
            slug=f"{SLUG_PREFIX}polisregion-{i + 1}",
            kind=Organization.Kind.POLISREGION,
            name=f"Polisregion {name} (skala)",
        )
        for i, name in enumerate(REGIONS)
    )
    region_by_name = dict(zip(REGIONS, regions, strict=True))
    total_kommuner = sum(n for _c, _name, n, _r in COUNTIES)
    kommuner: list[Organization] = []
    lpos: list[Organization] = []
    lans: list[Organization] = []
    covers: list[tuple[Organization, Organization]] = []
    for code, name, n, region in chosen:
        county = counties[code]
        short = name.removesuffix(" län").removesuffix("s")
        lans.append(
            Organization(
                slug=f"{SLUG_PREFIX}lansstyrelsen-{code}",
                kind=Organization.Kind.LANSSTYRELSE,
                name=f"Länsstyrelsen {short} (skala)",
                code=code,
                county=county,
            )
        )
        these = [
            Organization(
                slug=f"{SLUG_PREFIX}{code}{i + 1:02d}",
                kind=Organization.Kind.KOMMUN,
                name=f"Kommun {code}{i + 1:02d}",
                code=f"{code}{i + 1:02d}",
                county=county,
            )
            for i in range(n)
        ]
        kommuner.extend(these)
        n_lpo = max(1, round(n * LPO_TOTAL / total_kommuner))
        county_lpos = [
            Organization(
                slug=f"{SLUG_PREFIX}lpo-{code}-{j + 1}",
                kind=Organization.Kind.LOKALPOLISOMRADE,
                name=f"LPO {short} {j + 1}",
                county=county,
                parent=region_by_name[region],
            )
            for j in range(n_lpo)
        ]
        lpos.extend(county_lpos)
        covers.extend((county_lpos[i * n_lpo // n], kommun) for i, kommun in enumerate(these))
    Organization.objects.bulk_create(lans + kommuner + lpos)
    Organization.covers.through.objects.bulk_create(
        Organization.covers.through(from_organization_id=lpo.pk, to_organization_id=kommun.pk) for lpo, kommun in covers
    )
    built.organizations = len(regions) + len(lans) + len(kommuner) + len(lpos)
    return {
        "kommuner": kommuner,
        "lpos": lpos,
        "lpo_of": {kommun.pk: lpo for lpo, kommun in covers},
        "all": regions + lans + kommuner + lpos,
    }


def _people(orgs: list[Organization], built: Built, rng: random.Random) -> dict[tuple[int, str], User]:
    """Three people in every organisation; one password hash for all (hashing 1 200 is slow)."""
    password = make_password(SCALE_PASSWORD)
    users: list[User] = []
    roles: list[tuple[Organization, str]] = []
    for org in orgs:
        for role, title, mailbox in PEOPLE[org.kind]:
            users.append(
                User(
                    email=f"{mailbox}@{org.slug}.example",
                    full_name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                    title=title,
                    password=password,
                )
            )
            roles.append((org, role))
    User.objects.bulk_create(users)
    Membership.objects.bulk_create(
        Membership(user=user, organization=org, role=role) for user, (org, role) in zip(users, roles, strict=True)
    )
    built.people = len(users)
    return {(org.pk, role): user for user, (org, role) in zip(users, roles, strict=True)}


def _lagesbilder(orgs: list[Organization], today: date) -> dict[int, list[Problem]]:
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    pictures = Lagesbild.objects.bulk_create(
        Lagesbild(
            organization=org,
            title=f"Lägesbild {today.year} – {org.name}",
            period_start=date(today.year, 1, 1),
            period_end=date(today.year, 12, 31),
            status=Lagesbild.Status.FASTSTALLD,
            adopted_on=date(today.year, 2, 15),
            adopted_by="Brottsförebyggande rådet"
            if org.kind == Organization.Kind.KOMMUN
            else "Lokalpolisområdets ledning",
            kartlaggning="Polisens statistik, Brå:s statistik över anmälda brott, NTU och LUPP.",
            annan_information="Medborgardialoger och trygghetsvandringar under hösten.",
            analys="Narkotika bland unga och otrygghet i centrum är de mest angelägna problemen.",
        )
        for org in orgs
    )
    problems = Problem.objects.bulk_create(
        Problem(lagesbild=picture, title=title, theme=themes[theme], priority=i + 1, where="Centrum")
        for picture in pictures
        for i, (title, theme, _causes) in enumerate(PROBLEMS)
    )
    Cause.objects.bulk_create(
        Cause(problem=problem, description=cause, order=j)
        for problem, (_t, _th, causes) in zip(problems, PROBLEMS * len(pictures), strict=True)
        for j, cause in enumerate(causes)
    )
    indicators = Indicator.objects.bulk_create(
        Indicator(
            organization=org,
            name=name,
            unit=unit,
            source=source,
            baseline_year=today.year - YEARS + 1,
            baseline_value=Decimal(base),
            lower_is_better=lower,
        )
        for org in orgs
        if org.kind == Organization.Kind.KOMMUN
        for name, unit, source, base, lower in (
            ("Anmälda bostadsinbrott", "per 1 000 invånare", "Brå", "4.2", True),
            ("Känner sig trygga utomhus på kvällen", "procent", "NTU", "71", False),
        )
    )
    Measurement.objects.bulk_create(
        Measurement(
            indicator=indicator,
            period_start=date(year, 1, 1),
            granularity="ar",
            value=indicator.baseline_value * Decimal(1 + (year - indicator.baseline_year) * 0.02),
        )
        for indicator in indicators
        for year in range(indicator.baseline_year, today.year)
    )
    by_org: dict[int, list[Problem]] = {}
    for problem in problems:
        by_org.setdefault(problem.lagesbild.organization_id, []).append(problem)
    return by_org


def _agreements(
    kommuner: list[Organization],
    lpo_of: dict[int, Organization],
    problems: dict[int, list[Problem]],
    people: dict[tuple[int, str], User],
    start: date,
    end: date,
) -> dict[int, Agreement]:
    activated = datetime.combine(start, time(10), tzinfo=STOCKHOLM)
    agreements = Agreement.objects.bulk_create(
        Agreement(
            title=f"Samverkansöverenskommelse {start.year}–{end.year}, {kommun.name} och {lpo_of[kommun.pk].name}",
            status=Agreement.Status.GALLANDE,
            period_start=start,
            period_end=end,
            inledning="Kommunen och polisen samverkar för att minska brottsligheten och öka tryggheten.",
            syfte="Att skapa en gemensam bild av problemen och en plan för att möta dem.",
            reporting_month=12,
            signing_place=kommun.name.removeprefix("Kommun "),
            activated_at=activated,
        )
        for kommun in kommuner
    )
    by_kommun = {kommun.pk: agreement for kommun, agreement in zip(kommuner, agreements, strict=True)}
    parties = AgreementParty.objects.bulk_create(
        AgreementParty(
            agreement=by_kommun[kommun.pk],
            organization=org,
            signatory=people[(org.pk, Role.LEDNING)],
            signatory_title=people[(org.pk, Role.LEDNING)].title,
            accepted_at=activated,
            order=order,
        )
        for kommun in kommuner
        for order, org in enumerate((kommun, lpo_of[kommun.pk]))
    )
    Signature.objects.bulk_create(
        Signature(
            agreement=party.agreement,
            party=party,
            signed_by=party.signatory,
            signer_name=party.signatory.full_name,
            signer_title=party.signatory_title,
            role=Role.LEDNING,
            signed_at=activated,
        )
        for party in parties
        if party.signatory is not None
    )
    areas = FocusArea.objects.bulk_create(
        FocusArea(agreement=agreement, title=title, description=description, order=i)
        for agreement in agreements
        for i, (title, description, _themes) in enumerate(FOCUS)
    )
    kommun_of = {party.agreement_id: party.organization_id for party in parties if party.order == 0}
    links = []
    for area, (_t, _d, themes) in zip(areas, FOCUS * len(agreements), strict=True):
        kommun_id = kommun_of[area.agreement_id]
        for problem in problems[kommun_id] + problems[lpo_of[kommun_id].pk]:
            if problem.theme.slug in themes:
                links.append(FocusArea.problems.through(focusarea_id=area.pk, problem_id=problem.pk))
    FocusArea.problems.through.objects.bulk_create(links)
    Commitment.objects.bulk_create(
        Commitment(agreement=agreement, who=who, text=text, order=i)
        for agreement in agreements
        for i, (who, text) in enumerate(COMMITMENTS)
    )
    return by_kommun


def _plans(
    kommuner: list[Organization],
    lpo_of: dict[int, Organization],
    agreements: dict[int, Agreement],
    people: dict[tuple[int, str], User],
    start: date,
    end: date,
    built: Built,
) -> list[Activity]:
    plans = LocalPlan.objects.bulk_create(
        LocalPlan(
            agreement=agreements[kommun.pk],
            organization=kommun,
            title=f"Lokal handlingsplan {start.year}–{end.year}, {kommun.name}",
            period_start=start,
            period_end=end,
        )
        for kommun in kommuner
    )
    published = datetime.combine(start, time(9), tzinfo=STOCKHOLM)
    loften = Medborgarlofte.objects.bulk_create(
        Medborgarlofte(
            plan=plan,
            title=f"Medborgarlöfte för {kommun.name}",
            period_start=start,
            period_end=end,
            police_area=lpo_of[kommun.pk],
            introduction="Polisen och kommunen lovar att arbeta tillsammans mot narkotika, stölder och otrygghet.",
            dialogues=["medborgardialog", "trygghetsvandring"],
            kommun_signatory=people[(kommun.pk, Role.LEDNING)].full_name,
            police_signatory=people[(lpo_of[kommun.pk].pk, Role.LEDNING)].full_name,
            status=Medborgarlofte.Status.GALLANDE,
            published_at=published,
        )
        for kommun, plan in zip(kommuner, plans, strict=True)
    )
    areas: dict[int, list[FocusArea]] = {}
    for area in FocusArea.objects.filter(agreement__in=agreements.values()).order_by("order"):
        areas.setdefault(area.agreement_id, []).append(area)
    Medborgarlofte.focus_areas.through.objects.bulk_create(
        Medborgarlofte.focus_areas.through(medborgarlofte_id=lofte.pk, focusarea_id=area.pk)
        for lofte, plan in zip(loften, plans, strict=True)
        for area in areas[plan.agreement_id]
    )
    Effect.objects.bulk_create(
        Effect(lofte=lofte, text=text, order=i) for lofte in loften for i, text in enumerate(EFFECTS)
    )
    activities = Activity.objects.bulk_create(
        Activity(lofte=lofte, order=i, focus_area=_area_for(spec["heading"], areas[plan.agreement_id]), **spec)
        for lofte, plan in zip(loften, plans, strict=True)
        for i, spec in enumerate(ACTIVITIES)
    )
    built.activities = len(activities)
    return activities


def _area_for(heading: str, areas: list[FocusArea]) -> FocusArea | None:
    words = {"Narkotika": 0, "Minska nyrekrytering": 0, "Trygghetsskapande": 1, "Informations": 1}
    for word, index in words.items():
        if heading.startswith(word):
            return areas[index]
    return areas[2]


def _copy_logs(
    activities: list[Activity],
    lpo_of: dict[int, Organization],
    people: dict[tuple[int, str], User],
    start: date,
    today: date,
    rng: random.Random,
) -> int:
    """Write the logs with COPY: each activity at its own pace, some ahead and some behind."""
    columns = "uuid, activity_id, organization_id, done_on, count, hours, note, logged_by_id, logged_at, version"
    sql = f"COPY {ActivityLog._meta.db_table} ({columns}) FROM STDIN"
    written = 0
    with connection.cursor() as cursor, cursor.copy(sql) as copy:
        for activity in activities:
            kommun_id = activity.lofte.plan.organization_id
            police = activity.responsible == Activity.Responsible.POLIS
            org_id = lpo_of[kommun_id].pk if police else kommun_id
            logger = people[(org_id, Role.KONTAKTPERSON if police else Role.SAMORDNARE)]
            pace = rng.uniform(0.55, 1.35)
            for day in _days(activity, start, today, pace, rng):
                logged_at = datetime.combine(day, time(rng.randrange(8, 22), rng.randrange(60)), tzinfo=STOCKHOLM)
                copy.write_row(
                    (
                        uuid.UUID(int=rng.getrandbits(128), version=4),
                        activity.pk,
                        org_id,
                        day,
                        1,
                        rng.choice((None, 1, 2, 3)),
                        "",
                        logger.pk,
                        logged_at,
                        1,
                    )
                )
                written += 1
    # The running totals progress reads (followup.totals), counted once from what was copied.
    recount([activity.pk for activity in activities])
    return written


def _days(activity: Activity, start: date, end: date, pace: float, rng: random.Random) -> Iterator[date]:
    """The days one activity was carried out, year by year."""
    target: Target = activity.target
    for year in range(start.year, end.year + 1):
        first, last = date(year, 1, 1), min(date(year, 12, 31), end)
        days = (last - first).days + 1
        if target.is_measurable:
            expected = float(expected_count(target, first, last) or 0)
            times = max(0, round(expected * pace))
        else:
            rate = UNMEASURED_RATE[activity.target_kind] * pace
            times = max(0, round(rng.gauss(rate * days, math.sqrt(rate * days))))
        for offset in sorted(rng.randrange(days) for _ in range(times)):
            yield first + timedelta(days=offset)
