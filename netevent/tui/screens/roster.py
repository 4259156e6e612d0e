"""The Roster screen: check-in, walk-ins and asks, all from the keyboard."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from netevent.domain.models import Attendance, Attendee
from netevent.domain.names import find_by_prefix
from netevent.errors import UserError
from netevent.render.ask_review import review_text, verdict_text
from netevent.services import meeting
from netevent.services.ask_rules import review_ask
from netevent.services.phone_marks import phone_asks, undo_phone_ask
from netevent.tui.widgets.chrome import KeyFooter, TitleBar
from netevent.tui.widgets.text import literal

if TYPE_CHECKING:
    from netevent.ask.check import AskReview
    from netevent.tui.app import NeteventApp

ATTENDANCE_STYLE = {
    "present": "bold green",
    "late": "bold yellow",
    "absent": "bold red",
    "substitute": "bold magenta",
    "visitor": "bold cyan",
    "expected": "dim",
}

# The ask column takes the width the others leave, its text cut with "…" (the panel below shows the whole ask),
# so the table fits the screen with no sideways scrolling. With less room than this the ask keeps its length
# and the table scrolls sideways instead, as on an 80-column projector.
ASK_MIN_WIDTH = 24
SHORT_STATUS = {"present": "here", "late": "late", "substitute": "sub", "visitor": "visitor", "absent": "absent",
                "expected": "expected"}  # fmt: skip

# Check-in state and ask verdict come first so they fit on an 80-column projector.
COLUMNS = (
    ("#", "n"),
    ("Name", "name"),
    ("Here", "here"),
    ("Ask", "verdict"),
    ("Role", "role"),
    ("Business", "business"),
    ("What they want", "ask"),
)


class RosterScreen(Screen[None]):
    """Who is here, in what role, and how sharp their ask is."""

    app: NeteventApp
    # Here rather than in an app-level sheet, which Textual parses three times over at start-up, or in a CSS_PATH,
    # whose arrival has every sheet parsed once more: default CSS joins the parse the first screen causes anyway.
    # (The app has no sheet of its own: each screen and the dialogs bring theirs.)
    DEFAULT_CSS = """
    #roster-counts {
        height: 1;
        padding: 0 1;
        background: $boost;
    }

    #roster-table {
        height: 1fr;
    }

    #roster-find {
        display: none;
    }

    #roster-find.-shown {
        display: block;
    }

    #roster-detail {
        height: auto;
        max-height: 8;
        padding: 0 1;
        border-top: solid $primary;
    }
    """
    AUTO_FOCUS = "#roster-table"
    drawn_revision = -1  # the app revision the table shows
    drawn_width = 0  # the screen width its ask column was fitted to
    detail_shown: tuple[str | None, int] | None = None  # (name, revision) the panel below the table shows
    reviews: dict[str, AskReview]  # by attendee key, each ask reviewed once per redraw, for its row and the panel
    phone_marks: dict[str, str]  # name -> the ask before their phone changed it (services/phone_marks.py)

    BINDINGS = [
        Binding("p", "mark('present')", "Present", id="mark-present"),
        Binding("l", "mark('late')", "Late", id="mark-late"),
        Binding("a", "mark('absent')", "Absent", id="mark-absent"),
        Binding("u", "substitute", "Substitute", id="mark-substitute"),
        Binding("x", "mark('expected')", "Undo check-in", id="mark-expected", show=False),
        Binding("w", "walk_in", "Walk-in", id="walk-in"),
        Binding("e,enter", "edit_ask", "Edit ask", id="edit-ask"),
        Binding("z", "undo_phone_ask", "Undo phone's ask", id="undo-phone-ask", show=False),  # said in the panel
        Binding("slash", "find", "Find", id="roster-find", show=False),  # the footer is full at 80 columns
    ]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static("", id="roster-counts")
        yield DataTable(id="roster-table", cursor_type="row", zebra_stripes=True)
        yield Input(placeholder="find a name: type, enter to check in from there", id="roster-find", compact=True)
        yield Static("", id="roster-detail")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.watch(self.app, "revision", self.on_store_changed, init=False)
        self.reload()

    def on_store_changed(self, _revision: int) -> None:
        if self.is_current:  # a hidden roster catches up when it is shown again (on_screen_resume)
            self.reload()

    def on_screen_resume(self) -> None:
        # Something changed, or the terminal was resized, while another screen was up.
        if self.drawn_revision != self.app.revision or self.drawn_width != self.app.size.width:
            self.reload()

    # -- drawing ----------------------------------------------------------------------------------------

    @property
    def people(self) -> list[Attendee]:
        return self.app.event.attendees

    def reload(self, _revision: int | None = None) -> None:
        """Redraw from the store, keeping the cursor on the same person."""
        self.drawn_revision = self.app.revision
        table = self.query_one(DataTable)
        selected = self.selected_name()
        self.reviews = {}
        self.phone_marks = phone_asks(self.app.store, self.people)  # name -> the ask before their phone changed it
        rows = [(person.key, self.cells(n, person)) for n, person in enumerate(self.people, 1)]
        self.drawn_width = self.app.size.width
        ask_width = self.ask_width(table, [cells for _, cells in rows])
        table.clear(columns=True)
        for label, key in COLUMNS:  # Text: a str label is parsed as markup
            table.add_column(Text(label), key=key, width=ask_width if key == "ask" else None)
        for key, cells in rows:
            cells[-1].truncate(ask_width, overflow="ellipsis")
            table.add_row(*cells, key=key)
        if selected:
            for row, person in enumerate(self.people):
                if person.name == selected:
                    table.move_cursor(row=row)
        self.query_one("#roster-counts", Static).update(self.counts_text())
        self.show_detail()

    def cells(self, n: int, person: Attendee) -> list[Text]:
        review = self.reviews[person.key] = review_ask(person.ask)
        here = person.attendance
        label = Text(here, style=ATTENDANCE_STYLE.get(here, ""))
        if here == Attendance.SUBSTITUTE.value and person.substitute_name:
            label.append(f": {person.substitute_name}")
        return [
            literal(n),
            literal(person.name),
            label,
            verdict_text(review.verdict),
            literal(person.role),
            literal(person.business),
            self.ask_cell(person),
        ]

    def ask_cell(self, person: Attendee) -> Text:
        if not person.ask:
            return Text("(no ask yet)", style="italic dim")
        if person.name not in self.phone_marks:
            return literal(person.ask)
        cell = Text("phone ", style="bold magenta", no_wrap=True, end="")  # changed from their phone: z undoes
        cell.append(person.ask)
        return cell

    def ask_width(self, table: DataTable, rows: list[list[Text]]) -> int:
        """The ask column's width that makes the table fit the screen, but never under ASK_MIN_WIDTH."""
        padding = 2 * table.cell_padding
        others = sum(
            padding + max([cell_len(label), *(row[column].cell_len for row in rows)])
            for column, (label, _key) in enumerate(COLUMNS[:-1])
        )
        room = self.app.size.width - table.styles.scrollbar_size_vertical - others - padding
        return max(room, ASK_MIN_WIDTH)  # too narrow: the table scrolls sideways, each ask still ends in "…"

    def on_resize(self) -> None:
        if self.app.size.width != self.drawn_width:  # the ask column's share of the width changed
            self.reload()

    def counts_text(self) -> Text:
        counts: dict[str, int] = {}
        for person in self.people:
            counts[person.attendance] = counts.get(person.attendance, 0) + 1
        text = Text(f"{len(self.people)} on the roster:", style="bold")
        for status in ("present", "late", "substitute", "visitor", "absent", "expected"):
            if counts.get(status):
                text.append(" ")
                text.append(f"{status} {counts[status]}", style=ATTENDANCE_STYLE[status])
        if text.cell_len > self.app.size.width - 2:  # 80 columns with every status in use: short words, all counts
            text = Text(f"{len(self.people)}:", style="bold")
            for status in ("present", "late", "substitute", "visitor", "absent", "expected"):
                if counts.get(status):
                    text.append(f" {SHORT_STATUS[status]} {counts[status]}", style=ATTENDANCE_STYLE[status])
        return text

    def selected_name(self) -> str | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        row = table.cursor_row
        return self.people[row].name if 0 <= row < len(self.people) else None

    def show_detail(self) -> None:
        name = self.selected_name()
        if (name, self.drawn_revision) == self.detail_shown:  # a redraw highlights the same row again
            return
        self.detail_shown = (name, self.drawn_revision)
        detail = self.query_one("#roster-detail", Static)
        if name is None:
            detail.update("")
            return
        person = next(p for p in self.people if p.name == name)
        head = Text(person.shown_name, style="bold")
        if person.profession:
            head.append(f" — {person.profession}")
        head.append("\n")
        review = self.reviews.get(person.key) or review_ask(person.ask)
        head.append_text(review_text(review, limit=2))
        before = self.phone_marks.get(person.name)
        if before is not None:
            head.append(f"\nChanged from their phone; z puts back: {before or '(no ask)'}", style="bold magenta")
        detail.update(head)

    def on_data_table_row_highlighted(self) -> None:
        self.show_detail()

    # -- actions ----------------------------------------------------------------------------------------

    def _write(self, action, *args, **kwargs) -> bool:
        """Run one store write; show a problem instead of crashing, and redraw only after it is stored."""
        try:
            action(self.app.store, *args, **kwargs)
        except UserError as exc:  # every problem a person can fix (errors.py)
            self.app.show_error(str(exc))
            return False
        self.app.changed()
        return True

    def action_mark(self, status: str) -> None:
        name = self.selected_name()
        if name and self._write(meeting.check_in, name, status) and status != "expected":
            # Checking in 40 people is p, p, l, p …: each mark moves on to the next row.
            self.query_one(DataTable).action_cursor_down()

    # -- type to find -----------------------------------------------------------------------------------

    def action_find(self) -> None:
        find = self.query_one("#roster-find", Input)
        find.value = ""
        find.add_class("-shown")
        find.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "roster-find" or not event.value.strip():
            return
        hits = find_by_prefix(event.value, self.people)
        if hits:
            table = self.query_one(DataTable)
            table.move_cursor(row=self.people.index(hits[0]))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "roster-find":
            self._close_find()

    def on_key(self, event: events.Key) -> None:
        if event.key == "escape" and self.query_one("#roster-find", Input).has_focus:
            event.stop()
            self._close_find()

    def _close_find(self) -> None:
        self.query_one("#roster-find", Input).remove_class("-shown")
        self.query_one(DataTable).focus()

    def action_substitute(self) -> None:
        name = self.selected_name()
        if not name:
            return

        def done(stand_in: str | None) -> None:
            if stand_in is not None:
                self._write(meeting.check_in, name, "substitute", stand_in)

        from netevent.tui.dialogs.modals import PromptModal  # dialogs load on first use: start-up draws the table only

        self.app.push_screen(PromptModal(f"Who stands in for {name}?", placeholder="Substitute's name"), done)

    def action_walk_in(self) -> None:
        from netevent.tui.dialogs.walk_in import WalkInForm

        self.app.push_screen(WalkInForm())

    def action_edit_ask(self) -> None:
        name = self.selected_name()
        if name:
            from netevent.tui.dialogs.ask_editor import AskEditor

            person = next(p for p in self.people if p.name == name)
            self.app.push_screen(AskEditor(person.name, person.ask))

    def action_undo_phone_ask(self) -> None:
        name = self.selected_name()
        if name and name in self.phone_marks:
            self._write(undo_phone_ask, name)
