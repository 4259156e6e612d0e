"""The walk-in form: add a visitor who arrived without booking, in a few keystrokes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from netevent.services import meeting
from netevent.store.atomic import StoreError

if TYPE_CHECKING:
    from netevent.tui.app import NeteventApp

FIELDS = (
    ("name", "Name (required)"),
    ("business", "Business"),
    ("profession", "Profession"),
    ("email", "Email"),
    ("phone", "Phone"),
    ("ask", "What they want"),
)


class WalkInForm(ModalScreen[str | None]):
    """Enter moves to the next field and saves from the last; the visitor is stored before the form closes."""

    CSS_PATH = "dialogs.tcss"  # read when a dialog is first shown, not at start-up

    app: NeteventApp

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="walk-in-cancel"),
        Binding("ctrl+s", "save", "Save", id="walk-in-save"),
        # Priority: the app handles enter as the key arrives, so what is typed straight after it is routed to the
        # next field; saving waits in the last field's queue behind the letters typed before enter.
        Binding("enter", "next_field", "Next field", id="walk-in-next", show=False, priority=True),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide-dialog"):
            yield Label("Walk-in visitor — enter for next field, ctrl+s saves", classes="dialog-title")
            for field, label in FIELDS:
                yield Input(placeholder=label, id=f"walkin-{field}")
                yield Static("", id=f"walkin-{field}-error", classes="field-error", markup=False)

    def action_next_field(self) -> None:
        focused = self.focused
        if focused is not None and focused.id == f"walkin-{FIELDS[-1][0]}":
            focused.call_later(self.action_save)
        else:
            self.focus_next(Input)

    def value(self, field: str) -> str:
        return self.query_one(f"#walkin-{field}", Input).value

    def action_save(self) -> None:
        for field, _ in FIELDS:
            self.query_one(f"#walkin-{field}-error", Static).update("")
        try:
            person = meeting.add_walk_in(
                self.app.store,
                self.value("name"),
                business=self.value("business"),
                profession=self.value("profession"),
                email=self.value("email"),
                phone=self.value("phone"),
                ask=self.value("ask"),
            )
        except meeting.InputError as exc:
            self.query_one(f"#walkin-{exc.field}-error", Static).update(exc.message)
            self.query_one(f"#walkin-{exc.field}", Input).focus()
            return
        except StoreError as exc:
            self.query_one("#walkin-name-error", Static).update(str(exc))
            return
        self.app.changed()
        self.app.notify(f"Added walk-in visitor {person.name}", timeout=3, markup=False)
        self.dismiss(person.name)

    def action_cancel(self) -> None:
        self.dismiss(None)
