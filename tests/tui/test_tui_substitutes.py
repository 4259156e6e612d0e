"""A stand-in is a person in the room: named, completed and credited for the member (issue 15 items 2, 14)."""

from __future__ import annotations

import pytest
from rich.console import Console
from textual.widgets import Input

from netevent.domain.names import NameMatchError, complete_name, match_name
from netevent.render.tally_table import tally_table
from netevent.services import meeting
from netevent.store.repository import Store
from netevent.tui.app import NeteventApp


async def test_a_stand_in_is_named_completed_and_credited_to_the_member(sample_store: Store) -> None:
    meeting.check_in(sample_store, "Chloe Barnes", "substitute", "Jamie Reed")
    app = NeteventApp(sample_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("f4")
        await pilot.pause()
        await pilot.press(*"jamie", "tab")
        await pilot.pause()
        assert app.screen.query_one("#ref-from", Input).value == "Jamie Reed (for Chloe Barnes)"
        await pilot.press(*"dan", "enter")
        await pilot.pause()
    [record] = sample_store.referrals()
    assert (record.giver, record.receiver) == ("Chloe Barnes", "Daniel Okafor")  # the member's seat gets the credit
    tally = meeting.meeting_tally(sample_store)
    row = next(r for r in tally.attendees if r.name == "Chloe Barnes")
    assert (row.shown, row.given) == ("Jamie Reed (for Chloe Barnes)", 1)
    console = Console(width=200, record=True)
    console.print(tally_table(tally))
    printed = console.export_text()
    assert "Jamie Reed (for Chloe Barnes)" in printed


def test_a_stand_in_is_found_by_their_own_name_only_while_standing_in(sample_store: Store) -> None:
    with pytest.raises(NameMatchError):
        match_name("jamie", sample_store.attendees())  # nobody is called Jamie before the check-in
    meeting.check_in(sample_store, "Chloe Barnes", "substitute", "Jamie Reed")
    people = sample_store.attendees()
    assert match_name("jamie", people).name == "Chloe Barnes"
    assert match_name("reed", people).name == "Chloe Barnes"
    assert complete_name("jam", people) == "Jamie Reed (for Chloe Barnes)"


def test_accents_fold_the_same_way_for_every_name(sample_store: Store) -> None:
    people = sample_store.attendees()
    assert match_name("Zoe", people).name == "Zoë Ångström"
    assert match_name("zoe angstrom", people).name == "Zoë Ångström"
    assert match_name("jose", people).name == "José Núñez"
    assert match_name("jose nunez", people).name == "José Núñez"
    assert match_name("siobhan", people).name == "Siobhán Ó Briain"
    assert complete_name("ZOE", people) == "Zoë Ångström"


def test_the_names_people_use_for_a_one_to_one_are_accepted(sample_store: Store) -> None:
    for typed in ("1-2-1", "121", "1:1", "one to one"):
        built = meeting.build_referral(sample_store, meeting.ReferralInput("oli", "ian", kind=typed))
        assert built.kind == "one-to-one", typed
