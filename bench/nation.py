"""What the benchmark's national dataset holds (bench/scale.py builds it): the 21 län with their
real number of kommuner and their polisregion, the people of each kind of organisation, and what
every kommun's lägesbild, agreement and medborgarlöfte contain."""

from typing import Any

from samverkan.models import Organization

# länskod, län, number of kommuner, polisregion
COUNTIES = [
    ("01", "Stockholms län", 26, "Stockholm"),
    ("03", "Uppsala län", 8, "Mitt"),
    ("04", "Södermanlands län", 9, "Öst"),
    ("05", "Östergötlands län", 13, "Öst"),
    ("06", "Jönköpings län", 13, "Öst"),
    ("07", "Kronobergs län", 8, "Syd"),
    ("08", "Kalmar län", 12, "Syd"),
    ("09", "Gotlands län", 1, "Stockholm"),
    ("10", "Blekinge län", 5, "Syd"),
    ("12", "Skåne län", 33, "Syd"),
    ("13", "Hallands län", 6, "Väst"),
    ("14", "Västra Götalands län", 49, "Väst"),
    ("17", "Värmlands län", 16, "Bergslagen"),
    ("18", "Örebro län", 12, "Bergslagen"),
    ("19", "Västmanlands län", 10, "Mitt"),
    ("20", "Dalarnas län", 15, "Bergslagen"),
    ("21", "Gävleborgs län", 10, "Mitt"),
    ("22", "Västernorrlands län", 7, "Mitt"),
    ("23", "Jämtlands län", 8, "Mitt"),
    ("24", "Västerbottens län", 15, "Nord"),
    ("25", "Norrbottens län", 14, "Nord"),
]
REGIONS = ["Nord", "Mitt", "Stockholm", "Öst", "Väst", "Syd", "Bergslagen"]

FIRST_NAMES = ["Alva", "Berit", "Cecilia", "David", "Elias", "Frida", "Gustav", "Hanna", "Isak", "Johanna", "Kerstin"]
LAST_NAMES = ["Ahlberg", "Bergsten", "Dahlgren", "Ekholm", "Falk", "Granlund", "Holmqvist", "Lindvall", "Norberg"]

# The people of each kind of organisation: role, title, e-mail name.
PEOPLE: dict[str, list[tuple[str, str, str]]] = {
    Organization.Kind.KOMMUN: [
        ("samordnare", "Brottsförebyggande samordnare", "samordnare"),
        ("ledning", "Kommundirektör", "kommundirektor"),
        ("lasare", "Folkhälsostrateg", "folkhalsa"),
    ],
    Organization.Kind.LOKALPOLISOMRADE: [
        ("kontaktperson", "Kommunpolis", "kommunpolis"),
        ("ledning", "Lokalpolisområdeschef", "lpochef"),
        ("samordnare", "Områdespolis", "omradespolis"),
    ],
    Organization.Kind.LANSSTYRELSE: [
        ("samordnare", "Brottsförebyggande samordnare", "samordnare"),
        ("lasare", "Utvecklingsledare", "utveckling"),
        ("ledning", "Länsråd", "lansrad"),
    ],
    Organization.Kind.POLISREGION: [
        ("ledning", "Regionpolischef", "regionpolischef"),
        ("samordnare", "Samverkanssamordnare", "samverkan"),
        ("lasare", "Analytiker", "analys"),
    ],
}


def _per(
    count: int, unit: str, text: str, *, minimum: bool = False, every: int = 1, multiplier: int = 1, label: str = ""
) -> dict[str, Any]:
    return {
        "target_kind": "antal",
        "target_count": count,
        "target_unit": unit,
        "target_minimum": minimum,
        "target_every": every,
        "target_multiplier": multiplier,
        "target_multiplier_label": label,
        "target_text": text,
    }


def _other(kind: str, text: str) -> dict[str, Any]:
    return {"target_kind": kind, "target_text": text}


