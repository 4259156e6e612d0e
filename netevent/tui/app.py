"""The facilitator's cockpit: one Textual app, a mode per screen, everything stored before it is shown."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen

from netevent.domain.models import Event
from netevent.store import Store
from netevent.tui.introductions_screen import IntroductionsScreen
from netevent.tui.modals import ConfirmModal, ErrorModal
from netevent.tui.pitch_screen import PitchScreen
from netevent.tui.roster_screen import RosterScreen


@dataclass(frozen=True, slots=True)
class ScreenEntry:
    """A screen as the footer and the command palette name it (DESIGN §5)."""

    mode: str
    title: str
    help: str
    factory: Callable[[], Screen[Any]]


def screen_entries() -> list[ScreenEntry]:
    """Every screen of the app; its key is the `goto` binding of the same mode."""
    return [
        ScreenEntry("roster", "Roster", "Check-in, attendance, walk-ins and asks", RosterScreen),
        ScreenEntry("pitch", "Pitch round", "The timed pitch round: countdown, queue, pitch log", PitchScreen),
        ScreenEntry(
            "introductions",
            "Introductions",
            "Suggested introductions with reasons; confirm to record",
            IntroductionsScreen,
        ),
    ]


class NeteventApp(App[str | None]):
    """The app over one open, write-locked store."""

    CSS_PATH = "app.tcss"
    TITLE = "netevent"
    ENABLE_COMMAND_PALETTE = True
    COMMAND_PALETTE_BINDING = "ctrl+p"

    BINDINGS = [
        Binding("f2", "goto('roster')", "Roster", id="goto-roster", priority=True),
        Binding("f3", "goto('pitch')", "Pitch round", id="goto-pitch", priority=True),
        Binding("f4", "goto('referrals')", "Referrals", id="goto-referrals", priority=True),
        Binding("f5", "goto('introductions')", "Introductions", id="goto-introductions", priority=True),
        Binding("f6", "goto('summaries')", "Summaries", id="goto-summaries", priority=True),
        Binding("f7", "goto('tally')", "Tally", id="goto-tally", priority=True),
        Binding("f10", "end_meeting", "End meeting", id="end-meeting", priority=True),
    ]

    # Bumped after every store write; screens watch it to redraw from the store.
    revision: reactive[int] = reactive(0)

    def __init__(
        self,
        store: Store,
        *,
        serve: bool = False,
        host: str | None = None,
        port: int = 8765,
        clock: Callable[[], float] = time.monotonic,
        wall: Callable[[], dt.datetime] | None = None,
    ) -> None:
        self.entries = screen_entries()
        self.MODES = {e.mode: e.factory for e in self.entries}
        super().__init__()
        self.store = store
        self.serve = serve
        self.host = host
        self.port = port
        self.clock = clock  # monotonic seconds; tests inject a fake clock
        self.wall = wall or (lambda: dt.datetime.now().astimezone())
        self.event: Event = store.event()
        self.title = self.event.title
        when = self.event.date.strftime("%a %d %b %Y") if self.event.date else ""
        self.sub_title = " · ".join(x for x in (when, str(store.path)) if x)

    def on_mount(self) -> None:
        self.switch_mode(self.store.get_state("screen", "roster") if self.store.writer else "roster")

    def switch_mode(self, mode: str):  # type: ignore[override]
        if mode not in self.MODES:
            mode = "roster"
        if self.store.writer and self.store.get_state("screen") != mode:
            self.store.set_state("screen", mode)  # resume lands on the same screen
        return super().switch_mode(mode)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Screens a feature has not registered have no key in the footer."""
        if action == "goto":
            return parameters[0] in self.MODES
        return True

    def action_goto(self, mode: str) -> None:
        if self.current_mode != mode:
            self.switch_mode(mode)

    def changed(self) -> None:
        """Tell every screen the store changed; call after each successful write."""
        self.event = self.store.event()
        self.revision += 1

    def show_error(self, message: str) -> None:
        self.push_screen(ErrorModal(message))

    # -- commands ---------------------------------------------------------------------------------------

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        for entry in self.entries:
            yield SystemCommand(entry.title, entry.help, lambda m=entry.mode: self.switch_mode(m))
        yield SystemCommand("End meeting", "Close the app and print the referral tally", self.action_end_meeting)
        yield from super().get_system_commands(screen)

    def action_end_meeting(self) -> None:
        def done(confirmed: bool | None) -> None:
            if confirmed:
                self.exit("ended")

        self.push_screen(
            ConfirmModal("End the meeting? The tally is printed in the terminal; everything is saved.", yes="End"),
            done,
        )
