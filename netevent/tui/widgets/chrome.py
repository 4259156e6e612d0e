"""The title line and the key footer every screen shows, each drawn as one widget.

Textual's Header and Footer build a widget per part (icon, title, clock; one per key) and the Footer rebuilds all
of them whenever focus moves. At start-up that was a third of the time to the first frame, so these draw the same
information as one line of text each: the footer still lists the screen's keys, dims disabled ones, and clicking
a key presses it.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.style import Style
from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget


class TitleBar(Widget):
    """The meeting's title and, dimmed, its date and store path (the app's `title` and `sub_title`)."""

    ALLOW_SELECT = False
    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
        content-align: center middle;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def on_mount(self) -> None:
        self.watch(self.app, "title", self._title_changed, init=False)
        self.watch(self.app, "sub_title", self._title_changed, init=False)

    def _title_changed(self, _value: str) -> None:
        self.refresh()

    def render(self) -> Text:
        text = Text(self.app.title, style="bold", no_wrap=True, end="")
        if self.app.sub_title:
            text.append(f"  ·  {self.app.sub_title}", style="dim")
        return text


_NORMAL, _DIM = Style(), Style(dim=True)


class _Hit(NamedTuple):
    start: int
    end: int
    key: str
    enabled: bool


class KeyFooter(Widget):
    """The screen's shown key bindings on one line, the command palette key at the right."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"key-footer--key", "key-footer--description"}
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        width: 100%;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        text-wrap: nowrap;
        & > .key-footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .key-footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
    }
    """

    _shown: tuple[tuple[str, str, str, bool], ...] = ()
    _hits: tuple[_Hit, ...] = ()

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        # After the screen's other widgets mount: a screen's check_action may look them up.
        self.call_after_refresh(self._bindings_changed, self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen: Screen) -> None:
        # Focus moves signal several times in a row with the same keys: redraw only when what is shown changes.
        shown = self._keys()
        if shown != self._shown:
            self._shown = shown
            self.refresh()

    def _keys(self) -> tuple[tuple[str, str, str, bool], ...]:
        """(key, key as shown, description, enabled) per action, first binding wins, as Textual's Footer."""
        keys: dict[str, tuple[str, str, str, bool]] = {}
        palette = self.app.COMMAND_PALETTE_BINDING if self.app.ENABLE_COMMAND_PALETTE else None
        palette_key = None
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            entry = (binding.key, self.app.get_key_display(binding), binding.description, enabled)
            if binding.key == palette:
                palette_key = entry
            elif binding.show and binding.action not in keys:
                keys[binding.action] = entry
        return (*keys.values(), *([palette_key] if palette_key else []))

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-footer--key", partial=True)
        description_style = self.get_component_rich_style("key-footer--description", partial=True)
        palette = self.app.COMMAND_PALETTE_BINDING if self.app.ENABLE_COMMAND_PALETTE else None
        parts = []  # (text, key, enabled) per key, the palette key last: it keeps the right edge
        for key, shown, description, enabled in self._shown:
            dim = _NORMAL if enabled else _DIM
            part = Text(no_wrap=True, end="")
            part.append(f" {shown} ", style=key_style + dim)
            part.append(f"{description} ", style=description_style + dim)
            parts.append((part, key, enabled))
        right = parts.pop()[0] if parts and parts[-1][1] == palette else Text(end="")
        offset = self.size.width - right.cell_len
        keys, hits = Text(no_wrap=True, end=""), []
        for part, key, enabled in parts:
            if keys.cell_len + part.cell_len > offset:
                break  # whole keys only: a cut "f2 Roste" helps nobody (every key is in the palette too)
            hits.append(_Hit(keys.cell_len, keys.cell_len + part.cell_len, key, enabled))
            keys.append_text(part)
        if right.cell_len and palette:
            hits.append(_Hit(offset, offset + right.cell_len, palette, True))
        self._hits = tuple(hits)
        keys.append(" " * max(offset - keys.cell_len, 0))
        return keys + right

    def on_click(self, event: events.Click) -> None:
        for hit in self._hits:
            if hit.start <= event.x < hit.end:
                event.stop()
                if hit.enabled:
                    self.app.simulate_key(hit.key)
                else:
                    self.app.bell()
                return
