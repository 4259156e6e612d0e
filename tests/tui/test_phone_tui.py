"""Phones acting on the app's own server, in the same process: the facilitator's screens show it at once."""

from __future__ import annotations

import re

import aiohttp
from pilot_helpers import server_started
from textual.widgets import DataTable

from netevent.services.phone_actions import csrf_for
from netevent.store.repository import Store
from netevent.tui.app import NeteventApp
from netevent.web.server import app_pages

SHARP = "Landlords in Leeds who are selling a rented house this spring and need an estate agent."


async def phone_post(app: NeteventApp, name: str, action: str, **fields: str) -> int:
    """What a phone does: open the page, then send one of its forms (no redirect followed)."""
    assert app.summary_server is not None, "the summary server did not start"
    token = app.store.token_for(name)
    url = app.summary_server.url_for(token)
    async with aiohttp.ClientSession() as session:
        async with session.get(url) as page:
            shown = re.search(r'name="csrf" value="([0-9a-f]+)"', await page.text())
        csrf = csrf_for(app.store, token)  # what the form carries (a read-only page shows no form)
        assert shown is None or shown.group(1) == csrf
        async with session.post(f"{url}/{action}", data={"csrf": csrf, **fields}, allow_redirects=False) as response:
            return response.status


async def until(pilot, condition, tries: int = 50) -> None:
    """Let the app run until `condition()` holds: the phone's write is told to the app within 0.1 s."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.02)
    assert condition()


async def test_a_referral_from_a_phone_shows_on_the_referrals_screen_marked_as_from_the_phone(
    sample_store: Store,
) -> None:
    app = NeteventApp(sample_store, pages=app_pages, host="127.0.0.1", port=0)
    giver, receiver = (p.name for p in sample_store.attendees()[:2])
    async with app.run_test(size=(140, 40)) as pilot:
        await server_started(pilot)
        await pilot.press("f4")
        await pilot.pause()
        status = await phone_post(app, giver, "give", to=receiver, kind="referral", contact="Ann Lee",
                                  note="Told on her phone", temperature="4")  # fmt: skip
        assert status == 303
        record = sample_store.referrals()[-1]
        table = app.screen.query_one("#referral-table", DataTable)
        await until(pilot, lambda: str(record.id) in [key.value for key in table.rows])
        row = " ".join(str(cell) for cell in table.get_row(str(record.id)))
        assert giver in row and receiver in row and "Told on her phone" in row
        assert "phone" in row  # marked as from the phone
        await pilot.press("escape", "d", "y")  # deleted like any other record (the list has the focus)
        await pilot.pause()
        assert record.id not in [r.id for r in sample_store.referrals()]
        await pilot.press("ctrl+z")  # and that delete undone: it is the phone's record again
        await pilot.pause()
        assert [(r.id, r.source) for r in sample_store.referrals()] == [(record.id, "phone")]


async def test_an_ask_from_a_phone_is_marked_on_the_roster_and_undone_there(sample_store: Store) -> None:
    app = NeteventApp(sample_store, pages=app_pages, host="127.0.0.1", port=0)
    person = sample_store.attendees()[0]
    async with app.run_test(size=(140, 40)) as pilot:
        await server_started(pilot)
        assert await phone_post(app, person.name, "ask", ask=SHARP) == 303
        table = app.screen.query_one("#roster-table", DataTable)
        await until(pilot, lambda: "phone" in str(table.get_row_at(0)[-1]))
        detail = str(app.screen.query_one("#roster-detail").render())
        assert "from their phone" in detail
        await pilot.press("z")
        await pilot.pause()
        assert sample_store.attendee(person.name).ask == person.ask
        assert "phone" not in str(table.get_row_at(0)[-1])


async def test_the_summaries_screen_turns_phone_changes_off_and_on(sample_store: Store) -> None:
    app = NeteventApp(sample_store, pages=app_pages, host="127.0.0.1", port=0)
    person = sample_store.attendees()[0]
    async with app.run_test(size=(140, 40)) as pilot:
        await server_started(pilot)
        await pilot.press("f6")
        await pilot.pause()
        await pilot.press("c")
        assert app.summary_server is not None and app.summary_server.read_only
        assert "read-only" in str(app.screen.query_one("#summaries-status").render())
        before = sample_store.path.read_bytes()
        assert await phone_post(app, person.name, "goal", referrals="1") == 403
        assert sample_store.path.read_bytes() == before
        await pilot.press("c")
        assert not app.summary_server.read_only


async def test_the_speakers_ask_from_a_phone_is_marked_at_the_pitch_and_undone_there(sample_store: Store) -> None:
    app = NeteventApp(sample_store, pages=app_pages, host="127.0.0.1", port=0)
    async with app.run_test(size=(140, 40)) as pilot:
        await server_started(pilot)
        await pilot.press("f3")
        await pilot.pause()
        speaker = app.screen.speaker_name()
        before = sample_store.attendee(speaker).ask
        assert await phone_post(app, speaker, "ask", ask=SHARP) == 303
        panel = app.screen.query_one("#pitch-speaker")
        await until(pilot, lambda: "from their phone" in str(panel.render()))
        assert SHARP in str(panel.render())
        await pilot.press("z")
        await pilot.pause()
        assert sample_store.attendee(speaker).ask == before
        assert "from their phone" not in str(panel.render())
