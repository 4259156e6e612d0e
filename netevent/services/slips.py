"""Paper referral slips typed up after the meeting: a CSV imported all at once, or not at all."""

from __future__ import annotations

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


def import_slips(store: Store, path: str | Path) -> list[Referral]:
    """Check every row, report every bad one by line, and store all rows in one durable write only if none is bad."""
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
    return store.add_referrals(records)
