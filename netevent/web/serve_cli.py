"""`netevent serve STORE`: the summary pages alone, after the event, reading the store file read-only."""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Callable
from typing import Any

from netevent.services.page_server import DEFAULT_PORT
from netevent.web.server import SummaryServer


def room_display_url(server: SummaryServer, source: str | os.PathLike[str]) -> str:
    """The projector's address, or "" for a store made before the room display that nobody has opened since."""
    from netevent.store.atomic import StoreError
    from netevent.store.repository import Store

    try:
        with Store(source, writer=False) as store:
            return server.room_url(store.room_token())
    except StoreError:
        return ""


def serve_forever(
    source: str | os.PathLike[str],
    host: str | None = None,
    port: int | None = None,
    *,
    echo: Callable[[str], Any] = print,
) -> None:
    """Run the pages until Ctrl+C, logging requests with masked tokens; a bad or taken --port raises ServerError."""
    access = logging.getLogger("aiohttp.access")
    if not access.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(message)s", "%H:%M:%S"))
        access.addHandler(handler)
        access.setLevel(logging.INFO)

    async def main() -> None:
        server = SummaryServer(source)
        base = await server.start(host, port or DEFAULT_PORT, fallback=port is None)
        if server.moved_from:
            echo(f"Port {server.moved_from} is taken, so the pages moved to port {server.port}: print QR cards "
                 f"with `netevent qr-sheet … --port {server.port}`")  # fmt: skip
        echo(f"Serving attendee summaries at {base}/s/… (Ctrl+C to stop)")
        room = room_display_url(server, source)
        if room:
            echo(f"Room display (for the projector): {room}")
        try:
            await asyncio.Event().wait()
        finally:
            await server.stop()

    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        echo("Stopped.")
