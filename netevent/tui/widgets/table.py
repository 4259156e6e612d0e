"""A DataTable that draws its plain one-line cells straight to segments."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.widgets import DataTable

_UNJUSTIFIED = (None, "default")  # "left" pads the text itself, in its own style


class LineTable(DataTable):
    """DataTable draws each cell through Rich's general pipeline (Styled over Padding over the Text, each step
    re-splitting and re-padding lines), which was about a third of drawing the first screen. Our cells and column
    labels are one-line `Text`s that fit their column; for those the result is simply: padding, the Text's own
    segments, spaces to the column width, padding, all under the cell's styles. Anything else (row labels,
    wrapped or too-long text, other renderables) goes through DataTable's own drawing: the picture is the same."""

    def _render_cell(
        self,
        row_index: int,
        column_index: int,
        base_style: Style,
        width: int,
        cursor: bool = False,
        hover: bool = False,
    ) -> list[list[Segment]]:
        lines = self._quick_cell(row_index, column_index, base_style, width, cursor, hover)
        if lines is None:
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        return lines

    def _quick_cell(
        self, row_index: int, column_index: int, base_style: Style, width: int, cursor: bool, hover: bool
    ) -> list[list[Segment]] | None:
        if column_index < 0:  # a row label
            return None
        header = row_index == -1
        row_key = self._header_row_key if header else self._row_locations.get_key(row_index)
        column_key = self._column_locations.get_key(column_index)
        # DataTable's own cache key, so a cell drawn either way is found again and invalidated alike.
        key = (
            row_key,
            column_key,
            base_style,
            cursor,
            hover,
            self._show_hover_cursor,
            self._update_count,
            self._pseudo_class_state,
        )
        cache = self._cell_render_cache
        if key in cache:
            return cache[key]
        if header:
            column = self.columns.get(column_key)
            height, cell = self.header_height, column.label if column else None
        else:
            row = self.rows.get(row_key)
            height, cell = row.height if row else 0, self._data.get(row_key, {}).get(column_key)
        inner = width - 2 * self.cell_padding
        if (
            height != 1
            or not isinstance(cell, Text)
            or cell.justify not in _UNJUSTIFIED
            or "\n" in cell.plain
            or "\t" in cell.plain
            or cell.cell_len > inner
        ):
            return None
        fixed = not header and (row_index < self.fixed_rows or column_index < self.fixed_columns)
        component_style, post_style = self._get_styles_to_render_cell(
            header,
            False,
            fixed,
            hover,
            cursor,
            self.show_cursor,
            self._show_hover_cursor,
            self.cursor_foreground_priority == "css",
            self.cursor_background_priority == "css",
        )
        pre_style = base_style + Style.from_meta({"row": row_index, "column": column_index}) + component_style
        padding = [Segment(" " * self.cell_padding)] if self.cell_padding else []
        line = padding + Segment.adjust_line_length(self._text_segments(cell), inner) + padding
        lines = [list(Segment.apply_style(line, style=pre_style, post_style=post_style))]
        cache[key] = lines
        return lines

    def _text_segments(self, cell: Text) -> list[Segment]:
        """The Text's segments as Rich draws it in a line: `Text.render` leaves out the Text's own style when it
        has no spans (Rich adds that style as a span when it lays out lines), so that case is done here."""
        if cell._spans:
            return list(cell.render(self.app.console))
        if not cell.plain:
            return []
        return [Segment(cell.plain, self.app.console.get_style(cell.style) if cell.style else None)]
