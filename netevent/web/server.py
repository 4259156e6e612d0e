"""The aiohttp server behind the QR codes: one page per token, nothing else, hardened for an open café Wi-Fi.

Every request reads current data through a provider, so a reload shows the referral just recorded: inside
the app the provider returns the app's own live Store (it holds the write lock); `netevent serve` reads the
file read-only and drops its cached copy whenever the file changes on disk.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import logging
import math
import os
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aiohttp import web

from netevent.services.page_server import DEFAULT_PORT
from netevent.store.atomic import StoreError
from netevent.web.access_log import MaskedAccessLogger
from netevent.web.counters import MISS_LIMIT, MISS_WINDOW, MissTracker, OpenCounter
from netevent.web.netaddr import ServerError, lan_address, port_holder
from netevent.web.pages import Page, PageCache, build_page, get_page, keep_warm
from netevent.web.protocol import KEEPALIVE_SECONDS, listen
from netevent.web.room import add_room_routes

if TYPE_CHECKING:
    from netevent.services.live import RoomFeed
    from netevent.store.repository import Store
    from netevent.web.actions import Limits


SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; img-src data:; "
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
    "Server": "netevent",
}

log = logging.getLogger("netevent.web")

TOKEN_PATH = re.compile(r"/s/[A-Za-z0-9_-]{16,64}(?:/.*)?")  # what a summary link looks like; other misses are no guess
FAVICON = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#1f6f5c"/>'
    b'<path d="M4 11V5l8 6V5" stroke="#fff" stroke-width="2" fill="none"/></svg>'
)


class FileStoreProvider:
    """A read-only Store over a file another process may be writing; re-read when the file changes."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._store: Store | None = None
        self.stamp: tuple[int, int, int] | None = None  # the file version last read; pages are cached per stamp

    def __call__(self) -> Store:
        from netevent.store.repository import Store

        if self._store is None:
            self._store = Store(self.path, writer=False)
        try:
            info = os.stat(self.path)
            stamp = (info.st_mtime_ns, info.st_size, info.st_ino)
        except OSError:
            stamp = None
        if stamp != self.stamp:
            self._store.storage.forget()
            self._store.check()  # a changed file may be damaged or from a newer netevent: 503 until it is sound
            self.stamp = stamp
        return self._store

    def version(self) -> object:
        return self.stamp

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


PROVIDER = web.AppKey("provider", object)
VERSION = web.AppKey("version", object)
CACHE = web.AppKey("cache", PageCache)
MISSES = web.AppKey("misses", MissTracker)
OPENED = web.AppKey("opened", OpenCounter)


def _as_provider(source: Any) -> Callable[[], Store]:
    if isinstance(source, str | os.PathLike):
        return FileStoreProvider(source)
    if callable(source):
        return source
    return lambda: source  # a Store object


async def _add_headers(request: web.BaseRequest, response: web.StreamResponse) -> None:
    response.headers.update(SECURITY_HEADERS)


@web.middleware
async def _guard(request: web.Request, handler: Callable[[web.Request], Any]) -> web.StreamResponse:
    """Slow down token guessing: a client whose token-shaped paths keep missing gets 429 for its next misses.

    Only `/s/<token-shaped>` misses count (a browser's /favicon.ico or a typo'd path is no guess), and a valid
    token is always served: a phone must never be locked out of its own page. Tokens have 128 random bits, so
    the limit is there to keep guessers slow and the log quiet, not to hide which tokens exist.
    """
    misses = request.app[MISSES]
    client = request.remote or "?"
    try:
        return await handler(request)
    except web.HTTPNotFound:
        if not TOKEN_PATH.fullmatch(request.path):
            raise
        wait = misses.retry_after(client)
        misses.record(client)
        if wait > 0:
            retry = str(math.ceil(wait))
            raise web.HTTPTooManyRequests(text="429: Too Many Requests", headers={"Retry-After": retry}) from None
        raise
    except StoreError as exc:  # e.g. the store file vanished under `netevent serve`
        log.warning("summary page unavailable: %s", exc)
        raise web.HTTPServiceUnavailable(text="503: Summaries are unavailable right now") from None


async def _page(request: web.Request, kind: str) -> Page:
    """The attendee's name and page (`html` or `vcf`) for the token in the URL."""
    app = request.app
    token = request.match_info["token"]
    if app[VERSION] is None:  # no way to know when data changes: build every time
        return build_page(app[PROVIDER](), None, token, kind, app[CACHE].forms)
    return await get_page(app[CACHE], app[PROVIDER], app[VERSION], token, kind)


