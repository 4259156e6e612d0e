"""The pitch round queue: order modes, who speaks, late/absent/visitor/substitute/feature, back, summary."""

from __future__ import annotations

import pytest

from netevent.domain.models import Attendee, Event, Feature
from netevent.domain.pitch_round import PitchRound


def make_event(order: str = "roster", feature: Feature | None = None, **kw) -> Event:
    people = [
        Attendee("Sarah Patel", business="Patel & Co"),
        Attendee("ben okafor", business="Okafor Print"),
        Attendee("Ann Lee", role="visitor", attendance="visitor"),
        Attendee("Dev Rao", attendance="absent"),
        Attendee("Cara Moss", attendance="substitute", substitute_name="Tom Reed"),
        Attendee("Eve Stone", pitch_seconds=45),
    ]
    return Event(
        "Club", pitch_seconds=60, visitor_pitch_seconds=30, order=order, feature=feature, attendees=people, **kw
    )


def names(slots) -> list[str]:
    return [s.name for s in slots]


def test_roster_order_leaves_absent_out_and_gives_each_their_length() -> None:
    r = PitchRound.build(make_event())
    assert names(r.pending) == ["Sarah Patel", "ben okafor", "Ann Lee", "Cara Moss", "Eve Stone"]
    lengths = {s.name: s.planned_seconds for s in r.pending}
    assert lengths == {"Sarah Patel": 60, "ben okafor": 60, "Ann Lee": 30, "Cara Moss": 60, "Eve Stone": 45}


def test_substitute_speaks_for_their_member() -> None:
    r = PitchRound.build(make_event())
    cara = next(s for s in r.pending if s.name == "Cara Moss")
    assert cara.speaker == "Tom Reed (for Cara Moss)"


def test_alphabetical_order_ignores_case() -> None:
    r = PitchRound.build(make_event("alphabetical"))
    assert names(r.pending) == ["Ann Lee", "ben okafor", "Cara Moss", "Eve Stone", "Sarah Patel"]


def test_random_order_is_drawn_once_and_stable() -> None:
    event = make_event("random")
    first = PitchRound.build(event)
    assert first.seed is not None
    drawn = names(first.pending)
    assert sorted(drawn) == sorted(names(PitchRound.build(make_event()).pending))
    assert names(PitchRound.build(event, seed=first.seed).pending) == drawn
    resumed = PitchRound.from_dict(first.to_dict())
    assert names(resumed.pending) == drawn
    # Different seeds give different orders for at least one of a few seeds (5! = 120 orders).
    assert any(names(PitchRound.build(event, seed=s).pending) != drawn for s in range(5))


def test_feature_goes_last_and_can_be_moved() -> None:
    r = PitchRound.build(make_event(feature=Feature("Sarah's feature: conveyancing myths", 600)))
    last = r.pending[-1]
    assert last.feature and last.planned_seconds == 600
    assert r.move(last.key, 1)
    assert r.pending[1].feature
    assert names(r.pending)[0] == "Sarah Patel"


def test_finish_skip_and_done_with_real_lengths() -> None:
    r = PitchRound.build(make_event())
    assert r.current.name == "Sarah Patel"
    r.finish(63.2, 3.2, pitch_id=1)
    r.skip(pitch_id=2)
    assert r.current.name == "Ann Lee"
    assert names(r.upcoming) == ["Cara Moss", "Eve Stone"]
    assert [(t.slot.name, t.status, t.actual_seconds) for t in r.done] == [
        ("Sarah Patel", "done", 63.2),
        ("ben okafor", "skipped", 0.0),
    ]


def test_back_redoes_the_previous_speaker() -> None:
    r = PitchRound.build(make_event())
    r.finish(50, 0, pitch_id=1)
    r.finish(20, 0, pitch_id=2)
    turn = r.back()
    assert turn.pitch_id == 2 and turn.status == "redone"
    assert r.current.name == "ben okafor"
    assert names(r.upcoming)[0] == "Ann Lee"
    # Back again walks further back, past the redone turn.
    assert r.back().slot.name == "Sarah Patel"
    assert names(r.pending)[:3] == ["Sarah Patel", "ben okafor", "Ann Lee"]
    assert r.back() is None


def test_back_brings_a_skipped_speaker_back() -> None:
    r = PitchRound.build(make_event())
    r.skip(pitch_id=7)
    assert r.back().status == "redone"
    assert r.current.name == "Sarah Patel"


def test_late_arrival_speaks_after_the_current_speaker() -> None:
    event = make_event()
    r = PitchRound.build(event)
    r.finish(60, 0)
    dev = Attendee("Dev Rao", attendance="late")
    assert r.arrive(event, dev)
    assert names(r.pending)[:2] == ["ben okafor", "Dev Rao"]
    assert not r.arrive(event, dev)  # already queued


def test_arrival_before_the_round_takes_their_roster_place() -> None:
    event = make_event(feature=Feature("Feature", 300))
    r = PitchRound.build(event)
    assert r.arrive(event, Attendee("Dev Rao", attendance="present"))
    assert names(r.pending) == ["Sarah Patel", "ben okafor", "Ann Lee", "Dev Rao", "Cara Moss", "Eve Stone", "Feature"]
    assert r.arrive(event, Attendee("Walk In", role="visitor"))  # not on the roster: last, before the feature
    assert names(r.pending)[-2:] == ["Walk In", "Feature"]
    assert r.pending[-2].planned_seconds == 30


