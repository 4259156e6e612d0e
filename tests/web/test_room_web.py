"""The room display's endpoints as a projector's browser (or a guesser on the Wi-Fi) sees them."""

from __future__ import annotations

import asyncio
import json
import os
from pathlib import Path

import pytest
from meetings import seed_store

from netevent.domain.models import Referral
from netevent.services.live import RoomFeed
from netevent.services.pitching import PitchService
from netevent.store.repository import Store
from netevent.web.access_log import mask_token
from netevent.web.room import ROOM_CSP
from netevent.web.server import SummaryServer, make_app


@pytest.fixture
def store(tmp_path: Path):
    store = seed_store(tmp_path / "meeting.json")
    yield store
    store.close()


async def next_state(response) -> dict:
    """The next `state` event on an open stream (comments and the retry line are skipped)."""
    while True:
        block = await asyncio.wait_for(response.content.readuntil(b"\n\n"), 5)
        lines = block.decode().splitlines()
        if "event: state" in lines:
            return json.loads(next(line[6:] for line in lines if line.startswith("data: ")))


async def test_the_page_and_its_files_come_with_a_strict_policy(aiohttp_client, store: Store) -> None:
    client = await aiohttp_client(make_app(store))
    base = f"/room/{store.room_token()}"
    page = await client.get(base)
    assert page.status == 200
    html = await page.text()
    assert "Riverside Breakfast Club" in html
    assert f'src="{base}/room.js"' in html and "<script>" not in html  # the one script is a file from 'self'
    for response in (page, await client.get(f"{base}/room.js"), await client.get(f"{base}/room.css")):
        assert response.status == 200
        assert response.headers["Content-Security-Policy"] == ROOM_CSP
        assert "script-src 'self'" in ROOM_CSP and "unsafe-inline" not in ROOM_CSP
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "no-referrer"
        assert response.headers["Cache-Control"] == "no-store"


async def test_unknown_room_tokens_are_a_plain_404(aiohttp_client, store: Store) -> None:
    client = await aiohttp_client(make_app(store))
    summary_token = store.token_for("Sarah Patel")
    for path in ("/room/" + "x" * 22, "/room/" + summary_token, "/room/short", "/room/" + "y" * 22 + "/events",
                 "/room/" + "y" * 22 + "/room.js", f"/room/{store.room_token()}/secrets.txt"):  # fmt: skip
        response = await client.get(path)
        assert response.status == 404, path
        assert "Riverside" not in await response.text()


async def test_the_room_token_is_not_an_attendees_and_stays_put(store: Store, tmp_path: Path) -> None:
    token = store.room_token()
    assert len(token) >= 22 and token not in store.tokens().values()
    assert store.room_token() == token
    assert store.is_room_token(token) and not store.is_room_token(store.token_for("Sarah Patel"))
    assert mask_token(f"/room/{token}/events") == f"/room/{token[:4]}…/events"


async def test_stream_sends_the_state_now_then_each_change(aiohttp_client, store: Store, fake_clock) -> None:
    feed = RoomFeed(clock=fake_clock)
    client = await aiohttp_client(make_app(store, live=feed))
    response = await client.get(f"/room/{store.room_token()}/events")
    assert response.status == 200
    assert response.headers["Content-Type"].startswith("text/event-stream")
    first = await next_state(response)
    assert first["mode"] == "between" and first["speaker"]["name"] == "Sarah Patel"
    service = PitchService(store, now=fake_clock)
    service.toggle()
    fake_clock.advance(12.5)
    feed.publish()
    running = await next_state(response)
    assert running["mode"] == "pitch" and running["clock"]["running"] is True
    assert running["clock"]["remaining"] == pytest.approx(60 - 12.5)
    assert running["version"] > first["version"]
    response.close()


async def test_a_reconnecting_browser_gets_the_current_state_first(aiohttp_client, store: Store, fake_clock) -> None:
    feed = RoomFeed(clock=fake_clock)
    client = await aiohttp_client(make_app(store, live=feed))
    service = PitchService(store, now=fake_clock)
    service.toggle()
    fake_clock.advance(20)
    service.toggle()  # paused at 0:40
    feed.publish()
    response = await client.get(f"/room/{store.room_token()}/events")
    state = await next_state(response)
    assert state["clock"]["state"] == "paused" and state["clock"]["running"] is False
    assert state["clock"]["remaining"] == pytest.approx(40)
    response.close()


async def test_serve_alone_follows_the_store_file_without_a_running_clock(tmp_path: Path, fake_clock) -> None:
    writer = seed_store(tmp_path / "served.json")
    token = writer.room_token()
    service = PitchService(writer, now=fake_clock)
    service.toggle()
    fake_clock.advance(5)
    server = SummaryServer(writer.path)  # as `netevent serve` runs it: the file, read-only, no feed
    await server.start("127.0.0.1", 0)
    try:
        import aiohttp

        async with aiohttp.ClientSession() as session, session.get(server.room_url(token) + "/events") as response:
            state = await next_state(response)
            assert state["mode"] == "pitch" and state["clock"]["running"] is False
            assert state["clock"]["remaining"] == 60
            writer.add_referral(Referral("Tom Whitaker", "Sarah Patel"))
            os.utime(writer.path)  # mtime granularity: make sure the file looks changed
            later = await next_state(response)
            assert later["giving"]["records"] == 6
    finally:
        await server.stop()
        writer.close()


async def test_stopping_the_server_ends_open_streams_at_once(store: Store) -> None:
    server = SummaryServer(store, live=RoomFeed())
    await server.start("127.0.0.1", 0)
    import aiohttp

    async with aiohttp.ClientSession() as session:
        response = await session.get(server.room_url(store.room_token()) + "/events")
        await next_state(response)
        loop = asyncio.get_running_loop()
        began = loop.time()
        await server.stop()
        assert loop.time() - began < 0.9  # under the server's 1 s shutdown grace: the stream ended itself
        response.close()
