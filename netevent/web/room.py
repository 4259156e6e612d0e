"""The room display: a page for the projector at /room/ROOMTOKEN and its server-sent events.

The page is static HTML, CSS and one script, all from 'self'; everything it shows arrives as JSON over
/room/ROOMTOKEN/events. Each stream sends the current state first (so a reconnecting browser catches up),
then a new state whenever the app publishes a change on the RoomFeed or the store's version moves (the
file's stamp under `netevent serve`, which has no publisher).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Callable
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from aiohttp import web

from netevent.services.live import RoomFeed
from netevent.services.room_state import public_state, room_snapshot

if TYPE_CHECKING:
    from netevent.store.repository import Store

ROOM_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
POLL_SECONDS = 0.5  # how often a stream looks at the store's version when nothing is published (`serve`)
KEEPALIVE_SECONDS = 15.0  # a comment now and then, so a dead connection is noticed and proxies keep it open
RETRY_MS = 1000  # how soon a browser reconnects after the stream drops
ASSETS = {"room.js": "application/javascript", "room.css": "text/css"}

FEED = web.AppKey("room_feed", RoomFeed)

log = logging.getLogger("netevent.web")


class RoomWiring:
    """What the room handlers need from the server: the store, its version, the feed, one cached snapshot."""

    def __init__(self, provider: Callable[[], Store], version_of: Callable[[], object] | None) -> None:
        self.provider = provider
        self.version_of = version_of or (lambda: None)
        self.cached: tuple[object, dict[str, Any]] | None = None  # (version key, snapshot)
        self.closing = asyncio.Event()

    def snapshot(self, key: object) -> dict[str, Any]:
        """The snapshot for a version key, read from the store once however many projectors listen."""
        if self.cached is None or self.cached[0] != key:
            self.cached = (key, room_snapshot(self.provider()))
        return self.cached[1]


ROOM = web.AppKey("room_wiring", RoomWiring)


@lru_cache(maxsize=len(ASSETS) + 1)
def asset(name: str) -> bytes:
    """A packaged file: the page's template-free parts never change while the server runs."""
    return resources.files("netevent.web").joinpath("static", name).read_bytes()


def _require_room(request: web.Request) -> Store:
    """The store when the URL carries the room token; a plain 404 otherwise, as for summary pages."""
    store = request.app[ROOM].provider()
    token = request.match_info["token"]
    if not 16 <= len(token) <= 64 or not store.is_room_token(token):
        raise web.HTTPNotFound()
    return store


async def room_page(request: web.Request) -> web.Response:
    store = _require_room(request)
    from netevent.web.render import environment

    token = request.match_info["token"]
    html = environment().get_template("room.html.j2").render(title=store.event().title, base=f"/room/{token}")
    return web.Response(text=html, content_type="text/html", charset="utf-8")


async def room_asset(request: web.Request) -> web.Response:
    _require_room(request)
    name = request.match_info["asset"]
    if name not in ASSETS:
        raise web.HTTPNotFound()
    return web.Response(body=asset(name), content_type=ASSETS[name], charset="utf-8")


def _event(state: dict[str, Any]) -> bytes:
    data = json.dumps(state, ensure_ascii=False, separators=(",", ":"))
    return f"event: state\ndata: {data}\n\n".encode()


async def room_events(request: web.Request) -> web.StreamResponse:
    """The stream: the state now, then on every change; ends when the client goes or the server stops."""
    _require_room(request)
    wiring = request.app[ROOM]
    feed = request.app[FEED]
    response = web.StreamResponse(headers={"Content-Type": "text/event-stream", "X-Accel-Buffering": "no"})
    await response.prepare(request)
    loop = asyncio.get_running_loop()
    waiter = feed.subscribe()
    sent: object = object()
    try:
        await response.write(f"retry: {RETRY_MS}\n\n".encode())
        quiet_since = loop.time()
        while True:
            waiter.clear()
            wiring.provider()  # under `serve`, re-reads a changed file so the version below is current
            key = (feed.version, wiring.version_of())
            if key != sent:
                state = public_state(wiring.snapshot(key), feed.clock() if feed.clock else None, feed.version)
                await response.write(_event(state))
                sent, quiet_since = key, loop.time()
            elif loop.time() - quiet_since >= KEEPALIVE_SECONDS:
                await response.write(b": still here\n\n")
                quiet_since = loop.time()
            if wiring.closing.is_set():
                break
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(waiter.wait(), POLL_SECONDS)
    except (ConnectionResetError, ConnectionError):
        pass  # the projector's browser went away; it reconnects by itself
    finally:
        feed.unsubscribe(waiter)
    return response


def add_room_routes(
    app: web.Application,
    provider: Callable[[], Store],
    version_of: Callable[[], object] | None,
    feed: RoomFeed | None,
) -> None:
    """Serve the room display on `app`; without a feed (`netevent serve`) the countdown is shown frozen."""
    app[FEED] = feed if feed is not None else RoomFeed(clock=None)
    wiring = RoomWiring(provider, version_of)
    app[ROOM] = wiring
    app.router.add_get("/room/{token}", room_page)
    app.router.add_get("/room/{token}/events", room_events)
    app.router.add_get("/room/{token}/{asset}", room_asset)

    async def strict_room_csp(request: web.BaseRequest, response: web.StreamResponse) -> None:
        if request.path.startswith("/room/"):  # the room page runs its own script; attendee pages run none
            response.headers["Content-Security-Policy"] = ROOM_CSP

    async def end_streams(app: web.Application) -> None:
        wiring.closing.set()  # streams send what changed last, then end, so stopping never waits on them
        app[FEED].wake_all()

    app.on_response_prepare.append(strict_room_csp)
    app.on_shutdown.append(end_streams)
