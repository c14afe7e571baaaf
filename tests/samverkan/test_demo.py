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
