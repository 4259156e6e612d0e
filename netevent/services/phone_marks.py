"""The "changed from the phone" mark on an ask: which asks a phone set and what they replaced, for the app's undo.

Its own small module: the Roster, the app's first screen, reads it, and needs none of the phone actions' imports.
"""

from __future__ import annotations

from dataclasses import dataclass

from netevent.domain.models import Attendee
from netevent.errors import UserError
from netevent.store.atomic import StoreError
from netevent.store.repository import Store

PHONE_ASKS_KEY = "phone_asks"  # state key: name → the ask a phone set and the one before


@dataclass(frozen=True, slots=True)
class PhoneAsk:
    """An ask a phone set, and the one it replaced: the app's "changed from the phone" mark and its undo."""

    before: str
    phone: str


def marks_of(store: Store) -> dict[str, PhoneAsk]:
    stored = store.get_state(PHONE_ASKS_KEY, {})
    if not isinstance(stored, dict):
        return {}
    return {
        name: PhoneAsk(str(mark.get("before", "")), str(mark.get("phone", "")))
        for name, mark in stored.items()
        if isinstance(name, str) and isinstance(mark, dict)
    }


def save_marks(store: Store, marks: dict[str, PhoneAsk]) -> None:
    store.set_state(PHONE_ASKS_KEY, {name: {"before": m.before, "phone": m.phone} for name, m in marks.items()})


def phone_asks(store: Store, people: list[Attendee]) -> dict[str, str]:
    """Name → the ask before, for each attendee whose ask is still the one their phone set (the app marks these)."""
    marks = marks_of(store)
    return {p.name: marks[p.name].before for p in people if p.name in marks and marks[p.name].phone == p.ask}


def undo_phone_ask(store: Store, name: str) -> Attendee:
    """Put back the ask the attendee had before their phone changed it, and drop the mark."""
    try:
        person = store.attendee(name)
    except StoreError:
        raise UserError(f"no attendee named {name!r}") from None
    marks = marks_of(store)
    mark = marks.get(person.name)
    if mark is None or mark.phone != person.ask:
        raise UserError(f"{person.name}'s ask is not the one their phone set; edit it instead (e)")
    del marks[person.name]
    with store.batch():
        changed = store.update_attendee(person.name, ask=mark.before)
        save_marks(store, marks)
    return changed
