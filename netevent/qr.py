"""QR codes drawn from the module matrix: half-block text for the terminal, matrices for print, cached per payload.

Built on the qrcode library's tables and patterns with a fixed mask and precomputed version, codewords and
data placement: its best-mask search, version fitting, recursive Reed-Solomon and per-code walk of the symbol
cost most of its time, and 60 attendees' codes must be ready in under 100 ms. Tests check every matrix
against the library's own encoder and decode the drawings with zxing-cpp.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from rich.text import Text

    from netevent.store import Store
    from netevent.summary import Room

Matrix = list[list[bool]]
Mode = Literal["link", "card"]

# Black on white whatever the terminal theme: true colours, so a theme's "black" cannot be grey.
QR_STYLE = "#000000 on #ffffff"
CACHE_SIZE = 512  # plenty for 60 attendees in two modes, bounded while someone edits asks


def _version_for(byte_count: int) -> int:
    """The smallest QR version that holds `byte_count` bytes in byte mode at error correction M."""
    from qrcode import util
    from qrcode.constants import ERROR_CORRECT_M

    limits = util.BIT_LIMIT_TABLE[ERROR_CORRECT_M]
    for version in range(1, 41):
        needed = 4 + (8 if version < 10 else 16) + 8 * byte_count
        if needed <= limits[version]:
            return version
    raise ValueError(f"{byte_count} bytes is too much for one QR code; shorten the text")


@lru_cache(maxsize=16)
def _rs_table(ec_count: int) -> tuple[tuple[int, ...], ...]:
    """For each byte value, its product with every generator coefficient (QR uses a handful of ec counts)."""
    from qrcode import LUT, base

    exp, log = base.EXP_TABLE, base.LOG_TABLE
    gen_logs = [log[g] for g in LUT.rsPoly_LUT[ec_count][1:]]
    rows = [tuple([0] * ec_count)]
    rows += [tuple(exp[(g + log[factor]) % 255] for g in gen_logs) for factor in range(1, 256)]
    return tuple(rows)


def _rs_remainder(data: Sequence[int], ec_count: int) -> list[int]:
    """Reed-Solomon check bytes by the usual shift register (the library divides polynomials recursively)."""
    table = _rs_table(ec_count)
    remainder = [0] * ec_count
    for byte in data:
        products = table[byte ^ remainder[0]]
        remainder.append(0)
        remainder = [a ^ b for a, b in zip(remainder[1:], products, strict=True)]
    return remainder


def _codewords(raw: bytes, version: int) -> list[int]:
    """The interleaved data and error-correction codewords for `raw` in byte mode at level M."""
    from qrcode import base, util
    from qrcode.constants import ERROR_CORRECT_M

    blocks = base.rs_blocks(version, ERROR_CORRECT_M)
    capacity = sum(block.data_count for block in blocks)
    bits = "0100" + format(len(raw), "08b" if version < 10 else "016b") + "".join(format(b, "08b") for b in raw)
    bits += "0" * min(4, capacity * 8 - len(bits))
    bits += "0" * (-len(bits) % 8)
    stream = list(int(bits, 2).to_bytes(len(bits) // 8, "big"))
    stream += [util.PAD0 if i % 2 == 0 else util.PAD1 for i in range(capacity - len(stream))]

    data_blocks: list[list[int]] = []
    ec_blocks: list[list[int]] = []
    offset = 0
    for block in blocks:
        chunk = stream[offset : offset + block.data_count]
        offset += block.data_count
        data_blocks.append(chunk)
        ec_blocks.append(_rs_remainder(chunk, block.total_count - block.data_count))
    out: list[int] = []
    for group in (data_blocks, ec_blocks):
        for i in range(max(len(b) for b in group)):
            out.extend(b[i] for b in group if i < len(b))
    return out


@lru_cache(maxsize=40)
def _layout(version: int) -> tuple[tuple[tuple[bool, ...], ...], tuple[tuple[int, int], ...]]:
    """Per version: the masked empty symbol (function patterns, format info) and the data cells in placement order.

    The library's own patterns and format bits are used; only the zig-zag walk is precomputed, so each code
    afterwards is a copy and a flip per dark data bit (the library walks the whole symbol for every code).
    """
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M

    code = qrcode.QRCode(version=version, error_correction=ERROR_CORRECT_M, mask_pattern=0)
    size = code.modules_count = version * 4 + 17
    code.modules = [[None] * size for _ in range(size)]
    for row, col in ((0, 0), (size - 7, 0), (0, size - 7)):
        code.setup_position_probe_pattern(row, col)
    code.setup_position_adjust_pattern()
    code.setup_timing_pattern()
    code.setup_type_info(False, 0)
    if version >= 7:
        code.setup_type_number(False)
    cells: list[tuple[int, int]] = []
    row, step = size - 1, -1
    for right in range(size - 1, 0, -2):
        col = right - 1 if right <= 6 else right  # skip the vertical timing column
        while True:
            cells.extend((row, c) for c in (col, col - 1) if code.modules[row][c] is None)
            row += step
            if not 0 <= row < size:
                row -= step
                step = -step
                break
    # Mask 0 darkens cells where row + column is even; a data bit of 1 flips its cell.
    empty = tuple(
        tuple(bool(cell) if cell is not None else (r + c) % 2 == 0 for c, cell in enumerate(line))
        for r, line in enumerate(code.modules)
    )
    return empty, tuple(cells)


@lru_cache(maxsize=CACHE_SIZE)
def _matrix_rows(data: str) -> tuple[tuple[bool, ...], ...]:
    raw = data.encode("utf-8")
    version = _version_for(len(raw))
    empty, cells = _layout(version)
    rows = [list(line) for line in empty]
    index = 0
    for byte in _codewords(raw, version):
        for bit in range(7, -1, -1):
            if byte >> bit & 1:
                r, c = cells[index]
                rows[r][c] = not rows[r][c]
            index += 1
    return tuple(tuple(line) for line in rows)


def qr_matrix(data: str) -> Matrix:
    """The QR modules for `data` (True = dark), without a quiet zone; cached by the data string."""
    return [list(row) for row in _matrix_rows(data)]


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
        from netevent.summary import build_summary, summary_text

        return summary_text(build_summary(store, name, room=room), max_chars=max_chars)
    if mode != "link":
        raise ValueError(f"unknown QR mode {mode!r}; use link or card")
    if not base_url:
        raise ValueError("link mode needs the server's base URL, e.g. http://192.168.1.20:8765")
    return summary_link(base_url, store.token_for(name))
