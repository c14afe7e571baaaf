from django.urls import reverse

from samverkan.middleware import ACTIVE_ORGANIZATION_SESSION_KEY
from samverkan.models import Membership, Organization
from tests.conftest import PASSWORD, client_for


def test_home_invites_anonymous_visitors_to_log_in(client, db):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert reverse("account_login").encode() in response.content


def test_logged_in_home_goes_to_oversikt(samordnare):
    response = client_for(samordnare).get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("oversikt")


def test_police_contact_starts_on_logging_everyone_else_on_oversikt(client, police_contact, samordnare):
    response = client.post(reverse("account_login"), {"login": police_contact.email, "password": PASSWORD})
    assert response["Location"] == reverse("log")
    assert client.get(reverse("home"))["Location"] == reverse("log")
    client.post(reverse("account_logout"))
    response = client.post(reverse("account_login"), {"login": samordnare.email, "password": PASSWORD})
    assert response["Location"] == reverse("oversikt")


def test_a_page_asked_for_before_logging_in_still_comes_first_for_police(client, police_contact):
    response = client.post(
        reverse("account_login") + "?next=/notiser/", {"login": police_contact.email, "password": PASSWORD}
    )
    assert response["Location"] == "/notiser/"


def test_header_menu_folds_behind_a_button_that_names_what_it_opens(samordnare):
    body = client_for(samordnare).get(reverse("oversikt")).content.decode()
    assert (
        '<button type="button" class="menu-toggle button--secondary" aria-expanded="false" aria-controls="site-menu">'
        in body
    )
    assert '<div class="site-menu" id="site-menu">' in body
    # Without JavaScript the button could not open the menu: a stylesheet keeps the menu open.
    assert '<noscript><link rel="stylesheet" href="/static/css/nojs.css"></noscript>' in body


