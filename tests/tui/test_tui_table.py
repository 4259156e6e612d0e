"""LineTable draws its quick cells exactly as DataTable would: same characters, same colours, same cursor."""

from __future__ import annotations

import pytest
from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import DataTable

from netevent.tui.widgets.table import LineTable


def rows() -> list[tuple[object, ...]]:
    """Cells of every shape a screen shows, and some it only might: each goes the quick way or falls back."""
    spans = Text("Priya Shah")
    spans.stylize("bold red", 0, 5)
    return [
        (Text("1"), Text("Oliver Grant", no_wrap=True, end=""), Text("present", style="bold green"), "plain str"),
        (Text("2"), spans, Text(""), Text("café — 日本語 ✓", style="italic")),
        (Text("3"), Text("a name far too long for the column it sits in", no_wrap=True), Text("late"), 42),
        (Text("4"), Text("tab\there"), Text("two\nlines"), Text("right", justify="right")),
        (Text("5"), Text("[not markup]"), Text("left", justify="left", style="on blue"), 3.5),
    ]


class OneTable(App[None]):
    """The data in one table of the given class, focused, as a screen would show it."""

    def __init__(self, kind: type[DataTable], height: int | None = 1, **table_options: object) -> None:
        super().__init__()
        self.kind = kind
        self.row_height = height
        self.table_options = table_options

    def compose(self) -> ComposeResult:
        yield self.kind(**self.table_options)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("#", key="n")
        table.add_column("Name", key="name", width=14)
        table.add_column(Text("Here"), key="here")
        table.add_column("Note", key="note")
        for n, row in enumerate(rows()):
            table.add_row(*row, key=str(n), height=self.row_height)


async def picture(kind: type[DataTable], keys: tuple[str, ...] = (), **options: object) -> list[list[tuple]]:
    """What the table draws, segment by segment with its style, after pressing `keys`."""
    app = OneTable(kind, **options)
    async with app.run_test(size=(100, 20)) as pilot:
        await pilot.press(*keys)
        await pilot.pause()
        table = app.query_one(DataTable)
        return [[(seg.text, seg.style) for seg in table.render_line(y)] for y in range(table.size.height)]


@pytest.mark.parametrize(
    "options",
    [
        {"cursor_type": "row", "zebra_stripes": True},
        {"cursor_type": "cell", "cell_padding": 0},
        {"cursor_type": "none", "cell_padding": 2, "fixed_columns": 1},
    ],
)
@pytest.mark.parametrize("keys", [(), ("down", "down", "right")])
async def test_line_table_draws_what_data_table_draws(options: dict[str, object], keys: tuple[str, ...]) -> None:
    quick = await picture(LineTable, keys, **options)
    assert any("Oliver Grant" in "".join(text for text, _ in line) for line in quick)
    assert quick == await picture(DataTable, keys, **options)


async def test_rows_taller_than_a_line_draw_as_in_data_table() -> None:
    quick = await picture(LineTable, height=None, cursor_type="row")
    assert any("lines" in "".join(text for text, _ in line) for line in quick)  # "two\nlines", wrapped
    assert quick == await picture(DataTable, height=None, cursor_type="row")
