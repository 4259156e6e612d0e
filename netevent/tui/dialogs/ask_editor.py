"""Edit one attendee's ask with its review updating on every key."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from netevent.errors import UserError
from netevent.render.ask_review import review_text
from netevent.services import meeting
from netevent.services.ask_rules import review_ask

if TYPE_CHECKING:
    from netevent.tui.app import NeteventApp


class AskEditor(ModalScreen[bool]):
    """Coach the ask while it is typed: verdict, highlighted words and suggestions redraw per keystroke."""

    CSS_PATH = "dialogs.tcss"  # read when a dialog is first shown, not at start-up

    app: NeteventApp

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="ask-cancel")]

    def __init__(self, name: str, ask: str) -> None:
        super().__init__(classes="dialog-screen")
        self.person = name
        self.initial = ask

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide-dialog"):
            yield Label(f"What {self.person} wants — enter saves, escape cancels", classes="dialog-title", markup=False)
            yield Input(value=self.initial, placeholder="Who exactly should the room introduce?", id="ask-input")
            yield Static(review_text(review_ask(self.initial)), id="ask-review")
            yield Static("", id="ask-error", classes="field-error", markup=False)

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one("#ask-review", Static).update(review_text(review_ask(event.value)))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        try:
            meeting.edit_ask(self.app.store, self.person, event.value)
        except UserError as exc:  # every problem a person can fix (errors.py)
            self.query_one("#ask-error", Static).update(str(exc))
            return
        self.app.changed()
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
