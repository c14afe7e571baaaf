import csv
import io
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from followup import services
from followup.models import ActivityLog
from tests.conftest import client_for, signing_data


def test_log_page_offers_only_my_activities_with_today_and_one_as_defaults(active_lofte, activities, police_contact):
    body = client_for(police_contact).get(reverse("log")).content.decode()
    assert "Hastighet och rattfylleri" in body
    assert "Nattvandring" in body
    assert "Trygghetsvandring" not in body  # the kommun's
    assert f'value="{timezone.localdate().isoformat()}"' in body
    assert 'name="count" value="1"' in body


def test_police_contact_logs_from_a_phone(active_lofte, activities, police_contact, police_area):
    client = client_for(police_contact)
    response = client.post(
        reverse("log"),
        {"activity": activities[0].pk, "done_on": timezone.localdate().isoformat(), "count": "2"},
        HTTP_USER_AGENT="Mozilla/5.0 (iPhone)",
    )
    assert response.status_code == 302
    log = ActivityLog.objects.get()
    assert (log.count, log.organization, log.logged_by) == (2, police_area, police_contact)
    assert response["Location"] == f"{reverse('log')}?loggat={log.uuid}"
    body = client.get(response["Location"]).content.decode()
    assert "Mina senaste loggar" in body
    # The confirmation says what was logged and where the activity now stands (2 of the month's 10
    # so far), with a button right there to undo this log.
    assert "Loggat: Hastighet och rattfylleri, 2 gånger" in body
    assert re.search(r"Nu: 2 av 10 denna månad · 2 av 1[0-9]+ i år · (i fas|efter)\.", body)
    confirmation = body[body.index('class="message message--success logged"') :]
    confirmation = confirmation[: confirmation.index("</div>\n</div>")]
    assert f'action="{reverse("log_undo", args=[log.uuid])}"' in confirmation
    assert "Ångra loggen" in confirmation
    # Once undone, the confirmation is gone with the log.
    client.post(reverse("log_undo", args=[log.uuid]))
    assert "Ångra loggen" not in client.get(response["Location"]).content.decode()


def test_the_confirmation_shows_only_the_persons_own_log(
    active_lofte, activities, police_contact, police_area, samordnare
):
    log = services.log_activity(
        activities[0], actor=police_contact, organization=police_area, done_on=timezone.localdate(), count=1
    )
    own = client_for(police_contact).get(reverse("log"), {"loggat": str(log.uuid)}).content.decode()
    assert "Loggat: Hastighet och rattfylleri, 1 gång " in own
    other = client_for(samordnare).get(reverse("log"), {"loggat": str(log.uuid)}).content.decode()
    assert "Loggat:" not in other
    assert "Loggat:" not in client_for(police_contact).get(reverse("log"), {"loggat": "inte-ett-id"}).content.decode()


def test_activities_to_log_are_listed_whole_as_radio_buttons(active_lofte, activities, police_contact):
    body = client_for(police_contact).get(reverse("log")).content.decode()
    # One kommun: no heading per kommun; the whole name and the target beside each button, the
    # first (most recently logged) chosen.
    assert "choice-group" not in body
    assert (
        f'<input type="radio" name="activity" value="{activities[0].pk}" required id="id_activity_0" checked>' in body
    )
    assert '<span>Hastighet och rattfylleri <span class="muted">(Minst 10 kontroller per månad)</span></span>' in body


def test_activities_in_several_kommuner_are_grouped_by_kommun(db):
    from django.core.management import call_command

    from samverkan.models import User

    call_command("load_demo", stdout=io.StringIO())
    # Piteå Älvdal's police log for Arjeplog and Arvidsjaur, whose promises hold the same activities.
    body = client_for(User.objects.get(email="kommunpolis@pitea.example")).get(reverse("log")).content.decode()
    assert '<fieldset class="choice-group"><legend>Arjeplogs kommun</legend>' in body
    assert '<fieldset class="choice-group"><legend>Arvidsjaurs kommun</legend>' in body
    assert body.count("<span>Tobakstillsyn med polis ") == 2


def test_posting_someone_elses_activity_is_refused_and_input_kept(active_lofte, activities, police_contact):
    response = client_for(police_contact).post(
        reverse("log"),
        {"activity": activities[1].pk, "done_on": timezone.localdate().isoformat(), "count": "1", "note": "Min text"},
    )
    assert response.status_code == 400
    assert "Min text" in response.content.decode()
    assert not ActivityLog.objects.exists()


