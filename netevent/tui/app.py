"""The facilitator's cockpit: one Textual app, a mode per screen, everything stored before it is shown."""

from __future__ import annotations

import datetime as dt
import importlib
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen

from netevent.domain.models import Event
from netevent.errors import UserError
from netevent.services.live import ENDED_KEY, RoomFeed
from netevent.services.undo import History
from netevent.store.atomic import StoreError
from netevent.store.repository import Store

if TYPE_CHECKING:
    from netevent.domain.chapter import Chapter
    from netevent.services.page_server import PageServer, PagesFactory
    from netevent.tui.export_action import ExportFinished
    from netevent.tui.live_chapter import ChapterRead


OPENED_KEY = "pages_opened"  # round state key: how often each attendee's page was opened, across restarts
OPENED_SAVE_SECONDS = 2.0


@dataclass(frozen=True, slots=True)
class ScreenEntry:
    """A screen as the footer and the command palette name it (DESIGN §5)."""

    mode: str
    title: str
    help: str
    where: str  # "module:Class", imported when first shown so start-up loads only the first screen

    def factory(self) -> Screen[Any]:
        module, name = self.where.split(":")
        return getattr(importlib.import_module(module), name)()


def screen_entries() -> list[ScreenEntry]:
    """Every screen of the app; its key is the `goto` binding of the same mode."""
    return [
        ScreenEntry("roster", "Roster", "Check-in, attendance, walk-ins and asks",
                    "netevent.tui.screens.roster:RosterScreen"),
        ScreenEntry("pitch", "Pitch round", "The timed pitch round: countdown, queue, pitch log",
                    "netevent.tui.screens.pitch:PitchScreen"),
        ScreenEntry("referrals", "Referrals", "Record referrals live, with undo and the live tally",
                    "netevent.tui.screens.referrals:ReferralsScreen"),
        ScreenEntry("introductions", "Introductions", "Suggested introductions with reasons; confirm to record",
                    "netevent.tui.screens.introductions:IntroductionsScreen"),
        ScreenEntry("summaries", "Summaries", "QR codes of each attendee's summary page",
                    "netevent.tui.screens.summaries:SummariesScreen"),
        ScreenEntry("tally", "Tally", "The referral tally table and bar chart",
                    "netevent.tui.screens.tally:TallyScreen"),
        ScreenEntry("followups", "Follow-ups", "What became of earlier meetings' referrals: one key per outcome",
                    "netevent.tui.screens.followups:FollowUpsScreen"),
        ScreenEntry("history", "History", "The chapter across its meetings: trends, members and their colours",
                    "netevent.tui.screens.history:HistoryScreen"),
    ]  # fmt: skip


