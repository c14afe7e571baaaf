"""The fixture chain of STYLE.md: county → kommun → police area → persons.

Standard persons: a samordnare of the kommun, a police contact, a leader, a länsstyrelse
reader, and an outsider from another kommun who must see nothing.
"""

from collections.abc import Iterator

import pytest
from django.test import Client

from samverkan.models import County, Membership, Organization, User
from samverkan.services import add_member
from samverkan.tenancy import system_scope

Kind = Organization.Kind
Role = Membership.Role
PASSWORD = "ett-långt-testlösenord"


@pytest.fixture(autouse=True)
def _system_scope_for_test_code() -> Iterator[None]:
    """Test set-up runs as the system; every request the test makes still runs in the
    scope of the person making it (TenancyMiddleware), and tests of the fail-closed rule
    leave this scope explicitly with `no_scope()`."""
    with system_scope():
        yield


@pytest.fixture
def county(db: None) -> County:
    return County.objects.create(code="24", name="Västerbottens län")


@pytest.fixture
def other_county(db: None) -> County:
    return County.objects.create(code="25", name="Norrbottens län")


@pytest.fixture
def kommun(county: County) -> Organization:
    return Organization.objects.create(
        slug="norsjo", kind=Kind.KOMMUN, name="Norsjö kommun", code="2417", county=county
    )


@pytest.fixture
def second_kommun(county: County) -> Organization:
    return Organization.objects.create(slug="mala", kind=Kind.KOMMUN, name="Malå kommun", code="2418", county=county)


@pytest.fixture
def other_kommun(other_county: County) -> Organization:
    return Organization.objects.create(
        slug="arjeplog",
        kind=Kind.KOMMUN,
        name="Arjeplogs kommun",
        code="2506",
        county=other_county,
        sami_name="Árjepluove kommuvnna",
    )


@pytest.fixture
def police_area(county: County, kommun: Organization, second_kommun: Organization) -> Organization:
    region = Organization.objects.create(slug="polisregion-nord", kind=Kind.POLISREGION, name="Polisregion Nord")
    lpo = Organization.objects.create(
        slug="lpo-skelleftea",
        kind=Kind.LOKALPOLISOMRADE,
        name="Lokalpolisområde Skellefteå",
        county=county,
        parent=region,
    )
    lpo.covers.set([kommun, second_kommun])
    return lpo


@pytest.fixture
def lansstyrelse(county: County) -> Organization:
    return Organization.objects.create(
        slug="lansstyrelsen-vasterbotten",
        kind=Kind.LANSSTYRELSE,
        name="Länsstyrelsen Västerbotten",
        code="24",
        county=county,
    )


def make_person(organization: Organization, role: str, email: str, name: str) -> User:
    return add_member(organization, actor=None, email=email, full_name=name, role=role, password=PASSWORD).user


@pytest.fixture
def samordnare(kommun: Organization) -> User:
    return make_person(kommun, Role.SAMORDNARE, "samordnare@norsjo.test", "Sara Samordnare")


@pytest.fixture
def police_contact(police_area: Organization) -> User:
    return make_person(police_area, Role.KONTAKTPERSON, "kommunpolis@polisen.test", "Kim Kommunpolis")


@pytest.fixture
def leader(kommun: Organization) -> User:
    return make_person(kommun, Role.LEDNING, "ledning@norsjo.test", "Lena Ledning")


@pytest.fixture
def county_reader(lansstyrelse: Organization) -> User:
    return make_person(lansstyrelse, Role.LASARE, "lasare@lansstyrelsen.test", "Lars Läsare")


@pytest.fixture
def outsider(other_kommun: Organization) -> User:
    """A samordnare of a kommun in another county: must see nothing of Norsjö's."""
    return make_person(other_kommun, Role.SAMORDNARE, "samordnare@arjeplog.test", "Otto Utomstående")


@pytest.fixture
def lonely_person(db: None) -> User:
    return User.objects.create_user(email="ingen@exempel.test", password=PASSWORD, full_name="Ingen Medlem")


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client
