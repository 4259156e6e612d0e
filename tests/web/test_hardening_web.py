"""Hardening of the summary server (issue 19): taken ports, guesses, aiohttp's own errors, timeouts, logs."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from meetings import seed_store

from netevent.store.repository import Store
from netevent.web.netaddr import ServerError
from netevent.web.server import SummaryServer, make_app


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    store = seed_store(tmp_path / "meeting.json")
    yield store
    store.close()


@pytest.fixture
def held_port() -> Iterator[int]:
    """A port another program listens on for the length of the test."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        yield sock.getsockname()[1]


async def test_an_explicit_port_held_by_another_netevent_is_refused_naming_it(store: Store) -> None:
    first = SummaryServer(store)
    await first.start("127.0.0.1", 0)
    try:
        with pytest.raises(ServerError) as refused:
            await SummaryServer(store).start("127.0.0.1", first.port)
        assert f"port {first.port}" in refused.value.message and "another netevent" in refused.value.message
    finally:
        await first.stop()


async def test_an_explicit_port_held_by_another_program_is_refused(store: Store, held_port: int) -> None:
    with pytest.raises(ServerError) as refused:
        await SummaryServer(store).start("127.0.0.1", held_port)
    assert "another program" in refused.value.message and "--port" in refused.value.message


async def test_only_the_default_port_falls_back_and_says_where_it_went(store: Store, held_port: int) -> None:
    server = SummaryServer(store)
    await server.start("127.0.0.1", held_port, fallback=True)
    try:
        assert server.moved_from == held_port and server.port != held_port
        assert server.base_url.endswith(f":{server.port}")
    finally:
        await server.stop()


async def test_a_browser_asking_for_the_favicon_never_locks_out_the_phone(aiohttp_client, store: Store) -> None:
    client = await aiohttp_client(make_app(store, miss_limit=3))
    for _ in range(10):
        icon = await client.get("/favicon.ico")
        assert icon.status == 200 and icon.content_type == "image/svg+xml"
        assert (await client.get("/apple-touch-icon.png")).status == 404
    assert (await client.get(f"/s/{store.token_for('Sarah Patel')}")).status == 200


async def test_a_valid_link_still_opens_while_its_phone_is_blocked_for_guessing(
    aiohttp_client, store: Store, fake_clock
) -> None:
    client = await aiohttp_client(make_app(store, miss_limit=3, clock=fake_clock))
    for i in range(3):
        assert (await client.get(f"/s/aaaaaaaaaaaaaaaaaaaaa{i}")).status == 404
    assert (await client.get("/s/aaaaaaaaaaaaaaaaaaaaa9")).status == 429
    page = await client.get(f"/s/{store.token_for('Tom Whitaker')}")
    assert page.status == 200 and "Tom Whitaker" in await page.text()


async def test_a_page_that_misses_while_the_store_is_unreadable_is_no_guess(aiohttp_client, tmp_path: Path) -> None:
    path = tmp_path / "meeting.json"
    with seed_store(path) as seeded:
        token = seeded.token_for("Sarah Patel")
    client = await aiohttp_client(make_app(path, miss_limit=2))
    hidden = path.with_name("moved.json")
    path.rename(hidden)  # the store briefly gone (being replaced, a USB stick unplugged)
    for _ in range(5):
        assert (await client.get(f"/s/{token}")).status == 503
    hidden.rename(path)
    assert (await client.get(f"/s/{token}")).status == 200
