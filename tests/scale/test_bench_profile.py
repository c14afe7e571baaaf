"""The benchmark's profile (bench/profile.py): for every key page, where one request's time goes,
phase by phase, with the queries each phase ran, on the small nation."""

import pytest

from bench import profile, runner, scale
from tests.scale.conftest import TODAY


@pytest.fixture
def pages(small_nation, settings):
    # Sessions as production keeps them, in the shared cache (settings.py: cached_db).
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    return runner.key_pages(TODAY, kommun_slug=f"{scale.SLUG_PREFIX}1001", county="10")


def test_the_key_pages_include_the_floor_the_duties_and_the_meetings(pages):
    names = [page.name for page in pages]
    assert names[0].startswith("Golvet")
    for name in ("Översikt", "Kommunens skyldigheter", "Samverkansgrupper och möten", "Ett möte"):
        assert name in names
    assert any(name.startswith("Länets skyldigheter") for name in names)
    # The benchmark's meeting is made once and found again on the next run.
    again = runner.key_pages(TODAY, kommun_slug=f"{scale.SLUG_PREFIX}1001", county="10")
    assert [page.path for page in again] == [page.path for page in pages]


def test_the_floor_costs_one_query_and_every_phase_is_timed(pages):
    floor = profile.profile_page(pages[0], warmup=2, runs=3)
    # After warm-up only finding the person asks the database: the session, the Viewer and the
    # navigation come from the cache.
    assert floor["queries"] == {"user": 1}
    assert set(floor["phases_ms"]) == set(profile.PHASES)
    for phase in ("user", "tenancy", "template"):
        assert floor["phases_ms"][phase] > 0, phase
    assert floor["phases_ms"]["view"] < floor["phases_ms"]["template"]  # an empty view
    assert max(floor["phases_ms"].values()) <= floor["total_ms"]


def test_each_moment_of_a_request_is_counted_in_one_phase(monkeypatch):
    # The middleware starts at 0 s, the view runs from 1 s to 3 s inside it, which ends at 10 s.
    clock = iter([0.0, 1.0, 3.0, 10.0])
    monkeypatch.setattr(profile.time, "perf_counter", lambda: next(clock))
    phases = profile.Phases()
    with phases.phase("middleware"), phases.phase("view"):
        pass
    assert dict(phases.seconds) == {"middleware": 8.0, "view": 2.0}


def test_every_key_page_is_profiled_within_ten_queries(pages):
    for page in pages:
        found = profile.profile_page(page, warmup=1, runs=1)
        assert found["total_ms"] > 0, page.name
        assert sum(found["queries"].values()) <= runner.TARGETS["queries"], (page.name, found["queries"])
        if page.user is not None:
            # A signed-in page at least finds its person (the public page may answer from the cache).
            assert found["queries"].get("user", 0) == 1, (page.name, found["queries"])
            assert found["queries"].get("tenancy", 0) == 0, page.name
            assert found["queries"].get("context processors", 0) == 0, page.name


def test_the_readme_shows_the_profile(pages):
    rows = [{"page": page.name, "profile": profile.profile_page(page, warmup=1, runs=1)} for page in pages[:2]]
    table = runner.profile_table(rows)
    assert table[2].startswith("| sida | middleware | session | person | behörighet")
    assert table[4].startswith(f"| {pages[0].name} | ")
    assert "(1)" in table[4]  # the person's one query
