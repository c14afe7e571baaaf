"""Demo del 2: Norsjö's medborgarlöften 2019–2023 with every activity and target of seed 002,
del 2 plans for Arvidsjaur and Arjeplog under their agreement (seed 001), and a medborgarlöfte
for Umeå (seed 004). Goals and the activities outside seed 002 are illustrative."""

from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction

from agreements.models import Agreement, FocusArea
from lagesbild.models import Indicator
from medborgarloften import services
from medborgarloften.models import Activity, LocalPlan, LofteSignature, Medborgarlofte
from medborgarloften.targets import TargetKind, Unit
from samverkan.models import Organization, User

STOCKHOLM = ZoneInfo("Europe/Stockholm")
Responsible = Activity.Responsible


def act(heading: str, what: str, target: dict[str, Any], responsible: str, **extra: Any) -> dict[str, Any]:
    return {"heading": heading, "what": what, "responsible": responsible, **target, **extra}


def per(
    count: int, unit: str, text: str, *, minimum: bool = False, every: int = 1, multiplier: int = 1, label: str = ""
) -> dict[str, Any]:
    return {
        "target_kind": TargetKind.QUANTITY,
        "target_count": count,
        "target_unit": unit,
        "target_minimum": minimum,
        "target_every": every,
        "target_multiplier": multiplier,
        "target_multiplier_label": label,
        "target_text": text,
    }


def trigger(text: str) -> dict[str, Any]:
    return {"target_kind": TargetKind.TRIGGER, "target_text": text}


def ongoing(text: str) -> dict[str, Any]:
    return {"target_kind": TargetKind.CONTINUOUS, "target_text": text}


NORSJO_ACTIVITIES = [
    act(
        "Narkotika/livsstilskriminella",
        "Aktivt användande av rättegångsbalken",
        per(1, Unit.MONTH, "Som minst 1 gång i månaden", minimum=True),
        Responsible.POLIS,
        description="Underrättelsebaserat arbete. Lagföring – beslag av narkotika.",
        follow_up="Antal ingripanden",
    ),
    act("Tillgreppsbrott", "Märk-DNA", ongoing("Kontinuerligt"), Responsible.POLIS),
    act(
        "Tillgreppsbrott",
        "Information till allmänhet, företagare m.fl.",
        per(2, Unit.YEAR, "Lägga ut information på hemsidor och Norsjöbladet 2 gånger/år"),
        Responsible.KOMMUN,
    ),
    act("Tillgreppsbrott", "Riktad patrullering i valda områden", ongoing("Varje arbetspass"), Responsible.POLIS),
    act(
        "Minska nyrekrytering av unga som börjar med narkotika eller alkohol",
        "Besöka miljöer där ungdomar vistas",
        trigger("Vid behov"),
        Responsible.BADA,
        description="Stänga fester. Kontakta vårdnadshavare.",
    ),
    act(
        "Trafikkontroller",
        "Hastighet, alkohol och drograttfylla m.m.",
        per(10, Unit.MONTH, "Minst 10 kontroller per månad", minimum=True),
        Responsible.POLIS,
        follow_up="Antal kontroller",
    ),
    act(
        "Informations- eller kunskapshöjande åtgärder",
        "Samverkan med andra aktörer i samhället",
        per(4, Unit.YEAR, "Minst 4 möten per år med olika nyckelgrupper", minimum=True),
        Responsible.BADA,
        description="Dialog med aktörer i det drog- och brottsförebyggande arbetet.",
        partners="Förebyggarrådet, föreningar, organisationer, hälsocentralen m.fl.",
    ),
    act(
        "Informations- eller kunskapshöjande åtgärder",
        "Informationsinsatser inom narkotikaområdet och trafik till föräldrar och personal inom barn- och "
        "ungdomsverksamhet",
        per(1, Unit.YEAR, "1 gång per år på föräldramöten och personalträffar"),
        Responsible.BADA,
    ),
    act(
        "Informations- eller kunskapshöjande åtgärder",
        "Klassrumsbesök",
        per(1, Unit.YEAR, "Besöka klasserna år 6–9 1 gång per år", multiplier=4, label="klass, år 6–9"),
        Responsible.POLIS,
        description="Kunskapshöjning till eleverna inom lag och rätt och området ANDT, trafik och kränkande "
        "behandling.",
        partners="mentorer",
    ),
    act(
        "Informations- eller kunskapshöjande åtgärder",
        "Fritidsgårdsbesök",
        per(1, Unit.WEEKEND, "Var tredje helg besöka fritidsgårdens öppna verksamhet", every=3),
        Responsible.POLIS,
        description="Kunskapshöjning till ungdomar inom lag och rätt och området ANDT, trafik och kränkande "
        "behandling.",
        partners="fritidsledare och ungdomar",
    ),
    act("Trygghetsskapande åtgärder", "Trygghetsvandring", per(2, Unit.YEAR, "2 gånger per år"), Responsible.KOMMUN),
    act(
        "Trygghetsskapande åtgärder",
        "Dörrknackning i valda områden",
        per(2, Unit.YEAR, "2 gånger per år"),
        Responsible.POLIS,
    ),
    act(
        "Trygghetsskapande åtgärder",
        "Ökad polisnärvaro i kommunen under kvällar och helger",
        ongoing("Löpande under året"),
        Responsible.POLIS,
    ),
    act(
        "Trygghetsskapande åtgärder",
        "Nattvandring",
        trigger("Under riskhelger, löpande under året"),
        Responsible.BADA,
        partners="fritidsgården",
    ),
]

