"""Demo meetings: Norsjö's folkhälso- och trygghetsråd (seed 003) with its members from outside
the kommun – räddningstjänst, beredskapssamordnare, näringsliv – and the LPO chief, and a year of
meetings (2023, the year of Norsjö's approved annual report) with minutes and decisions, two of them
public; one meeting planned ahead; and Länsstyrelsen Västerbotten's network of small kommuner.
Everything goes through the services, so invitations and sealed minutes are made as in use."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from followup.meetings import services
from samverkan.groups import services as group_services
from samverkan.models import Group, Organization, User

TZ = ZoneInfo("Europe/Stockholm")

#: The trygghetsråd's year: (date, agenda, minutes, decisions, public).
YEAR_2023 = [
    (
        (2023, 2, 14),
        "1. Lägesbild 2023\n2. Medborgarlöftena 2023\n3. Räddningstjänstens iakttagelser",
        "Samordnaren redogjorde för lägesbilden. Räddningstjänsten rapporterade fler anlagda bränder vid "
        "återvinningsstationen.",
        ["Rådet ställer sig bakom lägesbilden 2023.", "Anlagda bränder följs upp vid nästa möte."],
        True,
    ),
    (
        (2023, 4, 18),
        "1. Trygghetsvandring i maj\n2. Valborg och skolavslutning",
        "Planeringen inför valborg och skolavslutning gicks igenom med polisen.",
        ["Trygghetsvandring genomförs i centrum den 16 maj.", "Nattvandring under valborg och skolavslutning."],
        False,
    ),
    (
        (2023, 6, 13),
        "1. Erfarenheter från våren\n2. Sommarens riskhelger",
        "Trygghetsvandringen genomfördes med 14 deltagare. Belysningen vid gångtunneln behöver åtgärdas.",
        ["Tekniska förvaltningen får i uppdrag att se över belysningen vid gångtunneln."],
        False,
    ),
    (
        (2023, 9, 12),
        "1. Skolstarten\n2. Näringslivets medverkan i rådet",
        "Rådet diskuterade hur näringslivet kan delta. Företagarna Norsjö deltar från och med i dag.",
        ["Företagarna Norsjö ingår i rådet.", "Andra trygghetsvandringen flyttas till oktober."],
        True,
    ),
    (
        (2023, 10, 17),
        "1. Höstens trygghetsvandring\n2. Krisberedskap och höjd beredskap",
        "Beredskapssamordnaren redogjorde för kommunens krisberedskap. Trygghetsvandringen ställdes in.",
        ["Trygghetsvandringen görs om under våren 2024."],
        False,
    ),
    (
        (2023, 12, 12),
        "1. Årsuppföljning 2023\n2. Nya medborgarlöften 2024",
        "Årets uppföljning gicks igenom. De flesta aktiviteterna genomfördes enligt plan.",
        ["Underlaget till årsuppföljningen 2023 godkänns.", "Nya medborgarlöften tas fram utifrån lägesbilden."],
        False,
    ),
]


@transaction.atomic
def load() -> list[str]:
    """Create the groups and their meetings; safe to run again."""
    orgs = {o.slug: o for o in Organization.objects.all()}
    users = {u.email: u for u in User.objects.all()}
    norsjo, samordnare = orgs["norsjo"], users["samordnare@norsjo.example"]
    if Group.objects.filter(organization=norsjo).exists():
        return []
    rad = group_services.create_group(
        norsjo,
        actor=samordnare,
        name="Folkhälso- och trygghetsrådet",
        kind=Group.Kind.TRYGGHETSRAD,
        purpose="Folkhälsorådet har bytt namn och ingår i kommunens samordning av det brottsförebyggande "
        "arbetet enligt lag (2023:196). Fler aktörer än förut ingår.",
    )
    group_services.add_party_member(
        rad,
        actor=samordnare,
        organization=orgs["lpo-skelleftea"],
        person=users["lpochef@skelleftea.example"],
        role="Lokalpolisområdeschef",
    )
    group_services.add_party_member(
        rad, actor=samordnare, organization=orgs["lpo-skelleftea"], person=users["kommunpolis@skelleftea.example"]
    )
    outside = {
        "räddning": group_services.add_outside_member(
            rad, actor=samordnare, outside_organization="Räddningstjänsten Norsjö", role="Räddningschef"
        ),
        "beredskap": group_services.add_outside_member(
            rad, actor=samordnare, outside_organization="Norsjö kommun, krisberedskap", role="Beredskapssamordnare"
        ),
    }
    for day, agenda, minutes, decisions, public in YEAR_2023:
        meeting = services.plan_meeting(
            rad,
            actor=samordnare,
            title="Folkhälso- och trygghetsrådet",
            starts_at=datetime.combine(date(*day), time(13, 0), tzinfo=TZ),
            ends_at=datetime.combine(date(*day), time(15, 0), tzinfo=TZ),
            place="Kommunhuset, sammanträdesrum Bjurträsk",
            agenda=agenda,
        )
        if day == (2023, 9, 12):
            outside["näringsliv"] = group_services.add_outside_member(
                rad, actor=samordnare, outside_organization="Företagarna Norsjö", role="Ordförande"
            )
        services.hold_meeting(meeting, actor=samordnare)
        present = [m for m in rad.members.all() if m.pk != outside["beredskap"].pk or day[1] in (2, 10, 12)]
        services.update_meeting(
            meeting, actor=samordnare, expected_version=meeting.version, minutes=minutes, attendees=present
        )
        for text in decisions:
            services.add_decision(meeting, actor=samordnare, text=text)
        services.approve_minutes(meeting, actor=samordnare, now=meeting.starts_at + timedelta(days=7))
        if public:
            services.set_minutes_public(meeting, actor=samordnare, public=True)
    coming = timezone.localdate() + timedelta(days=14)
    services.plan_meeting(
        rad,
        actor=samordnare,
        title="Folkhälso- och trygghetsrådet",
        starts_at=datetime.combine(coming, time(13, 0), tzinfo=TZ),
        place="Kommunhuset, sammanträdesrum Bjurträsk",
        link="https://meet.example/norsjo-trygghetsrad",
        agenda="1. Lägesbild\n2. Åtgärdsplan\n3. Övrigt",
    )

    lansstyrelsen, andt = orgs["lansstyrelsen-vasterbotten"], users["andt@lansstyrelsen-ac.example"]
    network = group_services.create_group(
        lansstyrelsen,
        actor=andt,
        name="Nätverket för brottsförebyggande arbete i småkommuner",
        kind=Group.Kind.NATVERK,
        purpose="Länsstyrelsens stöd till de mindre kommunerna i länet (seed 003).",
    )
    for slug in ("norsjo", "mala", "sorsele"):
        group_services.add_party_member(network, actor=andt, organization=orgs[slug], role="Samordnare")
    services.plan_meeting(
        network,
        actor=andt,
        title="Nätverksträff",
        starts_at=datetime.combine(coming + timedelta(days=7), time(9, 30), tzinfo=TZ),
        link="https://meet.example/lansstyrelsen-natverk",
        agenda="1. Lagen om kommuners ansvar – erfarenheter\n2. Brås stöd",
    )
    return []