async def summary_page(request: web.Request) -> web.Response:
    from netevent.web.actions import with_notice

    name, body = await _page(request, "html")
    if request.method == "GET":
        request.app[OPENED].add(name)
    return web.Response(body=with_notice(request, body), content_type="text/html", charset="utf-8")


async def contacts_vcf(request: web.Request) -> web.Response:
    _, body = await _page(request, "vcf")
    return web.Response(
        body=body,
        content_type="text/vcard",
        charset="utf-8",
        headers={"Content-Disposition": 'attachment; filename="contacts.vcf"'},
    )


async def favicon(request: web.Request) -> web.Response:
    """The tab icon browsers ask for with every page; without it each page load was also a 404."""
    return web.Response(body=FAVICON, content_type="image/svg+xml")


def make_app(
    source: str | os.PathLike[str] | Callable[[], Store] | Store,
    *,
    miss_limit: int = MISS_LIMIT,
    miss_window: float = MISS_WINDOW,
    clock: Callable[[], float] = time.monotonic,
    version: Callable[[], object] | None = None,
    live: RoomFeed | None = None,
    on_write: Callable[[], None] | None = None,
    read_only: bool = False,
    limits: Limits | None = None,
) -> web.Application:
    """The summary application over a store path (read-only, reloaded on change), a live Store, or a provider.

    `version` returns something that changes whenever the data does (the app's revision counter): pages are
    then built once per version. Without it a live store's pages are built on every request; a store path
    uses the file's modification stamp. `live` is the app's feed of state changes for the room display.
    `on_write` is called after each phone write (the app redraws); `read_only` turns the phone actions off.
    """
    # Here, not at the top: `netevent run` imports this module before its first screen, and the phone actions
    # bring Jinja2 and the chapter services (~80 ms) that no page needs until the server is built.
    from netevent.web.actions import MAX_BODY, Limits, PhoneActions, add_action_routes

    app = web.Application(middlewares=[_guard], client_max_size=MAX_BODY)
    provider = _as_provider(source)
    if version is None and isinstance(provider, FileStoreProvider):
        version = provider.version
    actions = PhoneActions(provider, version, on_write, limits or Limits.default(clock), read_only)
    if version is not None:
        data_version = version  # pages show the forms or "changes are off": a toggle is a new version

        def version() -> object:
            return (data_version(), actions.read_only)

    app[PROVIDER] = provider
    app[VERSION] = version
    app[CACHE] = PageCache(forms=actions.forms)
    actions.cache = app[CACHE]
    add_action_routes(app, actions)
    app[MISSES] = MissTracker(miss_limit, miss_window, clock)
    app[OPENED] = OpenCounter()
    app.router.add_get("/s/{token}", summary_page)
    app.router.add_get("/s/{token}/contacts.vcf", contacts_vcf)
    app.router.add_get("/favicon.ico", favicon)
    app.on_response_prepare.append(_add_headers)
    add_room_routes(app, provider, version, live)

    async def _close_provider(app: web.Application) -> None:
        provider = app[PROVIDER]
        if isinstance(provider, FileStoreProvider):
            provider.close()

    async def _prepare_actions(app: web.Application) -> None:
        from netevent.services.phone_actions import ensure_secret

        provider = app[PROVIDER]
        if isinstance(provider, FileStoreProvider):  # read-only, and read on first request: no key to make
            path = provider.path
        else:
            ensure_secret(provider())
            path = provider().path
        await actions.read_earlier(path)

    app.on_startup.append(_prepare_actions)
    app.on_cleanup.append(_close_provider)
    return app


def warm_up() -> None:
    """Import and compile what the first page needs now, not while the first phone waits."""
    import netevent.services.summaries  # noqa: F401
    from netevent.web.render import environment

    environment().get_template("summary.html.j2")


def app_pages(
    store: Callable[[], Store],
    version: Callable[[], int],
    live: RoomFeed,
    changed: Callable[[], None] | None = None,
    *,
    read_only: bool = False,
) -> SummaryServer:
    """The server the app runs on its own loop (a services.page_server.PagesFactory); pages cached per revision.

    `changed` is the app's redraw after a phone's write; `read_only` is `--read-only-pages`.
    """
    return SummaryServer(store, version=version, live=live, on_write=changed, read_only=read_only)