class NeteventApp(App[str | None]):
    """The app over one open, write-locked store."""

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
        # After End meeting: a footer too narrow for every key cuts the chapter's screens first (the palette has them).
        Binding("f8", "goto('followups')", "Follow-ups", id="goto-followups", priority=True),
        Binding("f9", "goto('history')", "History", id="goto-history", priority=True),
    ]

    # Bumped after every store write; screens watch it to redraw from the store.
    revision: reactive[int] = reactive(0)

    def __init__(
        self,
        store: Store,
        *,
        pages: PagesFactory | None = None,
        host: str | None = None,
        port: int | None = None,
        clock: Callable[[], float] = time.monotonic,
        wall: Callable[[], dt.datetime] | None = None,
        live: RoomFeed | None = None,
        source: Path | None = None,
    ) -> None:
        self.entries = screen_entries()
        self.MODES = {e.mode: e.factory for e in self.entries}
        # Start straight on the screen the meeting was on (resume), without drawing another one first.
        resumed = store.get_state("screen", "roster")
        self.DEFAULT_MODE = resumed if resumed in self.MODES else "roster"
        super().__init__()
        # Initialised here: a reactive initialised on first read runs the watchers just added, so a screen that
        # reads `revision` right after watching it would draw itself twice.
        self.set_reactive(NeteventApp.revision, 0)
        self.store = store
        self.history = History()  # the Referrals desk's undo and redo, shared by every screen that writes records
        self.source = source  # the event file the app was opened on: the next meeting's file goes beside it
        self.chapter: Chapter | None = None  # the chapter's meetings as first read (tui/live_chapter.py)
        self.pages = pages  # builds the attendee-page server (web/); None: no pages this run
        self.host = host
        self.port = port
        self.clock = clock  # monotonic seconds; tests inject a fake clock
        self.wall = wall or (lambda: dt.datetime.now().astimezone())
        self.summary_server: PageServer | None = None  # started after the first screen is drawn
        self.pages_off = ""  # why the pages could not be served, for the Summaries screen's status line
        self._opened_saved: dict[str, int] = {}
        # The room display follows the app through this feed; its clock reads the pitch clock's source.
        self.live = live if live is not None else RoomFeed(clock=clock)
        if store.writer:
            store.room_token()  # stores made before the room display get their token now
            if store.get_state(ENDED_KEY):
                store.set_state(ENDED_KEY, False)  # reopened: the meeting goes on, the room follows it again
        self.event: Event = store.event()
        self.title = self.event.title
        when = self.event.date.strftime("%a %d %b %Y") if self.event.date else ""
        self.sub_title = " · ".join(x for x in (when, str(store.path)) if x)

    def on_mount(self) -> None:
        self.call_after_refresh(self._read_chapter_ahead)
        if self.pages is not None:
            # After the first paint, so importing aiohttp and binding the port never delays start-up.
            self.call_after_refresh(
                lambda: self.run_worker(self._serve_summaries(), group="summary-server", exit_on_error=False)
            )

    def _read_chapter_ahead(self) -> None:
        """Read the chapter's other meetings in a worker, so Follow-ups, History and goals open at once."""
        from netevent.tui.live_chapter import has_other_meetings, read_in_thread

        if has_other_meetings(self.store):
            self.run_worker(lambda: read_in_thread(self), thread=True, group="chapter", exit_on_error=False)

    def on_chapter_read(self, message: ChapterRead) -> None:
        if self.chapter is None:  # a screen that could not wait has read it already
            self.chapter = message.chapter
            self.changed(roster=False)  # the pitch screen shows last meeting's goals now

    def save_opened(self) -> None:
        """Keep "pages opened" in the store, so a restart goes on counting (one write when it changed)."""
        counts = self.summary_server.opened_counts() if self.summary_server else {}
        if counts and counts != self._opened_saved:
            try:
                self.store.set_state(OPENED_KEY, counts)
            except StoreError:
                return  # tried again at the next interval; a count is not worth an error on screen
            self._opened_saved = counts

    async def _serve_summaries(self) -> None:
        """Serve attendee pages on the app's own loop; pages are cached per `revision`."""
        from netevent.services import page_server

        if self.pages is None:
            return
        server = self.pages(lambda: self.store, lambda: self.revision, self.live, self.changed)  # phones redraw us
        try:
            await server.start(self.host, self.port or page_server.DEFAULT_PORT, fallback=self.port is None)
        except UserError as exc:  # the address is not this machine's, the port is another program's …
            self.pages_off = str(exc)
            self.changed(roster=False)
            self.notify(f"Summary pages are off: {exc}", severity="error", timeout=15, markup=False)
            return
        server.seed_opened(self.store.get_state(OPENED_KEY, {}) or {})
        self._opened_saved = server.opened_counts()
        self.set_interval(OPENED_SAVE_SECONDS, self.save_opened)
        self.summary_server = server
        if server.moved_from:
            self.notify(
                f"Port {server.moved_from} is taken: summary pages moved to {server.base_url}; the QR codes now "
                "carry the new address (cards printed earlier do not)",
                severity="warning",
                timeout=15,
                markup=False,
            )
        else:
            self.notify(f"Summary pages at {server.base_url}", timeout=5, markup=False)
        self.changed(roster=False)  # screens showing codes redraw them with the server's address

    async def on_unmount(self) -> None:
        if self.summary_server is not None:
            await self.summary_server.stop()

    def switch_mode(self, mode: str):  # type: ignore[override]
        if mode not in self.MODES:
            mode = "roster"
        if self.store.writer and self.store.get_state("screen") != mode:
            self.store.set_state("screen", mode)  # resume lands on the same screen
            self.live.publish()  # the room display shows the part of the meeting the facilitator is on
        return super().switch_mode(mode)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Screens a feature has not registered have no key in the footer."""
        if action == "goto":
            return parameters[0] in self.MODES
        return True

    def action_goto(self, mode: str) -> None:
        if self.current_mode != mode:
            self.switch_mode(mode)

    def changed(self, roster: bool = True) -> None:
        """Tell every screen the store changed; call after each successful write.

        `roster=False` is for writes that cannot change the event or its attendees (referrals), which then skip
        rereading them from the store.
        """
        if roster:
            self.event = self.store.event()
        self.revision += 1
        self.live.publish()

    def show_error(self, message: str) -> None:
        from netevent.tui.dialogs.modals import ErrorModal  # dialogs load when first needed, not at start-up

        self.push_screen(ErrorModal(message))

    # -- commands ---------------------------------------------------------------------------------------

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        for entry in self.entries:
            yield SystemCommand(entry.title, entry.help, lambda m=entry.mode: self.switch_mode(m))
        yield SystemCommand("Export", "Write CSV, JSON, report, vCard, ICS and summary pages to a folder",
                            self.action_export)  # fmt: skip
        yield SystemCommand("Room display", "The projector page's address and QR code", self.action_room_display)
        yield SystemCommand("Next meeting", "Write the next meeting's event file; list the visitors to follow up",
                            self.action_next_meeting)  # fmt: skip
        yield SystemCommand("Set goal", "A member's goal for the next meeting: referrals, introductions, one-to-ones",
                            self.action_set_goal)  # fmt: skip
        yield SystemCommand("End meeting", "Close the app and print the referral tally", self.action_end_meeting)
        yield from super().get_system_commands(screen)

    def action_room_display(self) -> None:
        """Open the Summaries screen on the room display's code, for the projector's browser."""
        self.switch_mode("summaries")
        self.call_after_refresh(self._show_room)

    def _show_room(self) -> None:
        show = getattr(self.screen, "show_room", None)
        if callable(show):
            show()

    def action_export(self) -> None:
        from netevent.tui.dialogs.modals import PromptModal
        from netevent.tui.export_action import default_export_folder, export_in_thread

        def chosen(folder: str | None) -> None:
            if folder and folder.strip():
                target = Path(folder.strip()).expanduser()
                self.notify(f"Exporting to {target} …", timeout=3, markup=False)
                self.run_worker(lambda: export_in_thread(self, target), thread=True, exit_on_error=False)

        question = "Export everything to which folder? (enter writes, escape cancels)"
        self.push_screen(PromptModal(question, value=str(default_export_folder(self))), chosen)

    def on_export_finished(self, message: ExportFinished) -> None:
        if message.error:
            self.show_error(f"Export failed: {message.error}")
        else:
            self.notify(
                f"Wrote {len(message.written)} files to {message.folder}", title="Exported", timeout=8, markup=False
            )

    def action_next_meeting(self) -> None:
        from netevent.tui.chapter_actions import write_next_meeting

        write_next_meeting(self, lambda told: self.notify(told, title="Next meeting", timeout=20, markup=False))

    def action_set_goal(self) -> None:
        from netevent.tui.chapter_actions import set_goal

        speaker = getattr(self.screen, "speaker_name", None)  # at a member's turn, the goal is most likely theirs
        set_goal(self, speaker() if callable(speaker) else "")

    def action_end_meeting(self) -> None:
        from netevent.tui.chapter_actions import write_next_meeting
        from netevent.tui.dialogs.end_meeting import NEXT, EndMeetingModal

        def done(choice: str | None) -> None:
            if choice == NEXT:
                write_next_meeting(self, self.end_meeting)
            elif choice:
                self.end_meeting()

        self.push_screen(EndMeetingModal(), done)

    def end_meeting(self, told: str = "") -> None:
        """Close the app; `told` (the next meeting's file) is printed in the terminal above the tally."""
        if self.store.writer:
            self.store.set_state(ENDED_KEY, True)  # the room display shows the final tally
            self.live.publish()
        self.exit("ended", message=Text(told) if told else None)
