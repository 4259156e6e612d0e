"""Checks of a store's documents as read from disk, so a hand-edited file is one located message, not a crash.

A store is JSON a person can open in an editor; a wrong type there (`"sphere": 5`, a missing name, a date that is
no date) used to surface as a traceback in whichever command touched it first, and as HTTP 500 from `serve`.
Tables this module does not know (added by later features) are left to their owners.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from netevent.domain.chapter import STATUSES
from netevent.domain.models import ATTENDANCES, CADENCES, KINDS, ORDERS, ROLES
from netevent.domain.money import is_amount

Check = Callable[[Any], str | None]  # a value → what is wrong with it, or None


def _text(value: Any) -> str | None:
    return None if isinstance(value, str) else "should be text"


def _name(value: Any) -> str | None:
    return None if isinstance(value, str) and value.strip() else "should be a name (non-empty text)"


def _whole(low: int, high: int | None = None) -> Check:
    def check(value: Any) -> str | None:
        if isinstance(value, bool) or not isinstance(value, int):
            return "should be a whole number"
        if value < low or (high is not None and value > high):
            return f"should be from {low} to {high}" if high is not None else f"should be at least {low}"
        return None

    return check


def _number(value: Any) -> str | None:
    ok = isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value < 10**9
    return None if ok else "should be a number of seconds"


def _one_of(choices: tuple[str, ...]) -> Check:
    return lambda value: None if value in choices else f"should be one of {', '.join(choices)}"


def _optional(check: Check) -> Check:
    return lambda value: None if value is None else check(value)


def _iso(kind: type[dt.date] | type[dt.time]) -> Check:
    def check(value: Any) -> str | None:
        if value in (None, ""):
            return None
        try:
            kind.fromisoformat(value)
        except (TypeError, ValueError):
            return "should be a date like 2026-11-26" if kind is dt.date else "should be a time like 07:00:00"
        return None

    return check


def _texts(value: Any) -> str | None:
    ok = isinstance(value, list) and all(isinstance(item, str) for item in value)
    return None if ok else "should be a list of text"


def _flag(value: Any) -> str | None:
    return None if isinstance(value, bool) else "should be true or false"


def _amount(value: Any) -> str | None:
    return None if value is None or is_amount(value) else "should be an amount from 0 to 1,000,000,000"


def _pauses(value: Any) -> str | None:
    ok = isinstance(value, list) and all(
        isinstance(span, list) and len(span) == 2 and all(_number(x) is None for x in span) for span in value
    )
    return None if ok else "should be a list of [start, end] pairs of seconds"


# Per table: field → (required, check). Fields not listed are not checked (the store keeps extra bookkeeping).
SCHEMAS: dict[str, dict[str, tuple[bool, Check]]] = {
    "event": {
        "title": (True, _text),
        "date": (False, _iso(dt.date)),
        "starts": (False, _iso(dt.time)),
        "venue": (False, _text),
        "pitch_seconds": (False, _whole(1)),
        "visitor_pitch_seconds": (False, _whole(1)),
        "amber_seconds": (False, _whole(0)),
        "order": (False, _one_of(ORDERS)),
        "currency": (False, _text),
        "chapter": (False, _text),
        "cadence": (False, _one_of(CADENCES)),
        "minutes": (False, _whole(1)),
    },
    "attendees": {
        "name": (True, _name),
        "token": (False, _name),  # a missing one is issued when the store is next opened for writing
        **{key: (False, _text) for key in ("business", "profession", "email", "phone", "website", "ask", "offer")},
        "role": (False, _one_of(ROLES)),
        "sphere": (False, _texts),
        "share_contact": (False, _flag),
        "attendance": (False, _one_of(ATTENDANCES)),
        "checked_in_at": (False, _text),
        "substitute_name": (False, _text),
        "pitch_seconds": (False, _optional(_whole(1))),
        "position": (False, _whole(0)),
        "invited_by": (False, _text),
    },
    "referrals": {
        "giver": (True, _name),
        "receiver": (True, _name),
        "kind": (False, _one_of(KINDS)),
        "contact": (False, _text),
        "note": (False, _text),
        "temperature": (False, _whole(1, 5)),
        "value": (False, _amount),
        "currency": (False, _text),
        "created_at": (False, _text),
    },
    "pitches": {
        "speaker": (True, _name),
        "planned_seconds": (True, _whole(0)),
        "actual_seconds": (False, _number),
        "overtime_seconds": (False, _number),
        "pauses": (False, _pauses),
        "status": (False, _text),
        "slot": (False, _whole(0)),
        "feature": (False, _flag),
    },
    "state": {"key": (True, _text)},
    "followups": {
        "record": (True, _name),
        "status": (True, _one_of(STATUSES)),
        "value": (False, _amount),
        "note": (False, _text),
        "at": (False, _text),
        "by": (False, _text),
    },
    "goals": {
        "name": (True, _name),
        **{key: (False, _whole(0, 99)) for key in ("referrals", "introductions", "one_to_ones")},
        "at": (False, _text),
        "by": (False, _text),
    },
}


def store_problem(data: dict[str, dict[str, Any]], current: int) -> str | None:
    """What makes a store unsafe to open, with what to do; None when it is sound.

    First a document a newer netevent wrote (schema above `current`), before anything could overwrite it, then
    the first damaged document.
    """
    for table in data.values():
        for doc in table.values():
            version = doc.get("schema", current)
            if not isinstance(version, int) or isinstance(version, bool):
                return f"a document has a damaged schema version ({version!r}); restore a backup"
            if version > current:
                return (
                    f"written by a newer netevent (schema {version}, this one reads {current}); "
                    "upgrade netevent to open it"
                )
    problem = _document_problem(data)
    return f"{problem}; fix it in the file or restore a backup or export" if problem else None


def _document_problem(data: dict[str, dict[str, Any]]) -> str | None:
    """The first thing wrong with the store's documents ("attendees document 3 ("Ana"): sphere should be …"),
    including two attendees holding the same summary token; None when every known document is sound."""
    for table, schema in SCHEMAS.items():
        for doc_id, doc in data.get(table, {}).items():
            for field, (required, check) in schema.items():
                if field not in doc:
                    if required:
                        return f"{_where(table, doc_id, doc)}: {field} is missing"
                    continue
                wrong = check(doc[field])
                if wrong:
                    return f"{_where(table, doc_id, doc)}: {field} {wrong} (it is {_shown(doc[field])})"
    holders: dict[str, str] = {}
    for doc_id, doc in data.get("attendees", {}).items():
        token = doc.get("token")
        if token is None:
            continue
        if token in holders:
            return (
                f"attendees documents {holders[token]} and {doc_id} hold the same summary token, so one link would "
                'open two people\'s pages; delete the "token" entry of one of them and a new one is issued when '
                "the store is next opened for writing"
            )
        holders[token] = doc_id
    return None


def _where(table: str, doc_id: str, doc: dict[str, Any]) -> str:
    label = doc.get("name") or doc.get("speaker") or doc.get("giver") or doc.get("record")
    where = f"{table} document {doc_id}"
    return f'{where} ("{label}")' if isinstance(label, str) and label else where


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "…"
