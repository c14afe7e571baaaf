"""The tenancy rule, in one place.

An organisation is a tenant. A person sees what their organisations own; what hangs under an
agreement where one of their organisations is a party (read-only when another party owns it);
and, as a member of a länsstyrelse, what the kommuner of its county own (read-only). A person
changes only what their own organisation owns, with a role that allows it. Anything a person
may not see answers 404, exactly as if it did not exist.

Tenant-owned models inherit `TenantModel` and declare *where* their owner is
(`ownership = Ownership(...)`); the base gives them `TenantManager` as `objects`. Every query
through it is filtered to what the viewer in scope may read, and raises `ScopeError` when no
viewer is in scope: requests get their person's scope from `TenancyMiddleware`; Celery tasks
and commands establish one themselves with `viewing_as(...)` or, for system work such as
reminders over every tenant, `system_scope()`. `all_objects` is the unfiltered manager, for
system code only.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db import models
from django.db.models import Q
from django.db.models.constants import LOOKUP_SEP
from django.db.models.sql import Query
from django.http import Http404
from django.utils.translation import gettext as _

from .models import Membership, Organization

if TYPE_CHECKING:
    from .models import User

Role = Membership.Role
Kind = Organization.Kind

#: Roles that may change what their organisation owns. Ledning approves and signs, läsare reads.
EDITOR_ROLES = frozenset({Role.SAMORDNARE, Role.KONTAKTPERSON})
#: Roles that may manage the organisation's people.
ADMIN_ROLES = frozenset({Role.ADMIN})
#: Roles that approve and sign on behalf of their organisation.
LEADER_ROLES = frozenset({Role.LEDNING})
#: The authority an organisation gives to sign agreements and medborgarlöften and to approve
#: annual reports in its name: its leadership, and nobody who merely edits or administers.
SIGNING_ROLES = LEADER_ROLES


M = TypeVar("M", bound="TenantModel")


class ScopeError(RuntimeError):
    """A tenant-owned model was queried with no viewer in scope."""


@dataclass(frozen=True)
class Ownership:
    """Where a tenant-owned model's owner is, as lookup paths from the model.

    `owner`: the path to the owning Organization (e.g. "organization", "lagesbild__organization").
    `owner_is_many`: the path crosses a to-many relation (e.g. an agreement's parties).
    `shared_with`: paths to organisations that may also *read* the object, such as the parties of
    the agreement it hangs under ("plan__agreement__parties__organization").
    `public`: the condition under which anyone, logged in or not, may read a row (published
    medborgarlöften and what belongs to them).
    `partners_read`: the owner's partners (organisations it has an accepted agreement with) may
    read it too, as parties read each other's lägesbild to build the joint picture.
    """

    owner: str
    owner_is_many: bool = False
    shared_with: tuple[str, ...] = ()
    partners_read: bool = False
    police_co_writers: CoWriters | None = None
    public: dict[str, Any] | None = None
    loggers: tuple[Loggers, ...] = ()


@dataclass(frozen=True)
class CoWriters:
    """Police organisations that may also change some rows they do not own: those matching
    `when` (e.g. activities the police are responsible for), where the police organisation is
    reached by `path` (e.g. the parties of the agreement the row hangs under)."""

    path: str
    when: dict[str, Any]


@dataclass(frozen=True)
class Loggers:
    """Organisations (reached by `path`) whose editors may record that rows matching `when` were
    carried out; with `police`, only police organisations among them."""

    path: str
    when: dict[str, Any]
    police: bool = False


@dataclass(frozen=True)
class Partnership:
    """Declared (`partnership = Partnership(...)`) by a model whose rows make organisations
    partners: two organisations are partners when each has a row in the same `group` (e.g. the
    same agreement) that matches `when` (e.g. accepted) and not `unless` (e.g. the agreement has
    ended). Partners read what is declared `partners_read`, as parties read each other's
    lägesbild. Consent matters: being added to someone's draft alone grants nothing."""

    organization: str
    group: str
    when: dict[str, Any]
    unless: dict[str, Any] = field(default_factory=dict)


@cache
def partnerships() -> tuple[tuple[type[TenantModel], Partnership], ...]:
    """The models that declare a Partnership, with it: found once, after the app registry is
    ready, since every request's Viewer asks (models do not change while the process runs)."""
    from django.apps import apps

    return tuple(
        (model, model.partnership)
        for model in apps.get_models()
        if issubclass(model, TenantModel) and model.partnership is not None
    )


def partners_of(org_ids: frozenset[int]) -> set[int]:
    """Organisations that are partners of any of `org_ids` under a declared Partnership."""
    partners: set[int] = set()
    for model, rule in partnerships():
        live = model.all_objects.filter(**rule.when).exclude(**rule.unless)
        mine = live.filter(**{f"{rule.organization}__in": org_ids}).values(rule.group)
        partners.update(live.filter(**{f"{rule.group}__in": mine}).values_list(rule.organization, flat=True).distinct())
    return partners


@dataclass(frozen=True)
class Viewer:
    """What one person may see and do: computed once per request from their memberships."""

    user_id: int | None
    roles: dict[int, frozenset[str]] = field(default_factory=dict)
    county_kommun_ids: frozenset[int] = frozenset()
    partner_org_ids: frozenset[int] = frozenset()
    police_org_ids: frozenset[int] = frozenset()

    @property
    def is_anonymous(self) -> bool:
        return self.user_id is None

    @property
    def own_org_ids(self) -> frozenset[int]:
        return frozenset(self.roles)

    @property
    def readable_org_ids(self) -> frozenset[int]:
        """Organisations whose own data this person may read: their own and, through a
        länsstyrelse, the kommuner of its county."""
        return self.own_org_ids | self.county_kommun_ids

    def has_role(self, organization: Organization | int, roles: Iterable[str]) -> bool:
        org_id = organization if isinstance(organization, int) else organization.pk
        return bool(self.roles.get(org_id, frozenset()) & set(roles))

    def org_ids_with_role(self, roles: Iterable[str]) -> frozenset[int]:
        wanted = set(roles)
        return frozenset(org_id for org_id, held in self.roles.items() if held & wanted)


ANONYMOUS = Viewer(user_id=None)


def viewer_for(user: User | Any) -> Viewer:
    """Build the Viewer of a person (anonymous or inactive people see nothing)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return ANONYMOUS
    roles: dict[int, set[str]] = {}
    county_ids: set[int] = set()
    police: set[int] = set()
    memberships = Membership.objects.filter(user_id=user.pk, organization__is_active=True).values_list(
        "organization_id", "role", "organization__kind", "organization__county_id"
    )
    for org_id, role, kind, county_id in memberships:
        roles.setdefault(org_id, set()).add(role)
        if kind == Kind.LANSSTYRELSE and county_id is not None:
            county_ids.add(county_id)
        if kind in Organization.POLICE_KINDS:
            police.add(org_id)
    county_kommuner: frozenset[int] = frozenset()
    if county_ids:
        county_kommuner = frozenset(
            Organization.objects.filter(kind=Kind.KOMMUN, county_id__in=county_ids).values_list("pk", flat=True)
        )
    own = frozenset(roles)
    partners = partners_of(own) if own else set()
    return Viewer(
        user_id=user.pk,
        roles={org_id: frozenset(held) for org_id, held in roles.items()},
        county_kommun_ids=county_kommuner,
        partner_org_ids=frozenset(partners - own),
        police_org_ids=frozenset(police),
    )


# --- Scope -------------------------------------------------------------------------------

_SYSTEM = object()
_scope: ContextVar[Viewer | object | None] = ContextVar("samverkan_tenancy_scope", default=None)


@contextmanager
def viewing_as(viewer: Viewer) -> Iterator[Viewer]:
    """Run the block as `viewer`: tenant-owned queries see only what the viewer may read."""
    token = _scope.set(viewer)
    try:
        yield viewer
    finally:
        _scope.reset(token)


@contextmanager
def system_scope() -> Iterator[None]:
    """Run the block with every tenant's rows in reach: for system work (demo data, reminder
    scans, migrations), never for serving a person."""
    token = _scope.set(_SYSTEM)
    try:
        yield
    finally:
        _scope.reset(token)


@contextmanager
def no_scope() -> Iterator[None]:
    """Run the block with no viewer at all, so tenant-owned queries raise."""
    token = _scope.set(None)
    try:
        yield
    finally:
        _scope.reset(token)


def current_viewer() -> Viewer | None:
    """The viewer in scope, or None under system scope. Raises when there is no scope."""
    scope = _scope.get()
    if scope is None:
        raise ScopeError("Ingen behörighetskontext är aktiv.")
    if scope is _SYSTEM:
        return None
    assert isinstance(scope, Viewer)
    return scope


# --- Rules -------------------------------------------------------------------------------


def _paths_q(model: type[TenantModel], path: str, many: bool, org_ids: Iterable[int]) -> Q:
    ids = list(org_ids)
    if not many:
        return Q(**{f"{path}__in": ids})
    # A to-many path would repeat rows in a join; a subquery keeps each row once.
    inner = model.all_objects.filter(**{f"{path}__in": ids}).values("pk")
    return Q(pk__in=inner)


def read_q(model: type[TenantModel], viewer: Viewer) -> Q:
    """The rows of a tenant-owned model that `viewer` may read."""
    ownership = model.ownership
    readable = viewer.readable_org_ids
    if not readable:
        return Q(pk__in=[])
    q = _paths_q(model, ownership.owner, ownership.owner_is_many, readable)
    if ownership.partners_read and viewer.partner_org_ids:
        q |= _paths_q(model, ownership.owner, ownership.owner_is_many, viewer.partner_org_ids)
    for path in ownership.shared_with:
        q |= _paths_q(model, path, True, readable)
    return q


def write_q(model: type[TenantModel], viewer: Viewer, roles: Iterable[str]) -> Q:
    """The rows of a tenant-owned model that `viewer` may change with one of `roles`."""
    ownership = model.ownership
    org_ids = viewer.org_ids_with_role(roles)
    if not org_ids:
        return Q(pk__in=[])
    q = _paths_q(model, ownership.owner, ownership.owner_is_many, org_ids)
    co_writers = ownership.police_co_writers
    police_ids = org_ids & viewer.police_org_ids
    if co_writers is not None and police_ids:
        q |= Q(**co_writers.when) & _paths_q(model, co_writers.path, True, police_ids)
    return q


def loggable_q(model: type[TenantModel], viewer: Viewer, roles: Iterable[str] = EDITOR_ROLES) -> Q:
    """The rows of `model` (activities) whose execution `viewer` may log."""
    ownership = model.ownership
    org_ids = viewer.org_ids_with_role(roles)
    q = Q(pk__in=[])
    for rule in ownership.loggers:
        ids = org_ids & viewer.police_org_ids if rule.police else org_ids - viewer.police_org_ids
        if ids:
            q |= Q(**rule.when) & _paths_q(model, rule.path, True, ids)
    return q


def can_log(viewer: Viewer, instance: TenantModel, roles: Iterable[str] = EDITOR_ROLES) -> bool:
    """Whether `viewer` may log that `instance` (an activity) was carried out."""
    model = type(instance)
    return model.all_objects.filter(loggable_q(model, viewer, roles), pk=instance.pk).exists()


def logging_organization(
    viewer: Viewer, instance: TenantModel, roles: Iterable[str] = EDITOR_ROLES
) -> Organization | None:
    """For which of `viewer`'s organisations they log that `instance` was carried out, by the
    first of the model's declared `loggers` rules that lets them (e.g. the kommun for its own
    part, else a police area party to the agreement); None when none does."""
    model = type(instance)
    ownership = model.ownership
    org_ids = viewer.org_ids_with_role(roles)
    for rule in ownership.loggers:
        ids = org_ids & viewer.police_org_ids if rule.police else org_ids - viewer.police_org_ids
        if not ids:
            continue
        matching = model.all_objects.filter(Q(**rule.when), pk=instance.pk, **{f"{rule.path}__in": ids})
        # One query per rule: the organisation itself, among those the rule reaches.
        found = Organization.objects.filter(pk__in=matching.values(rule.path)).filter(pk__in=ids).order_by("pk").first()
        if found is not None:
            return found
    return None


def can_change(viewer: Viewer, instance: TenantModel, roles: Iterable[str] = EDITOR_ROLES) -> bool:
    """Whether `viewer` may change `instance`: one of its owners is theirs, with one of `roles`
    (or, for rows with police co-writers, one of those)."""
    model = type(instance)
    ownership = model.ownership
    if (
        instance.pk is not None
        and not ownership.owner_is_many
        and ownership.police_co_writers is None
        and LOOKUP_SEP not in ownership.owner
    ):
        # The owner is a column of the row itself, as read from the database with it: the same
        # answer as write_q's, without asking again.
        owner_id = getattr(instance, f"{ownership.owner}_id")
        return owner_id in viewer.org_ids_with_role(roles)
    return model.all_objects.filter(write_q(model, viewer, roles), pk=instance.pk).exists()


def can_edit_for(viewer: Viewer, organization: Organization, roles: Iterable[str] = EDITOR_ROLES) -> bool:
    """Whether `viewer` may create or change data owned by `organization`."""
    return viewer.has_role(organization, roles)


class TenantQuerySet(models.QuerySet[M]):
    def writable_by(self, viewer: Viewer, roles: Iterable[str] = EDITOR_ROLES) -> TenantQuerySet[M]:
        return self.filter(write_q(self.model, viewer, roles))


class UnscopedQuery(Query):
    """A query built with no viewer in scope. Building it is allowed (Django builds querysets
    when classes are defined, e.g. for ModelForm fields); running it raises."""

    def get_compiler(self, *args: Any, **kwargs: Any) -> Any:
        raise ScopeError(
            f"{self.model.__name__ if self.model else 'En modell'} frågades utan behörighetskontext; "
            "använd viewing_as(...) eller system_scope()."
        )


_TenantManagerBase = models.Manager.from_queryset(TenantQuerySet)


class TenantManager(_TenantManagerBase[M]):
    """The fail-closed manager of tenant-owned models (see the module docstring)."""

    def get_queryset(self) -> TenantQuerySet[M]:
        scope = _scope.get()
        if scope is None:
            return TenantQuerySet(model=self.model, query=UnscopedQuery(self.model), using=self._db)
        # from_queryset makes the base manager build TenantQuerySets; its stubs say QuerySet.
        queryset = cast("TenantQuerySet[M]", super().get_queryset())
        if scope is _SYSTEM:
            return queryset
        assert isinstance(scope, Viewer)
        return queryset.filter(read_q(self.model, scope))


class TenantModel(models.Model):
    """The base of every tenant-owned model: it declares where its owner is (`ownership`) and,
    when its rows make organisations partners, how (`partnership`). Its default manager is the
    fail-closed `TenantManager`, declared first so that Django (admin, related lookups, forms)
    uses it; `all_objects` is the unfiltered manager, for system code only."""

    ownership: ClassVar[Ownership]
    partnership: ClassVar[Partnership | None] = None

    objects = TenantManager()
    # DJ012 reads this manager as a field; it must come second so that TenantManager is the default.
    all_objects = models.Manager()  # noqa: DJ012

    class Meta:
        abstract = True


def public_objects(model: type[M]) -> models.QuerySet[M]:
    """What the public may read of a model: only rows meeting its declared `public` condition."""
    ownership = model.ownership
    if ownership.public is None:
        return model.all_objects.none()
    return model.all_objects.filter(**ownership.public)


# --- Lookups that answer 404 -------------------------------------------------------------


def get_object_for(
    viewer: Viewer,
    model_or_queryset: type[M] | models.QuerySet[M],
    *,
    write: Iterable[str] | None = None,
    **lookup: Any,
) -> M:
    """Find a tenant-owned object that `viewer` may read, else 404.

    With `write=roles`, the viewer must also be able to change it with one of those roles;
    someone who may read but not change it gets 403 with a message.
    """
    if isinstance(model_or_queryset, models.QuerySet):
        queryset = model_or_queryset
        model = queryset.model
    else:
        model = model_or_queryset
        queryset = model.all_objects.all()
    try:
        obj = queryset.filter(read_q(model, viewer)).get(**lookup)
    except (ObjectDoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if write is not None and not can_change(viewer, obj, write):
        raise PermissionDenied(_("Du kan läsa detta men inte ändra det."))
    return obj


def visible_organizations(viewer: Viewer) -> models.QuerySet[Organization]:
    """Organisations whose pages this person may open: their own, a länsstyrelse's county
    kommuner, and partners under an agreement."""
    return Organization.objects.filter(pk__in=viewer.readable_org_ids | viewer.partner_org_ids, is_active=True)


def _own_organization(viewer: Viewer, slug: str, known: Iterable[Organization]) -> Organization | None:
    """One of the person's own active organisations by its slug, from `known` (their cached
    Access, which a change of any of their organisations gives a new stamp), without a query."""
    for organization in known:
        if organization.slug == slug and organization.is_active and organization.pk in viewer.own_org_ids:
            return organization
    return None


def get_organization_for(
    viewer: Viewer, slug: str, *, roles: Iterable[str] | None = None, known: Iterable[Organization] = ()
) -> Organization:
    """An organisation whose pages `viewer` may open, else 404; with `roles`, one of them is
    required (403). `known`: the person's own organisations as already loaded (request.access)."""
    organization = _own_organization(viewer, slug, known)
    if organization is None:
        try:
            organization = visible_organizations(viewer).get(slug=slug)
        except Organization.DoesNotExist:
            raise Http404 from None
    if roles is not None and not viewer.has_role(organization, roles):
        raise PermissionDenied(_("Din roll i organisationen tillåter inte detta."))
    return organization


