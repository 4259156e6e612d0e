"""The Tally screen: the table read out at the close, a bar chart of giving, and how to end the meeting."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Label, Static

from netevent.render.tally_table import tally_table
from netevent.services import meeting
from netevent.store.atomic import StoreError
from netevent.tui.widgets.bars import bars_text
from netevent.tui.widgets.chrome import KeyFooter, TitleBar

if TYPE_CHECKING:
    from netevent.tui.app import NeteventApp


class TallyScreen(Screen[None]):
    """The same tally `End meeting` prints, with bars so the room sees who gave and who received."""

    app: NeteventApp
    CSS_PATH = "desk.tcss"  # read when the screen is first shown, not at start-up

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="tally-body"):
            yield Static("", id="tally-table")
            yield Label("Given and received", classes="live-tally-title", id="tally-chart-title")
            yield Static("", id="tally-bars")
        yield Static("f10 End meeting closes the app and prints this tally in the terminal", id="tally-hint")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.watch(self.app, "revision", self.reload, init=False)
        self.reload()
        self.query_one("#tally-body").focus()

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self, _revision: int | None = None) -> None:
        """Recompute from the store: the screen never keeps its own counts."""
        if self not in self.app.screen_stack:
            return  # not showing: on_screen_resume recomputes, so hidden writes cost nothing here
        try:
            tally = meeting.meeting_tally(self.app.store)
        except StoreError as exc:
            self.app.show_error(str(exc))
            return
        currency = self.app.event.currency
        self.query_one("#tally-table", Static).update(tally_table(tally, title=self.app.event.title, currency=currency))
        ranked = sorted(tally.attendees, key=lambda a: (-a.given, -a.received, a.name.casefold()))
        self.query_one("#tally-bars", Static).update(bars_text(ranked, name_width=20, bar_width=30))
