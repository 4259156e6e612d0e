"""What user text may hold where it is shown: no terminal escapes, no bidi overrides, names in one normal form.

A name or title typed into an event file reaches the terminal (`init`, `tally`), the pages and the exports; an
escape sequence in it could retitle the terminal, and a right-to-left override (U+202E) reverses what follows it.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

# Explicit bidi embeddings, overrides and isolates, and the invisible direction marks: none belongs in a name.
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")
# C0 and C1 control characters (ESC, BEL, CSI …) and DEL; tab and newline are handled by the callers.
_HOST = re.compile(r"(?:[A-Za-z0-9-]+\.)+[A-Za-z0-9-]{2,}|\d{1,3}(?:\.\d{1,3}){3}|localhost")  # a name with a dot
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def strip_bidi(text: str) -> str:
    """`text` without bidi control characters."""
    return _BIDI.sub("", text) if text else text


def printable(text: str) -> str:
    """`text` safe to print to a terminal: control characters (escape sequences' ESC, BEL …) and bidi controls
    removed; tabs and newlines kept."""
    if not text:
        return text
    return _BIDI.sub("", _CONTROL.sub("", text))


def control_in_name(name: str) -> str | None:
    """A description of the first control character in a name (newline, tab, ESC …), or None when there is none."""
    for char in name:
        if unicodedata.category(char) == "Cc":
            label = {"\n": "a line break", "\r": "a line break", "\t": "a tab"}.get(char)
            return label or f"the control character U+{ord(char):04X}"
    return None


def clean_name(name: str) -> str:
    """A name as stored: NFC-normalised (so "Zoë" typed two ways is one person), bidi controls dropped, trimmed.
    Control characters are not removed here: callers refuse them (see control_in_name)."""
    return strip_bidi(unicodedata.normalize("NFC", name)).strip() if name else name


def web_link(website: str) -> str:
    """The one link rule for pages and vCards: a website someone typed as an http(s) URL, or "" for anything
    else (javascript:, data:, file: …), so no export carries a link the page refused."""
    text = website.strip()
    if not text or any(c.isspace() or unicodedata.category(c) == "Cc" for c in text):
        return ""
    if "://" not in text:
        text = "https://" + text  # "shah.example"; "javascript:…" becomes a host without a dot, refused below
    parts = urlsplit(text)
    try:
        parts.port  # noqa: B018 - raises for "javascript:alert(1)" read as host:port
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not _HOST.fullmatch(parts.hostname or ""):
        return ""
    return text
