"""One attendee's summary of the meeting, as plain data: the page, the card-mode QR text and exports all read it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from netevent.domain.models import Attendee, Event, Kind, Pitch, Referral, name_key
from netevent.store.atomic import StoreError

if TYPE_CHECKING:
    from netevent.store.repository import Store


@dataclass(slots=True)
class Contact:
    """Details of a person who agreed to share them (`share_contact`)."""

    email: str = ""
    phone: str = ""
    website: str = ""

    def __bool__(self) -> bool:
        return bool(self.email or self.phone or self.website)


@dataclass(slots=True)
class Person:
    """The other side of an exchange; `contact` is None unless they share contact details."""

    name: str
    business: str = ""
    profession: str = ""
    contact: Contact | None = None


@dataclass(slots=True)
class Exchange:
    """One record seen from this attendee's side: `direction` is "given" or "received"."""

    kind: str
    direction: str
    other: Person
    contact: str = ""  # the outside contact the record names (who expects the call)
    note: str = ""
    temperature: int = 3
    value: float | None = None
    currency: str = ""
    created_at: str = ""


@dataclass(slots=True)
class AskFinding:
    message: str
    suggestion: str = ""
    problem: bool = False  # costs points or is missing; otherwise it is something the ask does well


@dataclass(slots=True)
class AskSummary:
    text: str
    score: int
    verdict: str
    findings: list[AskFinding] = field(default_factory=list)
    listen_for: list[str] = field(default_factory=list)  # what the room should listen for (issue 18)
    rewrite: str = ""  # the ask as "Who do you know who …?", missing parts as bracketed prompts


@dataclass(slots=True)
class Introduction:
    """A suggested introduction to another attendee, with the matcher's reasons."""

    other: Person
    score: float
    reasons: list[str] = field(default_factory=list)


@dataclass(slots=True)
class AttendeeSummary:
    name: str
    shown_name: str
    business: str = ""
    profession: str = ""
    role: str = ""
    event_title: str = ""
    event_date: dt.date | None = None
    currency: str = ""
    pitched: bool = False
    pitch_seconds: float = 0.0
    planned_seconds: int = 0
    overtime_seconds: float = 0.0
    ask: AskSummary | None = None
    given: list[Exchange] = field(default_factory=list)
    received: list[Exchange] = field(default_factory=list)
    one_to_ones: list[Exchange] = field(default_factory=list)
    introductions: list[Introduction] = field(default_factory=list)

    @property
    def contacts(self) -> list[Person]:
        """People this attendee exchanged with who share contact details, once each (for the vCard)."""
        seen: dict[str, Person] = {}
        for item in (*self.given, *self.received, *self.one_to_ones):
            if item.other.contact:
                seen.setdefault(_contact_key(item.other.name), item.other)
        return list(seen.values())


@lru_cache(maxsize=4096)  # the same few hundred names on every page of a room
def _contact_key(name: str) -> str:
    return name_key(name)


def _person(name: str, by_key: dict[str, Attendee], key: str | None = None) -> Person:
    found = by_key.get(name_key(name) if key is None else key)
    if found is None:  # a record naming someone no longer on the roster
        return Person(name=name)
    contact = Contact(found.email, found.phone, found.website) if found.share_contact else None
    return Person(found.name, found.business, found.profession, contact or None)


def _exchange(record: Referral, direction: str, other: Person) -> Exchange:
    return Exchange(
        kind=record.kind,
        direction=direction,
        other=other,
        contact=record.contact,
        note=record.note,
        temperature=record.temperature,
        value=record.value,
        currency=record.currency,
        created_at=record.created_at,
    )


def _ask_summary(text: str, room: Room | None = None) -> AskSummary | None:
    if not text.strip():
        return None
    review = room.review(text) if room is not None else _review(text)
    problems = set(review.problems)
    findings = [AskFinding(f.message, f.suggestion or "", f in problems) for f in review.findings]
    return AskSummary(
        text=text,
        score=int(review.score),
        verdict=str(review.verdict),
        findings=findings,
        listen_for=list(review.listen_for),
        rewrite=str(review.rewrite),
    )


def _review(text: str) -> Any:
    from netevent.services.ask_rules import review_ask  # lazy: the rules file is read once, on first use

    return review_ask(text)


def _party_name(party: Any) -> str:
    """Suggestion ends may be names or Attendee objects."""
    return party if isinstance(party, str) else party.name


