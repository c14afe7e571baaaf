from datetime import date

import pytest

from medborgarloften import services


@pytest.fixture
def plan(ready, kommun, samordnare):
    return services.create_plan(
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
    lofte = services.create_lofte(
        plan,
        actor=samordnare,
        title="Medborgarlöfte Norsjö",
        period_start=date(2025, 1, 1),
        period_end=date(2027, 12, 31),
        police_area=police_area,
        dialogues=["medborgardialog", "webbenkat"],
    )
    services.set_effects(lofte, actor=samordnare, texts=["Ökad upplevd trygghet.", "Minskad brottslighet."])
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
        made.append(services.add_activity(lofte, actor=samordnare, expected_version=plan.version, **fields))
    plan.refresh_from_db()
    return made


@pytest.fixture
def active_lofte(lofte, activities, leader, police_leader, kommun, police_area, samordnare):
    """The promise signed by both sides, so its activities can be logged."""
    services.sign_lofte(lofte, actor=leader, organization=kommun)
    services.sign_lofte(lofte, actor=police_leader, organization=police_area)
    lofte.refresh_from_db()
    return lofte


@pytest.fixture
def active_lofte_committed(transactional_db, ready, lofte, activities, leader, police_leader, kommun, police_area):
    services.sign_lofte(lofte, actor=leader, organization=kommun)
    services.sign_lofte(lofte, actor=police_leader, organization=police_area)
    return lofte
