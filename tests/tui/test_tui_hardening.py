"""The app under hostile conditions (issue 19): a taken default port moves the pages and the codes follow."""

from __future__ import annotations

import socket

import pytest
from test_summaries_screen import screen_codes

from netevent.store.repository import Store
from netevent.tui.app import NeteventApp
from netevent.web.server import app_pages


async def test_a_taken_default_port_moves_the_pages_and_the_codes_show_the_new_address(
    sample_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        taken = sock.getsockname()[1]
        monkeypatch.setattr("netevent.services.page_server.DEFAULT_PORT", taken)
        app = NeteventApp(sample_store, pages=app_pages, host="127.0.0.1")
        async with app.run_test(size=(160, 60)) as pilot:
            await pilot.press("f6")
            for _ in range(200):
                if app.summary_server is not None:
                    break
                await pilot.pause(0.05)
            server = app.summary_server
            assert server is not None and server.moved_from == taken and server.port != taken
            await pilot.pause()
            first = sample_store.attendees()[0].name
            assert screen_codes(app) == [f"http://127.0.0.1:{server.port}/s/{sample_store.token_for(first)}"]
            status = str(app.screen.query_one("#summaries-status").render())
            assert f"127.0.0.1:{server.port}" in status
