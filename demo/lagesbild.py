"""Demo lägesbilder built from the seed documents: Arvidsjaur and Arjeplog with LPO Piteå Älvdal
(seed 001), Norsjö (seed 002) and Umeå with LPO Umeå (seed 004)."""

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from django.db import transaction

from lagesbild.models import Indicator, Lagesbild, Measurement, Source, Theme
from lagesbild.services import (
    add_problem,
    add_source,
    adopt_lagesbild,
    create_indicator,
    create_lagesbild,
    record_measurement,
)
from samverkan.models import Organization

K = Source.Kind

# Shared text of the 2023–2026 pictures in Arvidsjaur and Arjeplog (seed 001).
INLAND_KARTLAGGNING = (
    "Den lokala lägesbilden bygger på medarbetarnas bild av utmaningar i området och synen på prioritering "
    "av problemen, på medborgarnas bild av vad som skapar otrygghet och vilka problem de upplever i sitt "
    "närområde, samt på lokal brottsstatistik från polisen, Brottsförebyggande rådet och kommunala "
    "undersökningar."
)
INLAND_ANNAN = (
    "Kommunen har kraftigt ökad befolkning under vissa tider på året, kopplat till främst turism, "
    "biltestverksamhet, marknadshelger och andra evenemang. Många ungdomar har hög rörlighet och rör sig "
    "naturligt över kommungränserna för utbildning, arbete och nöjen; många studerar på annan ort."
)
INLAND_ANALYS = (
    "Liknande problem finns i kommunerna: psykisk ohälsa bland unga, störande och olagliga trafikbeteenden, "
    "alkohol, narkotika och tobaksanvändning samt våldsutsatthet. Risken för brott ökar under perioderna med "
    "ökad befolkning, vilket ställer högre krav på samordning kring trafikarbete, alkoholtillsyn och "
    "ansvarsfull alkoholservering. Problembilderna bör hanteras gemensamt med tanke på glesbygdens "
    "begränsade resurser och stora geografiska avstånd."
)

INLAND_PROBLEMS = [
    {
        "title": "Alkohol, narkotika och tobak bland unga",
        "theme": "andt-s",
        "description": "Internet öppnar för större tillgång till narkotika och dopningspreparat än tidigare. "
        "Tobaksbruket bland unga kräver tobakstillsyn.",
        "when": "Helger, skollov och marknadshelger",
        "affected": "Unga i högstadiet och gymnasiet",
        "causes": [
            "Ökad tillgång till narkotika och dopningspreparat via internet",
            "Langning av alkohol och tobak till minderåriga",
            "Få drogfria mötesplatser för unga kvällstid",
        ],
    },
    {
        "title": "Störande och olagliga trafikbeteenden",
        "theme": "trafik",
        "description": "Störande körning, hastighet och rattfylleri, som ökar när befolkningen växer under "
        "turistsäsong, biltestverksamhet och evenemang.",
        "where": "Tätorten och vägarna till testbanorna",
        "when": "Vintersäsongen med biltester, marknadshelger",
        "affected": "Trafikanter och boende längs genomfartslederna",
        "causes": ["Tillfälligt ökad befolkning", "Långa avstånd och få polispatruller"],
    },
    {
        "title": "Psykisk ohälsa bland unga",
        "theme": "unga-och-psykisk-ohalsa",
        "description": "Unga som mår dåligt riskerar att hamna utanför skyddsnätet när de rör sig mellan kommunerna.",
        "affected": "Unga 13–20 år",
        "causes": ["Hög rörlighet över kommungränserna", "Studier på annan ort än hemkommunen"],
    },
    {
        "title": "Våldsutsatthet",
        "theme": "vald-i-nara-relation",
        "description": "Våld i nära relationer och våld i samband med alkohol under evenemang.",
        "when": "Evenemangshelger",
        "causes": ["Alkoholkonsumtion vid evenemang", "Dolt våld i nära relationer"],
    },
]

