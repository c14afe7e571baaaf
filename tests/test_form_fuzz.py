"""Every form the URL walk reaches, posted with hostile and absurd values by a person who may
edit: the answer is the form with its errors (200/400), a redirect, or 403/404/405, never a 500;
and whatever gets stored, every page still renders afterwards.

Forms are found the way a person finds them: walk every URL pattern (tests/test_url_walk.py builds
the objects), GET the page as the victim kommun's samordnare, and read its <form>s.
"""

from typing import Any
from urllib.parse import urljoin

from django.test import Client
from django.urls import reverse

from tests.forms_on_page import Form
from tests.forms_on_page import forms_on as forms_on_page
from tests.test_url_walk import url_kwargs, victim  # noqa: F401  (fixtures)

#: Values a number field must survive (item 2 of issue 20): boundaries and absurdities.
NUMBERS = ["-1", "0", "1e20", "1E20", "NaN", "inf", "-inf", "99999999999999999999999", "12,5", "12.5", "1 000", "-0"]
#: Values any field must survive (item 6): long, NUL, right-to-left, wrong dates and choices.
LONG = "x" * 30_000
WRONG_CHOICE = "not-a-choice"
HOSTILE = [
    LONG,
    "a\x00b",
    "\u202eevil\u202c",
    "2023-02-30",
    "99999-12-31",
    "-1",
    WRONG_CHOICE,
    "",
]
CHOICES = {"select", "checkbox", "radio"}
OK = {200, 302, 303, 400, 403, 404, 405}
#: Forms that remove or hand over the fuzzed objects go last, so every other form is reached.
DESTRUCTIVE = ("ta-bort", "angra", "andra-status", "remove", "delete", "status", "lamna")


def forms_on(client: Client, url: str) -> list[Form]:
    response = client.get(url)
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return []
    forms = forms_on_page(response.content.decode())
    for form in forms:
        form.action = urljoin(url, form.action or url)
    return [form for form in forms if form.names() or form.files]


#: Valid values for fields a page leaves empty, so that one bad value at a time reaches the
#: deeper checks (a service, the database) instead of stopping at a missing neighbour.
FILLERS = {"date": "2025-06-01", "datetime-local": "2025-06-01T10:00", "number": "1", "email": "a@exempel.test"}
NAMED = {"period": "2022", "value": "12,5", "period_start": "2025-01-01", "period_end": "2025-12-31"}


def baseline(form: Form) -> dict[str, str]:
    data = {}
    for name in form.names():
        value = form.first_value(name)
        data[name] = value or NAMED.get(name) or FILLERS.get(form.kinds.get(name, ""), "Text")
    return data


def every_form(client: Client, url_kwargs: dict[str, Any]) -> list[Form]:  # noqa: F811
    found: dict[tuple[str, str, tuple[str, ...]], Form] = {}
    for name, kwargs in url_kwargs.items():
        for form in forms_on(client, reverse(name, kwargs=kwargs())):
            found.setdefault((form.action, form.method, tuple(sorted(form.names()))), form)
    return sorted(found.values(), key=lambda f: any(word in f.action for word in DESTRUCTIVE))


def send(client: Client, form: Form, data: dict[str, str], failures: list[str], what: str) -> None:
    try:
        response = client.post(form.action, data) if form.method == "post" else client.get(form.action, data)
    except Exception as error:
        failures.append(f"{form.action} {what}: {type(error).__name__}: {str(error)[:200]}")
        return
    if response.status_code not in OK:
        failures.append(f"{form.action} {what}: {response.status_code}")


def pages_render(client: Client, url_kwargs: dict[str, Any]) -> list[str]:  # noqa: F811
    broken = []
    for name, kwargs in url_kwargs.items():
        try:
            status = client.get(reverse(name, kwargs=kwargs())).status_code
        except Exception as error:
            broken.append(f"GET {name}: {type(error).__name__}: {str(error)[:200]}")
            continue
        if status >= 500:
            broken.append(f"GET {name}: {status}")
    return broken


def fuzz(client: Client, forms: list[Form]) -> list[str]:
    """Post every hostile value to every form; the failures found."""
    failures: list[str] = []
    for form in forms:
        base = baseline(form)
        for value in HOSTILE:
            send(client, form, dict.fromkeys(base, value), failures, f"all={value[:20]!r}")
        # One field at a time, the others left as the page filled them in, so that the value
        # reaches the deeper checks: every number field gets every absurd number.
        for name in sorted(form.numeric):
            for value in NUMBERS:
                send(client, form, {**base, name: value}, failures, f"{name}={value!r}")
        for name in sorted(set(base) - form.numeric):
            value = WRONG_CHOICE if form.kinds.get(name) in CHOICES else LONG
            send(client, form, {**base, name: value}, failures, f"{name}={value[:20]!r}")
        send(client, form, {}, failures, "no fields")
    return failures


def test_no_form_answers_500_to_hostile_or_absurd_values_and_pages_still_render(
    samordnare,
    url_kwargs,  # noqa: F811
):
    client = Client()
    client.force_login(samordnare)
    forms = every_form(client, url_kwargs)
    assert len(forms) >= 20, "the walk should reach the edit forms"
    assert any(f.numeric for f in forms), "the walk should reach number fields"
    assert fuzz(client, forms) == []
    assert pages_render(client, url_kwargs) == []


def test_forms_only_leadership_and_admins_see_survive_hostile_values_too(
    samordnare,
    leader,
    kommun,
    url_kwargs,  # noqa: F811
):
    """Signing, approving and managing people are forms the samordnare never sees."""
    from tests.conftest import enable_totp, make_person

    admin = make_person(kommun, "admin", "admin@norsjo.test", "Ada Admin")
    enable_totp(admin)
    seen = Client()
    seen.force_login(samordnare)
    known = {(form.action, form.method) for form in every_form(seen, url_kwargs)}
    reached = 0
    for person in (leader, admin):
        client = Client()
        client.force_login(person)
        forms = [form for form in every_form(client, url_kwargs) if (form.action, form.method) not in known]
        reached += len(forms)
        assert fuzz(client, forms) == [], person
        assert pages_render(client, url_kwargs) == []
    assert reached >= 2, "the walk should reach the leaders' and admins' own forms"
