"""The History screen: the chapter across its meetings, drawn with the tables `netevent history` prints."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from netevent.domain.history import History
from netevent.errors import UserError
from netevent.render.history_table import TREND_MEETINGS, history_tables, sparkline
from netevent.render.tally_table import money
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
                self.chapter = LiveChapter(self.app)
            history = chapter_history(self.chapter.now())
        except UserError as exc:  # a damaged scorecard.toml, say: said here rather than in a dialog per write
            view.update(Text(f"Cannot show the history: {exc.message}", style="bold red"))
            return
        currency = self.app.event.currency
        view.update(Group(trend_lines(history, currency), history_tables(history, currency)))


def trend_lines(history: History, currency: str) -> Text:
    """The room's trends meeting by meeting, drawn (the tables below give the figures); this meeting's at the end."""
    shown = history.meetings[-TREND_MEETINGS:]
    trends = (
        ("Present", [m.present for m in shown], str),
        ("Records", [m.records for m in shown], str),
        ("Gave", [m.givers for m in shown], str),
        ("Closed", [m.closed_value for m in shown], lambda v: money(v, currency)),
    )
    meetings = f"{len(shown)} meeting{'s' if len(shown) != 1 else ''}"
    out = Text()
    out.append(f"Trends over the last {meetings}, this one last\n", style="bold underline")
    for label, values, shown_as in trends:
        out.append(f"{label:<9}", style="bold")
        out.append(sparkline(values), style="cyan")
        out.append(f"  now {shown_as(values[-1]) if values else '-'}\n")
    return out
