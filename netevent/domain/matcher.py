"""Suggest who in the room should meet whom, with the reasons a seasoned networker would give."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from netevent.domain.models import Attendee, Kind, Referral, name_key
from netevent.domain.professions import Knowledge, KnowledgeError, Match, Tokens

__all__ = ["Knowledge", "KnowledgeError", "Suggestion", "helpers_for", "suggest"]

# Weights: what the asker said they want counts most, then shared clients, then shared life events.
ASK_NAMES_PROFESSION = 3.0  # "I want to meet mortgage brokers" and the other is one
ASK_IN_OFFER = 2.5  # the ask's clients are the ones the other's offer says they serve
ASK_IN_SPHERE = 2.0  # the ask describes the clients of the other's sphere ("dog owners")
ASK_IN_TRIGGER = 1.5  # the ask's life event is one the other's profession is called to
DECLARED_SPHERE = 2.0  # the other's profession is in the contact sphere this person listed
SAME_SPHERE = 2.0
EXTRA_SPHERE = 0.25  # sharing two spheres (bookkeeper and bank: money and small business) means more overlap
SHARED_TRIGGER = 1.0
EXTRA_TRIGGER = 0.25
MAX_TRIGGER = 2.0
BOTH_GIVERS = 0.5
INTRODUCED_FACTOR = 0.25  # already introduced tonight: keep, but well down the list
ONE_TO_ONE_FACTOR = 0.5  # they have already booked time together


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A proposed introduction; in `suggest` results `a` < `b` so output is stable."""

    a: str
    b: str
    score: float
    reasons: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"a": self.a, "b": self.b, "score": self.score, "reasons": list(self.reasons)}


MAX_REASONS = 4  # a projected screen has room for a few; the score counts them all

_VOWEL_LETTERS = frozenset("AEFHILMNORSX")  # initialisms said with a vowel first: "an HR consultant", "an IFA"


@dataclass(slots=True)
class _Profile:
    """One attendee, classified once so the pair loop is only integer bit arithmetic."""

    name: str
    short: str
    display: str  # the profession as they wrote it, for reasons
    professions: tuple[str, ...]
    prof_bits: int
    rival_bits: int
    sphere_bits: int
    trigger_bits: int  # triggers their profession is called to
    offer_trigger_bits: int
    offer_sphere_bits: int
    ask_prof: dict[str, str]  # canonical profession → the words of the ask that named it
    ask_triggers: dict[str, str]
    ask_spheres: dict[str, str]
    ask_prof_bits: int
    ask_trigger_bits: int
    ask_sphere_bits: int
    declared_bits: int  # professions in the contact sphere they listed
    giver: bool


def _article(noun: str) -> str:
    first = noun.split()[0] if noun.split() else noun
    initialism = first.isupper() and len(first) <= 4
    vowel = first[0] in _VOWEL_LETTERS if initialism else first[:1].lower() in "aeiou"
    return f"an {noun}" if vowel else f"a {noun}"


def _bits(names: Iterable[str], index: dict[str, int]) -> int:
    value = 0
    for name in names:
        bit = index.get(name)
        if bit is not None:
            value |= 1 << bit
    return value


def _set_bits(value: int) -> Iterable[int]:
    while value:
        low = value & -value
        yield low.bit_length() - 1
        value ^= low


def _first_words(matches: Iterable[Match]) -> dict[str, str]:
    out: dict[str, str] = {}
    for match in matches:
        for target in sorted(match.targets):
            out.setdefault(target, match.words)
    return out


