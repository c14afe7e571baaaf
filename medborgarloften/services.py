"""Every change to del 2: local plans, goals, medborgarlöften, activities and their targets.

The plan carries one version number; every change to its activities checks and bumps it, so two
people editing the same plan never overwrite each other silently."""

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements.models import Agreement, AgreementParty, FocusArea
from lagesbild.models import Indicator, Problem
from samverkan.concurrency import create_editable, save_if_unchanged
from samverkan.errors import DomainError
from samverkan.history import acting_as
from samverkan.models import Organization, User
from samverkan.sealed import queue_seal
from samverkan.tenancy import may_sign_for

from . import handovers
from .models import Activity, Effect, LocalGoal, LocalPlan, LofteSignature, Medborgarlofte, Occasion
from .signals import lofte_replaced
from .targets import TargetKind, target_of, validate_target

ENDED = (Agreement.Status.UPPHORT, Agreement.Status.ERSATT)


def _bump(plan: LocalPlan, expected_version: int) -> None:
    """Claim the plan for this change: fails with ConflictError when someone saved in between."""
    save_if_unchanged(plan, expected_version=expected_version, fields={})


# --- Plans and goals -----------------------------------------------------------------------


@transaction.atomic
def create_plan(
    agreement: Agreement,
    *,
    actor: User | None,
    organization: Organization,
    title: str,
    period_start: date,
    period_end: date,
    kommunikation: str = "",
) -> LocalPlan:
    """Start del 2 for a kommun that is party to the agreement."""
    if agreement.status in ENDED:
        raise DomainError(_("Överenskommelsen har upphört; en ny del 2 skrivs under den gällande."))
    if organization.kind != Organization.Kind.KOMMUN:
        raise DomainError(_("Del 2 skrivs för en kommun."))
    if not AgreementParty.all_objects.filter(agreement=agreement, organization=organization).exists():
        raise DomainError(_("%(org)s är inte part i överenskommelsen.") % {"org": organization})
    if period_end < period_start:
        raise DomainError(_("Periodens slutdatum kan inte vara före startdatum."))
    with acting_as(actor):
        return LocalPlan.objects.create(
            agreement=agreement,
            organization=organization,
            title=title,
            period_start=period_start,
            period_end=period_end,
            kommunikation=kommunikation,
        )


@transaction.atomic
def update_plan(plan: LocalPlan, *, actor: User | None, expected_version: int | None, **fields: Any) -> LocalPlan:
    """Change the plan's title, period or communication text."""
    if fields.get("period_end", plan.period_end) < fields.get("period_start", plan.period_start):
        raise DomainError(_("Periodens slutdatum kan inte vara före startdatum."))
    with acting_as(actor):
        save_if_unchanged(plan, expected_version=expected_version, fields=fields)
    return plan


