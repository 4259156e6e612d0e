"""The app's Export command: everything out to a folder, in a worker thread that only posts its result."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from netevent.tui.app import NeteventApp


@dataclass
class ExportFinished(Message):
    """Posted by the export worker: the files written, or the one-line reason it failed."""

    folder: Path
    written: list[Path]
    error: str | None = None


def default_export_folder(app: NeteventApp) -> Path:
    from netevent.store.naming import event_slug

    return Path.home() / "netevent-exports" / event_slug(app.event)


def export_in_thread(app: NeteventApp, folder: Path) -> None:
    """Runs in a worker thread. It reads through its own read-only Store: the app's copy is mutated in place."""
    from netevent.errors import UserError
    from netevent.export import export_all
    from netevent.store.repository import Store

    try:
        with Store(app.store.path, writer=False) as reader:
            written = export_all(reader, folder)
    except (UserError, OSError) as exc:
        app.post_message(ExportFinished(folder, [], str(exc)))
    else:
        app.post_message(ExportFinished(folder, written))
