"""What the facilitator sees on the Referrals screen with a dozen records, pinned as an SVG snapshot."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.pilot import Pilot

from netevent.domain.models import Referral
from netevent.event_files.load import load_event
from netevent.store.repository import Store
from netevent.tui.app import NeteventApp

SAMPLE_EVENT = Path(__file__).resolve().parents[2] / "sample_events" / "riverside-breakfast.toml"
SNAPSHOT_DIR = Path("/tmp/netevent-snapshots")  # the header shows the store path, so it must not vary

# (giver, receiver, kind, contact, note, temperature, value), recorded a minute apart from 07:40
DOZEN = (
    ("Sarah Patel", "Tom Whitaker", "referral", "Jo Bloggs", "offer accepted on a flat", 4, None),
    ("Tom Whitaker", "Sarah Patel", "referral", "Sam Ode 07700 900123", "first-time buyer", 3, None),
    ("Olivia Grant", "Ian Crowther", "introduction", "", "both serve landlords", 5, None),
    ("Priya Sharma", "Gareth Evans", "one-to-one", "", "Tuesday coffee", 3, None),
    ("Helen Moss", "Daniel Okafor", "closed", "", "boiler replacement", 5, 1850.0),
    ("Mick Halloran", "Kirsty Lund", "referral", "pat@example.com", "", 2, None),
    ("Raj Mistry", "Chloe Barnes", "referral", "Lee's Café", "menu is out of date", 3, None),
    ("Fiona Walsh", "Hannah Clarke", "one-to-one", "", "", 3, None),
    ("Stuart Reid", "Amara Mensah", "introduction", "", "", 4, None),
    ("Sarah Patel", "Olivia Grant", "closed", "", "remortgage", 5, 640.0),
    ("Beth Lawson", "Tom Whitaker", "referral", "Kim Hale", "name only", 1, None),
    ("Sarah Patel", "Helen Moss", "referral", "Dev Rao", "call after 6pm", 3, None),
)


def test_referrals_screen_snapshot(snap_compare, fake_clock) -> None:
    folder = SNAPSHOT_DIR / "referrals"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    store = Store(folder / "referrals.json")
    store.load_event(load_event(SAMPLE_EVENT))
    store.add_referrals(
        Referral(giver, receiver, kind, contact, note, temperature, value, "GBP" if value else "",
                 created_at=f"2026-11-26T07:{40 + i:02d}:00+00:00")
        for i, (giver, receiver, kind, contact, note, temperature, value) in enumerate(DOZEN)
    )  # fmt: skip
    app = NeteventApp(store, clock=fake_clock)

    async def open_screen(pilot: Pilot) -> None:
        await pilot.press("f4")
        await pilot.pause()
        await pilot.press(*"oli")  # a suggestion on show: the grey rest of the name
        await pilot.pause()

    try:
        assert snap_compare(app, terminal_size=(120, 40), run_before=open_screen)
    finally:
        store.close()
        shutil.rmtree(folder, ignore_errors=True)
