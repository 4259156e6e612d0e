"""The big countdown: block digits that grow with the terminal so the back of the room can read them."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

# 5-row block glyphs, '#' = filled; every digit is 3 wide so the clock never jiggles as it counts.
GLYPHS: dict[str, tuple[str, ...]] = {
    "0": ("###", "#.#", "#.#", "#.#", "###"),
    "1": (".#.", "##.", ".#.", ".#.", "###"),
    "2": ("###", "..#", "###", "#..", "###"),
    "3": ("###", "..#", "###", "..#", "###"),
    "4": ("#.#", "#.#", "###", "..#", "..#"),
    "5": ("###", "#..", "###", "..#", "###"),
    "6": ("###", "#..", "###", "#.#", "###"),
    "7": ("###", "..#", "..#", "..#", "..#"),
    "8": ("###", "#.#", "###", "#.#", "###"),
    "9": ("###", "#.#", "###", "..#", "###"),
    ":": (".", "#", ".", "#", "."),
    "+": ("...", ".#.", "###", ".#.", "..."),
    "-": ("...", "...", "###", "...", "..."),
    " ": ("...", "...", "...", "...", "..."),
}
GLYPH_ROWS = 5
WIDEST = "+00:00"  # the scale is chosen for this, so it stays put from "1:00" to "+1:05"
LABEL_ROWS = 2  # a blank line and the phase word under the digits


def glyph_columns(text: str, sx: int) -> int:
    """Cells across for `text` at horizontal scale `sx` (a glyph pixel is 2*sx cells wide, gaps sx)."""
    pixels = sum(len(GLYPHS.get(ch, GLYPHS[" "])[0]) for ch in text)
    return pixels * 2 * sx + max(0, len(text) - 1) * sx


def choose_scale(width: int, height: int) -> tuple[int, int]:
    """The largest (sx, sy) that fits WIDEST in width x height; 0 means too small for block digits."""
    sx = width // glyph_columns(WIDEST, 1)
    if sx < 1 or height < GLYPH_ROWS:
        return 0, 0
    sy = max(1, min((height - LABEL_ROWS) // GLYPH_ROWS, 2 * sx))
    return sx, sy


def block_lines(text: str, sx: int, sy: int) -> list[str]:
    """`text` drawn in full blocks, GLYPH_ROWS * sy lines."""
    lines: list[str] = []
    for row in range(GLYPH_ROWS):
        parts = []
        for ch in text:
            bits = GLYPHS.get(ch, GLYPHS[" "])[row]
            parts.append("".join(("█" if bit == "#" else " ") * 2 * sx for bit in bits))
        line = (" " * sx).join(parts)
        lines.extend([line] * sy)
    return lines


class BigClock(Widget):
    """Shows a countdown text and its phase; colours come from pitch.tcss by the `-<phase>` class."""

    DEFAULT_CSS = """
    BigClock {
        height: 1fr;
        min-height: 3;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.text = ""
        self.phase = "ready"
        self.label = ""

    def show(self, text: str, phase: str, label: str) -> bool:
        """Change what is shown; redraws only when something changed (the screen calls this ten times a second)."""
        if (text, phase, label) == (self.text, self.phase, self.label):
            return False
        if phase != self.phase:
            self.remove_class(f"-{self.phase}")
        self.text, self.phase, self.label = text, phase, label
        self.add_class(f"-{phase}")
        self.refresh()
        return True

    def on_mount(self) -> None:
        self.add_class(f"-{self.phase}")

    def render(self) -> Text:
        width, height = self.content_size
        sx, sy = choose_scale(width, height)
        if sx == 0:  # too small for block digits: plain bold text still reads
            out = Text(self.text, style="bold", justify="center")
            if self.label and height > 1:
                out.append("\n" + self.label)
            return out
        body = [*block_lines(self.text, sx, sy), "", self.label]
        top = max(0, (height - len(body)) // 2)
        lines = [""] * top + [line.center(width) if line else "" for line in body]
        out = Text("\n".join(lines[:height]), no_wrap=True, overflow="crop")
        out.stylize("bold", len("\n".join(lines[: top + len(body) - 1])))
        return out
