"""The benchmark's own parts: wrk's results are read, requests carry a session, and its results are
written to bench/results.json and the README table."""

import json
from pathlib import Path

import pytest

from bench import runner

WRK_OUTPUT = """Running 10s test @ http://127.0.0.1:8123/oversikt/
  1 threads and 4 connections
{"requests": 2400, "duration_us": 10000000, "p50_us": 15200, "p95_us": 31000, "p99_us": 45000, "max_us": 90000, \
"errors_status": 3, "errors_connect": 0, "errors_read": 1, "errors_write": 0, "errors_timeout": 0}
"""


def test_wrk_results_are_read():
    load = runner.parse_wrk(WRK_OUTPUT)
    assert load.rps == 240
    assert (load.p50_ms, load.p95_ms, load.p99_ms) == (15.2, 31.0, 45.0)
    assert load.errors == 4
    with pytest.raises(RuntimeError, match="inget resultat"):
        runner.parse_wrk("unable to connect to 127.0.0.1:8123 Connection refused")


def test_posts_carry_the_csrf_token_and_the_session():
    page = runner.Page("Logga", "/uppfoljning/logga/", None, method="POST", form={"count": "1"}, expect=302)
    headers = runner.headers_for(page, "http://127.0.0.1:8123", "abc", "t" * 32)
    assert headers["X-CSRFToken"] == "t" * 32
    assert headers["Cookie"] == f"sessionid=abc; csrftoken={'t' * 32}"
    assert headers["Origin"] == "https://127.0.0.1:8123"
    assert headers["X-Forwarded-Proto"] == "https"
    anonymous = runner.headers_for(runner.Page("Publik", "/medborgarloften/x/", None), "http://h", "", "t")
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
                "meets_targets": p95 <= 50 and ratio >= 0.15,
                "profile": {
                    "total_ms": 9.4,
                    "phases_ms": {
                        "middleware": 0.5,
                        "session": 0.3,
                        "user": 0.8,
                        "tenancy": 0.3,
                        "view": 4.0,
                        "context processors": 0.3,
                        "template": 3.2,
                    },
                    "queries": {"user": 1, "view": 8},
                    "query_ms": 3.1,
                },
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
    readme.write_text(f"# Samverkan\n\n{runner.README_START}\nold table\n{runner.README_END}\n\n## Konfiguration\n")
    runner.update_readme(readme, results(p95=42.0, ratio=0.27))
    text = readme.read_text()
    assert "old table" not in text
    assert "| Översikt | 10.0 | 42.0 | 400 | 9 | 27% | uppnått |" in text
    assert "1 356 902 loggar" in text
    assert "| Årsuppföljning som PDF, renderad och förseglad | 2.5 s | ≤ 2 s, missat |" in text
    # Where the page's time goes, phase by phase, with each phase's queries.
    assert "| Översikt | 0.5 | 0.3 | 0.8 (1) | 0.3 | 4.0 (8) | 0.3 | 3.2 | 9.4 | 3.1 |" in text
    assert text.endswith(f"{runner.README_END}\n\n## Konfiguration\n")
    runner.update_readme(readme, results(p95=140.0, ratio=0.27))
    assert "| Översikt | 10.0 | 140.0 | 400 | 9 | 27% | missat |" in readme.read_text()
    readme.write_text("# no markers\n")
    with pytest.raises(RuntimeError, match="saknar markeringarna"):
        runner.update_readme(readme, results(p95=1, ratio=1))


def test_results_are_written_as_json(tmp_path: Path):
    path = runner.write(results(p95=42.0, ratio=0.3), tmp_path / "bench")
    assert json.loads(path.read_text())["pages"][0]["page"] == "Översikt"
