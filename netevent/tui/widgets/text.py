"""Text typed by people, shown as typed."""

from __future__ import annotations

from rich.text import Text


def literal(value: object) -> Text:
    """A table cell that shows `value` exactly: DataTable reads a plain str cell as Rich markup, so an ask like
    "owners [not agents]" lost its brackets and a note with "[/b]" stopped the screen drawing. Building the Text
    here also skips that markup parse, a good part of drawing the first screen."""
    return Text(str(value), no_wrap=True, end="")
