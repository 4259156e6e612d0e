"""Meeting use cases shared by the command line and the app: open a store, check in, record referrals, tally."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from netevent.domain.models import FACILITATOR, Attendance, Attendee, Kind, Referral, Role, Source, name_key
from netevent.domain.money import MoneyError, parse_amount
from netevent.domain.names import NameMatchError, match_name
from netevent.domain.text import clean_name, control_in_name
from netevent.errors import UserError
from netevent.store.atomic import StoreError
from netevent.store.naming import default_store_path
from netevent.store.repository import Store

if TYPE_CHECKING:
    from netevent.domain.tally import Tally

EVENT_SUFFIXES = (".toml", ".csv", ".tsv", ".txt")


class InputError(UserError):
    """Bad input at a named field; the message is one line that says what to do."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message, field)


def resolve_store_path(target: str | Path) -> Path:
    """STORE may be a store file, or an event file whose default store already exists."""
    path = Path(target).expanduser()
    if path.suffix.lower() in EVENT_SUFFIXES:
        from netevent.event_files.load import load_event

        store_path = default_store_path(load_event(path))
        if not store_path.exists():
            raise StoreError(f"{path}: no store for this event yet; run `netevent init {path}` first")
        return store_path
    if not path.exists():
        raise StoreError(f"{path}: no such store; give a store path or an event file after `netevent init`")
    return path


LOCK_WAIT_SECONDS = 5.0  # a command-line writer waits this long for another one before refusing


def open_store(target: str | Path, *, writer: bool) -> Store:
    """The store for a command: a writer waits a few seconds for another command's write to finish.

    A store with no event in it (an empty file, or one never initialised) is refused here, where saying so helps;
    later every name would be "not an attendee".
    """
    path = resolve_store_path(target)
    store = Store(path, writer=writer, lock_wait=LOCK_WAIT_SECONDS if writer else 0.0)
    if not store.initialised:
        store.close()
        raise StoreError(f"{path}: the store is empty (no event in it); run `netevent init EVENT --store {path}` first")
    return store


def now_iso() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


# -- check-in -----------------------------------------------------------------------------------------


def check_in(store: Store, name: str, status: str, substitute_name: str = "") -> Attendee:
    """Mark attendance; a substitute must be named because they are who speaks."""
    if status not in {a.value for a in Attendance}:
        raise InputError("attendance", f"unknown status {status!r}")
    bad = control_in_name(substitute_name.strip())
    if bad:
        raise InputError("substitute", f"the name holds {bad}: type it on one line")
    substitute_name = clean_name(" ".join(substitute_name.split()))
    if status == Attendance.SUBSTITUTE.value and not substitute_name:
        raise InputError("substitute", "type the name of the person standing in")
    person = match_name(name, store.attendees())
    if status == Attendance.EXPECTED.value and person.key in store.walk_in_keys():
        raise InputError("attendance", f"{person.name} walked in, so they were never expected; "
                                       "mark them absent (a) if they have left")  # fmt: skip
    return store.update_attendee(
        person.name,
        attendance=status,
        substitute_name=substitute_name if status == Attendance.SUBSTITUTE.value else "",
        checked_in_at=now_iso(),
    )


def add_walk_in(
    store: Store,
    name: str,
    *,
    business: str = "",
    profession: str = "",
    email: str = "",
    phone: str = "",
    ask: str = "",
    invited_by: str = "",
) -> Attendee:
    """Add a visitor who turned up without booking; they are present as soon as they are added.

    `invited_by` names who brought them (a prefix or near spelling of someone on the roster), for the history.
    """
    bad = control_in_name(name.strip())
    if bad:
        raise InputError("name", f"the name holds {bad}: type it on one line")
    name = clean_name(" ".join(name.split()))
    if not name:
        raise InputError("name", "a walk-in needs a name")
    if any(p.key == name_key(name) for p in store.attendees()):
        raise InputError("name", f"{name!r} is already on the roster; add a surname or initial")
    contact = email.strip()
    if contact and "@" not in contact:
        raise InputError("email", f"{contact!r} does not look like an email address")
    host = match_name(invited_by, store.attendees()).name if invited_by.strip() else ""
    person = Attendee(
        name=name,
        business=business.strip(),
        profession=profession.strip(),
        email=contact,
        phone=phone.strip(),
        ask=ask.strip(),
        invited_by=host,
        role=Role.VISITOR.value,
        attendance=Attendance.PRESENT.value,  # they are in the room; the Role column says they are a visitor
        checked_in_at=now_iso(),
    )
    return store.add_attendee(person)


def edit_ask(store: Store, name: str, ask: str) -> Attendee:
    return store.update_attendee(match_name(name, store.attendees()).name, ask=" ".join(ask.split()))


# -- referrals ----------------------------------------------------------------------------------------


@dataclass(slots=True)
class ReferralInput:
    """A referral as typed: names may be prefixes or typos, numbers may still be text."""

    giver: str
    receiver: str
    kind: str = Kind.REFERRAL.value
    contact: str = ""
    note: str = ""
    temperature: str | int | None = None
    value: str | float | None = None
    currency: str = ""
    made_by: str = ""  # FACILITATOR when the facilitator made the introduction, so neither person gave it
    meet_at: str = ""  # when a one-to-one is booked for, if they said: "2026-12-10 10:30" or "2026-12-10"
    source: str = Source.DESK.value  # desk, cli, import or phone


