"""Walk every URL pattern of ours as a person of another organisation and as an anonymous
visitor: they get 404 (or are sent to log in), never another organisation's data.

Every pattern must be listed in `url_kwargs` below with real objects of the victim kommun, so a
new URL cannot slip past this walk unseen.
"""

from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from tests.conftest import client_for

# Namespaces that are not ours: allauth's pages are about the logged-in person's own account,
# the Django admin is for platform staff only (tested separately below), and the benchmark's
# hello-world exists only where SAMVERKAN_BENCH installs it (tests/scale/test_bench_app.py).
SKIPPED_PREFIXES = ("konto/", "admin/", "bench/")

#: Pages anyone may open without logging in; they must still show no tenant data.
PUBLIC = {"home", "set_language", "verify", "accessibility"}

#: Pages that show the person's own things and take no object of anyone else's.
PERSONAL = {
    "oversikt",
    "switch_organization",
    "lagesbild_list",
    "lagesbild_compare",
    "agreement_list",
    "plan_list",
    "log",
    "dashboard_overview",
    "report_list",
    "export",
    "duties_county",
    "notifications",
    "notification_preferences",
    "my_data",
    "my_data_export",
    "group_list",
}


def walk(patterns: list[Any], prefix: str = "") -> Iterator[tuple[str, URLPattern]]:
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if route.startswith(SKIPPED_PREFIXES):
                continue
            yield from walk(entry.url_patterns, route)
        elif isinstance(entry, URLPattern) and entry.name:
            yield route, entry


def all_url_names() -> set[str]:
    return {name for _route, pattern in walk(get_resolver().url_patterns) if (name := pattern.name)}


