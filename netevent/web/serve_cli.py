"""`netevent serve STORE`: the summary pages alone, after the event, reading the store file read-only."""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Callable
from typing import Any

from netevent.web.server import DEFAULT_PORT, SummaryServer


def serve_forever(
    source: str | os.PathLike[str],
    host: str | None = None,
    port: int = DEFAULT_PORT,
    *,
    echo: Callable[[str], Any] = print,
) -> None:
    """Run the pages until Ctrl+C, logging requests with masked tokens; a bad --host/--port raises ServerError."""
    access = logging.getLogger("aiohttp.access")
    if not access.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(message)s", "%H:%M:%S"))
        access.addHandler(handler)
        access.setLevel(logging.INFO)

    async def main() -> None:
        server = SummaryServer(source)
        base = await server.start(host, port)
        echo(f"Serving attendee summaries at {base}/s/… (Ctrl+C to stop)")
        try:
            await asyncio.Event().wait()
        finally:
            await server.stop()

    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        echo("Stopped.")
