"""The referral tally read out at the close: who gave, who received, how much stayed in the room."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from netevent.domain.figures import in_the_room
from netevent.domain.models import FACILITATOR, KINDS, Attendee, Kind, Pitch, Referral, name_key


@dataclass(slots=True)
class AttendeeTally:
    name: str
    given_by_kind: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    received_by_kind: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    closed_value: float = 0.0
    pitch_seconds: float = 0.0
    overtime_seconds: float = 0.0
    ask_verdict: str | None = None
    absent: bool = False
    shown_name: str = ""  # "Jamie Reed (for Chloe Barnes)" while a stand-in gives and receives for the member

    @property
    def shown(self) -> str:
        return self.shown_name or self.name

    @property
    def given(self) -> int:
        return sum(self.given_by_kind.values())

    @property
    def received(self) -> int:
        return sum(self.received_by_kind.values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "shown_name": self.shown,
            "given": self.given,
            "received": self.received,
            "given_by_kind": dict(self.given_by_kind),
            "received_by_kind": dict(self.received_by_kind),
            "closed_value": round(self.closed_value, 2),
            "pitch_seconds": round(self.pitch_seconds, 1),
            "overtime_seconds": round(self.overtime_seconds, 1),
            "ask_verdict": self.ask_verdict,
        }


@dataclass(slots=True)
class RoomTally:
    records: int
    by_kind: dict[str, int]
    givers: int
    top_giver_share: float
    reciprocal_pairs: list[list[str]]
    received_none: list[str]
    closed_value: float
    present: int = 0  # the "of M attendees" in "N of M attendees gave" (domain/figures.py)
    facilitated: int = 0  # introductions the facilitator made: in the room's records, nobody's giving

    def to_dict(self) -> dict[str, Any]:
        return {
            "records": self.records,
            "by_kind": dict(self.by_kind),
            "givers": self.givers,
            "top_giver_share": round(self.top_giver_share, 4),
            "reciprocal_pairs": [list(p) for p in self.reciprocal_pairs],
            "received_none": list(self.received_none),
            "closed_value": round(self.closed_value, 2),
            "present": self.present,
            "facilitated": self.facilitated,
        }


@dataclass(slots=True)
class Tally:
    attendees: list[AttendeeTally]
    room: RoomTally

    def to_dict(self) -> dict[str, Any]:
        return {"attendees": [a.to_dict() for a in self.attendees], "room": self.room.to_dict()}

    @property
    def top_giver(self) -> AttendeeTally | None:
        """The one person who gave most; None when nobody gave or several share the most (no top in a tie)."""
        most = max((a.given for a in self.attendees), default=0)
        leaders = [a for a in self.attendees if a.given == most]
        return leaders[0] if most and len(leaders) == 1 else None


def compute_tally(
    attendees: Iterable[Attendee],
    referrals: Iterable[Referral],
    pitches: Iterable[Pitch] = (),
    verdicts: Mapping[str, str] | None = None,
) -> Tally:
    """Tally the records; people named in records but missing from the roster still count."""
    rows: dict[str, AttendeeTally] = {}
    attendees = list(attendees)
    for person in attendees:
        rows[person.key] = AttendeeTally(name=person.name, absent=person.is_absent, shown_name=person.shown_name)
        if verdicts is not None:
            rows[person.key].ask_verdict = verdicts.get(person.name)

    def row(name: str) -> AttendeeTally:
        key = name_key(name)
        if key not in rows:
            rows[key] = AttendeeTally(name=name)
        return rows[key]

    by_kind = dict.fromkeys(KINDS, 0)
    gave_to: set[tuple[str, str]] = set()
    total = 0
    closed_total = 0.0
    facilitated = 0
    for rec in referrals:
        kind = rec.kind if rec.kind in by_kind else Kind.REFERRAL.value
        if rec.made_by == FACILITATOR:  # the facilitator introduced the two: neither of them gave it
            by_kind[kind] += 1
            total += 1
            facilitated += 1
            continue
        giver, receiver = row(rec.giver), row(rec.receiver)
        giver.given_by_kind[kind] += 1
        receiver.received_by_kind[kind] += 1
        by_kind[kind] += 1
        total += 1
        if kind == Kind.CLOSED.value and rec.value:
            receiver.closed_value += rec.value
            closed_total += rec.value
        gave_to.add((name_key(rec.giver), name_key(rec.receiver)))

    for pitch in pitches:
        # An interrupted pitch is offered again, so only finished pitches count towards speaking time.
        if pitch.status == "done" and not pitch.feature:
            target = row(pitch.speaker)
            target.pitch_seconds += pitch.actual_seconds
            target.overtime_seconds += pitch.overtime_seconds

    pairs = sorted(
        sorted([rows[a].name, rows[b].name], key=str.casefold) for a, b in gave_to if a < b and (b, a) in gave_to
    )
    ranked = list(rows.values())
    top = max((r.given for r in ranked), default=0)
    room = RoomTally(
        records=total,
        by_kind=by_kind,
        givers=sum(1 for r in ranked if r.given),
        top_giver_share=(top / total) if total else 0.0,
        reciprocal_pairs=pairs,
        received_none=[r.name for r in ranked if not r.received and not r.absent],
        closed_value=closed_total,
        present=in_the_room(attendees),
        facilitated=facilitated,
    )
    return Tally(attendees=ranked, room=room)
