"""What the benchmark's national dataset holds (bench/scale.py builds it): the 21 län with their
real number of kommuner and their polisregion, the people of each kind of organisation, and what
every kommun's lägesbild, agreement and medborgarlöfte contain."""

from typing import Any

from agreements.models import Commitment
from medborgarloften.models import Activity
from medborgarloften.targets import TargetKind, Unit
from samverkan.models import Membership, Organization

Role = Membership.Role
Responsible = Activity.Responsible
Who = Commitment.Who

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
        (Role.SAMORDNARE, "Brottsförebyggande samordnare", "samordnare"),
        (Role.LEDNING, "Kommundirektör", "kommundirektor"),
        (Role.LASARE, "Folkhälsostrateg", "folkhalsa"),
    ],
    Organization.Kind.LOKALPOLISOMRADE: [
        (Role.KONTAKTPERSON, "Kommunpolis", "kommunpolis"),
        (Role.LEDNING, "Lokalpolisområdeschef", "lpochef"),
        (Role.SAMORDNARE, "Områdespolis", "omradespolis"),
    ],
    Organization.Kind.LANSSTYRELSE: [
        (Role.SAMORDNARE, "Brottsförebyggande samordnare", "samordnare"),
        (Role.LASARE, "Utvecklingsledare", "utveckling"),
        (Role.LEDNING, "Länsråd", "lansrad"),
    ],
    Organization.Kind.POLISREGION: [
        (Role.LEDNING, "Regionpolischef", "regionpolischef"),
        (Role.SAMORDNARE, "Samverkanssamordnare", "samverkan"),
        (Role.LASARE, "Analytiker", "analys"),
    ],
}


def _per(
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


def _other(kind: str, text: str) -> dict[str, Any]:
    return {"target_kind": kind, "target_text": text}


# The shape of seed 002's medborgarlöfte (its 14 activities: heading, what, target, who is
# responsible) and one more, for every kommun. The benchmark's own copy: it needs the mix of
# targets, not the demo data.
_SEED_002 = [
    (
        "Narkotika/livsstilskriminella",
        "Aktivt användande av rättegångsbalken",
        _per(1, Unit.MONTH, "Som minst 1 gång i månaden", minimum=True),
        Responsible.POLIS,
    ),
    ("Tillgreppsbrott", "Märk-DNA", _other(TargetKind.CONTINUOUS, "Kontinuerligt"), Responsible.POLIS),
    (
        "Tillgreppsbrott",
        "Information till allmänhet, företagare m.fl.",
        _per(2, Unit.YEAR, "2 gånger/år"),
        Responsible.KOMMUN,
    ),
    (
        "Tillgreppsbrott",
        "Riktad patrullering i valda områden",
        _other(TargetKind.CONTINUOUS, "Varje arbetspass"),
        Responsible.POLIS,
    ),
    (
        "Minska nyrekrytering av unga som börjar med narkotika eller alkohol",
        "Besöka miljöer där ungdomar vistas",
        _other(TargetKind.TRIGGER, "Vid behov"),
        Responsible.BADA,
    ),
    (
        "Trafikkontroller",
        "Hastighet, alkohol och drograttfylla m.m.",
        _per(10, Unit.MONTH, "Minst 10 kontroller per månad", minimum=True),
        Responsible.POLIS,
    ),
    (
        "Informations- eller kunskapshöjande åtgärder",
        "Samverkan med andra aktörer i samhället",
        _per(4, Unit.YEAR, "Minst 4 möten per år", minimum=True),
        Responsible.BADA,
    ),
    (
        "Informations- eller kunskapshöjande åtgärder",
        "Information till föräldrar och personal",
        _per(1, Unit.YEAR, "1 gång per år"),
        Responsible.BADA,
    ),
    (
        "Informations- eller kunskapshöjande åtgärder",
        "Klassrumsbesök",
        _per(1, Unit.YEAR, "Besöka klasserna år 6–9 1 gång per år", multiplier=4, label="klass, år 6–9"),
        Responsible.POLIS,
    ),
    (
        "Informations- eller kunskapshöjande åtgärder",
        "Fritidsgårdsbesök",
        _per(1, Unit.WEEKEND, "Var tredje helg", every=3),
        Responsible.POLIS,
    ),
    ("Trygghetsskapande åtgärder", "Trygghetsvandring", _per(2, Unit.YEAR, "2 gånger per år"), Responsible.KOMMUN),
    (
        "Trygghetsskapande åtgärder",
        "Dörrknackning i valda områden",
        _per(2, Unit.YEAR, "2 gånger per år"),
        Responsible.POLIS,
    ),
    (
        "Trygghetsskapande åtgärder",
        "Ökad polisnärvaro kvällar och helger",
        _other(TargetKind.CONTINUOUS, "Löpande"),
        Responsible.POLIS,
    ),
    ("Trygghetsskapande åtgärder", "Nattvandring", _other(TargetKind.TRIGGER, "Under riskhelger"), Responsible.BADA),
    (
        "Trygghetsskapande åtgärder",
        "Polisnärvaro vid skolor och fritidsgård",
        _per(4, Unit.MONTH, "Minst 4 besök per månad", minimum=True),
        Responsible.POLIS,
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
    (Who.POLISEN, "Polisen åtar sig att bidra med lägesbild och underrättelser inför varje år."),
    (Who.KOMMUNERNA, "Kommunen åtar sig att samordna det brottsförebyggande arbetet genom sitt råd."),
    (Who.GEMENSAMT, "Parterna åtar sig att följa upp medborgarlöftet varje år."),
]

# How often non-measurable activities (vid behov, löpande) are logged: probability per day.
UNMEASURED_RATE: dict[str, float] = {TargetKind.TRIGGER: 0.12, TargetKind.CONTINUOUS: 0.30}
