"""What the app needs of the attendee-page server, so the app (tui/) and the server (web/) never import each
other: the command line builds the server (web/) and hands the app a factory for it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from netevent.services.live import RoomFeed
    from netevent.store.repository import Store


DEFAULT_PORT = 8765  # the app's and `netevent serve`'s port when none is given


class PageServer(Protocol):
    """The running server as the app and its Summaries screen use it."""

    moved_from: int | None  # the port asked for, when the default was taken and another was used
    read_only: bool  # phones may not change anything (--read-only-pages, the Summaries screen's switch)

    @property
    def running(self) -> bool: ...

    @property
    def base_url(self) -> str: ...

    async def start(self, host: str | None = None, port: int = DEFAULT_PORT, *, fallback: bool = False) -> str: ...

    async def stop(self) -> None: ...

    def url_for(self, token: str) -> str: ...

    def room_url(self, token: str) -> str: ...

    def opened_count(self, name: str | None = None) -> int: ...

    def opened_counts(self) -> dict[str, int]: ...

    def seed_opened(self, counts: dict[str, int]) -> None: ...


# (the store as of now, the app's revision for page caching, the room display's feed, the app's redraw after a
# phone's write) → a server not yet started
PagesFactory = Callable[[Callable[[], "Store"], Callable[[], int], "RoomFeed", Callable[[], None]], PageServer]
