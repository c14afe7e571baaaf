from datetime import date
from decimal import Decimal

import pytest

from medborgarloften import services
from medborgarloften.models import Activity, Medborgarlofte
from samverkan.concurrency import ConflictError
from samverkan.errors import DomainError
from samverkan.tenancy import can_change, viewer_for
from tests.conftest import activity_fields


def test_a_plan_belongs_to_a_kommun_that_is_party(ready, police_area, other_kommun, samordnare):
    with pytest.raises(DomainError, match="för en kommun"):
        services.create_plan(
            ready,
            actor=samordnare,
            organization=police_area,
            title="X",
            period_start=date(2025, 1, 1),
            period_end=date(2025, 12, 31),
        )
    with pytest.raises(DomainError, match="inte part"):
        services.create_plan(
            ready,
            actor=samordnare,
            organization=other_kommun,
            title="X",
            period_start=date(2025, 1, 1),
            period_end=date(2025, 12, 31),
        )


def test_goals_tie_to_the_agreements_focus_areas(plan, ready, samordnare, kommun_problem):
    area = ready.focus_areas.get()
    goal = services.add_goal(
        plan,
        actor=samordnare,
        what="Färre unga som provar narkotika",
        measure="Skolenkät",
        target_value="under 4 %",
        target_date=date(2027, 12, 31),
        focus_area=area,
        problems=[kommun_problem],
    )
    assert goal.focus_area == area
    assert list(goal.problems.all()) == [kommun_problem]


def test_activities_are_added_last_and_keep_their_structured_target(activities):
    assert [a.what for a in activities] == ["Hastighet och rattfylleri", "Trygghetsvandring", "Nattvandring"]
    assert activities[0].target_display == "Minst 10 kontroller per månad"
    assert activities[1].target_display == "2 gånger per år"
    assert activities[2].target.is_measurable is False


def test_invalid_target_is_refused_with_field_errors(lofte, plan, samordnare):
    with pytest.raises(DomainError) as caught:
        services.add_activity(
            lofte, actor=samordnare, expected_version=plan.version, **activity_fields(target_count=0, target_unit="")
        )
    assert set(caught.value.errors) == {"target_count", "target_unit"}
    assert not Activity.objects.filter(lofte=lofte).exists()


def test_second_editor_gets_a_conflict_and_nothing_is_overwritten(activities, plan, samordnare):
    loaded = plan.version
    services.update_activity(activities[0], actor=samordnare, expected_version=loaded, what="Först")
    with pytest.raises(ConflictError):
        services.update_activity(
            Activity.objects.get(pk=activities[0].pk), actor=samordnare, expected_version=loaded, what="Andra"
        )
    assert Activity.objects.get(pk=activities[0].pk).what == "Först"


def test_changing_the_kind_of_target_clears_what_no_longer_applies(activities, plan, samordnare):
    services.update_activity(
        activities[0],
        actor=samordnare,
        expected_version=plan.version,
        target_kind="lopande",
        target_text="Varje arbetspass",
    )
    activity = Activity.objects.get(pk=activities[0].pk)
    assert (activity.target_count, activity.target_unit, activity.target_minimum) == (0, "", False)


def test_move_and_delete(activities, plan, samordnare, lofte):
    services.move_activity(activities[2], actor=samordnare, expected_version=plan.version, direction="up")
    plan.refresh_from_db()
    assert list(lofte.activities.values_list("what", flat=True)) == [
        "Hastighet och rattfylleri",
        "Nattvandring",
        "Trygghetsvandring",
    ]
    services.delete_activity(activities[0], actor=samordnare, expected_version=plan.version)
    assert lofte.activities.count() == 2


def test_police_contact_may_change_police_activities_only(activities, police_contact, samordnare):
    police = viewer_for(police_contact)
    assert can_change(police, activities[0])  # polisen ansvarar
    assert not can_change(police, activities[1])  # kommunen ansvarar
    assert can_change(police, activities[2])  # båda ansvarar
    assert not can_change(police, activities[0].lofte.plan)  # the plan itself is the kommun's


def test_outsider_and_other_kommun_cannot_change_or_see(activities, outsider):
    viewer = viewer_for(outsider)
    assert not can_change(viewer, activities[0])


def test_signing_by_both_sides_makes_it_valid_and_publishable(
    lofte, activities, leader, police_leader, kommun, police_area, samordnare
):
    with pytest.raises(DomainError, match="Bara ett gällande"):
        services.publish_lofte(lofte, actor=samordnare)
    with pytest.raises(DomainError, match="Bara ledningen"):
        services.sign_lofte(lofte, actor=samordnare, organization=kommun)
    services.sign_lofte(lofte, actor=leader, organization=kommun)
    lofte.refresh_from_db()
    assert lofte.status == Medborgarlofte.Status.UTKAST
    services.sign_lofte(lofte, actor=police_leader, organization=police_area)
    lofte.refresh_from_db()
    assert lofte.status == Medborgarlofte.Status.GALLANDE
    services.publish_lofte(lofte, actor=samordnare)
    assert lofte.is_published
    services.end_lofte(lofte, actor=samordnare)
    # An ended promise keeps its place on the public page, under "Tidigare medborgarlöften".
    assert lofte.status == Medborgarlofte.Status.AVSLUTAT
    assert lofte.is_published
    with pytest.raises(DomainError, match="avslutat"):
        services.add_activity(lofte, actor=samordnare, expected_version=lofte.plan.version, **activity_fields())


def test_effects_keep_their_indicators_when_the_list_is_edited(lofte, samordnare, kommun):
    from lagesbild.services import create_indicator

    indicator = create_indicator(
        kommun,
        actor=samordnare,
        name="Trygghet",
        unit="%",
        source="NTU",
        baseline_year=2024,
        baseline_value=Decimal(70),
    )
    effect = lofte.effects.get(text="Ökad upplevd trygghet.")
    services.link_effect_indicators(effect, actor=samordnare, indicators=[indicator])
    services.set_effects(lofte, actor=samordnare, texts=["Ökad upplevd trygghet.", "Fler vuxna ute nattetid."])
    assert list(lofte.effects.values_list("text", flat=True)) == ["Ökad upplevd trygghet.", "Fler vuxna ute nattetid."]
    assert list(lofte.effects.get(text="Ökad upplevd trygghet.").indicators.all()) == [indicator]
