"""Paper referral slips typed up after the meeting: a CSV imported all at once, or not at all."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from netevent.domain.models import Referral
from netevent.event_files.load import Problem, RosterError, binary_problem, read_bytes
from netevent.event_files.roster_csv import Layout, UnreadableCSV, decode, header_key, looks_like_junk, split_rows
from netevent.services.meeting import InputError, ReferralInput, build_referral
from netevent.store.repository import Store

# Accepted headers (reduced by header_key) for each ReferralInput field.
SLIP_HEADERS = {
    "giver": ("giver", "from", "givenby", "referrer", "by"),
    "receiver": ("receiver", "to", "for", "givento", "recipient"),
    "kind": ("kind", "type"),
    "contact": ("contact", "referral", "referredperson", "person", "lead"),
    "note": ("note", "notes", "comment", "comments", "details"),
    "temperature": ("temperature", "temp", "heat", "warmth"),
    "value": ("value", "amount", "closedvalue", "tyfcb"),
    "currency": ("currency",),
}
FIELD_COLUMN = {"from": "giver", "to": "receiver"}
SLIPS: Layout = ({alias: field for field, aliases in SLIP_HEADERS.items() for alias in aliases}, ("giver", "receiver"))


@dataclass(slots=True)
class Imported:
    saved: list[Referral]
    skipped: int  # rows already in the store: the same file, or the same slips, imported before


def _slip(record: Referral) -> tuple[object, ...]:
    """What a typed-up slip says; two slips saying the same are the same slip when the store already holds it."""
    return (record.giver, record.receiver, record.kind, record.contact, record.note, record.temperature,
            record.value, record.currency)  # fmt: skip


def import_slips(store: Store, path: str | Path) -> Imported:
    """Check every row, report every bad one by line, and store all new rows in one durable write if none is bad.

    Importing the same slips twice must not double the tally: a row the store already holds (as many times as
    the file has it) is skipped and counted, so a second import of one file adds nothing.
    """
    path = Path(path)
    shown = str(path)
    data, problems = read_bytes(path, shown)
    if data is not None:
        junk = binary_problem(data, shown)
        if junk:
            problems.append(junk)
    if problems or data is None:
        raise RosterError(problems)
    text = decode(data)
    if looks_like_junk(text):
        raise RosterError([Problem(shown, None, "this is not a text table; save the slips as CSV")])
    try:
        rows = split_rows(text, SLIPS)
    except UnreadableCSV as exc:
        raise RosterError([Problem(shown, exc.line, exc.message)]) from None
    header = rows[0] if rows else []
    columns: dict[str, int] = {}
    for index, cell in enumerate(header):
        for field, names in SLIP_HEADERS.items():
            if header_key(cell) in names and field not in columns:
                columns[field] = index
    missing = [f for f in ("giver", "receiver") if f not in columns]
    if missing:
        found = ", ".join(repr(h) for h in header) or "none"
        raise RosterError([Problem(shown, 1, f"no {' or '.join(missing)} column (headers found: {found}); "
                                             "name the columns giver, receiver, kind, contact, note, "
                                             "temperature, value")])  # fmt: skip
    people = store.attendees()
    records: list[Referral] = []
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header) and any(cell.strip() for cell in row[len(header) :]):
            problems.append(
                Problem(
                    shown,
                    line,
                    f"this row has {len(row)} values but the header has {len(header)} columns: a value probably "
                    "contains a comma; put that value in double quotes",
                    column=len(header) + 1,
                )
            )
            continue
        values = {f: (row[i] if i < len(row) else "") for f, i in columns.items()}
        raw = ReferralInput(
            giver=values["giver"],
            receiver=values["receiver"],
            kind=values.get("kind") or "referral",
            contact=values.get("contact", ""),
            note=values.get("note", ""),
            temperature=values.get("temperature"),
            value=values.get("value"),
            currency=values.get("currency", ""),
            source="import",
        )
        try:
            records.append(build_referral(store, raw, attendees=people))
        except InputError as exc:
            field = FIELD_COLUMN.get(exc.field, exc.field)
            column = header[columns[field]] if field in columns else field
            problems.append(Problem(shown, line, exc.message, column=column, field=field))
    if problems:
        raise RosterError(problems)
    if not records:
        raise RosterError([Problem(shown, None, "no slips in the file; one referral per row under the header")])
    held = Counter(_slip(r) for r in store.referrals())
    new: list[Referral] = []
    for record in records:
        if held[_slip(record)]:
            held[_slip(record)] -= 1
        else:
            new.append(record)
    return Imported(store.add_referrals(new) if new else [], len(records) - len(new))
