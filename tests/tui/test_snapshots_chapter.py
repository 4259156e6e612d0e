"""The chapter's screens pinned as SVG snapshots on the fixed three-meeting chapter (tests/chapter_meetings.py):
the Follow-ups round at 80×24 with one outcome given, and the History at 120×30."""

from __future__ import annotations

from pathlib import Path

import pytest
from chapter_meetings import current_store
from textual.pilot import Pilot

from netevent.tui.app import NeteventApp

STEPS = {"followups": ("f8", "c"), "history": ("f9",)}
SIZES = {"followups": (80, 24), "history": (120, 30)}


@pytest.mark.parametrize("screen", list(STEPS))
def test_chapter_screens(snap_compare, tmp_path: Path, fake_clock, screen: str) -> None:
    store = current_store(tmp_path)
    app = NeteventApp(store, clock=fake_clock)

    async def open_it(pilot: Pilot) -> None:
        app.sub_title = "Thu 26 Nov 2026 · snapshot"  # the store path differs per run
        await pilot.pause()
        await pilot.press(*STEPS[screen])
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    try:
        assert snap_compare(app, terminal_size=SIZES[screen], run_before=open_it)
    finally:
        store.close()
