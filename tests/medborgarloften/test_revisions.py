"""Signed means frozen: a signed medborgarlöfte changes only through a new version that both sides
sign, the public page shows the signed version until then, and what was done follows each activity
from version to version. And revisions of del 1 carry the del 2 plans with them."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from agreements import services as agreement_services
from agreements.forms import FocusAreaForm
from agreements.models import Agreement
from followup.models import ActivityLog
from followup.progress import progress_for
from followup.services import log_activity
from lagesbild.models import Theme
from lagesbild.services import add_problem, adopt_lagesbild, copy_lagesbild
from medborgarloften import services
from medborgarloften.forms import ActivityForm, GoalForm, LofteForm
from medborgarloften.models import Activity, Medborgarlofte
from samverkan.errors import DomainError
from samverkan.forms import model_choice
from tests.conftest import client_for, signing_data

Status = Medborgarlofte.Status


def sign_both(lofte, leader, police_leader, kommun, police_area):
    services.sign_lofte(lofte, actor=leader, organization=kommun)
    services.sign_lofte(lofte, actor=police_leader, organization=police_area)
    lofte.refresh_from_db()
    return lofte


@pytest.fixture
def published(active_lofte, samordnare):
    return services.publish_lofte(active_lofte, actor=samordnare)


def choices(form, name):
    queryset = model_choice(form, name).queryset
    assert queryset is not None
    return set(queryset)


def public_texts(kommun):
    anonymous = Client()
    page = anonymous.get(reverse("public_loften", args=[kommun.slug])).content.decode()
    feed = anonymous.get(reverse("public_loften_json", args=[kommun.slug])).json()
    return page, feed


# --- Frozen ---------------------------------------------------------------------------------


def test_a_signed_promise_refuses_every_change_in_place_and_points_to_a_new_version(
    active_lofte, activities, plan, samordnare
):
    plan.refresh_from_db()
    activity = active_lofte.activities.first()
    attempts = [
        lambda: services.update_lofte(
            active_lofte, actor=samordnare, expected_version=active_lofte.version, title="Ändrad"
        ),
        lambda: services.set_effects(active_lofte, actor=samordnare, texts=["Ny effekt"]),
        lambda: services.add_activity(
            active_lofte, actor=samordnare, expected_version=plan.version, what="Ny", target_kind="vid_behov"
        ),
        lambda: services.update_activity(activity, actor=samordnare, expected_version=plan.version, what="Ändrad"),
        lambda: services.delete_activity(activity, actor=samordnare, expected_version=plan.version),
        lambda: services.move_activity(activity, actor=samordnare, expected_version=plan.version, direction="down"),
    ]
    for attempt in attempts:
        with pytest.raises(DomainError, match="Föreslå ändring"):
            attempt()
    active_lofte.refresh_from_db()
    assert active_lofte.title == "Medborgarlöfte Norsjö"
    assert active_lofte.activities.count() == 3
    assert [e.text for e in active_lofte.effects.all()] == ["Ökad upplevd trygghet.", "Minskad brottslighet."]


def test_a_replaced_version_cannot_be_changed_either(published, samordnare, leader, police_leader, kommun, police_area):
    draft = services.propose_lofte_revision(published, actor=samordnare)
    sign_both(draft, leader, police_leader, kommun, police_area)
    published.refresh_from_db()
    assert published.status == Status.ERSATT
    with pytest.raises(DomainError, match="tidigare version"):
        services.update_lofte(published, actor=samordnare, expected_version=published.version, title="x")
    with pytest.raises(DomainError):
        services.propose_lofte_revision(published, actor=samordnare)


def test_a_proposed_change_is_a_draft_copy_with_everything_in_it(published, samordnare):
    draft = services.propose_lofte_revision(published, actor=samordnare)
    assert draft.status == Status.UTKAST
    assert (draft.series, draft.revision, draft.previous_id) == (published.series, 2, published.pk)
    assert draft.plan_id == published.plan_id
    assert draft.published_at is None
    assert list(draft.focus_areas.all()) == list(published.focus_areas.all())
    assert [e.text for e in draft.effects.all()] == [e.text for e in published.effects.all()]
    old = list(published.activities.order_by("order"))
    new = list(draft.activities.order_by("order"))
    assert [(a.series, a.what, a.target_display) for a in new] == [(a.series, a.what, a.target_display) for a in old]
    assert {a.pk for a in new}.isdisjoint(a.pk for a in old)
    with pytest.raises(DomainError, match="redan ett förslag"):
        services.propose_lofte_revision(published, actor=samordnare)


def test_editing_an_approved_promise_changes_the_public_page_only_when_the_new_version_is_signed(
    published, plan, samordnare, leader, police_leader, kommun, police_area
):
    draft = services.propose_lofte_revision(published, actor=samordnare)
    services.update_lofte(draft, actor=samordnare, expected_version=draft.version, title="Medborgarlöfte Norsjö 2.0")
    plan.refresh_from_db()
    first = draft.activities.order_by("order")[0]
    services.update_activity(first, actor=samordnare, expected_version=plan.version, what="Fler hastighetskontroller")

    page, feed = public_texts(kommun)
    assert "Medborgarlöfte Norsjö 2.0" not in page
    assert "Fler hastighetskontroller" not in page
    assert "Hastighet och rattfylleri" in page
    assert [item["rubrik"] for item in feed["medborgarloften"]] == ["Medborgarlöfte Norsjö"]
    assert "Fler hastighetskontroller" not in str(feed)

    # One side has signed: still the old version.
    services.sign_lofte(draft, actor=leader, organization=kommun)
    page, feed = public_texts(kommun)
    assert "Medborgarlöfte Norsjö 2.0" not in page

    services.sign_lofte(draft, actor=police_leader, organization=police_area)
    page, feed = public_texts(kommun)
    assert "Medborgarlöfte Norsjö 2.0" in page
    assert "Fler hastighetskontroller" in page
    assert "Hastighet och rattfylleri" not in page
    assert [item["rubrik"] for item in feed["medborgarloften"]] == ["Medborgarlöfte Norsjö 2.0"]
    draft.refresh_from_db()
    published.refresh_from_db()
    assert (draft.status, draft.is_published) == (Status.GALLANDE, True)
    assert published.status == Status.ERSATT


def test_an_unpublished_promise_stays_unpublished_in_its_new_version(
    active_lofte, samordnare, leader, police_leader, kommun, police_area
):
    draft = services.propose_lofte_revision(active_lofte, actor=samordnare)
    sign_both(draft, leader, police_leader, kommun, police_area)
    assert draft.status == Status.GALLANDE
    assert draft.published_at is None


def test_the_history_and_the_promise_page_show_both_versions(
    published, samordnare, leader, police_leader, kommun, police_area
):
    draft = services.propose_lofte_revision(published, actor=samordnare)
    services.update_lofte(draft, actor=samordnare, expected_version=draft.version, title="Version två")
    client = client_for(samordnare)

    old_page = client.get(published.get_absolute_url()).content.decode()
    assert "Förslaget till ändring (version 2)" in old_page
    assert draft.get_absolute_url() in old_page
    assert "Föreslå ändring" not in old_page  # one proposal at a time
    assert "Redigera</a>" not in old_page

    sign_both(draft, leader, police_leader, kommun, police_area)
    new_page = client.get(draft.get_absolute_url()).content.decode()
    assert "Version 1" in new_page
    assert "Version 2" in new_page
    assert published.get_absolute_url() in new_page
    assert "Föreslå ändring" in new_page
    for version in (published, draft):
        history = client.get(reverse("object_history", args=["medborgarlofte", version.uuid]))
        assert history.status_code == 200
    assert "Version två" in client.get(reverse("object_history", args=["medborgarlofte", draft.uuid])).content.decode()
    # The plan lists the version in force, not the replaced one.
    plan_page = client.get(published.plan.get_absolute_url()).content.decode()
    assert f"lofte-{draft.uuid}" in plan_page
    assert f"lofte-{published.uuid}" not in plan_page


def test_the_button_starts_a_new_version_and_opens_it(published, samordnare):
    client = client_for(samordnare)
    response = client.post(reverse("lofte_action", args=[published.uuid]), {"action": "foresla_andring"})
    draft = Medborgarlofte.objects.get(previous=published)
    assert response.status_code == 302
    assert response["Location"] == draft.get_absolute_url()
    assert "Redigera" in client.get(draft.get_absolute_url()).content.decode()


def test_the_plan_page_offers_no_edits_of_a_signed_promise(published, samordnare):
    page = client_for(samordnare).get(published.plan.get_absolute_url()).content.decode()
    for activity in published.activities.all():
        assert f'href="{reverse("activity_edit", args=[activity.uuid])}"' not in page
        assert reverse("activity_delete", args=[activity.uuid]) not in page
        assert reverse("activity_occasions", args=[activity.uuid]) in page  # still scheduled
    assert reverse("activity_create", args=[published.uuid]) not in page


# --- What was done follows the activity -------------------------------------------------------


def test_logs_and_occasions_follow_each_activity_to_the_new_version(
    published, plan, samordnare, police_contact, leader, police_leader, kommun, police_area
):
    today = timezone.localdate()
    patrol, walk, _night = published.activities.order_by("order")
    first = log_activity(walk, actor=samordnare, organization=kommun, done_on=today, count=1)
    log_activity(patrol, actor=police_contact, organization=police_area, done_on=today, count=4)
    occasion = services.add_occasion(walk, actor=samordnare, starts_at=timezone.now() + timedelta(days=3))

    draft = services.propose_lofte_revision(published, actor=samordnare)
    new_patrol, new_walk, new_night = draft.activities.order_by("order")
    plan.refresh_from_db()
    services.update_activity(new_walk, actor=samordnare, expected_version=plan.version, target_count=3)
    plan.refresh_from_db()
    services.delete_activity(new_night, actor=samordnare, expected_version=plan.version)
    # Logged against the version in force while the new one waits for signatures.
    log_activity(walk, actor=samordnare, organization=kommun, done_on=today, count=1)
    sign_both(draft, leader, police_leader, kommun, police_area)

    assert ActivityLog.objects.filter(activity=new_walk).count() == 2
    assert ActivityLog.objects.filter(activity=new_patrol).get().count == 4
    assert not ActivityLog.objects.filter(activity__lofte=published).exists()
    occasion.refresh_from_db()
    assert occasion.activity_id == new_walk.pk
    progress = {p.activity.pk: p for p in progress_for(list(draft.activities.all()), today)}
    assert progress[new_walk.pk].done_year == 2
    assert progress[new_walk.pk].expected_year == 3
    assert progress[new_patrol.pk].done_year == 4
    # The move is on record: who moved it, from which activity to which.
    first_history = list(first.history.order_by("history_date"))
    assert [h.activity_id for h in first_history] == [walk.pk, new_walk.pk]
    assert first_history[-1].history_user == police_leader
    # Logging goes on against the new version only.
    with pytest.raises(DomainError):
        log_activity(Activity.objects.get(pk=walk.pk), actor=samordnare, organization=kommun, done_on=today)
    log_activity(new_walk, actor=samordnare, organization=kommun, done_on=today)


def test_an_activity_dropped_in_the_new_version_keeps_its_logs_in_the_old(
    published, plan, samordnare, leader, police_leader, kommun, police_area
):
    today = timezone.localdate()
    night = published.activities.get(what="Nattvandring")
    log = log_activity(night, actor=samordnare, organization=kommun, done_on=today)
    draft = services.propose_lofte_revision(published, actor=samordnare)
    plan.refresh_from_db()
    services.delete_activity(draft.activities.get(what="Nattvandring"), actor=samordnare, expected_version=plan.version)
    sign_both(draft, leader, police_leader, kommun, police_area)
    log.refresh_from_db()
    assert log.activity_id == night.pk
    assert Activity.objects.filter(pk=night.pk).exists()


def test_a_new_version_of_a_promise_is_sealed_as_its_own_document(
    published, samordnare, leader, police_leader, kommun, police_area
):
    draft = services.propose_lofte_revision(published, actor=samordnare)
    sign_both(draft, leader, police_leader, kommun, police_area)
    assert draft.describe_sealed().version.startswith("2, ")
    assert published.describe_sealed().version.startswith("1, ")


# --- Revisions of del 1 carry the plan -----------------------------------------------------


def sign_agreement(agreement):
    if agreement.status != Agreement.Status.FOR_UNDERSKRIFT:
        agreement_services.send_for_signature(agreement, actor=None)
    for party in agreement.parties.select_related("signatory"):
        agreement_services.sign_agreement(agreement, party=party, actor=party.signatory)
    agreement.refresh_from_db()
    return agreement


@pytest.fixture
def in_force(ready):
    return sign_agreement(ready)


def test_a_revised_agreement_carries_its_plans_with_focus_areas_mapped(
    in_force, published, plan, samordnare, kommun, kommun_problem
):
    andt = in_force.focus_areas.get()
    draft = services.propose_lofte_revision(published, actor=samordnare)
    services.update_lofte(draft, actor=samordnare, expected_version=draft.version, focus_areas=[andt])
    plan.refresh_from_db()
    first = draft.activities.order_by("order")[0]
    services.update_activity(first, actor=samordnare, expected_version=plan.version, focus_area=andt)
    goal = services.add_goal(
        plan,
        actor=samordnare,
        what="Färre unga som provat narkotika",
        measure="LUPP",
        target_value="under 5 %",
        target_date=date(2027, 12, 31),
        focus_area=andt,
        problems=[kommun_problem],
    )
    revision = agreement_services.propose_revision(in_force, actor=samordnare)
    new_andt = revision.focus_areas.get()
    assert new_andt.series == andt.series
    agreement_services.update_focus_area(
        new_andt, actor=samordnare, expected_version=new_andt.version, title="ANDT-S och spel"
    )
    # Until the revision is signed, del 2 stays with the version in force.
    plan.refresh_from_db()
    assert plan.agreement_id == in_force.pk

    sign_agreement(revision)
    in_force.refresh_from_db()
    assert in_force.status == Agreement.Status.ERSATT
    plan.refresh_from_db()
    goal.refresh_from_db()
    draft.refresh_from_db()
    first.refresh_from_db()
    assert plan.agreement_id == revision.pk
    assert plan.carried_from_id == in_force.pk
    assert goal.focus_area_id == new_andt.pk  # mapped by its key although the title changed
    assert list(draft.focus_areas.all()) == [new_andt]
    assert first.focus_area_id == new_andt.pk
    assert "Flyttade till version 2" in plan.carried_summary[0]
    assert "1 mål" in plan.carried_summary[0]
    page = client_for(samordnare).get(plan.get_absolute_url()).content.decode()
    assert "Flyttade till version 2" in page


def test_focus_areas_without_a_key_are_mapped_by_title_and_what_cannot_be_mapped_is_said(
    in_force, plan, samordnare, kommun_problem
):
    andt = in_force.focus_areas.get()
    goal = services.add_goal(
        plan, actor=samordnare, what="Mål", measure="m", target_value="1", target_date=date(2027, 1, 1), focus_area=andt
    )
    revision = agreement_services.propose_revision(in_force, actor=samordnare)
    copied = revision.focus_areas.get()
    agreement_services.delete_focus_area(copied, actor=samordnare)
    agreement_services.add_focus_area(revision, actor=samordnare, title="Trygghet", problems=[kommun_problem])
    sign_agreement(revision)
    plan.refresh_from_db()
    goal.refresh_from_db()
    assert plan.agreement_id == revision.pk
    assert goal.focus_area_id == andt.pk
    assert any("ANDT-S" in line and "Mål" in line for line in plan.carried_summary)


def test_the_signatory_who_brings_a_revision_into_force_is_told_what_moved(in_force, plan, samordnare):
    revision = agreement_services.propose_revision(in_force, actor=samordnare)
    agreement_services.send_for_signature(revision, actor=samordnare)
    parties = list(revision.parties.select_related("signatory"))
    for party in parties[:-1]:
        assert party.signatory is not None
        agreement_services.sign_agreement(revision, party=party, actor=party.signatory)
    last = parties[-1].signatory
    assert last is not None
    response = client_for(last).post(reverse("agreement_sign", args=[revision.uuid]), signing_data(), follow=True)
    assert "Del 2-planerna under den är flyttade hit" in response.content.decode()
    plan.refresh_from_db()
    assert plan.agreement_id == revision.pk


# --- Pickers offer only what is current ------------------------------------------------------


def test_pickers_offer_only_the_current_versions_focus_areas_and_lagesbild_problems(
    in_force, plan, lofte, samordnare, kommun, kommun_problem, police_problem
):
    # A newer lägesbild for the kommun replaces the old one's problems in the pickers.
    newer = copy_lagesbild(
        kommun_problem.lagesbild,
        actor=samordnare,
        title="Lägesbild Norsjö 2026",
        period_start=date(2026, 1, 1),
        period_end=date(2028, 12, 31),
    )
    new_problem = add_problem(newer, actor=samordnare, title="Spel om pengar", theme=Theme.objects.get(slug="andt-s"))
    draft_picture = copy_lagesbild(
        newer, actor=samordnare, title="Utkast", period_start=date(2027, 1, 1), period_end=date(2029, 12, 31)
    )
    draft_problem = add_problem(draft_picture, actor=samordnare, title="Ej fastställt", theme=new_problem.theme)
    adopt_lagesbild(newer, actor=samordnare, adopted_on=date(2026, 1, 10), adopted_by="Kommunstyrelsen")

    revision = agreement_services.propose_revision(in_force, actor=samordnare)
    sign_agreement(revision)
    plan.refresh_from_db()
    lofte.refresh_from_db()
    current_areas = set(revision.focus_areas.all())

    goal_form = GoalForm(plan=plan)
    assert choices(goal_form, "focus_area") == current_areas
    offered = choices(goal_form, "problems")
    assert new_problem in offered
    assert police_problem in offered
    assert kommun_problem not in offered  # its lägesbild was replaced by a newer adopted one
    assert draft_problem not in offered
    assert choices(LofteForm(plan=plan), "focus_areas") == current_areas
    assert choices(ActivityForm(lofte=lofte), "focus_area") == current_areas

    area = revision.focus_areas.get()
    area_form = FocusAreaForm(instance=area, agreement=revision)
    offered = choices(area_form, "problems")
    assert new_problem in offered
    assert kommun_problem in offered  # already chosen: kept so saving does not drop it silently
    assert draft_problem not in offered
    fresh = FocusAreaForm(agreement=revision)
    assert kommun_problem not in choices(fresh, "problems")


def test_the_follow_up_overviews_count_the_version_in_force(
    published, samordnare, leader, police_leader, kommun, police_area
):
    from followup.dashboards import kommun_progress

    today = timezone.localdate()
    draft = services.propose_lofte_revision(published, actor=samordnare)
    assert {p.activity.lofte_id for p in kommun_progress(kommun, today)} == {published.pk}
    sign_both(draft, leader, police_leader, kommun, police_area)
    assert {p.activity.lofte_id for p in kommun_progress(kommun, today)} == {draft.pk}