@dataclass(slots=True)
class Room:
    """One read of everything the summaries share: built once, it serves every attendee's page."""

    event: Event
    referrals: list[Referral]
    pitches: list[Pitch]
    pairs: list[Any]  # the matcher's suggested introductions for the whole room
    by_person: dict[str, list[tuple[str, Any]]] | None = None
    by_key: dict[str, Attendee] | None = None
    # Shared by every page of the room, so 500 pages cost one pass over pitches, names and asks, not 500.
    by_speaker: dict[str, list[tuple[int, Pitch]]] | None = None
    keys: dict[str, str] = field(default_factory=dict)
    reviews: dict[str, Any] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)  # name key → as others' pages show them

    def key_of(self, name: str) -> str:
        """`name_key(name)`, remembered: a room has few names and each appears on many pages."""
        key = self.keys.get(name)
        if key is None:
            key = self.keys[name] = name_key(name)
        return key

    def person(self, name: str, key: str) -> Person:
        """The attendee with name key `key` as the other side of an exchange, made once for all pages (read-only)."""
        found = self.people.get(key)
        if found is None:
            found = _person(name, self.people_by_key(), key)
            if key in self.people_by_key():  # someone off the roster shows as the record spells them
                self.people[key] = found
        return found

    def review(self, text: str) -> Any:
        """The ask review of `text`, done once per distinct ask in the room."""
        found = self.reviews.get(text)
        if found is None:
            found = self.reviews[text] = _review(text)
        return found

    def pitches_for(self, keys: set[str]) -> list[Pitch]:
        """The pitches whose speaker has one of these name keys, in the room's order."""
        if self.by_speaker is None:
            index: dict[str, list[tuple[int, Pitch]]] = {}
            for position, pitch in enumerate(self.pitches):
                index.setdefault(self.key_of(pitch.speaker), []).append((position, pitch))
            self.by_speaker = index
        found = [entry for key in keys for entry in self.by_speaker.get(key, ())]
        if len(keys) > 1:
            found.sort(key=lambda entry: entry[0])
        return [pitch for _, pitch in found]

    def people_by_key(self) -> dict[str, Attendee]:
        """Attendees by name key, built once per room rather than once per page."""
        if self.by_key is None:
            self.by_key = {a.key: a for a in self.event.attendees}
        return self.by_key

    def pairs_for(self, key: str) -> list[tuple[str, Any]]:
        """(other person's name, suggestion) for each suggested pair with the person whose name key is `key`."""
        if self.by_person is None:
            index: dict[str, list[tuple[str, Any]]] = {}
            for suggestion in self.pairs:
                a, b = _party_name(suggestion.a), _party_name(suggestion.b)
                index.setdefault(self.key_of(a), []).append((b, suggestion))
                index.setdefault(self.key_of(b), []).append((a, suggestion))
            self.by_person = index
        return self.by_person.get(key, [])

    @classmethod
    def read(cls, store: Store) -> Room:
        from netevent.services.spheres import suggest_pairs  # lazy: the contact-sphere data loads on first use

        event = store.event()
        referrals = store.referrals()
        pairs = suggest_pairs(event.attendees, referrals, per_person=MAX_INTRODUCTIONS)
        return cls(event, referrals, store.pitches(), pairs)


def _introductions(person: Attendee, room: Room) -> list[Introduction]:
    return [
        Introduction(room.person(other, room.key_of(other)), float(suggestion.score), list(suggestion.reasons))
        for other, suggestion in room.pairs_for(person.key)
    ]


