"""The pitch clock: one speaker's countdown, computed from a monotonic time source so a busy UI never drifts it.

Phases, in the order a pitch goes through them:

- ``ready``    — not started yet;
- ``green``    — more than ``amber_seconds`` left;
- ``amber``    — ``amber_seconds`` or fewer left, but still above zero;
- ``red``      — time is up: from exactly zero until one second past it (the moment the bell rings);
- ``overtime`` — more than one second past zero; the screen shows it in red as "+0:12";
- ``paused``   — stopped for now; the pause is banked and does not count against the speaker.

A stopped clock keeps the colour phase of its final figures.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

MIN_PLANNED_SECONDS = 10
RED_WINDOW_SECONDS = 1.0

READY, RUNNING, PAUSED, STOPPED = "ready", "running", "paused", "stopped"


@dataclass(slots=True, frozen=True)
class ClockResult:
    """A pitch's final figures, as logged: lengths in seconds, pauses as offsets from the start."""

    planned_seconds: int
    actual_seconds: float
    overtime_seconds: float
    pauses: list[tuple[float, float]] = field(default_factory=list)


class PitchClock:
    """Counts one speaker down from `planned_seconds`; every figure is read from `now()`, never from ticks."""

    def __init__(
        self,
        planned_seconds: int,
        *,
        amber_seconds: int = 15,
        now: Callable[[], float] = time.monotonic,
    ) -> None:
        self.now = now
        self.planned_seconds = max(MIN_PLANNED_SECONDS, int(planned_seconds))
        self.amber_seconds = amber_seconds
        self.state = READY
        self._started: float | None = None
        self._paused_at: float | None = None
        self._stopped_at: float | None = None
        self._paused_total = 0.0
        self._pauses: list[tuple[float, float]] = []
        self._bell_rung = False

    # -- controls ----------------------------------------------------------------------------------

    def start(self) -> None:
        if self.state != READY:
            raise ValueError(f"cannot start a {self.state} clock")
        self._started = self.now()
        self.state = RUNNING

    def pause(self) -> None:
        if self.state != RUNNING:
            raise ValueError(f"cannot pause a {self.state} clock")
        self._paused_at = self.now()
        self.state = PAUSED

    def resume(self) -> None:
        if self.state != PAUSED or self._paused_at is None or self._started is None:
            raise ValueError(f"cannot resume a {self.state} clock")
        self._bank_pause(self.now())
        self.state = RUNNING

    def toggle(self) -> str:
        """The space bar: start a ready clock, pause a running one, resume a paused one; returns the new state."""
        if self.state == READY:
            self.start()
        elif self.state == RUNNING:
            self.pause()
        elif self.state == PAUSED:
            self.resume()
        else:
            raise ValueError("cannot toggle a stopped clock")
        return self.state

    def adjust(self, delta_seconds: int) -> int:
        """Give this speaker more or less time (the +/- keys); the plan never drops below 10 s."""
        if self.state == STOPPED:
            raise ValueError("cannot adjust a stopped clock")
        self.planned_seconds = max(MIN_PLANNED_SECONDS, self.planned_seconds + int(delta_seconds))
        if self.remaining > 0:
            self._bell_rung = False  # time given back re-arms the bell for the new zero
        return self.planned_seconds

    def stop(self) -> ClockResult:
        """End the pitch and freeze its figures; a pause still open ends now."""
        if self.state in (READY, STOPPED):
            raise ValueError(f"cannot stop a {self.state} clock")
        at = self.now()
        if self.state == PAUSED:
            self._bank_pause(at)
        self._stopped_at = at
        self.state = STOPPED
        return self.result()

    def _bank_pause(self, at: float) -> None:
        assert self._paused_at is not None and self._started is not None
        self._paused_total += at - self._paused_at
        self._pauses.append((self._paused_at - self._started, at - self._started))
        self._paused_at = None

    # -- figures -----------------------------------------------------------------------------------

    @property
    def started(self) -> bool:
        return self.state != READY

    @property
    def running(self) -> bool:
        return self.state == RUNNING

    @property
    def elapsed(self) -> float:
        """Speaking time so far: real time since start, less every pause."""
        if self._started is None:
            return 0.0
        if self._stopped_at is not None:
            end = self._stopped_at
        elif self._paused_at is not None:
            end = self._paused_at
        else:
            end = self.now()
        return max(0.0, end - self._started - self._paused_total)

    @property
    def remaining(self) -> float:
        """Seconds left; negative once the speaker runs over."""
        return self.planned_seconds - self.elapsed

    @property
    def overtime(self) -> float:
        return max(0.0, -self.remaining)

    @property
    def pauses(self) -> list[tuple[float, float]]:
        """Banked pauses as (start, end) offsets in real seconds from the start; an open pause is not listed."""
        return list(self._pauses)

    @property
    def phase(self) -> str:
        if self.state == READY:
            return "ready"
        if self.state == PAUSED:
            return "paused"
        return colour_phase(self.remaining, self.amber_seconds)

    def result(self) -> ClockResult:
        return ClockResult(
            planned_seconds=self.planned_seconds,
            actual_seconds=round(self.elapsed, 3),
            overtime_seconds=round(self.overtime, 3),
            pauses=self.pauses,
        )

    def take_bell(self) -> bool:
        """True exactly once when time runs out, so a redraw that comes late still rings the bell once."""
        if self.state == RUNNING and not self._bell_rung and self.remaining <= 0:
            self._bell_rung = True
            return True
        return False

    def display(self) -> str:
        """The countdown text: "1:00" counting down, "0:00" at zero, then "+0:12" in overtime."""
        return format_countdown(self.remaining)

    # -- resume ------------------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """The clock's state; its readings are from the monotonic source, valid while that source is."""
        return {
            "planned_seconds": self.planned_seconds,
            "amber_seconds": self.amber_seconds,
            "state": self.state,
            "started": self._started,
            "paused_at": self._paused_at,
            "stopped_at": self._stopped_at,
            "paused_total": self._paused_total,
            "pauses": [list(p) for p in self._pauses],
            "bell_rung": self._bell_rung,
            "elapsed": round(self.elapsed, 3),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], now: Callable[[], float] = time.monotonic) -> PitchClock:
        clock = cls(data["planned_seconds"], amber_seconds=data.get("amber_seconds", 15), now=now)
        clock.state = data.get("state", READY)
        clock._started = data.get("started")
        clock._paused_at = data.get("paused_at")
        clock._stopped_at = data.get("stopped_at")
        clock._paused_total = float(data.get("paused_total", 0.0))
        clock._pauses = [(float(a), float(b)) for a, b in data.get("pauses", [])]
        clock._bell_rung = bool(data.get("bell_rung", False))
        return clock


def colour_phase(remaining: float, amber_seconds: float) -> str:
    """The light for a number of seconds left (see the module docstring)."""
    if remaining > amber_seconds:
        return "green"
    if remaining > 0:
        return "amber"
    if remaining > -RED_WINDOW_SECONDS:
        return "red"
    return "overtime"


def format_countdown(remaining: float) -> str:
    """Whole seconds as m:ss: counting down rounds up (0.3 s left shows 0:01), overtime rounds down."""
    if remaining > 0:
        whole = math.ceil(remaining - 1e-9)
        return f"{whole // 60}:{whole % 60:02d}"
    over = math.floor(-remaining + 1e-9)
    return f"+{over // 60}:{over % 60:02d}" if over >= 1 else "0:00"


def format_length(seconds: float) -> str:
    """A logged length, e.g. 63.4 → "1:03"."""
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"
