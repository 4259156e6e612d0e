"""The Roster screen as the room sees it, pinned as SVG snapshots (80×24 projector and a wide laptop)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAMPLE_EVENT
from textual.pilot import Pilot

from netevent.event_files.load import load_event
from netevent.store.repository import Store
from netevent.tui.app import NeteventApp


@pytest.mark.parametrize("size", [(80, 24), (140, 40)])
def test_roster_screen_snapshot(snap_compare, tmp_path: Path, fake_clock, size: tuple[int, int]) -> None:
    store = Store(tmp_path / "meeting.json")
    store.load_event(load_event(SAMPLE_EVENT))
    app = NeteventApp(store, clock=fake_clock)

    async def check_in_a_few(pilot: Pilot) -> None:
        app.sub_title = "Thu 26 Nov 2026 · snapshot"  # the store path differs per run
        await pilot.press("p", "l", "a")  # each mark moves down a row
        await pilot.pause()

    try:
        assert snap_compare(app, terminal_size=size, run_before=check_in_a_few)
    finally:
        store.close()


def test_roster_panel_snapshot_with_a_rewritten_ask(snap_compare, tmp_path: Path, fake_clock) -> None:
    """The panel under the table shows a needs-work ask with what to listen for and its rewrite."""
    store = Store(tmp_path / "meeting.json")
    store.load_event(load_event(SAMPLE_EVENT))
    app = NeteventApp(store, clock=fake_clock)

    async def select_a_needs_work_ask(pilot: Pilot) -> None:
        app.sub_title = "Thu 26 Nov 2026 · snapshot"
        await pilot.press(*["down"] * 5)  # Helen Moss: "Couples going through a separation."
        await pilot.pause()

    try:
        assert snap_compare(app, terminal_size=(140, 40), run_before=select_a_needs_work_ask)
    finally:
        store.close()