def test_future_date_is_explained(active_lofte, activities, police_contact):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client_for(police_contact).post(
        reverse("log"), {"activity": activities[0].pk, "done_on": tomorrow, "count": "1"}
    )
    assert "Datumet kan inte vara i framtiden." in response.content.decode()


def test_undo_from_the_log_page(active_lofte, activities, police_contact, police_area):
    log = services.log_activity(
        activities[0], actor=police_contact, organization=police_area, done_on=timezone.localdate()
    )
    response = client_for(police_contact).post(reverse("log_undo", args=[log.uuid]), follow=True)
    assert "Loggen är ångrad" in response.content.decode()
    assert not ActivityLog.objects.exists()


def test_dashboards_show_progress(
    active_lofte, activities, samordnare, county_reader, kommun, ready, police_contact, police_area
):
    services.log_activity(
        activities[0], actor=police_contact, organization=police_area, done_on=timezone.localdate(), count=7
    )
    body = client_for(samordnare).get(reverse("dashboard_kommun", args=[kommun.slug])).content.decode()
    assert "7 av 10 denna månad" in body
    assert "<progress" in body
    body = client_for(samordnare).get(reverse("dashboard_agreement", args=[ready.uuid])).content.decode()
    assert "Hastighet och rattfylleri" in body
    overview = client_for(county_reader).get(reverse("dashboard_overview")).content.decode()
    assert kommun.name in overview


def test_the_overview_offers_logging_only_to_those_who_log_and_compares_only_several_kommuner(
    active_lofte, samordnare, leader, kommun
):
    own = client_for(samordnare).get(reverse("dashboard_overview")).content.decode()
    assert "Logga genomförd aktivitet" in own
    assert f"Läget i {kommun.name}" in own
    assert "Jämförelse mellan kommunerna" not in own
    led = client_for(leader).get(reverse("dashboard_overview")).content.decode()
    assert "Logga genomförd aktivitet" not in led


