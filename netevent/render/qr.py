"""QR codes drawn from the module matrix: half-block text for the terminal, matrices for print, cached per payload.

Encoded by the qrcode library with a fixed mask (its best-mask search is most of its cost) at error-correction
level L on screen and M in print (see SCREEN_LEVEL); tests decode the drawings with zxing-cpp.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from rich.text import Text

    from netevent.services.summaries import Room
    from netevent.store.repository import Store

Matrix = list[list[bool]]
Mode = Literal["link", "card"]

# Black on white whatever the terminal theme: true colours, so a theme's "black" cannot be grey.
QR_STYLE = "#000000 on #ffffff"
CACHE_SIZE = 512  # plenty for 60 attendees in two modes, bounded while someone edits asks


Level = Literal["L", "M"]

# Error correction: codes on a screen use L (7 % recoverable). A lit screen is not smudged or folded, and the
# smaller version it allows (a room link is version 3, 29 modules, not 33 at M) draws each module bigger in the
# same terminal space, which is what lets a phone at the back of the room focus; it also encodes a fifth faster.
# Printed cards keep M (15 %), for creases and coffee.
SCREEN_LEVEL: Level = "L"
PRINT_LEVEL: Level = "M"

# (byte length, level) → QR version the library fitted: every link in a room has the same length, so the
# library's version search (which encodes the data once more) runs once per length instead of once per code.
_VERSIONS: dict[tuple[int, Level], int] = {}


@lru_cache(maxsize=CACHE_SIZE)
def _matrix_rows(data: str, level: Level = SCREEN_LEVEL) -> tuple[tuple[bool, ...], ...]:
    """Encode with the qrcode library; a fixed mask skips its best-mask search, the bulk of its time."""
    import qrcode
    from qrcode.constants import ERROR_CORRECT_L, ERROR_CORRECT_M

    raw = data.encode("utf-8")
    version = _VERSIONS.get((len(raw), level))
    correction = ERROR_CORRECT_L if level == "L" else ERROR_CORRECT_M
    code = qrcode.QRCode(version=version, error_correction=correction, mask_pattern=0, border=0)
    code.add_data(raw, optimize=0)
    code.make(fit=version is None)
    _VERSIONS[(len(raw), level)] = code.version
    return tuple(map(tuple, code.modules))  # a made code's modules are all True/False


def qr_matrix(data: str, level: Level = PRINT_LEVEL) -> Matrix:
    """The QR modules for `data` (True = dark), without a quiet zone, at `level` (print by default); cached."""
    return [list(row) for row in _matrix_rows(data, level)]


def _with_quiet_zone(matrix: Sequence[Sequence[bool]], quiet: int) -> list[list[bool]]:
    width = len(matrix[0]) + 2 * quiet if matrix else 2 * quiet
    blank = [False] * width
    rows = [list(blank) for _ in range(quiet)]
    rows += [[False] * quiet + list(row) + [False] * quiet for row in matrix]
    rows += [list(blank) for _ in range(quiet)]
    if len(rows) % 2:
        rows.append(list(blank))
    return rows


_HALF = " ▄▀█"  # indexed by 2 * top + bottom


def render_halfblocks(matrix: Sequence[Sequence[bool]], quiet: int = 2) -> list[str]:
    """Text lines drawing two module rows per line; the glyphs are the dark modules, so draw black on white."""
    rows = _with_quiet_zone(matrix, quiet)
    pairs = zip(rows[0::2], rows[1::2], strict=True)  # the quiet zone makes the row count even
    return ["".join([_HALF[2 * t + b] for t, b in zip(top, bottom, strict=True)]) for top, bottom in pairs]


def render_fullblocks(matrix: Sequence[Sequence[bool]], quiet: int = 2) -> list[str]:
    """Twice the size of the half-block drawing: one line and two columns per module, for the projector."""
    rows = _with_quiet_zone(matrix, quiet)
    if len(rows) > len(matrix) + 2 * quiet:
        rows.pop()  # only half-blocks need an even row count
    return ["".join(["██" if cell else "  " for cell in row]) for row in rows]


@lru_cache(maxsize=CACHE_SIZE)
def _cached_lines(data: str, quiet: int, large: bool = False) -> tuple[str, ...]:
    draw = render_fullblocks if large else render_halfblocks
    return tuple(draw(_matrix_rows(data), quiet))


def qr_lines(data: str, quiet: int = 2, *, large: bool = False) -> list[str]:
    """The drawing of `data` (half-blocks, or `large` full blocks), from the per-payload cache."""
    return list(_cached_lines(data, quiet, large))


def qr_size(data: str, quiet: int = 2, *, large: bool = False) -> tuple[int, int]:
    """Columns and lines the drawing of `data` takes, so a screen can choose what fits."""
    side = len(_matrix_rows(data)) + 2 * quiet
    return (2 * side, side) if large else (side, (side + 1) // 2)


def lines_to_text(lines: Sequence[str]) -> Text:
    """A Rich Text of half-block lines with explicit black-on-white style, so themes cannot invert it."""
    from rich.text import Text

    return Text("\n".join(lines), style=QR_STYLE, no_wrap=True, overflow="crop", end="")


def qr_text(data: str, quiet: int = 2, *, large: bool = False) -> Text:
    """The terminal QR code for `data` as Rich Text (cached drawing, fresh Text object)."""
    return lines_to_text(_cached_lines(data, quiet, large))


def warm_cache(payloads: Sequence[str], quiet: int = 2) -> None:
    """Compute every code up front (e.g. in a worker) so screens draw them instantly."""
    for data in payloads:
        _cached_lines(data, quiet)


def clear_cache() -> None:
    _cached_lines.cache_clear()
    _matrix_rows.cache_clear()
    _VERSIONS.clear()


def summary_link(base_url: str, token: str) -> str:
    """The page address a QR code carries: `http://HOST:PORT/s/TOKEN`."""
    return f"{base_url.rstrip('/')}/s/{token}"


def qr_payload(
    store: Store, name: str, *, mode: Mode = "link", base_url: str = "", max_chars: int = 400, room: Room | None = None
) -> str:
    """What an attendee's code carries: the link to their page, or in card mode their summary as text.

    Pass `room` (`Room.read(store)`) when making many card-mode payloads: it is the expensive part.
    """
    if mode == "card":
        from netevent.services.summaries import build_summary, summary_text

        return summary_text(build_summary(store, name, room=room), max_chars=max_chars)
    if mode != "link":
        raise ValueError(f"unknown QR mode {mode!r}; use link or card")
    if not base_url:
        raise ValueError("link mode needs the server's base URL, e.g. http://192.168.1.20:8765")
    return summary_link(base_url, store.token_for(name))
