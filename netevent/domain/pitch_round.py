"""The pitch round's queue: who speaks in what order, who has spoken and for how long, and the round summary.

Rules the facilitator can rely on:

- The order is the event's: roster, alphabetical (by name, case-insensitive) or random. A random order is drawn
  once from a seed; the drawn order is part of the state, so a resumed round keeps it.
- Absent attendees are left out; attendees marked absent mid-round leave the queue if they have not spoken.
- A late arrival (someone not in the queue who is now present, e.g. a walk-in) speaks right after the current
  speaker (after any late arrivals already waiting there), so they are heard while they are in the room; before the
  round begins they take their place in the normal order instead.
- Substitutes speak for their member, shown as "Stand-in (for Member)"; visitors get the visitor length;
  a per-person `pitch_seconds` overrides both.
- The feature presentation, if any, is the last slot unless the facilitator moves it.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from netevent.domain.models import Attendee, Event, Order, name_key

DONE, SKIPPED, REDONE = "done", "skipped", "redone"
FEATURE_PREFIX = "feature:"


@dataclass(slots=True)
class Slot:
    """One place in the queue: an attendee's pitch or the feature presentation."""

    name: str  # the roster name (identity); the feature's presenter for the feature slot
    speaker: str  # what the screen shows, e.g. "Tom Reed (for Sarah Patel)"
    planned_seconds: int
    feature: bool = False
    late: bool = False  # joined after the round began: speaks right after the current speaker

    @property
    def key(self) -> str:
        return FEATURE_PREFIX + name_key(self.name) if self.feature else name_key(self.name)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Slot:
        return cls(
            data["name"],
            data["speaker"],
            int(data["planned_seconds"]),
            bool(data.get("feature", False)),
            bool(data.get("late", False)),
        )


@dataclass(slots=True)
class Turn:
    """A finished turn in the order it happened; `pitch_id` links it to the stored pitch record."""

    slot: Slot
    status: str  # done | skipped | redone
    actual_seconds: float = 0.0
    overtime_seconds: float = 0.0
    pitch_id: int | None = None
    waiting: bool = False  # skipped while not checked in: marking them here offers their turn again

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "slot": asdict(self.slot)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Turn:
        return cls(
            slot=Slot.from_dict(data["slot"]),
            status=data["status"],
            actual_seconds=float(data.get("actual_seconds", 0.0)),
            overtime_seconds=float(data.get("overtime_seconds", 0.0)),
            pitch_id=data.get("pitch_id"),
            waiting=bool(data.get("waiting", False)),
        )


@dataclass(slots=True)
class RoundSummary:
    """Read out at the end: total speaking time (feature included), the average pitch (feature excluded), overruns."""

    pitches: int
    total_seconds: float
    average_seconds: float
    overran: list[tuple[str, float]] = field(default_factory=list)  # (speaker, seconds over), worst first
    skipped: list[str] = field(default_factory=list)
    feature_seconds: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "pitches": self.pitches,
            "total_seconds": round(self.total_seconds, 1),
            "average_seconds": round(self.average_seconds, 1),
            "overran": [[name, round(over, 1)] for name, over in self.overran],
            "skipped": list(self.skipped),
            "feature_seconds": None if self.feature_seconds is None else round(self.feature_seconds, 1),
        }


def slot_for(event: Event, person: Attendee) -> Slot:
    return Slot(name=person.name, speaker=person.shown_name, planned_seconds=event.planned_seconds(person))


def feature_slot(event: Event) -> Slot | None:
    if event.feature is None:
        return None
    return Slot(
        name=event.feature.name, speaker=event.feature.name, planned_seconds=event.feature.seconds, feature=True
    )


def ordered_attendees(event: Event, seed: int | None = None) -> list[Attendee]:
    """Everyone on the roster in the event's order, absent or not (the queue filters)."""
    people = list(event.attendees)
    if event.order == Order.ALPHABETICAL.value:
        people.sort(key=lambda p: name_key(p.name))
    elif event.order == Order.RANDOM.value:
        random.Random(seed).shuffle(people)
    return people


