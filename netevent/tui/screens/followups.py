"""The Follow-ups screen: the round at the start of a meeting on what became of earlier meetings' records."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Static

from netevent.domain.chapter import UNRESOLVED, Chapter, Item, chapter_items, open_items
from netevent.domain.text import printable
from netevent.errors import UserError
from netevent.render.tally_table import money
from netevent.services.chapter import give_followup
from netevent.tui.live_chapter import LiveChapter
from netevent.tui.widgets.chrome import KeyFooter, TitleBar

if TYPE_CHECKING:
    from netevent.tui.app import NeteventApp

ROUND_MEETINGS = 8  # the round asks about the last eight meetings: older news is history
NOTE_WIDTH = 30
STATUS_STYLE = {"open": "", "contacted": "bold yellow", "met": "bold cyan", "won": "bold green", "lost": "bold red",
                "no-reply": "bold magenta"}  # fmt: skip
# The status before the contact or note, so an 80-column projector cuts the note, not the outcome.
COLUMNS = (("For", "for"), ("From", "from"), ("Kind", "kind"), ("Age", "age"), ("Status", "status"),
           ("Contact or note", "note"))  # fmt: skip
SHORT_KIND = {"introduction": "intro"}


def round_items(chapter: Chapter, current: str, before: str) -> list[Item]:
    """The items open when this meeting began, with their status now, grouped by receiver.

    Items this meeting has since settled stay listed with their new status, so a slip of the key is corrected on
    the spot; items settled at earlier meetings are not asked about again.
    """
    at_start = Chapter(chapter.name, [replace(m, followups=[]) if m.store == current else m for m in chapter.meetings],
                       chapter.skipped)  # fmt: skip
    asked = {item.id for item in open_items(at_start, before, ROUND_MEETINGS)}
    items = [item for item in chapter_items(chapter) if item.id in asked]
    return sorted(items, key=lambda i: (i.referral.receiver.casefold(), i.meeting.date, i.referral.id or 0))


def _line(text: str) -> str:
    return " ".join(printable(text).split())


class FollowUpsScreen(Screen[None]):
    """One key per outcome; each is stored before the row shows it, and the cursor moves on to the next item."""

    app: NeteventApp
    CSS_PATH = "chapter.tcss"
    AUTO_FOCUS = "#followups-table"

    BINDINGS = [
        Binding("c", "give('contacted')", "Contacted", id="followup-contacted"),
        Binding("m", "give('met')", "Met", id="followup-met"),
        Binding("w", "won", "Won", id="followup-won"),
        Binding("l", "give('lost')", "Lost", id="followup-lost"),
        Binding("x", "give('no-reply')", "No reply", id="followup-no-reply"),
    ]

    chapter: LiveChapter | None = None
    drawn_revision = -1

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[str, Item] = {}  # what the table lists, in its row order

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static("", id="followups-head")
        yield DataTable(id="followups-table", cursor_type="row")
        yield Static("", id="followups-empty")
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for label, key in COLUMNS:
            table.add_column(Text(label), key=key)
        try:
            self.chapter = LiveChapter(self.app)
        except UserError as exc:
            self.app.show_error(exc.message)
            return
        self.watch(self.app, "revision", self.on_store_changed, init=False)
        self.reload()

    def on_store_changed(self, _revision: int) -> None:
        if self.is_current:  # hidden: on_screen_resume catches up
            self.reload()

    def on_screen_resume(self) -> None:
        if self.drawn_revision != self.app.revision:
            self.reload()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("give", "won"):
            return True if self.items else None  # dimmed in the footer while there is nothing to follow up
        return True

    # -- drawing ----------------------------------------------------------------------------------------

    def reload(self) -> None:
        """Redraw from the store; when the same items are listed only their status cells change."""
        if self.chapter is None:
            return
        self.drawn_revision = self.app.revision
        chapter = self.chapter.now()
        current = self.chapter.current(chapter)
        before = current.date if current and current.date else "9999-12-31"
        today = current.event.date if current and current.event.date else self.app.wall().date()
        items = round_items(chapter, str(self.app.store.path), before)
        table = self.query_one(DataTable)
        if list(self.items) == [item.id for item in items]:
            for item in items:
                if item.changes != self.items[item.id].changes:
                    table.update_cell(item.id, "status", self.status_cell(item))
        else:
            table.clear()
            previous = ""
            for item in items:
                receiver = item.referral.receiver
                table.add_row(*self.cells(item, today, receiver if receiver != previous else ""), key=item.id)
                previous = receiver
        self.items = {item.id: item for item in items}
        earlier = [m for m in chapter.meetings if m.date and m.date < before][-ROUND_MEETINGS:]
        self.draw_head(items, len(earlier), chapter)
        table.display = bool(items)
        self.refresh_bindings()

    def draw_head(self, items: list[Item], earlier: int, chapter: Chapter) -> None:
        still = sum(1 for item in items if item.status in UNRESOLVED)
        meetings = f"{earlier} meetings" if earlier != 1 else "meeting"
        told = f"{still} to follow up from the last {meetings}" if earlier else "the chapter's first meeting"
        head = Text(f"{_line(chapter.name)}: {told}", style="bold")
        if items:
            head.append("\nWhat happened? c contacted · m met · w won · l lost · x no reply", style="italic")
        for store, problem in chapter.skipped:
            head.append(f"\nskipped {_line(store)}: {_line(problem)}", style="yellow")
        self.query_one("#followups-head", Static).update(head)
        if not earlier:
            empty = ("Nothing to follow up yet: this is the chapter's first meeting. From the next one, what became "
                     "of today's referrals, introductions and one-to-ones is asked here.")  # fmt: skip
        elif not items:
            empty = f"Nothing open from the last {meetings}: every referral has an outcome."
        else:
            empty = ""
        shown = self.query_one("#followups-empty", Static)
        shown.update(empty)
        shown.display = bool(empty)

    def cells(self, item: Item, today: dt.date, receiver: str) -> list[Text]:
        r = item.referral
        age = item.age_days(today)
        note = _line(r.contact or r.note)
        return [
            Text(_line(receiver), style="bold"),
            Text(_line(r.giver)),
            Text(SHORT_KIND.get(r.kind, r.kind)),
            Text("" if age is None else f"{age} day{'s' if age != 1 else ''}", justify="right"),
            self.status_cell(item),
            Text(note[: NOTE_WIDTH - 1] + "…" if len(note) > NOTE_WIDTH else note),
        ]

    def status_cell(self, item: Item) -> Text:
        out = Text(item.status, style=STATUS_STYLE.get(item.status, ""))
        if item.won_value is not None:
            out.append(f" {money(item.won_value, self.app.event.currency)}")
        if item.changes and item.changes[-1].by == "phone":
            out.append(" · phone", style="italic")
        return out

    # -- keys -------------------------------------------------------------------------------------------

    def selected(self) -> Item | None:
        table = self.query_one(DataTable)
        if not self.items or table.row_count == 0:
            return None
        return self.items.get(str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value))

    def action_give(self, status: str, value: str | None = None) -> None:
        item = self.selected()
        if item is None or self.chapter is None:
            return
        try:  # the chapter as kept: a key in the round rereads only this meeting's store
            give_followup(self.app.store, item.id, status, value=value, by="facilitator", chapter=self.chapter.now())
        except UserError as exc:
            self.app.show_error(exc.message)  # nothing was written
            return
        self.app.changed(roster=False)  # redraws this screen, and any other showing the chapter
        if self.drawn_revision != self.app.revision:
            self.reload()
        self.query_one(DataTable).move_cursor(row=list(self.items).index(item.id) + 1)

    def action_won(self) -> None:
        item = self.selected()
        if item is None:
            return
        from netevent.tui.dialogs.modals import PromptModal

        def chosen(value: str | None) -> None:
            if value is None:  # escape: nothing is written
                return
            if not value.strip():
                self.app.show_error("won needs the value of the business closed, like 1200; nothing was recorded")
                return
            self.action_give("won", value)

        r = item.referral
        question = (f"Won: the value of the business {_line(r.receiver)} closed from {_line(r.giver)}'s {r.kind} "
                    f"({self.app.event.currency})? Enter records it, escape cancels")  # fmt: skip
        self.app.push_screen(PromptModal(question, placeholder="1200"), chosen)
