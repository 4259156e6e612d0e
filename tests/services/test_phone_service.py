"""The phone's use cases without HTTP: the ask mark and its undo, the room offered, earlier meetings' records."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from meetings import seed_store

from netevent.domain.models import Attendee, Event, Referral
from netevent.errors import UserError
from netevent.services import phone_actions, phone_marks
from netevent.services.chapter import load_chapter
from netevent.services.meeting import InputError
from netevent.store.repository import Store


@pytest.fixture
def store(tmp_path: Path):
    store = seed_store(tmp_path / "meeting.json")
    yield store
    store.close()


def test_the_mark_keeps_the_ask_before_the_first_phone_change_and_undo_puts_it_back(store: Store) -> None:
    tom = store.attendee("Tom Whitaker")
    phone_actions.change_ask(store, tom, "Landlords in Leeds selling a rented house")
    phone_actions.change_ask(store, store.attendee("Tom Whitaker"), "Landlords in Leeds selling this spring")
    assert phone_marks.phone_asks(store, store.attendees()) == {"Tom Whitaker": "I want more clients."}
    restored = phone_marks.undo_phone_ask(store, "tom whitaker")
    assert restored.ask == "I want more clients."
    assert phone_marks.phone_asks(store, store.attendees()) == {}
    with pytest.raises(UserError, match="not the one their phone set"):
        phone_marks.undo_phone_ask(store, "Tom Whitaker")


def test_a_facilitators_edit_after_the_phones_drops_the_mark_and_is_not_undone(store: Store) -> None:
    phone_actions.change_ask(store, store.attendee("Tom Whitaker"), "Landlords in Leeds selling a rented house")
    store.update_attendee("Tom Whitaker", ask="Landlords in Leeds selling this spring")  # the facilitator's edit
    assert phone_marks.phone_asks(store, store.attendees()) == {}
    with pytest.raises(UserError):
        phone_marks.undo_phone_ask(store, "Tom Whitaker")
    phone_actions.change_ask(store, store.attendee("Tom Whitaker"), "Landlords in Leeds selling in March")
    assert phone_marks.undo_phone_ask(store, "Tom Whitaker").ask == "Landlords in Leeds selling this spring"


def test_the_room_offered_is_everyone_else_not_marked_absent(store: Store) -> None:
    store.update_attendee("Priya Shah", attendance="absent")
    choices = phone_actions.room_choices(store.attendees(), store.attendee("Tom Whitaker"))
    assert [c.name for c in choices] == ["Eve Mallory", "Sarah Patel"]
    assert choices[1].business == "Patel & Co Conveyancing"


def test_a_record_from_an_earlier_meeting_is_followed_up_in_this_meetings_store(tmp_path: Path, store: Store) -> None:
    people = [Attendee("Sarah Patel"), Attendee("Tom Whitaker")]
    with Store(tmp_path / "last-week.json") as earlier:
        earlier.load_event(Event("Riverside Breakfast Club", date=dt.date(2026, 11, 19), attendees=people))
        earlier.add_referral(Referral("Tom Whitaker", "Sarah Patel", note="Last week's"))
    sarah = store.attendee("Sarah Patel")
    received = phone_actions.received_items(load_chapter(store), sarah)
    assert "2026-11-19-1" in [item.id for item in received]
    assert received[-1].id == "2026-11-19-1"  # newest first: last week's comes last
    phone_actions.follow_up(store, sarah, "2026-11-19-1", "contacted", "", "Rang her")
    [change] = store.followups()
    assert (change.record, change.status, change.by) == ("2026-11-19-1", "contacted", "phone")
    with pytest.raises(phone_actions.NotTheirs):
        phone_actions.follow_up(store, store.attendee("Tom Whitaker"), "2026-11-19-1", "met", "", "")


def test_csrf_values_are_per_token_and_survive_a_reopen(tmp_path: Path) -> None:
    store = seed_store(tmp_path / "m.json")
    phone_actions.ensure_secret(store)
    token = store.token_for("Tom Whitaker")
    value = phone_actions.csrf_for(store, token)
    assert value and value != phone_actions.csrf_for(store, store.token_for("Sarah Patel"))
    store.close()
    with Store(tmp_path / "m.json") as again:
        phone_actions.ensure_secret(again)
        assert phone_actions.csrf_for(again, token) == value
        assert phone_actions.csrf_ok(again, token, value) and not phone_actions.csrf_ok(again, token, value[:-1])


def test_a_goal_names_the_field_at_fault(store: Store) -> None:
    sarah = store.attendee("Sarah Patel")
    with pytest.raises(InputError) as caught:
        phone_actions.set_goal(store, sarah, "2", "lots", "")
    assert caught.value.field == "introductions"
    assert phone_actions.set_goal(store, sarah, "2", "", "1").one_to_ones == 1
