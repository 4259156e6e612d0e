"""The HTTP connection handler behind the pages: aiohttp's, with its own error replies made as plain as ours.

aiohttp answers a request it cannot parse (an unknown method, a NUL byte in the path, a URL over 8 KB) before any
route or middleware runs, with its version in a `Server` header, the offending request line (token included) in
the body and a traceback in the log. Here those replies carry the pages' security headers and a bare status, and
the log gets one line naming the client and the kind of fault.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

from aiohttp import web

KEEPALIVE_SECONDS = 15.0  # an idle (or half-sent) connection is closed after this long; phones reconnect at once

log = logging.getLogger("aiohttp.access")  # shown by `netevent serve` beside each request, silent in the app
detail = logging.getLogger("netevent.web")


class PlainErrorHandler(web.RequestHandler):
    """aiohttp's request handler whose error replies say only the status, with the given headers."""

    def __init__(self, manager: web.Server, *, headers: Mapping[str, str], **options: Any) -> None:
        super().__init__(manager, **options)
        self.reply_headers = dict(headers)

    def handle_error(
        self,
        request: web.BaseRequest,
        status: int = 500,
        exc: BaseException | None = None,
        message: str | None = None,
    ) -> web.StreamResponse:
        if request.writer.output_size > 0:  # the reply has begun: nothing to do but drop the connection
            raise ConnectionError("the response had started when the request failed")
        try:
            phrase = HTTPStatus(status).phrase
        except ValueError:
            phrase = "Error"
        fault = type(exc).__name__ if exc is not None else "no detail"
        log.info("%s %s %s (%s)", request.remote, status, phrase, fault)
        if exc is not None and status >= 500:  # a fault of ours; a 4xx's exception text would echo the token
            detail.debug("request failed with %s", status, exc_info=exc)
        response = web.Response(status=status, text=f"{status}: {phrase}", headers=self.reply_headers)
        response.force_close()
        return response


async def listen(
    runner: web.AppRunner, host: str, port: int, *, headers: Mapping[str, str], **options: Any
) -> asyncio.Server:
    """Serve the runner's application on host:port with PlainErrorHandler connections."""
    loop = asyncio.get_running_loop()
    server = runner.server
    assert server is not None, "call runner.setup() first"
    options.setdefault("keepalive_timeout", KEEPALIVE_SECONDS)

    def connection() -> PlainErrorHandler:
        return PlainErrorHandler(server, loop=loop, headers=headers, **options)

    return await loop.create_server(connection, host, port)
