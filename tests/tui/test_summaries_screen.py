"""The Summaries screen as the facilitator uses it: the codes on screen scan, keys move, a new link kills the old."""

from __future__ import annotations

import zxingcpp
from PIL import Image
from pilot_helpers import server_started
from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import Static

from netevent.services.summaries import build_summary, summary_text
from netevent.store.repository import Store
from netevent.tui.app import NeteventApp
from netevent.tui.screens.summaries import SummariesScreen
from netevent.web.netaddr import free_port
from netevent.web.server import app_pages


def served_app(store: Store) -> NeteventApp:
    """The app as `netevent run` starts it, serving the pages on a free local port."""
    return NeteventApp(store, pages=app_pages, host="127.0.0.1", port=free_port(0, "127.0.0.1"))


async def started(pilot: Pilot):  # -> the app's PageServer
    """The app's summary server, once it has started after the first screen (the app stops it on exit)."""
    await server_started(pilot)
    server = pilot.app.summary_server
    assert server is not None, "the summary server did not start"
    return server


def drawing_to_image(lines: list[str], scale: int = 4) -> Image.Image:
    """Pixels of a terminal drawing: half-blocks are one column by two module rows per cell, full blocks
    ("██" per module) one module per line, two columns wide."""
    if any("▀" in line or "▄" in line for line in lines):
        rows = []
        for line in lines:
            rows.append([c in "▀█" for c in line])
            rows.append([c in "▄█" for c in line])
    else:
        rows = [[c == "█" for c in line[::2]] for line in lines]
    width = max(len(r) for r in rows) + 8
    image = Image.new("L", (width, len(rows) + 8), 255)
    for y, row in enumerate(rows):
        for x, dark in enumerate(row):
            if dark:
                image.putpixel((x + 4, y + 4), 0)
    return image.resize((image.width * scale, image.height * scale), Image.Resampling.NEAREST)


def screen_codes(app: NeteventApp) -> list[str]:
    """Decode every QR code the screen shows, from the text it draws."""
    screen = app.screen
    assert isinstance(screen, SummariesScreen)
    target = "#summaries-wall" if screen.wall else "#summaries-code"
    console = Console(width=400, record=True, color_system=None)
    console.print(screen.query_one(target, Static).content)
    lines = [line for line in console.export_text().splitlines() if line.strip() and set(line) <= set(" ▀▄█")]
    # Model 2 QR only: zxing's QRCode family also reads Micro QR and rMQR, and a wall once gave stray "156515", "64306"
    found = zxingcpp.read_barcodes(drawing_to_image(lines), formats=zxingcpp.BarcodeFormat.QRCodeModel2)
    return sorted(r.text for r in found)


async def test_one_large_code_per_attendee_carries_their_link(sample_store: Store) -> None:
    app = served_app(sample_store)
    async with app.run_test(size=(160, 60)) as pilot:
        server = await started(pilot)
        await app.push_screen(SummariesScreen())
        await pilot.pause()
        people = [a.name for a in sample_store.attendees()]
        assert screen_codes(app) == [server.url_for(sample_store.token_for(people[0]))]
        await pilot.press("right", "right")
        assert screen_codes(app) == [server.url_for(sample_store.token_for(people[2]))]
        await pilot.press("left")
        assert screen_codes(app) == [server.url_for(sample_store.token_for(people[1]))]
        status = str(app.screen.query_one("#summaries-status").render())
        assert server.base_url in status and "pages opened: 0" in status


async def test_wall_shows_many_codes_that_all_scan(sample_store: Store) -> None:
    app = served_app(sample_store)
    async with app.run_test(size=(200, 60)) as pilot:
        server = await started(pilot)
        await app.push_screen(SummariesScreen())
        await pilot.press("w")
        screen = app.screen
        assert isinstance(screen, SummariesScreen)
        await pilot.pause()  # the wall is drawn once the layout has switched
        assert "showing 1–" in str(screen.query_one("#summaries-status", Static).content)
        codes = screen_codes(app)
        links = {server.url_for(t) for t in sample_store.tokens().values()}
        assert len(codes) >= 6
        assert set(codes) <= links


async def test_without_a_server_codes_carry_the_text_summary(sample_store: Store) -> None:
    app = NeteventApp(sample_store)
    async with app.run_test(size=(200, 60)) as pilot:
        await app.push_screen(SummariesScreen())
        await pilot.pause()
        first = sample_store.attendees()[0].name
        assert screen_codes(app) == [summary_text(build_summary(sample_store, first))]
        assert "off" in str(app.screen.query_one("#summaries-status").render())


async def test_reissuing_a_token_changes_the_code_and_kills_the_old_link(sample_store: Store) -> None:
    app = served_app(sample_store)
    async with app.run_test(size=(160, 60)) as pilot:
        server = await started(pilot)
        await app.push_screen(SummariesScreen())
        await pilot.pause()
        first = sample_store.attendees()[0].name
        old = sample_store.token_for(first)
        await pilot.press("r")
        await pilot.press("y")
        await pilot.pause()
        new = sample_store.token_for(first)
        assert new != old
        assert screen_codes(app) == [server.url_for(new)]


async def test_room_display_from_the_palette_shows_its_code_and_address(sample_store: Store) -> None:
    app = served_app(sample_store)
    async with app.run_test(size=(160, 60)) as pilot:
        server = await started(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Room display")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        room_url = server.room_url(sample_store.room_token())
        assert isinstance(app.screen, SummariesScreen)
        assert screen_codes(app) == [room_url]
        caption = str(app.screen.query_one("#summaries-caption", Static).render())
        assert room_url in caption
        assert room_url in str(app.screen.query_one("#summaries-status", Static).render())
        await pilot.press("d")  # back to the attendees' codes
        await pilot.pause()
        first = sample_store.attendees()[0].name
        assert screen_codes(app) == [server.url_for(sample_store.token_for(first))]


async def test_absent_members_are_left_off_the_codes_unless_asked_for(sample_store: Store) -> None:
    """Issue 15: absent members can be left off the wall; `a` brings them back."""
    sample_store.update_attendee("Sarah Patel", attendance="absent")
    app = served_app(sample_store)
    async with app.run_test(size=(160, 60)) as pilot:
        server = await started(pilot)
        await app.push_screen(SummariesScreen())
        await pilot.pause()
        first_here = server.url_for(sample_store.token_for("Tom Whitaker"))
        assert screen_codes(app) == [first_here]  # Sarah, the first on the roster, is absent: no code
        await pilot.press("a")
        await pilot.pause()
        assert screen_codes(app) == [server.url_for(sample_store.token_for("Sarah Patel"))]


async def test_a_card_code_at_80x24_fits_the_screen_and_scans(sample_store: Store) -> None:
    """Issue 15 item 11: the card-mode code was cut at the bottom at 80×24 and could not be scanned."""
    app = NeteventApp(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(SummariesScreen())
        await pilot.pause()
        code = app.screen.query_one("#summaries-code", Static)
        assert code.region.bottom <= 24 - 1 - 2  # above the footer and the name under it
        [text] = screen_codes(app)
        assert text.startswith("Sarah Patel")  # a shorter summary, still hers
