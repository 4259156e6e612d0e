"""The Referrals desk: undo and redo of the last action (issue 15 item 1), and booking a one-to-one's time."""

from __future__ import annotations

from pilot_helpers import toasts
from textual.pilot import Pilot

from netevent.domain.models import Referral
from netevent.store.repository import Store
from netevent.tui.app import NeteventApp
from netevent.tui.screens.referrals import ReferralsScreen

SIZE = (120, 40)
LABEL_WORDS = {"Undo", "Roster", "Pitch", "round", "Referrals", "Introductions", "Summaries", "Tally", "End",
               "meeting", "palette", "Present", "Late", "Absent", "Substitute", "Walk-in", "Edit", "ask",
               "space", "Start/pause", "Next", "Skip", "Back", "+10s", "-10s", "Introduce", "Refresh",
               "Delete"}  # fmt: skip


def pairs(store: Store) -> list[tuple[int | None, str, str]]:
    return sorted((r.id, r.giver, r.receiver) for r in store.referrals())


async def open_desk(pilot: Pilot) -> ReferralsScreen:
    await pilot.press("f4")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ReferralsScreen)
    return pilot.app.screen


def seeded(store: Store) -> list[Referral]:
    pairs = (("Olivia Grant", "Ian Crowther"), ("Sarah Patel", "Tom Whitaker"), ("Tom Whitaker", "Helen Moss"))
    return [store.add_referral(Referral(a, b)) for a, b in pairs]


async def test_undo_after_a_delete_brings_the_deleted_record_back_and_loses_nothing(sample_store: Store) -> None:
    first, second, third = seeded(sample_store)
    before = pairs(sample_store)
    app = NeteventApp(sample_store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_desk(pilot)
        await pilot.press("escape", "down")  # the list; the second row is #2, Sarah → Tom
        await pilot.press("d", "y")
        await pilot.pause()
        assert [r[0] for r in pairs(sample_store)] == [first.id, third.id]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert pairs(sample_store) == before, "the deleted record is back under its own number, nothing else lost"
        assert f"Undone: delete of #{second.id}" in await toasts(pilot)
        assert len(screen.table.rows) == 3
        await pilot.press("ctrl+y")  # redo deletes it again
        await pilot.pause()
        assert [r[0] for r in pairs(sample_store)] == [first.id, third.id]
        assert "Redone: delete" in await toasts(pilot)


async def test_undo_after_an_edit_puts_the_old_record_back(sample_store: Store) -> None:
    seeded(sample_store)
    app = NeteventApp(sample_store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_desk(pilot)
        await pilot.press("escape", "e")  # edit the newest, Tom → Helen
        await pilot.pause()
        app.screen.query_one("#ref-to").focus()
        await pilot.press(*"hannah", "enter")  # focus selects the field: typing replaces it
        await pilot.pause()
        assert ("Tom Whitaker", "Hannah Clarke") in [(g, r) for _, g, r in pairs(sample_store)]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert ("Tom Whitaker", "Helen Moss") in [(g, r) for _, g, r in pairs(sample_store)]
        assert len(sample_store.referrals()) == 3
        assert "Undone: edit of #3" in await toasts(pilot)


async def test_undo_steps_back_through_actions_in_order_and_a_new_action_clears_redo(sample_store: Store) -> None:
    app = NeteventApp(sample_store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_desk(pilot)
        await pilot.press(*"oli", "tab", *"ian", "enter")
        await pilot.press(*"sarah", "tab", *"tom", "enter")
        await pilot.pause()
        await pilot.press("ctrl+z", "ctrl+z")
        await pilot.pause()
        assert sample_store.referrals() == []
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "Nothing to undo" in await toasts(pilot)
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert [(r.giver, r.receiver) for r in sample_store.referrals()] == [("Olivia Grant", "Ian Crowther")]
        await pilot.press(*"helen", "tab", *"tom", "enter")  # a new action: Sarah → Tom can no longer be redone
        await pilot.pause()
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert "Nothing to redo" in await toasts(pilot)
        assert len(sample_store.referrals()) == 2


async def test_a_one_to_one_can_be_booked_for_a_time_on_the_desk(sample_store: Store) -> None:
    """Issue 15 item 20: the calendar invented one-to-one times; now the desk asks When (optional)."""
    app = NeteventApp(sample_store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_desk(pilot)
        assert not screen.query_one("#ref-when-field").display  # only a one-to-one has a time
        await pilot.press(*"oli", "tab", *"ian", "tab", "o")
        await pilot.pause()
        assert screen.query_one("#ref-when-field").display
        await pilot.press("tab", *"2026-12-10 10:30", "enter")
        await pilot.press(*"sarah", "tab", *"tom", "tab", "o", "enter")  # When is optional
        await pilot.pause()
    booked, later = sorted(sample_store.referrals(), key=lambda r: r.id or 0)
    assert (booked.kind, booked.meet_at) == ("one-to-one", "2026-12-10T10:30")
    assert (later.kind, later.meet_at) == ("one-to-one", "")


async def test_at_80x24_closed_business_shows_its_value_fields_and_the_list_its_kind_and_value(
    sample_store: Store,
) -> None:
    """Issue 15 item 8: at 80×24 the kind row hid "closed", Value and Currency, and the list had no Kind or Value
    column, so a £2,000 closed record was typed blind."""
    app = NeteventApp(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_desk(pilot)
        assert not screen.query_one("#live-tally").display  # the desk gets the whole width; f7 has the tally
        await pilot.press(*"gar", "tab", *"raj", "tab", "c", *"2000")
        await pilot.pause()
        for field in ("#ref-value", "#ref-currency", "#ref-contact"):
            region = screen.query_one(field).region
            assert region.width >= 3 and region.right <= 80, field
        assert "closed" in str(screen.query_one("#ref-kind").render())
        await pilot.press("enter")
        await pilot.pause()
        table = screen.table
        labels = [str(c.label) for c in table.columns.values()]
        assert labels[:5] == ["#", "From", "To", "Kind", "Value"]
        assert [str(c) for c in table.get_row_at(0)][3:5] == ["closed", "£2,000"]


async def test_the_footer_shows_only_whole_keys(sample_store: Store) -> None:
    """Issue 15 item 12: footers ended "f2 Roste ^p palette"."""
    app = NeteventApp(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        for key in ("f2", "f3", "f4", "f5", "f7"):
            await pilot.press(key)
            await pilot.pause()
            line = str(app.screen.query_one("KeyFooter").render())
            assert line.rstrip().endswith("^p palette") and len(line) <= 80
            words = line.split()
            assert all(w in LABEL_WORDS or w.startswith(("f", "^", "enter")) or len(w) <= 2 for w in words), line
