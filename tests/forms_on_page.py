"""Read the forms of a page the way a browser would submit them, for tests that walk every form."""

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Form:
    action: str
    method: str
    fields: dict[str, list[str]] = field(default_factory=dict)
    #: Names of visible text inputs and textareas, in page order.
    texts: list[str] = field(default_factory=list)
    #: Names with their kind: "number", "date", "select", "checkbox", "radio", "text", "hidden" ...
    kinds: dict[str, str] = field(default_factory=dict)
    #: Choices offered by selects, radio buttons and checkboxes.
    options: dict[str, list[str]] = field(default_factory=dict)
    #: Fields that take numbers (type=number, or a numeric keyboard), and file inputs.
    numeric: set[str] = field(default_factory=set)
    files: set[str] = field(default_factory=set)

    def data(self) -> dict[str, list[str]]:
        return {name: list(values) for name, values in self.fields.items()}

    def names(self) -> set[str]:
        """Every field the form submits or offers, but the CSRF token."""
        return (set(self.fields) | set(self.options)) - {"csrfmiddlewaretoken"}

    def first_value(self, name: str) -> str:
        """What the field holds as loaded, else its first choice, else nothing."""
        return next(iter(self.fields.get(name) or self.options.get(name) or [""]))


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._textarea: str | None = None
        self._select: str | None = None
        self._option: tuple[str, bool] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._form = Form(action=a.get("action", ""), method=a.get("method", "get").lower())
            self.forms.append(self._form)
            return
        form = self._form
        if form is None or ("name" not in a and tag != "option"):
            return
        name = a.get("name", "")
        if tag == "input":
            kind = a.get("type", "text").lower()
            if kind in ("submit", "button", "reset", "image"):
                return
            if kind == "file":
                form.files.add(name)
                return
            form.kinds[name] = kind
            if kind == "number" or a.get("inputmode") in ("decimal", "numeric"):
                form.numeric.add(name)
            if kind in ("checkbox", "radio"):
                form.options.setdefault(name, []).append(a.get("value", "on"))
                if "checked" in a:
                    form.fields.setdefault(name, []).append(a.get("value", "on"))
                return
            form.fields.setdefault(name, []).append(a.get("value", ""))
            if kind in ("text", "email", "url", "search") and "readonly" not in a:
                form.texts.append(name)
        elif tag == "textarea":
            form.kinds[name] = "textarea"
            self._textarea = name
            form.fields.setdefault(name, []).append("")
            form.texts.append(name)
        elif tag == "select":
            form.kinds[name] = "select"
            self._select = name
            form.options[name] = []
        elif tag == "option" and self._select is not None:
            value = a.get("value", "")
            form.options[self._select].append(value)
            if "selected" in a:
                form.fields.setdefault(self._select, []).append(value)

    def handle_data(self, data: str) -> None:
        if self._form is not None and self._textarea is not None:
            self._form.fields[self._textarea][-1] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None


def forms_on(html: str) -> list[Form]:
    """Every form on the page, with the values it would submit as loaded."""
    parser = _Parser()
    parser.feed(html)
    for form in parser.forms:
        for textarea in [name for name, kind in form.kinds.items() if kind == "textarea"]:
            # Browsers drop the one newline that follows <textarea>.
            form.fields[textarea] = [value.removeprefix("\n") for value in form.fields[textarea]]
    return parser.forms


def post_forms(html: str) -> list[Form]:
    """The forms that change something: method POST, beyond the page's own chrome (language, logout)."""
    return [form for form in forms_on(html) if form.method == "post" and "csrfmiddlewaretoken" in form.fields]
