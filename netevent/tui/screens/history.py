"""The History screen: the chapter across its meetings, drawn with the tables `netevent history` prints."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from netevent.errors import UserError
from netevent.render.history_table import history_tables
from netevent.services.chapter import chapter_history
from netevent.tui.live_chapter import LiveChapter
from netevent.tui.widgets.chrome import KeyFooter, TitleBar

if TYPE_CHECKING:
    from netevent.tui.app import NeteventApp


class HistoryScreen(Screen[None]):
    """Live: this meeting's column and every member's colour follow what the meeting records."""

    app: NeteventApp
    CSS_PATH = "chapter.tcss"
    AUTO_FOCUS = "#history-body"  # the arrow keys scroll a chapter longer than the screen

    chapter: LiveChapter | None = None
    drawn_revision = -1

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="history-body"):
            yield Static("", id="history-view")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.watch(self.app, "revision", self.on_store_changed, init=False)
        self.reload()

    def on_store_changed(self, _revision: int) -> None:
        if self.is_current:  # hidden: on_screen_resume catches up, so a hidden history costs nothing
            self.reload()

    def on_screen_resume(self) -> None:
        if self.drawn_revision != self.app.revision:
            self.reload()

    def reload(self) -> None:
        view = self.query_one("#history-view", Static)
        self.drawn_revision = self.app.revision
        try:
            if self.chapter is None:
                self.chapter = LiveChapter(self.app.store)
            history = chapter_history(self.chapter.now())
        except UserError as exc:  # a damaged scorecard.toml, say: said here rather than in a dialog per write
            view.update(Text(f"Cannot show the history: {exc.message}", style="bold red"))
            return
        view.update(history_tables(history, self.app.event.currency))