NORSJO_PROBLEMS = [
    {
        "title": "Narkotika och nyrekrytering av unga",
        "theme": "andt-s",
        "description": "Insatser mot narkotika behövs för att minska nyrekrytering och försvåra "
        "narkotikabrott, särskilt brott som begås av och kring ungdomar.",
        "affected": "Ungdomar",
        "causes": ["Unga börjar med narkotika eller alkohol", "Dold brottslighet som inte anmäls"],
    },
    {
        "title": "Brott och förseelser i trafikmiljön",
        "theme": "trafik",
        "description": "Störande körning, vårdslöshet i trafik, rattfylleri och olovlig körning.",
        "causes": ["Få trafikkontroller", "Rattfylleri efter fester"],
    },
    {
        "title": "Tillgreppsbrott",
        "theme": "tillgreppsbrott",
        "description": "Inbrott i bostäder, sommarstugor, industrier, butiker och andra objekt.",
        "where": "Fritidshusområden och industriområden",
        "when": "Sommarhalvåret",
        "causes": ["Obevakade fritidshus", "Stöldbegärlig egendom som inte är märkt"],
    },
    {
        "title": "Otrygghet och låg polisiär närvaro",
        "theme": "offentlig-miljo-och-trygghet",
        "description": "Invånarna vill se ökad polisiär närvaro och tillgänglighet.",
        "when": "Kvällar och helger",
        "causes": ["Långt till närmaste polisstation", "Få synliga patruller kvällstid"],
    },
]

UMEA_PROBLEMS = [
    {
        "title": "Organiserad brottslighet och rekrytering av unga",
        "theme": "organiserad-brottslighet",
        "description": "Risken ökar för grovt våld, narkotikahandel, rekrytering av barn och unga i kriminell "
        "verksamhet samt välfärdsbrott och otillåten påverkan.",
        "affected": "Barn och unga, kommunens verksamheter",
        "causes": ["En alltmer etablerad organiserad brottslighet", "Narkotikamarknad som lockar unga"],
    },
    {
        "title": "Våld i nära relation",
        "theme": "vald-i-nara-relation",
        "description": "Ett angeläget samhällsproblem där utvecklingen går åt fel håll; behov av förebyggande "
        "insatser och riktade insatser mot de som utövar våldet.",
        "causes": ["Dolt våld som inte anmäls", "Få insatser riktade mot våldsutövare"],
    },
    {
        "title": "Trygga och säkra offentliga miljöer",
        "theme": "offentlig-miljo-och-trygghet",
        "description": "Säkra och väl underhållna gator, parker och bostadsområden, och trygghet i trafiken "
        "oavsett färdsätt.",
        "where": "Centrum, parker och stråk",
        "causes": ["Platser som är brottsattraherande", "Dålig belysning på vissa stråk"],
    },
]

POLICE_PROBLEMS = [
    {
        "title": "Trafikbrott och rattfylleri",
        "theme": "trafik",
        "description": "Polisens statistik visar fler trafikbrott under säsongerna med hög befolkning.",
        "causes": ["Säsongsvis ökad trafik"],
    },
    {
        "title": "Narkotikabrott bland unga",
        "theme": "andt-s",
        "description": "Fler ungdomar lagförs för eget bruk; försäljning sker via sociala medier.",
        "causes": ["Försäljning via sociala medier och krypterade appar"],
    },
]


def _picture(
    organization: Organization,
    *,
    title: str,
    period: tuple[date, date],
    texts: tuple[str, str, str],
    sources: Sequence[tuple[str, str, date, str]],
    problems: list[dict],
    adopted: tuple[date, str] | None,
) -> Lagesbild:
    existing = Lagesbild.objects.filter(organization=organization, title=title).first()
    if existing is not None:
        return existing
    lagesbild = create_lagesbild(
        organization,
        actor=None,
        title=title,
        period_start=period[0],
        period_end=period[1],
        kartlaggning=texts[0],
        annan_information=texts[1],
        analys=texts[2],
    )
    created_sources = [
        add_source(lagesbild, actor=None, kind=kind, title=name, date=day, description=desc)
        for kind, name, day, desc in sources
    ]
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    for spec in problems:
        spec = dict(spec)
        add_problem(
            lagesbild,
            actor=None,
            theme=themes[spec.pop("theme")],
            causes=spec.pop("causes", []),
            sources=created_sources,
            **spec,
        )
    if adopted:
        adopt_lagesbild(lagesbild, actor=None, adopted_on=adopted[0], adopted_by=adopted[1])
    return lagesbild


def _indicator(
    organization: Organization,
    *,
    name: str,
    unit: str,
    source: str,
    baseline: tuple[int, str],
    values: list[tuple[int, str]],
    lower_is_better: bool = True,
) -> Indicator:
    indicator = Indicator.objects.filter(organization=organization, name=name).first()
    if indicator is None:
        indicator = create_indicator(
            organization,
            actor=None,
            name=name,
            unit=unit,
            source=source,
            baseline_year=baseline[0],
            baseline_value=Decimal(baseline[1]),
            lower_is_better=lower_is_better,
        )
    for year, value in values:
        record_measurement(
            indicator,
            actor=None,
            period_start=date(year, 1, 1),
            granularity=Measurement.Granularity.YEAR,
            value=Decimal(value),
        )
    return indicator