def carry_plans_over(
    *, agreement: Agreement, previous: Agreement, actor: User | None, now: datetime, **signal: Any
) -> None:
    """A revision of del 1 came into force (`agreements.signals.agreement_replaced`): the del 2 plans
    under the replaced version move to it with their goals, promises and activities, and every focus
    area they use is mapped to the same area in the new version – by the `series` the revision
    copied, else by title. What moved, and what could not be mapped, is kept on the plan
    (`carried_summary`) and shown on its page. A kommun that is no longer a party keeps its plan on
    the old version. Signed promises are re-linked, not changed: the same focus area, in the version
    now in force."""
    areas = list(FocusArea.all_objects.filter(agreement=agreement))
    by_series = {a.series: a for a in areas}
    by_title = {a.title.strip().casefold(): a for a in areas}

    def successor(area: FocusArea) -> FocusArea | None:
        return by_series.get(area.series) or by_title.get(area.title.strip().casefold())

    parties = set(AgreementParty.all_objects.filter(agreement=agreement).values_list("organization_id", flat=True))
    with acting_as(actor):
        for plan in LocalPlan.all_objects.filter(agreement=previous).select_related("organization"):
            if plan.organization_id not in parties:
                continue
            notes: list[str] = []
            goals = list(LocalGoal.all_objects.filter(plan=plan).select_related("focus_area"))
            for goal in goals:
                mapped = successor(goal.focus_area)
                if mapped is None:
                    notes.append(
                        _("Målet ”%(goal)s” har kvar fokusområdet ”%(area)s”, som inte finns i den nya versionen.")
                        % {"goal": goal.what, "area": goal.focus_area.title}
                    )
                    continue
                goal.focus_area = mapped
                goal.version += 1
                goal.save()
            loften = list(Medborgarlofte.all_objects.filter(plan=plan).prefetch_related("focus_areas"))
            for lofte in loften:
                current = list(lofte.focus_areas.all())
                lofte.focus_areas.set([m for a in current if (m := successor(a)) is not None])
                notes.extend(
                    _("Medborgarlöftet ”%(lofte)s” (version %(revision)s) tappade fokusområdet ”%(area)s”.")
                    % {"lofte": lofte.title, "revision": lofte.revision, "area": a.title}
                    for a in current
                    if successor(a) is None
                )
                if lofte.police_area_id not in parties:
                    notes.append(
                        _("%(org)s är inte part i den nya versionen men står i medborgarlöftet ”%(lofte)s”.")
                        % {"org": lofte.police_area, "lofte": lofte.title}
                    )
            activities = list(
                Activity.all_objects.filter(lofte__plan=plan, focus_area__isnull=False).select_related("focus_area")
            )
            for activity in activities:
                assert activity.focus_area is not None
                mapped = successor(activity.focus_area)
                if mapped is None:
                    notes.append(
                        _("Aktiviteten ”%(what)s” saknar nu fokusområde: ”%(area)s” finns inte i den nya versionen.")
                        % {"what": activity.what, "area": activity.focus_area.title}
                    )
                activity.focus_area = mapped
                activity.save()
            summary = _(
                "Flyttade till version %(revision)s: %(goals)s mål, %(loften)s medborgarlöften och "
                "%(activities)s aktiviteter med fokusområde, kopplade till samma fokusområden i den nya versionen."
            ) % {
                "revision": agreement.revision,
                "goals": len(goals),
                "loften": len(loften),
                "activities": len(activities),
            }
            plan.agreement = agreement
            plan.carried_from = previous
            plan.carried_at = now
            plan.carried_summary = [summary, *notes]
            plan.version += 1
            plan.save()


def _goal_activities(plan: LocalPlan, chosen: Iterable[Activity], linked: Iterable[Activity] = ()) -> list[Activity]:
    """The activities a goal is linked to: each chosen one in every version of its promise (by
    `series`), so that the link holds when a promise is revised; and links to activities that
    only a replaced version has (not offered any more) are kept as they were."""
    chosen = list(chosen)
    ids = {a.pk for a in chosen}
    if Activity.all_objects.filter(pk__in=ids, lofte__plan=plan).count() != len(ids):
        raise DomainError(
            _("Ett mål kan bara kopplas till aktiviteter i samma plan."),
            {"activities": _("Välj bland planens aktiviteter.")},
        )
    in_plan = Activity.all_objects.filter(lofte__plan=plan)
    offered = set(in_plan.exclude(lofte__status=Medborgarlofte.Status.ERSATT).values_list("series", flat=True))
    kept = [a for a in linked if a.series not in offered]
    return [*in_plan.filter(series__in={a.series for a in chosen}), *kept]


def _check_goal(plan: LocalPlan, focus_area: FocusArea, problems: Iterable[Problem]) -> list[Problem]:
    if focus_area.agreement_id != plan.agreement_id:
        raise DomainError(
            _("Fokusområdet hör till en annan överenskommelse."),
            {"focus_area": _("Välj ett av överenskommelsens fokusområden.")},
        )
    problems = list(problems)
    parties = set(
        AgreementParty.all_objects.filter(agreement_id=plan.agreement_id).values_list("organization_id", flat=True)
    )
    if any(p.lagesbild.organization_id not in parties for p in problems):
        raise DomainError(_("Målen kan bara gälla problem i parternas lägesbilder."))
    return problems


@transaction.atomic
def add_goal(
    plan: LocalPlan,
    *,
    actor: User | None,
    problems: Iterable[Problem] = (),
    activities: Iterable[Activity] = (),
    **fields: Any,
) -> LocalGoal:
    """Add a measurable local goal tied to a focus area, and the plan's activities that serve it."""
    fields["problems"] = _check_goal(plan, fields["focus_area"], problems)
    fields["activities"] = _goal_activities(plan, activities)
    with acting_as(actor):
        order = LocalGoal.all_objects.filter(plan=plan).count()
        return create_editable(LocalGoal, fields, plan=plan, order=order)


