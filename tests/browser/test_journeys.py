"""The main journeys in a real browser (Debian's Chromium driven by Playwright), with axe-core
checking every page visited for WCAG 2.1 A and AA violations. Screenshots of the key screens go to
screenshots/ (git-ignored) for review."""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from followup import services as followup_services
from medborgarloften import services as plan_services
from samverkan.security import current_code
from tests.conftest import PASSWORD, TOTP_SECRET

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = ROOT / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PHONE = {"width": 390, "height": 844}

# One group for pytest-xdist (`make test` runs with --dist loadgroup): the journeys run in one
# worker, which starts Chromium once.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.xdist_group("browser")]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    if not AXE.exists():
        pytest.fail("axe-core saknas: make test installerar det med npm.")
    # Playwright runs an event loop in this thread; the ORM calls the tests make around it are
    # plain synchronous calls all the same.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    # Module scope: Playwright's event loop ends with this module, before other tests (pyHanko
    # runs asyncio.run()) need the thread's loop free again.
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def _queue_tasks_instead_of_running_them() -> Iterator[None]:
    # pyHanko seals with asyncio.run(), which cannot run beside Playwright's event loop in this
    # thread; the journeys do not need the sealed PDFs (other tests check them), so tasks queue.
    from samverkan.celery import app

    app.conf.task_always_eager = False
    yield
    app.conf.task_always_eager = True


#: Counts htmx requests in flight on every page, for `htmx_settled`.
HTMX_WATCH = """
window.__htmxBusy = 0;
document.addEventListener('htmx:beforeRequest', () => { window.__htmxBusy += 1; });
document.addEventListener('htmx:afterRequest', () => { window.__htmxBusy -= 1; });
"""


def htmx_settled(page: Any) -> None:
    """Wait until no htmx request is in flight and what came back is swapped in, settled and
    wired up (new content listens only once htmx has settled it, some 20 ms after the swap): only
    then does typing into it or submitting it do what a person would see it do."""
    page.wait_for_function(
        "() => document.readyState === 'complete' && window.htmx && window.__htmxBusy === 0"
        " && !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling, .htmx-added')"
    )


@pytest.fixture
def new_page(browser: Any, live_server: Any) -> Iterator[Any]:
    contexts = []

    def make(viewport: dict[str, int] | None = None, user: Any = None) -> Any:
        # bypass_csp only so that the test can inject axe-core; the app's own pages run under CSP.
        context = browser.new_context(
            viewport=viewport or {"width": 1280, "height": 900},
            bypass_csp=True,
            accept_downloads=True,
            locale="sv-SE",
        )
        contexts.append(context)
        if user is not None:
            client = Client()
            client.force_login(user)
            context.add_cookies(
                [
                    {
                        "name": settings.SESSION_COOKIE_NAME,
                        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                        "url": live_server.url,
                    }
                ]
            )
        context.add_init_script(HTMX_WATCH)
        page = context.new_page()
        page.set_default_timeout(15000)
        return page

    yield make
    for context in contexts:
        context.close()


def check_a11y(page: Any, name: str) -> None:
    """axe-core on the page as it is now: no WCAG 2.1 A or AA violations; and a screenshot."""
    SHOTS.mkdir(exist_ok=True)
    # Written whole under a name of this process's, then renamed: a parallel run never leaves a
    # half-written screenshot behind.
    partial = SHOTS / f".{name}.{os.getpid()}.png"
    partial.write_bytes(page.screenshot(full_page=True))
    partial.replace(SHOTS / f"{name}.png")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    problems = [
        f"{v['id']}: {v['help']} – " + "; ".join(n["target"][0] for n in v["nodes"][:3]) for v in result["violations"]
    ]
    assert problems == [], f"{name} ({page.url}):\n" + "\n".join(problems)


def log_in(page: Any, live_server: Any, email: str, *, totp: bool = False, lands_on: str = "**/oversikt/") -> None:
    page.goto(live_server.url + "/konto/login/")
    check_a11y(page, "login")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("form button[type=submit]")
    if totp:
        page.wait_for_selector("input[name=code]")
        check_a11y(page, "login-second-factor")
        page.fill("input[name=code]", current_code(TOTP_SECRET))
        page.click("form button[type=submit]")
    page.wait_for_url(lands_on)


