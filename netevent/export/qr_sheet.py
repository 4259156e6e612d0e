"""Printable QR cards, one per attendee, for A4 or US Letter: the fallback when nobody can see the laptop's screen.

Codes are drawn as vector rectangles from the QR matrix (one per run of dark modules), so they print crisp
at any size and scale without a raster image in between.
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from netevent.export.files import replace_file
from netevent.render.qr import Mode, qr_matrix, qr_payload

if TYPE_CHECKING:
    from fpdf import FPDF

    from netevent.store.repository import Store

Paper = Literal["A4", "Letter"]
PAPER_MM: dict[str, tuple[float, float]] = {"A4": (210.0, 297.0), "Letter": (215.9, 279.4)}
MARGIN_MM = 10.0
QUIET_MODULES = 4  # the quiet zone the QR standard asks for; printers and cameras need it
# Link codes are small, so more fit on a page; card-mode codes carry ~400 characters and need room.
GRID = {"link": (3, 4), "card": (2, 3)}
UNICODE_FONTS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/Library/Fonts/Arial Unicode.ttf",
    "C:/Windows/Fonts/arial.ttf",
)


@dataclass(slots=True)
class Card:
    name: str
    business: str
    payload: str


@dataclass(slots=True)
class CardBox:
    """Where one card sits on its page, in millimetres."""

    page: int
    x: float
    y: float
    w: float
    h: float


def card_boxes(count: int, mode: Mode = "link", paper: Paper = "A4") -> list[CardBox]:
    """The grid positions of `count` cards, filling each page row by row."""
    if paper not in PAPER_MM:
        raise ValueError(f"unknown paper {paper!r}; use A4 or Letter")
    width, height = PAPER_MM[paper]
    cols, rows = GRID[mode]
    w = (width - 2 * MARGIN_MM) / cols
    h = (height - 2 * MARGIN_MM) / rows
    boxes = []
    for i in range(count):
        page, slot = divmod(i, cols * rows)
        row, col = divmod(slot, cols)
        boxes.append(CardBox(page, MARGIN_MM + col * w, MARGIN_MM + row * h, w, h))
    return boxes


def _font(pdf: FPDF) -> tuple[str, bool]:
    """A Unicode font if the system has one (names are not all Latin-1), else Helvetica."""
    for path in UNICODE_FONTS:
        if os.path.isfile(path):
            pdf.add_font("card", "", path)
            return "card", True
    return "helvetica", False


def _printable(text: str, unicode_font: bool) -> str:
    if unicode_font:
        return text
    folded = unicodedata.normalize("NFKD", text)
    return "".join(c for c in folded if not unicodedata.combining(c)).encode("latin-1", "replace").decode("latin-1")


def _fit(pdf: FPDF, text: str, width: float, size: float, smallest: float = 7.0) -> str:
    """Shrink the font until `text` fits `width`, then cut it with an ellipsis if it still does not."""
    while size > smallest and pdf.get_string_width(text) > width:
        size -= 0.5
        pdf.set_font_size(size)
    if pdf.get_string_width(text) <= width:
        return text
    while text and pdf.get_string_width(text + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"


def draw_qr(pdf: FPDF, matrix: list[list[bool]], x: float, y: float, size: float) -> None:
    """The code as filled rectangles, one per horizontal run of dark modules, quiet zone included in `size`."""
    modules = len(matrix) + 2 * QUIET_MODULES
    step = size / modules
    pdf.set_fill_color(0, 0, 0)
    for r, row in enumerate(matrix):
        c = 0
        while c < len(row):
            if not row[c]:
                c += 1
                continue
            start = c
            while c < len(row) and row[c]:
                c += 1
            pdf.rect(
                x + (start + QUIET_MODULES) * step, y + (r + QUIET_MODULES) * step, (c - start) * step, step, style="F"
            )


def _draw_card(pdf: FPDF, card: Card, box: CardBox, mode: Mode, font: str, unicode_font: bool) -> None:
    pad = 4.0
    pdf.set_draw_color(170, 170, 170)
    pdf.set_line_width(0.2)
    pdf.set_dash_pattern(dash=1.5, gap=1.5)
    pdf.rect(box.x, box.y, box.w, box.h)  # cut line
    pdf.set_dash_pattern()
    inner = box.w - 2 * pad
    pdf.set_text_color(0, 0, 0)
    pdf.set_font(font, size=13)
    name = _fit(pdf, _printable(card.name, unicode_font), inner, 13)
    pdf.set_xy(box.x + pad, box.y + pad)
    pdf.cell(inner, 6, name, align="C")
    pdf.set_font(font, size=9)
    business = _fit(pdf, _printable(card.business, unicode_font), inner, 9)
    pdf.set_xy(box.x + pad, box.y + pad + 6.5)
    pdf.cell(inner, 4.5, business, align="C")
    caption = "Scan for your meeting summary" if mode == "link" else "Scan to read your meeting summary"
    top = box.y + pad + 12
    below = 12 if mode == "link" else 6  # a link card also prints its address, for a phone whose camera fails
    size = min(inner, box.h - (top - box.y) - pad - below)
    draw_qr(pdf, qr_matrix(card.payload), box.x + (box.w - size) / 2, top, size)
    pdf.set_font(font, size=7.5)
    pdf.set_text_color(60, 60, 60)
    pdf.set_xy(box.x + pad, top + size + 0.5)
    pdf.cell(inner, 4, caption, align="C")
    if mode == "link":
        # One line, shrunk to fit: wrapped, an address breaks at a "-" that reads like a wrap hyphen to drop.
        size_pt = 6.5
        pdf.set_font(font, size=size_pt)
        while size_pt > 4.0 and pdf.get_string_width(card.payload) > inner:
            size_pt -= 0.25
            pdf.set_font_size(size_pt)
        pdf.set_xy(box.x + pad, top + size + 4.5)
        if pdf.get_string_width(card.payload) <= inner:
            pdf.cell(inner, 3, card.payload, align="C")
        else:  # a very long address (a long host name): two lines rather than a cut one
            pdf.multi_cell(inner, 3, card.payload, align="C")


def collect_cards(store: Store, *, mode: Mode = "link", base_url: str = "", include_absent: bool = False) -> list[Card]:
    """One card per attendee in roster order (absent people left out unless asked for)."""
    room = None
    if mode == "card":
        from netevent.services.summaries import Room

        room = Room.read(store)  # the room's suggestions once, not once per card
    cards = []
    for person in store.attendees():
        if person.is_absent and not include_absent:
            continue
        payload = qr_payload(store, person.name, mode=mode, base_url=base_url, room=room)
        cards.append(Card(person.shown_name, person.business, payload))
    return cards


def write_qr_sheet(
    store: Store,
    path: str | os.PathLike[str],
    mode: Mode = "link",
    base_url: str = "",
    paper: Paper = "A4",
    *,
    include_absent: bool = False,
) -> int:
    """Write the PDF of cards and return how many cards it holds."""
    from fpdf import FPDF

    if mode not in GRID:
        raise ValueError(f"unknown mode {mode!r}; use link or card")
    cards = collect_cards(store, mode=mode, base_url=base_url, include_absent=include_absent)
    pdf = FPDF(unit="mm", format=PAPER_MM[paper])
    pdf.set_auto_page_break(False)
    pdf.set_title("netevent summary cards")
    pdf.set_creator("netevent")
    font, unicode_font = _font(pdf)
    page = -1
    for card, box in zip(cards, card_boxes(len(cards), mode, paper), strict=True):
        if box.page != page:
            pdf.add_page()
            page = box.page
        _draw_card(pdf, card, box, mode, font, unicode_font)
    if not cards:
        pdf.add_page()
        pdf.set_font(font, size=12)
        pdf.cell(0, 10, "No attendees to print.")
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    replace_file(target, bytes(pdf.output()))  # a failed write keeps the sheet printed last time
    return len(cards)