class _Index:
    """Bit positions for one Knowledge's professions, spheres and triggers, and a cache of classified texts."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.knowledge = knowledge
        kn = knowledge
        self.profs = sorted(kn.professions)
        self.prof = {name: i for i, name in enumerate(self.profs)}
        # Sphere bits run from the most specific sphere (fewest professions), so the lowest shared bit says most.
        self.spheres = sorted(kn.spheres, key=lambda s: (len(kn.spheres[s].professions), s))
        self.sphere = {sid: i for i, sid in enumerate(self.spheres)}
        self.triggers = sorted(kn.triggers)
        self.trigger = {tid: i for i, tid in enumerate(self.triggers)}
        self._texts: dict[str, tuple[dict[str, str], dict[str, str], dict[str, str]]] = {}
        self.serves = [f"Both serve {kn.spheres[sid].serves}" for sid in self.spheres]
        self.sees = [f"Both see {kn.triggers[tid].phrase}" for tid in self.triggers]
        # rank[t][profession]: how central a profession is to a trigger (its place in the data's list)
        self.rank = [{p: i for i, p in enumerate(kn.triggers[tid].professions)} for tid in self.triggers]
        self.linking: dict[tuple[int, int, int], int] = {}  # (professions, professions, triggers) → trigger bit
        self.common: dict[tuple[int, int], int] = {}  # (professions, professions) → sphere bit

    def read(self, text: str) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
        """Professions, trigger events and client spheres a text names, each with the words that named it."""
        cached = self._texts.get(text)
        if cached is None:
            kn = self.knowledge
            tokens = Tokens(text)
            cached = (
                _first_words(kn.profession_words.scan(tokens)),
                _first_words(kn.trigger_cues.scan(tokens)),
                _first_words(kn.client_cues.scan(tokens)),
            )
            if len(self._texts) > 20_000:
                self._texts.clear()
            self._texts[text] = cached
        return cached

    def profile(self, person: Attendee, short: str, giver: bool) -> _Profile:
        kn = self.knowledge
        profs = self.read(person.profession)[0] or self.read(person.business)[0]
        ordered = tuple(sorted(profs))
        spheres = {sid for p in ordered for sid in kn.professions[p].spheres}
        triggers = {tid for p in ordered for tid in kn.professions[p].triggers}
        _, offer_triggers, offer_spheres = self.read(person.offer)
        ask_prof, ask_triggers, ask_spheres = self.read(person.ask)
        declared = {p for entry in person.sphere for p in self.read(entry)[0]}
        written = " ".join(person.profession.split())
        return _Profile(
            name=person.name,
            short=short,
            display=written if len(ordered) == 1 and self.read(person.profession)[0] else "",
            professions=ordered,
            prof_bits=_bits(ordered, self.prof),
            rival_bits=_bits((r for p in ordered for r in kn.professions[p].competitors), self.prof),
            sphere_bits=_bits(spheres, self.sphere),
            trigger_bits=_bits(triggers, self.trigger),
            offer_trigger_bits=_bits(offer_triggers, self.trigger),
            offer_sphere_bits=_bits(offer_spheres, self.sphere),
            ask_prof=ask_prof,
            ask_triggers=ask_triggers,
            ask_spheres=ask_spheres,
            ask_prof_bits=_bits(ask_prof, self.prof),
            ask_trigger_bits=_bits(ask_triggers, self.trigger),
            ask_sphere_bits=_bits(ask_spheres, self.sphere),
            declared_bits=_bits(declared, self.prof),
            giver=giver,
        )


_INDEX_CACHE: dict[int, tuple[Knowledge, _Index]] = {}


def _index_for(knowledge: Knowledge) -> _Index:
    """One index per Knowledge object: the app asks again and again with the same knowledge."""
    cached = _INDEX_CACHE.get(id(knowledge))
    if cached is None or cached[0] is not knowledge:
        if len(_INDEX_CACHE) > 8:
            _INDEX_CACHE.clear()
        cached = (knowledge, _Index(knowledge))
        _INDEX_CACHE[id(knowledge)] = cached
    return cached[1]


def _first_name(name: str) -> str:
    parts = name.split()
    return parts[0] if parts else name


def _profiles(attendees: Sequence[Attendee], referrals: Sequence[Referral], index: _Index) -> list[_Profile]:
    """Everyone not absent, once each, in alphabetical order so pair (i < j) already has a before b."""
    seen: set[str] = set()
    people: list[Attendee] = []
    for person in attendees:
        if person.is_absent or not person.name.strip() or person.key in seen:
            continue
        seen.add(person.key)
        people.append(person)
    people.sort(key=lambda p: (p.name.casefold(), p.name))
    firsts: dict[str, int] = {}
    for person in people:
        first = _first_name(person.name).casefold()
        firsts[first] = firsts.get(first, 0) + 1
    givers = {name_key(r.giver) for r in referrals}
    return [
        index.profile(
            p,
            _first_name(p.name) if firsts[_first_name(p.name).casefold()] == 1 else p.name,
            p.key in givers,
        )
        for p in people
    ]


def _history(referrals: Sequence[Referral]) -> tuple[set[frozenset[str]], set[frozenset[str]]]:
    """Pairs already introduced (an `introduction` between them either way) and pairs with a one-to-one booked."""
    introduced: set[frozenset[str]] = set()
    booked: set[frozenset[str]] = set()
    for record in referrals:
        pair = frozenset((name_key(record.giver), name_key(record.receiver)))
        if record.kind == Kind.INTRODUCTION.value:
            introduced.add(pair)
        elif record.kind == Kind.ONE_TO_ONE.value:
            booked.add(pair)
    return introduced, booked


def _ask_weight(asker: _Profile, other: _Profile) -> float:
    """How well `other` answers `asker`'s ask; the ladder mirrors `_ask_reason`."""
    if asker.ask_prof_bits & other.prof_bits:
        return ASK_NAMES_PROFESSION
    if asker.ask_trigger_bits & other.offer_trigger_bits:
        return ASK_IN_OFFER
    if asker.ask_sphere_bits & (other.offer_sphere_bits | other.sphere_bits):
        return ASK_IN_SPHERE
    if asker.ask_trigger_bits & other.trigger_bits:
        return ASK_IN_TRIGGER
    return 0.0


