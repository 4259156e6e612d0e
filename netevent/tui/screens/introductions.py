"""The Introductions screen: who in the room should meet whom, why, and one key to record the introduction."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Static
from textual.worker import Worker, WorkerState

from netevent.domain.matcher import Suggestion
from netevent.domain.models import FACILITATOR, Attendee, Kind, Referral
from netevent.errors import UserError
from netevent.services import meeting
from netevent.services.spheres import SpheresError, suggest_pairs
from netevent.store.atomic import StoreError
from netevent.tui.dialogs.modals import ConfirmModal
from netevent.tui.widgets.chrome import KeyFooter, TitleBar

if TYPE_CHECKING:
    from netevent.tui.app import NeteventApp

SHOWN = 100  # a facilitator never reads further down; 200 people have ~8,000 pairs
# The matcher appends these notes about the pair's history; they are not reasons to introduce them.
INTRODUCED, BOOKED = "Already introduced", "One-to-one already booked"
HISTORY_NOTES = (INTRODUCED, BOOKED)
HISTORY_LABELS = {INTRODUCED: "already introduced", BOOKED: "one-to-one booked"}
EMPTY_TEXT = (
    "Nobody to introduce yet.\n\n"
    "Suggestions come from professions, asks, offers and contact spheres of the people here "
    "(absent attendees are left out).\nAdd them on the Roster (F2), check people in, then press r."
)


def is_history(reason: str) -> bool:
    return reason.startswith(HISTORY_NOTES)


def history_of(suggestion: Suggestion) -> str:
    """The table's short label for what the pair already did together, or "" for a fresh pair."""
    for note in HISTORY_NOTES:  # the matcher reports an introduction over a booking
        if any(r.startswith(note) for r in suggestion.reasons):
            return HISTORY_LABELS[note]
    return ""


def pair_key(suggestion: Suggestion) -> str:
    return f"{suggestion.a}\x1f{suggestion.b}"


