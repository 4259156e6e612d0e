"""Terminal QR codes: the half-block drawing, turned back into pixels, must scan as the right link or text."""

from __future__ import annotations

from pathlib import Path

import pytest
import qrcode
import zxingcpp
from meetings import seed_store
from PIL import Image

from netevent.render.qr import QR_STYLE, qr_lines, qr_matrix, qr_payload, qr_text, render_halfblocks, warm_cache
from netevent.services.summaries import build_summary, summary_text


def halfblocks_to_image(lines: list[str], scale: int = 4) -> Image.Image:
    """What the terminal shows, as pixels: each character is one pixel wide and two tall, glyphs black on white."""
    width, height = len(lines[0]), 2 * len(lines)
    image = Image.new("L", (width, height), 255)
    for y, line in enumerate(lines):
        assert len(line) == width
        for x, char in enumerate(line):
            assert char in " ▀▄█", repr(char)
            if char in "▀█":
                image.putpixel((x, 2 * y), 0)
            if char in "▄█":
                image.putpixel((x, 2 * y + 1), 0)
    return image.resize((width * scale, height * scale), Image.Resampling.NEAREST)


def decode(image: Image.Image) -> list[str]:
    return [result.text for result in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCodeModel2)]


@pytest.mark.parametrize(
    "data",
    [
        "http://192.168.1.20:8765/s/Xq3Jk9PzR2mW8vNc4bTy1A",
        "http://10.0.0.7:49152/s/-_aZ09-_aZ09-_aZ09-_aZ",
        "https://example.org/" + "long-path/" * 12,
    ],
)
def test_halfblock_drawing_scans_as_the_link(data: str) -> None:
    assert decode(halfblocks_to_image(qr_lines(data))) == [data]


def test_card_text_with_accents_and_several_lines_scans_back_exactly(tmp_path: Path) -> None:
    store = seed_store(tmp_path / "m.json")
    try:
        store.update_attendee("Priya Shah", name="Zoë Ünal-Çelik")
        text = summary_text(build_summary(store, "Sarah Patel"))
        assert "Zoë Ünal-Çelik" in text and "\n" in text
        assert decode(halfblocks_to_image(qr_lines(text))) == [text]
    finally:
        store.close()


def test_drawing_has_a_white_quiet_zone_all_round() -> None:
    matrix = qr_matrix("http://192.168.1.20:8765/s/abc")
    size = len(matrix)
    lines = render_halfblocks(matrix, quiet=2)
    assert len(lines) == (size + 4 + 1) // 2
    assert all(len(line) == size + 4 for line in lines)
    assert lines[0].strip() == ""  # the top two module rows are quiet
    assert all(line[:2] == "  " and line[-2:] == "  " for line in lines)
    assert size % 2 == 1  # QR sizes are odd, so one blank row pads the last line
    assert lines[-1].strip() == ""
    assert set(lines[-2]) <= {" ", "▀"}  # the code's last row above the quiet zone


def test_matrix_is_what_the_qrcode_library_encodes_for_the_same_version_and_mask() -> None:
    for data in ("hi", "http://192.168.1.20:8765/s/Xq3Jk9PzR2mW8vNc4bTy1A", "é" * 150, "x" * 400):
        ours = qr_matrix(data)
        version = (len(ours) - 17) // 4
        code = qrcode.QRCode(version=version, error_correction=qrcode.constants.ERROR_CORRECT_M, mask_pattern=0)
        code.add_data(data.encode(), optimize=0)
        code.make(fit=False)
        assert ours == [[bool(c) for c in row] for row in code.modules]


def test_cached_codes_cannot_be_spoiled_by_callers() -> None:
    data = "http://192.168.1.20:8765/s/cache-check-token"
    first = qr_matrix(data)
    first[0][0] = not first[0][0]
    lines = qr_lines(data)
    lines.clear()
    assert qr_matrix(data)[0][0] != first[0][0]
    assert qr_lines(data)


def test_rich_text_is_black_on_white_whatever_the_theme() -> None:
    data = "http://192.168.1.20:8765/s/rich-text-token"
    warm_cache([data])
    text = qr_text(data)
    assert text.plain == "\n".join(qr_lines(data))
    assert str(text.style) == QR_STYLE
    assert text.no_wrap


def test_payload_is_the_link_or_the_card_text(tmp_path: Path) -> None:
    store = seed_store(tmp_path / "m.json")
    try:
        token = store.token_for("Tom Whitaker")
        link = qr_payload(store, "Tom Whitaker", base_url="http://192.168.1.20:8765/")
        assert link == f"http://192.168.1.20:8765/s/{token}"
        card = qr_payload(store, "Tom Whitaker", mode="card")
        assert card == summary_text(build_summary(store, "Tom Whitaker"))
        with pytest.raises(ValueError, match="base URL"):
            qr_payload(store, "Tom Whitaker")
    finally:
        store.close()


def test_screen_codes_use_level_l_for_bigger_modules_and_printed_codes_keep_m() -> None:
    """A room link fits version 3 (29 modules) at L, where M needs version 4 (33): on screen the same terminal
    space draws bigger modules; print keeps M's extra error correction for creased, smudged cards."""
    link = "http://192.168.1.20:8765/s/Xq3Jk9PzR2mW8vNc4bTy1A"
    [screen] = zxingcpp.read_barcodes(halfblocks_to_image(qr_lines(link)), formats=zxingcpp.BarcodeFormat.QRCodeModel2)
    assert (screen.text, screen.ec_level) == (link, "L")
    assert len(qr_lines(link)[0]) == 29 + 4  # modules + quiet zone, one column each
    printed = qr_matrix(link)
    assert len(printed) == 33
    [card] = zxingcpp.read_barcodes(
        halfblocks_to_image(render_halfblocks(printed)), formats=zxingcpp.BarcodeFormat.QRCodeModel2
    )
    assert (card.text, card.ec_level) == (link, "M")
