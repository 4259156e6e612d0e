"""Event files and roster CSVs in, domain objects out, with every problem located and explained.

The TOML reader lives in roster_toml.py and the CSV reader in roster_csv.py; this module holds what they share
(Problem, RosterError, reading and decoding the bytes) and the two public entry points, `load_event` and `validate`.
"""

from __future__ import annotations

import difflib
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from netevent.domain.models import Event
from netevent.domain.text import printable
from netevent.errors import UserError

TOML_SUFFIXES = (".toml",)
# A roster of 60 people is ~10 KB and the largest booking-site export seen ~300 KB: 5 MB is generous and still
# refuses a video or a disk image renamed .csv before it fills memory.
MAX_INPUT_BYTES = 5_000_000
CSV_SUFFIXES = (".csv", ".tsv", ".txt")

# Signatures of files people rename to .csv by mistake, with what to do instead.
_BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "this is a zip file (an Excel .xlsx workbook?), not text: in Excel use Save As → CSV UTF-8"),
    (b"\xd0\xcf\x11\xe0", "this is an old Excel .xls workbook, not text: in Excel use Save As → CSV UTF-8"),
    (b"%PDF", "this is a PDF, not text: export the roster from the booking site as CSV"),
)


@dataclass
class Problem:
    """One thing wrong with an input file, located precisely enough to fix it without hunting."""

    path: str
    line: int | None
    message: str
    column: str | int | None = None
    field: str | None = None

    def __str__(self) -> str:
        """One line; the message quotes the file's text, so control characters in it are dropped."""
        message = " ".join(printable(self.message).split())
        if self.column is not None and self.line is not None:
            column = f'"{printable(self.column)}"' if isinstance(self.column, str) else str(self.column)
            return f"{self.path}: row {self.line}, column {column}: {message}"
        if self.line is not None:
            return f"{self.path}:{self.line}: {message}"
        return f"{self.path}: {message}"


class RosterError(UserError):
    """Raised by load_event when a file has problems; `.problems` holds all of them, in file order."""

    def __init__(self, problems: list[Problem]) -> None:
        if not problems:
            raise ValueError("RosterError needs at least one problem")
        self.problems = problems
        super().__init__(self._summary())

    def _summary(self) -> str:
        first = str(self.problems[0])
        more = len(self.problems) - 1
        if not more:
            return first
        noun = "problem" if more == 1 else "problems"
        return f"{first} (and {more} more {noun}: run `netevent validate {self.problems[0].path}` to see all)"

    def __str__(self) -> str:
        return self._summary()


def suggest(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str:
    """A "; did you mean 'x'?" tail for typos, or "" when nothing is close."""
    match = difflib.get_close_matches(word.casefold(), list(choices), n=1, cutoff=cutoff)
    return f"; did you mean '{match[0]}'?" if match else ""


def one_of(choices: Iterable[str]) -> str:
    """Allowed values written out for a message: 'a', 'b' or 'c'."""
    quoted = [f"'{c}'" for c in choices]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


def humanise_stem(path: Path) -> str:
    """A title from a file name: "riverside-export.csv" → "Riverside Export"."""
    words = [w for w in re.split(r"[\s_\-.]+", path.stem) if w]
    return " ".join(w[:1].upper() + w[1:] for w in words) or "Untitled Event"


def read_bytes(path: Path, shown: str) -> tuple[bytes | None, list[Problem]]:
    """The file's bytes, or the problem that stops us reading them (missing, a folder, not a file, too big …).

    Only regular files are read (a FIFO would hang, /dev/zero never ends) and at most MAX_INPUT_BYTES of them.
    """
    if not path.exists():
        return None, [Problem(shown, None, "file not found; check the path and the spelling of the file name")]
    if path.is_dir():
        inside = sorted(p.name for p in path.iterdir() if p.suffix.lower() in TOML_SUFFIXES + CSV_SUFFIXES)
        hint = f"; event files in it: {', '.join(inside[:6])}" if inside else ""
        return None, [Problem(shown, None, f"is a folder, not a file: give the path of an event file{hint}")]
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return None, [Problem(shown, None, "is not a regular file (a device or a pipe): give an event file")]
        with path.open("rb") as handle:
            data = handle.read(MAX_INPUT_BYTES + 1)
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        return None, [Problem(shown, None, f"cannot read the file ({reason}); check its permissions")]
    if len(data) > MAX_INPUT_BYTES:
        limit = MAX_INPUT_BYTES // 1_000_000
        message = f"is over {limit} MB; a roster or event file is a few kilobytes: is this the right file?"
        return None, [Problem(shown, None, message)]
    if not data.strip():
        return None, [Problem(shown, None, "the file is empty; fill it in (see sample_events/ for examples)")]
    return data, []


def binary_problem(data: bytes, shown: str) -> Problem | None:
    """A problem when the bytes are clearly not a text file (a workbook, a PDF, NUL bytes), else None."""
    for signature, message in _BINARY_SIGNATURES:
        if data.startswith(signature):
            return Problem(shown, None, message)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None  # UTF-16 text (Excel's "Unicode text") is full of NULs but is still text
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        return Problem(shown, line, "the file contains binary data (NUL bytes), not text: save it as plain text")
    return None


def decode_utf8(data: bytes, shown: str) -> tuple[str | None, Problem | None]:
    """Text of a UTF-8 (or UTF-16 with BOM) file; undecodable bytes are a located problem."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError:
            return None, Problem(shown, None, "the file starts like UTF-16 text but is garbled: save it as UTF-8")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        byte = data[exc.start : exc.start + 1].hex().upper()
        return None, Problem(
            shown, line, f"byte 0x{byte} is not UTF-8 text: save the file as UTF-8 (or it is not a text file)"
        )


def _parse(path: str | Path) -> tuple[Event | None, list[Problem]]:
    """Read any supported file: the event (None when unusable) and every problem found."""
    path = Path(path)
    shown = str(path)
    suffix = path.suffix.lower()
    if suffix not in TOML_SUFFIXES + CSV_SUFFIXES and not path.is_dir():
        if not path.exists():
            return None, [Problem(shown, None, "file not found; check the path and the spelling of the file name")]
        kind = f"'{suffix}'" if suffix else "with no suffix"
        return None, [
            Problem(
                shown,
                None,
                f"unknown file type {kind}: give a .toml event file or a .csv roster (from Excel: Save As → CSV UTF-8)",
            )
        ]
    data, problems = read_bytes(path, shown)
    if data is None:
        return None, problems
    if suffix in TOML_SUFFIXES:
        return _parse_toml(data, shown)
    from netevent.event_files.roster_csv import parse_csv

    return parse_csv(data, shown, humanise_stem(path))


def _parse_toml(data: bytes, shown: str) -> tuple[Event | None, list[Problem]]:
    from netevent.event_files.event_toml import parse_toml  # late: a roster CSV never needs the TOML reader

    return parse_toml(data, shown)


def load_event(path: str | Path) -> Event:
    """The event in a .toml event file or a roster CSV; raises RosterError listing every problem."""
    event, problems = _parse(path)
    if problems or event is None:
        raise RosterError(problems or [Problem(str(path), None, "could not read an event from this file")])
    return event


def validate(path: str | Path) -> list[Problem]:
    """Every problem in an event file or roster at once (empty when it is fine); never raises for bad input."""
    return _parse(path)[1]