def test_export_csv_and_xlsx(active_lofte, activities, samordnare, police_contact, police_area, kommun):
    services.log_activity(
        activities[0],
        actor=police_contact,
        organization=police_area,
        done_on=timezone.localdate(),
        count=4,
        note="Kontroll",
    )
    year = timezone.localdate().year
    params = {"start": f"{year}-01-01", "end": f"{year}-12-31", "kommun": kommun.pk}
    client = client_for(samordnare)
    response = client.get(reverse("export"), {**params, "format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Kommun", "Medborgarlöfte", "Aktivitet"]
    assert rows[1][2] == "Hastighet och rattfylleri"
    assert rows[1][5] == "4"
    assert rows[1][8] == "Kontroll"
    response = client.get(reverse("export"), {**params, "format": "xlsx"})
    book = load_workbook(io.BytesIO(response.content))
    assert book["Loggar"]["C2"].value == "Hastighet och rattfylleri"
    progress = list(book["Måluppfyllelse"].iter_rows(values_only=True))
    assert progress[1][:4] == ("Norsjö kommun", "Hastighet och rattfylleri", "Minst 10 kontroller per månad", 4)


def test_export_outside_my_kommuner_is_refused(active_lofte, outsider, kommun):
    response = client_for(outsider).get(
        reverse("export"), {"start": "2026-01-01", "end": "2026-12-31", "kommun": kommun.pk, "format": "csv"}
    )
    assert response.status_code == 400


def test_leader_opens_the_report_and_downloads_its_pdf(ready, kommun, samordnare, leader, active_lofte, seal_dir):
    report = services.create_report(ready, actor=samordnare, organization=kommun, year=timezone.localdate().year)
    client = client_for(leader)
    body = client.get(report.get_absolute_url()).content.decode()
    assert "Genomförda aktiviteter" in body
    response = client.get(reverse("report_pdf", args=[report.uuid]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_approval_needs_the_password(ready, kommun, samordnare, leader, active_lofte):
    report = services.create_report(ready, actor=samordnare, organization=kommun, year=2026)
    services.update_report(
        report, actor=samordnare, expected_version=report.version, summary="S", worked="W", changes_next_year="C"
    )
    services.submit_report(report, actor=samordnare)
    client = client_for(leader)
    assert (
        "Lösenordet stämmer inte."
        in client.post(
            reverse("report_approve", args=[report.uuid]), {**signing_data(), "password": "x"}
        ).content.decode()
    )
    client.post(reverse("report_approve", args=[report.uuid]), signing_data())
    assert report.approvals.count() == 1


def test_public_page_shows_progress_once_published(
    active_lofte, activities, samordnare, police_contact, police_area, client, kommun
):
    from medborgarloften.services import publish_lofte

    publish_lofte(active_lofte, actor=samordnare)
    services.log_activity(
        activities[0], actor=police_contact, organization=police_area, done_on=timezone.localdate(), count=3
    )
    body = client.get(reverse("public_loften", args=[kommun.slug])).content.decode()
    assert "Så går det: 3 av 10 denna månad" in body
    # Notes and who logged stay internal.
    assert police_contact.full_name not in body


def test_kommun_dashboard_shows_effects_with_indicator_trends(active_lofte, samordnare, kommun):
    from decimal import Decimal

    from lagesbild.services import create_indicator, record_measurement
    from medborgarloften.services import link_effect_indicators

    indicator = create_indicator(
        kommun,
        actor=samordnare,
        name="Andel trygga",
        unit="procent",
        source="NTU",
        baseline_year=2023,
        baseline_value=Decimal(70),
    )
    record_measurement(
        indicator,
        actor=samordnare,
        period_start=timezone.localdate().replace(month=1, day=1),
        granularity="ar",
        value=Decimal(74),
    )
    link_effect_indicators(active_lofte.effects.first(), actor=samordnare, indicators=[indicator])
    body = client_for(samordnare).get(reverse("dashboard_kommun", args=[kommun.slug])).content.decode()
    assert "Effekter och indikatorer" in body
    assert "Andel trygga" in body
    assert "<svg" in body


def test_my_most_recently_logged_activity_comes_first(active_lofte, activities, police_contact, police_area):
    services.log_activity(activities[2], actor=police_contact, organization=police_area, done_on=timezone.localdate())
    body = client_for(police_contact).get(reverse("log")).content.decode()
    assert body.index("Nattvandring") < body.index("Hastighet och rattfylleri")


def test_the_county_overview_is_counted_at_most_once_a_minute(
    active_lofte, activities, county_reader, samordnare, kommun, police_contact, police_area
):
    """The overview sums a year of logs for every kommun of a county, so it is cached for a
    minute, says when it was counted, and is cached per set of kommuner: a kommun that sees only
    itself never gets the county's figures."""
    from django.core.cache import cache

    def kommun_row(user):
        body = client_for(user).get(reverse("dashboard_overview")).content.decode()
        assert "räknas om varje minut" in body
        return body.split("<tbody>", 1)[1].split(kommun.name, 1)[1].split("</tr>", 1)[0]

    first = kommun_row(county_reader)
    services.log_activity(activities[1], actor=samordnare, organization=kommun, done_on=timezone.localdate(), count=2)
    assert kommun_row(county_reader) == first  # within the minute: the counted figures
    fresh = kommun_row(samordnare)  # another set of kommuner: counted now
    assert fresh != first
    cache.clear()  # the minute has passed
    assert kommun_row(county_reader) == fresh


@pytest.mark.parametrize("posted", ["kommunens", "inte-ett-id", "99999999999999999999999", ""])
def test_a_log_of_an_activity_not_mine_is_refused_and_the_page_offers_all_of_mine_again(
    active_lofte, activities, police_contact, posted
):
    # The posted log is checked against the one activity it names; refused, the person chooses
    # again among all of theirs, with what they typed kept.
    value = str(activities[1].pk) if posted == "kommunens" else posted  # Trygghetsvandring: the kommun's
    response = client_for(police_contact).post(
        reverse("log"), {"activity": value, "done_on": timezone.localdate().isoformat(), "count": "3", "note": "Kvar"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Hastighet och rattfylleri" in body
    assert "Nattvandring" in body
    assert "Trygghetsvandring" not in body
    assert "Kvar</textarea>" in body
    assert 'name="count" value="3"' in body
    assert not ActivityLog.objects.exists()
