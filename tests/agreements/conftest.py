from datetime import date

import pytest

from agreements import services
from lagesbild.models import Theme
from lagesbild.services import add_problem, adopt_lagesbild, create_lagesbild
from samverkan.models import Membership
from tests.conftest import make_person


@pytest.fixture
def police_leader(police_area):
    return make_person(police_area, Membership.Role.LEDNING, "lpochef@polisen.test", "Pia Polischef")


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
    return services.create_agreement(
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
    services.update_party(kommun_party, actor=samordnare, signatory=leader, signatory_title="Kommunchef")
    police_party = services.add_party(
        draft,
        actor=samordnare,
        organization=police_area,
        signatory=police_leader,
        signatory_title="Lokalpolisområdeschef",
    )
    services.accept_participation(police_party, actor=police_contact)
    services.add_focus_area(
        draft,
        actor=samordnare,
        title="ANDT-S",
        description="Narkotika och alkohol.",
        problems=[kommun_problem, police_problem],
    )
    services.add_commitment(draft, actor=samordnare, who="polisen", text="Polisen utser en kontaktperson.")
    services.add_commitment(draft, actor=samordnare, who="kommunerna", text="Kommunen utser en samordnare.")
    services.set_items(draft, actor=samordnare, section="vision", texts=["minska brottsligheten", "öka tryggheten"])
    return draft


@pytest.fixture
def seal_dir(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SEAL_DIR = tmp_path / "seal"
    return settings.SEAL_DIR
