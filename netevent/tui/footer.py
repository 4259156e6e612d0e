"""The key footer: Textual's Footer, rebuilt only when the keys it shows actually change."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class KeyFooter(Footer):
    """Start-up, focus moves and screen switches signal binding changes several times in a row, and the stock
    Footer rebuilds every key widget each time (a quarter of a second at start-up). This one rebuilds once per
    burst, and not at all when the shown keys are the same."""

    _queued = False
    _shown: tuple[tuple[str, str, bool], ...] | None = None

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen or self._queued:
            return
        self._queued = True
        self.call_after_refresh(self._recompose_if_changed)

    def _signature(self) -> tuple[tuple[str, str, bool], ...]:
        return tuple(
            (binding.key, binding.description, enabled)
            for _, binding, enabled, _ in self.screen.active_bindings.values()
            if binding.show
        )

    async def _recompose_if_changed(self) -> None:
        self._queued = False
        shown = self._signature()
        if shown != self._shown:
            self._shown = shown
            await self.recompose()
