"""The app serves attendee pages on its own loop once the first screen is up, and stops them on exit."""

from __future__ import annotations

import aiohttp
from pilot_helpers import server_started

from netevent.domain.models import Referral
from netevent.store.repository import Store
from netevent.tui.app import NeteventApp
from netevent.web.netaddr import free_port
from netevent.web.server import app_pages


async def wait_for_server(app: NeteventApp, pilot) -> None:
    await server_started(pilot)
    assert app.summary_server is not None, "the summary server did not start"


async def test_pages_are_served_live_while_the_app_runs(sample_store: Store) -> None:
    port = free_port(18765)
    app = NeteventApp(sample_store, pages=app_pages, host="127.0.0.1", port=port)
    token = sample_store.token_for("Tom Whitaker")
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_server(app, pilot)
        url = app.summary_server.url_for(token)
        assert url == f"http://127.0.0.1:{port}/s/{token}"
        async with aiohttp.ClientSession() as session:
            async with session.get(url) as response:
                assert response.status == 200
                assert "Tom Whitaker" in await response.text()
            sample_store.add_referral(Referral("Olivia Grant", "Tom Whitaker", contact="Jo Blake"))
            app.changed()
            async with session.get(url) as response:
                assert "Jo Blake" in await response.text()  # a reload shows the new referral
            async with session.get(f"http://127.0.0.1:{port}/") as response:
                assert response.status == 404
    # Closing the app stops the server and frees the port.
    assert free_port(port) == port


async def test_no_serve_starts_no_server(sample_store: Store) -> None:
    app = NeteventApp(sample_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await server_started(pilot)
        assert app.summary_server is None
        assert not list(app.workers)  # nothing was started that could still bind a port


async def test_pages_opened_goes_on_counting_after_a_restart(sample_store: Store) -> None:
    """Issue 15 item 16: "pages opened" went back to 0 when the app was restarted."""
    token = sample_store.token_for("Tom Whitaker")
    port = free_port(18775)
    first = NeteventApp(sample_store, pages=app_pages, host="127.0.0.1", port=port)
    async with first.run_test(size=(120, 36)) as pilot:
        await wait_for_server(first, pilot)
        async with aiohttp.ClientSession() as session:
            for _ in range(2):
                async with session.get(first.summary_server.url_for(token)) as response:
                    assert response.status == 200
        first.save_opened()  # what the app's timer does every couple of seconds
    again = NeteventApp(sample_store, pages=app_pages, host="127.0.0.1", port=free_port(port))
    async with again.run_test(size=(120, 36)) as pilot:
        await wait_for_server(again, pilot)
        assert again.summary_server.opened_count("Tom Whitaker") == 2
        assert again.summary_server.opened_count() == 2
