"""Every screen and dialog at 80×24 (an old projector, every terminal's default) and 120×30, pinned as SVG
snapshots (issue 15). Look at them in the snapshot report when one changes: nothing important may be hidden."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from conftest import SAMPLE_EVENT
from textual.pilot import Pilot

from netevent.domain.models import Referral
from netevent.event_files.load import load_event
from netevent.services import meeting
from netevent.store.repository import Store
from netevent.tui.app import NeteventApp

Steps = Callable[[Pilot], Awaitable[None]]


def keys(*pressed: str) -> Steps:
    async def run(pilot: Pilot) -> None:
        await pilot.press(*pressed)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    return run


SCREENS: dict[str, Steps] = {
    "roster": keys("p", "l"),
    "walk-in": keys("w", *"Nia Jones", "enter", *"Jones Dental", "enter", "enter", "enter", "enter", *"Anyone"),
    "ask-editor": keys("down", "down", "e"),
    "substitute-prompt": keys("down", "u"),
    "pitch": keys("f3"),
    "referrals": keys("f4", *"gar", "tab", *"raj", "tab", "c", *"850"),
    "edit-referral": keys("f4", "escape", "e"),
    "delete-referral": keys("f4", "escape", "d"),
    "introductions": keys("f5", "down"),
    "summaries-card": keys("f6"),
    "tally": keys("f7"),
    "end-meeting": keys("f10"),
}


def meeting_store(path: Path) -> Store:
    store = Store(path)
    store.load_event(load_event(SAMPLE_EVENT))
    meeting.check_in(store, "Chloe Barnes", "substitute", "Jamie Reed")
    at = "2026-11-26T07:4{}:00+00:00"  # fixed times: the list shows them
    store.add_referral(Referral("Sarah Patel", "Tom Whitaker", contact="Jo Bloggs", created_at=at.format(1)))
    store.add_referral(Referral("Helen Moss", "Daniel Okafor", kind="closed", value=1850.0, currency="GBP",
                                created_at=at.format(2)))  # fmt: skip
    return store


@pytest.mark.parametrize("size", [(80, 24), (120, 30)], ids=["80x24", "120x30"])
@pytest.mark.parametrize("screen", list(SCREENS))
def test_every_screen_and_dialog(snap_compare, tmp_path: Path, fake_clock, screen: str, size: tuple[int, int]) -> None:
    store = meeting_store(tmp_path / "meeting.json")
    app = NeteventApp(store, clock=fake_clock)

    async def open_it(pilot: Pilot) -> None:
        app.sub_title = "Thu 26 Nov 2026 · snapshot"  # the store path differs per run
        await pilot.pause()
        await SCREENS[screen](pilot)

    try:
        assert snap_compare(app, terminal_size=size, run_before=open_it)
    finally:
        store.close()