@transaction.atomic
def update_goal(
    goal: LocalGoal,
    *,
    actor: User | None,
    expected_version: int | None,
    problems: Iterable[Problem] = (),
    activities: Iterable[Activity] | None = None,
    **fields: Any,
) -> LocalGoal:
    """Change a local goal, and which of the plan's activities serve it."""
    fields["problems"] = _check_goal(goal.plan, fields.get("focus_area", goal.focus_area), problems)
    if activities is not None:
        fields["activities"] = _goal_activities(goal.plan, activities, linked=goal.activities.all())
    with acting_as(actor):
        save_if_unchanged(goal, expected_version=expected_version, fields=fields)
    return goal


@transaction.atomic
def delete_goal(goal: LocalGoal, *, actor: User | None) -> None:
    """Remove a local goal."""
    with acting_as(actor):
        goal.delete()


# --- Medborgarlöften -----------------------------------------------------------------------


def _check_lofte(plan: LocalPlan, police_area: Organization, focus_areas: Iterable[FocusArea]) -> list[FocusArea]:
    if police_area.kind != Organization.Kind.LOKALPOLISOMRADE:
        raise DomainError(_("Välj ett lokalpolisområde."), {"police_area": _("Välj ett lokalpolisområde.")})
    if not AgreementParty.all_objects.filter(agreement_id=plan.agreement_id, organization=police_area).exists():
        raise DomainError(
            _("%(org)s är inte part i överenskommelsen.") % {"org": police_area},
            {"police_area": _("Lokalpolisområdet måste vara part i överenskommelsen.")},
        )
    areas = list(focus_areas)
    if any(a.agreement_id != plan.agreement_id for a in areas):
        raise DomainError(_("Fokusområdena måste höra till överenskommelsen."))
    return areas


@transaction.atomic
def create_lofte(
    plan: LocalPlan,
    *,
    actor: User | None,
    title: str,
    period_start: date,
    period_end: date,
    police_area: Organization,
    focus_areas: Iterable[FocusArea] = (),
    effects: Sequence[str] = (),
    **fields: Any,
) -> Medborgarlofte:
    """Start a medborgarlöfte in the plan, as a draft, with the effects it seeks."""
    areas = _check_lofte(plan, police_area, focus_areas)
    if period_end < period_start:
        raise DomainError(_("Periodens slutdatum kan inte vara före startdatum."))
    with acting_as(actor):
        lofte = Medborgarlofte.objects.create(
            plan=plan, title=title, period_start=period_start, period_end=period_end, police_area=police_area, **fields
        )
        lofte.focus_areas.set(areas)
    set_effects(lofte, actor=actor, texts=effects)
    return lofte


@transaction.atomic
def update_lofte(
    lofte: Medborgarlofte,
    *,
    actor: User | None,
    expected_version: int | None,
    effects: Sequence[str] | None = None,
    **fields: Any,
) -> Medborgarlofte:
    """Change a draft medborgarlöfte's text, period, parties, dialogue or effects sought."""
    _ensure_open(lofte)
    if "focus_areas" in fields or "police_area" in fields:
        fields["focus_areas"] = _check_lofte(
            lofte.plan,
            fields.get("police_area", lofte.police_area),
            fields.get("focus_areas", lofte.focus_areas.all()),
        )
    if fields.get("period_end", lofte.period_end) < fields.get("period_start", lofte.period_start):
        raise DomainError(_("Periodens slutdatum kan inte vara före startdatum."))
    with acting_as(actor):
        save_if_unchanged(lofte, expected_version=expected_version, fields=fields)
    if effects is not None:
        set_effects(lofte, actor=actor, texts=effects)
    return lofte


@transaction.atomic
def set_effects(lofte: Medborgarlofte, *, actor: User | None, texts: Sequence[str]) -> None:
    """Replace the effects sought, keeping the indicators of effects whose text is unchanged."""
    _ensure_open(lofte)
    wanted = [t.strip() for t in texts if t.strip()]
    with acting_as(actor):
        existing = {e.text: e for e in Effect.all_objects.filter(lofte=lofte)}
        for text, effect in existing.items():
            if text not in wanted:
                effect.delete()
        for order, text in enumerate(wanted):
            kept = existing.get(text)
            if kept is None:
                Effect.objects.create(lofte=lofte, text=text, order=order)
            elif kept.order != order:
                kept.order = order
                kept.save()


