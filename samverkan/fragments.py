"""Page fragments that are the same for everyone allowed to see them, cached in the default cache.

A fragment's key is built only from:

- the fragment's name ("public_loften", "report_document" …);
- the identity and version of each object it shows (`identity`), and the data generation of
  each organisation whose data it shows (`generations`): a token replaced whenever a row that
  organisation owns is saved or deleted (see `bump_on_change`), so a change means a new key;
- the active language;
- the viewer's access scope (`PUBLIC` for what anyone sees alike; otherwise `scope_of(viewer)`,
  a digest of every organisation and role the person's access comes from, so two people share
  a fragment only when they may see exactly the same).

Never from a path or anything else the visitor typed. Entries also expire (`FRAGMENT_SECONDS`),
which bounds how long anything not covered by a generation (a person's renamed name) stays.

In a template: `{% load fragments %}{% fragment key %}…{% endfragment %}`; with no key (None)
the body is simply rendered. Views pass what only the body needs through `deferred`, so that a
cached fragment costs neither its queries nor its rendering.

A fragment's forms keep working: the body is rendered with a placeholder for the CSRF token, the
placeholder is stored, and every response (hit or miss) puts its own token in its place. A
fragment that still holds something different for every response (a CSP nonce, or a token that
did not come through the context) is never stored.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any
from uuid import uuid4

from django.core.cache import cache
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import get_language

from .tenancy import M, TenantModel, Viewer, get_object_for

#: How long a fragment is kept at most.
FRAGMENT_SECONDS = 10 * 60
#: How long an organisation's data generation is kept; when it is gone a new one is drawn, so an
#: expired generation can never bring back a fragment stored under an old one.
GENERATION_SECONDS = 7 * 24 * 3600
#: The scope of fragments everyone sees alike (the public pages).
PUBLIC = "public"
#: What a fragment must not hold: it differs for every response.
PER_RESPONSE = ("nonce=",)
#: Where the response's CSRF token goes in a stored fragment (letters only, so escaping keeps it).
CSRF_PLACEHOLDER = "fragmentcsrftokenplaceholder"


@dataclass(frozen=True)
class FragmentKey:
    """What one cached fragment depends on; see the module's docstring."""

    name: str
    parts: tuple[str, ...]
    scope: str

    def cache_key(self) -> str:
        raw = "\x1f".join((self.name, get_language() or "", self.scope, *self.parts))
        return f"fragment:{self.name}:{hashlib.sha256(raw.encode()).hexdigest()}"


def fragment_key(name: str, *parts: str, scope: str) -> FragmentKey:
    return FragmentKey(name, tuple(parts), scope)


def identity(instance: models.Model) -> str:
    """An object's identity and version: its model, primary key, `version` when it is Versioned
    and its seal when it is sealed."""
    return ":".join(
        str(part)
        for part in (
            instance._meta.label_lower,
            instance.pk,
            getattr(instance, "version", ""),
            getattr(instance, "pdf_sha256", ""),
        )
    )


def scope_of(viewer: Viewer) -> str:
    """The viewer's access scope: a digest of the organisations and roles their access comes
    from (own organisations with roles, county kommuner, partners, police organisations)."""
    if viewer.is_anonymous:
        return "anonymous"
    raw = repr(
        (
            sorted((org_id, sorted(roles)) for org_id, roles in viewer.roles.items()),
            sorted(viewer.county_kommun_ids),
            sorted(viewer.partner_org_ids),
            sorted(viewer.police_org_ids),
        )
    )
    return "orgs:" + hashlib.sha256(raw.encode()).hexdigest()


# --- Data generations ----------------------------------------------------------------------


def _generation_key(org_id: int) -> str:
    return f"fragment-generation:{org_id}"


#: Within a request, the generations it has read (see `generations_read_once`).
_read_in_request: ContextVar[dict[str, str] | None] = ContextVar("fragment_generations", default=None)


@contextmanager
def generations_read_once() -> Iterator[None]:
    """Within this block (a request: TenancyMiddleware), each organisation's generation is read
    from the cache once and then remembered, and a bump made in it is remembered too. That is
    as safe as reading them all at the start: every key is still built from generations read
    before anything under it is worked out."""
    token = _read_in_request.set({})
    try:
        yield
    finally:
        _read_in_request.reset(token)


def generations(org_ids: Iterable[int]) -> str:
    """The current data generation of each organisation, as one key part."""
    ids = sorted(set(org_ids))
    keys = [_generation_key(org_id) for org_id in ids]
    known = _read_in_request.get()
    found = {key: known[key] for key in keys if key in known} if known is not None else {}
    missing = [key for key in keys if key not in found]
    if missing:
        found.update(cache.get_many(missing))
    for key in keys:
        if key not in found:
            cache.add(key, uuid4().hex, GENERATION_SECONDS)
            found[key] = cache.get(key) or uuid4().hex
    if known is not None:
        known.update(found)
    return ",".join(f"{org_id}={found[key]}" for org_id, key in zip(ids, keys, strict=True))


