"""A one-glance answer to "who here can help this ask?", to show beside whoever is speaking."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

from netevent.domain.models import name_key
from netevent.errors import UserError
from netevent.services.ask_rules import review_ask
from netevent.services.spheres import helpers_for_ask

if TYPE_CHECKING:
    from netevent.tui.app import NeteventApp

SHARPEN = "Sharpen the ask first — nobody can picture who to introduce"


class HelpersPanel(Static):
    """Names the top 1–3 people in the room who can help an attendee's ask, with the first reason for each."""

    app: NeteventApp

    DEFAULT_CSS = """
    HelpersPanel {
        height: auto;
        padding: 0 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None, limit: int = 3) -> None:
        super().__init__("", id=id, classes=classes)
        self.limit = limit
        self.name_shown = ""
        self._drawn_for: tuple[str, int] | None = None  # (name, revision): `show` is cheap to call on every redraw

    def on_mount(self) -> None:
        self.watch(self.app, "revision", self._store_changed, init=False)

    def _store_changed(self, _revision: int) -> None:
        if self.name_shown:
            self.show(self.name_shown)

    def show(self, name: str) -> None:
        """Show who can help `name`'s ask; an empty name clears the panel."""
        self.name_shown = name
        stamp = (name_key(name), self.app.revision)
        if stamp == self._drawn_for:
            return
        self._drawn_for = stamp
        self.update(self.helpers_text(name) if name.strip() else "")

    def clear(self) -> None:
        self.show("")

    def helpers_text(self, name: str) -> Text:
        person = next((p for p in self.app.event.attendees if p.key == name_key(name)), None)
        if person is None:
            return Text("")
        first = person.name.split()[0]
        try:
            helpers = helpers_for_ask(person.name, self.app.event.attendees, self.app.store.referrals(), self.limit)
        except UserError as exc:  # every problem a person can fix (errors.py)
            return Text(str(exc), style="red")
        text = Text()
        if not person.ask.strip():
            text.append(f"No ask from {first} yet — ask what they want this week", style="italic")
        elif review_ask(person.ask).verdict == "vague":
            text.append(SHARPEN, style="bold yellow")
        elif helpers:
            # One line per helper, each cut with "…" by the panel's CSS on a narrow screen (a sentence stopping
            # mid-word reads as a fault); the first helper, who matters most, is on the first line.
            lines = []
            for index, helper in enumerate(helpers):
                line = Text("Who here can help: " if index == 0 else "  ", style="bold")
                line.append(helper.b, style="bold cyan")
                line.append(f" — {helper.reasons[0]}")
                lines.append(line)
            return Text("\n").join(lines)
        else:
            text.append(f"Nobody here matches {first}'s ask yet — ask the room who knows one", style="italic")
        if helpers:  # a vague or missing ask: their contact sphere is still worth a word
            text.append("\nMeanwhile, worth meeting: ", style="dim")
            text.append(", ".join(h.b for h in helpers), style="dim")
        return text
