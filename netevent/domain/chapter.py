"""The chapter's vocabulary: record ids stable across meetings, follow-up statuses and goals (DESIGN §2).

Pure data: the stores hold these as documents, the history folds them; nothing here reads a file.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, fields
from enum import StrEnum
from typing import Any

from netevent.domain.models import Event, Pitch, Referral


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

_RECORD_ID = re.compile(r"^(\d{4}-\d{2}-\d{2})-(\d+)$")


def record_id(meeting_date: dt.date | None, number: int) -> str:
    """A record's id within its chapter: the meeting's date and its number there, "2026-11-26-3"."""
    return f"{meeting_date.isoformat() if meeting_date else 'undated'}-{number}"


def parse_record_id(text: str) -> tuple[str, int] | None:
    """(meeting date as YYYY-MM-DD, number) of a record id, or None when it is not one."""
    match = _RECORD_ID.match(text.strip())
    return (match.group(1), int(match.group(2))) if match else None


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
    pitches: list[Pitch]
    followups: list[FollowUp]  # the status changes given at this meeting (about its own or earlier records)
    goals: list[Goal]  # goals set at this meeting for the next one


@dataclass(slots=True)
class Chapter:
    """A chapter's meetings in date order, and the stores that could not be read (store, problem)."""

    name: str
    meetings: list[Meeting]
    skipped: list[tuple[str, str]]