def _score(p: _Profile, q: _Profile) -> float:
    """The pair's worth before history; 0 when nothing links them."""
    total = 0.0
    if p.ask_prof_bits or p.ask_trigger_bits or p.ask_sphere_bits:
        total += _ask_weight(p, q)
    if q.ask_prof_bits or q.ask_trigger_bits or q.ask_sphere_bits:
        total += _ask_weight(q, p)
    if p.declared_bits & q.prof_bits:
        total += DECLARED_SPHERE
    if q.declared_bits & p.prof_bits:
        total += DECLARED_SPHERE
    spheres = p.sphere_bits & q.sphere_bits
    if spheres:
        total += SAME_SPHERE + EXTRA_SPHERE * (spheres.bit_count() - 1)
    shared = p.trigger_bits & q.trigger_bits
    if shared:
        total += min(MAX_TRIGGER, SHARED_TRIGGER + EXTRA_TRIGGER * (shared.bit_count() - 1))
    if p.giver and q.giver:
        total += BOTH_GIVERS
    return total


def _pick(bits: int, names: list[str], preferred: Iterable[str]) -> str:
    """The first of `preferred` whose bit is set, else the lowest set bit: reasons must not depend on set order."""
    for name in preferred:
        if name in names and bits >> names.index(name) & 1:
            return name
    return names[(bits & -bits).bit_length() - 1]


def _what(person: _Profile, prof: str) -> str:
    """ "a conveyancing solicitor": their own words for the profession when they gave one, in running-text case."""
    text = person.display or prof
    if text[:1].isupper() and not text.split()[0].isupper():
        text = text[0].lower() + text[1:]
    return _article(text)


def _ask_reason(asker: _Profile, other: _Profile, index: _Index) -> str:
    """The sentence for the rung of `_ask_weight` that matched."""
    if asker.ask_prof_bits & other.prof_bits:
        prof = _pick(asker.ask_prof_bits & other.prof_bits, index.profs, sorted(asker.ask_prof))
        return f"{asker.short}'s ask mentions {asker.ask_prof[prof]}: {other.short} is {_what(other, prof)}"
    if asker.ask_trigger_bits & other.offer_trigger_bits:
        tid = _pick(asker.ask_trigger_bits & other.offer_trigger_bits, index.triggers, sorted(asker.ask_triggers))
        return f"{asker.short}'s ask ({asker.ask_triggers[tid]}) is who {other.short} serves"
    bits = asker.ask_sphere_bits & (other.offer_sphere_bits | other.sphere_bits)
    if bits:
        sid = _pick(bits, index.spheres, sorted(asker.ask_spheres))
        return f"{asker.short}'s ask ({asker.ask_spheres[sid]}) is who {other.short} serves"
    tid = _pick(asker.ask_trigger_bits & other.trigger_bits, index.triggers, sorted(asker.ask_triggers))
    called = [p for p in other.professions if p in index.knowledge.triggers[tid].professions]
    return f"{asker.short}'s ask ({asker.ask_triggers[tid]}) is who {other.short} meets as {_what(other, called[0])}"


def _declared_reason(owner: _Profile, other: _Profile, index: _Index) -> str:
    prof = _pick(owner.declared_bits & other.prof_bits, index.profs, other.professions)
    return f"{other.short} is in {owner.short}'s contact sphere ({prof})"


def _shared_sphere(p: _Profile, q: _Profile, index: _Index) -> int:
    """The sphere both belong to first (a venue is a wedding business before a hospitality one), then the narrowest."""
    key = (p.prof_bits, q.prof_bits)
    found = index.common.get(key)
    if found is None:
        kn = index.knowledge

        def place(person: _Profile, sid: str) -> int:
            return min(
                kn.professions[x].spheres.index(sid) for x in person.professions if sid in kn.professions[x].spheres
            )

        shared = [index.spheres[bit] for bit in _set_bits(p.sphere_bits & q.sphere_bits)]
        best = min(shared, key=lambda sid: (place(p, sid) + place(q, sid), index.sphere[sid]))
        found = index.common[key] = index.sphere[best]
    return found


def _shared_trigger(p: _Profile, q: _Profile, index: _Index) -> int:
    """The life event that links them best: one either of them talks about, else where both are core professions."""
    shared = p.trigger_bits & q.trigger_bits
    talked = shared & (p.ask_trigger_bits | q.ask_trigger_bits | p.offer_trigger_bits | q.offer_trigger_bits)
    key = (p.prof_bits, q.prof_bits, talked or shared)
    found = index.linking.get(key)
    if found is None:
        best: tuple[int, int, int] = (1 << 30, 0, 0)
        for bit in _set_bits(talked or shared):
            rank = index.rank[bit]
            here = min(rank[x] for x in p.professions if x in rank) + min(rank[x] for x in q.professions if x in rank)
            best = min(best, (here, len(rank), bit))
        found = index.linking[key] = best[2]
    return found