NORSJO_EFFECTS = [
    "Ökad upplevd trygghet.",
    "Minska brottslighet.",
    "En förflyttning av dold brottslighet till synlig brottslighet. Viktigt speciellt när det gäller ungdomar.",
    "Medborgarna ska göras mer delaktiga i det trygghetsskapande och brottsförebyggande arbetet.",
    "Polisen och Norsjö kommun ökar samarbetet, vilket förväntas öka förtroendet och tilliten samt effektivisera "
    "arbetet för båda parter.",
]


def inland_activities(kommun: str) -> list[dict[str, Any]]:
    return [
        act(
            "Alkohol, narkotika och tobak",
            "Tobakstillsyn med polis",
            per(4, Unit.YEAR, "4 gånger per år"),
            Responsible.BADA,
            partners="tobakshandläggare",
        ),
        act(
            "Alkohol, narkotika och tobak",
            "Föräldrainformation om narkotika och internethandel",
            per(1, Unit.YEAR, "1 gång per år på föräldramöten"),
            Responsible.KOMMUN,
            partners="skolan",
        ),
        act(
            "Trafik",
            "Trafikkontroller under biltestsäsongen och marknadshelger",
            per(8, Unit.MONTH, "Minst 8 kontroller per månad", minimum=True),
            Responsible.POLIS,
        ),
        act(
            "Trafik",
            "Ansvarsfull alkoholservering och alkoholtillsyn vid evenemang",
            trigger("Vid marknadshelger och större evenemang"),
            Responsible.BADA,
            partners="restaurangerna",
        ),
        act(
            "Unga och psykisk ohälsa",
            "Samordnad uppföljning av unga som studerar på annan ort",
            per(2, Unit.YEAR, "2 gånger per år"),
            Responsible.KOMMUN,
            partners="elevhälsan, socialtjänsten",
        ),
        act(
            "Trygghet",
            "Trygghetsvandring i centrum",
            per(1, Unit.YEAR, "1 gång per år"),
            Responsible.KOMMUN,
            partners="fastighetsägare, föreningar",
        ),
        act(
            "Trygghet",
            "Polisnärvaro vid skolor och fritidsgård",
            per(2, Unit.MONTH, "2 gånger per månad"),
            Responsible.POLIS,
        ),
        act(
            "Våldsutsatthet",
            "Information om stöd vid våld i nära relation",
            per(2, Unit.YEAR, "2 gånger per år"),
            Responsible.KOMMUN,
            partners="kvinnojouren",
        ),
    ]


UMEA_ACTIVITIES = [
    act(
        "Organiserad brottslighet",
        "Gemensam lägesbild om rekrytering av unga",
        per(4, Unit.YEAR, "Varje kvartal"),
        Responsible.BADA,
        partners="socialtjänsten, skolan",
    ),
    act(
        "Organiserad brottslighet",
        "Föräldramöten om risker för rekrytering",
        per(6, Unit.YEAR, "6 gånger per år"),
        Responsible.BADA,
    ),
    act(
        "Våld i nära relation",
        "Riktade insatser mot de som utövar våld",
        ongoing("Löpande"),
        Responsible.KOMMUN,
        partners="Region Västerbotten",
    ),
    act(
        "Trygga offentliga miljöer",
        "Trygghetsvandring",
        per(3, Unit.YEAR, "3 gånger per år"),
        Responsible.KOMMUN,
        partners="bostadsbolag, föreningar",
    ),
    act(
        "Trygga offentliga miljöer",
        "Synlig polisnärvaro i centrum helgkvällar",
        per(1, Unit.WEEKEND, "Varje helg", minimum=True),
        Responsible.POLIS,
    ),
]


@dataclass
class PlanSpec:
    agreement_title: str
    kommun: str
    police: str
    title: str
    period: tuple[date, date]
    lofte_title: str
    activities: list[dict[str, Any]]
    effects: list[str]
    dialogues: list[str]
    signers: tuple[str, str]
    introduction: str = ""
    dialogue_description: str = ""
    kommunikation: str = ""
    goals: list[dict[str, Any]] = field(default_factory=list)
    occasions: list[tuple[str, datetime, str]] = field(default_factory=list)
    #: The day both sides signed and published the promise on paper; its start date unless given.
    signed_on: date | None = None


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=STOCKHOLM)