def test_marked_absent_mid_round_leaves_the_queue_but_not_the_log() -> None:
    event = make_event()
    r = PitchRound.build(event)
    r.finish(60, 0)
    people = [Attendee(p.name, attendance=p.attendance) for p in event.attendees]
    people[0].attendance = "absent"  # Sarah already spoke
    people[4].attendance = "absent"  # Cara has not
    changes = r.refresh(event, people)
    assert "Cara Moss" not in names(r.pending)
    assert r.done[0].slot.name == "Sarah Patel"
    assert any("absent" in c for c in changes)


def test_refresh_keeps_a_running_current_speaker_and_updates_substitute_names() -> None:
    event = make_event()
    r = PitchRound.build(event)
    people = [Attendee(p.name, attendance=p.attendance) for p in event.attendees]
    people[0].attendance = "absent"
    people[1].attendance = "substitute"
    people[1].substitute_name = "Joe Bloggs"
    r.refresh(event, people, keep_current=True)
    assert r.current.name == "Sarah Patel"
    assert r.upcoming[0].speaker == "Joe Bloggs (for ben okafor)"


def test_a_skipped_speaker_is_not_requeued_by_refresh() -> None:
    event = make_event()
    r = PitchRound.build(event)
    r.skip()
    r.refresh(event, event.attendees)
    assert "Sarah Patel" not in names(r.pending)


def test_summary_figures() -> None:
    r = PitchRound.build(make_event(feature=Feature("Feature", 300)))
    r.finish(63.0, 3.0)  # Sarah, 60 planned
    r.skip()  # ben
    r.finish(41.0, 11.0)  # Ann, visitor 30
    r.finish(50.0, 0.0)  # Cara
    r.finish(46.0, 1.0)  # Eve, 45
    r.finish(310.0, 10.0)  # feature
    s = r.summary()
    assert s.pitches == 4
    assert s.total_seconds == pytest.approx(63 + 41 + 50 + 46)  # "4 pitches · total" adds up the 4 (issue 15)
    assert s.average_seconds == pytest.approx((63 + 41 + 50 + 46) / 4)
    assert s.overran == [("Ann Lee", 11.0), ("Feature", 10.0), ("Sarah Patel", 3.0), ("Eve Stone", 1.0)]
    assert s.skipped == ["ben okafor"]
    assert s.feature_seconds == pytest.approx(310)
    assert r.finished
    assert s.to_dict()["average_seconds"] == 50.0


def test_state_round_trips_mid_round() -> None:
    event = make_event(feature=Feature("Feature", 300))
    r = PitchRound.build(event)
    r.finish(61.5, 1.5, pitch_id=3)
    r.skip(pitch_id=4)
    r.adjust_current(40)
    copy = PitchRound.from_dict(r.to_dict())
    assert copy.current.name == "Ann Lee" and copy.current.planned_seconds == 40
    assert [(t.slot.name, t.status, t.pitch_id) for t in copy.done] == [
        ("Sarah Patel", "done", 3),
        ("ben okafor", "skipped", 4),
    ]
    assert copy.summary() == r.summary()


def test_finishing_an_empty_round_is_an_error() -> None:
    r = PitchRound.build(Event("Empty"))
    assert r.current is None and r.finished
    with pytest.raises(IndexError):
        r.finish(1, 0)


def test_several_late_arrivals_keep_the_order_they_came_in() -> None:
    event = make_event()
    r = PitchRound.build(event)
    r.finish(60, 0)
    r.arrive(event, Attendee("Dev Rao", attendance="late"))
    r.arrive(event, Attendee("Walk In", role="visitor"))
    assert names(r.pending)[:4] == ["ben okafor", "Dev Rao", "Walk In", "Ann Lee"]


def test_bring_back_puts_the_latest_skipped_speaker_next() -> None:
    r = PitchRound.build(make_event())
    r.skip()  # Sarah
    r.skip()  # ben
    r.finish(40.0, 0.0)  # Ann
    brought = r.bring_back()
    assert brought is not None and brought.slot.name == "ben okafor"
    assert names(r.pending)[:2] == ["Cara Moss", "ben okafor"]  # after the current speaker
    assert [t.slot.name for t in r.skipped_waiting()] == ["Sarah Patel"]
    assert r.bring_back() is not None and r.bring_back() is None  # Sarah, then nobody


def test_bring_back_after_the_last_speaker_reopens_the_round() -> None:
    r = PitchRound.build(make_event())
    r.skip()
    while r.current is not None:
        r.finish(30.0, 0.0)
    assert r.finished
    r.bring_back()
    assert names(r.pending) == ["Sarah Patel"] and not r.finished


def test_someone_skipped_before_they_arrived_is_offered_again_once_checked_in() -> None:
    event = make_event()
    event.attendees[0].attendance = "expected"
    r = PitchRound.build(event)
    r.skip(waiting=True)  # Sarah is not here yet
    r.refresh(event, event.attendees)
    assert "Sarah Patel" not in names(r.pending), "still expected: not offered"
    event.attendees[0].attendance = "late"
    changes = r.refresh(event, event.attendees)
    assert names(r.pending)[1] == "Sarah Patel" and changes == ["Sarah Patel is here: their turn is next"]
    assert PitchRound.from_dict(r.to_dict()).to_dict() == r.to_dict()
