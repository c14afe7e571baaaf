from django.core.management import call_command

from samverkan.models import Membership, Organization, User
from samverkan.tenancy import get_organization_for, viewer_for


def test_load_demo_is_idempotent_and_holds_the_seed_organisations(db):
    call_command("load_demo")
    counts = (Organization.objects.count(), User.objects.count(), Membership.objects.count())
    call_command("load_demo")
    assert (Organization.objects.count(), User.objects.count(), Membership.objects.count()) == counts

    kommuner = dict(Organization.objects.filter(kind="kommun").values_list("name", "code"))
    assert kommuner == {
        "Malå kommun": "2418",
        "Norsjö kommun": "2417",
        "Sorsele kommun": "2422",
        "Umeå kommun": "2480",
        "Arvidsjaurs kommun": "2505",
        "Arjeplogs kommun": "2506",
    }
    assert Organization.objects.get(slug="arjeplog").sami_name
    piteå = Organization.objects.get(slug="lpo-pitea-alvdal")
    assert set(piteå.covers.values_list("slug", flat=True)) == {"arvidsjaur", "arjeplog"}
    assert piteå.parent is not None
    assert piteå.parent.slug == "polisregion-nord"
    assert set(Organization.objects.get(slug="lpo-umea").covers.values_list("slug", flat=True)) == {"umea"}
    assert Organization.objects.filter(kind="lansstyrelse").count() == 2
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == set(Membership.Role.values)


def test_demo_samordnare_of_norsjo_sees_norsjo_and_not_umea(db):
    call_command("load_demo")
    viewer = viewer_for(User.objects.get(email="samordnare@norsjo.example"))
    assert get_organization_for(viewer, "norsjo").name == "Norsjö kommun"
    assert Organization.objects.get(slug="umea").pk not in viewer.readable_org_ids


def test_demo_leaders_have_a_second_factor_and_the_code_command_gives_a_valid_code(db, capsys):
    from allauth.mfa.models import Authenticator

    from samverkan.security import verify_code

    call_command("load_demo")
    leader = User.objects.get(email="kommunchef@norsjo.example")
    assert Authenticator.objects.filter(user=leader, type="totp").exists()
    capsys.readouterr()
    call_command("demo_code")
    assert verify_code(leader, capsys.readouterr().out.strip())


def test_demo_documents_tell_the_truth_over_time(db, client, time_machine):
    """On 29 November 2026 Norsjö's 2019–2022 agreement has ended and its 2019–2023 promises are
    avslutade with their outcome for 2023, the year the demo has logs for; the agreements of
    Arvidsjaur and Arjeplog (to 2026) and Umeå (to 2027) are in force."""
    from datetime import date, datetime
    from zoneinfo import ZoneInfo

    from django.urls import reverse
    from django.utils import timezone

    from agreements.models import Agreement
    from medborgarloften.models import Medborgarlofte

    time_machine.move_to(datetime(2026, 11, 29, 12, tzinfo=ZoneInfo("Europe/Stockholm")), tick=False)
    call_command("load_demo")
    call_command("load_demo")

    def agreement(start: str) -> Agreement:
        return Agreement.objects.get(title__startswith=start)

    norsjo = agreement("Samverkansavtal mellan polisen och Norsjö")
    assert norsjo.status == Agreement.Status.UPPHORT
    assert timezone.localdate(norsjo.ended_at) == date(2022, 12, 31)
    assert norsjo.status_text() == "Upphört 31 december 2022"
    assert agreement("Samverkansöverenskommelse för fem småkommuner").status == Agreement.Status.UPPHORT
    assert agreement("Samverkansöverenskommelse mellan Polismyndigheten").status == Agreement.Status.GALLANDE
    assert agreement("Överenskommelse om samverkan och prioriteringar mellan Umeå").status == Agreement.Status.GALLANDE

    promise = Medborgarlofte.objects.get(plan__organization__slug="norsjo")
    assert promise.status == Medborgarlofte.Status.AVSLUTAT
    assert promise.is_published
    assert {signature.signed_at.year for signature in promise.signatures.all()} == {2018}
    current = Medborgarlofte.objects.exclude(plan__organization__slug="norsjo")
    assert {lofte.status for lofte in current} == {Medborgarlofte.Status.GALLANDE}
    assert not [lofte for lofte in current if lofte.starts_later()]

    body = client.get(reverse("public_loften", args=["norsjo"])).content.decode()
    assert "Tidigare medborgarlöften" in body
    assert "de år som följdes upp i Samverkan: 2023." in body
    assert "2023: " in body
    assert "0 av 0" not in body
    assert "Så går det:" not in body


def test_demo_county_view_shows_umea_fulfilled_and_norsjo_missing_its_atgardsplan(db):
    from django.urls import reverse

    from tests.conftest import client_for

    call_command("load_demo")
    reader = User.objects.get(email="andt@lansstyrelsen-ac.example")
    html = client_for(reader).get(reverse("duties_county") + "?sortera=atgardsplan").content.decode()
    umea = html[html.index('data-kommun="umea"') :].split("</tr>")[0]
    norsjo = html[html.index('data-kommun="norsjo"') :].split("</tr>")[0]
    assert umea.count('data-state="uppfyllt"') == 4
    assert 'data-duty="atgardsplan" data-state="saknas"' in norsjo
    assert norsjo.count('data-state="uppfyllt"') == 3
    supported = client_for(reader).get(reverse("duties_county") + "?stod=1").content.decode()
    assert 'data-kommun="umea"' not in supported
    assert 'data-kommun="norsjo"' in supported


def test_demo_norsjos_trygghetsrad_has_outside_members_and_a_year_of_sealed_minutes(
    db, seal_dir, django_capture_on_commit_callbacks
):
    from followup.meetings.models import Decision, Meeting
    from samverkan.models import Group

    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo")
    call_command("load_demo")
    rad = Group.objects.get(organization__slug="norsjo", name="Folkhälso- och trygghetsrådet")
    outside = set(rad.members.filter(organization__isnull=True).values_list("outside_organization", "role"))
    assert ("Räddningstjänsten Norsjö", "Räddningschef") in outside
    assert ("Norsjö kommun, krisberedskap", "Beredskapssamordnare") in outside
    assert ("Företagarna Norsjö", "Ordförande") in outside
    assert rad.members.filter(person__email="lpochef@skelleftea.example").exists()
    held = Meeting.objects.filter(group=rad, starts_at__year=2023)
    assert held.count() == 6
    assert set(held.values_list("status", flat=True)) == {Meeting.Status.GODKANT}
    assert all(len(digest) == 64 for digest in held.values_list("pdf_sha256", flat=True))
    assert held.filter(minutes_public=True).count() == 2
    assert Decision.objects.filter(meeting__group=rad).count() == 10
    assert Meeting.objects.filter(group=rad, status=Meeting.Status.PLANERAT).count() == 1