@transaction.atomic
def link_effect_indicators(effect: Effect, *, actor: User | None, indicators: Iterable[Indicator]) -> Effect:
    """Say which lägesbild indicators show whether an effect is reached."""
    indicators = list(indicators)
    parties = set(
        AgreementParty.all_objects.filter(agreement_id=effect.lofte.plan.agreement_id).values_list(
            "organization_id", flat=True
        )
    )
    if any(i.organization_id not in parties for i in indicators):
        raise DomainError(_("Indikatorerna måste höra till parternas lägesbilder."))
    with acting_as(actor):
        effect.indicators.set(indicators)
    return effect


# --- Activities ----------------------------------------------------------------------------


def _validate_activity(fields: dict[str, Any], agreement_id: int | None = None) -> None:
    errors = validate_target(target_of(fields))
    area = fields.get("focus_area")
    if area is not None and agreement_id is not None and area.agreement_id != agreement_id:
        errors["focus_area"] = _("Välj ett av överenskommelsens fokusområden.")
    if not (fields.get("what") or "").strip():
        errors["what"] = _("Skriv vad som ska göras.")
    starts, ends = fields.get("starts_on"), fields.get("ends_on")
    if starts and ends and ends < starts:
        errors["ends_on"] = _("Slutdatum kan inte vara före startdatum.")
    if errors:
        raise DomainError(_("Aktiviteten kunde inte sparas. Rätta det som är markerat."), errors)


def _normalise_target(fields: dict[str, Any]) -> dict[str, Any]:
    """Clear the parts of a target that do not apply to its kind, so none linger unseen."""
    if fields.get("target_kind") != TargetKind.QUANTITY:
        fields.update(
            target_count=0,
            target_unit="",
            target_every=1,
            target_minimum=False,
            target_multiplier=1,
            target_multiplier_label="",
        )
    return fields


def _ensure_open(lofte: Medborgarlofte) -> None:
    """Only a draft changes. A signed promise is frozen: a change is a new version that both sides
    sign again (`propose_lofte_revision`), however small."""
    if lofte.status == Medborgarlofte.Status.UTKAST:
        return
    if lofte.status == Medborgarlofte.Status.GALLANDE:
        raise DomainError(
            _(
                "Medborgarlöftet är undertecknat och ändras inte i efterhand. Välj ”Föreslå ändring” "
                "för att göra en ny version som båda parter skriver under; till dess gäller den undertecknade."
            )
        )
    if lofte.status == Medborgarlofte.Status.ERSATT:
        raise DomainError(_("Det här är en tidigare version av medborgarlöftet. Ändringar görs i den gällande."))
    raise DomainError(_("Medborgarlöftet är avslutat och kan inte ändras."))


@transaction.atomic
def add_activity(lofte: Medborgarlofte, *, actor: User | None, expected_version: int, **fields: Any) -> Activity:
    """Add an activity last in the promise."""
    _ensure_open(lofte)
    if set(fields) - set(Activity.editable_fields):
        raise TypeError(f"Not editable: {sorted(set(fields) - set(Activity.editable_fields))}")
    _validate_activity(fields, lofte.plan.agreement_id)
    _bump(lofte.plan, expected_version)
    with acting_as(actor):
        last = Activity.all_objects.filter(lofte=lofte).aggregate(last=Max("order"))["last"]
        return Activity.objects.create(lofte=lofte, order=(last or 0) + 1, **_normalise_target(fields))


@transaction.atomic
def update_activity(activity: Activity, *, actor: User | None, expected_version: int, **fields: Any) -> Activity:
    """Change an activity and its target."""
    _ensure_open(activity.lofte)
    if set(fields) - set(Activity.editable_fields):
        raise TypeError(f"Not editable: {sorted(set(fields) - set(Activity.editable_fields))}")
    merged = {name: getattr(activity, name) for name in Activity.editable_fields} | fields
    _validate_activity(merged, activity.lofte.plan.agreement_id)
    _bump(activity.lofte.plan, expected_version)
    with acting_as(actor):
        for name, value in _normalise_target(merged).items():
            setattr(activity, name, value)
        activity.save()
    return activity


@transaction.atomic
def delete_activity(activity: Activity, *, actor: User | None, expected_version: int) -> None:
    """Remove an activity (its logs, if any, keep it in the history)."""
    _ensure_open(activity.lofte)
    _bump(activity.lofte.plan, expected_version)
    with acting_as(actor):
        activity.delete()


