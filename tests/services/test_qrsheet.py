"""Printable cards: every card on every page, rendered like a printer would, scans to its owner's link or text."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
import zxingcpp

from netevent.domain.models import Attendee
from netevent.export.qr_sheet import GRID, PAPER_MM, card_boxes, write_qr_sheet
from netevent.render.qr import qr_payload
from netevent.store.repository import Store

BASE = "http://192.168.1.20:8765"
MM_TO_PT = 72 / 25.4


def scan_pdf(path: Path, dpi: int = 150) -> list[list[str]]:
    """The decoded codes on each page, in reading order (top to bottom, left to right)."""
    doc = pdfium.PdfDocument(str(path))
    try:
        pages = []
        for page in doc:
            image = page.render(scale=dpi / 72).to_pil()
            found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCodeModel2)
            found.sort(key=lambda r: (round(r.position.top_left.y / 100), r.position.top_left.x))
            pages.append([r.text for r in found])
        return pages
    finally:
        doc.close()


def page_sizes_mm(path: Path) -> set[tuple[float, float]]:
    doc = pdfium.PdfDocument(str(path))
    try:
        return {(round(p.get_width() / MM_TO_PT, 1), round(p.get_height() / MM_TO_PT, 1)) for p in doc}
    finally:
        doc.close()


@pytest.mark.parametrize(("mode", "paper"), [("link", "A4"), ("link", "Letter"), ("card", "A4"), ("card", "Letter")])
def test_every_card_scans_to_its_attendee(tmp_path: Path, sample_store: Store, mode: str, paper: str) -> None:
    out = tmp_path / f"cards-{mode}-{paper}.pdf"
    count = write_qr_sheet(sample_store, out, mode=mode, base_url=BASE, paper=paper)
    people = [a.name for a in sample_store.attendees() if not a.is_absent]
    assert count == len(people)
    expected = [qr_payload(sample_store, name, mode=mode, base_url=BASE) for name in people]
    if mode == "card":
        assert all(len(text) <= 400 and name in text for name, text in zip(people, expected, strict=True))
    cols, rows = GRID[mode]
    per_page = cols * rows
    pages = scan_pdf(out)
    assert len(pages) == -(-count // per_page)
    assert pages == [expected[i : i + per_page] for i in range(0, count, per_page)]
    assert page_sizes_mm(out) == {PAPER_MM[paper]}


def test_absent_attendees_get_no_card_unless_asked(tmp_path: Path, sample_store: Store) -> None:
    first = sample_store.attendees()[0].name
    sample_store.update_attendee(first, attendance="absent")
    everyone = len(sample_store.attendees())
    assert write_qr_sheet(sample_store, tmp_path / "a.pdf", base_url=BASE) == everyone - 1
    assert write_qr_sheet(sample_store, tmp_path / "b.pdf", base_url=BASE, include_absent=True) == everyone
    codes = [code for page in scan_pdf(tmp_path / "a.pdf") for code in page]
    assert qr_payload(sample_store, first, base_url=BASE) not in codes


def test_names_in_any_script_print(tmp_path: Path, sample_store: Store) -> None:
    for name in ("Łukasz Żółć", "Дмитрий Орлов", "Ζωή Παπαδοπούλου " * 4):
        sample_store.add_attendee(Attendee(name, business="Ünïcödé & Söns"))
    out = tmp_path / "unicode.pdf"
    assert write_qr_sheet(sample_store, out, base_url=BASE) == len(sample_store.attendees())
    doc = pdfium.PdfDocument(str(out))
    try:
        text = "".join(page.get_textpage().get_text_range() for page in doc)
    finally:
        doc.close()
    assert "Łukasz Żółć" in text and "Дмитрий Орлов" in text and "…" in text  # the over-long name is cut to fit


@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize("mode", ["link", "card"])
def test_cards_stay_on_the_page_without_overlapping(mode: str, paper: str) -> None:
    width, height = PAPER_MM[paper]
    boxes = card_boxes(30, mode, paper)
    for box in boxes:
        assert 0 < box.x < box.x + box.w < width
        assert 0 < box.y < box.y + box.h < height
        assert box.w > 55 and box.h > 55  # big enough to hold a scannable code
    for a in boxes:
        for b in boxes:
            if a is not b and a.page == b.page:
                assert (
                    a.x + a.w <= b.x + 1e-6
                    or b.x + b.w <= a.x + 1e-6
                    or a.y + a.h <= b.y + 1e-6
                    or b.y + b.h <= a.y + 1e-6
                )


def test_link_cards_print_their_address_under_the_code(tmp_path: Path, sample_store: Store) -> None:
    """Issue 15: a phone that cannot scan can type the address printed on its card."""
    import pypdfium2 as pdfium

    out = tmp_path / "cards.pdf"
    write_qr_sheet(sample_store, out, base_url=BASE)
    pdf = pdfium.PdfDocument(out)
    lines = [line for page in pdf for line in page.get_textpage().get_text_range().splitlines()]
    for person in sample_store.attendees():
        if not person.is_absent:  # on one line, whole: a wrap at "-" would read like a hyphen to drop
            assert qr_payload(sample_store, person.name, base_url=BASE) in lines
    assert scan_pdf(out), "the codes still scan with the address under them"
