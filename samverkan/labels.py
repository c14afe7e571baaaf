"""Constant labels (gettext_lazy strings such as a status's name) translated once per language
and process, for pages that repeat them on every row: the translation of a constant cannot
change while the process runs."""

from typing import Any

from django.utils.translation import get_language

_translated: dict[tuple[str, int], tuple[Any, str]] = {}


def translated(label: Any) -> str:
    """`str(label)` in the active language, looked up once. `label` is a module-level constant
    (a lazy string of a TextChoices or a dict of labels); it is kept, so its id stays its own."""
    key = (get_language() or "", id(label))
    found = _translated.get(key)
    if found is None or found[0] is not label:
        found = _translated[key] = (label, str(label))
    return found[1]
