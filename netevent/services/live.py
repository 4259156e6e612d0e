"""Publish/subscribe of "the room's state changed", so the app and the web server never import each other.

The app publishes after each stored change (pitch keys, referrals, screen switches, End meeting); the room
display's event streams subscribe and re-read the store. Only a version number travels: the store stays the
one source of truth, and a subscriber that missed several changes simply reads the latest.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

ENDED_KEY = "meeting_ended"  # store state set at End meeting (the room shows the final tally), cleared on resume


class RoomFeed:
    """A version counter that wakes every waiting subscriber when it moves."""

    def __init__(self, clock: Callable[[], float] | None = time.monotonic) -> None:
        # The monotonic source the pitch clock's stored readings come from; None when no app is running
        # (`netevent serve`), so the room shows stored figures without a running countdown.
        self.clock = clock
        self.version = 0
        self._waiters: set[asyncio.Event] = set()

    def publish(self) -> int:
        """Note that the stored state changed and wake the subscribers; call on the loop that serves them."""
        self.version += 1
        for waiter in self._waiters:
            waiter.set()
        return self.version

    def subscribe(self) -> asyncio.Event:
        """An event set on every publish; the subscriber clears it before reading the state."""
        waiter = asyncio.Event()
        self._waiters.add(waiter)
        return waiter

    def unsubscribe(self, waiter: asyncio.Event) -> None:
        self._waiters.discard(waiter)

    def wake_all(self) -> None:
        """Wake every subscriber without a change (the server is shutting down)."""
        for waiter in self._waiters:
            waiter.set()

    @property
    def subscribers(self) -> int:
        return len(self._waiters)