def build_summary(store: Store | None, name: str, *, room: Room | None = None) -> AttendeeSummary:
    """Everything one attendee takes away from the meeting, read fresh from the store (or from `room`)."""
    if room is None:
        if store is None:
            raise ValueError("build_summary needs a store or a Room")
        room = Room.read(store)
    event = room.event
    by_key = room.people_by_key()
    person = by_key.get(name_key(name))
    if person is None:
        raise StoreError(f"no attendee named {name!r}")
    me = person.key
    own_keys = {me, room.key_of(person.shown_name)}

    done = [p for p in room.pitches_for(own_keys) if p.status == "done"]
    # What the speaker was given, +/- included, as logged with the pitch; the event's plan before they spoke.
    planned = sum(p.planned_seconds for p in done) if done else event.planned_seconds(person)

    summary = AttendeeSummary(
        name=person.name,
        shown_name=person.shown_name,
        business=person.business,
        profession=person.profession,
        role=person.role,
        event_title=event.title,
        event_date=event.date,
        currency=event.currency,
        pitched=bool(done),
        pitch_seconds=sum(p.actual_seconds for p in done),
        planned_seconds=planned,
        overtime_seconds=sum(p.overtime_seconds for p in done),
        ask=_ask_summary(person.ask, room),
    )
    key_of = room.key_of
    one_to_one = Kind.ONE_TO_ONE.value  # looked up once: an enum member's value is a property call
    for record in sorted(room.referrals, key=lambda r: (r.created_at, r.id or 0)):
        giver, receiver = key_of(record.giver), key_of(record.receiver)
        gave, got = giver == me, receiver == me
        if not (gave or got) or (gave and got):
            continue
        other = room.person(record.receiver, receiver) if gave else room.person(record.giver, giver)
        item = _exchange(record, "given" if gave else "received", other)
        if record.kind == one_to_one:
            summary.one_to_ones.append(item)
        else:
            (summary.given if gave else summary.received).append(item)
    summary.introductions = _introductions(person, room)
    return summary


def format_seconds(seconds: float) -> str:
    """Pitch lengths as m:ss, the way the countdown shows them."""
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


MAX_INTRODUCTIONS = 5  # the best few; a long list on a phone is a list nobody acts on

KIND_LABELS = {
    Kind.REFERRAL.value: "referral",
    Kind.INTRODUCTION.value: "introduction",
    Kind.ONE_TO_ONE.value: "one-to-one",
    Kind.CLOSED.value: "closed business",
}


def _short_contact(person: Person) -> str:
    if not person.contact:
        return ""
    return person.contact.phone or person.contact.email or person.contact.website


def _with_contact(person: Person) -> str:
    contact = _short_contact(person)
    return f"{person.name} {contact}" if contact else person.name


def summary_text(summary: AttendeeSummary, max_chars: int = 400) -> str:
    """A short plain-text summary for card-mode QR codes, most important lines first, cut to `max_chars`."""
    lines = [f"{summary.shown_name}" + (f" - {summary.business}" if summary.business else "")]
    when = f" {summary.event_date.isoformat()}" if summary.event_date else ""
    lines.append(f"{summary.event_title}{when}")
    if summary.pitched:
        over = f", {format_seconds(summary.overtime_seconds)} over" if summary.overtime_seconds >= 1 else ""
        lines.append(
            f"Pitch {format_seconds(summary.pitch_seconds)} of {format_seconds(summary.planned_seconds)}{over}"
        )
    if summary.ask:
        lines.append(f"Ask: {summary.ask.verdict} {summary.ask.score}/100")
        tip = next((f.suggestion for f in summary.ask.findings if f.problem and f.suggestion), "")
        if tip:
            lines.append(f"Tip: {tip}")
    if summary.received:  # what to act on first: who to call, and how
        parts = []
        for item in summary.received:
            extra = item.contact or _short_contact(item.other)
            parts.append(f"{item.other.name} ({KIND_LABELS.get(item.kind, item.kind)}{': ' + extra if extra else ''})")
        lines.append("Got: " + "; ".join(parts))
    if summary.one_to_ones:
        lines.append("1-2-1: " + "; ".join(_with_contact(i.other) for i in summary.one_to_ones))
    if summary.given:
        lines.append("Gave: " + "; ".join(f"{i.other.name} ({KIND_LABELS.get(i.kind, i.kind)})" for i in summary.given))
    if summary.introductions:
        lines.append("Meet: " + "; ".join(_with_contact(i.other) for i in summary.introductions))
    return _fit(lines, max_chars)


def _fit(lines: list[str], max_chars: int) -> str:
    """Join lines, dropping or cutting the last ones so the text stays within `max_chars`."""
    out: list[str] = []
    used = 0
    for line in lines:
        line = " ".join(line.split())
        cost = len(line) + (1 if out else 0)
        if used + cost <= max_chars:
            out.append(line)
            used += cost
            continue
        room = max_chars - used - (1 if out else 0)
        if room >= 12:  # a stub shorter than this says nothing
            out.append(line[: room - 1].rstrip() + "…")
        break
    return "\n".join(out)
