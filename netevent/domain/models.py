"""Domain records for one meeting, as plain dataclasses with dict round-trips for the store."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import asdict, dataclass, field, fields
from enum import StrEnum
from typing import Any


class Role(StrEnum):
    MEMBER = "member"
    VISITOR = "visitor"
    SUBSTITUTE = "substitute"


class Attendance(StrEnum):
    """Where a person stands at check-in; `expected` means nobody has checked them in yet."""

    EXPECTED = "expected"
    PRESENT = "present"
    LATE = "late"
    ABSENT = "absent"
    SUBSTITUTE = "substitute"
    VISITOR = "visitor"


class Kind(StrEnum):
    REFERRAL = "referral"
    INTRODUCTION = "introduction"
    ONE_TO_ONE = "one-to-one"
    CLOSED = "closed"


class Source(StrEnum):
    """Where a record was entered; shown so the facilitator can tell a phone's record from their own."""

    DESK = "desk"
    CLI = "cli"
    IMPORT = "import"
    PHONE = "phone"


class Cadence(StrEnum):
    WEEKLY = "weekly"
    FORTNIGHTLY = "fortnightly"
    MONTHLY = "monthly"


class Order(StrEnum):
    ROSTER = "roster"
    ALPHABETICAL = "alphabetical"
    RANDOM = "random"


KINDS: tuple[str, ...] = tuple(k.value for k in Kind)
FACILITATOR = "facilitator"  # a record's made_by when the facilitator, not its giver, made it
ROLES: tuple[str, ...] = tuple(r.value for r in Role)
ORDERS: tuple[str, ...] = tuple(o.value for o in Order)
CADENCES: tuple[str, ...] = tuple(c.value for c in Cadence)
ATTENDANCES: tuple[str, ...] = tuple(a.value for a in Attendance)


def name_key(name: str) -> str:
    """The identity of a name: case-, space- and normal-form-insensitive, so "sarah  PATEL" is Sarah Patel and a
    "Zoë" typed with a combining diaeresis is the same Zoë."""
    return " ".join(unicodedata.normalize("NFC", name).split()).casefold()


@dataclass(slots=True)
class Attendee:
    name: str
    business: str = ""
    profession: str = ""
    role: str = Role.MEMBER.value
    email: str = ""
    phone: str = ""
    website: str = ""
    ask: str = ""
    offer: str = ""
    sphere: list[str] = field(default_factory=list)
    share_contact: bool = True
    attendance: str = Attendance.EXPECTED.value
    checked_in_at: str = ""  # ISO time of the last check-in change
    substitute_name: str = ""  # who stands in when attendance is "substitute"
    pitch_seconds: int | None = None  # a per-person override of the event's pitch length
    invited_by: str = ""  # a visitor's host: the member who invited them (credited in the chapter's history)

    @property
    def key(self) -> str:
        return name_key(self.name)

    @property
    def is_absent(self) -> bool:
        return self.attendance == Attendance.ABSENT.value

    @property
    def is_here(self) -> bool:
        """Checked in as in the room: not absent and not still expected."""
        return self.attendance not in (Attendance.ABSENT.value, Attendance.EXPECTED.value)

    @property
    def shown_name(self) -> str:
        """The name to show: a substitute speaks as "Stand-in (for Member)"."""
        if self.attendance == Attendance.SUBSTITUTE.value and self.substitute_name:
            return f"{self.substitute_name} (for {self.name})"
        return self.name

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Attendee:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


@dataclass(slots=True)
class Feature:
    """The optional feature presentation: one longer slot in the round."""

    name: str
    seconds: int = 600


