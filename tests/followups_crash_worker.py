"""A headless netevent running the follow-up round by keys, printing an ack once each outcome shows on screen.

Run by tests/tui/test_followups_crash.py, which SIGKILLs it at random moments and checks the store kept every ack.
Usage: python tests/followups_crash_worker.py STORE
"""

from __future__ import annotations

import sys
from pathlib import Path

from textual.widgets import DataTable

from netevent.store.repository import Store
from netevent.tui.app import NeteventApp

KEYS = {"c": "contacted", "m": "met", "x": "no-reply", "l": "lost", "w": "won"}


async def drive(pilot) -> None:
    app: NeteventApp = pilot.app
    await pilot.press("f8")
    await pilot.pause()
    table = app.screen.query_one("#followups-table", DataTable)
    for step in range(10_000):
        if table.cursor_row >= table.row_count - 1:
            table.move_cursor(row=0)  # round again from the top
        record = str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        key = list(KEYS)[step % len(KEYS)]
        await pilot.press(key)
        if key == "w":
            await pilot.pause()
            await pilot.press(*"500", "enter")
        await pilot.pause()
        stored = app.store.followups()
        shown = str(table.get_cell(record, "status"))
        if stored and stored[-1].record == record and shown.startswith(KEYS[key]):
            print(f"followup {len(stored)} {record} {KEYS[key]}", flush=True)


def main() -> None:
    store = Store(Path(sys.argv[1]))
    print("ready", flush=True)
    NeteventApp(store).run(headless=True, size=(120, 36), auto_pilot=drive)


if __name__ == "__main__":
    main()
