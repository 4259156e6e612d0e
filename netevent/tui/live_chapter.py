"""The chapter as the app's screens show it: earlier meetings read once per run, this meeting re-read live.

Only this meeting's store is written while the app runs, so the others are read once — in a worker after the
first frame when the folder holds other stores, or by the first screen that needs them — and kept on the app.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

from netevent.domain.chapter import Chapter, Meeting
from netevent.errors import UserError
from netevent.services.chapter import load_chapter, read_meeting
from netevent.store.repository import Store

if TYPE_CHECKING:
    from netevent.tui.app import NeteventApp


@dataclass
class ChapterRead(Message):
    """Posted by the reading worker: the chapter as its stores were on disk."""

    chapter: Chapter


def has_other_meetings(store: Store) -> bool:
    """Whether the store's folder holds any other store: otherwise there is no chapter to read ahead."""
    return any(path.name != store.path.name for path in store.path.parent.glob("*.json"))


def read_in_thread(app: NeteventApp) -> None:
    """Runs in a worker thread, through a read-only Store of its own: the app's store is written meanwhile."""
    try:
        with Store(app.store.path, writer=False) as reader:
            chapter = load_chapter(reader)
    except (UserError, OSError):
        return  # the screens read it themselves, and say what is wrong
    app.post_message(ChapterRead(chapter))


class LiveChapter:
    """The app's kept chapter, with this meeting as the open store holds it now."""

    def __init__(self, app: NeteventApp) -> None:
        if app.chapter is None:  # not read ahead (yet): read it here, once for every screen
            app.chapter = load_chapter(app.store)
        self.app = app

    def now(self) -> Chapter:
        kept, here = self.app.chapter, str(self.app.store.path)
        assert kept is not None
        meetings = [read_meeting(self.app.store) if m.store == here else m for m in kept.meetings]
        return Chapter(kept.name, meetings, kept.skipped)

    def current(self, chapter: Chapter) -> Meeting | None:
        """This meeting within `chapter` (as `now` returned it)."""
        return next((m for m in chapter.meetings if m.store == str(self.app.store.path)), None)


def previous_meeting(app: NeteventApp) -> Meeting | None:
    """The chapter's meeting before this one, once the chapter has been read (None before, or at the first)."""
    if app.chapter is None or app.event.date is None:
        return None
    here = app.event.date.isoformat()
    earlier = [m for m in app.chapter.meetings if m.date and m.date < here]
    return earlier[-1] if earlier else None
