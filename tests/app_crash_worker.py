"""A headless netevent that records pitches and referrals by keys, printing an ack after each one is on screen.

Run by tests/test_app_crash.py, which SIGKILLs it at random moments and checks the store kept every ack.
Usage: python tests/app_crash_worker.py EVENT STORE
"""

from __future__ import annotations

import sys
from pathlib import Path

from textual.widgets import DataTable

from netevent.cli import _open_for_event
from netevent.tui.app import NeteventApp

PAIRS = [("sar", "tom"), ("oli", "ian"), ("pri", "gar"), ("hel", "oli"), ("raj", "kir")]  # unique prefixes


async def drive(pilot) -> None:
    app: NeteventApp = pilot.app
    for step in range(10_000):
        # One pitch: start, speak a moment, end; ack once the store holds it as done.
        await pilot.press("f3", "space")
        await pilot.pause(0.01)
        await pilot.press("n")
        await pilot.pause()
        done = [p for p in app.store.pitches() if p.status == "done"]
        print(f"pitch {len(done)}", flush=True)
        # One referral typed on the Referrals screen; ack once it is in the recent list on screen.
        giver, receiver = PAIRS[step % len(PAIRS)]
        await pilot.press("f4")
        await pilot.pause()
        await pilot.press(*giver, "tab", *receiver, "enter")
        await pilot.pause()
        stored = app.store.referrals()
        table = app.screen.query_one("#referral-table", DataTable)
        if stored and table.row_count >= 1:
            newest = stored[-1]
            print(f"referral {newest.id} {newest.giver} -> {newest.receiver}", flush=True)


def main() -> None:
    event, store_path = Path(sys.argv[1]), Path(sys.argv[2])
    store = _open_for_event(event, store_path)
    print("ready", flush=True)
    NeteventApp(store).run(headless=True, size=(120, 36), auto_pilot=drive)


if __name__ == "__main__":
    main()
