"""The End meeting question, with the chapter's third answer: end and write the next meeting's file first."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

END, NEXT = "end", "next"


class EndMeetingModal(ModalScreen[str | None]):
    """`y` ends, `w` writes next week's event file and ends, `n` or escape goes back to the meeting."""

    CSS_PATH = "dialogs.tcss"

    BINDINGS = [
        Binding("y", f"answer('{END}')", "End", id="end-yes"),
        Binding("w", f"answer('{NEXT}')", "End and write next", id="end-next"),
        Binding("n,escape", "answer(None)", "No", id="end-no"),
    ]

    def __init__(self) -> None:
        super().__init__(classes="dialog-screen")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(
                "End the meeting? The tally is printed in the terminal; everything is saved.\n"
                "w also writes the next meeting's event file (members and their latest asks, the date moved on) "
                "and lists the visitors to follow up.",
                id="question",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("End (y)", variant="error", id=END)
                yield Button("End, write next (w)", variant="primary", id=NEXT)
                yield Button("No (n)", id="no")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id if event.button.id in (END, NEXT) else None)

    def action_answer(self, answer: str | None) -> None:
        self.dismiss(answer)