class SummaryServer:
    """Runs the summary app on the current event loop (Textual's or asyncio.run's) and says where it is."""

    def __init__(
        self,
        source: str | os.PathLike[str] | Callable[[], Store] | Store,
        *,
        keepalive: float = KEEPALIVE_SECONDS,
        **app_options: Any,
    ) -> None:
        self.app = make_app(source, **app_options)
        self.keepalive = keepalive  # seconds an idle or half-sent connection stays open
        self._runner: web.AppRunner | None = None
        self._listener: asyncio.Server | None = None
        self._warmer: asyncio.Task[None] | None = None
        self.host = ""
        self.port = 0
        self.moved_from: int | None = None  # the default port, when it was taken and another one is used

    @property
    def running(self) -> bool:
        return self._runner is not None

    @property
    def read_only(self) -> bool:
        """Whether phones are refused every change (the Summaries screen's toggle sets it)."""
        from netevent.web.actions import ACTIONS

        return self.app[ACTIONS].read_only

    @read_only.setter
    def read_only(self, value: bool) -> None:
        from netevent.web.actions import ACTIONS

        self.app[ACTIONS].read_only = value

    async def start(self, host: str | None = None, port: int = DEFAULT_PORT, *, fallback: bool = False) -> str:
        """Listen on `host` (default: the LAN address) and `port`.

        A taken port is an error naming its holder, since QR cards printed for it would send phones there; only
        with `fallback` (the default port, nobody asked for it) is any free port used, and `moved_from` says so.
        """
        bind = host or lan_address()
        await asyncio.to_thread(warm_up)  # imports and template compiling stay off the app's loop
        runner = web.AppRunner(self.app, handle_signals=False, shutdown_timeout=1.0)
        await runner.setup()

        async def listen_on(number: int) -> asyncio.Server:
            return await listen(
                runner,
                bind,
                number,
                headers=SECURITY_HEADERS,
                access_log_class=MaskedAccessLogger,
                keepalive_timeout=self.keepalive,
            )

        try:
            try:
                listener = await listen_on(port)
            except OSError as exc:
                if exc.errno != errno.EADDRINUSE or not port:
                    raise
                if not fallback:
                    await runner.cleanup()
                    holder = await asyncio.to_thread(port_holder, bind, port)
                    raise ServerError(
                        f"port {port} on {bind} is already in use by {holder}; stop it or choose another --port "
                        "(QR codes printed for this port would reach it, not this meeting)"
                    ) from None
                listener = await listen_on(0)  # the default port is taken: any free one
                self.moved_from = port
        except OSError as exc:
            await runner.cleanup()
            reason = os.strerror(exc.errno) if exc.errno else str(exc)
            raise ServerError(
                f"cannot serve summaries on {bind}:{port}: {reason.lower()}; "
                "use --host with an address of this machine, another --port, or --no-serve"
            ) from None
        self._runner, self._listener = runner, listener
        if self.app[VERSION] is not None:
            self._warmer = asyncio.create_task(keep_warm(self.app[CACHE], self.app[PROVIDER], self.app[VERSION]))
        self.port = listener.sockets[0].getsockname()[1]
        self.host = lan_address() if bind in ("0.0.0.0", "") else bind
        return self.base_url

    @property
    def warm(self) -> bool:
        """Every attendee's page is built for the current data."""
        cache, version_of = self.app[CACHE], self.app[VERSION]
        return version_of is not None and cache.warm and cache.version == version_of()

    async def stop(self) -> None:
        if self._warmer is not None:
            self._warmer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._warmer
            self._warmer = None
        if self._runner is not None:
            runner, self._runner = self._runner, None
            listener, self._listener = self._listener, None
            if listener is not None:
                listener.close()  # no new connections; the runner then closes the open ones
            await runner.cleanup()
            if listener is not None:
                await listener.wait_closed()

    @property
    def base_url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    def url_for(self, token: str) -> str:
        """The address an attendee's QR code carries."""
        return f"{self.base_url}/s/{token}"

    def room_url(self, token: str) -> str:
        """The address the projector opens."""
        return f"{self.base_url}/room/{token}"

    def opened_count(self, name: str | None = None) -> int:
        """Pages opened (GET) in total, or for one attendee."""
        counter = self.app[OPENED]
        return counter.total() if name is None else counter.by_name.get(name, 0)

    def opened_counts(self) -> dict[str, int]:
        return dict(self.app[OPENED].by_name)

    def seed_opened(self, counts: dict[str, int]) -> None:
        """Carry the counts of an earlier run (kept in the store by the app) into this one."""
        for name, count in counts.items():
            if isinstance(name, str) and isinstance(count, int) and count > 0:
                self.app[OPENED].by_name[name] = self.app[OPENED].by_name.get(name, 0) + count
