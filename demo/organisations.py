"""Demo organisations and people, from the seed documents.

The organisations are real (names, kommunkoder, länskoder, and Sámi names as the kommuner write
them in the seed documents); the people are fictitious. Every demo person has the password
DEMO_PASSWORD.
"""

from dataclasses import dataclass

from django.db import transaction

from samverkan.history import acting_as
from samverkan.models import County, Membership, Organization
from samverkan.services import add_member

DEMO_PASSWORD = "samverkan-demo-2026"  # noqa: S105 - printed to the developer by `make run`
#: The demo leaders' and admins' second factor: add it to any authenticator app (or run
#: `python manage.py demo_code`) to get the six-digit codes.
DEMO_TOTP_SECRET = "SAMVERKANDEMOTVASTEGSVERIFIERING"  # noqa: S105 - a demo secret, printed by `make run`
Kind = Organization.Kind
Role = Membership.Role

COUNTIES = [
    ("24", "Västerbottens län", ""),
    ("25", "Norrbottens län", ""),
]

# slug, kind, name, sámi name, code, county code, parent slug
ORGANIZATIONS = [
    ("mala", Kind.KOMMUN, "Malå kommun", "", "2418", "24", None),
    ("norsjo", Kind.KOMMUN, "Norsjö kommun", "", "2417", "24", None),
    ("sorsele", Kind.KOMMUN, "Sorsele kommun", "", "2422", "24", None),
    ("umea", Kind.KOMMUN, "Umeå kommun", "Ubmeje", "2480", "24", None),
    ("arvidsjaur", Kind.KOMMUN, "Arvidsjaurs kommun", "Árviesjávrrie", "2505", "25", None),
    ("arjeplog", Kind.KOMMUN, "Arjeplogs kommun", "Árjepluove kommuvnna", "2506", "25", None),
    ("lansstyrelsen-vasterbotten", Kind.LANSSTYRELSE, "Länsstyrelsen Västerbotten", "", "24", "24", None),
    ("lansstyrelsen-norrbotten", Kind.LANSSTYRELSE, "Länsstyrelsen Norrbotten", "", "25", "25", None),
    ("polisregion-nord", Kind.POLISREGION, "Polisregion Nord", "", "", None, None),
    (
        "lpo-pitea-alvdal",
        Kind.LOKALPOLISOMRADE,
        "Lokalpolisområde Piteå Älvdal",
        "",
        "",
        "25",
        "polisregion-nord",
    ),
    ("lpo-umea", Kind.LOKALPOLISOMRADE, "Lokalpolisområde Umeå", "", "", "24", "polisregion-nord"),
    (
        "lpo-skelleftea",
        Kind.LOKALPOLISOMRADE,
        "Lokalpolisområde Skellefteå",
        "",
        "",
        "24",
        "polisregion-nord",
    ),
    ("lpo-lycksele", Kind.LOKALPOLISOMRADE, "Lokalpolisområde Lycksele", "", "", "24", "polisregion-nord"),
]

COVERS = {
    "lpo-pitea-alvdal": ["arvidsjaur", "arjeplog"],
    "lpo-umea": ["umea"],
    "lpo-skelleftea": ["norsjo"],
    "lpo-lycksele": ["mala", "sorsele"],
}


@dataclass(frozen=True)
class DemoPerson:
    email: str
    full_name: str
    title: str
    roles: tuple[tuple[str, str], ...]  # (organisation slug, role)


