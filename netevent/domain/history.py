"""The chapter across its meetings (DESIGN §4 `history --format json`): per meeting, and per member.

Pure: it folds a Chapter read by services/chapter.py. Each meeting's giving is its tally (domain/tally.py), so
the history and the printed tallies never disagree. A `won` follow-up is credited to the receiver (business they
closed) and to the giver (business their referral brought others) when it is the latest word on its record.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from netevent.domain.chapter import FOLLOWED_KINDS, STATUSES, Chapter, Item, Meeting, chapter_items
from netevent.domain.models import FACILITATOR, KINDS, Attendance, Kind, Role, name_key
from netevent.domain.scorecard import Record, Thresholds, score
from netevent.domain.tally import Tally, compute_tally

HERE = (Attendance.PRESENT.value, Attendance.LATE.value)


@dataclass(slots=True)
class MeetingRow:
    date: str
    title: str
    store: str
    present: int
    records: int
    by_kind: dict[str, int]
    givers: int
    top_giver_share: float
    closed_value: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date, "title": self.title, "store": self.store, "present": self.present,
            "records": self.records, "by_kind": dict(self.by_kind), "givers": self.givers,
            "top_giver_share": round(self.top_giver_share, 4), "closed_value": round(self.closed_value, 2),
        }  # fmt: skip


@dataclass(slots=True)
class MemberRow:
    name: str
    rostered: int = 0
    attended: int = 0
    absences: int = 0
    absent_streak: int = 0
    given_by_kind: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    received_by_kind: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    followups: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    closed_value: float = 0.0
    value_given: float = 0.0
    visitors_invited: int = 0
    hours: float = 0.0  # of the meetings attended
    goals_set: int = 0
    goals_met: int = 0
    asks_specific: int = 0
    given_trend: list[int] = field(default_factory=list)  # records given at each meeting shown, for sparklines
    light: str = "grey"
    light_reason: str = ""

    @property
    def given(self) -> int:
        return sum(self.given_by_kind.values())

    @property
    def received(self) -> int:
        return sum(self.received_by_kind.values())

    @property
    def return_per_hour(self) -> float | None:
        return round(self.closed_value / self.hours, 2) if self.attended and self.hours else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name, "rostered": self.rostered, "attended": self.attended,
            "absent_streak": self.absent_streak, "given": self.given, "received": self.received,
            "given_by_kind": dict(self.given_by_kind), "received_by_kind": dict(self.received_by_kind),
            "followups": dict(self.followups), "closed_value": round(self.closed_value, 2),
            "value_given": round(self.value_given, 2), "visitors_invited": self.visitors_invited,
            "light": self.light, "light_reason": self.light_reason, "return_per_hour": self.return_per_hour,
            "goals_set": self.goals_set, "goals_met": self.goals_met, "asks_specific": self.asks_specific,
        }  # fmt: skip


@dataclass(slots=True)
class History:
    chapter: str
    meetings: list[MeetingRow]
    members: list[MemberRow]
    skipped: list[tuple[str, str]]

    def to_dict(self) -> dict[str, Any]:
        return {
            "chapter": self.chapter,
            "meetings": [m.to_dict() for m in self.meetings],
            "members": [m.to_dict() for m in self.members],
            "skipped": [{"store": store, "problem": problem} for store, problem in self.skipped],
        }


def goal_met(goal_numbers: tuple[int, int, int], given_by_kind: dict[str, int]) -> bool:
    """Met when the next meeting's records reach every number: referrals, introductions, one-to-ones."""
    wanted = dict(zip((Kind.REFERRAL.value, Kind.INTRODUCTION.value, Kind.ONE_TO_ONE.value), goal_numbers,
                      strict=True))  # fmt: skip
    return all(given_by_kind.get(kind, 0) >= n for kind, n in wanted.items())


def compute_history(
    chapter: Chapter,
    ask_verdict: Callable[[str], str],
    thresholds: Thresholds | None = None,
    last: int | None = None,
) -> History:
    """The history of the chapter's `last` meetings (all by default); follow-ups are folded over all of them."""
    shown = chapter.meetings[-last:] if last else list(chapter.meetings)
    shown_ids = {id(m) for m in shown}
    items = [item for item in chapter_items(chapter) if id(item.meeting) in shown_ids]
    members: dict[str, MemberRow] = {}
    for meeting in shown:
        for person in meeting.event.attendees:
            if person.role == Role.MEMBER.value:
                members.setdefault(person.key, MemberRow(name=person.name)).name = person.name  # latest spelling
    tallies = [compute_tally(meeting.event.attendees, meeting.referrals) for meeting in shown]
    rows = [_meeting_row(meeting, tally, members, ask_verdict) for meeting, tally in zip(shown, tallies, strict=True)]
    _credit_items(items, members, rows, shown)
    _credit_goals(shown, tallies, members)
    _credit_visitors(shown, members)
    for row in members.values():
        one_to_ones = row.given_by_kind[Kind.ONE_TO_ONE.value] + row.received_by_kind[Kind.ONE_TO_ONE.value]
        record = Record(row.rostered, row.attended, row.absences, row.given, one_to_ones,
                        row.value_given, row.visitors_invited)
        light = score(record, thresholds or Thresholds())
        row.light, row.light_reason = light.colour, light.reason
    ordered = sorted(members.values(), key=lambda r: r.name.casefold())
    return History(chapter.name, rows, ordered, list(chapter.skipped))


