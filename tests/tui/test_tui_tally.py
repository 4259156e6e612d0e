"""The Tally screen: the table read out at the close and its bars, always what the store holds."""

from __future__ import annotations

from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import Static

from netevent.domain.models import Referral
from netevent.render.tally_table import tally_table
from netevent.services import meeting
from netevent.store.repository import Store
from netevent.tui.app import NeteventApp
from netevent.tui.screens.tally import TallyScreen

SIZE = (120, 40)


def plain(renderable: object, width: int = 160) -> str:
    console = Console(width=width, record=True)
    console.print(renderable)
    return console.export_text()


def shown(pilot: Pilot, selector: str) -> str:
    return plain(pilot.app.screen.query_one(selector, Static).content)


def seed(store: Store) -> None:
    store.add_referrals(
        [
            Referral("Olivia Grant", "Ian Crowther"),
            Referral("Olivia Grant", "Sarah Patel", kind="introduction"),
            Referral("Sarah Patel", "Olivia Grant", kind="one-to-one"),
            Referral("Tom Whitaker", "Sarah Patel", kind="closed", value=2500.0, currency="GBP"),
        ]
    )


async def test_tally_screen_shows_the_same_table_end_meeting_prints(sample_store: Store) -> None:
    seed(sample_store)
    app = NeteventApp(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f7")
        await pilot.pause()
        assert isinstance(app.screen, TallyScreen)
        table = shown(pilot, "#tally-table")
        expected = plain(tally_table(meeting.meeting_tally(sample_store), title=app.event.title, currency="GBP"))
        assert table == expected
        assert "Business closed in the room: £2,500" in table
        assert "End meeting" in str(app.screen.query_one("#tally-hint", Static).content)


async def test_bars_rank_givers_and_show_counts(sample_store: Store) -> None:
    seed(sample_store)
    app = NeteventApp(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f7")
        await pilot.pause()
        lines = shown(pilot, "#tally-bars").splitlines()
        assert lines[1].startswith("Olivia Grant")  # the top giver comes first
        olivia = lines[1]
        assert olivia.count("█") > 0 and " 2 " in olivia  # gave 2, received 1
        nobody = next(line for line in lines if line.startswith("Hannah Clarke"))
        assert "█" not in nobody
        received = [line for line in lines[1:] if line.rstrip().endswith(("1", "2"))]
        assert len(received) == 3  # Ian, Sarah and Olivia received; nobody else shows a count


async def test_tally_screen_follows_records_made_on_the_desk(sample_store: Store) -> None:
    app = NeteventApp(sample_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f7")
        await pilot.pause()
        assert "0 records" in shown(pilot, "#tally-table")
        await pilot.press("f4")
        await pilot.pause()
        await pilot.press(*"oli", "tab", *"ian", "enter")
        await pilot.pause()
        await pilot.press("f7")
        await pilot.pause()
        table = shown(pilot, "#tally-table")
        assert "1 record" in table and "1 records" not in table
        olivia = next(line for line in table.splitlines() if "Olivia Grant" in line)
        assert olivia.split("│")[2].strip() == "1"  # the Gave column


def test_the_printed_tally_fits_80_columns_with_names_whole_and_a_legend(sample_store: Store) -> None:
    """Issue 15 item 10: at 80 columns the tally read "Atte… Rec… £1,2… Dani…"."""
    from netevent.render.tally_table import COMPACT_LEGEND, LEGEND, tally_table
    from netevent.services.meeting import meeting_tally

    seed(sample_store)
    view = tally_table(meeting_tally(sample_store), title="Riverside Breakfast Club — referral tally")
    narrow = plain(view, width=80)
    assert all(len(line) <= 80 for line in narrow.splitlines())
    assert "…" not in narrow
    for person in sample_store.attendees():
        assert person.name in narrow
    assert "Attendee" in narrow and "Recv" in narrow and COMPACT_LEGEND in narrow
    wide = plain(view, width=160)
    assert "Referrals" in wide and "1-2-1s" in wide and LEGEND in wide
