"""The Referrals screen: record as they are announced, fix mistakes cheaply, and see who has been left out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Label, Static

from netevent.domain.models import FACILITATOR, Referral, Source
from netevent.domain.names import NameMatchError
from netevent.domain.tally import compute_tally
from netevent.render.tally_table import money
from netevent.services import meeting
from netevent.services.undo import Action
from netevent.store.atomic import StoreError
from netevent.store.repository import Store
from netevent.tui.dialogs.modals import ConfirmModal
from netevent.tui.widgets.bars import bars_text, room_prompts
from netevent.tui.widgets.chrome import KeyFooter, TitleBar
from netevent.tui.widgets.referral_entry import KIND_LABELS, ReferralEntry
from netevent.tui.widgets.text import literal

if TYPE_CHECKING:
    from netevent.tui.app import NeteventApp

KIND_STYLE = {"referral": "", "introduction": "magenta", "one-to-one": "cyan", "closed": "bold green"}
# Kind and Value early: at 80 columns a £2,000 closed record must not be typed blind.
COLUMNS = (("#", "id"), ("From", "from"), ("To", "to"), ("Kind", "kind"), ("Value", "value"), ("Temp", "temp"),
           ("Time", "time"), ("Contact", "contact"), ("Note", "note"))  # fmt: skip


def _clock(created_at: str) -> str:
    try:
        return dt.datetime.fromisoformat(created_at).strftime("%H:%M")
    except ValueError:
        return ""


def kind_label(record: Referral) -> str:
    label = KIND_LABELS.get(record.kind, record.kind)
    label = f"{label} (facilitator)" if record.made_by == FACILITATOR else label
    return f"{label} · phone" if record.source == Source.PHONE.value else label  # given from the attendee's phone


def record_cells(record: Referral) -> tuple[object, ...]:
    """One row of the recent list; the id is an int so the list sorts newest first."""
    return (
        record.id,
        literal(record.giver),
        literal(record.receiver),
        Text(kind_label(record), style=KIND_STYLE.get(record.kind, "")),
        literal(money(record.value, record.currency) if record.value is not None else ""),
        Text("●" * record.temperature + "○" * (5 - record.temperature), style="yellow"),
        literal(_clock(record.created_at)),
        literal(record.contact),
        literal(record.note),
    )


def _signature(record: Referral) -> tuple[object, ...]:
    return (record.giver, record.receiver, record.kind, record.contact, record.note, record.temperature,
            record.value, record.currency, record.created_at, record.made_by, record.source)  # fmt: skip


class ReferralsScreen(Screen[None]):
    """Quick entry on top, the recent list below, the live tally beside both."""

    app: NeteventApp
    CSS_PATH = ["desk.tcss", "../dialogs/dialogs.tcss"]  # read when first shown, not at start-up; field errors, dialogs
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]

    BINDINGS = [
        Binding("ctrl+z", "undo", "Undo", id="referral-undo"),
        Binding("ctrl+y", "redo", "Redo", id="referral-redo", show=False),  # the hint line says it: the footer is full
        Binding("e", "edit", "Edit", id="referral-edit"),
        Binding("d,delete", "delete", "Delete", id="referral-delete"),
        Binding("escape", "toggle_focus", "Entry/list", id="referral-focus", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._shown: dict[int, tuple[object, ...]] = {}  # what the list shows, so a write redraws one row
        self._records: dict[int, Referral] = {}  # the store's records, as last read or returned by a write
        self._delta: tuple[int, int, Referral | None] | None = None  # (revision, id, record) of our own write
        self._tally_due = False

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal(id="referrals-body"):
            with Vertical(id="referrals-main"):
                yield ReferralEntry(lambda: self.app.event.attendees, self.app.event.currency, id="referral-entry")
                yield Static(
                    "tab complete · enter save · ^z undo ^y redo · esc the list",
                    id="referral-hint",
                )
                yield DataTable(id="referral-table", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="live-tally"):
                yield Label("Live tally", classes="live-tally-title")
                yield Static("", id="live-bars")
                yield Static("", id="live-room")
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.table
        for label, key in COLUMNS:
            table.add_column(label, key=key)
        self.watch(self.app, "revision", self.reload, init=False)
        self.reload()
        self.entry.focus_giver()

    def on_screen_resume(self) -> None:
        self.reload()

    @property
    def entry(self) -> ReferralEntry:
        return self.query_one(ReferralEntry)

    @property
    def table(self) -> DataTable:
        return self.query_one("#referral-table", DataTable)

    # -- drawing ----------------------------------------------------------------------------------------

    def reload(self, revision: int | None = None) -> None:
        """Bring the list and the live tally in line with the store, touching only the rows that changed.

        After this screen's own write the store has just returned the stored record, so that one record is
        applied; any other change (another screen, an edit) rereads the store.
        """
        if self not in self.app.screen_stack:
            return  # another screen is showing; on_screen_resume redraws from the store
        delta, self._delta = self._delta, None
        if delta is not None and revision == delta[0]:
            _, record_id, record = delta
            if record is None:
                self._records.pop(record_id, None)
            else:
                self._records[record_id] = record
            self._sync_row(record_id, record)
        else:
            self._records = {r.id: r for r in self.app.store.referrals() if r.id is not None}
            self._sync_table()
        if not self._tally_due:  # one tally per frame however many writes land in it
            self._tally_due = True
            self.call_after_refresh(self.draw_tally)

    def _sync_table(self) -> None:
        for gone in self._shown.keys() - self._records.keys():
            self._sync_row(gone, None, sort=False)
        added = [self._sync_row(record_id, record, sort=False) for record_id, record in self._records.items()]
        if any(added):
            self.table.sort("id", reverse=True)  # newest first

    def _sync_row(self, record_id: int, record: Referral | None, *, sort: bool = True) -> bool:
        """Add, change or remove one row; True when a row was added."""
        table = self.table
        old = self._shown.get(record_id)
        if record is None:
            if old is not None:
                table.remove_row(str(record_id))
                del self._shown[record_id]
            return False
        signature = _signature(record)
        if old is None:
            table.add_row(*record_cells(record), key=str(record_id))
            if sort:
                table.sort("id", reverse=True)  # newest first
            self._shown[record_id] = signature
            return True
        self._shown[record_id] = signature
        if old != signature:
            for (_, column), cell in zip(COLUMNS, record_cells(record), strict=True):
                table.update_cell(str(record_id), column, cell)
        return False

    def draw_tally(self) -> None:
        self._tally_due = False
        tally = compute_tally(self.app.event.attendees, self._records.values())
        self.query_one("#live-bars", Static).update(bars_text(tally.attendees, name_width=15, bar_width=8))
        self.query_one("#live-room", Static).update(room_prompts(tally, self.app.event.currency))

    def selected(self) -> Referral | None:
        table = self.table
        if not table.row_count:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return self._records.get(int(row_key.value or 0))

    def _stored(self, record_id: int, record: Referral | None) -> None:
        """Announce a write this screen made (record None: deleted), so the redraw needs no reread."""
        self._delta = (self.app.revision + 1, record_id, record)
        self.app.changed(roster=False)  # a referral never changes the roster

    # -- writing ----------------------------------------------------------------------------------------

    def on_referral_entry_submitted(self, message: ReferralEntry.Submitted) -> None:
        message.stop()
        self.record(message.raw)

    def record(self, raw: meeting.ReferralInput) -> Referral | None:
        """Store first; only a stored record reaches the list, and the entry clears only then."""
        try:
            built = meeting.build_referral(self.app.store, raw, attendees=self.app.event.attendees)
            stored = self.app.store.add_referral(built)
        except meeting.InputError as exc:
            self.entry.rejected(raw, exc.field, exc.message)
            return None
        except (StoreError, NameMatchError) as exc:
            self.entry.rejected(raw, "from", str(exc))
            return None
        self._stored(stored.id or 0, stored)
        self.app.history.record(None, stored)
        # The entry was cleared as it was submitted, and may hold the next one already: leave it be. The new top
        # row of the list is the confirmation; a toast per record would pile up.
        return stored

    def action_undo(self) -> None:
        self._step(self.app.history.undo, "Nothing to undo", "Undone")

    def action_redo(self) -> None:
        self._step(self.app.history.redo, "Nothing to redo", "Redone")

    def _step(self, step: Callable[[Store], Action | None], nothing: str, done: str) -> None:
        """Undo or redo the last action on the store, then show what it was."""
        try:
            action = step(self.app.store)
        except StoreError as exc:
            self.app.show_error(str(exc))
            return
        if action is None:
            self.notify(nothing, timeout=2)
            return
        self._delta = None  # the store changed in ways one row cannot say: reread it
        self.app.changed(roster=False)
        self.notify(f"{done}: {action.describe()}", timeout=3, markup=False)

    def action_delete(self) -> None:
        record = self.selected()
        if record is None:
            return

        def done(confirmed: bool | None) -> None:
            if not confirmed:
                return
            try:
                self.app.store.delete_referral(record.id or 0)
            except StoreError as exc:
                self.app.show_error(str(exc))
                return
            self._stored(record.id or 0, None)
            self.app.history.record(record, None)
            self.notify(f"Deleted #{record.id}: {record.giver} → {record.receiver} (ctrl+z brings it back)",
                        timeout=3, markup=False)  # fmt: skip

        question = f"Delete #{record.id}, {KIND_LABELS[record.kind]} from {record.giver} to {record.receiver}?"
        self.app.push_screen(ConfirmModal(question, yes="Delete"), done)

    def action_edit(self) -> None:
        record = self.selected()
        if record is not None:
            self.app.push_screen(EditReferralModal(record))

    def action_toggle_focus(self) -> None:
        if self.table.has_focus:
            self.entry.focus_giver()
        else:
            self.table.focus()

    def on_data_table_row_selected(self) -> None:
        self.action_edit()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Edit and delete work on the list, so typing `e` or `d` in a field stays typing."""
        if action in ("edit", "delete"):
            return self.table.has_focus
        return True