PLANS = [
    PlanSpec(
        agreement_title="Samverkansavtal mellan polisen och Norsjö kommun 2019–2022",
        kommun="norsjo",
        police="lpo-skelleftea",
        title="Norsjö kommuns genomförandeplan 2019–2023",
        period=(date(2019, 1, 1), date(2023, 12, 31)),
        lofte_title="Norsjö – medborgarlöften 2019–2023",
        activities=NORSJO_ACTIVITIES,
        effects=NORSJO_EFFECTS,
        dialogues=["medborgardialog", "medarbetardialog", "webbenkat"],
        signers=("kommunchef@norsjo.example", "lpochef@skelleftea.example"),
        # Not given in seed 002; the demo takes the day the agreement was signed.
        signed_on=date(2018, 12, 17),
        introduction=(
            "Följande avtal ingås härmed avseende samarbete mellan polis och Norsjö kommun i syfte att arbeta "
            "brottsförebyggande, minska brottsligheten och öka tryggheten. Åtagandena är mätbara och ska fortlöpande "
            "utvärderas under avtalsperioden."
        ),
        dialogue_description=(
            "Framtagandet av medborgarlöftena har föregåtts av medborgardialoger, det vill säga öppna möten med "
            "nyckelgrupper, medarbetardialoger och webbenkät. Mötena har präglats av tvåvägskommunikation och ett "
            "öppet och aktivt lyssnande. Polis och representanter för kommunen har gemensamt analyserat svaren."
        ),
        kommunikation=(
            "Redovisningen av arbetet och resultatet kommuniceras ut via kommunens och polisens hemsidor samt i "
            "Norsjöbladet som skickas ut till alla hushåll i kommunen. Årligen görs justeringar i genomförandeplanen."
        ),
        goals=[
            {
                "what": "Färre anmälda tillgreppsbrott",
                "measure": "Anmälda tillgreppsbrott per 1 000 invånare (Brå)",
                "target_value": "under 16",
                "target_date": date(2023, 12, 31),
                "focus": "Insatser mot tillgreppsbrott",
            },
            {
                "what": "Fler känner sig trygga",
                "measure": "Andel som känner sig trygga ute ensamma sent en kväll",
                "target_value": "minst 78 %",
                "target_date": date(2023, 12, 31),
                "focus": "Trygghetsskapande arbete",
            },
        ],
    ),
    *[
        PlanSpec(
            agreement_title="Samverkansöverenskommelse mellan Polismyndigheten, Arvidsjaur kommun och Arjeplog kommun",
            kommun=slug,
            police="lpo-pitea-alvdal",
            title=f"Del 2 – lokal handlingsplan {name} 2023–2026",
            period=(date(2023, 3, 15), date(2026, 12, 31)),
            lofte_title=f"Medborgarlöfte {name} 2023–2026",
            activities=inland_activities(slug),
            effects=[
                "Ökad upplevd trygghet.",
                "Minskad användning av narkotika och tobak bland unga.",
                "Färre trafikolyckor under säsongerna med många besökare.",
            ],
            dialogues=["medborgardialog", "medarbetardialog"],
            signers=(f"kommunalrad@{slug}.example", "lpochef@pitea.example"),
            dialogue_description="Medborgardialog och nätverksträffar med samordnare, kontaktpersoner och polis.",
            kommunikation="Arbetet redovisas på kommunens och polisens webbplatser och i lokalpressen.",
            goals=[
                {
                    "what": "Färre unga som använder narkotika",
                    "measure": "Andel elever i år 9 som har använt narkotika (skolenkät)",
                    "target_value": "under 4 %",
                    "target_date": date(2026, 12, 31),
                    "focus": "Alkohol, narkotika, doping, tobak och spel (ANDT-S)",
                },
                {
                    "what": "Färre trafikolyckor med personskada",
                    "measure": "Antal per år (polisens statistik)",
                    "target_value": "högst 10",
                    "target_date": date(2026, 12, 31),
                    "focus": "Brottsförebyggande arbete (BRÅ)",
                },
            ],
            occasions=[("Trygghetsvandring i centrum", _at(date(2026, 12, 3), 18), "Torget")],
        )
        for slug, name in (("arvidsjaur", "Arvidsjaur"), ("arjeplog", "Arjeplog"))
    ],
    PlanSpec(
        agreement_title="Överenskommelse om samverkan och prioriteringar mellan Umeå kommun och Polismyndigheten "
        "2025–2027",
        kommun="umea",
        police="lpo-umea",
        title="Umeå kommuns handlingsplan 2025–2027",
        period=(date(2025, 3, 11), date(2027, 12, 31)),
        lofte_title="Medborgarlöfte Umeå 2025–2027",
        activities=UMEA_ACTIVITIES,
        effects=["Ökad trygghet i offentliga miljöer.", "Färre barn och unga rekryteras till kriminalitet."],
        dialogues=["medborgardialog", "trygghetsvandring"],
        signers=("ledning@umea.example", "lpochef@umea.example"),
        dialogue_description=(
            "Medborgare har getts möjlighet till delaktighet i utvecklingen av lägesbild och åtgärder."
        ),
        goals=[
            {
                "what": "Färre anmälda misshandelsbrott i nära relation",
                "measure": "Anmälda brott per 100 000 invånare",
                "target_value": "under 200",
                "target_date": date(2027, 12, 31),
                "focus": "Arbeta förebyggande mot våld och stötta särskilt utsatta brottsoffer",
            },
        ],
        occasions=[("Trygghetsvandring", _at(date(2027, 4, 22), 18), "Haga")],
    ),
]


