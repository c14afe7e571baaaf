"""The fixture chain of STYLE.md: county → kommun → police area → persons.

Standard persons: a samordnare of the kommun, a police contact, a leader, a länsstyrelse
reader, and an outsider from another kommun who must see nothing.
"""

import importlib.util
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings as django_settings
from django.test import Client, override_settings

from agreements import services as agreement_services
from lagesbild.models import Theme
from lagesbild.services import add_problem, adopt_lagesbild, create_lagesbild
from medborgarloften import services as plan_services
from samverkan.models import County, Membership, Organization, User
from samverkan.services import add_member
from samverkan.tenancy import system_scope

Kind = Organization.Kind
Role = Membership.Role
PASSWORD = "ett-långt-testlösenord"


def pytest_configure(config: pytest.Config) -> None:
    """Compile the translation catalogues when their .po is newer than the .mo (as `make test`
    does), so that a plain `pytest` tests the English of the current catalogue. Once, in the
    controlling process: the workers of a parallel run share the result."""
    if hasattr(config, "workerinput"):
        return
    for source in (Path(__file__).resolve().parent.parent / "locale").glob("*/LC_MESSAGES/*.po"):
        compiled = source.with_suffix(".mo")
        if not compiled.exists() or compiled.stat().st_mtime < source.stat().st_mtime:
            subprocess.run(["msgfmt", "--check-format", "-o", str(compiled), str(source)], check=True)  # noqa: S603, S607


def redis_url_for_this_process(url: str) -> str:
    """`url` with a Redis database number of this test process's own, counted from the one in
    `url`: the workers of a parallel run (pytest-xdist's gw0, gw1, ...) never share queues, task
    results or cache keys (`cache.clear()` empties a whole database). Redis has 16 by default."""
    worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw"))
    parts = urlsplit(url)
    number = (int(parts.path.strip("/") or 0) + worker) % 16
    return urlunsplit(parts._replace(path=f"/{number}"))


