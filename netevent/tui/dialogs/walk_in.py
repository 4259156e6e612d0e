"""The walk-in form: add a visitor who arrived without booking, in a few keystrokes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from netevent.domain.names import NameMatchError
from netevent.render.ask_review import review_text
from netevent.services import meeting
from netevent.services.ask_rules import review_ask
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
    ("invited_by", "Invited by"),  # who brought them: the chapter's history credits the host
)


class WalkInForm(ModalScreen[str | None]):
    """Enter moves to the next field and saves from the last; the visitor is stored before the form closes."""

    CSS_PATH = "dialogs.tcss"  # read when a dialog is first shown, not at start-up
    AUTO_FOCUS = "#walkin-name"  # not the scrolling form around it: typing starts with the name

    app: NeteventApp

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="walk-in-cancel"),
        Binding("ctrl+s", "save", "Save", id="walk-in-save"),
        # Priority: the app handles enter as the key arrives, so what is typed straight after it is routed to the
        # next field; saving waits in the last field's queue behind the letters typed before enter.
        Binding("enter", "next_field", "Next field", id="walk-in-next", show=False, priority=True),
    ]

    def compose(self) -> ComposeResult:
        # One line per field (a label, a compact input): all six and the ask's review fit 80×24, and the form
        # scrolls on anything smaller.
        with VerticalScroll(classes="dialog wide-dialog", id="walkin-form", can_focus=False):
            yield Label("Walk-in visitor — enter for next field, ctrl+s saves", classes="dialog-title")
            for field, label in FIELDS:
                with Horizontal(classes="walkin-row"):
                    yield Label(label, classes="walkin-label")
                    yield Input(placeholder=label, id=f"walkin-{field}", compact=True)
                yield Static("", id=f"walkin-{field}-error", classes="field-error walkin-error", markup=False)
            yield Static("", id="walkin-ask-review")

    def on_input_changed(self, event: Input.Changed) -> None:
        """The ask is reviewed as it is typed, as in the ask editor, so the facilitator can coach it now."""
        if event.input.id == "walkin-ask":
            review = review_text(review_ask(event.value), limit=2) if event.value.strip() else ""
            self.query_one("#walkin-ask-review", Static).update(review)

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
            self.show_error(field, "")
        try:
            person = meeting.add_walk_in(
                self.app.store,
                self.value("name"),
                business=self.value("business"),
                profession=self.value("profession"),
                email=self.value("email"),
                phone=self.value("phone"),
                ask=self.value("ask"),
                invited_by=self.value("invited_by"),
            )
        except meeting.InputError as exc:
            self.show_error(exc.field, exc.message)
            self.query_one(f"#walkin-{exc.field}", Input).focus()
            return
        except NameMatchError as exc:  # the host's name fits nobody on the roster, or several people
            self.show_error("invited_by", exc.message)
            self.query_one("#walkin-invited_by", Input).focus()
            return
        except StoreError as exc:
            self.show_error("name", str(exc))
            return
        self.app.changed()
        self.app.notify(f"Added walk-in visitor {person.name}", timeout=3, markup=False)
        self.dismiss(person.name)

    def show_error(self, field: str, message: str) -> None:
        error = self.query_one(f"#walkin-{field}-error", Static)
        error.update(message)
        error.display = bool(message)  # an empty error line takes no row

    def action_cancel(self) -> None:
        self.dismiss(None)
