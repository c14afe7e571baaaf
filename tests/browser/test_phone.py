# ruff: noqa: F811 - the tests take the browser fixtures imported from test_journeys
"""The journeys on a 390 px phone, with the demo data a new user would try: every page each role
reaches from its start page (the main navigation and the pages it links to) fits the screen and
keeps every column of its tables in view; police contacts start on logging, see whole activity
names per kommun, and after logging see where the activity now stands and can undo at once.
The same pages at 1366 px keep their tables as tables."""

import io
from typing import Any
from urllib.parse import parse_qs, urljoin, urlparse

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.test.utils import override_settings

from demo.organisations import DEMO_PASSWORD
from followup.models import ActivityLog
from samverkan.models import User
from tests.browser.test_journeys import (  # noqa: F401 - fixtures
    PHONE,
    _queue_tasks_instead_of_running_them,
    browser,
    check_a11y,
    new_page,
)
from tests.conftest import ensure_themes

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.xdist_group("browser")]

DESKTOP = {"width": 1366, "height": 900}

#: Links the walk does not follow: files to download, leaving, and the language form's target.
NOT_PAGES = ("pdf", ".ics", "export", "/konto/", "/admin/", "/i18n/", "/bilaga", "/ladda-ned", "/fil/")

#: What overflows the screen, named for the failure message: the outermost elements whose right
#: edge lies beyond the window, and tables that scroll sideways on their own (hiding columns).
OVERFLOW = """() => {
  const width = window.innerWidth;
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\\s+/).join('.') : '') +
    ' "' + el.textContent.trim().replace(/\\s+/g, ' ').slice(0, 40) + '"';
  const wide = [...document.querySelectorAll('body *')].filter(el => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.right > width && !el.closest('.visually-hidden, .skip-link') &&
      !(el.parentElement && el.parentElement.getBoundingClientRect().right > width);
  });
  const scrolling = [...document.querySelectorAll('main table')].filter(t => t.scrollWidth > t.clientWidth + 1);
  return {
    fits: document.documentElement.scrollWidth <= window.innerWidth,
    wide: wide.slice(0, 3).map(name),
    scrolling: scrolling.map(t => 'tabellen ' +
      [...t.querySelectorAll('thead th')].map(h => h.textContent.trim()).join(' | ')),
  };
}"""


@pytest.fixture
def demo(transactional_db: None) -> None:
    """The demo data (`make demo`), loaded as the command loads it."""
    ensure_themes()
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        call_command("load_demo", stdout=io.StringIO())


def demo_person(email: str) -> User:
    return User.objects.get(email=email)


def problems_on(page: Any) -> list[str]:
    """What does not fit the window on the page as it is now, in words; empty when all fits."""
    found = page.evaluate(OVERFLOW)
    problems = []
    if not found["fits"]:
        problems.append("sidan är bredare än skärmen: " + ", ".join(found["wide"]))
    problems.extend(f"{table} rullar i sidled" for table in found["scrolling"])
    return problems


def walk(page: Any, base: str, *starts: str, depth: int = 2) -> tuple[list[str], dict[str, list[str]]]:
    """Visit the start pages, every page they link to, and theirs (to `depth`), as the person in
    `page`; return the pages seen and, for each that does not fit, what overflows."""
    seen: list[str] = []
    problems: dict[str, list[str]] = {}
    level = list(starts)
    for _ in range(depth + 1):
        following: list[str] = []
        for path in level:
            if path in seen:
                continue
            seen.append(path)
            try:
                response = page.goto(base + path)
            except Exception as error:
                if "Download is starting" in str(error):
                    continue
                raise
            assert response is not None
            if response.status != 200 or "text/html" not in response.headers.get("content-type", ""):
                continue
            if found := problems_on(page):
                problems[path] = found
            for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))"):
                url = urlparse(urljoin(base + path, href))
                if url.netloc == urlparse(base).netloc and not any(part in url.path for part in NOT_PAGES):
                    following.append(url.path)
        level = following
    return seen, problems


#: Each demo role, and the kinds of page its walk must reach (so that the walk cannot pass by
#: visiting nothing): the main navigation and the detail pages of the journeys. The walk starts
#: on Översikt, and for the samordnare of Umeå also on the kommun's follow-up (the activities).
ROLES = {
    "samordnare@norsjo.example": (
        "/overenskommelser/",
        "/del2/",
        "/lagesbild/",
        "/uppfoljning/logga/",
        "/uppfoljning/arsuppfoljning/",
        "/uppfoljning/skyldigheter/norsjo/",
        "/uppfoljning/moten/grupper/",
    ),
    "samordnare@umea.example": ("/del2/atgardsplan/", "/uppfoljning/kommun/umea/", "/uppfoljning/aktivitet/"),
    "kommunpolis@skelleftea.example": ("/uppfoljning/logga/", "/overenskommelser/", "/uppfoljning/moten/"),
    "kommunchef@norsjo.example": ("/uppfoljning/", "/uppfoljning/arsuppfoljning/", "/overenskommelser/"),
    "andt@lansstyrelsen-ac.example": ("/uppfoljning/skyldigheter/", "/lagesbild/jamfor/", "/uppfoljning/kommun/"),
    "admin@norsjo.example": ("/organisationer/norsjo/", "/notiser/", "/mina-uppgifter/"),
}