@transaction.atomic
def load() -> list[str]:
    """Create the demo lägesbilder and indicators; safe to run again."""
    orgs = {org.slug: org for org in Organization.objects.all()}
    inland_sources = [
        (
            K.MEDARBETARDIALOG,
            "Nätverksträffar med samordnare, kontaktpersoner och polis",
            date(2022, 10, 12),
            "Samordnarnas och polisens syn på prioriteringar.",
        ),
        (K.MEDBORGARDIALOG, "Medborgardialog om otrygghet", date(2022, 9, 20), "Öppna möten i centralorten."),
        (K.POLISENS_STATISTIK, "Polisens brottsstatistik 2020–2022", date(2022, 11, 1), ""),
        (K.KOMMUNAL_UNDERSOKNING, "Skolenkät om drogvanor, år 9 och gymnasiet år 2", date(2022, 5, 15), ""),
        (K.FALTRAPPORT, "Fältrapporter från fritidsgården", date(2022, 8, 30), "Sammanställning, inga namn."),
    ]
    for slug, name in (("arvidsjaur", "Arvidsjaur"), ("arjeplog", "Arjeplog")):
        _picture(
            orgs[slug],
            title=f"Lägesbild {name} 2023–2026",
            period=(date(2023, 1, 1), date(2026, 12, 31)),
            texts=(INLAND_KARTLAGGNING, INLAND_ANNAN, INLAND_ANALYS),
            sources=inland_sources,
            problems=INLAND_PROBLEMS,
            adopted=(date(2023, 2, 20), "Kommunstyrelsen"),
        )
    _picture(
        orgs["lpo-pitea-alvdal"],
        title="Polisens lokala lägesbild Piteå Älvdal 2023–2026",
        period=(date(2023, 1, 1), date(2026, 12, 31)),
        texts=(
            "Polisens statistik över anmälda brott i Arvidsjaur och Arjeplog, och medarbetarnas bild från "
            "medarbetardialoger.",
            "Biltestverksamheten och marknadshelgerna kräver särskild planering av polisens resurser.",
            "Trafikbrott och narkotikabrott bland unga är polisens främsta gemensamma problem med kommunerna.",
        ),
        sources=[
            (K.POLISENS_STATISTIK, "Anmälda brott per kommun 2020–2022", date(2022, 12, 1), ""),
            (K.MEDARBETARDIALOG, "Medarbetardialog LPO Piteå Älvdal", date(2022, 11, 10), ""),
        ],
        problems=POLICE_PROBLEMS,
        adopted=(date(2023, 2, 1), "Lokalpolisområdeschefen"),
    )
    _picture(
        orgs["norsjo"],
        title="Gemensam lägesbild Norsjö 2019–2023",
        period=(date(2019, 1, 1), date(2023, 12, 31)),
        texts=(
            "Framtagen genom medborgardialoger, det vill säga öppna möten med nyckelgrupper, medarbetardialoger "
            "och en webbenkät. Polis och representanter för kommunen har gemensamt analyserat svaren.",
            "Mötena har präglats av tvåvägskommunikation och ett öppet och aktivt lyssnande.",
            "Från svaren har fyra fokusområden framträtt där invånarna vill att arbetet ska intensifieras och "
            "prioriteras. De berör såväl social som situationell brottsprevention och trygghetsskapande arbete.",
        ),
        sources=[
            (K.MEDBORGARDIALOG, "Öppna möten med nyckelgrupper", date(2018, 10, 15), ""),
            (K.MEDARBETARDIALOG, "Medarbetardialoger i kommunen och hos polisen", date(2018, 10, 30), ""),
            (K.WEBBENKAT, "Webbenkät om trygghet i Norsjö", date(2018, 11, 20), "Öppen för alla invånare."),
        ],
        problems=NORSJO_PROBLEMS,
        adopted=(date(2018, 12, 10), "Folkhälso- och trygghetsrådet"),
    )
    _picture(
        orgs["norsjo"],
        title="Lägesbild Norsjö 2024–2027",
        period=(date(2024, 1, 1), date(2027, 12, 31)),
        texts=(
            "Kartläggning enligt lagen (2023:196): anmälda brott, trygghetsmätning och fältrapporter.",
            "Folkhälsorådet har bytt namn till folkhälso- och trygghetsrådet och har fler aktörer än förut, "
            "bland andra räddningstjänst och beredskapssamordnare.",
            "",
        ),
        sources=[(K.BRA_ANMALDA_BROTT, "Brå: anmälda brott i Norsjö 2019–2023", date(2024, 3, 1), "")],
        problems=NORSJO_PROBLEMS[:2],
        adopted=None,
    )
    _picture(
        orgs["umea"],
        title="Lokal lägesbild Umeå 2025–2027",
        period=(date(2025, 1, 1), date(2027, 12, 31)),
        texts=(
            "Umeå har en låg brottslighet och höga värden när det gäller trygghet och mellanmänsklig tillit.",
            "Region Västerbotten, näringsliv och civilsamhälle involveras vid behov.",
            "Samverkan prioriteras inom områden med hög påverkan på människors säkerhet och trygghet, och på "
            "Umeås hållbara tillväxt.",
        ),
        sources=[
            (K.NTU, "NTU 2024, Umeå", date(2024, 12, 1), ""),
            (K.KOMMUNAL_UNDERSOKNING, "LUPP 2024", date(2024, 6, 1), ""),
            (K.TRYGGHETSVANDRING, "Trygghetsvandringar i centrum", date(2024, 9, 18), ""),
        ],
        problems=UMEA_PROBLEMS,
        adopted=(date(2025, 1, 20), "Kommunstyrelsen"),
    )
    _picture(
        orgs["lpo-umea"],
        title="Polisens lokala lägesbild Umeå 2025–2027",
        period=(date(2025, 1, 1), date(2027, 12, 31)),
        texts=(
            "Polisens statistik och underrättelser.",
            "",
            "Organiserad brottslighet och våld prioriteras.",
        ),
        sources=[(K.POLISENS_STATISTIK, "Anmälda brott LPO Umeå 2022–2024", date(2024, 12, 15), "")],
        problems=[
            {
                "title": "Kriminella nätverk och rekrytering",
                "theme": "organiserad-brottslighet",
                "description": "Rekrytering av unga till narkotikaförsäljning.",
                "causes": ["Etablerade nätverk"],
            },
            {
                "title": "Våld i nära relation",
                "theme": "vald-i-nara-relation",
                "description": "Ökat antal anmälningar.",
                "causes": ["Ökad anmälningsbenägenhet", "Återfall"],
            },
        ],
        adopted=(date(2025, 1, 15), "Lokalpolisområdeschefen"),
    )

    _indicator(
        orgs["norsjo"],
        name="Anmälda tillgreppsbrott per 1 000 invånare",
        unit="per 1 000 invånare",
        source="Brå, anmälda brott",
        baseline=(2018, "21.4"),
        values=[
            (2019, "20.1"),
            (2020, "18.7"),
            (2021, "19.2"),
            (2022, "16.9"),
            (2023, "15.8"),
            (2024, "15.1"),
        ],
    )
    _indicator(
        orgs["norsjo"],
        name="Andel som känner sig trygga ute ensamma sent en kväll",
        unit="procent",
        source="Webbenkät och trygghetsmätning",
        baseline=(2018, "71"),
        values=[(2019, "72"), (2021, "74"), (2023, "78")],
        lower_is_better=False,
    )
    for slug in ("arvidsjaur", "arjeplog"):
        _indicator(
            orgs[slug],
            name="Andel elever i år 9 som har använt narkotika",
            unit="procent",
            source="Skolenkät om drogvanor",
            baseline=(2022, "6" if slug == "arvidsjaur" else "5"),
            values=[(2020, "7"), (2021, "6"), (2022, "6"), (2023, "5"), (2024, "4")],
        )
        _indicator(
            orgs[slug],
            name="Trafikolyckor med personskada",
            unit="antal per år",
            source="Polisens statistik",
            baseline=(2022, "14" if slug == "arvidsjaur" else "11"),
            values=[(2020, "16"), (2021, "15"), (2022, "14"), (2023, "12"), (2024, "13")],
        )
    _indicator(
        orgs["umea"],
        name="Anmälda misshandelsbrott mot kvinna i nära relation",
        unit="per 100 000 invånare",
        source="Brå, anmälda brott",
        baseline=(2024, "212"),
        values=[(2021, "198"), (2022, "205"), (2023, "209"), (2024, "212"), (2025, "207")],
    )
    return []
