# ruff: noqa: F811 - the journeys take the browser fixtures imported from test_journeys
"""The duty journeys (Lag 2023:196) in a real browser, with axe-core on every page: a samordnare
records the åtgärdsplan decision and the duty page turns green; a länsstyrelse filters the county
to the kommuner that need support and exports them."""

import io
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from followup import services as followup_services
from lagesbild.models import Theme
from lagesbild.services import add_problem, adopt_lagesbild, create_lagesbild
from samverkan.coordination import appoint_samordningsfunktion, cycle_of, set_duty_cycle
from tests.browser.test_journeys import (  # noqa: F401 - fixtures
    _queue_tasks_instead_of_running_them,
    browser,
    check_a11y,
    log_in,
    new_page,
)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.xdist_group("browser")]


@pytest.fixture
def everything_but_the_atgardsplan(ready, kommun, police_area, samordnare, leader, police_leader):
    """Norsjö with a current lägesbild, a samordningsfunktion and an approved follow-up."""
    today = timezone.localdate()
    picture = create_lagesbild(
        kommun,
        actor=samordnare,
        title="Lägesbild Norsjö i år",
        period_start=today - timedelta(days=60),
        period_end=today + timedelta(days=3 * 365),
        analys="Narkotika bland unga är det främsta problemet.",
    )
    add_problem(picture, actor=samordnare, title="Narkotika bland unga", theme=Theme.objects.get(slug="andt-s"))
    adopt_lagesbild(picture, actor=samordnare, adopted_on=today - timedelta(days=30), adopted_by="Kommunstyrelsen")
    set_duty_cycle(cycle_of(kommun), actor=samordnare, expected_version=None, lagesbild_months=36)
    appoint_samordningsfunktion(
        kommun, actor=samordnare, role_title="Brottsförebyggande samordnare", from_date=today, people=[samordnare]
    )
    report = followup_services.create_report(ready, actor=samordnare, organization=kommun, year=today.year - 1)
    report = followup_services.update_report(
        report,
        actor=samordnare,
        expected_version=report.version,
        summary="Bra år.",
        worked="Samverkan.",
        changes_next_year="Fler vandringar.",
    )
    followup_services.submit_report(report, actor=samordnare)
    followup_services.approve_report(report, actor=leader, organization=kommun)
    followup_services.approve_report(report, actor=police_leader, organization=police_area)
    return picture


def test_samordnare_records_the_atgardsplan_decision_and_the_duty_page_turns_green(
    new_page,
    live_server,
    samordnare,
    kommun,
    everything_but_the_atgardsplan,
):
    page = new_page()
    log_in(page, live_server, samordnare.email)
    page.click("#duties + h3 a, section[aria-labelledby=duties] h3 a")
    page.wait_for_selector("#duty-summary")
    assert page.locator('[data-duty="atgardsplan"]').get_attribute("data-state") == "saknas"
    check_a11y(page, "duties-kommun-missing")
    page.get_by_role("link", name="Ny åtgärdsplan").click()
    page.fill("input[name=title]", "Åtgärdsplan Norsjö")
    page.click("main form button[type=submit]")
    page.get_by_role("link", name="Lägg till åtgärd").click()
    page.fill("input[name=what]", "Föräldravandringar på helger")
    page.select_option("select[name=problem]", label="1. Narkotika bland unga")
    page.fill("input[name=follow_up]", "Antal vandringar redovisas i årsuppföljningen")
    check_a11y(page, "measure-form")
    page.click("main form button[type=submit]")
    page.wait_for_selector("text=Föräldravandringar på helger")
    check_a11y(page, "atgardsplan")
    page.get_by_role("link", name="Registrera beslutet").click()
    page.fill("input[name=decided_by]", "Kommunstyrelsen")
    page.fill("input[name=diarienummer]", "KS 2026/301")
    page.fill("input[name=paragraph]", "§ 118")
    page.click("main form button[type=submit]")
    page.wait_for_selector("#duty-summary")
    assert page.locator('[data-duty="atgardsplan"]').get_attribute("data-state") == "uppfyllt"
    assert page.locator(".badge--bad, .badge--warn").count() == 0
    assert "Alla skyldigheter är uppfyllda" in page.inner_text("#duty-summary")
    assert "KS 2026/301" in page.content()
    check_a11y(page, "duties-kommun-green")


def test_lansstyrelse_filters_the_county_to_kommuner_needing_support_and_exports_it(
    new_page,
    live_server,
    county_reader,
    kommun,
    second_kommun,
    everything_but_the_atgardsplan,
):
    page = new_page()
    log_in(page, live_server, county_reader.email)
    page.click("text=Länets kommuner och deras skyldigheter")
    page.wait_for_selector('tr[data-kommun="norsjo"]')
    check_a11y(page, "duties-county")
    page.get_by_label("Bara kommuner som behöver stöd", exact=False).check()
    page.click("text=Visa")
    page.wait_for_url("**stod=1**")
    assert page.locator("tr[data-kommun]").count() == 2  # Norsjö lacks its åtgärdsplan, Malå everything
    page.click("a:has-text('Kommun')")  # sort by kommun, keeping the filter
    page.wait_for_url("**sortera=kommun**")
    with page.expect_download() as download_info:
        page.click("#duties-export")
    data = Path(download_info.value.path()).read_bytes()
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert {row[0] for row in rows[1:]} == {"Malå kommun", "Norsjö kommun"}
    assert ("Norsjö kommun", "Åtgärdsplan beslutad", "Saknas") in [row[:3] for row in rows[1:]]
    check_a11y(page, "duties-county-filtered")