def test_samordnare_edits_the_plan_and_adds_an_activity(new_page, live_server, samordnare, plan, lofte, activities):
    page = new_page()
    log_in(page, live_server, samordnare.email)
    check_a11y(page, "samordnare-oversikt")
    page.click("text=Del 2 och medborgarlöften")
    page.click(f"text={plan.title}")
    check_a11y(page, "plan")
    page.click("text=Lägg till aktivitet")
    htmx_settled(page)
    form = page.locator(".activity--editing form")
    form.locator("input[name=what]").fill("Trygghetsvandring i nya bostadsområdet")
    form.locator("input[name=heading]").fill("Trygghet")
    form.get_by_label("Kommunen", exact=True).check()
    form.get_by_label("Antal per period", exact=True).check()
    form.locator("input[name=target_count]").fill("0")
    form.locator("button[type=submit]").click()
    page.wait_for_selector(".form-errors")
    htmx_settled(page)
    check_a11y(page, "plan-activity-error")
    form = page.locator(".activity--editing form")
    form.locator("input[name=target_count]").fill("2")
    form.locator("select[name=target_unit]").select_option("ar")
    form.locator("button[type=submit]").click()
    page.wait_for_selector("text=Trygghetsvandring i nya bostadsområdet")
    assert page.locator(".activity--editing").count() == 0
    check_a11y(page, "plan-activity-added")
    assert lofte.activities.filter(what="Trygghetsvandring i nya bostadsområdet", target_count=2).exists()


def test_samordnare_journey_with_the_keyboard_only(new_page, live_server, samordnare, plan, lofte, activities):
    page = new_page()
    page.goto(live_server.url + "/konto/login/")
    # The skip link comes first, then the form: everything by Tab, typing and Enter.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").strip() == "Hoppa till innehållet"

    def tab_to(predicate: str, limit: int = 80) -> None:
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate(f"(() => {{ const el = document.activeElement; return {predicate}; }})()"):
                return
        raise AssertionError(f"Nådde aldrig {predicate} med Tab")

    tab_to("el.name === 'login'")
    page.keyboard.type(samordnare.email)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/oversikt/")
    page.goto(live_server.url + plan.get_absolute_url())
    tab_to("el.textContent.trim().startsWith('Lägg till aktivitet')")
    page.keyboard.press("Enter")
    page.wait_for_selector(".activity--editing")
    tab_to("el.name === 'what'")
    page.keyboard.type("Nattvandring med föräldrar")
    tab_to("el.name === 'responsible' && el.value === 'bada'")
    page.keyboard.press("Space")
    tab_to("el.name === 'target_kind'")
    page.keyboard.press("ArrowDown")  # Antal per period → Vid behov
    tab_to("el.name === 'target_text'")
    page.keyboard.type("Under riskhelger")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Nattvandring med föräldrar")
    check_a11y(page, "keyboard-activity-added")
    assert lofte.activities.filter(what="Nattvandring med föräldrar", target_kind="vid_behov").exists()


def test_police_contact_logs_an_activity_on_a_phone(new_page, live_server, police_contact, active_lofte, activities):
    page = new_page(viewport=PHONE)
    # Police contacts start on the logging page.
    log_in(page, live_server, police_contact.email, lands_on="**/uppfoljning/logga/")
    check_a11y(page, "phone-log")
    page.get_by_label("Hastighet och rattfylleri").check()
    page.fill("input[name=count]", "2")
    page.click("form.log-form button[type=submit]")
    page.wait_for_selector("text=Loggat: Hastighet och rattfylleri")
    check_a11y(page, "phone-logged")
    assert activities[0].logs.get().count == 2


def test_leader_opens_the_annual_report_and_downloads_its_pdf(
    new_page, live_server, leader, ready, kommun, samordnare, active_lofte, seal_dir
):
    report = followup_services.create_report(
        ready, actor=samordnare, organization=kommun, year=timezone.localdate().year
    )
    page = new_page()
    log_in(page, live_server, leader.email, totp=True)
    page.click("text=Uppföljning")
    check_a11y(page, "leader-followup")
    page.click("text=Årlig uppföljning")
    page.click(f"a[href='{report.get_absolute_url()}']")
    check_a11y(page, "leader-report")
    with page.expect_download() as download_info:
        page.click("text=Ladda ned PDF")
    path = download_info.value.path()
    assert Path(path).read_bytes().startswith(b"%PDF")


def test_every_party_signs_the_agreement(new_page, live_server, ready, samordnare, leader, police_leader, seal_dir):
    from agreements import services as agreement_services

    agreement_services.send_for_signature(ready, actor=samordnare)
    for signer in (leader, police_leader):
        page = new_page(user=signer)
        page.goto(live_server.url + ready.get_absolute_url())
        check_a11y(page, f"agreement-{signer.email.split('@')[0]}")
        page.click("a:has-text('Skriv under för')")
        check_a11y(page, f"sign-{signer.email.split('@')[0]}")
        page.fill("input[name=password]", PASSWORD)
        page.fill("input[name=code]", current_code(TOTP_SECRET))
        page.click("form button:has-text('Skriv under')")
        page.wait_for_selector("text=Du har skrivit under")
    ready.refresh_from_db()
    assert ready.status == "gallande"
    check_a11y(page, "agreement-signed")


