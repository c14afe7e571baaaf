"""Every form the URL walk reaches, posted with hostile and absurd values by a person who may
edit: the answer is the form with its errors (200/400), a redirect, or 403/404/405, never a 500;
and whatever gets stored, every page still renders afterwards.

Forms are found the way a person finds them: walk every URL pattern (tests/test_url_walk.py builds
the objects), GET the page as the victim kommun's samordnare, and read its <form>s.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin

from django.test import Client
from django.urls import reverse

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


@dataclass
class Form:
    page: str
    action: str
    method: str
    fields: dict[str, list[str]] = field(default_factory=dict)  # name -> candidate values
    numeric: set[str] = field(default_factory=set)
    files: set[str] = field(default_factory=set)
    types: dict[str, str] = field(default_factory=dict)


class FormParser(HTMLParser):
    def __init__(self, page: str) -> None:
        super().__init__()
        self.page = page
        self.forms: list[Form] = []
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append(
                Form(self.page, urljoin(self.page, a.get("action") or self.page), a.get("method", "get").lower())
            )
            return
        if not self.forms or not a.get("name") or a["name"] == "csrfmiddlewaretoken":
            return
        form = self.forms[-1]
        name = a["name"]
        if tag == "input":
            kind = a.get("type", "text")
            if kind in ("submit", "button", "image", "reset"):
                return
            if kind == "file":
                form.files.add(name)
                return
            form.types[name] = kind
            if kind == "number" or a.get("inputmode") in ("decimal", "numeric"):
                form.numeric.add(name)
            if kind in ("checkbox", "radio") and "checked" not in a:
                form.fields.setdefault(name, [])
                if a.get("value"):
                    form.fields[name].append(a["value"])
                return
            form.fields.setdefault(name, []).insert(0, a.get("value", ""))
        elif tag == "textarea":
            form.fields.setdefault(name, []).append("Text")
        elif tag == "select":
            self._select = name
            form.types[name] = "select"
            form.fields.setdefault(name, [])
        elif tag == "option" and self._select:
            form.fields[self._select].append(a.get("value", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None


def forms_on(client: Client, url: str) -> list[Form]:
    response = client.get(url)
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return []
    parser = FormParser(url)
    parser.feed(response.content.decode())
    return [f for f in parser.forms if f.fields or f.files]


#: Valid values for fields a page leaves empty, so that one bad value at a time reaches the
#: deeper checks (a service, the database) instead of stopping at a missing neighbour.
FILLERS = {"date": "2025-06-01", "datetime-local": "2025-06-01T10:00", "number": "1", "email": "a@exempel.test"}
NAMED = {"period": "2022", "value": "12,5", "period_start": "2025-01-01", "period_end": "2025-12-31"}


def baseline(form: Form) -> dict[str, str]:
    data = {}
    for name, values in form.fields.items():
        value = values[0] if values else ""
        data[name] = value or NAMED.get(name) or FILLERS.get(form.types.get(name, ""), "Text")
    return data


def every_form(client: Client, url_kwargs: dict[str, Any]) -> list[Form]:  # noqa: F811
    found: dict[tuple[str, str, tuple[str, ...]], Form] = {}
    for name, kwargs in url_kwargs.items():
        for form in forms_on(client, reverse(name, kwargs=kwargs())):
            found.setdefault((form.action, form.method, tuple(sorted(form.fields))), form)
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


def test_no_form_answers_500_to_hostile_or_absurd_values_and_pages_still_render(
    samordnare,
    url_kwargs,  # noqa: F811
):
    client = Client()
    client.force_login(samordnare)
    forms = every_form(client, url_kwargs)
    assert len(forms) >= 20, "the walk should reach the edit forms"
    assert any(f.numeric for f in forms), "the walk should reach number fields"
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
            value = WRONG_CHOICE if form.types.get(name) in CHOICES else LONG
            send(client, form, {**base, name: value}, failures, f"{name}={value[:20]!r}")
        send(client, form, {}, failures, "no fields")
    assert failures == []
    assert pages_render(client, url_kwargs) == []