# The shape of seed 002's medborgarlöfte (its 14 activities: heading, what, target, who is
# responsible) and one more, for every kommun. The benchmark's own copy: it needs the mix of
# targets, not the demo data.
_SEED_002 = [
    (
        "Narkotika/livsstilskriminella",
        "Aktivt användande av rättegångsbalken",
        _per(1, "manad", "Som minst 1 gång i månaden", minimum=True),
        "polis",
    ),
    ("Tillgreppsbrott", "Märk-DNA", _other("lopande", "Kontinuerligt"), "polis"),
    ("Tillgreppsbrott", "Information till allmänhet, företagare m.fl.", _per(2, "ar", "2 gånger/år"), "kommun"),
    ("Tillgreppsbrott", "Riktad patrullering i valda områden", _other("lopande", "Varje arbetspass"), "polis"),
    (
        "Minska nyrekrytering av unga som börjar med narkotika eller alkohol",
        "Besöka miljöer där ungdomar vistas",
        _other("vid_behov", "Vid behov"),
        "bada",
    ),
    (
        "Trafikkontroller",
        "Hastighet, alkohol och drograttfylla m.m.",
        _per(10, "manad", "Minst 10 kontroller per månad", minimum=True),
        "polis",
    ),
    (
        "Informations- eller kunskapshöjande åtgärder",
        "Samverkan med andra aktörer i samhället",
        _per(4, "ar", "Minst 4 möten per år", minimum=True),
        "bada",
    ),
    (
        "Informations- eller kunskapshöjande åtgärder",
        "Information till föräldrar och personal",
        _per(1, "ar", "1 gång per år"),
        "bada",
    ),
    (
        "Informations- eller kunskapshöjande åtgärder",
        "Klassrumsbesök",
        _per(1, "ar", "Besöka klasserna år 6–9 1 gång per år", multiplier=4, label="klass, år 6–9"),
        "polis",
    ),
    (
        "Informations- eller kunskapshöjande åtgärder",
        "Fritidsgårdsbesök",
        _per(1, "helg", "Var tredje helg", every=3),
        "polis",
    ),
    ("Trygghetsskapande åtgärder", "Trygghetsvandring", _per(2, "ar", "2 gånger per år"), "kommun"),
    ("Trygghetsskapande åtgärder", "Dörrknackning i valda områden", _per(2, "ar", "2 gånger per år"), "polis"),
    ("Trygghetsskapande åtgärder", "Ökad polisnärvaro kvällar och helger", _other("lopande", "Löpande"), "polis"),
    ("Trygghetsskapande åtgärder", "Nattvandring", _other("vid_behov", "Under riskhelger"), "bada"),
    (
        "Trygghetsskapande åtgärder",
        "Polisnärvaro vid skolor och fritidsgård",
        _per(4, "manad", "Minst 4 besök per månad", minimum=True),
        "polis",
    ),
]
ACTIVITIES = [
    {"heading": heading, "what": what, "responsible": responsible, **target}
    for heading, what, target, responsible in _SEED_002
]
EFFECTS = ["Ökad upplevd trygghet.", "Minska brottslighet.", "Fler brott blir synliga och anmäls."]

PROBLEMS = [
    ("Narkotika bland unga", "andt-s", ["Tillgång via sociala medier", "Svag vuxennärvaro på kvällar"]),
    ("Stölder i bostadsområden och på landsbygden", "tillgreppsbrott", ["Obevakade fritidshus", "Få grannsamverkan"]),
    ("Rattfylleri och hastighet", "trafik", ["Långa avstånd utan kollektivtrafik", "Få kontroller nattetid"]),
    ("Otrygghet i centrum kvällstid", "offentlig-miljo-och-trygghet", ["Dålig belysning", "Ödsliga platser"]),
    ("Våld i nära relation", "vald-i-nara-relation", ["Mörkertal", "Bristande kunskap om stöd"]),
]
FOCUS = [
    ("Narkotika och unga", "Minska nyrekrytering till narkotika.", ["andt-s"]),
    ("Trygga offentliga miljöer", "Öka tryggheten i centrum och bostadsområden.", ["offentlig-miljo-och-trygghet"]),
    ("Trafiksäkerhet och tillgreppsbrott", "Färre brott på vägar och mot egendom.", ["trafik", "tillgreppsbrott"]),
]
COMMITMENTS = [
    ("polisen", "Polisen åtar sig att bidra med lägesbild och underrättelser inför varje år."),
    ("kommunerna", "Kommunen åtar sig att samordna det brottsförebyggande arbetet genom sitt råd."),
    ("gemensamt", "Parterna åtar sig att följa upp medborgarlöftet varje år."),
]

# How often non-measurable activities (vid behov, löpande) are logged: probability per day.
UNMEASURED_RATE = {"vid_behov": 0.12, "lopande": 0.30}