def test_every_page_of_every_role_fits_a_phone(demo, new_page, live_server):
    for email, must_reach in ROLES.items():
        page = new_page(viewport=PHONE, user=demo_person(email))
        starts = ["/oversikt/"] + (["/uppfoljning/kommun/umea/"] if "umea" in email else [])
        seen, problems = walk(page, live_server.url, *starts)
        missing = [kind for kind in must_reach if not any(path.startswith(kind) for path in seen)]
        assert missing == [], f"{email} nådde aldrig {missing}"
        assert problems == {}, f"{email}, {len(seen)} sidor:\n" + "\n".join(
            f"{path}: {'; '.join(found)}" for path, found in problems.items()
        )
        page.context.close()
    # The public page of published promises, for anyone, and the pages it links to.
    page = new_page(viewport=PHONE)
    seen, problems = walk(page, live_server.url, "/medborgarloften/norsjo/", depth=1)
    assert problems == {}, problems


def test_tables_become_cards_and_the_header_a_menu_on_a_phone_but_not_at_1366_px(demo, new_page, browser, live_server):
    page = new_page(viewport=PHONE, user=demo_person("samordnare@umea.example"))
    page.goto(live_server.url + "/uppfoljning/kommun/umea/")
    # The header is one row: the brand and the menu button, the menu folded away.
    header = page.locator(".site-header").bounding_box()
    assert header is not None
    assert header["height"] < 70
    toggle = page.get_by_role("button", name="Meny")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not page.get_by_role("link", name="Överenskommelser").is_visible()
    # Each row of the progress table is a card that shows what was done and the status.
    card = page.locator("table.progress-table tbody tr").first
    assert card.locator("[data-label='Utfört']").is_visible()
    assert card.locator("[data-label='Status']").is_visible()
    check_a11y(page, "phone-progress-cards")
    # The menu opens with the keyboard, and Escape folds it again with focus on its button.
    toggle.focus()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    assert page.get_by_role("link", name="Överenskommelser").is_visible()
    check_a11y(page, "phone-menu-open")
    page.keyboard.press("Tab")
    page.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.classList.contains('menu-toggle')")
    page.get_by_role("button", name="Meny").click()
    page.get_by_role("link", name="Överenskommelser").click()
    page.wait_for_url("**/overenskommelser/")
    # The plan's goals keep their actions in view on the card.
    page.goto(live_server.url + "/del2/")
    page.locator("main table a").first.click()
    page.wait_for_selector("main table")
    assert problems_on(page) == []
    check_a11y(page, "phone-plan")

    # Without JavaScript the menu stays open and a wide table scrolls inside the page instead.
    client = Client()
    client.force_login(demo_person("samordnare@umea.example"))
    context = browser.new_context(viewport=PHONE, java_script_enabled=False, locale="sv-SE")
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    page.goto(live_server.url + "/uppfoljning/kommun/umea/")
    assert page.get_by_role("link", name="Överenskommelser").is_visible()
    assert page.locator(".menu-toggle").is_hidden()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    context.close()

    # At 1366 px tables stay tables, and the header holds the whole menu without a button.
    page = new_page(viewport=DESKTOP, user=demo_person("samordnare@umea.example"))
    for path in ("/uppfoljning/kommun/umea/", "/overenskommelser/", "/del2/"):
        page.goto(live_server.url + path)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), path
        assert page.locator("main table thead").first.is_visible(), path
        assert page.locator("main table").first.evaluate("t => getComputedStyle(t).display") == "table", path
        assert page.locator(".menu-toggle").is_hidden()
        assert page.get_by_role("link", name="Överenskommelser").is_visible()
    check_a11y(page, "desktop-plans")


def test_police_contact_starts_on_logging_and_logs_from_a_phone(demo, new_page, live_server):
    page = new_page(viewport=PHONE)
    page.goto(live_server.url + "/konto/login/")
    page.fill("input[name=login]", "kommunpolis@pitea.example")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_url("**/uppfoljning/logga/")
    # Piteå Älvdal serves two kommuner with the same activities: each under its kommun, whole.
    groups = page.locator("fieldset.choice-group legend").all_inner_texts()
    assert groups == ["Arjeplogs kommun", "Arvidsjaurs kommun"]
    arvidsjaur = page.locator("fieldset.choice-group", has_text="Arvidsjaurs kommun")
    name = "Ansvarsfull alkoholservering och alkoholtillsyn vid evenemang"
    choice = arvidsjaur.locator(".choice", has_text=name)
    assert choice.is_visible()
    box = choice.bounding_box()
    assert box is not None
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= PHONE["width"]
    # Nothing cut: the label is as wide as its text needs.
    assert choice.locator("label").evaluate("el => el.scrollWidth <= el.clientWidth")
    assert problems_on(page) == []
    check_a11y(page, "phone-log-choices")

    arvidsjaur.get_by_label("Tobakstillsyn med polis").check()
    page.fill("input[name=count]", "7")
    page.click("form.log-form button[type=submit]")
    confirmation = page.locator(".logged")
    confirmation.wait_for()
    text = confirmation.inner_text()
    assert "Loggat: Tobakstillsyn med polis, 7 gånger" in text
    # Where the activity now stands: so many of the year's target, and its status.
    assert " i år · " in text
    assert "Nu: " in text
    log = ActivityLog.objects.get(uuid=parse_qs(urlparse(page.url).query)["loggat"][0])
    assert log.count == 7
    assert log.activity.lofte.plan.organization.name == "Arvidsjaurs kommun"
    check_a11y(page, "phone-logged-standing")
    confirmation.get_by_role("button", name="Ångra loggen").click()
    page.wait_for_selector("text=Loggen är ångrad")
    assert not ActivityLog.objects.filter(pk=log.pk).exists()

    page = new_page(viewport=DESKTOP, user=demo_person("kommunpolis@pitea.example"))
    page.goto(live_server.url + "/uppfoljning/logga/")
    check_a11y(page, "desktop-log")
