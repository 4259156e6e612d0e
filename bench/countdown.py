"""The app on the Pitch round with a pitch's countdown running, for benchmarks that load it from outside."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gen import make_event, make_referrals


@dataclass
class Running:
    app: Any  # the NeteventApp
    store: Any  # its Store
    draws: list[float] = field(default_factory=list)  # monotonic time of each countdown redraw


@asynccontextmanager
async def countdown_running(folder: Path, attendees: int) -> AsyncIterator[Running]:
    """A meeting of `attendees` (two records each) in `folder`, the app headless on it, a pitch under way."""
    from netevent.store.repository import Store
    from netevent.tui.app import NeteventApp
    from netevent.tui.screens.pitch import PitchScreen

    store = Store(folder / "bench.json")
    event = make_event(attendees, seed=5)
    store.load_event(event)
    store.add_referrals(make_referrals(event, attendees * 2, seed=5))
    app = NeteventApp(store)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("f3")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, PitchScreen)
            await pilot.press("space")  # the countdown runs
            running = Running(app, store)
            draw_clock = screen.draw_clock

            def recorded() -> None:
                running.draws.append(time.monotonic())
                draw_clock()

            screen.draw_clock = recorded  # type: ignore[method-assign]
            yield running
    finally:
        store.close()
