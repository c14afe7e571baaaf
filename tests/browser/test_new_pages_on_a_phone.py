# ruff: noqa: F811 - the test takes the browser fixtures imported from test_journeys
"""The pages added with the duties and the import, on a 390 px phone: nothing scrolls sideways and
axe-core finds no WCAG 2.1 A or AA violation."""

import pytest

from tests.browser.test_journeys import (  # noqa: F401 - fixtures
    PHONE,
    _queue_tasks_instead_of_running_them,
    browser,
    check_a11y,
    new_page,
)
from tests.importing import seed_text

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.xdist_group("browser")]

NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth"


def test_import_review_and_county_duties_fit_a_phone(
    new_page, live_server, samordnare, plan, county_reader, kommun, second_kommun, tmp_path
):
    seed = tmp_path / "norsjo-medborgarloften.txt"
    seed.write_text(seed_text("002"), encoding="utf-8")
    page = new_page(viewport=PHONE, user=samordnare)
    page.goto(live_server.url + plan.get_absolute_url())
    page.click("text=Importera dokument")
    page.set_input_files("input[type=file]", str(seed))
    page.locator("main form button[type=submit]").click()
    page.wait_for_selector("table.import-review")
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    check_a11y(page, "phone-import-review")

    page = new_page(viewport=PHONE, user=county_reader)
    page.goto(live_server.url + "/uppfoljning/skyldigheter/")
    page.wait_for_selector('tr[data-kommun="norsjo"]')
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    check_a11y(page, "phone-duties-county")