class PitchRound:
    """The queue: `pending[0]` is the current speaker, `turns` is what already happened."""

    def __init__(self, order: list[str], pending: list[Slot], turns: list[Turn] | None = None, seed: int | None = None):
        self.order = order  # every roster key in the drawn order: where a pre-round arrival belongs
        self.pending = pending
        self.turns = turns or []
        self.seed = seed

    @classmethod
    def build(cls, event: Event, seed: int | None = None) -> PitchRound:
        """A fresh round; for a random order with no seed, one is drawn here and kept in the state."""
        if event.order == Order.RANDOM.value and seed is None:
            seed = random.SystemRandom().randrange(1 << 31)
        people = ordered_attendees(event, seed)
        pending = [slot_for(event, p) for p in people if not p.is_absent]
        feature = feature_slot(event)
        if feature is not None:
            pending.append(feature)
        return cls(order=[p.key for p in people], pending=pending, seed=seed)

    # -- reading -----------------------------------------------------------------------------------

    @property
    def current(self) -> Slot | None:
        return self.pending[0] if self.pending else None

    @property
    def upcoming(self) -> list[Slot]:
        return self.pending[1:]

    @property
    def done(self) -> list[Turn]:
        return list(self.turns)

    @property
    def finished(self) -> bool:
        return not self.pending

    @property
    def started(self) -> bool:
        return bool(self.turns)

    def spoken_keys(self) -> set[str]:
        return {t.slot.key for t in self.turns if t.status == DONE}

    def previous(self) -> Turn | None:
        """The last turn that can be taken back (done or skipped)."""
        for turn in reversed(self.turns):
            if turn.status in (DONE, SKIPPED):
                return turn
        return None

    # -- moving on ---------------------------------------------------------------------------------

    def finish(
        self, actual_seconds: float, overtime_seconds: float, pitch_id: int | None = None, planned_seconds: int = 0
    ) -> Turn:
        """The current speaker is done (n); the next one becomes current."""
        slot = self._pop()
        if planned_seconds:
            slot.planned_seconds = planned_seconds
        turn = Turn(slot, DONE, round(actual_seconds, 3), round(overtime_seconds, 3), pitch_id)
        self.turns.append(turn)
        return turn

    def skip(self, pitch_id: int | None = None, *, waiting: bool = False) -> Turn:
        """The current speaker passes (s); `waiting` when they are not here yet (see bring_back)."""
        turn = Turn(self._pop(), SKIPPED, pitch_id=pitch_id, waiting=waiting)
        self.turns.append(turn)
        return turn

    def skipped_waiting(self) -> list[Turn]:
        """Skipped turns of people who have not spoken since and are not queued, latest first."""
        queued = {s.key for s in self.pending}
        spoken = self.spoken_keys()
        seen: set[str] = set()
        out = []
        for turn in reversed(self.turns):
            key = turn.slot.key
            if turn.status == SKIPPED and key not in queued | spoken | seen:
                out.append(turn)
            seen.add(key)
        return out

    def bring_back(self, key: str | None = None) -> Turn | None:
        """Offer a skipped speaker their turn again, next after the one speaking (a late arrival); the latest
        skipped when no key is given. None when there is nobody to bring back."""
        turn = next((t for t in self.skipped_waiting() if key in (None, t.slot.key)), None)
        if turn is None:
            return None
        turn.waiting = False
        self.pending.insert(min(1, len(self.pending)), Slot.from_dict(asdict(turn.slot)))
        return turn

    def back(self) -> Turn | None:
        """Redo the previous speaker (b): their turn is marked redone and they are current again."""
        turn = self.previous()
        if turn is None:
            return None
        turn.status = REDONE
        self.pending.insert(0, Slot.from_dict(asdict(turn.slot)))
        return turn

    def _pop(self) -> Slot:
        if not self.pending:
            raise IndexError("the pitch round is over: nobody left to speak")
        return self.pending.pop(0)

    # -- changes during the round ------------------------------------------------------------------

    def adjust_current(self, planned_seconds: int) -> None:
        if self.current is not None:
            self.current.planned_seconds = planned_seconds

    def arrive(self, event: Event, person: Attendee, *, begun: bool = False) -> bool:
        """Add someone who is present but not queued; False if they are queued or already had a turn (skipped too)."""
        key = person.key
        had_turn = any(t.slot.key == key for t in self.turns)
        if person.is_absent or had_turn or any(s.key == key for s in self.pending):
            return False
        slot = slot_for(event, person)
        if key not in self.order:
            self.order.append(key)
        if not (self.started or begun):
            self.pending.insert(self._roster_position(key), slot)
            return True
        slot.late = True
        at = min(1, len(self.pending))
        while at < len(self.pending) and self.pending[at].late:
            at += 1
        self.pending.insert(at, slot)
        return True

    def _roster_position(self, key: str) -> int:
        """Where `key` goes before the round starts: before the first queued person who comes after it."""
        rank = {k: i for i, k in enumerate(self.order)}
        mine = rank[key]
        for index, slot in enumerate(self.pending):
            if slot.feature or rank.get(slot.key, -1) > mine:
                return index
        return len(self.pending)

    def drop(self, name: str) -> bool:
        """Take someone marked absent out of the queue (the current slot included); spoken turns stay."""
        key = name_key(name)
        before = len(self.pending)
        self.pending = [s for s in self.pending if s.feature or s.key != key]
        return len(self.pending) != before

    def refresh(self, event: Event, people: Iterable[Attendee], *, keep_current: bool = False) -> list[str]:
        """Bring the queue in line with check-in: drop the absent, add arrivals, update names and lengths.

        `keep_current` protects a speaker whose clock is already running (the round has begun, so arrivals go
        next). Returns what changed, for the screen.
        """
        changes: list[str] = []
        people = list(people)
        by_key = {p.key: p for p in people}
        protected = self.current.key if keep_current and self.current else None
        for slot in list(self.pending):
            person = by_key.get(slot.key)
            if slot.feature or person is None:
                continue
            if person.is_absent and slot.key != protected:
                self.drop(person.name)
                changes.append(f"{slot.speaker} is absent: left out")
            elif slot.key != protected:
                slot.speaker = person.shown_name
        for person in people:
            if self.arrive(event, person, begun=keep_current):
                changes.append(f"{person.shown_name} joined the queue")
        for turn in self.skipped_waiting():  # skipped before they arrived, and now checked in
            person = by_key.get(turn.slot.key)
            if turn.waiting and person is not None and person.is_here and self.bring_back(turn.slot.key):
                changes.append(f"{person.shown_name} is here: their turn is next")
        return changes

    def move(self, key: str, position: int) -> bool:
        """Move a queued slot (e.g. the feature, key "feature:<name>") to a position in the queue."""
        for index, slot in enumerate(self.pending):
            if slot.key == key:
                self.pending.insert(max(0, min(position, len(self.pending) - 1)), self.pending.pop(index))
                return True
        return False

    # -- reporting and resume ----------------------------------------------------------------------

    def summary(self) -> RoundSummary:
        done = [t for t in self.turns if t.status == DONE]
        pitches = [t for t in done if not t.slot.feature]
        features = [t for t in done if t.slot.feature]
        total = sum(t.actual_seconds for t in pitches)  # the feature is reported apart (domain/figures.py)
        average = sum(t.actual_seconds for t in pitches) / len(pitches) if pitches else 0.0
        overran = sorted(((t.slot.speaker, t.overtime_seconds) for t in done if t.overtime_seconds > 0),
                         key=lambda item: -item[1])  # fmt: skip
        skipped_keys = {t.slot.key for t in self.turns if t.status == SKIPPED} - {t.slot.key for t in done}
        skipped = [t.slot.speaker for t in self.turns if t.status == SKIPPED and t.slot.key in skipped_keys]
        feature_seconds = sum(t.actual_seconds for t in features) if features else None
        return RoundSummary(len(pitches), total, average, overran, skipped, feature_seconds)

    def to_dict(self) -> dict[str, Any]:
        return {
            "order": list(self.order),
            "pending": [asdict(s) for s in self.pending],
            "turns": [t.to_dict() for t in self.turns],
            "seed": self.seed,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PitchRound:
        return cls(
            order=list(data.get("order", [])),
            pending=[Slot.from_dict(s) for s in data.get("pending", [])],
            turns=[Turn.from_dict(t) for t in data.get("turns", [])],
            seed=data.get("seed"),
        )
