"""The app under hostile conditions (issue 19): a taken default port moves the pages and the codes follow."""

from __future__ import annotations

import socket

import pytest
from pilot_helpers import server_started
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
            await server_started(pilot)
            server = app.summary_server
            assert server is not None and server.moved_from == taken and server.port != taken
            await pilot.pause()
            first = sample_store.attendees()[0].name
            assert screen_codes(app) == [f"http://127.0.0.1:{server.port}/s/{sample_store.token_for(first)}"]
            status = str(app.screen.query_one("#summaries-status").render())
            assert f"127.0.0.1:{server.port}" in status


async def test_an_explicit_port_that_is_taken_says_on_the_summaries_screen_that_pages_are_off(
    sample_store: Store,
) -> None:
    """The status line said "starting…" for ever when the server could not start; it must say why it is off."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        taken = sock.getsockname()[1]
        app = NeteventApp(sample_store, pages=app_pages, host="127.0.0.1", port=taken)
        async with app.run_test(size=(160, 60)) as pilot:
            await pilot.press("f6")
            await server_started(pilot)
            assert app.summary_server is None
            status = str(app.screen.query_one("#summaries-status").render())
            assert status.startswith("Summary server off (") and str(taken) in status
            assert "codes carry each summary as text" in status
