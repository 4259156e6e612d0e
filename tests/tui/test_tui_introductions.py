"""The Introductions screen and the "who here can help?" panel, driven by keys as the facilitator would."""

from __future__ import annotations

from types import SimpleNamespace

from textual.app import App
from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from netevent.domain.models import name_key
from netevent.services.meeting import ReferralInput, record_referral
from netevent.store.repository import Store
from netevent.tui.app import NeteventApp
from netevent.tui.screens.introductions import IntroductionsScreen
from netevent.tui.widgets.helpers_panel import SHARPEN, HelpersPanel
from tests.matcher_rosters import spread_holds


async def settle(pilot: Pilot) -> None:
    """Let the matcher's thread finish and its message be handled."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def rows(app: App) -> list[list[str]]:
    table = app.screen.query_one("#intro-table", DataTable)
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


def text_of(app: App, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def open_introductions(pilot: Pilot) -> None:
    await pilot.press("f5")
    await settle(pilot)
    assert isinstance(pilot.app.screen, IntroductionsScreen)


async def test_f5_shows_ranked_pairs_with_reasons(sample_store: Store) -> None:
    app = NeteventApp(sample_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_introductions(pilot)
        table = rows(app)
        assert len(table) > 10
        assert [r[0] for r in table[:3]] == ["1", "2", "3"]
        shown = [SimpleNamespace(a=r[1], b=r[2], score=float(r[3])) for r in table]
        here = [p for p in sample_store.attendees() if not p.is_absent]
        assert spread_holds(shown, len(here))  # best first, spread so everyone is introduced early
        assert all(r[4] for r in table), "every suggestion shows a reason"
        pairs = {frozenset((r[1], r[2])) for r in table}
        assert frozenset(("Sarah Patel", "Tom Whitaker")) in pairs  # conveyancer and estate agent
        a, b = table[0][1], table[0][2]
        reasons = text_of(app, "#intro-reasons")
        assert a in reasons and b in reasons and reasons.count("•") >= 2
        await pilot.press("down")
        assert table[1][1] in text_of(app, "#intro-reasons")


async def test_confirming_records_an_introduction_and_reranks(sample_store: Store) -> None:
    app = NeteventApp(sample_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_introductions(pilot)
        first = rows(app)[0]
        a, b = first[1], first[2]
        reasons = app.screen.selected().reasons
        await pilot.press("enter")
        await pilot.pause()
        assert a in str(app.screen.query_one("#question", Static).render())
        await pilot.press("y")
        await settle(pilot)
        recorded = sample_store.referrals()
        assert len(recorded) == 1
        intro = recorded[0]
        assert (intro.kind, intro.giver, intro.receiver, intro.temperature) == ("introduction", a, b, 3)
        assert intro.note == "; ".join(reasons) and "Already introduced" not in intro.note
        assert intro.note.startswith(first[4])  # the reason shown in the table comes first
        after = rows(app)
        assert (after[0][1], after[0][2]) != (a, b), "the introduced pair is no longer on top"
        moved = next(r for r in after if (r[1], r[2]) == (a, b))
        assert float(moved[3]) < float(first[3])
        assert "already introduced" in moved[4]
        assert "1 already introduced" in text_of(app, "#intro-counts")
        cursor = app.screen.query_one("#intro-table", DataTable).cursor_row
        assert cursor == 0, "the cursor stays on the row, now the next best pair"


async def test_c_then_n_records_nothing(sample_store: Store) -> None:
    app = NeteventApp(sample_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_introductions(pilot)
        before = rows(app)
        await pilot.press("down", "c")
        await pilot.pause()
        await pilot.press("n")
        await settle(pilot)
        assert sample_store.referrals() == []
        assert isinstance(app.screen, IntroductionsScreen)
        assert rows(app) == before


async def test_absent_people_drop_out_and_an_empty_room_says_so(sample_store: Store) -> None:
    people = sample_store.attendees()
    for person in people[1:]:
        sample_store.update_attendee(person.name, attendance="absent")
    app = NeteventApp(sample_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_introductions(pilot)
        assert not app.screen.query_one("#intro-table").display
        assert app.screen.query_one("#intro-empty").display
        assert "Nobody to introduce yet" in text_of(app, "#intro-empty")
        # Tom walks in after all: the screen follows the store
        sample_store.update_attendee("Tom Whitaker", attendance="present")
        app.changed()
        await settle(pilot)
        assert [(r[1], r[2]) for r in rows(app)] == [("Sarah Patel", "Tom Whitaker")]
        assert app.screen.query_one("#intro-table").display


async def mounted_panel(app: NeteventApp, pilot: Pilot) -> HelpersPanel:
    """The panel placed on a screen of the running app, as the Pitch round screen will hold it."""
    await pilot.pause()
    panel = HelpersPanel(id="helpers")
    await app.screen.mount(panel)
    return panel


async def test_helpers_panel_names_someone_from_a_sharp_askers_sphere(sample_store: Store) -> None:
    app = NeteventApp(sample_store)
    async with app.run_test(size=(120, 36)) as pilot:
        panel = await mounted_panel(app, pilot)
        panel.show("Sarah Patel")
        await pilot.pause()
        shown = str(panel.render())
        assert shown.startswith("Who here can help: ")
        sphere = {"estate agent", "mortgage broker", "chartered surveyor"}
        named = [p for p in sample_store.attendees() if p.name in shown and p.name != "Sarah Patel"]
        assert 1 <= len(named) <= 3
        assert all(p.profession.lower() in sphere for p in named)
        assert "Sarah's contact sphere" in shown  # the first reason is printed with each name
        # Tom leaves: he is no longer offered, without calling show again
        sample_store.update_attendee("Tom Whitaker", attendance="absent")
        app.changed()
        await pilot.pause()
        assert "Tom Whitaker" not in str(panel.render())
        assert any(name_key(p.name) != name_key("Tom Whitaker") and p.name in str(panel.render()) for p in named)


async def test_helpers_panel_asks_to_sharpen_a_vague_ask(sample_store: Store) -> None:
    app = NeteventApp(sample_store)
    async with app.run_test(size=(120, 36)) as pilot:
        panel = await mounted_panel(app, pilot)
        panel.show("Chloe Barnes")  # "I want paying clients."
        await pilot.pause()
        shown = str(panel.render())
        assert shown.startswith(SHARPEN)
        assert "Who here can help" not in shown
        panel.show("")
        await pilot.pause()
        assert str(panel.render()) == ""


async def test_a_booked_one_to_one_is_labelled_as_such(sample_store: Store) -> None:
    record_referral(sample_store, ReferralInput("Priya Sharma", "Tom Whitaker", kind="one-to-one"))
    app = NeteventApp(sample_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_introductions(pilot)
        booked = next(r for r in rows(app) if (r[1], r[2]) == ("Priya Sharma", "Tom Whitaker"))
        assert booked[4].startswith("one-to-one booked")
        assert "1 one-to-one booked" in text_of(app, "#intro-counts")
        assert "already introduced" not in text_of(app, "#intro-counts")


async def test_a_confirmed_suggestion_is_made_by_the_facilitator_and_counts_as_nobodys_giving(
    sample_store: Store,
) -> None:
    """Issue 15 item 3: confirming "Helen ↔ Olivia" showed Helen "Gave 1" and counted her among the givers."""
    from netevent.render.tally_table import room_headline
    from netevent.services.meeting import meeting_tally

    app = NeteventApp(sample_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_introductions(pilot)
        a, b = rows(app)[0][1:3]
        await pilot.press("enter", "y")
        await settle(pilot)
        [intro] = sample_store.referrals()
        assert (intro.giver, intro.receiver, intro.made_by) == (a, b, "facilitator")
        tally = meeting_tally(sample_store)
        by_name = {row.name: row for row in tally.attendees}
        assert by_name[a].given == 0 and by_name[b].given == 0
        assert tally.room.givers == 0 and tally.room.records == 1
        assert "1 introduction made by the facilitator" in room_headline(tally).plain
        await pilot.press("f4")  # the desk's list says who made it
        await pilot.pause()
        table = app.screen.query_one("#referral-table", DataTable)
        assert str(table.get_row_at(0)[3]) == "intro (facilitator)"
