"""`netevent serve STORE`: the summary pages without the app.

When no app holds the store, `serve` is its one writer (DESIGN §3): it takes the write lock so phones' changes
are stored; when the app is running, it reads the file read-only and the pages say changes are off here.
"""

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


class Revision:
    """The data version of a store only this process writes: moved by each phone write, so pages are rebuilt."""

    def __init__(self) -> None:
        self.number = 0

    def __call__(self) -> int:
        return self.number

    def bump(self) -> None:
        self.number += 1


def writer_server(source: str | os.PathLike[str], read_only: bool, echo: Callable[[str], Any]) -> SummaryServer:
    """The server over the store as its writer, or over the file read-only when another process holds the lock."""
    from netevent.store.atomic import StoreLocked
    from netevent.store.repository import Store

    try:
        store = Store(source)
    except StoreLocked:
        echo("The app has this store open, so phones' changes go to its pages; these pages are read-only.")
        return SummaryServer(source)
    revision = Revision()
    server = SummaryServer(store, version=revision, on_write=revision.bump, read_only=read_only)

    async def close(_: object) -> None:
        store.close()

    server.app.on_cleanup.append(close)
    return server


def serve_forever(
    source: str | os.PathLike[str],
    host: str | None = None,
    port: int | None = None,
    *,
    echo: Callable[[str], Any] = print,
    read_only: bool = False,
) -> None:
    """Run the pages until Ctrl+C, logging requests with masked tokens; a bad or taken --port raises ServerError.

    `read_only` (`--read-only-pages`) refuses every phone action with a polite page.
    """
    access = logging.getLogger("aiohttp.access")
    if not access.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(message)s", "%H:%M:%S"))
        access.addHandler(handler)
        access.setLevel(logging.INFO)

    async def main() -> None:
        server = writer_server(source, read_only, echo)
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
