from datetime import date
from decimal import Decimal

import pytest

from lagesbild import services
from lagesbild.models import Lagesbild, Problem
from samverkan.concurrency import ConflictError
from samverkan.errors import DomainError
from samverkan.models import Organization
from samverkan.tenancy import viewer_for, viewing_as


def priorities(lagesbild):
    return [p.title for p in Problem.objects.filter(lagesbild=lagesbild).order_by("priority")]


def test_new_problems_go_last_with_their_causes_and_sources(problems, source):
    assert [p.priority for p in problems] == [1, 2, 3]
    assert [c.description for c in problems[0].causes.all()] == ["Orsak A", "Orsak B"]
    assert list(problems[0].sources.all()) == [source]


def test_move_problem_up_and_down(lagesbild, problems, samordnare):
    services.move_problem(problems[2], actor=samordnare, direction="up")
    assert priorities(lagesbild) == ["Narkotika bland unga", "Inbrott i sommarstugor", "Trafikbrott"]
    services.move_problem(problems[0], actor=samordnare, direction="down")
    assert priorities(lagesbild) == ["Inbrott i sommarstugor", "Narkotika bland unga", "Trafikbrott"]
    # Moving the first one up changes nothing.
    services.move_problem(Problem.objects.get(title="Inbrott i sommarstugor"), actor=samordnare, direction="up")
    assert priorities(lagesbild) == ["Inbrott i sommarstugor", "Narkotika bland unga", "Trafikbrott"]


def test_reorder_problems_sets_the_whole_order(lagesbild, problems, samordnare):
    services.reorder_problems(
        lagesbild,
        actor=samordnare,
        order=[str(problems[1].uuid), str(problems[2].uuid), str(problems[0].uuid)],
    )
    assert priorities(lagesbild) == ["Trafikbrott", "Inbrott i sommarstugor", "Narkotika bland unga"]


def test_reorder_refuses_a_list_that_does_not_match(lagesbild, problems, samordnare):
    with pytest.raises(DomainError, match="stämmer inte"):
        services.reorder_problems(lagesbild, actor=samordnare, order=[str(problems[0].uuid)])


def test_deleting_a_problem_closes_the_gap(lagesbild, problems, samordnare):
    services.delete_problem(problems[0], actor=samordnare)
    assert list(Problem.objects.filter(lagesbild=lagesbild).values_list("priority", flat=True)) == [1, 2]


def test_adopt_requires_analysis_and_problems(lagesbild, samordnare):
    with pytest.raises(DomainError, match="minst ett prioriterat problem"):
        services.adopt_lagesbild(lagesbild, actor=samordnare, adopted_on=date(2025, 2, 1), adopted_by="KS")


def test_adopted_lagesbild_is_frozen(lagesbild, problems, samordnare, themes):
    services.adopt_lagesbild(lagesbild, actor=samordnare, adopted_on=date(2025, 2, 1), adopted_by="Kommunstyrelsen")
    lagesbild.refresh_from_db()
    assert lagesbild.is_adopted
    assert lagesbild.adopted_by == "Kommunstyrelsen"
    with pytest.raises(DomainError, match="fastställd"):
        services.update_lagesbild(lagesbild, actor=samordnare, expected_version=lagesbild.version, title="Ny")
    with pytest.raises(DomainError, match="fastställd"):
        services.add_problem(lagesbild, actor=samordnare, title="Nytt", theme=themes["annat"])
    with pytest.raises(DomainError, match="fastställd"):
        services.move_problem(problems[1], actor=samordnare, direction="up")


def test_copy_starts_a_new_draft_with_everything_carried_over(lagesbild, problems, samordnare):
    services.adopt_lagesbild(lagesbild, actor=samordnare, adopted_on=date(2025, 2, 1), adopted_by="KS")
    new = services.copy_lagesbild(
        lagesbild,
        actor=samordnare,
        title="Lägesbild 2026",
        period_start=date(2026, 1, 1),
        period_end=date(2026, 12, 31),
    )
    assert new.status == Lagesbild.Status.UTKAST
    assert new.based_on == lagesbild
    assert new.analys == lagesbild.analys
    assert priorities(new) == priorities(lagesbild)
    copied = new.problems.get(title="Narkotika bland unga")
    assert [c.description for c in copied.causes.all()] == ["Orsak A", "Orsak B"]
    assert copied.sources.get().lagesbild == new
    # The original keeps its own problems.
    assert lagesbild.problems.count() == 3