def test_citizen_reads_the_public_page_on_a_phone(new_page, live_server, active_lofte, samordnare, kommun):
    plan_services.publish_lofte(active_lofte, actor=samordnare)
    page = new_page(viewport=PHONE)
    page.goto(live_server.url + f"/medborgarloften/{kommun.slug}/")
    assert page.locator("h1").inner_text() == "Medborgarlöften i Norsjö kommun"
    assert page.get_by_text("Minst 10 kontroller per månad").is_visible()
    # Nothing scrolls sideways on a phone.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    check_a11y(page, "public-page")
    page.goto(live_server.url + "/tillganglighet/")
    check_a11y(page, "accessibility-statement")


def test_an_agreement_passes_from_hand_to_hand_until_it_is_in_force(
    new_page, live_server, kommun, police_area, samordnare, police_contact, leader, police_leader
):
    """The samordnare drafts and invites; the police contact finds it under "Att göra" and accepts;
    remiss; each signatory is told in turn and signs; everyone hears it is in force."""
    from agreements import services as agreement_services
    from agreements.models import Agreement

    def att_gora(page: Any) -> Any:
        page.goto(live_server.url + "/oversikt/")
        return page.locator("section[aria-labelledby=todo]")

    def notices(page: Any) -> str:
        page.goto(live_server.url + "/notiser/")
        return str(page.locator("main").inner_text())

    # The samordnare creates the draft and invites the police area.
    coordinator = new_page(user=samordnare)
    assert "Inget väntar på dig just nu." in att_gora(coordinator).inner_text()
    coordinator.goto(live_server.url + f"/overenskommelser/ny/{kommun.slug}/")
    coordinator.fill("input[name=title]", "Trygg i Norsjö 2027–2030")
    coordinator.click("form button:has-text('Skapa utkast')")
    coordinator.wait_for_selector("text=Utkastet är skapat")
    agreement = Agreement.all_objects.get(title="Trygg i Norsjö 2027–2030")
    coordinator.click("text=Bjud in part")
    coordinator.select_option("select[name=organization]", str(police_area.pk))
    coordinator.click("main form button:has-text('Bjud in')")
    coordinator.wait_for_selector("text=är inbjuden")

    # The police contact sees it under "Att göra", follows the link and accepts.
    police = new_page(user=police_contact)
    todo = att_gora(police)
    check_a11y(police, "handover-att-gora-invited")
    todo.get_by_role("link", name=f"Acceptera att delta: {agreement.title}").click()
    police.click("button:has-text('Acceptera att delta')")
    police.wait_for_selector("text=deltar nu i överenskommelsen")
    assert "Inget väntar på dig just nu." in att_gora(police).inner_text()
    assert "Lokalpolisområde Skellefteå är inbjuden till en överenskommelse" in notices(police)

    # Remiss: the police contact is asked, answers, and the samordnare hears of it.
    coordinator.goto(live_server.url + agreement.get_absolute_url())
    coordinator.click("button:has-text('Skicka på remiss')")
    coordinator.wait_for_selector("text=skickad på remiss")
    att_gora(police).get_by_role("link", name=f"Lämna remissvar: {agreement.title}").click()
    police.fill("textarea[name=text]", "Lägg till trafiksäkerhet runt skolorna.")
    police.click("button:has-text('Lämna synpunkt')")
    police.wait_for_selector("text=Tack, din synpunkt är lämnad.")
    assert "Remissvar från Lokalpolisområde Skellefteå" in notices(coordinator)

    # The parties name their signatories and the samordnare sends it for signature.
    for organization, signatory in ((kommun, leader), (police_area, police_leader)):
        party = agreement.parties.get(organization=organization)
        agreement_services.update_party(
            party, actor=samordnare, expected_version=party.version, signatory=signatory, signatory_title="Chef"
        )
    agreement_services.add_focus_area(agreement, actor=samordnare, title="Trafik")
    coordinator.goto(live_server.url + agreement.get_absolute_url())
    coordinator.click("button:has-text('Skicka för underskrift')")
    coordinator.wait_for_selector("text=skickad för underskrift")

    # Each signatory is told, finds it under "Att göra" and signs with the password only: the
    # code they gave when logging in a moment ago still counts.
    for signer, waiting in ((leader, "nu väntar Lokalpolisområde Skellefteå"), (police_leader, "")):
        page = new_page()
        log_in(page, live_server, signer.email, totp=True)
        assert f"Skriv under: {agreement.title}" in notices(page)
        att_gora(page).get_by_role("link", name=f"Skriv under: {agreement.title}").click()
        check_a11y(page, f"handover-sign-{signer.email.split('@')[0]}")
        assert page.locator("input[name=code]").count() == 0
        page.fill("input[name=password]", PASSWORD)
        page.click("form button:has-text('Skriv under')")
        page.wait_for_selector("text=Du har skrivit under")
        assert page.locator("a:has-text('Skriv under för')").count() == 0
        if waiting:
            # The next signatory and the samordnare hear who signed and whom it waits for.
            assert waiting in notices(coordinator)
    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.GALLANDE
    assert f"Överenskommelsen gäller: {agreement.title}" in notices(police)
    assert "Inget väntar på dig just nu." in att_gora(page).inner_text()
    check_a11y(page, "handover-done")


