"""Running the pitch round: the queue and the current clock, with every change in the store before it is shown.

The round's state lives under the store's state key "pitch_round": the queue (`PitchRound.to_dict()`) and, while a
pitch is under way, the id of its "running" pitch record and the clock's state. Each change writes the pitch record
first and the round state second; on start-up the service reconciles the two, so a kill between them is harmless:

- a record still "running" → the app died mid-pitch: it is marked "interrupted" and that speaker is current again,
  not started (the interrupted record keeps the speaking time known at its last change);
- a record already "done"/"skipped" but the queue not moved on → the move is completed;
- the previous turn's record "redone" but the queue not moved back → the move back is completed.
"""

from __future__ import annotations

import copy
import datetime as dt
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from netevent.domain.clock import PitchClock
from netevent.domain.models import Attendee, Event, Pitch
from netevent.domain.pitch_round import DONE, REDONE, SKIPPED, PitchRound, RoundSummary, Slot, Turn
from netevent.store.atomic import StoreError
from netevent.store.repository import Store

STATE_KEY = "pitch_round"
RUNNING, INTERRUPTED = "running", "interrupted"
ADJUST_STEP = 10


class PitchService:
    """The pitch round use cases for the screen: start/pause, next, skip, back, +/-10 s, check-in changes."""

    def __init__(
        self,
        store: Store,
        event: Event | None = None,
        *,
        now: Callable[[], float] = time.monotonic,
        wall: Callable[[], dt.datetime] = dt.datetime.now,
        seed: int | None = None,
    ) -> None:
        self.store = store
        self.event = event if event is not None else store.event()
        self.now = now
        self.wall = wall
        self.pitch: Pitch | None = None  # the stored record of the pitch under way
        self.notices: list[str] = []  # what resuming did, for the screen to show once
        state = store.get_state(STATE_KEY)
        if state:
            self.round = PitchRound.from_dict(state["round"])
            self._recover(state.get("current") or {})
            self.round.refresh(self.event, store.attendees())  # check-in changes made while it was down
        else:
            self.round = PitchRound.build(self.event, seed)
        self.clock = self._new_clock()
        self._save()

    # -- reading -----------------------------------------------------------------------------------

    @property
    def current(self) -> Slot | None:
        return self.round.current

    @property
    def upcoming(self) -> list[Slot]:
        return self.round.upcoming

    @property
    def done(self) -> list[Turn]:
        return self.round.done

    @property
    def finished(self) -> bool:
        return self.round.finished

    def summary(self) -> RoundSummary:
        return self.round.summary()

    def attendee(self, slot: Slot | None = None) -> Attendee | None:
        """The roster entry behind a slot (business, profession, ask); None for the feature or an unknown name."""
        slot = slot or self.current
        if slot is None or slot.feature:
            return None
        try:
            return self.store.attendee(slot.name)
        except StoreError:
            return None

    def take_bell(self) -> bool:
        return self.clock.take_bell()

    # -- the keys ----------------------------------------------------------------------------------

    def toggle(self) -> str:
        """space: start, pause or resume the current speaker; returns the clock's new state."""
        if not self.clock.started:
            self.start()
        elif self.clock.running:
            self.pause()
        else:
            self.resume()
        return self.clock.state

    def start(self) -> Pitch:
        slot = self._require_current()
        with self._undo_on_failure():
            self.clock.start()
            record = Pitch(
                speaker=slot.name,
                planned_seconds=self.clock.planned_seconds,
                started_at=self._wall(),
                status=RUNNING,
                slot=len(self.round.turns) + 1,
                feature=slot.feature,
            )
            self.pitch = self.store.add_pitch(record)
            self._save()
        return self.pitch

    def pause(self) -> None:
        with self._undo_on_failure():
            self.clock.pause()
            self._write_progress()
            self._save()

    def resume(self) -> None:
        with self._undo_on_failure():
            self.clock.resume()
            self._write_progress()
            self._save()

    def finish(self) -> Turn:
        """n: end this pitch and move on; on a speaker not started yet it is a skip."""
        self._require_current()
        if not self.clock.started:
            return self.skip()
        with self._undo_on_failure():
            record = self._close_record(DONE)
            turn = self.round.finish(record.actual_seconds, record.overtime_seconds, record.id)
            self._next_clock()
        return turn

    def skip(self) -> Turn:
        """s: the current speaker passes; a started pitch is logged as skipped with its time so far."""
        slot = self._require_current()
        with self._undo_on_failure():
            if self.clock.started:
                record = self._close_record(SKIPPED)
            else:
                now = self._wall()
                record = self.store.add_pitch(
                    Pitch(
                        speaker=slot.name,
                        planned_seconds=self.clock.planned_seconds,
                        started_at=now,
                        ended_at=now,
                        status=SKIPPED,
                        slot=len(self.round.turns) + 1,
                        feature=slot.feature,
                    )
                )
            person = self.attendee(slot)
            turn = self.round.skip(record.id, waiting=person is not None and not person.is_here)
            self._next_clock()
        return turn

    def bring_back(self) -> Turn | None:
        """r: the latest skipped speaker who has not spoken since gets the next turn."""
        with self._undo_on_failure():
            turn = self.round.bring_back()
            if turn is not None:
                if not self.clock.started:
                    self.clock = self._new_clock()
                self._save()
        return turn

    def back(self) -> Turn | None:
        """b: redo the previous speaker; their logged pitch becomes "redone" and they are current again.

        A pitch already under way for the current speaker is logged as "redone" too: they speak again next.
        """
        previous = self.round.previous()
        if previous is None:
            return None
        with self._undo_on_failure():
            self._mark_redone(previous.pitch_id)
            if self.clock.started:
                self._close_record(REDONE)
            self.round.back()
            self._next_clock()
        return previous

    def adjust(self, delta_seconds: int) -> int:
        """+/-: change this speaker's planned length (never under 10 s); returns the new plan."""
        self._require_current()
        with self._undo_on_failure():
            planned = self.clock.adjust(delta_seconds)
            self.round.adjust_current(planned)
            if self.pitch is not None:
                self.pitch.planned_seconds = planned
                self.store.update_pitch(self.pitch)
            self._save()
        return planned

    def refresh(self) -> list[str]:
        """Apply check-in changes from the store: absent people leave the queue, arrivals join it."""
        people = self.store.attendees()
        with self._undo_on_failure():
            changes = self.round.refresh(self.event, people, keep_current=self.clock.started)
            if not self.clock.started:
                self.clock = self._new_clock()
            if changes:
                self._save()
        return changes

    def move_feature(self, position: int) -> bool:
        """Put the feature presentation at a position in the queue (0 = now, if nothing is under way)."""
        feature = next((s for s in self.round.pending if s.feature), None)
        if feature is None:
            return False
        with self._undo_on_failure():
            lowest = 1 if self.clock.started else 0
            moved = self.round.move(feature.key, max(lowest, position))
            if not self.clock.started:
                self.clock = self._new_clock()
            self._save()
        return moved

    # -- internals ---------------------------------------------------------------------------------

    def _require_current(self) -> Slot:
        if self.round.current is None:
            raise StoreError("the pitch round is over: nobody is left to speak")
        return self.round.current

    def _wall(self) -> str:
        return self.wall().astimezone().isoformat(timespec="seconds")

    def _new_clock(self) -> PitchClock:
        slot = self.round.current
        planned = slot.planned_seconds if slot else self.event.pitch_seconds
        return PitchClock(planned, amber_seconds=self.event.amber_seconds, now=self.now)

    def _next_clock(self) -> None:
        self.pitch = None
        self.clock = self._new_clock()
        self._save()

    def _write_progress(self) -> None:
        """Keep the running record's speaking time and pauses current, so an interruption loses little."""
        assert self.pitch is not None
        self.pitch.actual_seconds = round(self.clock.elapsed, 3)
        self.pitch.pauses = [list(p) for p in self.clock.pauses]
        self.store.update_pitch(self.pitch)

    def _close_record(self, status: str) -> Pitch:
        assert self.pitch is not None
        result = self.clock.stop()
        record = self.pitch
        record.status = status
        record.ended_at = self._wall()
        record.planned_seconds = result.planned_seconds
        record.actual_seconds = result.actual_seconds
        record.overtime_seconds = result.overtime_seconds
        record.pauses = [list(p) for p in result.pauses]
        self.store.update_pitch(record)
        return record

    def _mark_redone(self, pitch_id: int | None) -> None:
        record = self._find_pitch(pitch_id)
        if record is not None:
            record.status = REDONE
            self.store.update_pitch(record)

    def _find_pitch(self, pitch_id: int | None) -> Pitch | None:
        if pitch_id is None:
            return None
        return next((p for p in self.store.pitches() if p.id == pitch_id), None)

    def _save(self) -> None:
        current = None
        if self.pitch is not None:
            current = {"pitch_id": self.pitch.id, "clock": self.clock.to_dict()}
        self.store.set_state(STATE_KEY, {"round": self.round.to_dict(), "current": current})

    @contextmanager
    def _undo_on_failure(self) -> Iterator[None]:
        """If a write fails, put the round and clock back as they were, so the screen never shows unstored state."""
        saved_round, saved_clock = self.round.to_dict(), self.clock.to_dict()
        saved_pitch = copy.deepcopy(self.pitch)
        try:
            yield
        except BaseException:
            self.round = PitchRound.from_dict(saved_round)
            self.clock = PitchClock.from_dict(saved_clock, now=self.now)
            self.pitch = saved_pitch
            raise

    def _recover(self, current: dict[str, Any]) -> None:
        """Reconcile the queue with the pitch records after the app stopped without finishing (see module doc)."""
        record = self._find_pitch(current.get("pitch_id"))
        if record is not None and record.status == RUNNING:
            clock = current.get("clock") or {}
            record.status = INTERRUPTED
            record.actual_seconds = float(clock.get("elapsed", record.actual_seconds))
            record.overtime_seconds = round(max(0.0, record.actual_seconds - record.planned_seconds), 3)
            self.store.update_pitch(record)
            shown = self.round.current.speaker if self.round.current else record.speaker
            self.notices.append(f"{shown}'s pitch was interrupted when netevent stopped; it is offered again")
        elif record is not None and record.status in (DONE, SKIPPED) and self.round.current is not None:
            if record.status == DONE:
                self.round.finish(record.actual_seconds, record.overtime_seconds, record.id)
            else:
                self.round.skip(record.id)
        previous = self.round.previous()
        if previous is not None:
            stored = self._find_pitch(previous.pitch_id)
            if stored is not None and stored.status == REDONE:
                self.round.back()