def _set_generations(org_ids: Iterable[int]) -> None:
    """New generations for the organisations, in the cache and in what this request has read."""
    new = {_generation_key(org_id): uuid4().hex for org_id in org_ids}
    cache.set_many(new, GENERATION_SECONDS)
    known = _read_in_request.get()
    if known is not None:
        known.update(new)


class GenerationBump:
    """The bump after commit: one per transaction (and savepoint level), gathering every
    organisation the transaction changed. `is_generation_bump` tells it from other callbacks."""

    def __init__(self) -> None:
        self.org_ids: set[int] = set()

    def __call__(self) -> None:
        _set_generations(self.org_ids)


def is_generation_bump(callback: object) -> bool:
    return isinstance(callback, GenerationBump)


def bump(org_ids: Iterable[int]) -> None:
    """Give the organisations a new data generation now and again once the current transaction
    commits: every fragment showing their data gets a new key. (Now, so that the change shows
    in the same transaction; again, because another request may have stored a fragment of the
    data as it was before the commit under the first new generation.)"""
    ids = {org_id for org_id in org_ids if org_id is not None}
    if not ids:
        return
    _set_generations(ids)
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        level = set(connection.savepoint_ids)
        for savepoints, callback, _robust in connection.run_on_commit:
            if isinstance(callback, GenerationBump) and savepoints == level:
                callback.org_ids |= ids
                return
    pending = GenerationBump()
    pending.org_ids |= ids
    transaction.on_commit(pending)


def owner_ids(instance: models.Model) -> set[int]:
    """The organisations whose data generation a change of `instance` bumps: its owner(s), or
    the organisation itself."""
    from .models import Organization

    if isinstance(instance, Organization):
        return {instance.pk}
    if not isinstance(instance, TenantModel) or instance.pk is None:
        # Rows of an organisation outside the tenancy module (memberships, the samordningsfunktion,
        # the duty cycle): their `organization`.
        try:
            field = instance._meta.get_field("organization")
        except FieldDoesNotExist:
            return set()
        if isinstance(field, models.ForeignKey) and field.related_model is Organization:
            return {getattr(instance, field.attname)}
        return set()
    ownership = type(instance).ownership
    if not ownership.owner_is_many:
        found = _owner_in_memory(instance, ownership.owner)
        if found is not None:
            return {found}
    return set(type(instance).all_objects.filter(pk=instance.pk).values_list(ownership.owner, flat=True)) - {None}


def _owner_in_memory(instance: models.Model, path: str) -> int | None:
    """The owner's id along a path of foreign keys when every step but the last is already loaded
    (e.g. a log saved with its activity fetched with its promise and plan), else None: then the
    database is asked."""
    *steps, last = path.split("__")
    current: models.Model = instance
    for step in steps:
        field = current._meta.get_field(step)
        if not isinstance(field, models.ForeignKey) or not field.is_cached(current):
            return None
        related = getattr(current, step)
        if related is None:
            return None
        current = related
    field = current._meta.get_field(last)
    if not isinstance(field, models.ForeignKey):
        return None
    owner = getattr(current, field.attname)
    return owner if isinstance(owner, int) else None