class IntroductionsScreen(Screen[None]):
    """Ranked pairs with their reasons; confirming one records an `introduction` in the store."""

    app: NeteventApp
    CSS_PATH = "introductions.tcss"  # read when the screen is first shown, not at start-up

    BINDINGS = [
        Binding("c,enter", "confirm", "Introduce", id="intro-confirm", key_display="enter/c"),
        Binding("r", "refresh", "Refresh", id="intro-refresh"),
    ]

    @dataclass
    class Computed(Message):
        """The matcher's answer for one request; `ticket` tells a stale answer from the latest one."""

        ticket: int
        suggestions: list[Suggestion]

    def __init__(self) -> None:
        super().__init__()
        self.suggestions: list[Suggestion] = []
        self.ticket = 0  # the latest request; older answers are dropped
        self.computed_for: int | None = None  # the app revision the latest request was made at
        self.ready = False
        self.just_recorded: str | None = None  # after a confirm, stay on the row rather than follow the pair

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static("", id="intro-counts")
        yield DataTable(id="intro-table", cursor_type="row", zebra_stripes=True)
        yield Static(EMPTY_TEXT, id="intro-empty")
        yield Static("", id="intro-reasons")
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("#", key="rank")
        table.add_column("Introduce", key="a")
        table.add_column("to", key="b")
        table.add_column("Score", key="score")
        table.add_column("Why", key="why")
        self.query_one("#intro-empty").display = False
        self.watch(self.app, "revision", self.on_store_changed, init=False)
        table.focus()

    def on_screen_resume(self) -> None:
        if self.computed_for != self.app.revision:  # also fires when a dialog closes: only recompute if stale
            self.compute()

    def on_store_changed(self, _revision: int | None = None) -> None:
        if self.is_current:
            self.compute()

    # -- computing --------------------------------------------------------------------------------------

    def compute(self) -> None:
        """Ask for fresh suggestions; the matcher runs in a thread because 200 people take ~100 ms."""
        self.ticket += 1
        self.computed_for = self.app.revision
        if not self.ready:
            self.query_one("#intro-counts", Static).update(Text("Working out who should meet whom…", style="italic"))
        try:
            referrals = self.app.store.referrals()
        except StoreError as exc:
            self.app.show_error(str(exc))
            return
        self.match(self.ticket, list(self.app.event.attendees), referrals)

    @work(thread=True, exit_on_error=False, exclusive=True, group="introductions")
    def match(self, ticket: int, attendees: Sequence[Attendee], referrals: Sequence[Referral]) -> None:
        self.post_message(self.Computed(ticket, suggest_pairs(attendees, referrals, SHOWN)))

    def on_introductions_screen_computed(self, message: Computed) -> None:
        if message.ticket != self.ticket:
            return
        self.suggestions = message.suggestions
        self.ready = True
        self.redraw()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR and event.worker.group == "introductions":
            error = event.worker.error
            if isinstance(error, SpheresError):
                self.app.show_error(str(error))
            else:
                self.app.show_error(f"Could not work out suggestions: {error}")

    # -- drawing ----------------------------------------------------------------------------------------

    def redraw(self) -> None:
        """Fill the table from the latest suggestions, keeping the cursor on the same pair where it makes sense."""
        table = self.query_one(DataTable)
        keep = self.selected()
        row_before = table.cursor_row
        table.clear()
        why_width = self.why_width()
        for rank, suggestion in enumerate(self.suggestions, 1):
            done = history_of(suggestion)
            why = next((r for r in suggestion.reasons if not is_history(r)), "")
            style = "dim" if done else ""
            first = Text(why, style=style)
            if done:
                first = Text.assemble((f"{done} · ", "italic yellow"), first)
            first.truncate(why_width, overflow="ellipsis")  # the panel below has every reason in full
            table.add_row(
                Text(str(rank), style=style, justify="right"),
                Text(suggestion.a, style=style or "bold"),
                Text(suggestion.b, style=style or "bold"),
                Text(f"{suggestion.score:.2f}", style=style, justify="right"),
                first,
                key=pair_key(suggestion),
            )
        empty = not self.suggestions
        table.display = not empty
        self.query_one("#intro-empty").display = empty
        if keep is not None and pair_key(keep) != self.just_recorded:
            for row, suggestion in enumerate(self.suggestions):
                if pair_key(suggestion) == pair_key(keep):
                    table.move_cursor(row=row, scroll=True)
                    break
        elif self.suggestions:
            table.move_cursor(row=min(max(row_before, 0), len(self.suggestions) - 1), scroll=True)
        self.just_recorded = None
        self.query_one("#intro-counts", Static).update(self.counts_text())
        self.show_reasons()

    def why_width(self) -> int:
        """Room left for the first reason, so the table never needs a sideways scroll on a projector."""
        names = max((len(n) for s in self.suggestions for n in (s.a, s.b)), default=10)
        others = len(str(len(self.suggestions))) + 2 * names + len("100.00") + 2 * 4  # cell padding of 4 columns
        return max(24, self.size.width - others - 2 - 2 - 1)  # the reason's padding, the scrollbar, a spare cell

    def on_resize(self) -> None:
        if self.ready:
            self.redraw()

    def counts_text(self) -> Text:
        here = sum(1 for p in self.app.event.attendees if not p.is_absent)
        history = [history_of(s) for s in self.suggestions]
        count = len(self.suggestions)
        text = Text(f"{count} suggested introduction{'' if count == 1 else 's'}", style="bold")
        if len(self.suggestions) >= SHOWN:
            text.append(f" (the best {SHOWN})", style="bold")
        text.append(f" among {here} {'person' if here == 1 else 'people'} here")
        for label in HISTORY_LABELS.values():
            if history.count(label):
                text.append(f"  ·  {history.count(label)} {label}", style="yellow")
        if count:
            text.append("  ·  enter/c records the selected one", style="dim")
        return text

    def selected(self) -> Suggestion | None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        if not self.suggestions or not table.row_count or not 0 <= row < len(self.suggestions):
            return None
        return self.suggestions[row]

    def show_reasons(self) -> None:
        panel = self.query_one("#intro-reasons", Static)
        suggestion = self.selected()
        if suggestion is None:
            panel.update("")
            panel.display = False
            return
        panel.display = True
        jobs = {p.name: p.profession for p in self.app.event.attendees}
        text = Text()
        for index, name in enumerate((suggestion.a, suggestion.b)):
            if index:
                text.append("  ↔  ", style="bold")
            text.append(name, style="bold")
            if jobs.get(name):
                text.append(f" ({jobs[name]})", style="dim")
        text.append(f"   score {suggestion.score:g}\n", style="dim")
        for reason in suggestion.reasons:
            if is_history(reason):
                text.append(f"  ✓ {reason}\n", style="italic yellow")
            else:
                text.append(f"  • {reason}\n")
        text.rstrip()
        panel.update(text)

    def on_data_table_row_highlighted(self) -> None:
        self.show_reasons()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_confirm()

    # -- actions ----------------------------------------------------------------------------------------

    def action_refresh(self) -> None:
        self.compute()

    def action_confirm(self) -> None:
        suggestion = self.selected()
        if suggestion is None:
            return
        question = f"Record an introduction: {suggestion.a} ↔ {suggestion.b}?"
        if history_of(suggestion) == HISTORY_LABELS[INTRODUCED]:
            question = f"{suggestion.a} and {suggestion.b} are already introduced.\n{question}"

        def done(confirmed: bool | None) -> None:
            if confirmed:
                self.record(suggestion)

        self.app.push_screen(ConfirmModal(question, yes="Introduce"), done)

    def record(self, suggestion: Suggestion) -> None:
        """Store the introduction first; only then tell the screens, which re-rank the pair lower."""
        note = "; ".join(r for r in suggestion.reasons if not is_history(r))
        raw = meeting.ReferralInput(
            giver=suggestion.a, receiver=suggestion.b, kind=Kind.INTRODUCTION.value, note=note, temperature=3,
            made_by=FACILITATOR,
        )
        try:
            stored = meeting.record_referral(self.app.store, raw)
        except UserError as exc:  # every problem a person can fix (errors.py)
            self.app.show_error(str(exc))
            return
        self.app.history.record(None, stored)  # ctrl+z on Referrals takes it back
        self.just_recorded = pair_key(suggestion)
        self.app.changed()
        made = f"Introduction recorded, made by the facilitator: {suggestion.a} ↔ {suggestion.b}"
        self.notify(made, timeout=3, markup=False)
