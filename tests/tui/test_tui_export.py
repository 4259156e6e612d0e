"""The app's Export command, run from the command palette as the facilitator would."""

from __future__ import annotations

import csv
from pathlib import Path

from pilot_helpers import toasts
from textual.widgets import Input

from netevent.domain.models import Referral
from netevent.store.repository import Store
from netevent.tui.app import NeteventApp


async def test_export_from_the_palette_writes_every_file(sample_store: Store, tmp_path: Path) -> None:
    sample_store.add_referral(Referral("Olivia Grant", "Tom Whitaker", note='Says "call after 10", <b>urgent</b>'))
    app = NeteventApp(sample_store)
    target = tmp_path / "out"
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Export")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        prompt = app.screen.query_one("#prompt-input", Input)
        assert prompt.value.endswith("riverside-breakfast-club-2026-11-26")  # a sensible default folder
        prompt.value = str(target)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        notes = await toasts(pilot)
        assert f"to {target}" in notes and "Wrote " in notes, notes
    assert {"attendees.csv", "referrals.csv", "event.json", "report.html", "contacts.vcf"} <= {
        p.name for p in target.iterdir()
    }
    with open(target / "referrals.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 1
    assert (rows[0]["giver"], rows[0]["receiver"]) == ("Olivia Grant", "Tom Whitaker")
    assert rows[0]["note"] == 'Says "call after 10", <b>urgent</b>'  # quotes and commas survive the CSV


async def test_export_to_an_unwritable_place_says_why(sample_store: Store, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    app = NeteventApp(sample_store)
    async with app.run_test(size=(120, 36)) as pilot:
        app.action_export()
        await pilot.pause()
        app.screen.query_one("#prompt-input", Input).value = str(blocker / "sub")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Export failed" in str(app.screen.query_one("#error-message").render())
