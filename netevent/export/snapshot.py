"""One consistent read of the store that every exporter shares, so the tally and reviews are computed once."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from functools import cache, cached_property
from typing import TYPE_CHECKING, Any, TypeVar

from netevent.ask.check import AskReview
from netevent.domain.chapter import FollowUp, Goal
from netevent.domain.history import History
from netevent.domain.matcher import Suggestion
from netevent.domain.models import Attendee, Event, Pitch, Referral, name_key
from netevent.domain.tally import Tally, compute_tally
from netevent.services.ask_rules import review_ask
from netevent.services.spheres import suggest_pairs
from netevent.services.summaries import MAX_INTRODUCTIONS, Room

if TYPE_CHECKING:
    from netevent.store.repository import Store

T = TypeVar("T")


def walk_in_keys(store: Store) -> set[str]:
    """Name keys of people added in the app rather than from the event file (the store keeps this as "origin")."""
    return store.walk_in_keys()


def state_items(store: Store) -> dict[str, Any]:
    """Every round-state entry (queue position, drawn order …) keyed by name; the room display's token stays
    out, like the attendees' tokens: an export must not open the projector page."""
    from netevent.store.repository import ROOM_TOKEN_KEY

    return {
        d["key"]: d.get("value") for d in store.db.table("state").all() if d.get("key") not in (None, ROOM_TOKEN_KEY)
    }


def plain(record: object) -> dict[str, Any]:
    """A dataclass's fields as a shallow dict: `asdict` deep-copies and costs ~10x more across 5,000 records."""
    return {name: getattr(record, name) for name in _field_names(type(record))}


@cache
def _field_names(kind: type) -> tuple[str, ...]:
    """A dataclass's field names, looked up once per class rather than once per record."""
    return tuple(f.name for f in fields(kind))


def file_slug(name: str, fallback: str) -> str:
    """An ASCII file name for a person: "Zoë Müller" → "zoe-muller"; names with no Latin letters use `fallback`."""
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or fallback


@dataclass
class Snapshot:
    """The event as exported: settings and roster, records, pitches and round state."""

    event: Event
    referrals: list[Referral]
    pitches: list[Pitch]
    state: dict[str, Any] = field(default_factory=dict)
    walk_ins: set[str] = field(default_factory=set)
    followups: list[FollowUp] = field(default_factory=list)  # given at this meeting, on any meeting's records
    goals: list[Goal] = field(default_factory=list)
    history: History | None = None  # the chapter's, when it has met before: report.html shows it

    @classmethod
    def from_store(cls, store: Store) -> Snapshot:
        return cls(
            event=store.event(),
            referrals=store.referrals(),
            pitches=sorted(store.pitches(), key=lambda p: (p.slot, p.id or 0)),
            state=state_items(store),
            walk_ins=walk_in_keys(store),
            followups=store.followups(),
            goals=store.goals(),
        )

    @property
    def attendees(self) -> list[Attendee]:
        return self.event.attendees

    @cached_property
    def reviews(self) -> dict[str, AskReview]:
        """Attendee name → ask review, for everyone who gave an ask; a chapter's repeated asks are reviewed once."""
        by_text = self._reviews_by_text
        return {person.name: by_text[person.ask] for person in self.attendees if person.ask.strip()}

    @cached_property
    def _reviews_by_text(self) -> dict[str, AskReview]:
        by_text: dict[str, AskReview] = {}
        for person in self.attendees:
            if person.ask.strip() and person.ask not in by_text:
                by_text[person.ask] = review_ask(person.ask)
        return by_text

    @cached_property
    def tally(self) -> Tally:
        verdicts = {name: review.verdict for name, review in self.reviews.items()}
        return compute_tally(self.attendees, self.referrals, self.pitches, verdicts)

    @cached_property
    def pairs(self) -> list[Suggestion]:
        """Each person's best introductions, best first: the report lists the top, each page its own."""
        return suggest_pairs(self.attendees, self.referrals, per_person=MAX_INTRODUCTIONS)

    @cached_property
    def suggestions(self) -> list[dict[str, Any]]:
        """The report's suggested introductions as plain dicts (a, b, score, reasons), best first."""
        return [s.to_dict() for s in self.pairs[:SUGGESTION_LIMIT]]

    def room_for(self, person: Attendee) -> Room:
        """What one summary page needs, from this same read of the store.

        `build_summary` keeps only the records and suggestions naming the person; handing it just those
        (grouped once) makes 500 pages cost one pass over the room instead of 500.
        """
        key = person.key
        room = Room(self.event, self._records_by_key.get(key, []), self.pitches, self._pairs_by_key.get(key, []))
        room.by_key = self._people_by_key
        shared = self._shared_room
        room.by_speaker, room.keys, room.reviews = shared.by_speaker, shared.keys, shared.reviews
        room.people = shared.people
        return room

    @cached_property
    def _shared_room(self) -> Room:
        """The pitches by speaker, name keys and ask reviews every page reuses, worked out once."""
        room = Room(self.event, [], self.pitches, [])
        room.pitches_for(set())  # builds the speaker index
        room.reviews.update(self._reviews_by_text)
        return room

    @cached_property
    def _people_by_key(self) -> dict[str, Attendee]:
        return {a.key: a for a in self.event.attendees}

    @cached_property
    def _records_by_key(self) -> dict[str, list[Referral]]:
        return _group(self.referrals, lambda r: (r.giver, r.receiver))

    @cached_property
    def _pairs_by_key(self) -> dict[str, list[Suggestion]]:
        """Each person's best suggestions, as many as a summary page shows (of ~450 each in a room of 500)."""
        return {k: v[:MAX_INTRODUCTIONS] for k, v in _group(self.pairs, lambda s: (s.a, s.b)).items()}

    @cached_property
    def summary_files(self) -> dict[str, str]:
        """Attendee name → relative path of their summary page; clashing slugs get a number."""
        taken: set[str] = set()
        out: dict[str, str] = {}
        for position, person in enumerate(self.attendees, start=1):
            base = file_slug(person.name, f"attendee-{position}")
            slug, n = base, 2
            while slug in taken:
                slug, n = f"{base}-{n}", n + 1
            taken.add(slug)
            out[person.name] = f"summaries/{slug}.html"
        return out


def _group(items: list[T], names: Callable[[T], tuple[str, str]]) -> dict[str, list[T]]:
    """Items by the name key of each person they name, in their original order."""
    keys: dict[str, str] = {}  # a room has few names and many pairs: normalise each name once
    out: dict[str, list[T]] = {}
    for item in items:
        first, second = (keys.get(n) or keys.setdefault(n, name_key(n)) for n in names(item))
        out.setdefault(first, []).append(item)
        if second != first:
            out.setdefault(second, []).append(item)
    return out


SUGGESTION_LIMIT = 25  # a report lists the best few; the app shows the rest
