import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from samverkan.models import Membership, Organization
from samverkan.services import remove_membership
from samverkan.tenancy import (
    EDITOR_ROLES,
    ScopeError,
    can_edit_for,
    current_viewer,
    get_organization_for,
    no_scope,
    viewer_for,
    viewing_as,
    visible_organizations,
)

Role = Membership.Role


def test_a_person_reads_only_their_own_organisations(samordnare, kommun, second_kommun, other_kommun):
    viewer = viewer_for(samordnare)
    assert viewer.readable_org_ids == {kommun.pk}
    assert list(visible_organizations(viewer)) == [kommun]


def test_lansstyrelse_reads_every_kommun_in_its_county_but_not_beyond(
    county_reader, lansstyrelse, kommun, second_kommun, other_kommun, police_area
):
    viewer = viewer_for(county_reader)
    assert viewer.readable_org_ids == {lansstyrelse.pk, kommun.pk, second_kommun.pk}
    assert other_kommun.pk not in viewer.readable_org_ids
    # The police area is in the county too, but a länsstyrelse reads kommuner, not the police.
    assert police_area.pk not in viewer.readable_org_ids


def test_lansstyrelse_reads_county_kommuner_without_being_able_to_edit_them(county_reader, kommun):
    viewer = viewer_for(county_reader)
    assert get_organization_for(viewer, kommun.slug) == kommun
    assert not can_edit_for(viewer, kommun)


def test_police_contact_serving_two_police_areas_sees_both(police_contact, police_area, county, kommun):
    other_area = Organization.objects.create(
        slug="lpo-lycksele",
        kind=Organization.Kind.LOKALPOLISOMRADE,
        name="Lokalpolisområde Lycksele",
        county=county,
    )
    Membership.objects.create(user=police_contact, organization=other_area, role=Role.KONTAKTPERSON)
    viewer = viewer_for(police_contact)
    assert viewer.own_org_ids == {police_area.pk, other_area.pk}
    assert can_edit_for(viewer, police_area)
    assert can_edit_for(viewer, other_area)
    # Serving a kommun does not make its own data theirs.
    assert kommun.pk not in viewer.readable_org_ids


def test_person_without_membership_sees_nothing(lonely_person, kommun):
    viewer = viewer_for(lonely_person)
    assert viewer.readable_org_ids == frozenset()
    with pytest.raises(Http404):
        get_organization_for(viewer, kommun.slug)


def test_outsider_gets_404_for_another_kommun(outsider, kommun):
    with pytest.raises(Http404):
        get_organization_for(viewer_for(outsider), kommun.slug)


def test_reader_role_cannot_edit_and_gets_403_when_role_required(county_reader, lansstyrelse):
    viewer = viewer_for(county_reader)
    assert not can_edit_for(viewer, lansstyrelse, EDITOR_ROLES)
    with pytest.raises(PermissionDenied):
        get_organization_for(viewer, lansstyrelse.slug, roles=EDITOR_ROLES)


def test_leader_is_not_an_editor(leader, kommun):
    assert not can_edit_for(viewer_for(leader), kommun)


def test_inactive_person_and_inactive_organisation_give_no_access(samordnare, kommun):
    kommun.is_active = False
    kommun.save()
    assert viewer_for(samordnare).readable_org_ids == frozenset()
    kommun.is_active = True
    kommun.save()
    samordnare.is_active = False
    samordnare.save()
    assert viewer_for(samordnare).readable_org_ids == frozenset()


def test_removing_a_membership_removes_access_at_once(samordnare, kommun):
    membership = Membership.objects.get(user=samordnare, organization=kommun)
    remove_membership(membership, actor=None)
    assert viewer_for(samordnare).readable_org_ids == frozenset()


def test_current_viewer_raises_without_scope(samordnare):
    with no_scope(), pytest.raises(ScopeError):
        current_viewer()
    viewer = viewer_for(samordnare)
    with viewing_as(viewer):
        assert current_viewer() is viewer


def test_can_change_answers_from_the_row_when_it_carries_its_owner(
    kommun_problem, samordnare, leader, county_reader, outsider, django_assert_num_queries
):
    from lagesbild.models import Lagesbild
    from samverkan.tenancy import can_change, write_q

    picture = Lagesbild.all_objects.get(pk=kommun_problem.lagesbild_id)
    for person, expected in ((samordnare, True), (leader, False), (county_reader, False), (outsider, False)):
        viewer = viewer_for(person)
        # The same answer as asking the database with the rule itself …
        assert (
            Lagesbild.all_objects.filter(write_q(Lagesbild, viewer, EDITOR_ROLES), pk=picture.pk).exists() == expected
        )
        # … without asking it.
        with django_assert_num_queries(0):
            assert can_change(viewer, picture) == expected


def test_an_own_organisation_is_found_in_the_cached_access_and_a_closed_one_is_not(samordnare, kommun, client):
    from django.db import connection
    from django.http import Http404
    from django.test.utils import CaptureQueriesContext

    from samverkan.access import access_of
    from samverkan.tenancy import get_kommun_data_for, get_organization_for

    access = access_of(samordnare)
    with CaptureQueriesContext(connection) as queries:
        assert get_organization_for(access.viewer, kommun.slug, known=access.organizations) == kommun
        assert get_kommun_data_for(access.viewer, kommun.slug, known=access.organizations) == kommun
    assert len(queries) == 0
    kommun.is_active = False
    kommun.save()
    samordnare.refresh_from_db()  # the closed organisation gave its members a new access stamp
    access = access_of(samordnare)
    for lookup in (get_organization_for, get_kommun_data_for):
        with pytest.raises(Http404):
            lookup(access.viewer, kommun.slug, known=access.organizations)
