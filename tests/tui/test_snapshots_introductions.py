"""What the facilitator sees on the Introductions screen, pinned as an SVG snapshot."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.pilot import Pilot

from netevent.event_files.load import load_event
from netevent.store.repository import Store
from netevent.tui.app import NeteventApp

SAMPLE_EVENT = Path(__file__).resolve().parents[2] / "sample_events" / "riverside-breakfast.toml"
SNAPSHOT_DIR = Path("/tmp/netevent-snapshots")  # the header shows the store path, so it must not vary


def test_introductions_screen_snapshot(snap_compare, fake_clock) -> None:
    folder = SNAPSHOT_DIR / "introductions"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    store = Store(folder / "introductions.json")
    store.load_event(load_event(SAMPLE_EVENT))
    app = NeteventApp(store, clock=fake_clock)

    async def open_screen(pilot: Pilot) -> None:
        await pilot.press("f5")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("down")  # the reasons panel follows the cursor
        await pilot.pause()

    try:
        assert snap_compare(app, terminal_size=(120, 36), run_before=open_screen)
    finally:
        store.close()
        shutil.rmtree(folder, ignore_errors=True)
