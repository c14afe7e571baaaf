# ruff: noqa: F811 - the tests take the browser fixtures imported from test_journeys
"""The plan page with the keyboard only (Tab, Enter, Space): after every htmx action – moved,
added, saved, removed, refused for a conflict – focus lands where the person expects and what
happened is read out; the "Hoppa till" links bring "Lägg till aktivitet" a few Tab presses from
the top; and the target's preview changes as the person types."""

from datetime import date
from typing import Any

import pytest
from django.db.models import F
from django.urls import reverse

from medborgarloften.models import Activity, LocalPlan
from medborgarloften.services import add_goal
from tests.browser.test_journeys import (  # noqa: F401 - fixtures
    SHOTS,
    _queue_tasks_instead_of_running_them,
    browser,
    check_a11y,
    new_page,
)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.xdist_group("browser")]

#: What has focus: its element, id, name, text (with visually hidden words), and its row's id.
FOCUSED = """() => {
  const el = document.activeElement;
  const row = el.closest('li.activity');
  return {tag: el.tagName.toLowerCase(), id: el.id, name: el.name || '', text: el.textContent.trim(),
          row: row ? row.id : '', classes: el.className};
}"""


def focused(page: Any) -> dict[str, str]:
    return page.evaluate(FOCUSED)


def tab_to(page: Any, predicate: str, limit: int = 120, back: bool = False) -> int:
    """Press Tab (or Shift+Tab) until the focused element `el` satisfies the JS predicate; how many presses."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return {predicate}; }})()"):
            return presses
    raise AssertionError(f"Nådde aldrig {predicate} med Tab")


def wait_for_focus(page: Any, predicate: str) -> dict[str, str]:
    """Wait until the swap is done and focus has landed where `predicate` says; then what has it."""
    page.wait_for_function(f"() => {{ const el = document.activeElement; return {predicate}; }}")
    return focused(page)


def announced(page: Any, text: str) -> None:
    page.wait_for_function("t => document.getElementById('live-region').textContent === t", arg=text)


def rows(page: Any) -> list[str]:
    return page.eval_on_selector_all("ol.activity-list > li.activity", "items => items.map(i => i.id)")


def someone_else_saves(plan: LocalPlan) -> None:
    LocalPlan.all_objects.filter(pk=plan.pk).update(version=F("version") + 1)


def test_focus_follows_every_htmx_action_on_the_plan_page(new_page, live_server, samordnare, plan, lofte, activities):
    speed, walk, night = (f"activity-{a.uuid}" for a in activities)
    page = new_page(user=samordnare)
    page.goto(live_server.url + plan.get_absolute_url())

    # Moved down: focus stays on the moved activity's "Flytta ned".
    tab_to(page, "el.textContent.trim() === 'Flytta ned Hastighet och rattfylleri'")
    page.keyboard.press("Enter")
    now = wait_for_focus(page, "el.closest('li') === document.querySelector('ol.activity-list li:nth-child(2)')")
    assert (now["text"], now["row"]) == ("Flytta ned Hastighet och rattfylleri", speed)
    announced(page, "”Hastighet och rattfylleri” är flyttad nedåt.")
    # Down again, to the end: its "Flytta ned" is gone, so focus is on its "Flytta upp".
    page.keyboard.press("Space")
    now = wait_for_focus(page, "el.closest('li') === document.querySelector('ol.activity-list li:last-child')")
    assert (now["text"], now["row"]) == ("Flytta upp Hastighet och rattfylleri", speed)
    page.keyboard.press("Enter")
    now = wait_for_focus(page, "el.closest('li') === document.querySelector('ol.activity-list li:nth-child(2)')")
    assert (now["text"], now["row"]) == ("Flytta upp Hastighet och rattfylleri", speed)
    assert rows(page) == [walk, speed, night]

    # Refused because someone else saved in between: focus on the message that says so.
    someone_else_saves(plan)
    page.keyboard.press("Enter")
    now = wait_for_focus(page, "el.getAttribute('role') === 'alert'")
    assert now["text"].startswith("Någon annan har sparat ändringar"), now
    assert rows(page) == [walk, speed, night]

    # Added: "Lägg till aktivitet" opens the form with focus on its first field; saved, focus is
    # on the new row and "Aktiviteten är tillagd." is read out.
    page.goto(live_server.url + plan.get_absolute_url())
    tab_to(page, "el.matches('[id^=new-activity] a.button')")
    page.keyboard.press("Enter")
    now = wait_for_focus(page, "el.name === 'heading'")
    assert now["tag"] == "input"
    page.keyboard.type("Trygghet")
    tab_to(page, "el.name === 'what'")
    page.keyboard.type("Föräldravandring")
    tab_to(page, "el.name === 'target_count'")
    page.keyboard.press("Control+A")
    page.keyboard.type("4")
    tab_to(page, "el.name === 'target_unit'")
    page.keyboard.press("End")
    page.wait_for_function(
        "() => document.querySelector('.target-preview output').textContent.trim() === '4 gånger per år'"
    )
    tab_to(page, "el.textContent.trim() === 'Spara aktiviteten'")
    page.keyboard.press("Enter")
    added = Activity.objects.filter(what="Föräldravandring")
    now = wait_for_focus(page, "el.matches('li.activity') && el.textContent.includes('Föräldravandring')")
    new_row = now["id"]
    assert new_row == f"activity-{added.get().uuid}"
    announced(page, "Aktiviteten är tillagd.")
    check_a11y(page, "plan-keyboard-added")

    # Saved: "Redigera" opens the form on its first field; saved, focus is on the saved row.
    tab_to(page, "el.textContent.trim() === 'Redigera Trygghetsvandring'", back=True)
    page.keyboard.press("Enter")
    now = wait_for_focus(page, "el.name === 'heading'")
    assert now["row"] == ""  # in the form that replaced the row
    tab_to(page, "el.name === 'what'")
    page.keyboard.press("End")
    page.keyboard.type(" i centrum")
    page.keyboard.press("Enter")
    now = wait_for_focus(page, f"el.id === '{walk}'")
    assert "Trygghetsvandring i centrum" in now["text"]
    announced(page, "Aktiviteten är sparad.")

    # A conflict on saving: focus on the error summary, which shows what the other person saved.
    tab_to(page, "el.textContent.trim() === 'Redigera Nattvandring'")
    page.keyboard.press("Enter")
    wait_for_focus(page, "el.name === 'heading'")
    someone_else_saves(plan)
    tab_to(page, "el.name === 'what'")
    page.keyboard.press("Enter")
    now = wait_for_focus(page, "el.classList.contains('form-errors')")
    assert "Aktiviteten kunde inte sparas." in now["text"]
    check_a11y(page, "plan-keyboard-conflict")

    # Removed: focus on the row that followed, and the removal is read out; removing the last
    # row puts focus on "Lägg till aktivitet".
    page.goto(live_server.url + plan.get_absolute_url())
    assert rows(page) == [walk, speed, night, new_row]
    page.on("dialog", lambda dialog: dialog.accept())
    tab_to(page, "el.textContent.trim() === 'Ta bort Hastighet och rattfylleri'")
    page.keyboard.press("Enter")
    now = wait_for_focus(page, f"el.id === '{night}'")
    assert rows(page) == [walk, night, new_row]
    announced(page, "Aktiviteten ”Hastighet och rattfylleri” är borttagen.")
    tab_to(page, "el.textContent.trim() === 'Ta bort Föräldravandring'")
    page.keyboard.press("Space")
    now = wait_for_focus(page, "el.textContent.trim().startsWith('Lägg till aktivitet')")
    assert now["tag"] == "a"
    assert rows(page) == [walk, night]
    announced(page, "Aktiviteten ”Föräldravandring” är borttagen.")
    page.screenshot(path=SHOTS / "plan-keyboard-removed.png", full_page=True)


def test_lagg_till_aktivitet_is_a_few_tab_presses_from_the_top(
    new_page, live_server, samordnare, plan, lofte, activities
):
    # A goal with the activities that serve it, so that axe checks that part of the page too.
    goal = add_goal(
        plan,
        actor=samordnare,
        what="Ökad trygghet i centrum",
        measure="Trygghetsmätningen",
        target_value="minst 80 %",
        target_date=date(2027, 12, 31),
        focus_area=plan.agreement.focus_areas.get(),
        activities=activities[1:],
    )
    page = new_page(user=samordnare)
    page.goto(live_server.url + plan.get_absolute_url())
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "Hoppa till innehållet"
    page.keyboard.press("Enter")
    presses = 2 + tab_to(page, "el.textContent.trim() === 'Ny aktivitet i Medborgarlöfte Norsjö'", limit=6)
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    presses += 2
    now = focused(page)
    assert now["text"] == "Lägg till aktivitet i Medborgarlöfte Norsjö"
    assert now["classes"].startswith("button")  # the button itself, not the link to it
    assert presses <= 8, presses
    page.keyboard.press("Enter")
    wait_for_focus(page, "el.name === 'heading'")
    # The other "Hoppa till" links reach their sections.
    page.goto(live_server.url + plan.get_absolute_url())
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    tab_to(page, "el.textContent.trim() === 'Lokala mål'", limit=4)
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "mal"
    check_a11y(page, "plan-skip-links")
    page.goto(live_server.url + reverse("goal_edit", args=[goal.uuid]))
    assert page.get_by_label("Trygghetsvandring (Medborgarlöfte Norsjö)").is_checked()
    assert not page.get_by_label("Hastighet och rattfylleri (Medborgarlöfte Norsjö)").is_checked()
    check_a11y(page, "goal-form-activities")


def test_the_target_preview_changes_as_the_person_types(new_page, live_server, samordnare, plan, lofte, activities):
    page = new_page(user=samordnare)
    page.goto(live_server.url + plan.get_absolute_url())
    page.locator("[id^=new-activity] a.button").click()
    # Focus lands in the opened form once htmx has settled it, and only then does the target's
    # fieldset listen: typing before that would be typing into a form nobody has wired up yet.
    wait_for_focus(page, "el.closest('.activity--editing form') !== null")
    form = page.locator(".activity--editing form")
    output = form.locator(".target-preview output")

    def reads(text: str) -> None:
        page.wait_for_function(
            "t => document.querySelector('.activity--editing .target-preview output')?.textContent.trim() === t",
            arg=text,
        )

    reads("Välj per vilken period.")
    form.locator("input[name=target_count]").focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("4")
    form.locator("select[name=target_unit]").select_option("ar")
    reads("4 gånger per år")
    form.locator("input[name=target_minimum]").focus()
    page.keyboard.press("Space")
    reads("Minst 4 gånger per år")
    form.locator("input[name=target_count]").focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("1")
    form.locator("select[name=target_unit]").select_option("manad")
    reads("Minst 1 gång per månad")
    form.locator("fieldset.target").screenshot(path=SHOTS / "plan-target-sentence.png")
    form.locator("input[name=target_count]").focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("0")
    reads("Ange hur många gånger, minst 1.")
    check_a11y(page, "plan-target-preview-problem")
    # "Vid behov": the count's controls step aside, and the words are the target.
    form.get_by_label("Vid behov eller särskilt tillfälle", exact=True).check()
    assert not form.locator("input[name=target_count]").is_visible()
    reads("Skriv när aktiviteten görs, t.ex. ”vid behov” eller ”under riskhelger”.")
    form.locator("input[name=target_text]").focus()
    page.keyboard.type("Under riskhelger")
    reads("Under riskhelger")
    assert output.get_attribute("aria-live") == "polite"
    check_a11y(page, "plan-target-preview")
    page.screenshot(path=SHOTS / "plan-target-preview.png", full_page=True)
