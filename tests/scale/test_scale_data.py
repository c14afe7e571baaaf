"""The national dataset of the benchmark, built for two small counties, and the benchmark's own
parts: the pages it measures answer as they should on that data, and its results are read and
written right."""

import json
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, Min, Q
from django.urls import NoReverseMatch, reverse

from agreements.models import Agreement
from followup import bench, scale
from followup.models import ActivityLog, AnnualReport
from medborgarloften.models import Activity, Medborgarlofte
from samverkan.models import Membership, Organization
from samverkan.tenancy import viewer_for, viewing_as
from tests.conftest import ensure_themes

TODAY = date(2026, 6, 15)
# Gotland (1 kommun) and Blekinge (5 kommuner).
COUNTIES = ["09", "10"]


@pytest.fixture
def small_nation(db):
    ensure_themes()
    return scale.build(today=TODAY, log_years=2, counties=COUNTIES)


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
        assert lpo.parent is not None and lpo.parent.kind == "polisregion"
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
    pages = bench.key_pages(TODAY, kommun_slug=kommun.slug, county="10")
    assert [page.method for page in pages].count("POST") == 1
    assert "Länsöversikt (5 kommuner)" in [page.name for page in pages]
    before = ActivityLog.objects.count()
    counts = {page.name: bench.count_queries(page) for page in pages}
    assert all(count > 0 for count in counts.values())
    # The measured POST really logs (twice: the warm-up request and the counted one).
    assert ActivityLog.objects.count() == before + 2


def test_the_benchmark_times_pdfs_and_the_reminder_scan(transactional_db, small_nation, seal_dir, mailoutbox):
    """Committed as in production, so that the scan's e-mails go out before it is cleaned up."""
    timings = bench.pdf_timings(TODAY, runs=1, kommun_slug=f"{scale.SLUG_PREFIX}0901")
    assert set(timings) == {"agreement_pdf_s", "annual_report_pdf_s"}
    assert all(len(values) == 1 and values[0] > 0 for values in timings.values())
    scan = bench.reminder_scan()
    # The scan found work in the dataset, and what it created is gone again for the next run.
    assert scan["notifications"] > 0
    assert len(mailoutbox) == scan["notifications"]
    from samverkan.models import Notification

    assert not Notification.objects.exists()


def test_hello_world_is_only_served_for_the_benchmark(client):
    assert client.get("/bench/hello/").status_code == 404
    with pytest.raises(NoReverseMatch):
        reverse("bench_hello")


WRK_OUTPUT = """Running 10s test @ http://127.0.0.1:8123/oversikt/
  1 threads and 4 connections
{"requests": 2400, "duration_us": 10000000, "p50_us": 15200, "p95_us": 31000, "p99_us": 45000, "max_us": 90000, \
"errors_status": 3, "errors_connect": 0, "errors_read": 1, "errors_write": 0, "errors_timeout": 0}
"""


def test_wrk_results_are_read():
    load = bench.parse_wrk(WRK_OUTPUT)
    assert load.rps == 240
    assert (load.p50_ms, load.p95_ms, load.p99_ms) == (15.2, 31.0, 45.0)
    assert load.errors == 4
    with pytest.raises(RuntimeError, match="inget resultat"):
        bench.parse_wrk("unable to connect to 127.0.0.1:8123 Connection refused")


def test_posts_carry_the_csrf_token_and_the_session():
    page = bench.Page("Logga", "/uppfoljning/logga/", None, method="POST", form={"count": "1"}, expect=302)
    headers = bench.headers_for(page, "http://127.0.0.1:8123", "abc", "t" * 32)
    assert headers["X-CSRFToken"] == "t" * 32
    assert headers["Cookie"] == f"sessionid=abc; csrftoken={'t' * 32}"
    assert headers["Origin"] == "https://127.0.0.1:8123"
    assert headers["X-Forwarded-Proto"] == "https"
    anonymous = bench.headers_for(bench.Page("Publik", "/medborgarloften/x/", None), "http://h", "", "t")
    assert "Cookie" not in anonymous


def results(p95: float, ratio: float) -> dict:
    return {
        "measured_at": "2026-11-23T10:00:00+01:00",
        "machine": {"cores": 2},
        "dataset": {"kommuner": 290, "police_areas": 97, "activity_logs": 1356902},
        "server": {"workers": 4, "connections": 4, "duration": 10},
        "hello_world": {"requests_per_s": 1500.0},
        "pages": [
            {
                "page": "Översikt",
                "p50_ms": 10.0,
                "p95_ms": p95,
                "requests_per_s": 400.0,
                "queries": 9,
                "throughput_ratio": ratio,
                "meets_targets": p95 <= 100 and ratio >= 0.25,
            }
        ],
        "pdf": {
            "agreement_pdf_s": {"median_s": 0.4, "meets_target": True},
            "annual_report_pdf_s": {"median_s": 2.5, "meets_target": False},
        },
        "reminder_scan": {"seconds": 4.2, "notifications": 812, "meets_target": True},
    }


def test_the_readme_table_is_rewritten_between_its_markers(tmp_path: Path):
    readme = tmp_path / "README.md"
    readme.write_text(f"# Samverkan\n\n{bench.README_START}\nold table\n{bench.README_END}\n\n## Konfiguration\n")
    bench.update_readme(readme, results(p95=42.0, ratio=0.27))
    text = readme.read_text()
    assert "old table" not in text
    assert "| Översikt | 10.0 | 42.0 | 400 | 9 | 27% | uppnått |" in text
    assert "1 356 902 loggar" in text
    assert "| Årsuppföljning som PDF, renderad och förseglad | 2.5 s | ≤ 2 s, missat |" in text
    assert text.endswith(f"{bench.README_END}\n\n## Konfiguration\n")
    bench.update_readme(readme, results(p95=140.0, ratio=0.27))
    assert "| Översikt | 10.0 | 140.0 | 400 | 9 | 27% | missat |" in readme.read_text()
    readme.write_text("# no markers\n")
    with pytest.raises(RuntimeError, match="saknar markeringarna"):
        bench.update_readme(readme, results(p95=1, ratio=1))


def test_results_are_written_as_json(tmp_path: Path):
    path = bench.write(results(p95=42.0, ratio=0.3), tmp_path / "bench")
    assert json.loads(path.read_text())["pages"][0]["page"] == "Översikt"
