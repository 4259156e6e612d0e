"""The summary server's access log, with tokens cut short: a leaked log must not leak everyone's page."""

from __future__ import annotations

import logging
import re

from aiohttp import web
from aiohttp.abc import AbstractAccessLogger


def mask_token(path: str) -> str:
    """A path fit for logs: a summary or room token is cut to its first 4 characters, the query string dropped.

    Wherever `/s/` or `/room/` appears, so `GET http://host/s/TOKEN` (absolute form) and `//s/TOKEN` are masked too.
    """
    path = path.split("?", 1)[0].split("#", 1)[0]
    return re.sub(r"/(s|room)/([^/\s]{0,4})[^/\s]*", r"/\1/\2…", path)


class MaskedAccessLogger(AbstractAccessLogger):
    """aiohttp's access log without whole tokens: a leaked log must not leak everyone's page."""

    @property
    def enabled(self) -> bool:
        """Skip the work per request unless someone listens (the app does not; `netevent serve` does)."""
        return self.logger.isEnabledFor(logging.INFO)

    def log(self, request: web.BaseRequest, response: web.StreamResponse, time: float) -> None:
        self.logger.info(
            '%s "%s %s" %s %.1fms',
            request.remote,
            request.method,
            mask_token(request.raw_path),
            response.status,
            time * 1000,
        )