def _weight_desc(item: tuple[float, str]) -> float:
    return -item[0]


def _reasons(p: _Profile, q: _Profile, index: _Index) -> list[str]:
    """Every reason for a pair, strongest first (ties keep this order)."""
    scored: list[tuple[float, str]] = []
    if p.ask_prof_bits or p.ask_trigger_bits or p.ask_sphere_bits:
        weight = _ask_weight(p, q)
        if weight:
            scored.append((weight, _ask_reason(p, q, index)))
    if q.ask_prof_bits or q.ask_trigger_bits or q.ask_sphere_bits:
        weight = _ask_weight(q, p)
        if weight:
            scored.append((weight, _ask_reason(q, p, index)))
    if p.declared_bits & q.prof_bits:
        scored.append((DECLARED_SPHERE, _declared_reason(p, q, index)))
    if q.declared_bits & p.prof_bits:
        scored.append((DECLARED_SPHERE, _declared_reason(q, p, index)))
    spheres = p.sphere_bits & q.sphere_bits
    if spheres:
        scored.append((SAME_SPHERE, index.serves[_shared_sphere(p, q, index)]))
    if p.trigger_bits & q.trigger_bits:
        scored.append((SHARED_TRIGGER, index.sees[_shared_trigger(p, q, index)]))
    if p.giver and q.giver:
        scored.append((BOTH_GIVERS, "Both active givers this meeting"))
    if len(scored) > 1:
        scored.sort(key=_weight_desc)
    return [reason for _, reason in scored]


def suggest(
    attendees: Sequence[Attendee], referrals: Sequence[Referral], knowledge: Knowledge, limit: int | None = None
) -> list[Suggestion]:
    """Every worthwhile pair in the room, best first; never two competitors, never someone marked absent."""
    index = _index_for(knowledge)
    people = _profiles(attendees, referrals, index)
    introduced, booked = _history(referrals)
    keys = [name_key(p.name) for p in people]
    scored: list[tuple[float, int, int, str]] = []
    for i, p in enumerate(people):
        for j in range(i + 1, len(people)):
            q = people[j]
            if p.prof_bits & q.rival_bits or q.prof_bits & p.rival_bits:
                continue
            total = _score(p, q)
            if not total:
                continue
            note = ""
            if introduced or booked:
                pair = frozenset((keys[i], keys[j]))
                if pair in introduced:
                    total, note = total * INTRODUCED_FACTOR, "Already introduced: book a one-to-one next"
                elif pair in booked:
                    total, note = total * ONE_TO_ONE_FACTOR, "One-to-one already booked"
            scored.append((-round(total, 2), i, j, note))
    scored.sort()  # score desc, then a, then b: people are already in name order
    if limit is not None:
        scored = scored[: max(0, limit)]
    out = []
    for negative, i, j, note in scored:
        reasons = _reasons(people[i], people[j], index)[:MAX_REASONS]
        if note:
            reasons.append(note)
        out.append(Suggestion(people[i].name, people[j].name, -negative, tuple(reasons)))
    return out


def helpers_for(
    name: str, attendees: Sequence[Attendee], referrals: Sequence[Referral], knowledge: Knowledge, limit: int = 3
) -> list[Suggestion]:
    """Who in the room can help this person's ask, best first; `a` is the asker and `b` the helper."""
    index = _index_for(knowledge)
    people = _profiles(attendees, referrals, index)
    key = name_key(name)
    asker = next((p for p in people if name_key(p.name) == key), None)
    if asker is None:
        return []
    found: list[tuple[float, int, Suggestion]] = []
    for j, other in enumerate(people):
        if other is asker or asker.prof_bits & other.rival_bits or other.prof_bits & asker.rival_bits:
            continue
        scored: list[tuple[float, str]] = []
        weight = _ask_weight(asker, other)
        if weight:
            scored.append((weight, _ask_reason(asker, other, index)))
        if asker.declared_bits & other.prof_bits:  # only what serves the ask: a shared sphere alone doesn't
            scored.append((DECLARED_SPHERE, _declared_reason(asker, other, index)))
        if scored:
            scored.sort(key=lambda item: -item[0])
            total = round(sum(s for s, _ in scored), 2)
            found.append((-total, j, Suggestion(asker.name, other.name, total, tuple(r for _, r in scored))))
    found.sort(key=lambda item: item[:2])
    return [s for _, _, s in found[: max(0, limit)]]