# Which focus area an activity heading belongs to, by words they share.
HEADING_WORDS = {
    "narkotika": ("narkotika", "andt"),
    "tillgrepp": ("tillgrepp",),
    "trafik": ("trafik", "brå"),
    "trygg": ("trygg", "brå", "offentliga"),
    "informations": ("narkotika", "andt"),
    "alkohol": ("andt", "narkotika"),
    "unga": ("hälsa",),
    "våld": ("våld", "brå"),
    "organiserad": ("organiserad",),
}


def _belongs(heading: str, area_title: str) -> bool:
    heading, title = heading.lower(), area_title.lower()
    return any(key in heading and any(word in title for word in words) for key, words in HEADING_WORDS.items())


def _build(spec: PlanSpec, orgs: dict[str, Organization], people: dict[str, User]) -> None:
    agreement = Agreement.objects.get(title=spec.agreement_title)
    if LocalPlan.objects.filter(agreement=agreement, organization=orgs[spec.kommun]).exists():
        return
    plan = services.create_plan(
        agreement,
        actor=None,
        organization=orgs[spec.kommun],
        title=spec.title,
        period_start=spec.period[0],
        period_end=spec.period[1],
        kommunikation=spec.kommunikation,
    )
    areas = {area.title: area for area in FocusArea.objects.filter(agreement=agreement)}
    for goal in spec.goals:
        goal = dict(goal)
        services.add_goal(plan, actor=None, focus_area=areas[goal.pop("focus")], **goal)
    lofte = services.create_lofte(
        plan,
        actor=None,
        title=spec.lofte_title,
        period_start=spec.period[0],
        period_end=spec.period[1],
        police_area=orgs[spec.police],
        focus_areas=list(areas.values()),
        introduction=spec.introduction,
        dialogues=spec.dialogues,
        dialogue_description=spec.dialogue_description,
        kommun_signatory=people[spec.signers[0]].full_name,
        police_signatory=people[spec.signers[1]].full_name,
    )
    services.set_effects(lofte, actor=None, texts=spec.effects)
    indicators = list(Indicator.objects.filter(organization=orgs[spec.kommun]))
    for effect in lofte.effects.all():
        if indicators:
            services.link_effect_indicators(effect, actor=None, indicators=indicators[:1])
    for activity in spec.activities:
        plan.refresh_from_db()
        area = next((a for a in areas.values() if _belongs(activity["heading"], a.title)), None)
        services.add_activity(lofte, actor=None, expected_version=plan.version, focus_area=area, **activity)
    for what, starts_at, place in spec.occasions:
        services.add_occasion(
            Activity.objects.get(lofte=lofte, what=what), actor=None, starts_at=starts_at, place=place
        )
    for email, org in ((spec.signers[0], orgs[spec.kommun]), (spec.signers[1], orgs[spec.police])):
        services.sign_lofte(lofte, actor=people[email], organization=org)
    services.publish_lofte(Medborgarlofte.objects.get(pk=lofte.pk), actor=None)
    # The promises were signed and published on paper on their own dates, which no service sets:
    # the demo records them on the rows the services made, so nothing looks signed today.
    signed_at = _at(spec.signed_on or spec.period[0], 10)
    LofteSignature.all_objects.filter(lofte=lofte).update(signed_at=signed_at)
    Medborgarlofte.all_objects.filter(pk=lofte.pk).update(published_at=signed_at)


@transaction.atomic
def load() -> list[str]:
    """Create the demo del 2 plans and medborgarlöften; safe to run again."""
    orgs = {org.slug: org for org in Organization.objects.all()}
    people = {user.email: user for user in User.objects.all()}
    for spec in PLANS:
        _build(spec, orgs, people)
    return []
