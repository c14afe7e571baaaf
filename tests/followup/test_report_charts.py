"""The annual report's figures as a reader sees them in the PDF: axes and units, a legend, the
target marked, every activity's name in full, the unmeasurable listed and text of 9 pt or more."""

import re
import shutil
import subprocess
from datetime import date
from decimal import Decimal
from html import unescape
from pathlib import Path

import pytest
from django.utils import timezone

from followup import services
from followup.reports import render_report_pdf
from lagesbild.services import create_indicator, record_measurement
from medborgarloften import services as plan_services
from medborgarloften.services import link_effect_indicators
from tests.conftest import activity_fields

LONG_NAME = "Samverkan med andra aktörer i samhället kring trygghet i centrum under helgerna"


@pytest.fixture
def report_pdf(lofte, plan, activities, samordnare, leader, police_leader, kommun, police_area, police_contact, ready):
    plan.refresh_from_db()
    plan_services.add_activity(
        lofte,
        actor=samordnare,
        expected_version=plan.version,
        **activity_fields(what=LONG_NAME, responsible="bada", target_count=4, target_unit="ar", target_text=""),
    )
    plan_services.sign_lofte(lofte, actor=leader, organization=kommun)
    plan_services.sign_lofte(lofte, actor=police_leader, organization=police_area)
    today = timezone.localdate()
    lofte.refresh_from_db()
    activities[2].refresh_from_db()
    activities[0].refresh_from_db()
    # The trigger activity is logged often: before, it got the longest bar of all.
    services.log_activity(activities[2], actor=police_contact, organization=police_area, done_on=today, count=40)
    services.log_activity(activities[0], actor=police_contact, organization=police_area, done_on=today, count=3)
    indicator = create_indicator(
        kommun,
        actor=samordnare,
        name="Andel trygga i centrum",
        unit="procent",
        source="NTU",
        baseline_year=2023,
        baseline_value=Decimal(72),
    )
    for year, value in ((2024, "74"), (2025, "76.5"), (2026, "78")):
        record_measurement(
            indicator, actor=samordnare, period_start=date(year, 1, 1), granularity="ar", value=Decimal(value)
        )
    link_effect_indicators(lofte.effects.first(), actor=samordnare, indicators=[indicator])
    report = services.create_report(ready, actor=samordnare, organization=kommun, year=today.year)
    return render_report_pdf(report)


def pdftotext(pdf: bytes, tmp_path: Path, *args: str) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    command = [shutil.which("pdftotext") or "pdftotext", *args, str(path), "-"]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout  # noqa: S603


def test_annual_report_pdf_figures_read_plainly(report_pdf, tmp_path):
    text = " ".join(pdftotext(report_pdf, tmp_path).split())
    # Legend and value axis with its unit.
    assert "Utfört i år" in text
    assert "Mål för året" in text
    assert "antal gånger" in text
    assert "3 av 120" in text  # 10 a month over the year, done 3
    # The long name in full, in the table and wrapped in the chart, never cut.
    assert text.count(LONG_NAME) == 2
    assert "…" not in text
    # The trigger activity is listed with what was done, not drawn as a bar.
    assert "Kan inte mätas i siffror: Nattvandring (40 gånger i år)" in text
    assert "40 av" not in text
    # The indicator's scale starts above zero, and says so; the baseline is in the legend.
    assert "Skalan börjar vid 70 %, inte vid noll." in text
    assert "Baslinje 2023: 72 %" in text


def _word_heights(pdf: bytes, tmp_path: Path) -> dict[str, list[float]]:
    html = pdftotext(pdf, tmp_path, "-bbox")
    heights: dict[str, list[float]] = {}
    for y_min, y_max, word in re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>', html):
        heights.setdefault(unescape(word), []).append(float(y_max) - float(y_min))
    return heights


def test_chart_text_in_the_pdf_is_at_least_9_pt(report_pdf, tmp_path):
    heights = _word_heights(report_pdf, tmp_path)
    # The paragraph text is set in 10 pt; the box pdftotext gives a word is proportional to its size.
    body = min(heights["Siffrorna"])
    chart_words = [*heights["Utfört"], *heights["gånger"], *heights["Uppmätt"], *heights["Skalan"]]
    assert chart_words
    smallest = min(chart_words) / body * 10
    assert smallest >= 9, f"chart text is {smallest:.1f} pt"
