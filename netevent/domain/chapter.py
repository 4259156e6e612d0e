"""The chapter's vocabulary: record ids stable across meetings, follow-up statuses and goals (DESIGN §2).

Pure data: the stores hold these as documents, the history folds them; nothing here reads a file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, fields
from enum import StrEnum
from typing import Any

from netevent.domain.models import Event, Referral


class Status(StrEnum):
    """What became of a referral, introduction or one-to-one."""

    OPEN = "open"
    CONTACTED = "contacted"
    MET = "met"
    WON = "won"  # the thank-you for closed business: carries a value
    LOST = "lost"
    NO_REPLY = "no-reply"


STATUSES: tuple[str, ...] = tuple(s.value for s in Status)
FOLLOWED_KINDS = ("referral", "introduction", "one-to-one")  # a `closed` record is itself the outcome
UNRESOLVED = (Status.OPEN.value, Status.CONTACTED.value, Status.MET.value)  # still worth asking about


def record_id(meeting_date: dt.date | None, number: int) -> str:
    """A record's id within its chapter: the meeting's date and its number there, "2026-11-26-3"."""
    return f"{meeting_date.isoformat() if meeting_date else 'undated'}-{number}"


def next_date(date: dt.date, cadence: str) -> dt.date:
    """The next meeting's date: a week or two on, or the same weekday of the next month ("the 2nd Thursday"),
    the last such weekday when that month has no fifth one."""
    if cadence == "fortnightly":
        return date + dt.timedelta(days=14)
    if cadence != "monthly":
        return date + dt.timedelta(days=7)
    nth = (date.day - 1) // 7  # 0 for the first such weekday of the month
    year, month = (date.year + 1, 1) if date.month == 12 else (date.year, date.month + 1)
    first = dt.date(year, month, 1)
    day = first + dt.timedelta(days=(date.weekday() - first.weekday()) % 7 + 7 * nth)
    while day.month != month:
        day -= dt.timedelta(days=7)
    return day


@dataclass(slots=True)
class FollowUp:
    """One change of a record's status, stored in the store of the meeting at which it was given."""

    record: str  # the record id it is about, possibly of an earlier meeting
    status: str
    value: float | None = None  # for `won`: the business closed
    note: str = ""
    at: str = ""  # ISO time of the change
    by: str = "facilitator"  # facilitator | phone

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FollowUp:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


@dataclass(slots=True)
class Goal:
    """A member's commitment at a meeting for the next one; met when that meeting's records reach every number."""

    name: str
    referrals: int = 0
    introductions: int = 0
    one_to_ones: int = 0
    at: str = ""
    by: str = "facilitator"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Goal:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


@dataclass(slots=True)
class Meeting:
    """One meeting of a chapter as read from its store: what the history and the follow-up round work from."""

    store: str  # the store's path, as shown
    event: Event  # settings with the roster (attendance as recorded at that meeting)
    referrals: list[Referral]
    followups: list[FollowUp]  # the status changes given at this meeting (about its own or earlier records)
    goals: list[Goal]  # goals set at this meeting for the next one

    @property
    def date(self) -> str:
        return self.event.date.isoformat() if self.event.date else ""

    def record_ids(self) -> list[tuple[str, Referral]]:
        """This meeting's records with their chapter-wide ids."""
        return [(record_id(self.event.date, r.id or 0), r) for r in self.referrals]


@dataclass(slots=True)
class Chapter:
    """A chapter's meetings in date order, and the stores that could not be read (store, problem)."""

    name: str
    meetings: list[Meeting]
    skipped: list[tuple[str, str]]

    def followed(self) -> dict[str, list[FollowUp]]:
        """Record id → its status changes, folded in meeting order (then the order given), across the chapter."""
        changes: dict[str, list[FollowUp]] = {}
        for meeting in self.meetings:
            for change in meeting.followups:
                changes.setdefault(change.record, []).append(change)
        return changes


@dataclass(slots=True)
class Item:
    """One record of the chapter with what became of it: what `referral list` prints and the round asks about."""

    id: str
    meeting: Meeting
    referral: Referral
    changes: list[FollowUp]

    @property
    def status(self) -> str:
        """The latest status; a record nobody followed up is open, and closed business is itself won."""
        if self.referral.kind not in FOLLOWED_KINDS:
            return Status.WON.value
        return self.changes[-1].status if self.changes else Status.OPEN.value

    @property
    def won_value(self) -> float | None:
        """The business a `won` follow-up reports, when that is the latest word on the record."""
        latest = self.changes[-1] if self.changes else None
        return latest.value if latest is not None and latest.status == Status.WON.value else None

    def age_days(self, today: dt.date) -> int | None:
        return (today - self.meeting.event.date).days if self.meeting.event.date else None

    def to_dict(self) -> dict[str, Any]:
        r = self.referral
        value = r.value if r.kind not in FOLLOWED_KINDS else self.won_value
        return {
            "id": self.id, "meeting": self.meeting.date, "kind": r.kind, "from": r.giver, "to": r.receiver,
            "contact": r.contact, "note": r.note, "temperature": r.temperature, "value": value,
            "status": self.status, "source": r.source,
        }  # fmt: skip


def chapter_items(chapter: Chapter) -> list[Item]:
    """Every record of every meeting, in meeting order, with its folded follow-ups."""
    changes = chapter.followed()
    return [
        Item(rid, meeting, referral, changes.get(rid, []))
        for meeting in chapter.meetings
        for rid, referral in meeting.record_ids()
    ]


def open_items(chapter: Chapter, before: str, last: int = 8) -> list[Item]:
    """The unresolved referrals, introductions and one-to-ones of the `last` meetings dated before `before`."""
    earlier = [m.date for m in chapter.meetings if m.date and m.date < before][-last:]
    return [
        item
        for item in chapter_items(chapter)
        if item.meeting.date in earlier and item.referral.kind in FOLLOWED_KINDS and item.status in UNRESOLVED
    ]
