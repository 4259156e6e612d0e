"""What the projector is sent, read from the store: the part of the meeting, the speaker, the clock, the giving."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from meetings import seed_store

from netevent.domain.models import Referral
from netevent.services import room_state as room_state_module
from netevent.services.live import ENDED_KEY, RoomFeed
from netevent.services.pitching import PitchService
from netevent.services.room_state import room_state
from netevent.store.repository import Store


@pytest.fixture
def store(tmp_path: Path):
    store = seed_store(tmp_path / "meeting.json")
    yield store
    store.close()


def test_before_the_round_it_shows_who_is_first_and_the_queue(store: Store) -> None:
    state = room_state(store, None)
    assert state["mode"] == "between"
    assert state["speaker"]["name"] == "Sarah Patel"
    assert state["speaker"]["business"] == "Patel & Co Conveyancing"
    assert [p["name"] for p in state["up_next"]] == ["Tom Whitaker", "Priya Shah", "Eve Mallory"]
    assert state["ask"]["verdict"] == "specific"
    assert {h["name"] for h in state["helpers"]} >= {"Priya Shah"}
    assert state["clock"] == {"state": "ready", "planned": 60, "amber": 15, "remaining": 60.0, "phase": "ready",
                              "running": False, "started_at": None}  # fmt: skip


def test_a_running_pitch_is_sent_as_remaining_seconds_now(store: Store, fake_clock) -> None:
    service = PitchService(store, now=fake_clock)
    service.toggle()
    fake_clock.advance(50)
    state = room_state(store, fake_clock())
    assert state["mode"] == "pitch"
    assert state["clock"]["running"] and state["clock"]["remaining"] == pytest.approx(10)
    assert state["clock"]["phase"] == "amber"
    assert state["clock"]["started_at"] is not None
    fake_clock.advance(15)
    assert room_state(store, fake_clock())["clock"]["phase"] == "overtime"
    service.toggle()
    paused = room_state(store, fake_clock())["clock"]
    assert (paused["state"], paused["phase"], paused["running"]) == ("paused", "paused", False)


def test_without_the_app_the_clock_is_the_stored_figure_and_does_not_run(store: Store, fake_clock) -> None:
    service = PitchService(store, now=fake_clock)
    service.toggle()
    fake_clock.advance(20)
    service.toggle()  # pause stores the elapsed time
    clock = room_state(store, None)["clock"]
    assert clock["remaining"] == pytest.approx(40) and clock["running"] is False


def test_next_speaker_and_the_giving_board(store: Store, fake_clock) -> None:
    service = PitchService(store, now=fake_clock)
    service.toggle()
    service.finish()
    state = room_state(store, fake_clock())
    assert state["mode"] == "between" and state["speaker"]["name"] == "Tom Whitaker"
    assert state["progress"]["spoken"] == 1
    store.set_state("screen", "referrals")
    board = room_state(store, fake_clock())
    assert board["mode"] == "giving"
    giving = board["giving"]
    assert giving["records"] == 5 and giving["givers"] == 4 and giving["attendees"] == 4
    assert giving["bars"][0] == {"name": "Sarah Patel", "given": 2}
    assert sum(giving["by_kind"].values()) == 5


def test_end_meeting_shows_the_final_tally(store: Store) -> None:
    store.set_state(ENDED_KEY, True)
    assert room_state(store, None)["mode"] == "tally"


def test_nothing_private_reaches_the_wall(store: Store) -> None:
    store.add_referral(Referral("Tom Whitaker", "Sarah Patel", contact="Jane Doe 07700 900123", note="secret note"))
    text = json.dumps(room_state(store, None))
    for private in ("@", "+44", "07700", "Jane Doe", "secret note", "shah.example"):
        assert private not in text, private


def test_a_vague_ask_gets_no_names_and_the_coaching_fields_pass_through(store: Store, monkeypatch) -> None:
    store.update_attendee("Sarah Patel", ask="I want more clients.")
    assert room_state(store, None)["helpers"] == []

    @dataclass
    class Coached:
        verdict: str = "needs-work"
        score: int = 40
        rewrite: str = "Who do you know who has just had an offer accepted on a first home in [town]?"
        listen_for: tuple[str, ...] = ("we've just had an offer accepted", "we're buying our first home")

    monkeypatch.setattr(room_state_module, "review_ask", lambda text: Coached())
    ask = room_state(store, None)["ask"]
    assert ask["rewrite"].startswith("Who do you know")
    assert ask["listen_for"] == list(Coached.listen_for)


async def test_the_feed_wakes_every_subscriber_with_a_new_version() -> None:
    feed = RoomFeed()
    first, second = feed.subscribe(), feed.subscribe()
    assert feed.publish() == 1
    assert first.is_set() and second.is_set()
    feed.unsubscribe(first)
    first.clear()
    feed.publish()
    assert not first.is_set() and feed.subscribers == 1
