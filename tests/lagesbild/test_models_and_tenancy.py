from datetime import date

import pytest
from django.db import IntegrityError, transaction

from lagesbild.models import Cause, Lagesbild, Problem
from lagesbild.services import create_lagesbild
from samverkan.tenancy import ScopeError, no_scope, viewer_for, viewing_as


def test_querying_a_tenant_model_without_a_viewer_raises(lagesbild):
    with no_scope():
        with pytest.raises(ScopeError):
            list(Lagesbild.objects.all())
        with pytest.raises(ScopeError):
            Problem.objects.filter(lagesbild__title="x").exists()
        with pytest.raises(ScopeError):
            Lagesbild.objects.count()


def test_a_queryset_built_without_scope_stays_closed_inside_a_scope(lagesbild, samordnare):
    with no_scope():
        built_early = Lagesbild.objects.all()
    with viewing_as(viewer_for(samordnare)), pytest.raises(ScopeError):
        list(built_early)


def test_viewer_scope_filters_to_what_the_viewer_may_read(lagesbild, problems, samordnare, outsider, county_reader):
    with viewing_as(viewer_for(samordnare)):
        assert list(Lagesbild.objects.all()) == [lagesbild]
        assert Cause.objects.count() == 6
    with viewing_as(viewer_for(outsider)):
        assert Lagesbild.objects.count() == 0
        assert Problem.objects.count() == 0
        assert Cause.objects.count() == 0
    with viewing_as(viewer_for(county_reader)):
        assert list(Lagesbild.objects.all()) == [lagesbild]


def test_reverse_relations_are_scoped_too(lagesbild, problems, outsider):
    with viewing_as(viewer_for(outsider)):
        assert list(lagesbild.problems.all()) == []


def test_period_must_not_end_before_it_starts(kommun):
    with pytest.raises(IntegrityError), transaction.atomic():
        Lagesbild.objects.create(
            organization=kommun, title="Fel", period_start=date(2025, 2, 1), period_end=date(2025, 1, 1)
        )


def test_adopted_lagesbild_needs_an_adoption_date(kommun):
    with pytest.raises(IntegrityError), transaction.atomic():
        Lagesbild.objects.create(
            organization=kommun,
            title="Fel",
            period_start=date(2025, 1, 1),
            period_end=date(2025, 12, 31),
            status=Lagesbild.Status.FASTSTALLD,
        )


def test_creating_a_lagesbild_is_recorded_with_its_author(kommun, samordnare):
    lagesbild = create_lagesbild(
        kommun, actor=samordnare, title="L", period_start=date(2025, 1, 1), period_end=date(2025, 12, 31)
    )
    assert lagesbild.history.first().history_user == samordnare
