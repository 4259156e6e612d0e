"""The Referrals screen: record as they are announced, fix mistakes cheaply, and see who has been left out."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, Header, Label, Static

from netevent.domain.models import Referral
from netevent.domain.names import NameMatchError
from netevent.domain.tally import compute_tally
from netevent.services import meeting
from netevent.storage import StoreError
from netevent.tally_format import money
from netevent.tui.bars import bars_text, room_prompts
from netevent.tui.modals import ConfirmModal
from netevent.tui.referral_entry import KIND_LABELS, ReferralEntry

if TYPE_CHECKING:
    from netevent.tui.app import NeteventApp

KIND_STYLE = {"referral": "", "introduction": "magenta", "one-to-one": "cyan", "closed": "bold green"}
COLUMNS = (("#", "id"), ("Time", "time"), ("From", "from"), ("To", "to"), ("Kind", "kind"), ("Temp", "temp"),
           ("Value", "value"), ("Contact", "contact"), ("Note", "note"))  # fmt: skip


def _clock(created_at: str) -> str:
    try:
        return dt.datetime.fromisoformat(created_at).strftime("%H:%M")
    except ValueError:
        return ""


def record_cells(record: Referral) -> tuple[object, ...]:
    """One row of the recent list; the id is an int so the list sorts newest first."""
    return (
        record.id,
        _clock(record.created_at),
        record.giver,
        record.receiver,
        Text(KIND_LABELS.get(record.kind, record.kind), style=KIND_STYLE.get(record.kind, "")),
        Text("●" * record.temperature + "○" * (5 - record.temperature), style="yellow"),
        money(record.value, record.currency) if record.value is not None else "",
        record.contact,
        record.note,
    )


def _signature(record: Referral) -> tuple[object, ...]:
    return (record.giver, record.receiver, record.kind, record.contact, record.note, record.temperature,
            record.value, record.currency, record.created_at)  # fmt: skip


class ReferralsScreen(Screen[None]):
    """Quick entry on top, the recent list below, the live tally beside both."""

    app: NeteventApp

    BINDINGS = [
        Binding("ctrl+z", "undo", "Undo last", id="referral-undo"),
        Binding("e", "edit", "Edit", id="referral-edit"),
        Binding("d,delete", "delete", "Delete", id="referral-delete"),
        Binding("escape", "toggle_focus", "Entry/list", id="referral-focus", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._shown: dict[int, tuple[object, ...]] = {}  # what the list shows, so a write redraws one row

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="referrals-body"):
            with Vertical(id="referrals-main"):
                yield ReferralEntry(lambda: self.app.event.attendees, self.app.event.currency, id="referral-entry")
                yield Static(
                    "tab complete · enter save · ctrl+z undo · esc list: e edit, d delete",
                    id="referral-hint",
                )
                yield DataTable(id="referral-table", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="live-tally"):
                yield Label("Live tally", classes="live-tally-title")
                yield Static("", id="live-bars")
                yield Static("", id="live-room")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#referral-table", DataTable)
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
    def table(self) -> DataTable[object]:
        return self.query_one("#referral-table", DataTable)

    # -- drawing ----------------------------------------------------------------------------------------

    def reload(self, _revision: int | None = None) -> None:
        """Bring the list and the live tally in line with the store, touching only the rows that changed."""
        records = self.app.store.referrals()
        table = self.table
        current = {r.id: r for r in records if r.id is not None}
        for gone in self._shown.keys() - current.keys():
            table.remove_row(str(gone))
            del self._shown[gone]
        added = False
        for record_id, record in current.items():
            signature = _signature(record)
            old = self._shown.get(record_id)
            if old is None:
                table.add_row(*record_cells(record), key=str(record_id))
                added = True
            elif old != signature:
                for (_, column), cell in zip(COLUMNS, record_cells(record), strict=True):
                    table.update_cell(str(record_id), column, cell)
            self._shown[record_id] = signature
        if added:
            table.sort("id", reverse=True)  # newest first
        self.draw_tally(records)

    def draw_tally(self, records: list[Referral]) -> None:
        tally = compute_tally(self.app.event.attendees, records)
        self.query_one("#live-bars", Static).update(bars_text(tally.attendees, name_width=15, bar_width=8))
        self.query_one("#live-room", Static).update(room_prompts(tally, self.app.event.currency))

    def selected(self) -> Referral | None:
        table = self.table
        if not table.row_count:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        records = {str(r.id): r for r in self.app.store.referrals()}
        return records.get(str(row_key.value))

    # -- writing ----------------------------------------------------------------------------------------

    def on_referral_entry_submitted(self, message: ReferralEntry.Submitted) -> None:
        message.stop()
        self.record(message.raw)

    def record(self, raw: meeting.ReferralInput) -> Referral | None:
        """Store first; only a stored record reaches the list, and the entry clears only then."""
        try:
            stored = meeting.record_referral(self.app.store, raw)
        except meeting.InputError as exc:
            self.entry.show_error(exc.field, str(exc).split(": ", 1)[-1])
            return None
        except (StoreError, NameMatchError) as exc:
            self.entry.show_error("from", str(exc))
            return None
        self.app.changed()
        self.entry.reset()
        self.notify(f"Saved {KIND_LABELS[stored.kind]}: {stored.giver} → {stored.receiver}", timeout=2)
        return stored

    def action_undo(self) -> None:
        records = self.app.store.referrals()
        if not records:
            self.notify("Nothing to undo", timeout=2)
            return
        last = max(records, key=lambda r: (r.created_at, r.id or 0))
        if self._delete(last):
            self.notify(f"Undone: {KIND_LABELS[last.kind]} {last.giver} → {last.receiver}", timeout=3)

    def _delete(self, record: Referral) -> bool:
        try:
            self.app.store.delete_referral(record.id or 0)
        except StoreError as exc:
            self.app.show_error(str(exc))
            return False
        self.app.changed()
        return True

    def action_delete(self) -> None:
        record = self.selected()
        if record is None:
            return

        def done(confirmed: bool | None) -> None:
            if confirmed and self._delete(record):
                self.notify(f"Deleted #{record.id}: {record.giver} → {record.receiver}", timeout=3)

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
            built.id, built.created_at = self.record.id, self.record.created_at
            self.app.store.update_referral(built)
        except meeting.InputError as exc:
            message.entry.show_error(exc.field, str(exc).split(": ", 1)[-1])
            return
        except (StoreError, NameMatchError) as exc:
            message.entry.show_error("from", str(exc))
            return
        self.app.changed()
        self.app.notify(f"Updated #{built.id}: {built.giver} → {built.receiver}", timeout=2)
        self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