@transaction.atomic
def move_activity(activity: Activity, *, actor: User | None, expected_version: int, direction: str) -> None:
    """Move an activity one step up or down within its promise."""
    _ensure_open(activity.lofte)
    _bump(activity.lofte.plan, expected_version)
    ordered = list(Activity.all_objects.filter(lofte_id=activity.lofte_id).order_by("order", "pk"))
    index = next(i for i, a in enumerate(ordered) if a.pk == activity.pk)
    target = index - 1 if direction == "up" else index + 1
    if not 0 <= target < len(ordered):
        return
    ordered[index], ordered[target] = ordered[target], ordered[index]
    with acting_as(actor):
        for order, item in enumerate(ordered, 1):
            if item.order != order:
                item.order = order
                item.save(update_fields=["order"])


@transaction.atomic
def add_occasion(
    activity: Activity,
    *,
    actor: User | None,
    starts_at: datetime,
    ends_at: datetime | None = None,
    place: str = "",
    note: str = "",
) -> Occasion:
    """Schedule an occasion of the activity, shown in the public calendar once published."""
    if ends_at and ends_at < starts_at:
        raise DomainError(
            _("Sluttiden kan inte vara före starttiden."), {"ends_at": _("Sluttiden kan inte vara före starttiden.")}
        )
    with acting_as(actor):
        return Occasion.objects.create(activity=activity, starts_at=starts_at, ends_at=ends_at, place=place, note=note)


@transaction.atomic
def delete_occasion(occasion: Occasion, *, actor: User | None) -> None:
    """Cancel a scheduled occasion."""
    with acting_as(actor):
        occasion.delete()


# --- Signing and publishing ----------------------------------------------------------------


def signing_sides(lofte: Medborgarlofte) -> list[Organization]:
    """The two sides that sign a medborgarlöfte: the kommun and the police area."""
    return [lofte.plan.organization, lofte.police_area]


@transaction.atomic
def sign_lofte(lofte: Medborgarlofte, *, actor: User, organization: Organization) -> LofteSignature:
    """A leader of the kommun or the police area signs (the caller re-authenticated them); when
    both have signed, the promise is in force and its PDF is sealed."""
    lofte = Medborgarlofte.all_objects.select_for_update().get(pk=lofte.pk)
    if lofte.status != Medborgarlofte.Status.UTKAST:
        raise DomainError(_("Bara ett utkast skrivs under."))
    if organization not in signing_sides(lofte):
        raise DomainError(_("%(org)s skriver inte under detta medborgarlöfte.") % {"org": organization})
    if not may_sign_for(actor, organization):
        raise DomainError(_("Bara ledningen i %(org)s skriver under.") % {"org": organization})
    if not Activity.all_objects.filter(lofte=lofte).exists():
        raise DomainError(_("Medborgarlöftet har inga aktiviteter ännu."))
    if LofteSignature.all_objects.filter(lofte=lofte, organization=organization).exists():
        raise DomainError(_("%(org)s har redan skrivit under.") % {"org": organization})
    with acting_as(actor):
        signature = LofteSignature.objects.create(
            lofte=lofte,
            organization=organization,
            signed_by=actor,
            signer_name=actor.full_name,
            signer_title=actor.title,
            signed_at=timezone.now(),
        )
        if LofteSignature.all_objects.filter(lofte=lofte).count() == len(signing_sides(lofte)):
            lofte.status = Medborgarlofte.Status.GALLANDE
            lofte.save()
            if lofte.previous_id is not None:
                _replace_previous(lofte, lofte.previous_id, actor)
            queue_seal(lofte)
    handovers.lofte_signed(signature, actor=actor)
    return signature


# --- Versions: a signed promise changes only through a new version --------------------------