PEOPLE = [
    DemoPerson(
        "samordnare@norsjo.example",
        "Karin Lindvall",
        "Folkhälso- och trygghetssamordnare",
        (("norsjo", Role.SAMORDNARE),),
    ),
    DemoPerson("kommunchef@norsjo.example", "Per-Olof Brandt", "Kommunchef", (("norsjo", Role.LEDNING),)),
    DemoPerson("admin@norsjo.example", "Sanna Öberg", "Systemförvaltare", (("norsjo", Role.ADMIN),)),
    DemoPerson(
        "samordnare@umea.example",
        "Jonas Wikström",
        "Brottsförebyggande samordnare",
        (("umea", Role.SAMORDNARE),),
    ),
    DemoPerson("ledning@umea.example", "Helena Strand", "Kommunstyrelsens ordförande", (("umea", Role.LEDNING),)),
    DemoPerson("samordnare@mala.example", "Elin Holmgren", "ANDT/BRÅ-samordnare", (("mala", Role.SAMORDNARE),)),
    DemoPerson("samordnare@sorsele.example", "Oskar Rehn", "ANDT/BRÅ-samordnare", (("sorsele", Role.SAMORDNARE),)),
    DemoPerson(
        "samordnare@arvidsjaur.example",
        "Lina Nordqvist",
        "ANDT/BRÅ-samordnare",
        (("arvidsjaur", Role.SAMORDNARE),),
    ),
    DemoPerson("kommunalrad@arvidsjaur.example", "Göran Sundberg", "Kommunalråd", (("arvidsjaur", Role.LEDNING),)),
    DemoPerson(
        "samordnare@arjeplog.example",
        "Maja Lundmark",
        "ANDT/BRÅ-samordnare",
        (("arjeplog", Role.SAMORDNARE),),
    ),
    DemoPerson("kommunalrad@arjeplog.example", "Nils Enoksson", "Kommunalråd", (("arjeplog", Role.LEDNING),)),
    DemoPerson(
        "kommunpolis@pitea.example",
        "Anders Forsman",
        "Kommunpolis",
        (("lpo-pitea-alvdal", Role.KONTAKTPERSON),),
    ),
    DemoPerson(
        "lpochef@pitea.example",
        "Ingrid Vikberg",
        "Lokalpolisområdeschef Piteå Älvdal",
        (("lpo-pitea-alvdal", Role.LEDNING),),
    ),
    DemoPerson("kommunpolis@umea.example", "Fredrik Almqvist", "Kommunpolis", (("lpo-umea", Role.KONTAKTPERSON),)),
    DemoPerson(
        "lpochef@umea.example",
        "Camilla Berglund",
        "Lokalpolisområdeschef Umeå",
        (("lpo-umea", Role.LEDNING),),
    ),
    DemoPerson(
        "kommunpolis@skelleftea.example",
        "Mikael Granström",
        "Kommunpolis",
        (("lpo-skelleftea", Role.KONTAKTPERSON), ("lpo-lycksele", Role.KONTAKTPERSON)),
    ),
    DemoPerson(
        "andt@lansstyrelsen-ac.example",
        "Therese Hedlund",
        "ANDT-samordnare, Länsstyrelsen Västerbotten",
        (("lansstyrelsen-vasterbotten", Role.SAMORDNARE),),
    ),
    DemoPerson(
        "lasare@lansstyrelsen-bd.example",
        "Rickard Nyström",
        "Utredare, Länsstyrelsen Norrbotten",
        (("lansstyrelsen-norrbotten", Role.LASARE),),
    ),
    DemoPerson("kommunalrad@mala.example", "Ulf Marklund", "Kommunalråd", (("mala", Role.LEDNING),)),
    DemoPerson("kommunalrad@sorsele.example", "Eva Lindahl", "Kommunalråd", (("sorsele", Role.LEDNING),)),
    DemoPerson(
        "lpochef@skelleftea.example",
        "Jan Eriksson",
        "Lokalpolisområdeschef Skellefteå",
        (("lpo-skelleftea", Role.LEDNING),),
    ),
    DemoPerson(
        "lpochef@lycksele.example",
        "Katarina Olsson",
        "Lokalpolisområdeschef Lycksele",
        (("lpo-lycksele", Role.LEDNING),),
    ),
]


@transaction.atomic
def load() -> list[str]:
    """Create or update the demo organisations and people; safe to run again."""
    lines: list[str] = []
    with acting_as(None):
        counties = {}
        for code, name, sami in COUNTIES:
            counties[code], _created = County.objects.update_or_create(
                code=code, defaults={"name": name, "sami_name": sami}
            )
        orgs: dict[str, Organization] = {}
        for slug, kind, name, sami, code, county_code, parent in ORGANIZATIONS:
            orgs[slug], _created = Organization.objects.update_or_create(
                slug=slug,
                defaults={
                    "kind": kind,
                    "name": name,
                    "sami_name": sami,
                    "code": code,
                    "county": counties[county_code] if county_code else None,
                    "parent": orgs[parent] if parent else None,
                },
            )
        for lpo, kommuner in COVERS.items():
            orgs[lpo].covers.set([orgs[slug] for slug in kommuner])
    for person in PEOPLE:
        for slug, role in person.roles:
            add_member(
                orgs[slug],
                actor=None,
                email=person.email,
                full_name=person.full_name,
                title=person.title,
                role=role,
                password=DEMO_PASSWORD,
            )
        if any(role in (Role.LEDNING, Role.ADMIN) for _slug, role in person.roles):
            _ensure_totp(person.email)
        roles = ", ".join(f"{Membership.Role(role).label} i {orgs[slug].name}" for slug, role in person.roles)
        lines.append(f"  {person.email:<36} {roles}")
    return lines


def _ensure_totp(email: str) -> None:
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    from samverkan.models import User

    user = User.objects.get(email=email)
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, DEMO_TOTP_SECRET)
