"""What the summary server counts per client and per page: token guesses (to slow them down) and pages opened."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

MISS_LIMIT = 10  # unknown tokens a client may try …
MISS_WINDOW = 60.0  # … within this many seconds before it gets 429
MAX_TRACKED_CLIENTS = 4096


class MissTracker:
    """Counts unknown-token requests per client so guessing tokens gets slow (429) instead of free."""

    def __init__(
        self, limit: int = MISS_LIMIT, window: float = MISS_WINDOW, clock: Callable[[], float] = time.monotonic
    ):
        self.limit, self.window, self.clock = limit, window, clock
        self._misses: dict[str, deque[float]] = {}

    def _recent(self, client: str, now: float) -> deque[float]:
        misses = self._misses.get(client, deque())
        while misses and now - misses[0] >= self.window:
            misses.popleft()
        return misses

    def retry_after(self, client: str) -> float:
        """Seconds until `client` may try again; 0 when it is not blocked."""
        now = self.clock()
        misses = self._recent(client, now)
        if len(misses) < self.limit:
            return 0.0
        return self.window - (now - misses[-self.limit])

    def record(self, client: str) -> None:
        now = self.clock()
        if client not in self._misses and len(self._misses) >= MAX_TRACKED_CLIENTS:
            self._forget_idle(now)
        misses = self._recent(client, now)
        misses.append(now)
        self._misses[client] = misses

    def _forget_idle(self, now: float) -> None:
        for client in list(self._misses):
            if not self._recent(client, now):
                del self._misses[client]
        if len(self._misses) >= MAX_TRACKED_CLIENTS:  # a flood of addresses: forget the oldest half
            for client in list(self._misses)[: MAX_TRACKED_CLIENTS // 2]:
                del self._misses[client]


class OpenCounter:
    """How many times each attendee's page was opened, for the app's Summaries screen."""

    def __init__(self) -> None:
        self.by_name: dict[str, int] = {}

    def add(self, name: str) -> None:
        self.by_name[name] = self.by_name.get(name, 0) + 1

    def total(self) -> int:
        return sum(self.by_name.values())
