"""The Pitch round screen: the speaker, a big countdown and the queue; it only redraws what the service stored."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Static

from netevent.domain.clock import format_length
from netevent.domain.models import Attendee, Role
from netevent.domain.pitch_round import DONE, SKIPPED, Slot
from netevent.errors import UserError
from netevent.render.ask_review import verdict_text
from netevent.services.ask_rules import review_ask
from netevent.services.phone_marks import phone_asks, undo_phone_ask
from netevent.services.pitching import ADJUST_STEP, PitchService
from netevent.store.atomic import StoreError
from netevent.tui.widgets.chrome import KeyFooter, TitleBar
from netevent.tui.widgets.countdown import BigClock
from netevent.tui.widgets.helpers_panel import HelpersPanel

if TYPE_CHECKING:
    from netevent.tui.app import NeteventApp

TICK_SECONDS = 0.05  # redraw period: a second flips at most 50 ms late; figures always come from the clock

PHASE_LABEL = {
    "ready": "READY · space to start",
    "green": "",
    "amber": "WRAP UP",
    "red": "TIME",
    "overtime": "OVER TIME",
    "paused": "PAUSED · space to resume",
}


class PitchScreen(Screen[None]):
    """Runs the timed pitch round from the keyboard while the facilitator talks."""

    app: NeteventApp

    CSS_PATH = "pitch.tcss"

    BINDINGS = [
        Binding("space", "toggle", "Start/pause", id="pitch-toggle"),
        Binding("n", "next", "Next", id="pitch-next"),
        Binding("s", "skip", "Skip", id="pitch-skip"),
        Binding("b", "back", "Back", id="pitch-back"),
        Binding("r", "bring_back", "Bring back", id="pitch-bring-back", show=False),
        Binding("plus,equals_sign", f"adjust({ADJUST_STEP})", f"+{ADJUST_STEP}s", id="pitch-more"),
        Binding("minus", f"adjust({-ADJUST_STEP})", f"-{ADJUST_STEP}s", id="pitch-less"),
        Binding("f", "feature_next", "Feature next", id="pitch-feature", show=False),
        Binding("z", "undo_phone_ask", "Undo phone's ask", id="pitch-undo-phone-ask", show=False),  # said by the ask
    ]

    def __init__(self) -> None:
        super().__init__()
        self.service: PitchService | None = None
        self.ticker: Timer | None = None

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal(id="pitch-body"):
            with Vertical(id="pitch-stage"):
                yield Static("", id="pitch-speaker")
                yield HelpersPanel(id="pitch-helpers")
                yield BigClock(id="pitch-countdown")
                yield Static("", id="pitch-status")
            with VerticalScroll(id="pitch-queue"):
                yield Static("", id="pitch-next-list")
                yield Static("", id="pitch-done-list")
        yield KeyFooter()

    def on_mount(self) -> None:
        try:
            self.service = PitchService(self.app.store, self.app.event, now=self.app.clock, wall=self.app.wall)
        except StoreError as exc:
            self.app.show_error(str(exc))
            return
        for notice in self.service.notices:
            self.tell(notice, severity="warning", timeout=10)
        self.countdown = self.query_one(BigClock)  # looked up once: the tick runs 20 times a second
        self.watch(self.app, "revision", self.on_store_changed, init=False)
        self.redraw()
        self.ticker = self.set_interval(TICK_SECONDS, self.tick)

    def on_screen_resume(self) -> None:
        self.on_store_changed()

    # -- drawing ----------------------------------------------------------------------------------------

    def tick(self) -> None:
        """Redraw the countdown from the clock and ring the bell once at zero."""
        if self.service is None:
            return
        self.draw_clock()
        if self.service.take_bell():
            self.app.bell()

    def draw_clock(self) -> None:
        assert self.service is not None
        countdown = self.countdown
        if self.service.finished:
            countdown.show("", "done", "")
            return
        clock = self.service.clock
        countdown.show(clock.display(), clock.phase, PHASE_LABEL.get(clock.phase, ""))

    def redraw(self) -> None:
        """Everything but the ticking countdown: speaker, status line, queue."""
        if self.service is None:
            return
        self.query_one("#pitch-speaker", Static).update(self.speaker_text())
        slot = self.service.current  # "who here can help this ask?" for the speaker, by roster name
        self.query_one("#pitch-helpers", HelpersPanel).show(slot.name if slot and not slot.feature else "")
        self.query_one("#pitch-status", Static).update(self.status_text())
        self.query_one("#pitch-next-list", Static).update(self.next_text())
        self.query_one("#pitch-done-list", Static).update(self.done_text())
        self.set_class(self.service.finished, "-finished")
        self.draw_clock()

    def speaker_text(self) -> Text:
        service = self.service
        assert service is not None
        slot = service.current
        if slot is None:
            return self.summary_text()
        if slot.feature:
            out = Text()
            out.append("Feature presentation\n", style="bold")
            out.append(slot.speaker, style="bold reverse")
            return out
        out = Text()
        out.append(slot.speaker, style="bold reverse")
        person = service.attendee(slot)
        if person is None:
            return out
        if person.role == "visitor" or person.attendance == "visitor":
            out.append("  visitor", style="bold")
        about = " · ".join(x for x in (person.business, person.profession) if x)
        if about:
            out.append("\n" + about, style="bold")
        goal = self.goal_text(person)
        if goal is not None:
            out.append("\n")
            out.append_text(goal)
        out.append("\nAsk: ", style="bold")
        if person.ask.strip():
            review = review_ask(person.ask)
            out.append(person.ask)
            if person.name in phone_asks(self.app.store, [person]):
                out.append("  from their phone (z: undo)", style="bold magenta")
            out.append("  ")
            out.append_text(verdict_text(review.verdict, review.score))
            if review.top_suggestion:  # so the facilitator can coach the ask in the moment
                out.append("\nCoach: ", style="bold")  # the panel's max-height leaves it room to wrap whole
                out.append(review.top_suggestion, style="italic")
            if review.listen_for:  # what the room hears in its own conversations when this person is the one
                out.append("\nListen for: ", style="bold")
                out.append(f"\u201c{review.listen_for[0]}\u201d")  # one: the projector has room for one
            if review.rewrite and review.verdict != "specific":
                out.append("\nAsk it as: ", style="bold")
                out.append(review.rewrite, style="italic")
        else:
            out.append("(no ask yet)", style="italic")
        return out

    def goal_text(self, person: Attendee) -> Text | None:
        """The goal a member set at the chapter's previous meeting, judged on what they have given so far."""
        if self.app.chapter is None or person.role != Role.MEMBER.value or person.attendance == "substitute":
            return None  # the chapter not read (yet), a visitor, or a stand-in's turn
        from netevent.render.goal_text import goal_line  # the chapter's modules are loaded by now
        from netevent.services.chapter import latest_goal
        from netevent.tui.live_chapter import previous_meeting

        previous = previous_meeting(self.app)
        goal = latest_goal(previous, person.name) if previous is not None else None
        return goal_line(goal, self.app.store.referrals()) if goal is not None else None

    def action_undo_phone_ask(self) -> None:
        """Put back the speaker's ask from before their phone changed it."""
        name = self.speaker_name()
        if not name or name not in phone_asks(self.app.store, self.app.event.attendees):
            return
        try:
            undo_phone_ask(self.app.store, name)
        except UserError as exc:
            self.app.show_error(str(exc))
            return
        self.app.changed()

    def speaker_name(self) -> str:
        """Who is speaking now ("" between turns): the Set goal command's first guess."""
        slot = self.service.current if self.service else None
        return slot.name if slot and not slot.feature else ""

    def summary_text(self) -> Text:
        assert self.service is not None
        s = self.service.summary()
        out = Text()
        out.append("Pitch round complete\n", style="bold reverse")
        out.append(f"{s.pitches} pitches · total {format_length(s.total_seconds)}")
        out.append(f" · average {format_length(s.average_seconds)}")
        if s.feature_seconds is not None:
            out.append(f" · feature {format_length(s.feature_seconds)}")
        if s.overran:
            out.append("\nRan over: ", style="bold")
            out.append(", ".join(f"{name} +{format_length(over)}" for name, over in s.overran))
        if s.skipped:
            out.append("\nSkipped: ", style="bold")
            out.append(", ".join(s.skipped))
        return out

    def status_text(self) -> Text:
        service = self.service
        assert service is not None
        if service.current is None:
            return Text("b: go back to redo the last speaker", style="italic")
        spoken = sum(1 for t in service.done if t.status in (DONE, SKIPPED))
        total = spoken + len(service.round.pending)
        planned = format_length(service.clock.planned_seconds)
        out = Text(f"Speaker {spoken + 1} of {total} · {planned} planned")
        if any(s.feature for s in service.upcoming):
            out.append(" · f: feature next", style="italic")
        return out

    def next_text(self) -> Text:
        assert self.service is not None
        out = Text()
        out.append("UP NEXT\n", style="bold underline")
        upcoming = self.service.upcoming
        if not upcoming:
            out.append("nobody: last speaker", style="italic")
        for slot in upcoming:
            out.append_text(self.slot_line(slot))
        return out

    @staticmethod
    def slot_line(slot: Slot) -> Text:
        line = Text("★ " if slot.feature else "· ")
        line.append(slot.speaker)
        line.append(f"  {format_length(slot.planned_seconds)}", style="dim" if not slot.feature else "bold")
        if slot.late:
            line.append("  late", style="italic")
        line.append("\n")
        return line

    def done_text(self) -> Text:
        assert self.service is not None
        out = Text()
        out.append("DONE\n", style="bold underline")
        turns = self.service.done
        if not turns:
            out.append("nobody yet", style="italic")
        for turn in reversed(turns):
            out.append(turn.slot.speaker)
            if turn.status == DONE:
                out.append(f"  {format_length(turn.actual_seconds)}", style="bold")
                if turn.overtime_seconds >= 1:
                    out.append(f" +{format_length(turn.overtime_seconds)}", style="bold red")
            else:
                out.append(f"  {turn.status}", style="italic")
            out.append("\n")
        if self.service.round.skipped_waiting():
            out.append("r: bring back the last one skipped\n", style="italic")
        return out

    # -- store changes from elsewhere (check-in on the Roster screen) -----------------------------------

    def on_store_changed(self, _revision: int | None = None) -> None:
        if self.service is None:
            return
        try:
            changes = self.service.refresh()
        except StoreError as exc:
            self.app.show_error(str(exc))
            return
        for change in changes:
            self.tell(change, timeout=4)
        self.redraw()

    # -- keys -------------------------------------------------------------------------------------------

    def _run(self, operation: Callable[..., Any], *args: Any) -> Any:
        """Do one stored change; the screen shows it only after the store has it, and a failure as a message."""
        if self.service is None:
            return None
        if self.service.finished and operation != self.service.back:
            self.tell("The pitch round is over; b goes back to the last speaker", timeout=3)
            return None
        try:
            result = operation(*args)
        except StoreError as exc:
            self.app.show_error(str(exc))
            return None
        self.redraw()
        self.app.changed()
        return result

    def action_toggle(self) -> None:
        if self.service is not None:
            self._run(self.service.toggle)

    def action_next(self) -> None:
        if self.service is None:
            return
        turn = self._run(self.service.finish)
        if turn is not None and turn.status == DONE:
            over = f", {format_length(turn.overtime_seconds)} over" if turn.overtime_seconds >= 1 else ""
            self.tell(f"{turn.slot.speaker}: {format_length(turn.actual_seconds)}{over}", timeout=3, markup=False)

    def action_skip(self) -> None:
        if self.service is not None:
            self._run(self.service.skip)

    def action_back(self) -> None:
        if self.service is None:
            return
        if self.service.round.previous() is None:
            self.tell("Nobody to go back to yet", timeout=3)
            return
        self._run(self.service.back)

    def tell(self, message: str, **options: Any) -> None:
        """One toast at a time: a run of n presses must not stack toasts over "Speaker N of M"."""
        self.app.clear_notifications()
        self.notify(message, **options)

    def action_bring_back(self) -> None:
        """A skipped speaker who has turned up speaks next; the round may even be over."""
        if self.service is None:
            return
        if not self.service.round.skipped_waiting():
            self.tell("Nobody skipped is waiting to speak", timeout=3)
            return
        try:
            turn = self.service.bring_back()
        except StoreError as exc:
            self.app.show_error(str(exc))
            return
        self.redraw()
        self.app.changed()
        if turn is not None:
            self.tell(f"{turn.slot.speaker} speaks next", timeout=3, markup=False)

    def action_adjust(self, delta: int) -> None:
        if self.service is not None:
            self._run(self.service.adjust, delta)

    def action_feature_next(self) -> None:
        """Bring the feature presentation forward to right after the current speaker."""
        if self.service is None:
            return
        if not any(s.feature for s in self.service.upcoming):
            self.tell("No feature presentation waiting in the queue", timeout=3)
            return
        self._run(self.service.move_feature, 1)