@pytest.fixture
def victim(kommun, samordnare, police_area, settings, tmp_path):
    """The victim kommun's data, with a marker that must never reach an outsider."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from lagesbild.models import Theme
    from lagesbild.services import (
        add_problem,
        add_source,
        create_indicator,
        create_lagesbild,
        record_measurement,
    )

    settings.MEDIA_ROOT = tmp_path
    lagesbild = create_lagesbild(
        kommun,
        actor=samordnare,
        title="Hemlig lägesbild",
        period_start=date(2025, 1, 1),
        period_end=date(2025, 12, 31),
    )
    source = add_source(
        lagesbild,
        actor=samordnare,
        kind="annat",
        title="Hemligt underlag",
        date=date(2025, 1, 1),
        upload=SimpleUploadedFile("hemlig.csv", b"2020;1\n"),
    )
    problem = add_problem(lagesbild, actor=samordnare, title="Hemligt problem", theme=Theme.objects.get(slug="annat"))
    indicator = create_indicator(
        kommun,
        actor=samordnare,
        name="Hemlig indikator",
        unit="st",
        source="x",
        baseline_year=2020,
        baseline_value=Decimal(1),
    )
    measurement = record_measurement(
        indicator, actor=samordnare, period_start=date(2021, 1, 1), granularity="ar", value=Decimal(2)
    )
    from agreements import services as agreement_services

    agreement = agreement_services.create_agreement(
        kommun,
        actor=samordnare,
        title="Hemlig överenskommelse",
        period_start=date(2025, 1, 1),
        period_end=date(2027, 12, 31),
    )
    police_party = agreement_services.add_party(agreement, actor=samordnare, organization=police_area)
    focus = agreement_services.add_focus_area(agreement, actor=samordnare, title="Hemligt fokus", problems=[problem])
    commitment = agreement_services.add_commitment(agreement, actor=samordnare, who="polisen", text="Hemligt")
    from medborgarloften import services as plan_services

    plan = plan_services.create_plan(
        agreement,
        actor=samordnare,
        organization=kommun,
        title="Hemlig plan",
        period_start=date(2025, 1, 1),
        period_end=date(2027, 12, 31),
    )
    goal = plan_services.add_goal(
        plan,
        actor=samordnare,
        what="Hemligt mål",
        measure="x",
        target_value="1",
        target_date=date(2027, 1, 1),
        focus_area=focus,
    )
    lofte = plan_services.create_lofte(
        plan,
        actor=samordnare,
        title="Hemligt löfte",
        period_start=date(2025, 1, 1),
        period_end=date(2027, 12, 31),
        police_area=police_area,
    )
    plan_services.set_effects(lofte, actor=samordnare, texts=["Hemlig effekt"])
    activity = plan_services.add_activity(
        lofte,
        actor=samordnare,
        expected_version=plan.version,
        what="Hemlig aktivitet",
        responsible="kommun",
        target_kind="lopande",
        target_text="Löpande",
    )
    occasion = plan_services.add_occasion(activity, actor=samordnare, starts_at=timezone.now())
    from followup.models import ActivityLog
    from followup.services import create_report

    log = ActivityLog.objects.create(
        activity=activity, organization=kommun, done_on=date(2026, 1, 5), note="Hemlig anteckning", logged_by=samordnare
    )
    report = create_report(agreement, actor=samordnare, organization=kommun, year=2026)
    from followup.meetings import services as meeting_services
    from medborgarloften import atgardsplan_services
    from samverkan.coordination import appoint_samordningsfunktion, cycle_of, set_duty_cycle
    from samverkan.groups import services as group_services

    group = group_services.create_group(kommun, actor=samordnare, name="Hemligt råd", kind="trygghetsrad")
    member = group_services.add_outside_member(
        group, actor=samordnare, outside_organization="Hemlig förening", role="Ordförande"
    )
    meeting = meeting_services.plan_meeting(
        group, actor=samordnare, title="Hemligt möte", starts_at=timezone.now(), agenda="Hemlig dagordning"
    )
    meeting_services.hold_meeting(meeting, actor=samordnare)
    decision = meeting_services.add_decision(meeting, actor=samordnare, text="Hemligt beslut")

    set_duty_cycle(cycle_of(kommun), actor=samordnare, expected_version=None, lagesbild_months=36)
    appoint_samordningsfunktion(kommun, actor=samordnare, role_title="Hemlig samordnare", from_date=date(2025, 1, 1))
    adopted = create_lagesbild(
        kommun,
        actor=samordnare,
        title="Hemlig fastställd",
        period_start=date(2025, 1, 1),
        period_end=date(2027, 12, 31),
        analys="Hemlig analys",
    )
    add_problem(adopted, actor=samordnare, title="Hemligt prioriterat problem", theme=Theme.objects.get(slug="annat"))
    from lagesbild.services import adopt_lagesbild

    adopt_lagesbild(adopted, actor=samordnare, adopted_on=date(2025, 1, 2), adopted_by="Hemliga nämnden")
    atgardsplan = atgardsplan_services.create_atgardsplan(
        kommun, actor=samordnare, title="Hemlig åtgärdsplan", lagesbild=adopted
    )
    measure = atgardsplan_services.add_measure(atgardsplan, actor=samordnare, what="Hemlig åtgärd")

    from samverkan.importing import start_import
    from samverkan.importjobs import ImportJob
    from samverkan.models import Membership

    text = b"Hemlig rubrik\n\nInledning\n\nHemlig text. (2 g\xc3\xa5nger per \xc3\xa5r. Samverkan: Polisen.)\n"
    import_agreement = start_import(
        kommun, actor=samordnare, upload=SimpleUploadedFile("hemlig.txt", text), kind=ImportJob.Kind.AGREEMENT
    )
    import_lofte = start_import(
        kommun,
        actor=samordnare,
        upload=SimpleUploadedFile("hemlig.txt", text),
        kind=ImportJob.Kind.LOFTE,
        target=plan.uuid,
    )
    return {
        "import_agreement": import_agreement,
        "import_lofte": import_lofte,
        "group": group,
        "member": member,
        "meeting": meeting,
        "decision": decision,
        "kommun": kommun,
        "marker": "Hemlig",
        "membership": Membership.objects.get(user=samordnare, organization=kommun),
        "atgardsplan": atgardsplan,
        "measure": measure,
        "log": log,
        "report": report,
        "plan": plan,
        "goal": goal,
        "lofte": lofte,
        "effect": lofte.effects.get(),
        "activity": activity,
        "occasion": occasion,
        "agreement": agreement,
        "party": police_party,
        "focus": focus,
        "commitment": commitment,
        "lagesbild": lagesbild,
        "source": source,
        "problem": problem,
        "indicator": indicator,
        "measurement": measurement,
    }


@pytest.fixture
def url_kwargs(victim) -> dict[str, Callable[[], dict[str, Any]]]:
    kommun = victim["kommun"]

    def uuid_of(key: str) -> Callable[[], dict[str, Any]]:
        return lambda: {"uuid": victim[key].uuid}

    return {
        "home": dict,
        "set_language": dict,
        "oversikt": dict,
        "switch_organization": dict,
        "organization_detail": lambda: {"slug": kommun.slug},
        "lagesbild_list": dict,
        "lagesbild_compare": dict,
        "lagesbild_create": lambda: {"slug": kommun.slug},
        "lagesbild_detail": uuid_of("lagesbild"),
        "lagesbild_edit": uuid_of("lagesbild"),
        "lagesbild_adopt": uuid_of("lagesbild"),
        "lagesbild_copy": uuid_of("lagesbild"),
        "lagesbild_history": uuid_of("lagesbild"),
        "source_create": uuid_of("lagesbild"),
        "source_edit": uuid_of("source"),
        "source_delete": uuid_of("source"),
        "source_attachment": uuid_of("source"),
        "problem_create": uuid_of("lagesbild"),
        "problem_edit": uuid_of("problem"),
        "problem_delete": uuid_of("problem"),
        "problem_move": uuid_of("problem"),
        "indicator_list": lambda: {"slug": kommun.slug},
        "indicator_create": lambda: {"slug": kommun.slug},
        "indicator_detail": uuid_of("indicator"),
        "indicator_edit": uuid_of("indicator"),
        "indicator_chart": uuid_of("indicator"),
        "measurement_add": uuid_of("indicator"),
        "measurement_import": uuid_of("indicator"),
        "measurement_delete": uuid_of("measurement"),
        "agreement_list": dict,
        "verify": dict,
        "accessibility": dict,
        "agreement_create": lambda: {"slug": kommun.slug},
        "agreement_import": lambda: {"slug": kommun.slug},
        "agreement_import_review": uuid_of("import_agreement"),
        "import_status": uuid_of("import_agreement"),
        "lofte_import": uuid_of("plan"),
        "lofte_import_review": uuid_of("import_lofte"),
        "agreement_detail": uuid_of("agreement"),
        "agreement_edit": uuid_of("agreement"),
        "agreement_transition": uuid_of("agreement"),
        "agreement_revise": uuid_of("agreement"),
        "agreement_diff": uuid_of("agreement"),
        "agreement_history": uuid_of("agreement"),
        "agreement_joint_picture": uuid_of("agreement"),
        "agreement_pdf": uuid_of("agreement"),
        "agreement_sign": uuid_of("agreement"),
        "agreement_comment": uuid_of("agreement"),
        "party_add": uuid_of("agreement"),
        "party_edit": uuid_of("party"),
        "party_accept": uuid_of("party"),
        "party_remove": uuid_of("party"),
        "focus_create": uuid_of("agreement"),
        "focus_edit": uuid_of("focus"),
        "focus_delete": uuid_of("focus"),
        "commitment_create": uuid_of("agreement"),
        "commitment_edit": uuid_of("commitment"),
        "commitment_delete": uuid_of("commitment"),
        "plan_list": dict,
        "plan_create": uuid_of("agreement"),
        "plan_detail": uuid_of("plan"),
        "plan_edit": uuid_of("plan"),
        "plan_history": uuid_of("plan"),
        "goal_create": uuid_of("plan"),
        "goal_edit": uuid_of("goal"),
        "goal_delete": uuid_of("goal"),
        "lofte_create": uuid_of("plan"),
        "lofte_detail": uuid_of("lofte"),
        "lofte_edit": uuid_of("lofte"),
        "lofte_action": uuid_of("lofte"),
        "lofte_sign": uuid_of("lofte"),
        "lofte_pdf": uuid_of("lofte"),
        "effect_indicators": lambda: {"uuid": victim["lofte"].uuid, "pk": victim["effect"].pk},
        "activity_create": uuid_of("lofte"),
        "activity_target_preview": uuid_of("lofte"),
        "activity_edit": uuid_of("activity"),
        "activity_delete": uuid_of("activity"),
        "activity_move": uuid_of("activity"),
        "activity_occasions": uuid_of("activity"),
        "occasion_delete": uuid_of("occasion"),
        # The public page of a kommun whose promises are not published answers 404 to everyone.
        "public_loften": lambda: {"slug": kommun.slug},
        "public_loften_embed": lambda: {"slug": kommun.slug},
        "public_loften_json": lambda: {"slug": kommun.slug},
        "public_loften_ics": lambda: {"slug": kommun.slug},
        "log": dict,
        "log_activity": uuid_of("activity"),
        "log_edit": uuid_of("log"),
        "log_undo": uuid_of("log"),
        "activity_progress": uuid_of("activity"),
        "dashboard_overview": dict,
        "dashboard_kommun": lambda: {"slug": kommun.slug},
        "dashboard_agreement": uuid_of("agreement"),
        "report_list": dict,
        "report_create": uuid_of("agreement"),
        "report_detail": uuid_of("report"),
        "report_edit": uuid_of("report"),
        "report_action": uuid_of("report"),
        "report_approve": uuid_of("report"),
        "report_pdf": uuid_of("report"),
        "export": dict,
        "notifications": dict,
        "notification_preferences": dict,
        "organization_members": lambda: {"slug": kommun.slug},
        "membership_remove": lambda: {"uuid": victim["membership"].uuid},
        "object_history": lambda: {"kind": "aktivitet", "uuid": victim["activity"].uuid},
        "my_data": dict,
        "my_data_export": dict,
        "duties_county": dict,
        "duties_kommun": lambda: {"slug": kommun.slug},
        "samordningsfunktion_create": lambda: {"slug": kommun.slug},
        "duty_cycle_edit": lambda: {"slug": kommun.slug},
        "atgardsplan_create": lambda: {"slug": kommun.slug},
        "atgardsplan_detail": uuid_of("atgardsplan"),
        "measure_create": uuid_of("atgardsplan"),
        "atgardsplan_add_del2": uuid_of("atgardsplan"),
        "atgardsplan_decide": uuid_of("atgardsplan"),
        "measure_delete": uuid_of("measure"),
        "group_list": dict,
        "group_create": lambda: {"slug": kommun.slug},
        "group_detail": uuid_of("group"),
        "group_edit": uuid_of("group"),
        "member_add": uuid_of("group"),
        "outside_member_add": uuid_of("group"),
        "meeting_create": uuid_of("group"),
        "member_remove": uuid_of("member"),
        "meeting_detail": uuid_of("meeting"),
        "meeting_edit": uuid_of("meeting"),
        "meeting_action": uuid_of("meeting"),
        "meeting_pdf": uuid_of("meeting"),
        "meeting_ics": uuid_of("meeting"),
        "decision_add": uuid_of("meeting"),
        "decision_activity": uuid_of("meeting"),
        "decision_goal": uuid_of("meeting"),
        "decision_problem": uuid_of("meeting"),
        "decision_delete": uuid_of("decision"),
        # Minutes not approved and marked public answer 404 to everyone.
        "public_minutes": lambda: {"slug": kommun.slug},
        "public_minutes_pdf": uuid_of("meeting"),
    }


def test_every_url_pattern_is_in_the_walk(url_kwargs):
    assert all_url_names() == set(url_kwargs), "Lägg till nya URL-mönster i url_kwargs."


@pytest.fixture(params=["samordnare", "kontaktperson", "ledning", "lasare", "admin"])
def outsider_of_every_role(request, other_kommun):
    from tests.conftest import enable_totp, make_person

    person = make_person(other_kommun, request.param, f"{request.param}@arjeplog.test", f"Utomstående {request.param}")
    enable_totp(person)
    return person


def test_outsider_gets_404_on_every_object_url_and_never_sees_the_victims_data(
    outsider_of_every_role, victim, url_kwargs
):
    client = client_for(outsider_of_every_role)
    for name, kwargs in url_kwargs.items():
        url = reverse(name, kwargs=kwargs())
        get = client.get(url)
        post = client.post(url, {"organization": victim["kommun"].slug})
        for response in (get, post):
            assert victim["marker"].encode() not in response.content, f"{name} visar annan organisations data"
        if name in PUBLIC or name in PERSONAL:
            continue
        assert get.status_code in (404, 405), f"GET {name} gav {get.status_code}"
        assert post.status_code in (404, 405), f"POST {name} gav {post.status_code}"
        assert 404 in (get.status_code, post.status_code), f"{name} svarade aldrig 404"
    # And nothing of the victim's was changed or removed by all those POSTs.
    from agreements.models import Agreement, AgreementParty, Commitment, FocusArea
    from followup.models import ActivityLog, AnnualReport
    from medborgarloften.models import Activity, LocalGoal, Medborgarlofte, Occasion

    assert ActivityLog.objects.filter(pk=victim["log"].pk).exists()
    assert victim["membership"].__class__.objects.filter(pk=victim["membership"].pk).exists()
    assert AnnualReport.objects.get(pk=victim["report"].pk).status == "utkast"

    assert Medborgarlofte.objects.get(pk=victim["lofte"].pk).status == "utkast"
    assert Activity.objects.filter(pk=victim["activity"].pk).exists()
    assert LocalGoal.objects.filter(pk=victim["goal"].pk).exists()
    assert Occasion.objects.filter(pk=victim["occasion"].pk).exists()
    from lagesbild.models import Lagesbild, Measurement, Problem, Source

    assert Agreement.objects.get(pk=victim["agreement"].pk).status == "utkast"
    assert AgreementParty.objects.get(pk=victim["party"].pk).accepted_at is None
    assert FocusArea.objects.filter(pk=victim["focus"].pk).exists()
    assert Commitment.objects.filter(pk=victim["commitment"].pk).exists()

    assert Lagesbild.objects.get(pk=victim["lagesbild"].pk).title == "Hemlig lägesbild"
    assert Source.objects.filter(pk=victim["source"].pk).exists()
    assert Problem.objects.filter(pk=victim["problem"].pk).exists()
    assert Measurement.objects.filter(pk=victim["measurement"].pk).exists()
    from medborgarloften.models import Atgard, Atgardsplan
    from samverkan.models import DutyCycle, Samordningsfunktion

    assert Atgardsplan.objects.get(pk=victim["atgardsplan"].pk).status == "utkast"
    assert Atgard.objects.filter(pk=victim["measure"].pk).exists()
    assert Samordningsfunktion.objects.filter(organization=victim["kommun"]).count() == 1
    assert DutyCycle.objects.get(organization=victim["kommun"]).lagesbild_months == 36
    from followup.meetings.models import Decision, Meeting
    from samverkan.models import GroupMember

    assert Meeting.objects.get(pk=victim["meeting"].pk).status == "genomfort"
    assert Decision.objects.filter(pk=victim["decision"].pk).exists()
    assert GroupMember.objects.filter(pk=victim["member"].pk).exists()


def test_anonymous_visitor_is_sent_to_login_or_gets_nothing(client, victim, url_kwargs):
    login = reverse("account_login")
    for name, kwargs in url_kwargs.items():
        url = reverse(name, kwargs=kwargs())
        for response in (client.get(url), client.post(url, {"organization": victim["kommun"].slug})):
            assert victim["marker"].encode() not in response.content, f"{name} visar data för anonyma"
            if name in PUBLIC:
                assert response.status_code in (200, 302, 405)
            else:
                assert response.status_code in (302, 404, 405), f"{name} gav {response.status_code}"
                if response.status_code == 302:
                    assert response["Location"].startswith(login)


def test_admin_is_closed_to_people_who_are_not_staff(outsider, samordnare):
    for user in (outsider, samordnare):
        response = client_for(user).get(reverse("admin:samverkan_organization_changelist"))
        assert response.status_code == 302
        assert reverse("admin:login") in response["Location"]


# --- With the page-fragment caches on and warm (samverkan/fragments.py) --------------------


@pytest.fixture
def finished_victim(
    victim,
    ready,
    active_lofte,
    samordnare,
    leader,
    police_leader,
    police_area,
    kommun,
    settings,
    tmp_path,
    django_capture_on_commit_callbacks,
):
    """The victim's documents in the states whose pages are cached: a signed and sealed
    agreement and promise, the promise published, an approved and sealed annual report and
    approved minutes, each holding the marker."""
    from agreements import services as agreement_services
    from followup import services as followup_services
    from followup.meetings import services as meeting_services
    from followup.meetings.models import Meeting
    from medborgarloften import services as plan_services
    from samverkan.sealed import sealed_label, store_sealed_pdf

    settings.SEAL_DIR = tmp_path / "seal"  # the victim's files stay where they are (MEDIA_ROOT)
    agreement_services.send_for_signature(ready, actor=samordnare)
    with django_capture_on_commit_callbacks(execute=True):
        for party in ready.parties.select_related("signatory"):
            agreement_services.sign_agreement(ready, party=party, actor=party.signatory)
    plan_services.publish_lofte(active_lofte, actor=samordnare)
    store_sealed_pdf(sealed_label(active_lofte), active_lofte.pk)
    report = followup_services.create_report(ready, actor=samordnare, organization=kommun, year=2026)
    followup_services.update_report(
        report,
        actor=samordnare,
        expected_version=report.version,
        summary="Hemlig sammanfattning",
        worked="Hemligt",
        changes_next_year="Hemligt",
    )
    followup_services.submit_report(report, actor=samordnare)
    followup_services.approve_report(report, actor=leader, organization=kommun)
    with django_capture_on_commit_callbacks(execute=True):
        followup_services.approve_report(report, actor=police_leader, organization=police_area)
    meeting = meeting_services.plan_meeting(
        victim["group"], actor=samordnare, title="Hemligt godkänt möte", starts_at=timezone.now()
    )
    meeting_services.hold_meeting(meeting, actor=samordnare)
    Meeting.all_objects.filter(pk=meeting.pk).update(minutes="Hemligt protokoll")
    with django_capture_on_commit_callbacks(execute=True):
        meeting_services.approve_minutes(meeting, actor=samordnare)
    for document in (ready, active_lofte, report, meeting):
        document.refresh_from_db()
        assert document.pdf_sha256, f"{document} förseglades inte"
    return {
        "agreement_detail": {"uuid": ready.uuid},
        "lofte_detail": {"uuid": active_lofte.uuid},
        "report_detail": {"uuid": report.uuid},
        "meeting_detail": {"uuid": meeting.uuid},
        "public_loften": {"slug": kommun.slug},
        "public_loften_embed": {"slug": kommun.slug},
    }


def _stored_fragments() -> set[str]:
    """The names of the page fragments in the (per-process, in-memory) cache of the tests."""
    from django.core.cache import cache

    return {key.split(":")[3] for key in cache._cache if ":fragment:" in key}  # type: ignore[attr-defined]


@pytest.fixture(params=["kommun", "police", "lansstyrelse", "anonymous"])
def outsider_client(request, other_kommun, other_county):
    """A client of someone outside the victim's reach: another kommun's samordnare, the police
    of another area, the länsstyrelse of another county, or nobody logged in."""
    from django.test import Client

    from samverkan.models import Membership, Organization
    from tests.conftest import enable_totp, make_person

    if request.param == "anonymous":
        return Client()
    if request.param == "kommun":
        organization = other_kommun
        role = Membership.Role.SAMORDNARE
    elif request.param == "police":
        organization = Organization.objects.create(
            slug="lpo-norrbotten", kind=Organization.Kind.LOKALPOLISOMRADE, name="LPO Norrbotten", county=other_county
        )
        organization.covers.set([other_kommun])
        role = Membership.Role.KONTAKTPERSON
    else:
        organization = Organization.objects.create(
            slug="lst-norrbotten", kind=Organization.Kind.LANSSTYRELSE, name="Lst Norrbotten", county=other_county
        )
        role = Membership.Role.SAMORDNARE
    person = make_person(organization, role, f"{request.param}@utanfor.test", f"Utomstående {request.param}")
    enable_totp(person)
    return client_for(person)


def test_outsiders_get_the_same_refusal_when_the_owner_has_warmed_the_caches(
    outsider_client, finished_victim, victim, url_kwargs, samordnare
):
    from django.core.cache import cache

    pages = [(name, kwargs()) for name, kwargs in url_kwargs.items()] + list(finished_victim.items())
    urls = [(name, reverse(name, kwargs=kwargs)) for name, kwargs in pages]
    marker = victim["marker"].encode()
    cache.clear()
    cold = {url: outsider_client.get(url) for _name, url in urls}
    owner = client_for(samordnare)
    for _name, url in urls:
        owner.get(url)
    assert {
        "agreement_document",
        "lofte_document",
        "report_document",
        "meeting_detail",
        "public_loften",
        "plan_detail",
        "dashboard_kommun",
        "duties_kommun",
    } <= (_stored_fragments()), "Sidorna lade inga fragment i cachen; testet prövar då ingenting."
    for name, url in urls:
        warm = outsider_client.get(url)
        assert warm.status_code == cold[url].status_code, (
            f"{name}: {cold[url].status_code} kall, {warm.status_code} varm"
        )
        assert marker not in warm.content, f"{name} visar ägarens data ur cachen"
        # What the outsider may see (their own pages, the public ones) is what they saw cold.
        assert _same_page(warm.content) == _same_page(cold[url].content), f"{name} ändrades av ägarens besök"


def _same_page(content: bytes) -> bytes:
    """A page without what differs on every response: CSRF tokens, CSP nonces, clock times."""
    import re

    content = re.sub(rb'(csrfmiddlewaretoken" value="|nonce="|"X-CSRFToken": ")[^"]*', rb"\1", content)
    return re.sub(rb"\d\d:\d\d(:\d\d)?", b"", content)
