from samverkan.history import acting_as, history_of
from samverkan.models import Membership
from samverkan.services import add_member, remove_membership


def test_history_records_who_changed_what_with_before_and_after(kommun, samordnare):
    with acting_as(samordnare):
        kommun.name = "Norsjö kommun (ny)"
        kommun.save()
    entries = history_of(kommun)
    assert entries[0].who == samordnare
    change = entries[0].changes[0]
    assert (change.field, change.old, change.new) == ("name", "Norsjö kommun", "Norsjö kommun (ny)")
    assert change.label == "namn"
    assert entries[-1].kind == "Skapad"


def test_membership_changes_are_attributed_to_the_actor(kommun, samordnare, leader):
    membership = add_member(kommun, actor=leader, email="ny@norsjo.test", full_name="Ny Person", role="lasare")
    assert membership.history.first().history_user == leader
    remove_membership(membership, actor=leader)
    deleted = Membership.history.filter(uuid=membership.uuid).order_by("-history_date").first()
    assert deleted.history_type == "-"
    assert deleted.history_user == leader


def test_history_speaks_swedish_and_shows_statuses_by_name(draft, samordnare):
    from agreements import services as agreement_services
    from agreements.models import Agreement

    agreement_services.update_agreement(draft, actor=samordnare, expected_version=draft.version, reporting_month=3)
    with acting_as(samordnare):
        draft.status = Agreement.Status.FOR_UNDERSKRIFT
        draft.save()
    entries = history_of(draft)
    assert entries[0].kind == "Ändrad"
    status = next(change for change in entries[0].changes if change.field == "status")
    assert (status.old, status.new) == ("Utkast", "För underskrift")
    assert entries[-1].kind == "Skapad"


def test_a_json_field_of_items_is_shown_by_their_values():
    """A JSON list of objects (e.g. a document's dialogues) once crashed the history page."""
    from samverkan.history import _display

    assert _display(None, [{"label": "Medborgardialog", "year": 2024}, {"label": "Webbenkät"}]) == (
        "Medborgardialog, 2024, Webbenkät"
    )