class EditReferralModal(ModalScreen[None]):
    """The entry line again, filled with a stored record; saving replaces it in the store."""

    app: NeteventApp
    CSS_PATH = ["desk.tcss", "../dialogs/dialogs.tcss"]  # read when first shown, not at start-up

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="referral-edit-cancel")]

    def __init__(self, record: Referral) -> None:
        super().__init__(classes="dialog-screen")
        self.record = record

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide-dialog"):
            yield Label(f"Edit #{self.record.id} — enter saves, escape cancels", classes="dialog-title")
            yield ReferralEntry(lambda: self.app.event.attendees, self.app.event.currency, id="edit-entry")

    def on_mount(self) -> None:
        entry = self.query_one(ReferralEntry)
        entry.fill(self.record)
        entry.focus_giver()

    def on_referral_entry_submitted(self, message: ReferralEntry.Submitted) -> None:
        message.stop()
        try:
            built = meeting.build_referral(self.app.store, message.raw)
            built.id, built.created_at, built.made_by = self.record.id, self.record.created_at, self.record.made_by
            built.source = self.record.source  # an edited phone record is still the phone's
            stored = self.app.store.update_referral(built)
        except meeting.InputError as exc:
            message.entry.rejected(message.raw, exc.field, exc.message)
            return
        except (StoreError, NameMatchError) as exc:
            message.entry.rejected(message.raw, "from", str(exc))
            return
        self.app.history.record(self.record, stored)
        self.app.changed(roster=False)
        self.app.notify(f"Updated #{built.id}: {built.giver} → {built.receiver}", timeout=2, markup=False)
        self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