def _on_save(sender: type[models.Model], instance: models.Model, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        bump(owner_ids(instance))


def _on_delete(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    # Before the row is gone, while the path to its owner can still be followed.
    bump(owner_ids(instance))


def _on_relations(sender: type[models.Model], instance: models.Model, action: str, **kwargs: Any) -> None:
    if action.startswith("post_"):
        bump(owner_ids(instance))


def bump_on_change() -> None:
    """Connect the bumping to every save, delete and change of a many-to-many relation (called
    once, from the app's ready())."""
    from django.db.models.signals import m2m_changed, post_save, pre_delete

    post_save.connect(_on_save, dispatch_uid="samverkan_fragment_generation_save")
    pre_delete.connect(_on_delete, dispatch_uid="samverkan_fragment_generation_delete")
    m2m_changed.connect(_on_relations, dispatch_uid="samverkan_fragment_generation_relations")


# --- Rendering -----------------------------------------------------------------------------


def cached_fragment(key: FragmentKey | None, render: Callable[[], str], csrf_token: Callable[[], str] = str) -> str:
    """The fragment under `key`, rendered by `render` when it is not stored (or with no key).

    `render` puts `CSRF_PLACEHOLDER` where the token goes; `csrf_token()` is this response's token,
    asked for only when the fragment has a form."""
    if key is None:
        html = render()
    else:
        name = key.cache_key()
        html = cache.get(name)
        if html is None:
            html = render()
            if not any(marker in html for marker in PER_RESPONSE) and "csrfmiddlewaretoken" not in html.replace(
                f'name="csrfmiddlewaretoken" value="{CSRF_PLACEHOLDER}"', ""
            ):
                cache.set(name, html, FRAGMENT_SECONDS)
    if CSRF_PLACEHOLDER in html:
        html = html.replace(CSRF_PLACEHOLDER, csrf_token())
    return html


class Deferred:
    """A template variable computed only when the template uses it (templates call callables):
    what only a cached fragment's body needs costs nothing when the fragment is stored."""

    def __init__(self, compute: Callable[[], dict[str, Any]], name: str) -> None:
        self._compute = compute
        self._name = name

    def __call__(self) -> Any:
        return self._compute()[self._name]


def deferred(
    compute: Callable[[], dict[str, Any]], names: Iterable[str], *, given: Iterable[str] = ()
) -> dict[str, Deferred]:
    """Template variables `names`, all taken from one call of `compute`, made only if used.

    `compute` must give exactly `names` (besides `given`: what the view passes the template
    itself, such as the object the page is about): a name left out of `names` would make the
    body silently show nothing of it, so it is refused as soon as the body is rendered."""
    names = tuple(names)
    expected = set(names) | set(given)
    memo: dict[str, Any] = {}

    def once() -> dict[str, Any]:
        if "value" not in memo:
            value = compute()
            if set(value) != expected:
                raise ImproperlyConfigured(
                    f"deferred: {sorted(set(value) - expected)} computed but not passed on, "
                    f"{sorted(expected - set(value))} passed on but not computed"
                )
            memo["value"] = value
        return memo["value"]

    return {name: Deferred(once, name) for name in names}


def sealed_fragment(
    name: str, document: models.Model, viewer: Viewer, org_ids: Iterable[int | None]
) -> FragmentKey | None:
    """The key of a sealed document's text on its page (None before it is sealed): the document's
    identity and seal, and the data of the organisations it names (`org_ids`: its parties), as
    seen by people with the viewer's access."""
    if not getattr(document, "pdf_sha256", ""):
        return None
    return fragment_key(
        name, identity(document), generations(org_id for org_id in org_ids if org_id), scope=scope_of(viewer)
    )


def page_fragment(
    name: str, request: Any, *objects: models.Model, org_ids: Iterable[int | None], parts: Iterable[str] = ()
) -> FragmentKey | None:
    """The key of a signed-in page's body: the objects it is about (identity and version), the
    data of the organisations it shows (`org_ids`), the day (progress and what is due move with
    it), as seen by people with the viewer's access, who see the same links and buttons; `parts`:
    anything else the body shows that moves within a day. None for an htmx request, which is
    answered with a part of the page of its own."""
    if getattr(request, "htmx", False):
        return None
    return fragment_key(
        name,
        *(identity(instance) for instance in objects),
        generations(org_id for org_id in org_ids if org_id),
        timezone.localdate().isoformat(),
        *parts,
        scope=scope_of(request.viewer),
    )


def remembered(name: str, org_id: int | Iterable[int], compute: Callable[[], Any], *parts: str) -> Any:
    """What `compute` works out from the data of organisation `org_id` (or of several), any
    picklable value, None too, about `parts` (the ids it is about), kept while those data
    generations stand: they are read before computing, so a change made meanwhile leaves the
    value under a generation no one asks for any more."""
    ids = [org_id] if isinstance(org_id, int) else sorted(set(org_id))
    key = fragment_key(name, generations(ids), *parts, scope=PUBLIC).cache_key()
    stored = cache.get(key)
    if stored is None:
        stored = (compute(),)
        cache.set(key, stored, FRAGMENT_SECONDS)
    return stored[0]


def readable_object(viewer: Viewer, queryset: models.QuerySet[M], uuid: Any) -> M:
    """`get_object_for(viewer, queryset, uuid=uuid)` (404 unless the viewer may read it), the
    found object remembered for people with the viewer's access while its owner's data generation
    stands. Whether someone may read an object rests on the owner's data (the object, and who it
    is shared with: agreement parties, group members, which are data of the owner too) and on
    their access scope, so both are in the key; a refusal is never remembered.

    The owner is looked up from the object the first time (objects do not change owner) and its
    generation is read before the object is fetched, like a fragment's."""
    model = queryset.model
    label = model._meta.label_lower
    owner_key = f"object-owner:{label}:{uuid}"
    owner = cache.get(owner_key)
    key = None
    if owner is not None:
        key = fragment_key("object", label, str(uuid), generations([owner]), scope=scope_of(viewer)).cache_key()
        found = cache.get(key)
        if found is not None:
            return found
    instance = get_object_for(viewer, queryset, uuid=uuid)
    owners = owner_ids(instance)
    if len(owners) == 1:
        [found_owner] = owners
        if found_owner != owner:
            cache.set(owner_key, found_owner, GENERATION_SECONDS)
        elif key is not None:
            cache.set(key, instance, FRAGMENT_SECONDS)
    return instance
