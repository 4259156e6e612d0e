"""What Pilot tests share: reading the notifications on screen the way a person sees them."""

from __future__ import annotations

from textual.pilot import Pilot


async def toasts(pilot: Pilot) -> str:
    """The notifications on screen now, joined by " | " (the app must run with `run_test(notifications=True)`;
    Textual mounts a toast a frame after `notify`)."""
    await pilot.pause()
    await pilot.pause()
    return " | ".join(str(toast.render()) for toast in pilot.app.screen.query("Toast"))


async def server_started(pilot: Pilot) -> None:
    """Wait until the app's summary server has finished starting (or failing): its start-up worker is done.

    The app starts the server after the first paint, so one pause lets it schedule the worker."""
    await pilot.pause()
    for worker in [w for w in pilot.app.workers if w.group == "summary-server"]:
        await worker.wait()
    await pilot.pause()
