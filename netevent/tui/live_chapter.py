"""The chapter as a screen shows it: earlier meetings read once, this meeting re-read from the app's open store."""

from __future__ import annotations

from netevent.domain.chapter import Chapter, Meeting
from netevent.services.chapter import load_chapter, read_meeting
from netevent.store.repository import Store


class LiveChapter:
    """Only this meeting's store is written while the app runs, so only it is read again on each redraw."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.loaded = load_chapter(store)

    def now(self) -> Chapter:
        here = str(self.store.path)
        meetings = [read_meeting(self.store) if m.store == here else m for m in self.loaded.meetings]
        return Chapter(self.loaded.name, meetings, self.loaded.skipped)

    def current(self, chapter: Chapter) -> Meeting | None:
        """This meeting within `chapter` (as `now` returned it)."""
        return next((m for m in chapter.meetings if m.store == str(self.store.path)), None)