def build_referral(store: Store, raw: ReferralInput, *, attendees: list[Attendee] | None = None) -> Referral:
    """Validate a typed referral field by field; raise InputError naming the field at fault."""
    people = attendees if attendees is not None else store.attendees()
    for field, typed, role in (("from", raw.giver, "giver"), ("to", raw.receiver, "receiver")):
        if not typed.strip():
            raise InputError(field, f"the {role} is empty: write their name (the first letters are enough)")
    try:
        giver = match_name(raw.giver, people)
    except NameMatchError as exc:
        raise InputError("from", exc.message) from None
    try:
        receiver = match_name(raw.receiver, people)
    except NameMatchError as exc:
        raise InputError("to", exc.message) from None
    if giver.key == receiver.key:
        raise InputError("to", f"{giver.name} cannot refer to themselves; pick who receives it")
    for field, person in (("from", giver), ("to", receiver)):
        if person.is_absent:
            raise InputError(field, f"{person.name} is marked absent; check them in first if they are here")
    kind = (raw.kind or Kind.REFERRAL.value).strip().lower()
    kinds = {k.value for k in Kind}
    aliases = {"ref": "referral", "intro": "introduction", "1-1": "one-to-one", "121": "one-to-one",
               "1:1": "one-to-one", "one to one": "one-to-one", "oto": "one-to-one", "1-2-1": "one-to-one",
               "1 2 1": "one-to-one", "1to1": "one-to-one", "one2one": "one-to-one", "tyfcb": "closed",
               "closed business": "closed"}  # fmt: skip
    kind = aliases.get(kind, kind)
    if kind not in kinds:
        raise InputError("kind", f"unknown kind {raw.kind!r}; use one of {', '.join(sorted(kinds))}")
    temperature = _parse_temperature(raw.temperature)
    value = _parse_value(raw.value, kind)
    event_currency = store.event().currency if kind == Kind.CLOSED.value else ""
    currency = (raw.currency or event_currency).strip().upper()
    if currency and (len(currency) != 3 or not currency.isalpha()):
        raise InputError("currency", f"{raw.currency!r} is not a three-letter currency code like GBP")
    return Referral(
        giver=giver.name,
        receiver=receiver.name,
        kind=kind,
        contact=raw.contact.strip(),
        note=raw.note.strip(),
        temperature=temperature,
        value=value,
        currency=currency if kind == Kind.CLOSED.value else "",
        made_by=FACILITATOR if raw.made_by == FACILITATOR else "",
        meet_at=_parse_meet_at(raw.meet_at, kind),
        source=raw.source if raw.source in set(Source) else Source.DESK.value,
    )


def _parse_meet_at(raw: str, kind: str) -> str:
    """A one-to-one's booked date, with its time when given, as ISO text; blank when not booked yet."""
    text = " ".join(raw.split())
    if not text:
        return ""
    if kind != Kind.ONE_TO_ONE.value:
        raise InputError("when", "only a one-to-one is booked for a time; leave When empty")
    try:
        if len(text) <= 10:
            return dt.date.fromisoformat(text).isoformat()
        moment = dt.datetime.fromisoformat(text).replace(second=0, microsecond=0, tzinfo=None)
    except ValueError:
        raise InputError("when", f"{text!r} is not a date: write 2026-12-10, or 2026-12-10 10:30") from None
    return moment.isoformat(timespec="minutes")


def _parse_temperature(raw: str | int | None) -> int:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return 3
    try:
        temperature = int(str(raw).strip())
    except ValueError:
        raise InputError("temperature", f"{raw!r} is not a number; use 1 (a name) to 5 (a warm introduction)") from None
    if not 1 <= temperature <= 5:
        raise InputError("temperature", f"{temperature} is out of range; use 1 (a name) to 5 (a warm introduction)")
    return temperature


def _parse_value(raw: str | float | None, kind: str) -> float | None:
    text = "" if raw is None else str(raw).strip()
    if kind != Kind.CLOSED.value:
        if text:
            raise InputError("value", "only closed business carries a value; use --kind closed")
        return None
    if not text:
        raise InputError("value", "closed business needs the value of the business won, e.g. 1200")
    try:
        return parse_amount(raw if isinstance(raw, int | float) else text)
    except MoneyError as exc:
        raise InputError("value", str(exc)) from None


def record_referral(store: Store, raw: ReferralInput) -> Referral:
    """Validate and durably store one referral; the returned copy has its id."""
    return store.add_referral(build_referral(store, raw))


# -- tally --------------------------------------------------------------------------------------------


def ask_verdicts(attendees: list[Attendee]) -> dict[str, str]:
    from netevent.services.ask_rules import review_ask

    return {p.name: review_ask(p.ask).verdict for p in attendees}


def meeting_tally(store: Store) -> Tally:
    from netevent.domain.tally import compute_tally  # late: the first screen needs no tally (~4 ms of start-up)

    people = store.attendees()
    return compute_tally(people, store.referrals(), store.pitches(), ask_verdicts(people))