def test_a_meeting_is_planned_held_minuted_with_a_decision_and_its_sealed_minutes_verify(
    new_page, live_server, samordnare, kommun, police_area, active_lofte, seal_dir, tmp_path
):
    import threading
    from datetime import timedelta

    from followup.meetings.models import Meeting
    from samverkan.groups import services as group_services
    from samverkan.sealed import sealed_label, store_sealed_pdf

    group = group_services.create_group(kommun, actor=samordnare, name="Trygghetsrådet", kind="trygghetsrad")
    group_services.add_party_member(group, actor=samordnare, organization=police_area, role="LPO-chef")
    group_services.add_outside_member(
        group, actor=samordnare, outside_organization="Räddningstjänsten", role="Räddningschef"
    )
    page = new_page(user=samordnare)
    page.goto(live_server.url + "/uppfoljning/moten/grupper/")
    check_a11y(page, "groups")
    page.click("text=Trygghetsrådet")
    check_a11y(page, "group")
    page.click("text=Planera ett möte")
    started = timezone.localtime(timezone.now() - timedelta(hours=1))
    page.get_by_label("Börjar").fill(started.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Plats").fill("Kommunhuset")
    page.get_by_label("Dagordning").fill("1. Lägesbild\n2. Trygghetsvandringar")
    check_a11y(page, "meeting-plan")
    page.get_by_role("button", name="Spara").click()
    page.wait_for_selector("text=Markera som genomfört")
    check_a11y(page, "meeting-planned")
    page.click("text=Markera som genomfört")
    page.click("text=Skriv protokoll och närvaro")
    page.locator("textarea[name=minutes]").fill("Rådet gick igenom lägesbilden.")
    page.get_by_label("Räddningstjänsten (Räddningschef)").check()
    page.get_by_role("button", name="Spara").click()
    page.click("text=Beslut om en ny aktivitet")
    page.locator("textarea[name=text]").fill("Trygghetsvandring i centrum varje vår.")
    page.get_by_label("Medborgarlöfte").select_option(label=f"{active_lofte.title} (gällande)")
    page.locator("input[name=what]").fill("Trygghetsvandring i centrum")
    page.get_by_label("Ansvarig").select_option("kommun")
    page.get_by_label("Typ av mål").select_option("vid_behov")
    page.get_by_label("Målet i ord").fill("Varje vår")
    check_a11y(page, "meeting-decision")
    page.get_by_role("button", name="För in beslutet").click()
    page.wait_for_selector("text=Beslutet är infört i protokollet.")
    assert page.locator("text=Aktiviteten ”Trygghetsvandring i centrum”").count() == 1
    page.click("text=Godkänn protokollet")
    page.wait_for_selector("text=Protokollet är godkänt.")
    check_a11y(page, "meeting-approved")

    meeting = Meeting.objects.get(group=group)
    assert meeting.status == Meeting.Status.GODKANT
    # The seal task is queued here (pyHanko cannot run beside Playwright's loop in this thread).
    sealing = threading.Thread(
        target=lambda: _seal_in_system_scope(store_sealed_pdf, sealed_label(meeting), meeting.pk)
    )
    sealing.start()
    sealing.join()
    page.reload()
    with page.expect_download() as download:
        page.click("text=Ladda ned förseglat protokoll (PDF)")
    saved = tmp_path / "protokoll.pdf"
    download.value.save_as(saved)
    page.goto(live_server.url + "/verifiera/")
    page.set_input_files("input[type=file]", str(saved))
    page.locator("main form button[type=submit]").click()
    page.wait_for_selector("text=förseglat av Samverkan och har inte ändrats")
    check_a11y(page, "meeting-verified")
    assert "Trygghetsrådet" in page.content()


def _seal_in_system_scope(store: Any, label: str, pk: int) -> None:
    from django.db import connection

    from samverkan.tenancy import system_scope

    try:
        with system_scope():
            store(label, pk)
    finally:
        connection.close()
