"""The title line and the key footer every screen shows: what they say, and that clicking a key presses it."""

from __future__ import annotations

from netevent.store.repository import Store
from netevent.tui.app import NeteventApp
from netevent.tui.screens.pitch import PitchScreen
from netevent.tui.screens.roster import RosterScreen
from netevent.tui.widgets.chrome import KeyFooter, TitleBar


def footer_line(app: NeteventApp) -> str:
    return app.screen.query_one(KeyFooter).render().plain


async def test_title_line_names_the_meeting_its_date_and_the_store(sample_store: Store) -> None:
    app = NeteventApp(sample_store)
    async with app.run_test(size=(160, 36)) as pilot:
        await pilot.pause()
        line = app.screen.query_one(TitleBar).render().plain
        assert line.startswith("Riverside Breakfast Club")
        assert "Thu 26 Nov 2026" in line and str(sample_store.path) in line


async def test_footer_lists_the_screens_keys_and_follows_screen_changes(sample_store: Store) -> None:
    app = NeteventApp(sample_store)
    async with app.run_test(size=(200, 36)) as pilot:
        await pilot.pause()
        line = footer_line(app)
        for shown in ("p Present", "w Walk-in", "f3 Pitch round", "f10 End meeting"):
            assert shown in line
        assert line.rstrip().endswith("^p palette")  # the palette key keeps the right edge
        await pilot.press("f3")
        await pilot.pause()
        line = footer_line(app)
        assert "p Present" not in line  # the roster's keys went with the roster
        assert "space" in line and "f2 Roster" in line


async def test_clicking_a_footer_key_presses_it(sample_store: Store) -> None:
    app = NeteventApp(sample_store)
    async with app.run_test(size=(160, 36)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RosterScreen)
        column = footer_line(app).index("Pitch round")
        assert await pilot.click(KeyFooter, offset=(column, 0))
        await pilot.pause()
        assert isinstance(app.screen, PitchScreen)
        column = footer_line(app).index("Roster")
        await pilot.click(KeyFooter, offset=(column, 0))
        await pilot.pause()
        assert isinstance(app.screen, RosterScreen)


async def test_keys_that_do_not_fit_are_cut_but_the_palette_key_stays(sample_store: Store) -> None:
    app = NeteventApp(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        line = footer_line(app)
        assert len(line) == 80
        assert line.endswith("^p palette ")
        assert "f10 End meeting" not in line  # too wide for 80 columns: cut, not wrapped over the table
