"""The app's shared dialogs: one error modal, one confirmation modal and one single-line prompt."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static


class ErrorModal(ModalScreen[None]):
    """Shows one error the facilitator must read; any of enter/escape closes it."""

    CSS_PATH = "dialogs.tcss"  # read when a dialog is first shown, not at start-up

    BINDINGS = [Binding("escape,enter", "dismiss", "Close", id="close-error")]

    def __init__(self, message: str, title: str = "Something needs attention") -> None:
        super().__init__(classes="dialog-screen")
        self.message = message
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog error-dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Static(self.message, id="error-message", markup=False)  # messages quote input: "[/b]" is text
            yield Button("OK", variant="primary", id="ok")

    def on_button_pressed(self) -> None:
        self.dismiss(None)


class ConfirmModal(ModalScreen[bool]):
    """Asks yes or no; `y`/`n` answer without reaching for the mouse."""

    CSS_PATH = "dialogs.tcss"  # read when a dialog is first shown, not at start-up

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm-yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm-no"),
    ]

    def __init__(self, question: str, yes: str = "Yes", no: str = "No") -> None:
        super().__init__(classes="dialog-screen")
        self.question, self.yes, self.no = question, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, id="question", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self.yes} (y)", variant="error", id="yes")
                yield Button(f"{self.no} (n)", id="no")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class PromptModal(ModalScreen[str | None]):
    """Asks for one line of text; escape cancels and returns None."""

    CSS_PATH = "dialogs.tcss"  # read when a dialog is first shown, not at start-up

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="prompt-cancel")]

    def __init__(self, question: str, value: str = "", placeholder: str = "", *, keep: bool = False) -> None:
        """`keep`: typing adds to `value` (a name to go on from) instead of replacing it (a default to overwrite)."""
        super().__init__(classes="dialog-screen")
        self.question, self.value, self.placeholder, self.keep = question, value, placeholder, keep

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.question, classes="dialog-title", markup=False)
            yield Input(
                value=self.value, placeholder=self.placeholder, id="prompt-input", select_on_focus=not self.keep
            )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