def _meeting_row(meeting: Meeting, tally: Tally, members: dict[str, MemberRow],
                 ask_verdict: Callable[[str], str]) -> MeetingRow:  # fmt: skip
    """One meeting's figures from its tally, and each rostered member's share of it."""
    event = meeting.event
    by_key = {name_key(t.name): t for t in tally.attendees}
    on_roster = {person.key: person for person in event.attendees}
    for key, row in members.items():
        person = on_roster.get(key)
        if person is not None:
            row.rostered += 1
            if person.attendance in HERE:
                row.attended += 1
                row.hours += event.minutes / 60
            row.absent_streak = row.absent_streak + 1 if person.is_absent else 0
            row.absences += person.is_absent
            row.asks_specific += bool(person.ask.strip()) and ask_verdict(person.ask) == "specific"
        counted = by_key.get(key)
        for kind in KINDS:
            if counted is not None:
                row.given_by_kind[kind] += counted.given_by_kind[kind]
                row.received_by_kind[kind] += counted.received_by_kind[kind]
        row.given_trend.append(counted.given if counted is not None else 0)
    closed = sum(r.value or 0 for r in meeting.referrals if r.kind == Kind.CLOSED.value)
    return MeetingRow(
        date=meeting.date,
        title=event.title,
        store=meeting.store,
        present=sum(1 for p in event.attendees if p.attendance in HERE),
        records=tally.room.records,
        by_kind=dict(tally.room.by_kind),
        givers=tally.room.givers,
        top_giver_share=tally.room.top_giver_share,
        closed_value=closed,
    )


def _credit_items(items: list[Item], members: dict[str, MemberRow], rows: list[MeetingRow],
                  shown: list[Meeting]) -> None:  # fmt: skip
    """Follow-up outcomes to the receiver; won values to the receiver, the giver and the meeting that heard it."""
    row_of = {id(meeting): row for meeting, row in zip(shown, rows, strict=True)}
    meeting_of_change = {id(change): meeting for meeting in shown for change in meeting.followups}
    for item in items:
        record = item.referral
        if record.made_by == FACILITATOR:  # as in the tally: nobody gave it, so nobody is credited
            continue
        giver, receiver = members.get(name_key(record.giver)), members.get(name_key(record.receiver))
        if record.kind in FOLLOWED_KINDS:
            if receiver is not None:
                receiver.followups[item.status] += 1
            value = item.won_value
            if value:
                heard_at = meeting_of_change.get(id(item.changes[-1]))
                if heard_at is not None:
                    row_of[id(heard_at)].closed_value += value
        else:
            value = record.value
        if value:
            if receiver is not None:
                receiver.closed_value += value
            if giver is not None:
                giver.value_given += value


def _credit_goals(shown: list[Meeting], tallies: list[Tally], members: dict[str, MemberRow]) -> None:
    """A goal set at one meeting is judged on the next one shown; a goal with no next meeting yet is not counted."""
    for meeting, given in zip(shown, tallies[1:], strict=False):
        by_key = {name_key(t.name): t.given_by_kind for t in given.attendees}
        for goal in meeting.goals:
            row = members.get(name_key(goal.name))
            if row is None:
                continue
            row.goals_set += 1
            row.goals_met += goal_met((goal.referrals, goal.introductions, goal.one_to_ones),
                                      by_key.get(name_key(goal.name), {}))  # fmt: skip


def _credit_visitors(shown: list[Meeting], members: dict[str, MemberRow]) -> None:
    """Each visitor counts once for the member who invited them, however many meetings they came to."""
    invited: dict[str, str] = {}  # visitor key → host key
    for meeting in shown:
        for person in meeting.event.attendees:
            if person.role == Role.VISITOR.value and person.invited_by:
                invited.setdefault(person.key, name_key(person.invited_by))
    for host in invited.values():
        if host in members:
            members[host].visitors_invited += 1
