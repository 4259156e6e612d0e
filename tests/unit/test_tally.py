"""The tally, checked against scenarios worked out by hand."""

from __future__ import annotations

from netevent.domain.models import Attendee, Pitch, Referral
from netevent.domain.tally import compute_tally


def people(*names: str, absent: tuple[str, ...] = ()) -> list[Attendee]:
    return [Attendee(name=n, attendance="absent" if n in absent else "present") for n in names]


def test_four_people_hand_computed() -> None:
    # Ann gives 3 (2 referrals to Bob, 1 closed to Cat worth 1500); Bob gives Ann one intro; Dan absent.
    roster = people("Ann", "Bob", "Cat", "Dan", "Eve", absent=("Dan",))
    records = [
        Referral("Ann", "Bob"),
        Referral("Ann", "Bob", kind="referral"),
        Referral("Ann", "Cat", kind="closed", value=1500.0, currency="GBP"),
        Referral("Bob", "Ann", kind="introduction"),
    ]
    result = compute_tally(roster, records).to_dict()
    rows = {r["name"]: r for r in result["attendees"]}
    assert rows["Ann"]["given"] == 3 and rows["Ann"]["received"] == 1
    assert rows["Ann"]["given_by_kind"] == {"referral": 2, "introduction": 0, "one-to-one": 0, "closed": 1}
    assert rows["Bob"]["received_by_kind"]["referral"] == 2
    # The receiver of a closed record closed the business.
    assert rows["Cat"]["closed_value"] == 1500.0 and rows["Ann"]["closed_value"] == 0
    room = result["room"]
    assert room["records"] == 4
    assert room["by_kind"] == {"referral": 2, "introduction": 1, "one-to-one": 0, "closed": 1}
    assert room["givers"] == 2
    assert room["top_giver_share"] == 0.75
    assert room["reciprocal_pairs"] == [["Ann", "Bob"]]
    # Dan is absent, so he is not called out for receiving nothing.
    assert room["received_none"] == ["Eve"]


def test_empty_meeting_has_zero_share_and_everyone_received_none() -> None:
    result = compute_tally(people("Ann", "Bob"), []).to_dict()
    assert result["room"]["records"] == 0
    assert result["room"]["top_giver_share"] == 0.0
    assert result["room"]["received_none"] == ["Ann", "Bob"]
    assert result["room"]["reciprocal_pairs"] == []


def test_names_match_case_insensitively_and_strangers_still_count() -> None:
    records = [Referral("ann", "BOB"), Referral("Bob", "Zed Outsider")]
    result = compute_tally(people("Ann", "Bob"), records).to_dict()
    rows = {r["name"]: r for r in result["attendees"]}
    assert rows["Ann"]["given"] == 1 and rows["Bob"]["received"] == 1
    assert rows["Zed Outsider"]["received"] == 1


def test_pitch_time_and_overtime_sum_done_pitches_only() -> None:
    pitches = [
        Pitch("Ann", 60, actual_seconds=72.5, overtime_seconds=12.5, status="done"),
        Pitch("Ann", 60, actual_seconds=20.0, status="redone"),
        Pitch("Ann", 60, actual_seconds=15.0, status="interrupted"),  # offered again, so not counted
        Pitch("Bob", 60, actual_seconds=0.0, status="skipped"),
        Pitch("Bob", 60, actual_seconds=41.0, status="done"),
    ]
    rows = {r["name"]: r for r in compute_tally(people("Ann", "Bob"), [], pitches).to_dict()["attendees"]}
    assert rows["Ann"]["pitch_seconds"] == 72.5 and rows["Ann"]["overtime_seconds"] == 12.5
    assert rows["Bob"]["pitch_seconds"] == 41.0 and rows["Bob"]["overtime_seconds"] == 0


def test_verdicts_are_carried_per_attendee() -> None:
    result = compute_tally(people("Ann", "Bob"), [], verdicts={"Ann": "vague", "Bob": "specific"}).to_dict()
    assert [(r["name"], r["ask_verdict"]) for r in result["attendees"]] == [("Ann", "vague"), ("Bob", "specific")]


def test_no_top_giver_when_the_most_given_is_shared() -> None:
    """Issue 15 item 18: "Top giver … 8%" was named when everyone had given one."""
    from netevent.render.tally_table import room_headline

    roster = people("Ann", "Bob", "Cat")
    tied = compute_tally(roster, [Referral("Ann", "Bob"), Referral("Bob", "Cat"), Referral("Cat", "Ann")])
    assert tied.top_giver is None
    assert "top giver" not in room_headline(tied).plain
    ahead = compute_tally(roster, [Referral("Ann", "Bob"), Referral("Ann", "Cat"), Referral("Cat", "Ann")])
    assert ahead.top_giver is not None and ahead.top_giver.name == "Ann"
    assert "top giver Ann gave 67% of everything" in room_headline(ahead).plain
