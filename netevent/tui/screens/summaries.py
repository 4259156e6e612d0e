"""The Summaries screen: each attendee's QR code (one large, or a wall), the server's address and pages opened.

With the summary server running the codes carry links; without it (`--no-serve`, or phones that cannot
reach the laptop) they carry the card-mode text summary. Imports stay light: aiohttp is never needed here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Middle
from textual.screen import Screen
from textual.widgets import Static

from netevent.render.qr import lines_to_text, qr_lines, qr_size
from netevent.store.atomic import StoreError
from netevent.tui.widgets.chrome import KeyFooter, TitleBar

if TYPE_CHECKING:
    from netevent.domain.models import Attendee
    from netevent.services.page_server import PageServer
    from netevent.services.summaries import Room

CAPTION_LINES = 2  # name and business under each code


def summary_server(app: Any) -> PageServer | None:
    """The app's running summary server, if it has one."""
    server = getattr(app, "summary_server", None)
    return server if server is not None and server.running else None


CARD_TEXT_SIZES = (300, 220, 160, 110, 80, 60, 45)  # summary lengths to try, shorter each time, on a small screen


class SummariesScreen(Screen[None]):
    """Shows codes to scan; arrow keys move through attendees, `w` switches to a wall of codes."""

    BINDINGS = [
        Binding("left,up", "move(-1)", "Previous", id="summaries-previous"),
        Binding("right,down", "move(1)", "Next", id="summaries-next"),
        Binding("w", "toggle_wall", "Wall / one", id="summaries-wall"),
        Binding("m", "toggle_mode", "Link / card", id="summaries-mode"),
        Binding("r", "reissue", "New link", id="summaries-reissue"),
        Binding("d", "toggle_room", "Room display", id="summaries-room"),
        Binding("c", "toggle_changes", "Phones on/off", id="summaries-changes", show=False),  # in the status line
        Binding("a", "toggle_absent", "Absent on/off", id="summaries-absent", show=False),
    ]

    DEFAULT_CSS = """
    SummariesScreen #summaries-status { height: auto; padding: 0 1; background: $boost; }
    SummariesScreen #summaries-body { height: 1fr; }
    SummariesScreen #summaries-code { width: auto; height: auto; }
    SummariesScreen #summaries-caption { width: auto; height: auto; text-align: center; text-style: bold; }
    SummariesScreen #summaries-wall { width: 100%; height: 1fr; padding: 0 1; }
    SummariesScreen.-wall #summaries-body { display: none; }
    SummariesScreen.-single #summaries-wall { display: none; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.index = 0  # the attendee shown (or the first on the wall's page)
        self.wall = False
        self.card_mode = False
        self.page_note = ""
        self.room_view = False  # showing the room display's code instead of an attendee's
        self.show_absent = False  # absent members have no use for a code on the wall
        self._room: tuple[object, Room] | None = None  # (app revision, data) for card-mode codes

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static("", id="summaries-status")
        with Middle(id="summaries-body"), Center():
            yield Static("", id="summaries-code")
            yield Static("", id="summaries-caption")
        yield Static("", id="summaries-wall")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.set_class(True, "-single")
        self.watch(self.app, "revision", self.redraw, init=False)
        self.set_interval(1.0, self.update_status)  # pages opened change without a store write
        self.redraw()

    def on_screen_resume(self) -> None:
        self.redraw()

    def on_resize(self) -> None:
        self.redraw()

    # -- data -------------------------------------------------------------------------------------------

    def attendees(self) -> list[Attendee]:
        people = self.app.store.attendees()  # type: ignore[attr-defined]
        return people if self.show_absent else [p for p in people if not p.is_absent]

    def action_toggle_absent(self) -> None:
        self.show_absent = not self.show_absent
        self.index = 0
        self.notify("Absent members shown" if self.show_absent else "Absent members left off", timeout=2)
        self.redraw()

    def mode(self) -> str:
        """Links when phones can reach the server; the text summary otherwise or when asked for."""
        return "link" if summary_server(self.app) and not self.card_mode else "card"

    def payload(self, name: str, max_chars: int = 400) -> str:
        store = self.app.store  # type: ignore[attr-defined]
        server = summary_server(self.app)
        if self.mode() == "link" and server is not None:
            return server.url_for(store.token_for(name))
        from netevent.services.summaries import Room, build_summary, summary_text

        revision = getattr(self.app, "revision", None)
        if self._room is None or self._room[0] != revision or revision is None:
            self._room = (revision, Room.read(store))  # the matcher runs once per change, not per code
        return summary_text(build_summary(store, name, room=self._room[1]), max_chars=max_chars)

    # -- drawing ----------------------------------------------------------------------------------------

    def redraw(self, _revision: int | None = None) -> None:
        try:
            people = self.attendees()
            if not people:
                self.query_one("#summaries-code", Static).update("No attendees yet.")
                self.query_one("#summaries-caption", Static).update("")
                self.query_one("#summaries-wall", Static).update("No attendees yet.")
            elif self.room_view:
                self.draw_room()
            elif self.wall:
                self.draw_wall(people)
            else:
                self.draw_single(people)
        except StoreError as exc:
            self.app.notify(str(exc), severity="error")  # type: ignore[attr-defined]
        self.update_status()

    def draw_single(self, people: list[Attendee]) -> None:
        self.index %= len(people)
        person = people[self.index]
        data = self.payload(person.name)
        body = self.query_one("#summaries-body")
        width, height = body.size.width or self.size.width, (body.size.height or self.size.height) - CAPTION_LINES
        if self.mode() == "card":  # a code cut at the bottom does not scan: carry less text until it fits
            for max_chars in CARD_TEXT_SIZES:
                code_w, code_h = qr_size(data, large=False)
                if code_w <= width and code_h <= height:
                    break
                data = self.payload(person.name, max_chars=max_chars)
        big_w, big_h = qr_size(data, large=True)
        large = big_w <= width and big_h <= height
        self.query_one("#summaries-code", Static).update(lines_to_text(qr_lines(data, large=large)))
        caption = Text(person.shown_name, style="bold")
        if person.business:
            caption.append(f" · {person.business}", style="not bold")
        caption.append(f"   {self.index + 1}/{len(people)}", style="dim not bold")
        self.query_one("#summaries-caption", Static).update(caption)

    def room_url(self) -> str:
        """The projector page's address, or "" while no server runs."""
        server = summary_server(self.app)
        return server.room_url(self.app.store.room_token()) if server is not None else ""  # type: ignore[attr-defined]

    def draw_room(self) -> None:
        url = self.room_url()
        code = self.query_one("#summaries-code", Static)
        caption = self.query_one("#summaries-caption", Static)
        if not url:
            code.update("The room display needs the summary server (it is off or still starting).")
            caption.update("")
            return
        code.update(lines_to_text(qr_lines(url, large=True)))
        text = Text("Room display", style="bold")
        text.append(f" · open on the projector's browser, full screen: {url}", style="not bold")
        caption.update(text)

    def wall_capacity(self, code_w: int, code_h: int) -> tuple[int, int]:
        """How many codes fit across and down the wall area."""
        area = self.query_one("#summaries-wall")
        width = (area.size.width or self.size.width) - 2
        height = area.size.height or max(1, self.size.height - 4)
        return max(1, (width + 1) // (code_w + 1)), max(1, height // (code_h + CAPTION_LINES))

    def draw_wall(self, people: list[Attendee]) -> None:
        first = self.payload(people[0].name)
        code_w, code_h = qr_size(first)
        if self.mode() == "card":  # text codes differ in size; plan for the largest a card can be
            code_w, code_h = max(code_w, 77), max(code_h, 39)
        cols, rows = self.wall_capacity(code_w, code_h)
        per_page = cols * rows
        self.index %= len(people)
        start = self.index - self.index % per_page
        self.page_note = f"   showing {start + 1}–{min(start + per_page, len(people))} of {len(people)} (← → pages)"
        grid = Table.grid(padding=(0, 1))
        for _ in range(cols):
            grid.add_column(width=code_w, no_wrap=True)
        cells = []
        for person in people[start : start + per_page]:
            name = Text(person.shown_name, style="bold", overflow="ellipsis", no_wrap=True)
            business = Text(person.business, style="dim", overflow="ellipsis", no_wrap=True)
            code = lines_to_text(qr_lines(self.payload(person.name)))
            code.end = "\n"  # the caption goes under the code, not after its last line
            cells.append(Group(code, name, business))
        for row in range(0, len(cells), cols):
            grid.add_row(*cells[row : row + cols])
        self.query_one("#summaries-wall", Static).update(grid)

    def update_status(self) -> None:
        server = summary_server(self.app)
        if server is None:
            off = getattr(self.app, "pages_off", "")
            if off or getattr(self.app, "pages", None) is None:
                text = f"Summary server off{f' ({off})' if off else ''}: codes carry each summary as text"
            else:
                text = "Summary server starting…"
        else:
            counts = server.opened_counts()
            text = (
                f"Summaries at {server.base_url}   pages opened: {sum(counts.values())} "
                f"({len(counts)} of {len(self.attendees())} attendees)"
            )
            text += f"   room display: {self.room_url()} (d)"
            text += "   phones: read-only (c)" if server.read_only else "   phones can change their page (c)"
            if self.mode() == "card":
                text += "   showing text codes (m: links)"
            if self.wall:
                text += self.page_note
            else:
                people = self.attendees()
                if people:
                    name = people[self.index % len(people)].name
                    text += f"   {name}: opened {server.opened_count(name)}×"
        self.query_one("#summaries-status", Static).update(text)

    # -- actions ----------------------------------------------------------------------------------------

    def show_room(self) -> None:
        """Show the room display's code and address (the palette's "Room display")."""
        self.room_view = True
        if self.wall:
            self.action_toggle_wall()
        else:
            self.redraw()

    def action_toggle_changes(self) -> None:
        """Let phones change asks, records, follow-ups and goals, or not: the running meeting's --read-only-pages."""
        server = summary_server(self.app)
        if server is not None:
            server.read_only = not server.read_only
            self.update_status()

    def action_toggle_room(self) -> None:
        if self.room_view:
            self.room_view = False
            self.redraw()
        else:
            self.show_room()

    def action_move(self, step: int) -> None:
        self.room_view = False
        count = len(self.attendees()) or 1
        if self.wall:
            code_w, code_h = qr_size(self.payload(self.attendees()[0].name)) if count else (1, 1)
            cols, rows = self.wall_capacity(code_w, code_h)
            step *= cols * rows
        self.index = (self.index + step) % count
        self.redraw()

    def action_toggle_wall(self) -> None:
        self.wall = not self.wall
        self.set_class(self.wall, "-wall")
        self.set_class(not self.wall, "-single")
        self.call_after_refresh(self.redraw)  # sizes are known once the layout has switched

    def action_toggle_mode(self) -> None:
        if summary_server(self.app) is None:
            self.app.notify("The summary server is off: codes carry text summaries")  # type: ignore[attr-defined]
            return
        self.card_mode = not self.card_mode
        self.redraw()

    def action_reissue(self) -> None:
        """Give the shown attendee a new link (e.g. their code was photographed); the old one stops working."""
        from netevent.tui.dialogs.modals import ConfirmModal

        people = self.attendees()
        if not people:
            return
        name = people[self.index % len(people)].name

        def done(confirmed: bool | None) -> None:
            if not confirmed:
                return
            try:
                self.app.store.reissue_token(name)  # type: ignore[attr-defined]
            except StoreError as exc:
                self.app.notify(str(exc), severity="error")  # type: ignore[attr-defined]
                return
            changed = getattr(self.app, "changed", None)
            if callable(changed):
                changed()
            else:
                self.redraw()
            self.app.notify(f"{name} has a new link; the old one no longer works", markup=False)  # type: ignore[attr-defined]

        self.app.push_screen(
            ConfirmModal(f"Give {name} a new summary link? Their old code stops working.", yes="New link"), done
        )
