"""The attendee summary: what one person sees about their pitch, ask, exchanges and people to meet."""

from __future__ import annotations

from pathlib import Path

import pytest
from meetings import seed_store

from netevent.domain.models import Referral
from netevent.services.summaries import build_summary, summary_text
from netevent.store.atomic import StoreError
from netevent.store.repository import Store


@pytest.fixture
def store(tmp_path: Path):
    store = seed_store(tmp_path / "meeting.json")
    yield store
    store.close()


def test_pitch_time_counts_only_done_pitches_against_the_planned_length(store: Store) -> None:
    sarah = build_summary(store, "sarah patel")
    assert sarah.name == "Sarah Patel"
    assert sarah.pitched
    assert sarah.pitch_seconds == pytest.approx(58.4)
    assert sarah.planned_seconds == 60
    assert sarah.overtime_seconds == 0
    tom = build_summary(store, "Tom Whitaker")
    assert tom.overtime_seconds == pytest.approx(11.5)
    eve = build_summary(store, "Eve Mallory")
    assert not eve.pitched and eve.planned_seconds == 45  # a visitor's length


def test_exchanges_are_split_by_direction_and_one_to_ones_listed_apart(store: Store) -> None:
    sarah = build_summary(store, "Sarah Patel")
    assert [(x.other.name, x.kind) for x in sarah.received] == [
        ("Tom Whitaker", "referral"),
        ("Priya Shah", "closed"),
        ("Eve Mallory", "referral"),
    ]
    assert [(x.other.name, x.kind) for x in sarah.given] == [("Priya Shah", "introduction")]
    assert [x.other.name for x in sarah.one_to_ones] == ["Tom Whitaker"]
    assert sarah.received[0].contact == "Jane Doe 07700 900123"
    assert sarah.received[1].value == 1200.0
    tom = build_summary(store, "Tom Whitaker")
    assert [x.other.name for x in tom.one_to_ones] == ["Sarah Patel"]
    assert [x.other.name for x in tom.given] == ["Sarah Patel"] and tom.received == []


def test_contact_details_appear_only_for_people_who_share_them(store: Store) -> None:
    sarah = build_summary(store, "Sarah Patel")
    by_name = {x.other.name: x.other for x in sarah.received}
    assert by_name["Tom Whitaker"].contact is None
    assert by_name["Priya Shah"].contact is not None
    assert by_name["Priya Shah"].contact.website == "https://shah.example"
    assert sorted(p.name for p in sarah.contacts) == ["Eve Mallory", "Priya Shah"]
    assert "Tom Whitaker" not in {p.name for p in build_summary(store, "Priya Shah").contacts}


def test_ask_review_matches_the_ask_check(store: Store) -> None:
    from netevent.services.ask_rules import review_ask

    for name in ("Sarah Patel", "Tom Whitaker"):
        summary = build_summary(store, name)
        review = review_ask(store.attendee(name).ask)
        assert summary.ask is not None
        assert (summary.ask.score, summary.ask.verdict) == (review.score, review.verdict)
        assert [f.message for f in summary.ask.findings] == [f.message for f in review.findings]
    vague = build_summary(store, "Tom Whitaker").ask
    assert vague.verdict != "specific"
    assert any(f.suggestion for f in vague.findings)


def test_an_attendee_without_an_ask_has_no_review(store: Store) -> None:
    store.update_attendee("Priya Shah", ask="")
    assert build_summary(store, "Priya Shah").ask is None


def test_introductions_are_the_matchers_pairs_that_include_this_person(store: Store) -> None:
    from netevent.services.spheres import suggest_pairs

    pairs = suggest_pairs(store.attendees(), store.referrals())
    for person in store.attendees():
        expected = set()
        for s in pairs:
            a, b = (getattr(s.a, "name", s.a), getattr(s.b, "name", s.b))
            if person.name in (a, b):
                expected.add(b if a == person.name else a)
        summary = build_summary(store, person.name)
        assert {i.other.name for i in summary.introductions} == expected
        assert person.name not in expected


def test_summary_reads_the_store_afresh(store: Store) -> None:
    before = build_summary(store, "Priya Shah")
    store.add_referral(Referral("Tom Whitaker", "Priya Shah", contact="Sam Green"))
    after = build_summary(store, "Priya Shah")
    assert len(after.received) == len(before.received) + 1
    assert after.received[-1].contact == "Sam Green"


def test_unknown_attendee_is_a_store_error(store: Store) -> None:
    with pytest.raises(StoreError, match="Nobody"):
        build_summary(store, "Nobody Here")


def test_summary_text_carries_the_essentials_within_the_limit(store: Store) -> None:
    text = summary_text(build_summary(store, "Sarah Patel"))
    assert len(text) <= 400
    assert text.splitlines()[0] == "Sarah Patel - Patel & Co Conveyancing"
    assert "Pitch 0:58 of 1:00" in text
    assert "Tom Whitaker (referral: Jane Doe 07700 900123)" in text
    assert "Priya Shah (closed business" in text
    assert "1-2-1: Tom Whitaker" in text


def test_summary_text_is_cut_to_fit_however_much_was_recorded(store: Store) -> None:
    store.add_referrals(Referral("Priya Shah", "Sarah Patel", contact=f"Contact number {i}") for i in range(40))
    summary = build_summary(store, "Sarah Patel")
    for limit in (120, 200, 400):
        text = summary_text(summary, max_chars=limit)
        assert len(text) <= limit
        assert text.startswith("Sarah Patel")
    assert summary_text(summary, max_chars=400).endswith("…")