def get_kommun_data_for(
    viewer: Viewer,
    slug: str,
    *,
    roles: Iterable[str] | None = None,
    select_related: Iterable[str] = (),
    known: Iterable[Organization] = (),
) -> Organization:
    """A kommun whose own data `viewer` may read – their own, or one of a länsstyrelse's county –
    else 404 (partners read a kommun's agreements, not its internal duties); with `roles`, one of
    them in the kommun is required (403). `select_related` reads related rows with it; `known`:
    the person's own organisations as already loaded (request.access), taken without a query."""
    kommun = _own_organization(viewer, slug, known)
    if kommun is None or kommun.kind != Kind.KOMMUN:
        try:
            kommun = (
                visible_organizations(viewer)
                .select_related(*select_related)
                .get(slug=slug, kind=Kind.KOMMUN, pk__in=viewer.readable_org_ids)
            )
        except Organization.DoesNotExist:
            raise Http404 from None
    if roles is not None and not viewer.has_role(kommun, roles):
        raise PermissionDenied(_("Din roll i organisationen tillåter inte detta."))
    return kommun


# --- Who signs and approves for an organisation ----------------------------------------


def signers_of(organization: Organization) -> models.QuerySet[User]:
    """Active people who hold the authority to sign and approve for `organization`."""
    from .models import User

    return User.objects.filter(
        is_active=True,
        memberships__organization=organization,
        memberships__role__in=SIGNING_ROLES,
    ).distinct()


def may_sign_for(user: User | Any, organization: Organization | int) -> bool:
    """Whether `user` holds the authority to sign and approve for `organization`. Services check
    this both when someone is named signatory and when they sign or approve."""
    if user is None or not getattr(user, "is_active", False):
        return False
    org_id = organization if isinstance(organization, int) else organization.pk
    return Membership.objects.filter(
        user_id=user.pk, organization_id=org_id, role__in=SIGNING_ROLES, organization__is_active=True
    ).exists()
