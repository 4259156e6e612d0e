"""The pitch service: every key's effect is in the store, and a killed app resumes at the right speaker."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from netevent.domain.models import Attendee, Event, Feature
from netevent.services.pitching import STATE_KEY, PitchService
from netevent.store.atomic import StoreError
from netevent.store.repository import Store


class FakeTime:
    def __init__(self, start: float = 100.0) -> None:
        self.t = start

    def __call__(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


def wall() -> dt.datetime:
    return dt.datetime(2026, 11, 26, 7, 30, tzinfo=dt.UTC)


def make_event() -> Event:
    return Event(
        "Riverside",
        pitch_seconds=60,
        visitor_pitch_seconds=30,
        amber_seconds=15,
        feature=Feature("Sarah Patel", 300),
        attendees=[
            Attendee("Sarah Patel", business="Patel & Co", profession="Conveyancer", ask="First-time buyers"),
            Attendee("Ben Okafor"),
            Attendee("Ann Lee", role="visitor"),
            Attendee("Dev Rao", attendance="absent"),
        ],
    )


@pytest.fixture
def path(tmp_path: Path) -> Path:
    p = tmp_path / "event.json"
    with Store(p) as store:
        store.load_event(make_event())
    return p


@pytest.fixture
def ft() -> FakeTime:
    return FakeTime()


def open_service(path: Path, ft: FakeTime) -> tuple[Store, PitchService]:
    store = Store(path)
    return store, PitchService(store, now=ft, wall=wall)


def stored(path: Path) -> tuple[list, dict]:
    """What a fresh reader sees in the file."""
    with Store(path, writer=False) as reader:
        return reader.pitches(), reader.get_state(STATE_KEY)


def test_fresh_round_is_stored_before_anyone_speaks(path: Path, ft: FakeTime) -> None:
    store, svc = open_service(path, ft)
    assert svc.current.name == "Sarah Patel"
    assert [s.name for s in svc.upcoming] == ["Ben Okafor", "Ann Lee", "Sarah Patel"]
    assert svc.upcoming[-1].feature
    assert svc.attendee().profession == "Conveyancer"
    pitches, state = stored(path)
    assert pitches == [] and state["round"]["pending"][0]["name"] == "Sarah Patel"
    store.close()


def test_start_pause_resume_finish_are_logged(path: Path, ft: FakeTime) -> None:
    store, svc = open_service(path, ft)
    assert svc.toggle() == "running"
    pitches, state = stored(path)
    assert pitches[0].status == "running" and pitches[0].speaker == "Sarah Patel"
    assert state["current"]["pitch_id"] == pitches[0].id
    ft.advance(20)
    assert svc.toggle() == "paused"
    assert stored(path)[0][0].actual_seconds == pytest.approx(20)
    ft.advance(90)
    svc.toggle()
    assert stored(path)[0][0].pauses == [[pytest.approx(20), pytest.approx(110)]]
    ft.advance(52.5)
    turn = svc.finish()
    assert turn.actual_seconds == pytest.approx(72.5)
    pitch = stored(path)[0][0]
    assert (pitch.status, pitch.actual_seconds, pitch.overtime_seconds) == ("done", 72.5, 12.5)
    assert pitch.started_at.startswith("2026-11-26") and pitch.ended_at
    assert svc.current.name == "Ben Okafor" and svc.clock.phase == "ready"
    assert stored(path)[1]["current"] is None
    store.close()


def test_amber_red_and_overtime_through_the_service(path: Path, ft: FakeTime) -> None:
    store, svc = open_service(path, ft)
    svc.toggle()
    ft.advance(45)
    assert svc.clock.phase == "amber"
    ft.advance(15)
    assert svc.clock.phase == "red" and svc.take_bell() and not svc.take_bell()
    ft.advance(12)
    assert svc.clock.phase == "overtime" and svc.clock.display() == "+0:12"
    store.close()


def test_skip_logs_a_skipped_pitch(path: Path, ft: FakeTime) -> None:
    store, svc = open_service(path, ft)
    svc.skip()
    ft.advance(5)
    svc.start()
    ft.advance(8)
    svc.skip()  # started, then passed: logged with its time so far
    pitches = stored(path)[0]
    assert [(p.speaker, p.status) for p in pitches] == [("Sarah Patel", "skipped"), ("Ben Okafor", "skipped")]
    assert pitches[1].actual_seconds == pytest.approx(8)
    assert svc.current.name == "Ann Lee"
    store.close()


def test_next_on_a_speaker_not_started_is_a_skip(path: Path, ft: FakeTime) -> None:
    store, svc = open_service(path, ft)
    assert svc.finish().status == "skipped"
    assert stored(path)[0][0].status == "skipped"
    store.close()


def test_back_marks_the_previous_pitch_redone_and_makes_them_current(path: Path, ft: FakeTime) -> None:
    store, svc = open_service(path, ft)
    svc.start()
    ft.advance(30)
    svc.finish()
    svc.start()  # Ben starts, then the facilitator goes back to Sarah
    ft.advance(4)
    svc.back()
    assert svc.current.name == "Sarah Patel" and svc.clock.phase == "ready"
    assert [s.name for s in svc.upcoming][:1] == ["Ben Okafor"]
    pitches = stored(path)[0]
    assert [(p.speaker, p.status) for p in pitches] == [("Sarah Patel", "redone"), ("Ben Okafor", "redone")]
    svc.start()
    ft.advance(61)
    svc.finish()
    assert stored(path)[0][-1].status == "done" and svc.summary().total_seconds == pytest.approx(61)
    store.close()


def test_back_at_the_start_does_nothing(path: Path, ft: FakeTime) -> None:
    store, svc = open_service(path, ft)
    assert svc.back() is None
    assert svc.current.name == "Sarah Patel"
    store.close()


def test_adjust_is_stored_on_the_running_pitch_and_the_queue(path: Path, ft: FakeTime) -> None:
    store, svc = open_service(path, ft)
    assert svc.adjust(+10) == 70  # before the start: the plan for this speaker
    svc.start()
    assert stored(path)[0][0].planned_seconds == 70
    assert svc.adjust(-10) == 60
    assert stored(path)[0][0].planned_seconds == 60
    for _ in range(8):
        svc.adjust(-10)
    assert svc.clock.planned_seconds == 10
    assert stored(path)[1]["round"]["pending"][0]["planned_seconds"] == 10
    store.close()


def test_visitor_gets_the_visitor_length(path: Path, ft: FakeTime) -> None:
    store, svc = open_service(path, ft)
    svc.skip()
    svc.skip()
    assert svc.current.name == "Ann Lee" and svc.clock.planned_seconds == 30
    store.close()


def test_check_in_changes_reach_the_queue(path: Path, ft: FakeTime) -> None:
    store, svc = open_service(path, ft)
    svc.start()
    store.update_attendee("Ben Okafor", attendance="absent")
    store.update_attendee("Dev Rao", attendance="late")
    store.add_attendee(Attendee("Walk In", role="visitor", attendance="visitor"))
    svc.refresh()
    assert [s.name for s in svc.upcoming] == ["Dev Rao", "Walk In", "Ann Lee", "Sarah Patel"]
    assert [s["name"] for s in stored(path)[1]["round"]["pending"]][1:3] == ["Dev Rao", "Walk In"]
    store.close()


def test_feature_can_be_moved_and_has_its_own_length(path: Path, ft: FakeTime) -> None:
    store, svc = open_service(path, ft)
    assert svc.move_feature(0)
    assert svc.current.feature and svc.clock.planned_seconds == 300
    assert svc.attendee() is None
    svc.start()
    ft.advance(310)
    svc.finish()
    assert stored(path)[0][0].feature and svc.summary().feature_seconds == pytest.approx(310)
    store.close()


def test_resume_after_a_kill_mid_pitch_offers_the_speaker_again(path: Path, ft: FakeTime) -> None:
    store, svc = open_service(path, ft)
    svc.start()
    ft.advance(61)
    svc.finish()  # Sarah done
    svc.start()  # Ben is speaking when the app dies
    ft.advance(10)
    svc.pause()
    svc.resume()
    ft.advance(5)
    store.close()  # no finish: the process is gone

    store2, svc2 = open_service(path, ft)
    assert svc2.current.name == "Ben Okafor" and svc2.clock.phase == "ready"
    assert any("interrupted" in n for n in svc2.notices)
    pitches = stored(path)[0]
    assert [(p.speaker, p.status) for p in pitches] == [("Sarah Patel", "done"), ("Ben Okafor", "interrupted")]
    assert pitches[1].actual_seconds == pytest.approx(10)  # the time known at its last change
    assert stored(path)[1]["current"] is None
    svc2.start()
    ft.advance(30)
    svc2.finish()
    assert svc2.current.name == "Ann Lee"
    assert [t.slot.name for t in svc2.done] == ["Sarah Patel", "Ben Okafor"]
    store2.close()


def test_resume_between_pitches_lands_on_the_next_speaker(path: Path, ft: FakeTime) -> None:
    store, svc = open_service(path, ft)
    svc.start()
    ft.advance(40)
    svc.finish()
    store.close()
    store2, svc2 = open_service(path, ft)
    assert svc2.current.name == "Ben Okafor" and not svc2.notices
    assert svc2.done[0].actual_seconds == pytest.approx(40)
    store2.close()


def test_kill_between_the_two_writes_of_a_finish_is_completed_on_resume(path: Path, ft: FakeTime) -> None:
    store, svc = open_service(path, ft)
    svc.start()
    ft.advance(33)

    def die(*_a: object) -> None:
        raise KeyboardInterrupt  # the process is killed after the pitch record was written

    store.set_state = die  # type: ignore[method-assign]
    with pytest.raises(KeyboardInterrupt):
        svc.finish()
    store.close()
    store2, svc2 = open_service(path, ft)
    assert svc2.current.name == "Ben Okafor"
    assert svc2.done[0].status == "done" and svc2.done[0].actual_seconds == pytest.approx(33)
    store2.close()


def test_failed_write_leaves_the_screen_state_unchanged(path: Path, ft: FakeTime) -> None:
    store, svc = open_service(path, ft)

    def full_disk(*_a: object) -> None:
        raise StoreError("disk full")

    store.add_pitch = full_disk  # type: ignore[method-assign]
    with pytest.raises(StoreError):
        svc.start()
    assert svc.clock.phase == "ready" and svc.pitch is None
    store.close()


def test_round_over_is_a_clear_error(path: Path, ft: FakeTime) -> None:
    store, svc = open_service(path, ft)
    for _ in range(4):
        svc.skip()
    assert svc.finished
    with pytest.raises(StoreError, match="over"):
        svc.start()
    store.close()


def test_logged_length_matches_the_monotonic_clock(path: Path) -> None:
    """With the real clock the logged length lies between the shortest and longest time the calls allow."""
    store = Store(path)
    svc = PitchService(store)
    t0 = time.monotonic()
    svc.start()
    t1 = time.monotonic()
    time.sleep(0.05)
    t2 = time.monotonic()
    turn = svc.finish()
    t3 = time.monotonic()
    assert t2 - t1 - 0.001 <= turn.actual_seconds <= t3 - t0 + 0.001
    store.close()
