"""What Pilot tests share: reading the notifications on screen the way a person sees them."""

from __future__ import annotations

from textual.pilot import Pilot


async def toasts(pilot: Pilot) -> str:
    """The notifications on screen now, joined by " | " (the app must run with `run_test(notifications=True)`;
    Textual mounts a toast a frame after `notify`)."""
    await pilot.pause()
    await pilot.pause()
    return " | ".join(str(toast.render()) for toast in pilot.app.screen.query("Toast"))
