"""The national dataset of the benchmark, built for two small counties: its shape, its logs, its
tenancy, and the pages the benchmark measures answer as they should on it."""

from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, Min, Q

from agreements.models import Agreement
from bench import runner, scale
from followup.models import ActivityLog, AnnualReport
from medborgarloften.models import Activity, Medborgarlofte
from samverkan.models import Membership, Organization
from samverkan.tenancy import viewer_for, viewing_as
from tests.scale.conftest import COUNTIES, TODAY


def test_each_county_gets_its_kommuner_police_areas_and_lansstyrelse(small_nation):
    orgs = Organization.objects.filter(slug__startswith=scale.SLUG_PREFIX)
    assert orgs.filter(kind="kommun", county__code="09").count() == 1
    assert orgs.filter(kind="kommun", county__code="10").count() == 5
    assert orgs.filter(kind="lansstyrelse").count() == 2
    assert orgs.filter(kind="polisregion").count() == 7
    lpos = orgs.filter(kind="lokalpolisomrade")
    # Police areas in proportion to the kommuner (about 95 for 290), each under a region and
    # covering kommuner of its own county only.
    assert lpos.filter(county__code="09").count() == 1
    assert lpos.filter(county__code="10").count() == 2
    for lpo in lpos:
        assert lpo.parent is not None
        assert lpo.parent.kind == "polisregion"
        assert set(lpo.covers.values_list("county_id", flat=True)) == {lpo.county_id}
    for kommun in orgs.filter(kind="kommun"):
        assert kommun.covered_by.count() == 1
    assert small_nation.organizations == orgs.count()
    # Three people in every organisation.
    assert set(Membership.objects.values("organization").annotate(n=Count("id")).values_list("n", flat=True)) == {3}


def test_every_kommun_has_an_agreement_in_force_a_lagesbild_and_a_published_promise(small_nation):
    for kommun in Organization.objects.filter(kind="kommun", slug__startswith=scale.SLUG_PREFIX):
        police = kommun.covered_by.get()
        agreement = Agreement.objects.get(parties__organization=kommun)
        assert agreement.status == "gallande"
        assert set(agreement.parties.values_list("organization", flat=True)) == {kommun.pk, police.pk}
        assert not agreement.parties.filter(accepted_at__isnull=True).exists()
        assert agreement.signatures.count() == 2
        assert agreement.focus_areas.filter(problems__isnull=False).distinct().count() == 3
        assert kommun.lagesbilder.get().status == "faststalld"
        lofte = Medborgarlofte.objects.get(plan__organization=kommun)
        assert lofte.status == "gallande"
        assert lofte.published_at is not None
        assert lofte.police_area == police
        assert lofte.activities.count() == 15
        assert AnnualReport.objects.filter(organization=kommun, year=TODAY.year - 1).exists()


def test_logs_cover_the_years_up_to_today_and_are_made_by_who_is_responsible(small_nation):
    logs = ActivityLog.objects.all()
    assert logs.count() == small_nation.logs
    # 6 kommuner × 15 activities over 1.5 years: hundreds per kommun and year, as at full scale.
    assert small_nation.logs > 6 * 300
    assert logs.aggregate(first=Min("done_on"))["first"] >= date(TODAY.year - 1, 1, 1)
    assert not logs.filter(done_on__gt=TODAY).exists()
    # The police log what the police do, the kommun what the kommun does.
    assert not logs.filter(activity__responsible="polis").exclude(organization__kind="lokalpolisomrade").exists()
    assert not logs.filter(activity__responsible="kommun").exclude(organization__kind="kommun").exists()
    # Every activity has been done at least once, and activities go at different paces.
    per_activity = Activity.objects.annotate(n=Count("logs"))
    assert not per_activity.filter(n=0).exists()
    monthly = per_activity.filter(target_unit="manad", target_count=10).values_list("n", flat=True)
    assert len(set(monthly)) > 1


def test_a_kommun_sees_its_own_data_and_not_another_kommuns(small_nation):
    one, other = Organization.objects.filter(kind="kommun", county__code="10").order_by("code")[:2]
    samordnare = Membership.objects.get(organization=one, role="samordnare").user
    with viewing_as(viewer_for(samordnare)):
        assert Activity.objects.filter(lofte__plan__organization=one).count() == 15
        assert not Activity.objects.filter(lofte__plan__organization=other).exists()
        assert not ActivityLog.objects.filter(~Q(activity__lofte__plan__organization=one)).exists()


def test_it_is_built_once(small_nation):
    with pytest.raises(RuntimeError, match="finns redan"):
        scale.build(today=TODAY, counties=COUNTIES)
    with pytest.raises(CommandError, match="finns redan"):
        call_command("generate_scale_data")
    call_command("generate_scale_data", "--if-missing")
    assert Organization.objects.filter(kind="kommun").count() == 6


def test_the_benchmarked_pages_answer_on_the_scale_data(small_nation):
    """What `make bench` measures must be the real pages, answering as they do for a person:
    each is requested twice and must give the status the benchmark expects."""
    kommun = Organization.objects.get(slug=f"{scale.SLUG_PREFIX}1001")
    pages = runner.key_pages(TODAY, kommun_slug=kommun.slug, county="10")
    assert [page.method for page in pages].count("POST") == 1
    assert "Länsöversikt (5 kommuner)" in [page.name for page in pages]
    before = ActivityLog.objects.count()
    counts = {page.name: runner.count_queries(page) for page in pages}
    # Signed-in pages at least find their person; the public page may answer from the cache.
    assert all(counts[page.name] > 0 for page in pages if page.user is not None)
    # The measured POST really logs (twice: the warm-up request and the counted one).
    assert ActivityLog.objects.count() == before + 2
