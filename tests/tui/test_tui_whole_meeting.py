"""A whole meeting at 80×24, driven by keys as a facilitator would, then the tally End meeting prints, line by
line (issue 15: check-in with a stand-in and a walk-in, a skipped speaker brought back, every kind of record,
undo of a delete, End meeting)."""

from __future__ import annotations

import io

from rich.console import Console
from textual.widgets import Input

from netevent.cli import print_tally
from netevent.store.repository import Store
from netevent.tui.app import NeteventApp
from netevent.tui.screens.pitch import PitchScreen


async def test_a_whole_meeting_at_80x24_and_its_printed_tally(sample_store: Store, fake_clock) -> None:
    app = NeteventApp(sample_store, clock=fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        # Check-in: Sarah present, Tom late, Priya absent (each key moves down), Jamie stands in for Chloe.
        await pilot.press("p", "l", "a", *["down"] * 7, "u")
        await pilot.pause()
        await pilot.press(*"Jamie Reed", "enter")
        await pilot.press("w", *"Nia Jones", "enter", *"Jones Dental", "enter", *"Dentist", "enter", "enter", "enter")
        await pilot.press(*"Dental practice managers in Leeds", "ctrl+s")
        await pilot.pause()
        people = {p.name: p for p in sample_store.attendees()}
        assert [people[n].attendance for n in ("Sarah Patel", "Tom Whitaker", "Priya Sharma")] == [
            "present", "late", "absent"]  # fmt: skip
        chloe = people["Chloe Barnes"]
        assert (chloe.attendance, chloe.substitute_name) == ("substitute", "Jamie Reed")
        assert people["Nia Jones"].attendance == "present"

        # Pitch round: Sarah speaks, Tom is skipped and brought back, everyone else speaks.
        await pilot.press("f3")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PitchScreen) and screen.service is not None
        await pilot.press("space")
        fake_clock.advance(50)
        await pilot.press("n", "s", "r")
        while not screen.service.finished:
            await pilot.press("space")
            fake_clock.advance(40)
            await pilot.press("n")
        spoken = [p.speaker for p in sample_store.pitches() if p.status == "done"]
        assert spoken.count("Tom Whitaker") == 1 and "Priya Sharma" not in spoken

        # Every kind of record, then a delete undone.
        await pilot.press("f4")
        await pilot.pause()
        await pilot.press(*"oli", "tab", *"ian", "enter")
        await pilot.press(*"helen", "tab", *"dan", "tab", "i", "enter")
        await pilot.press(*"jamie", "tab", *"nia", "tab", "o", "enter")
        await pilot.press(*"gar", "tab", *"raj", "tab", "c", *"850", "enter")
        await pilot.pause()
        assert app.screen.query_one("#ref-from", Input).value == ""
        await pilot.press("escape", "down", "down", "down", "d", "y")  # the oldest row: Olivia → Ian
        await pilot.pause()
        assert len(sample_store.referrals()) == 3
        await pilot.press("ctrl+z")
        await pilot.pause()
        kinds = sorted((r.kind, r.giver, r.receiver) for r in sample_store.referrals())
        assert kinds == [
            ("closed", "Gareth Evans", "Raj Mistry"),
            ("introduction", "Helen Moss", "Daniel Okafor"),
            ("one-to-one", "Chloe Barnes", "Nia Jones"),
            ("referral", "Olivia Grant", "Ian Crowther"),
        ]

        await pilot.press("f10", "y")
        await pilot.pause()
    assert app.return_value == "ended"

    out = io.StringIO()
    print_tally(sample_store.path, Console(file=out, width=80, color_system=None))
    lines = out.getvalue().splitlines()
    assert all(len(line) <= 80 for line in lines)
    rows = {cells[1].strip(): [c.strip() for c in cells[2:-1]]
            for cells in (line.split("│") for line in lines) if len(cells) > 6}  # fmt: skip
    assert rows["Gareth Evans"][:3] == ["1", "0", "–"]
    assert rows["Raj Mistry"][:3] == ["0", "1", "£850"]
    assert rows["Jamie Reed (for Chloe Barnes)"][:2] == ["1", "0"]
    assert rows["Nia Jones"][:2] == ["0", "1"]
    assert rows["Olivia Grant"][:2] == ["1", "0"] and rows["Helen Moss"][:2] == ["1", "0"]
    assert rows["Sarah Patel"][3] == "0:50"
    assert len(rows) == len(sample_store.attendees())
    text = "\n".join(lines)
    assert "4 records — 1 referral, 1 intro, 1 1-2-1, 1 closed" in text
    in_room = sum(1 for p in sample_store.attendees() if p.attendance != "absent")
    assert f"4 of {in_room} attendees gave something" in text
    assert "Business closed in the room: £850" in text
