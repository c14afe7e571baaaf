"""A local goal is linked to the activities that serve it: only the same plan's, chosen in the goal
form, shown on the plan page with how each stands, kept across new versions of a promise and when
del 1 is revised, and recorded in the goal's history."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from agreements import services as agreement_services
from followup.services import log_activity
from medborgarloften import services
from medborgarloften.forms import GoalForm
from medborgarloften.models import Activity, LocalGoal, Medborgarlofte
from samverkan.errors import DomainError
from samverkan.forms import model_choice
from samverkan.history import history_of
from tests.conftest import client_for
from tests.medborgarloften.test_revisions import sign_agreement, sign_both


def make_goal(plan, samordnare, **fields):
    values = {
        "what": "Ökad trygghet i centrum",
        "measure": "Trygghetsmätningen",
        "target_value": "minst 80 %",
        "target_date": date(2027, 12, 31),
        "focus_area": plan.agreement.focus_areas.get(),
    }
    values.update(fields)
    return services.add_goal(plan, actor=samordnare, **values)


def offered(plan, goal=None):
    form = GoalForm(instance=goal, plan=plan)
    queryset = model_choice(form, "activities").queryset
    assert queryset is not None
    return list(queryset)


@pytest.fixture
def other_plan(ready, kommun, samordnare, police_area):
    plan = services.create_plan(
        ready,
        actor=samordnare,
        organization=kommun,
        title="En annan del 2",
        period_start=date(2025, 1, 1),
        period_end=date(2027, 12, 31),
    )
    lofte = services.create_lofte(
        plan,
        actor=samordnare,
        title="Annat löfte",
        period_start=date(2025, 1, 1),
        period_end=date(2027, 12, 31),
        police_area=police_area,
    )
    activity = services.add_activity(
        lofte,
        actor=samordnare,
        expected_version=plan.version,
        what="Annan aktivitet",
        responsible="kommun",
        target_kind="lopande",
        target_text="Löpande",
    )
    return plan, activity


def test_a_goal_is_linked_to_the_plans_activities_that_serve_it(plan, lofte, activities, samordnare):
    goal = make_goal(plan, samordnare, activities=activities[:2])
    assert set(goal.activities.all()) == set(activities[:2])
    assert set(activities[0].goals.all()) == {goal}


def test_a_goal_cannot_be_linked_to_another_plans_activity(plan, lofte, activities, samordnare, other_plan):
    _, foreign = other_plan
    with pytest.raises(DomainError) as refused:
        make_goal(plan, samordnare, activities=[activities[0], foreign])
    assert refused.value.message == "Ett mål kan bara kopplas till aktiviteter i samma plan."
    assert "activities" in refused.value.errors
    goal = make_goal(plan, samordnare)
    with pytest.raises(DomainError):
        services.update_goal(goal, actor=samordnare, expected_version=goal.version, activities=[foreign])
    assert not goal.activities.exists()


def test_the_goal_form_offers_only_the_plans_activities_and_refuses_others(
    plan, lofte, activities, samordnare, other_plan
):
    _, foreign = other_plan
    assert set(offered(plan)) == set(activities)
    goal = make_goal(plan, samordnare)
    client = client_for(samordnare)
    url = reverse("goal_edit", args=[goal.uuid])
    page = client.get(url).content.decode()
    assert "Hastighet och rattfylleri (Medborgarlöfte Norsjö)" in page
    assert "Annan aktivitet" not in page
    data = {
        "version": goal.version,
        "what": goal.what,
        "measure": goal.measure,
        "target_value": goal.target_value,
        "target_date": "2027-12-31",
        "focus_area": goal.focus_area_id,
        "activities": [foreign.pk],
    }
    refused = client.post(url, data)
    assert refused.status_code == 200
    assert "Välj ett giltigt alternativ" in refused.content.decode()
    assert not goal.activities.exists()
    data["activities"] = [activities[1].pk, activities[2].pk]
    assert client.post(url, data).status_code == 302
    assert set(goal.activities.all()) == {activities[1], activities[2]}


def test_the_plan_page_shows_each_goal_with_its_activities(plan, lofte, activities, samordnare):
    make_goal(plan, samordnare, activities=[activities[1]])
    page = client_for(samordnare).get(plan.get_absolute_url()).content.decode()
    goals = page[page.index('id="goals-heading"') : page.index('id="plan-heading"')]
    assert "Aktiviteter som leder mot målet:" in goals
    assert f'href="#activity-{activities[1].uuid}">Trygghetsvandring</a>' in goals
    assert "Hastighet och rattfylleri" not in goals
    # A draft's activity has no standing yet: the promise's status says why.
    assert "Utkast" in goals


def test_the_plan_page_shows_how_each_linked_activity_stands(
    plan, active_lofte, activities, samordnare, kommun, leader
):
    make_goal(plan, samordnare, activities=[activities[1], activities[2]])
    log_activity(activities[1], actor=samordnare, organization=kommun, done_on=timezone.localdate(), count=1)
    page = client_for(leader).get(plan.get_absolute_url()).content.decode()
    goals = page[page.index('id="goals-heading"') : page.index('id="plan-heading"')]
    # The standing comes from the follow-up app's progress, as on the public page.
    from followup.progress import progress_for

    walk, night = progress_for([activities[1], activities[2]], timezone.localdate())
    assert f'Trygghetsvandring</a> <span class="muted">(Medborgarlöfte Norsjö)</span>: {walk.summary}' in goals
    assert walk.summary.startswith("1 av 2")
    assert walk.status_label in goals
    assert f'Nattvandring</a> <span class="muted">(Medborgarlöfte Norsjö)</span>: {night.summary}' in goals


def test_links_follow_an_activity_into_a_new_version_of_its_promise(
    plan, active_lofte, activities, samordnare, leader, police_leader, kommun, police_area
):
    goal = make_goal(plan, samordnare, activities=[activities[1]])
    draft = services.propose_lofte_revision(active_lofte, actor=samordnare)
    copy = draft.activities.get(series=activities[1].series)
    assert set(goal.activities.all()) == {activities[1], copy}
    # The plan page shows the activity once: the signed version's, which has the standing.
    page = client_for(samordnare).get(plan.get_absolute_url()).content.decode()
    goals = page[page.index('id="goals-heading"') : page.index('id="plan-heading"')]
    assert goals.count(">Trygghetsvandring</a>") == 1
    assert f"#activity-{activities[1].uuid}" in goals
    # The goal form offers it once, ticked.
    choices = offered(plan, goal)
    assert [a.series for a in choices].count(activities[1].series) == 1
    # Saving the goal keeps the link to every version.
    services.update_goal(goal, actor=samordnare, expected_version=goal.version, activities=[activities[1]])
    assert set(goal.activities.all()) == {activities[1], copy}

    # A new activity in the draft, linked; once the new version is signed, the page shows the new rows.
    plan.refresh_from_db()
    added = services.add_activity(
        draft,
        actor=samordnare,
        expected_version=plan.version,
        what="Föräldravandring",
        responsible="kommun",
        target_kind="antal",
        target_count=4,
        target_unit="ar",
    )
    goal.refresh_from_db()
    services.update_goal(goal, actor=samordnare, expected_version=goal.version, activities=[copy, added])
    sign_both(draft, leader, police_leader, kommun, police_area)
    page = client_for(samordnare).get(plan.get_absolute_url()).content.decode()
    goals = page[page.index('id="goals-heading"') : page.index('id="plan-heading"')]
    assert f"#activity-{copy.uuid}" in goals
    assert f"#activity-{added.uuid}" in goals
    assert f"#activity-{activities[1].uuid}" not in goals


def test_a_link_to_an_activity_only_a_replaced_version_has_is_kept(
    plan, active_lofte, activities, samordnare, leader, police_leader, kommun, police_area
):
    goal = make_goal(plan, samordnare, activities=[activities[0], activities[1]])
    draft = services.propose_lofte_revision(active_lofte, actor=samordnare)
    plan.refresh_from_db()
    dropped = draft.activities.get(series=activities[0].series)
    services.delete_activity(dropped, actor=samordnare, expected_version=plan.version)
    sign_both(draft, leader, police_leader, kommun, police_area)
    goal.refresh_from_db()
    kept = draft.activities.get(series=activities[1].series)
    # The form no longer offers the dropped activity; saving keeps its old link all the same.
    assert activities[0] not in offered(plan, goal)
    services.update_goal(goal, actor=samordnare, expected_version=goal.version, activities=[kept])
    assert set(goal.activities.all()) == {activities[0], activities[1], kept}


def test_links_stay_when_a_revision_of_del_1_carries_the_plan(
    ready, plan, lofte, activities, samordnare, leader, police_leader, kommun, police_area
):
    in_force = sign_agreement(ready)
    goal = make_goal(plan, samordnare, activities=[activities[2]])
    revision = agreement_services.propose_revision(in_force, actor=samordnare)
    sign_agreement(revision)
    plan.refresh_from_db()
    goal.refresh_from_db()
    assert plan.agreement_id == revision.pk
    assert goal.focus_area.agreement_id == revision.pk
    assert list(goal.activities.all()) == [activities[2]]
    page = client_for(samordnare).get(plan.get_absolute_url()).content.decode()
    assert f'href="#activity-{activities[2].uuid}">Nattvandring</a>' in page


def test_the_goals_history_records_which_activities_serve_it(plan, lofte, activities, samordnare):
    goal = make_goal(plan, samordnare)
    services.update_goal(goal, actor=samordnare, expected_version=goal.version, activities=[activities[0]])
    changes = [change for entry in history_of(goal) for change in entry.changes]
    linked = [change for change in changes if change.field == "activities"]
    assert linked, [change.field for change in changes]
    assert "Hastighet och rattfylleri" in linked[0].new


def test_removing_an_activity_removes_only_its_link(plan, lofte, activities, samordnare):
    goal = make_goal(plan, samordnare, activities=activities[:2])
    plan.refresh_from_db()
    services.delete_activity(activities[0], actor=samordnare, expected_version=plan.version)
    assert list(LocalGoal.all_objects.get(pk=goal.pk).activities.all()) == [activities[1]]
    assert Activity.all_objects.filter(lofte__status=Medborgarlofte.Status.UTKAST).count() == 2


def test_in_english_a_local_goal_is_a_goal_and_an_activity_has_a_target(plan, lofte, activities, samordnare):
    make_goal(plan, samordnare, activities=[activities[1]])
    samordnare.language = "en"
    samordnare.save(update_fields=["language"])
    page = client_for(samordnare).get(plan.get_absolute_url()).content.decode()
    goals = page[page.index('id="goals-heading"') : page.index('id="plan-heading"')]
    activities_part = page[page.index('id="plan-heading"') :]
    # Swedish says "Mål" for both; English tells the plan's goals from an activity's target.
    assert '<th scope="col">Goal</th>' in goals
    assert '<th scope="col">Target</th>' not in goals
    assert "Target" in activities_part