@transaction.atomic
def propose_lofte_revision(lofte: Medborgarlofte, *, actor: User | None) -> Medborgarlofte:
    """Start the next version of a signed promise as a draft with all its content: text, effects
    (with their indicators) and activities (each keeping its `series`, so its logs follow it). The
    signed version stays in force, and on the public page, until both sides sign the new one."""
    if lofte.status != Medborgarlofte.Status.GALLANDE:
        raise DomainError(_("Bara ett gällande medborgarlöfte ändras genom en ny version."))
    pending = Medborgarlofte.all_objects.filter(previous=lofte).first()
    if pending is not None:
        raise DomainError(
            _("Det finns redan ett förslag till ändring (version %(revision)s). Fortsätt i det.")
            % {"revision": pending.revision}
        )
    with acting_as(actor):
        new = Medborgarlofte.objects.create(
            plan_id=lofte.plan_id,
            series=lofte.series,
            revision=lofte.revision + 1,
            previous=lofte,
            **{name: getattr(lofte, name) for name in Medborgarlofte.editable_fields if name != "focus_areas"},
        )
        new.focus_areas.set(lofte.focus_areas.all())
        for effect in Effect.all_objects.filter(lofte=lofte).prefetch_related("indicators"):
            copy = Effect.objects.create(lofte=new, text=effect.text, order=effect.order)
            copy.indicators.set(effect.indicators.all())
        for activity in Activity.all_objects.filter(lofte=lofte).order_by("order", "pk"):
            successor = Activity.objects.create(
                lofte=new,
                series=activity.series,
                order=activity.order,
                **{name: getattr(activity, name) for name in Activity.editable_fields},
            )
            # The goals it serves follow it into the new version (see LocalGoal.activities).
            for goal in LocalGoal.all_objects.filter(activities=activity):
                goal.activities.add(successor)
    return new


def _replace_previous(lofte: Medborgarlofte, previous_id: int, actor: User) -> None:
    """The new version is signed: it takes the old one's place on the public page, the old one is
    ersatt, and what was carried out under the old version follows each activity (by its `series`)
    to the new one: its scheduled occasions here, its logs in the follow-up app (`lofte_replaced`),
    each move recorded in the history. An activity the new version no longer has keeps its logs
    and occasions where they were, in the old version."""
    previous = Medborgarlofte.all_objects.select_for_update().get(pk=previous_id)
    if previous.status == Medborgarlofte.Status.GALLANDE:
        if previous.published_at is not None and lofte.published_at is None:
            lofte.published_at = timezone.now()
            lofte.save()
        previous.status = Medborgarlofte.Status.ERSATT
        previous.save()
    by_series = dict(Activity.all_objects.filter(lofte=lofte).values_list("series", "pk"))
    successors = {
        pk: by_series[series]
        for pk, series in Activity.all_objects.filter(lofte=previous).values_list("pk", "series")
        if series in by_series
    }
    for occasion in Occasion.all_objects.filter(activity_id__in=successors):
        occasion.activity_id = successors[occasion.activity_id]
        occasion.save(update_fields=["activity"])
    lofte_replaced.send(sender=Medborgarlofte, lofte=lofte, previous=previous, actor=actor, successors=successors)


def versions_of(lofte: Medborgarlofte) -> list[Medborgarlofte]:
    """Every version of the promise, the newest first."""
    return list(Medborgarlofte.all_objects.filter(series=lofte.series).order_by("-revision"))


@transaction.atomic
def publish_lofte(lofte: Medborgarlofte, *, actor: User | None) -> Medborgarlofte:
    """Show the promise and its progress on the kommun's public page."""
    if lofte.status != Medborgarlofte.Status.GALLANDE:
        raise DomainError(_("Bara ett gällande medborgarlöfte kan publiceras. Det behöver skrivas under först."))
    with acting_as(actor):
        lofte.published_at = lofte.published_at or timezone.now()
        lofte.save()
    handovers.lofte_published(lofte, actor=actor)
    return lofte


@transaction.atomic
def unpublish_lofte(lofte: Medborgarlofte, *, actor: User | None) -> Medborgarlofte:
    """Take the promise off the public page."""
    with acting_as(actor):
        lofte.published_at = None
        lofte.save()
    return lofte


@transaction.atomic
def end_lofte(lofte: Medborgarlofte, *, actor: User | None) -> Medborgarlofte:
    """Gällande → avslutat, by hand or by the daily job when its period has ended. Published, it
    stays on the public page under "Tidigare medborgarlöften" with its final outcome; its history
    and PDF remain."""
    if lofte.status != Medborgarlofte.Status.GALLANDE:
        raise DomainError(_("Bara ett gällande medborgarlöfte kan avslutas."))
    with acting_as(actor):
        lofte.status = Medborgarlofte.Status.AVSLUTAT
        lofte.save()
    return lofte
