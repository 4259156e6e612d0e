"""The chapter's pure rules: the next date by cadence, follow-ups folded in date order, the scorecard."""

from __future__ import annotations

import datetime as dt

import pytest

from netevent.domain.chapter import Chapter, FollowUp, Meeting, chapter_items, next_date, open_items, record_id
from netevent.domain.models import Attendee, Event, Referral
from netevent.domain.scorecard import Record, ScorecardError, Thresholds, score


@pytest.mark.parametrize(
    ("date", "cadence", "expected"),
    [
        (dt.date(2026, 12, 29), "weekly", dt.date(2027, 1, 5)),  # over the year end
        (dt.date(2026, 2, 24), "fortnightly", dt.date(2026, 3, 10)),
        (dt.date(2026, 1, 8), "monthly", dt.date(2026, 2, 12)),  # 2nd Thursday → 2nd Thursday
        (dt.date(2026, 12, 3), "monthly", dt.date(2027, 1, 7)),  # 1st Thursday, across the year
        (dt.date(2026, 4, 29), "monthly", dt.date(2026, 5, 27)),  # 5th Wednesday → May's last (it has four)
    ],
)
def test_next_date_follows_the_cadence(date: dt.date, cadence: str, expected: dt.date) -> None:
    assert next_date(date, cadence) == expected


def test_a_fifth_weekday_moves_to_the_last_one_of_a_shorter_month() -> None:
    # Thursday 29 January 2026 is the 5th Thursday; February 2026 has four, the last on the 26th
    assert next_date(dt.date(2026, 1, 29), "monthly") == dt.date(2026, 2, 26)


def meeting(date: dt.date, referrals: list[Referral], followups: list[FollowUp] | None = None) -> Meeting:
    people = [Attendee(name="Ann"), Attendee(name="Ben")]
    return Meeting(f"{date}.json", Event(title="Club", date=date, attendees=people), referrals, followups or [], [])


def referral(n: int, kind: str = "referral", value: float | None = None) -> Referral:
    return Referral(giver="Ann", receiver="Ben", kind=kind, id=n, value=value)


def test_follow_ups_fold_in_date_order_and_the_latest_word_wins() -> None:
    first = dt.date(2026, 1, 6)
    rid = record_id(first, 1)
    m1 = meeting(first, [referral(1), referral(2, "closed", 300)])
    m2 = meeting(first + dt.timedelta(weeks=1), [], [FollowUp(rid, "won", value=900, at="2026-01-13T08:00")])
    m3 = meeting(first + dt.timedelta(weeks=2), [], [FollowUp(rid, "lost", at="2026-01-20T08:00")])
    items = {item.id: item for item in chapter_items(Chapter("Club", [m1, m2, m3], []))}
    assert items[rid].status == "lost" and items[rid].won_value is None
    assert items[record_id(first, 2)].status == "won"  # closed business is won when it is recorded
    items = {item.id: item for item in chapter_items(Chapter("Club", [m1, m2], []))}
    assert items[rid].status == "won" and items[rid].won_value == 900


def test_open_items_are_the_last_eight_earlier_meetings_unresolved() -> None:
    first = dt.date(2026, 1, 6)
    meetings = [meeting(first + dt.timedelta(weeks=n), [referral(1)]) for n in range(11)]
    meetings[9].followups.append(FollowUp(record_id(meetings[8].event.date, 1), "lost"))
    meetings[9].followups.append(FollowUp(record_id(meetings[7].event.date, 1), "met"))  # met may still be won
    chapter = Chapter("Club", meetings, [])
    today = meetings[10].date
    shown = {item.meeting.date for item in open_items(chapter, today)}
    # M11 is today; of M3 … M10 the one now lost (M9) is resolved
    assert shown == {m.date for m in meetings[2:10]} - {meetings[8].date}


def test_the_scorecard_reads_attendance_giving_and_what_it_brought() -> None:
    t = Thresholds()
    star = score(Record(rostered=10, attended=10, absences=0, given=12, one_to_ones=6, value_given=2000,
                        visitors_invited=2), t)  # fmt: skip
    assert star.colour == "green" and star.points == 100
    absent = score(Record(10, 7, 3, 10, 5, 1000, 1), t)
    assert absent.colour == "green" and "3 absences without a substitute" in absent.reason
    quiet = score(Record(10, 10, 0, 5, 0, 0, 0), t)
    assert quiet.colour == "red" and "0 one-to-ones in 10 meetings" in quiet.reason
    silent = score(Record(10, 10, 0, 0, 0, 0, 0), t)  # came every week and gave nothing: below red
    assert silent.colour == "grey" and "0.0 records given per meeting (aim 1)" in silent.reason
    gone = score(Record(10, 0, 10, 0, 0, 0, 0), t)
    assert gone.colour == "grey"


def test_a_chapter_can_move_the_thresholds_and_bad_ones_say_which_key() -> None:
    strict = Thresholds.from_dict({"green": 95, "amber": 90, "red": 80}, "scorecard.toml")
    assert score(Record(10, 10, 0, 10, 5, 500, 1), strict).colour == "amber"  # 92 points
    assert score(Record(10, 10, 0, 10, 5, 500, 1), Thresholds()).colour == "green"
    with pytest.raises(ScorecardError, match=r"scorecard\.toml: unknown key 'gren'"):
        Thresholds.from_dict({"gren": 80}, "scorecard.toml")
    with pytest.raises(ScorecardError, match="the colours need green"):
        Thresholds.from_dict({"green": 10, "amber": 50}, "scorecard.toml")
    with pytest.raises(ScorecardError, match="visitors_full"):
        Thresholds.from_dict({"visitors_full": 0}, "scorecard.toml")