@pytest.fixture(scope="session", autouse=True)
def _files_and_cache_of_this_process(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Uploads, sealed PDFs and the test seal go to a temporary folder of this test process rather
    than var/ (which `make run` uses), and a Redis cache to a database of its own, so that the
    workers of a parallel run share neither."""
    folder = tmp_path_factory.mktemp("var")
    overrides: dict[str, Any] = {"MEDIA_ROOT": folder / "media", "SEAL_DIR": folder / "seal"}
    cache = django_settings.CACHES["default"]
    if cache["BACKEND"].endswith("RedisCache"):
        overrides["CACHES"] = {"default": {**cache, "LOCATION": redis_url_for_this_process(cache["LOCATION"])}}
    with override_settings(**overrides):
        yield


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    # Login throttling and one-time codes live in the cache; each test starts afresh.
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    # Hashing every test person's password with PBKDF2 would dominate the suite's run time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _system_scope_for_test_code() -> Iterator[None]:
    """Test set-up runs as the system; every request the test makes still runs in the
    scope of the person making it (TenancyMiddleware), and tests of the fail-closed rule
    leave this scope explicitly with `no_scope()`."""
    with system_scope():
        yield


def load_product_module(name: str, monkeypatch: pytest.MonkeyPatch, **env: str) -> ModuleType:
    """samverkan/<name>.py evaluated anew as a process with the product's configuration would:
    without SAMVERKAN_BENCH, and with the environment variables given."""
    monkeypatch.delenv("SAMVERKAN_BENCH", raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    path = Path(__file__).resolve().parent.parent / "samverkan" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"samverkan._product_{name}", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)
    spec.loader.exec_module(module)
    return module


def ensure_themes() -> None:
    """The themes a data migration creates; transactional tests flush them, so put them back."""
    from importlib import import_module

    for slug, name, order in import_module("lagesbild.migrations.0002_themes").THEMES:
        Theme.objects.get_or_create(slug=slug, defaults={"name": name, "order": order})


@pytest.fixture
def county(db: None) -> County:
    ensure_themes()
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


TOTP_SECRET = "TESTTOTPSECRETFORSAMVERKANABCDEF"


def enable_totp(user: User) -> None:
    """Give a person a second factor, as leaders must have."""
    from allauth.mfa.totp.internal.auth import TOTP

    TOTP.activate(user, TOTP_SECRET)


def signing_data() -> dict[str, str]:
    """Password and a fresh second-factor code, as a signature or an approval asks for."""
    from samverkan.security import current_code

    return {"password": PASSWORD, "code": current_code(TOTP_SECRET)}


@pytest.fixture
def samordnare(kommun: Organization) -> User:
    return make_person(kommun, Role.SAMORDNARE, "samordnare@norsjo.test", "Sara Samordnare")


@pytest.fixture
def police_contact(police_area: Organization) -> User:
    return make_person(police_area, Role.KONTAKTPERSON, "kommunpolis@polisen.test", "Kim Kommunpolis")


@pytest.fixture
def leader(kommun: Organization) -> User:
    person = make_person(kommun, Role.LEDNING, "ledning@norsjo.test", "Lena Ledning")
    enable_totp(person)
    return person


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


# --- Agreement (del 1): the next link of the chain -----------------------------------


@pytest.fixture
def police_leader(police_area):
    person = make_person(police_area, Membership.Role.LEDNING, "lpochef@polisen.test", "Pia Polischef")
    enable_totp(person)
    return person


@pytest.fixture
def kommun_problem(kommun, samordnare):
    lb = create_lagesbild(
        kommun,
        actor=samordnare,
        title="Lägesbild Norsjö",
        period_start=date(2025, 1, 1),
        period_end=date(2027, 12, 31),
        analys="Analys",
    )
    problem = add_problem(lb, actor=samordnare, title="Narkotika bland unga", theme=Theme.objects.get(slug="andt-s"))
    adopt_lagesbild(lb, actor=samordnare, adopted_on=date(2025, 1, 10), adopted_by="Kommunstyrelsen")
    return problem


@pytest.fixture
def police_problem(police_area, police_contact):
    lb = create_lagesbild(
        police_area,
        actor=police_contact,
        title="Polisens lägesbild",
        period_start=date(2025, 1, 1),
        period_end=date(2027, 12, 31),
        analys="Analys",
    )
    problem = add_problem(lb, actor=police_contact, title="Narkotikabrott", theme=Theme.objects.get(slug="andt-s"))
    add_problem(lb, actor=police_contact, title="Rattfylleri", theme=Theme.objects.get(slug="trafik"))
    adopt_lagesbild(lb, actor=police_contact, adopted_on=date(2025, 1, 5), adopted_by="LPO-chefen")
    return problem


@pytest.fixture
def draft(kommun, samordnare):
    return agreement_services.create_agreement(
        kommun,
        actor=samordnare,
        title="Överenskommelse Norsjö 2025–2027",
        period_start=date(2025, 1, 1),
        period_end=date(2027, 12, 31),
        syfte="Minska brottsligheten.",
        renewal="tills_vidare",
    )


@pytest.fixture
def ready(
    draft, kommun, police_area, samordnare, leader, police_leader, police_contact, kommun_problem, police_problem
):
    """A draft that has everything it needs to go out for signature."""
    kommun_party = draft.parties.get(organization=kommun)
    agreement_services.update_party(
        kommun_party,
        actor=samordnare,
        expected_version=kommun_party.version,
        signatory=leader,
        signatory_title="Kommunchef",
    )
    police_party = agreement_services.add_party(
        draft,
        actor=samordnare,
        organization=police_area,
        signatory=police_leader,
        signatory_title="Lokalpolisområdeschef",
    )
    agreement_services.accept_participation(police_party, actor=police_contact)
    agreement_services.add_focus_area(
        draft,
        actor=samordnare,
        title="ANDT-S",
        description="Narkotika och alkohol.",
        problems=[kommun_problem, police_problem],
    )
    agreement_services.add_commitment(draft, actor=samordnare, who="polisen", text="Polisen utser en kontaktperson.")
    agreement_services.add_commitment(draft, actor=samordnare, who="kommunerna", text="Kommunen utser en samordnare.")
    agreement_services.set_items(
        draft, actor=samordnare, section="vision", texts=["minska brottsligheten", "öka tryggheten"]
    )
    return draft


@pytest.fixture
def seal_dir(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SEAL_DIR = tmp_path / "seal"
    return settings.SEAL_DIR


@pytest.fixture
def lagesbild_for_export(kommun: Organization, samordnare: User) -> Any:
    return create_lagesbild(
        kommun, actor=samordnare, title="Lägesbild", period_start=date(2025, 1, 1), period_end=date(2025, 12, 31)
    )


# --- Del 2: plan, medborgarlöfte and activities ---------------------------------------


@pytest.fixture
def plan(ready, kommun, samordnare):
    return plan_services.create_plan(
        ready,
        actor=samordnare,
        organization=kommun,
        title="Del 2 Norsjö",
        period_start=date(2025, 1, 1),
        period_end=date(2027, 12, 31),
        kommunikation="Norsjöbladet.",
    )


@pytest.fixture
def lofte(plan, police_area, samordnare):
    lofte = plan_services.create_lofte(
        plan,
        actor=samordnare,
        title="Medborgarlöfte Norsjö",
        period_start=date(2025, 1, 1),
        period_end=date(2027, 12, 31),
        police_area=police_area,
        dialogues=["medborgardialog", "webbenkat"],
    )
    plan_services.set_effects(lofte, actor=samordnare, texts=["Ökad upplevd trygghet.", "Minskad brottslighet."])
    return lofte


def activity_fields(**overrides):
    fields = {
        "heading": "Trafikkontroller",
        "what": "Hastighet och rattfylleri",
        "responsible": "polis",
        "target_kind": "antal",
        "target_count": 10,
        "target_unit": "manad",
        "target_minimum": True,
        "target_text": "Minst 10 kontroller per månad",
    }
    fields.update(overrides)
    return fields


@pytest.fixture
def activities(lofte, plan, samordnare):
    made = []
    for fields in (
        activity_fields(),
        activity_fields(
            heading="Trygghet",
            what="Trygghetsvandring",
            responsible="kommun",
            target_count=2,
            target_unit="ar",
            target_minimum=False,
            target_text="",
        ),
        activity_fields(
            heading="Trygghet",
            what="Nattvandring",
            responsible="bada",
            target_kind="vid_behov",
            target_text="Under riskhelger",
        ),
    ):
        plan.refresh_from_db()
        made.append(plan_services.add_activity(lofte, actor=samordnare, expected_version=plan.version, **fields))
    plan.refresh_from_db()
    return made


@pytest.fixture
def active_lofte(lofte, activities, leader, police_leader, kommun, police_area, samordnare):
    """The promise signed by both sides, so its activities can be logged."""
    plan_services.sign_lofte(lofte, actor=leader, organization=kommun)
    plan_services.sign_lofte(lofte, actor=police_leader, organization=police_area)
    lofte.refresh_from_db()
    return lofte


@pytest.fixture
def active_lofte_committed(transactional_db, ready, lofte, activities, leader, police_leader, kommun, police_area):
    plan_services.sign_lofte(lofte, actor=leader, organization=kommun)
    plan_services.sign_lofte(lofte, actor=police_leader, organization=police_area)
    return lofte
