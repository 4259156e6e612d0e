"""Spreadsheet exports: attendees, pitches, referrals and the mail-merge list as CSV."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from netevent.export.files import replace_file
from netevent.export.snapshot import Snapshot, plain

# Excel, LibreOffice and Sheets read a UTF-8 file as the local code page unless it starts with a BOM.
ENCODING = "utf-8-sig"

ATTENDEE_COLUMNS = (
    "name", "business", "profession", "role", "attendance", "checked_in_at", "substitute_name",
    "email", "phone", "website", "share_contact", "ask", "ask_score", "ask_verdict", "offer", "sphere",
    "planned_seconds", "pitch_seconds", "overtime_seconds", "given", "received", "closed_value", "walk_in",
    "ask_rewrite", "ask_listen_for",
)  # fmt: skip
PITCH_COLUMNS = (
    "slot", "speaker", "status", "feature", "planned_seconds", "actual_seconds", "overtime_seconds",
    "paused_seconds", "started_at", "ended_at",
)  # fmt: skip
REFERRAL_COLUMNS = (
    "id", "created_at", "kind", "giver", "receiver", "contact", "note", "temperature", "value", "currency",
)  # fmt: skip
MAIL_MERGE_COLUMNS = ("name", "email", "summary_file")

# A phone number such as "+44 113 496 0001" or "-" is data; "=HYPERLINK(…)" or "+cmd|…" is a formula.
_HARMLESS_SIGNED = re.compile(r"[+-][\d\s().-]*")


_FORMULA_START = frozenset("=@\t\r+-")  # a cell starting otherwise is plain text


def cell(value: Any) -> str:
    """Text for one cell, with formulas defused so a roster entry cannot run in the facilitator's spreadsheet."""
    if value.__class__ is str:  # most cells: tested first, as tens of thousands are written
        text = value
    elif value is None:
        return ""
    elif isinstance(value, bool):
        return "yes" if value else "no"
    elif isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    else:
        text = str(value)
    if text[:1] in _FORMULA_START and (text[0] not in "+-" or not _HARMLESS_SIGNED.fullmatch(text)):
        return "'" + text
    return text


def write_csv(path: Path, columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> Path:
    handle = io.StringIO(newline="")
    writer = csv.writer(handle)
    writer.writerow(columns)
    writer.writerows([cell(row.get(c)) for c in columns] for row in rows)
    return replace_file(path, handle.getvalue(), ENCODING)


def attendee_rows(snap: Snapshot) -> list[dict[str, Any]]:
    tallies = {t.name: t for t in snap.tally.attendees}
    rows = []
    for person in snap.attendees:
        review = snap.reviews.get(person.name)
        tally = tallies.get(person.name)
        rows.append(
            {
                **plain(person),
                "sphere": "; ".join(person.sphere),
                "ask_score": review.score if review else None,
                "ask_verdict": review.verdict if review else None,
                "planned_seconds": snap.event.planned_seconds(person),
                "pitch_seconds": round(tally.pitch_seconds, 2) if tally else 0,
                "overtime_seconds": round(tally.overtime_seconds, 2) if tally else 0,
                "given": tally.given if tally else 0,
                "received": tally.received if tally else 0,
                "closed_value": round(tally.closed_value, 2) if tally else 0,
                "walk_in": person.key in snap.walk_ins,
                "ask_rewrite": review.rewrite if review else None,  # issue 18: added last, existing keys kept
                "ask_listen_for": "; ".join(review.listen_for) if review else None,
            }
        )
    return rows


def pitch_rows(snap: Snapshot) -> list[dict[str, Any]]:
    return [
        {
            **plain(p),
            "actual_seconds": round(p.actual_seconds, 2),
            "overtime_seconds": round(p.overtime_seconds, 2),
            "paused_seconds": round(sum(max(0.0, end - start) for start, end in p.pauses), 2),
        }
        for p in snap.pitches
    ]


def referral_rows(snap: Snapshot) -> list[dict[str, Any]]:
    return [plain(r) for r in snap.referrals]


def mail_merge_rows(snap: Snapshot) -> list[dict[str, Any]]:
    files = snap.summary_files
    return [{"name": a.name, "email": a.email, "summary_file": files[a.name]} for a in snap.attendees]


def write_tables(snap: Snapshot, folder: Path) -> list[Path]:
    """attendees.csv, pitches.csv and referrals.csv."""
    return [
        write_csv(folder / "attendees.csv", ATTENDEE_COLUMNS, attendee_rows(snap)),
        write_csv(folder / "pitches.csv", PITCH_COLUMNS, pitch_rows(snap)),
        write_csv(folder / "referrals.csv", REFERRAL_COLUMNS, referral_rows(snap)),
    ]


def write_mail_merge(snap: Snapshot, folder: Path) -> Path:
    """mail-merge.csv: one row per attendee with the summary page to attach, relative to the export folder."""
    return write_csv(folder / "mail-merge.csv", MAIL_MERGE_COLUMNS, mail_merge_rows(snap))