def test_login_with_email_and_password(client, samordnare):
    response = client.post(reverse("account_login"), {"login": samordnare.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("oversikt")).status_code == 200


def test_login_with_wrong_password_says_so_in_swedish_and_keeps_the_email(client, samordnare):
    response = client.post(reverse("account_login"), {"login": samordnare.email, "password": "fel-lösenord"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "inte korrekt" in body or "felaktig" in body.lower()
    assert f'value="{samordnare.email}"' in body


def test_password_reset_sends_an_email(client, samordnare, mailoutbox):
    response = client.post(reverse("account_reset_password"), {"email": samordnare.email})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [samordnare.email]


def test_sign_up_is_closed_people_are_invited(client, db):
    from samverkan.models import User

    client.post(
        reverse("account_signup"),
        {"email": "ny@exempel.test", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert not User.objects.filter(email="ny@exempel.test").exists()


def test_oversikt_shows_my_organisation_and_roles_not_others(samordnare, kommun, other_kommun):
    response = client_for(samordnare).get(reverse("oversikt"))
    body = response.content.decode()
    assert response.status_code == 200
    assert kommun.name in body
    assert "Samordnare" in body
    assert other_kommun.name not in body


def test_oversikt_for_lansstyrelse_lists_county_kommuner(county_reader, kommun, second_kommun, other_kommun):
    body = client_for(county_reader).get(reverse("oversikt")).content.decode()
    assert kommun.name in body
    assert second_kommun.name in body
    assert other_kommun.name not in body


def test_oversikt_without_membership_explains_what_to_do(lonely_person):
    body = client_for(lonely_person).get(reverse("oversikt")).content.decode()
    assert "inte medlem i någon organisation" in body


def test_organization_page_shows_members_only_to_own_people(samordnare, county_reader, kommun, leader):
    own = client_for(samordnare).get(reverse("organization_detail", args=[kommun.slug])).content.decode()
    assert leader.full_name in own
    reader = client_for(county_reader).get(reverse("organization_detail", args=[kommun.slug])).content.decode()
    assert kommun.name in reader
    assert leader.full_name not in reader
    assert "Du kan inte ändra det" in reader


def test_base_template_is_accessible_and_wires_htmx(samordnare):
    body = client_for(samordnare).get(reverse("oversikt")).content.decode()
    assert '<html lang="sv">' in body
    assert 'href="#main"' in body
    assert 'id="main"' in body
    assert "<nav" in body
    assert "<header" in body
    assert "<footer" in body
    assert "hx-headers" in body
    assert "X-CSRFToken" in body
    assert "/static/vendor/htmx-" in body


def test_switching_organisation_only_to_my_own(police_contact, police_area, county, kommun):
    other_area = Organization.objects.create(
        slug="lpo-lycksele",
        kind=Organization.Kind.LOKALPOLISOMRADE,
        name="Lokalpolisområde Lycksele",
        county=county,
    )
    Membership.objects.create(user=police_contact, organization=other_area, role=Membership.Role.KONTAKTPERSON)
    client = client_for(police_contact)
    page = client.get(reverse("oversikt")).content.decode()
    assert 'name="organization"' in page  # the switcher shows for two memberships
    client.post(reverse("switch_organization"), {"organization": other_area.slug})
    assert client.session[ACTIVE_ORGANIZATION_SESSION_KEY] == other_area.pk
    response = client.post(reverse("switch_organization"), {"organization": kommun.slug}, follow=True)
    assert "inte medlem" in response.content.decode()
    assert client.session[ACTIVE_ORGANIZATION_SESSION_KEY] == other_area.pk


def test_switch_ignores_redirects_to_other_sites(samordnare, kommun):
    response = client_for(samordnare).post(
        reverse("switch_organization"), {"organization": kommun.slug, "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("oversikt")


def test_interface_is_swedish_even_for_an_english_browser(samordnare):
    response = client_for(samordnare).get(reverse("oversikt"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "sv"
    assert '<html lang="sv">' in response.content.decode()


def test_person_can_choose_english(samordnare):
    client = client_for(samordnare)
    client.post(reverse("set_language"), {"language": "en", "next": reverse("oversikt")})
    response = client.get(reverse("oversikt"))
    assert response["Content-Language"] == "en"


def test_superuser_admin_lists_tenant_data_across_organisations(db):
    from datetime import date

    from lagesbild.services import create_lagesbild
    from samverkan.models import County, Organization, User

    county = County.objects.create(code="24", name="Västerbottens län")
    org = Organization.objects.create(slug="umea", kind="kommun", name="Umeå kommun", county=county)
    create_lagesbild(
        org, actor=None, title="Umeås lägesbild", period_start=date(2025, 1, 1), period_end=date(2025, 12, 31)
    )
    admin_user = User.objects.create_superuser(email="drift@samverkan.test", password=PASSWORD, full_name="Drift")
    body = client_for(admin_user).get(reverse("admin:lagesbild_lagesbild_changelist")).content.decode()
    assert "Umeås lägesbild" in body


def test_notifications_show_unread_count_and_are_marked_read(samordnare):
    from samverkan.models import Notification

    Notification.objects.create(
        user=samordnare,
        kind="report_due",
        subject_key="report:1:1",
        period_key="2026",
        title="Årlig uppföljning 2026",
        body="Ska vara godkänd senast 2027-03-31.",
        url="/uppfoljning/arsuppfoljning/",
    )
    client = client_for(samordnare)
    assert '<span class="count">1</span>' in client.get(reverse("oversikt")).content.decode()
    body = client.get(reverse("notifications")).content.decode()
    assert "Årlig uppföljning 2026" in body
    assert Notification.objects.get().read_at is not None
    assert '<span class="count">' not in client.get(reverse("oversikt")).content.decode()


def test_notification_preferences(samordnare):
    from samverkan.models import NotificationPreference

    client = client_for(samordnare)
    client.post(reverse("notification_preferences"), {"kinds": ["activity_behind"], "weekly_digest": "on"})
    preference = NotificationPreference.objects.get(user=samordnare)
    assert preference.weekly_digest
    assert "activity_behind" not in preference.disabled_kinds
    assert "report_due" in preference.disabled_kinds


def test_object_history_shows_who_changed_what_before_and_after(samordnare, lagesbild_for_export, outsider):
    from lagesbild.models import Theme
    from lagesbild.services import add_problem, update_problem

    problem = add_problem(
        lagesbild_for_export, actor=samordnare, title="Stölder", theme=Theme.objects.get(slug="annat")
    )
    update_problem(problem, actor=samordnare, expected_version=problem.version, title="Inbrott i sommarstugor")
    body = client_for(samordnare).get(reverse("object_history", args=["problem", problem.uuid])).content.decode()
    assert "Stölder" in body  # before
    assert "Inbrott i sommarstugor" in body  # after
    assert samordnare.full_name in body
    assert client_for(outsider).get(reverse("object_history", args=["problem", problem.uuid])).status_code == 404
    assert client_for(samordnare).get(reverse("object_history", args=["okand", problem.uuid])).status_code == 404


def test_navigation_follows_the_role(samordnare, county_reader):
    assert 'href="/uppfoljning/logga/"' in client_for(samordnare).get(reverse("oversikt")).content.decode()
    assert 'href="/uppfoljning/logga/"' not in client_for(county_reader).get(reverse("oversikt")).content.decode()


def test_accessibility_statement_with_a_way_to_report_problems(
    client, db, mailoutbox, settings, django_capture_on_commit_callbacks
):
    settings.ACCESSIBILITY_CONTACT_EMAIL = "tillganglighet@samverkan.example"
    body = client.get(reverse("accessibility")).content.decode()
    assert "Tillgänglighetsredogörelse" in body
    assert "WCAG 2.1" in body
    assert "Digg" in body
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(
            reverse("accessibility"),
            {"message": "Knappen går inte att nå med tangentbordet.", "email": "anna@example.se"},
            follow=True,
        )
    assert "Tack!" in response.content.decode()
    assert len(callbacks) == 1
    [mail] = mailoutbox
    assert mail.to == ["tillganglighet@samverkan.example"]
    assert "Knappen går inte" in mail.body
    assert "anna@example.se" in mail.body


def test_accessibility_report_is_queued_after_commit_not_sent_by_the_view(
    client, db, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(reverse("accessibility"), {"message": "Kontrasten är för låg."})
    assert mailoutbox == []
    assert len(callbacks) == 1


def test_accessibility_report_task_takes_plain_values(db, mailoutbox, settings):
    from samverkan.tasks import send_accessibility_report

    settings.ACCESSIBILITY_CONTACT_EMAIL = "tillganglighet@samverkan.example"
    send_accessibility_report.delay("Fokus syns inte på knapparna.", "")
    [mail] = mailoutbox
    assert mail.to == ["tillganglighet@samverkan.example"]
    assert "Fokus syns inte" in mail.body
    assert "(ingen e-post)" in mail.body
