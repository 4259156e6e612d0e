"""Find the attendee a facilitator means from what they typed: exact, unique prefix, or unique fuzzy match."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Sequence

from netevent.domain.models import Attendance, Attendee
from netevent.errors import UserError


class NameMatchError(UserError):
    """The typed name fits nobody or several people; `candidates` lists who it could be."""

    def __init__(self, typed: str, candidates: Sequence[str], *, ambiguous: bool) -> None:
        self.typed = typed
        self.candidates = list(candidates)
        self.ambiguous = ambiguous
        if ambiguous:
            text = f"{typed!r} matches several attendees: {', '.join(self.candidates)}; type more of the name"
        elif self.candidates:
            text = f"no attendee called {typed!r}; did you mean {', '.join(self.candidates)}?"
        else:
            text = f"no attendee called {typed!r}; check the spelling against the roster"
        super().__init__(text)


def fold(text: str) -> str:
    """What a name is searched by: no case, no accents, single spaces ("zoe angstrom" finds Zoë Ångström)."""
    decomposed = unicodedata.normalize("NFKD", text.translate(UNDECOMPOSED))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split()).casefold()


# Letters with no decomposition that people type without their stroke.
UNDECOMPOSED = str.maketrans({"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "æ": "ae", "Æ": "AE",
                              "œ": "oe", "Œ": "OE", "ı": "i"})  # fmt: skip


def search_keys(person: Attendee) -> list[str]:
    """Every name a person answers to: theirs and, while someone stands in for them, the stand-in's."""
    keys = [fold(person.name)]
    if person.attendance == Attendance.SUBSTITUTE.value and person.substitute_name:
        keys += [fold(person.substitute_name), fold(person.shown_name)]
    return keys


def _starts(typed: str, key: str) -> bool:
    """The name, or any later word of it, starts with what was typed ("oli", "grant")."""
    words = key.split()
    return any(" ".join(words[i:]).startswith(typed) for i in range(len(words)))


def _prefix_hits(typed: str, people: Sequence[Attendee]) -> list[Attendee]:
    return [p for p in people if any(_starts(typed, key) for key in search_keys(p))]


def find_by_prefix(typed: str, people: Sequence[Attendee]) -> list[Attendee]:
    """Everyone whose name (or a later word of it, or their stand-in's) starts with what was typed, in order."""
    return _prefix_hits(fold(typed), people)


def match_name(typed: str, people: Sequence[Attendee]) -> Attendee:
    """Resolve a typed name ignoring case and accents; raise NameMatchError listing candidates otherwise.

    A stand-in is found by their own name and resolves to the member they stand in for, who is credited.
    """
    key = fold(typed)
    if not key:
        raise NameMatchError(typed, [], ambiguous=False)
    exact = [p for p in people if key in search_keys(p)]
    if len(exact) == 1:
        return exact[0]
    prefixed = _prefix_hits(key, people)
    if len(prefixed) == 1:
        return prefixed[0]
    if len(prefixed) > 1:
        raise NameMatchError(typed, [p.shown_name for p in prefixed], ambiguous=True)
    fuzzy = fuzzy_candidates(key, people)
    if len(fuzzy) == 1:
        return fuzzy[0]
    if len(fuzzy) > 1:
        raise NameMatchError(typed, [p.shown_name for p in fuzzy], ambiguous=True)
    by_key = {k: p.shown_name for p in people for k in search_keys(p)}
    near = difflib.get_close_matches(key, list(by_key), n=3, cutoff=0.5)
    raise NameMatchError(typed, list(dict.fromkeys(by_key[k] for k in near)), ambiguous=False)


def fuzzy_candidates(key: str, people: Sequence[Attendee], cutoff: float = 0.8) -> list[Attendee]:
    """Typos: close to a whole name or to a first name ("olivai grant", "olvia")."""
    key = fold(key)
    scored = []
    for person in people:
        best = 0.0
        for name in search_keys(person):
            words = name.split()
            whole = difflib.SequenceMatcher(None, key, name).ratio()
            first = difflib.SequenceMatcher(None, key, words[0]).ratio() if words else 0.0
            best = max(best, whole, first)
        if best >= cutoff:
            scored.append((best, person))
    if not scored:
        return []
    top = max(score for score, _ in scored)
    # A clear winner is a match; near-ties are ambiguous.
    return [p for score, p in scored if score >= top - 0.05]


def complete_name(typed: str, people: Sequence[Attendee]) -> str | None:
    """The full name to suggest while typing, or None when the prefix fits nobody or several."""
    key = fold(typed)
    if not key:
        return None
    hits = _prefix_hits(key, people)
    return hits[0].shown_name if len(hits) == 1 else None