@dataclass(slots=True)
class Event:
    title: str
    date: dt.date | None = None
    starts: dt.time | None = None
    venue: str = ""
    pitch_seconds: int = 60
    visitor_pitch_seconds: int = 60
    amber_seconds: int = 15
    order: str = Order.ROSTER.value
    currency: str = "GBP"
    feature: Feature | None = None
    attendees: list[Attendee] = field(default_factory=list)
    chapter: str = ""  # the series this meeting belongs to; "" means the title (see chapter_name)
    cadence: str = Cadence.WEEKLY.value  # how `netevent next` dates the next meeting
    minutes: int = 90  # the meeting's length, for return per hour

    @property
    def chapter_name(self) -> str:
        return self.chapter.strip() or self.title

    def settings_dict(self) -> dict[str, Any]:
        """Everything but the roster, JSON-ready."""
        return {
            "title": self.title,
            "date": self.date.isoformat() if self.date else None,
            "starts": self.starts.isoformat() if self.starts else None,
            "venue": self.venue,
            "pitch_seconds": self.pitch_seconds,
            "visitor_pitch_seconds": self.visitor_pitch_seconds,
            "amber_seconds": self.amber_seconds,
            "order": self.order,
            "currency": self.currency,
            "feature": asdict(self.feature) if self.feature else None,
            "chapter": self.chapter,
            "cadence": self.cadence,
            "minutes": self.minutes,
        }

    @classmethod
    def from_settings(cls, data: dict[str, Any], attendees: list[Attendee] | None = None) -> Event:
        feature = data.get("feature")
        return cls(
            title=data["title"],
            date=dt.date.fromisoformat(data["date"]) if data.get("date") else None,
            starts=dt.time.fromisoformat(data["starts"]) if data.get("starts") else None,
            venue=data.get("venue", ""),
            pitch_seconds=data.get("pitch_seconds", 60),
            visitor_pitch_seconds=data.get("visitor_pitch_seconds", 60),
            amber_seconds=data.get("amber_seconds", 15),
            order=data.get("order", Order.ROSTER.value),
            currency=data.get("currency", "GBP"),
            feature=Feature(**feature) if feature else None,
            attendees=attendees or [],
            chapter=data.get("chapter", ""),
            cadence=data.get("cadence", Cadence.WEEKLY.value),
            minutes=data.get("minutes", 90),
        )

    def planned_seconds(self, attendee: Attendee) -> int:
        """A person's pitch length: their own override, else the visitor or member length."""
        if attendee.pitch_seconds:
            return attendee.pitch_seconds
        if attendee.role == Role.VISITOR.value or attendee.attendance == Attendance.VISITOR.value:
            return self.visitor_pitch_seconds
        return self.pitch_seconds


@dataclass(slots=True)
class Referral:
    """One record passed between two attendees; `closed` carries the value of business won."""

    giver: str
    receiver: str
    kind: str = Kind.REFERRAL.value
    contact: str = ""
    note: str = ""
    temperature: int = 3
    value: float | None = None
    currency: str = ""
    created_at: str = ""
    made_by: str = ""  # "" when the giver gave it; FACILITATOR for an introduction the facilitator made
    meet_at: str = ""  # a one-to-one's booked time as typed, ISO: "2026-12-10" or "2026-12-10T10:30"
    source: str = Source.DESK.value  # where it was entered; records stored before sources existed read as desk
    id: int | None = None  # the store's document id, once stored

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("id")
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any], id: int | None = None) -> Referral:
        known = {f.name for f in fields(cls)} - {"id"}
        return cls(**{k: v for k, v in data.items() if k in known}, id=id)


@dataclass(slots=True)
class Pitch:
    """One timed turn as logged: times are wall-clock ISO strings, lengths are seconds."""

    speaker: str
    planned_seconds: int
    started_at: str = ""
    ended_at: str = ""
    actual_seconds: float = 0.0
    overtime_seconds: float = 0.0
    pauses: list[list[float]] = field(default_factory=list)  # [start, end] offsets in seconds
    status: str = "done"  # done | skipped | redone | interrupted | running
    slot: int = 0  # position in the round
    feature: bool = False
    id: int | None = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("id")
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any], id: int | None = None) -> Pitch:
        known = {f.name for f in fields(cls)} - {"id"}
        return cls(**{k: v for k, v in data.items() if k in known}, id=id)