def test_second_editor_gets_a_conflict_instead_of_overwriting(lagesbild, samordnare):
    loaded_version = lagesbild.version
    services.update_lagesbild(lagesbild, actor=samordnare, expected_version=loaded_version, analys="Första")
    stale = Lagesbild.objects.get(pk=lagesbild.pk)
    with pytest.raises(ConflictError):
        services.update_lagesbild(stale, actor=samordnare, expected_version=loaded_version, analys="Andra")
    assert Lagesbild.objects.get(pk=lagesbild.pk).analys == "Första"


def test_sources_from_another_lagesbild_are_refused(lagesbild, samordnare, kommun, themes):
    other = services.create_lagesbild(
        kommun, actor=samordnare, title="Annan", period_start=date(2024, 1, 1), period_end=date(2024, 12, 31)
    )
    foreign = services.add_source(other, actor=samordnare, kind="annat", title="Främmande", date=date(2024, 1, 1))
    with pytest.raises(DomainError):
        services.add_problem(lagesbild, actor=samordnare, title="X", theme=themes["annat"], sources=[foreign])


def test_record_measurement_replaces_the_same_period(indicator, samordnare):
    services.record_measurement(
        indicator, actor=samordnare, period_start=date(2024, 1, 1), granularity="ar", value=Decimal("3")
    )
    services.record_measurement(
        indicator, actor=samordnare, period_start=date(2024, 1, 1), granularity="ar", value=Decimal("4")
    )
    assert list(indicator.measurements.values_list("value", flat=True)) == [Decimal("4")]


def adopt(lb, actor):
    return services.adopt_lagesbild(lb, actor=actor, adopted_on=lb.period_start, adopted_by="KS")


def test_side_by_side_returns_current_adopted_pictures_and_marks_shared_themes(
    kommun, second_kommun, police_area, samordnare, themes
):
    def picture(org, titles_and_themes, adopted=True, year=2025):
        lb = services.create_lagesbild(
            org,
            actor=None,
            title=f"{org.name} {year}",
            period_start=date(year, 1, 1),
            period_end=date(year, 12, 31),
            analys="Analys",
        )
        for title, theme in titles_and_themes:
            services.add_problem(lb, actor=None, title=title, theme=themes[theme])
        if adopted:
            adopt(lb, None)
        return lb

    norsjo = picture(kommun, [("Narkotika", "andt-s"), ("Inbrott", "tillgreppsbrott")])
    picture(kommun, [("Gammalt", "annat")], year=2024)  # adopted but not current
    picture(second_kommun, [("Droger", "andt-s")], adopted=False)  # a draft does not count
    police = picture(police_area, [("Narkotikabrott", "andt-s"), ("Rattfylleri", "trafik")])

    result = services.side_by_side([kommun, second_kommun, police_area], date(2025, 6, 1))
    assert [c.lagesbild for c in result.columns] == [norsjo, None, police]
    assert [t.slug for t in result.shared_themes] == ["andt-s"]
    assert [p.title for p in result.columns[0].problems] == ["Narkotika", "Inbrott"]
    assert result.is_shared(result.columns[0].problems[0])
    assert not result.is_shared(result.columns[0].problems[1])


def test_side_by_side_leaves_out_what_the_viewer_may_not_read(kommun, other_kommun, samordnare, themes):
    for org in (kommun, other_kommun):
        lb = services.create_lagesbild(
            org,
            actor=None,
            title=org.name,
            period_start=date(2025, 1, 1),
            period_end=date(2025, 12, 31),
            analys="A",
        )
        services.add_problem(lb, actor=None, title="Narkotika", theme=themes["andt-s"])
        adopt(lb, None)
    with viewing_as(viewer_for(samordnare)):
        result = services.side_by_side([kommun, other_kommun], date(2025, 6, 1))
    assert result.columns[1].lagesbild is None
    assert result.shared_themes == []
    assert isinstance(result.columns[0].organization, Organization)
