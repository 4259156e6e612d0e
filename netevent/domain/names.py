"""Find the attendee a facilitator means from what they typed: exact, unique prefix, or unique fuzzy match."""

from __future__ import annotations

import difflib
from collections.abc import Sequence

from netevent.domain.models import Attendee, name_key
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


def _prefix_hits(typed: str, people: Sequence[Attendee]) -> list[Attendee]:
    """People whose full name, or any later word of it, starts with what was typed ("oli", "grant")."""
    hits = []
    for person in people:
        key = person.key
        words = key.split()
        if key.startswith(typed) or any(" ".join(words[i:]).startswith(typed) for i in range(1, len(words))):
            hits.append(person)
    return hits


def match_name(typed: str, people: Sequence[Attendee]) -> Attendee:
    """Resolve a typed name case-insensitively; raise NameMatchError listing candidates otherwise."""
    key = name_key(typed)
    if not key:
        raise NameMatchError(typed, [], ambiguous=False)
    exact = [p for p in people if p.key == key]
    if len(exact) == 1:
        return exact[0]
    prefixed = _prefix_hits(key, people)
    if len(prefixed) == 1:
        return prefixed[0]
    if len(prefixed) > 1:
        raise NameMatchError(typed, [p.name for p in prefixed], ambiguous=True)
    fuzzy = fuzzy_candidates(key, people)
    if len(fuzzy) == 1:
        return fuzzy[0]
    if len(fuzzy) > 1:
        raise NameMatchError(typed, [p.name for p in fuzzy], ambiguous=True)
    near = difflib.get_close_matches(key, [p.key for p in people], n=3, cutoff=0.5)
    by_key = {p.key: p.name for p in people}
    raise NameMatchError(typed, [by_key[k] for k in near], ambiguous=False)


def fuzzy_candidates(key: str, people: Sequence[Attendee], cutoff: float = 0.8) -> list[Attendee]:
    """Typos: close to the whole name or to the first name ("olivai grant", "olvia")."""
    scored = []
    for person in people:
        words = person.key.split()
        whole = difflib.SequenceMatcher(None, key, person.key).ratio()
        first = difflib.SequenceMatcher(None, key, words[0]).ratio() if words else 0.0
        best = max(whole, first)
        if best >= cutoff:
            scored.append((best, person))
    if not scored:
        return []
    top = max(score for score, _ in scored)
    # A clear winner is a match; near-ties are ambiguous.
    return [p for score, p in scored if score >= top - 0.05]


def complete_name(typed: str, people: Sequence[Attendee]) -> str | None:
    """The full name to suggest while typing, or None when the prefix fits nobody or several."""
    key = name_key(typed)
    if not key:
        return None
    hits = _prefix_hits(key, people)
    return hits[0].name if len(hits) == 1 else None
