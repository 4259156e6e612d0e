"""Suggest who in the room should meet whom, with the reasons a seasoned networker would give.

A plain loop over every pair: each link between two people is a weight and a sentence, the score is the sum of
the weights. Links through a generic pool ("both serve small businesses") are capped below any specific link,
so a pair joined only by them never outranks one sharing a real client pool, life event or ask. The list is then
spread the way a coach works a room: someone's further pairs step down for each introduction they already have.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from netevent.domain.models import Attendee, Kind, Referral, name_key
from netevent.domain.professions import Knowledge, KnowledgeError
from netevent.domain.profiles import Profile, RoomIndex, article, index_for, lowest_bit

__all__ = ["Knowledge", "KnowledgeError", "Suggestion", "helpers_for", "suggest", "unrecognised"]

# Weights: what the asker said they want counts most, then shared clients, then shared life events.
ASK_NAMES_PROFESSION = 3.0  # "I want to meet mortgage brokers" and the other is one
ASK_IN_OFFER = 2.5  # the ask's life event is one the other's offer says they serve
ASK_IN_SPHERE = 2.0  # the ask describes the clients of the other's pool ("dog owners")
ASK_IN_TRIGGER = 1.5  # the ask's life event is one the other's profession is called to
DECLARED_SPHERE = 2.0  # the other's profession is in the contact sphere this person listed
SAME_SPHERE = 2.0
EXTRA_SPHERE = 0.25  # sharing two pools (bookkeeper and bank: money and small business) means more overlap
SHARED_TRIGGER = 1.0
EXTRA_TRIGGER = 0.25
MAX_TRIGGER = 2.0
POWER_TEAM = 1.0  # their trades are in one power team (realtor and loan officer): they pass work both ways
SAME_ASK = 1.5  # both asks look for the same clients or the same moment: they can swap those introductions
GENERIC = 0.5  # a link through a generic pool
BOTH_GIVERS = 0.5
GENERIC_CAP = 0.75  # the most generic links add up to: alone, below SHARED_TRIGGER, the weakest specific link
INTRODUCED_FACTOR = 0.25  # already introduced tonight: keep, but well down the list
ONE_TO_ONE_FACTOR = 0.5  # they have already booked time together
MAX_REASONS = 4  # a projected screen has room for a few; the score counts them all
SPREAD = 0.8  # a pair's place in the list, for each introduction either person already has above it
SPREAD_PER_PERSON = 4  # the head of the list that is spread: a few introductions a person, as a coach would make


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A proposed introduction; in `suggest` results `a` < `b` so output is stable."""

    a: str
    b: str
    score: float
    reasons: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"a": self.a, "b": self.b, "score": self.score, "reasons": list(self.reasons)}


Link = tuple[float, bool, str]  # (weight, specific?, sentence)


_TITLES = frozenset({"dr", "mr", "mrs", "ms", "miss", "mx", "prof", "sir", "dame", "rev", "fr"})


def _first_name(name: str) -> str:
    """ "Dr Amy Chen" is Amy in a reason, not "Dr"."""
    parts = name.split()
    while len(parts) > 1 and parts[0].rstrip(".").casefold() in _TITLES:
        parts = parts[1:]
    return parts[0] if parts else name


def _present(attendees: Sequence[Attendee]) -> list[Attendee]:
    """Everyone not absent, once each, in alphabetical order so pair (i < j) already has a before b."""
    seen: set[str] = set()
    people: list[Attendee] = []
    for person in attendees:
        if person.is_absent or not person.name.strip() or person.key in seen:
            continue
        seen.add(person.key)
        people.append(person)
    people.sort(key=lambda p: (p.name.casefold(), p.name))
    return people


def _profiles(attendees: Sequence[Attendee], referrals: Sequence[Referral], index: RoomIndex) -> list[Profile]:
    people = _present(attendees)
    firsts: dict[str, int] = {}
    for person in people:
        first = _first_name(person.name).casefold()
        firsts[first] = firsts.get(first, 0) + 1
    givers = {name_key(r.giver) for r in referrals}
    return [
        index.profile(
            p, _first_name(p.name) if firsts[_first_name(p.name).casefold()] == 1 else p.name, p.key in givers
        )
        for p in people
    ]


def _history(referrals: Sequence[Referral]) -> dict[str, dict[str, tuple[float, str]]]:
    """Pairs introduced (an `introduction` between them either way, or to its contact) and one-to-ones booked."""
    booked: set[frozenset[str]] = set()
    introduced: set[frozenset[str]] = set()
    for record in referrals:
        pair = frozenset((name_key(record.giver), name_key(record.receiver)))
        if record.kind == Kind.INTRODUCTION.value:
            introduced.add(pair)
            if record.contact.strip():  # "giver introduced receiver to <contact>" when the contact is in the room
                introduced.add(frozenset((name_key(record.receiver), name_key(record.contact))))
        elif record.kind == Kind.ONE_TO_ONE.value:
            booked.add(pair)
    history: dict[str, dict[str, tuple[float, str]]] = {}  # person → other person → (factor, reason), both ways
    for pairs, found in (
        (booked, (ONE_TO_ONE_FACTOR, "One-to-one already booked")),
        (introduced, (INTRODUCED_FACTOR, "Already introduced: book a one-to-one next")),
    ):
        for pair in pairs:  # introductions come second: they win over a booking
            names = sorted(pair)  # one name when someone is recorded with themselves
            one, other = names[0], names[-1]
            history.setdefault(one, {})[other] = history.setdefault(other, {})[one] = found
    return history


def _pick(bits: int, positions: dict[str, int], preferred: Iterable[str]) -> str:
    """The first of `preferred` (in the order the person wrote them) whose bit is set."""
    for name in preferred:
        bit = positions.get(name)
        if bit is not None and bits >> bit & 1:
            return name
    raise AssertionError("no preferred name has its bit set")  # callers only ask when the bits overlap


def _what(person: Profile, prof: str) -> str:
    """ "a conveyancing solicitor": their own words for the profession when they gave one, else the data's name."""
    return person.what or article(prof)


def _ask_link(asker: Profile, other: Profile, index: RoomIndex) -> Link | None:
    """How well `other` answers `asker`'s ask: the first rung of the ladder that matches, in words."""
    if asker.ask_prof_bits & other.prof_bits:
        prof = _pick(asker.ask_prof_bits & other.prof_bits, index.prof, asker.ask_prof)
        text = f"{asker.short}'s ask mentions {asker.ask_prof[prof]}: {other.short} is {_what(other, prof)}"
        return ASK_NAMES_PROFESSION, True, text
    if asker.ask_trigger_bits & other.offer_trigger_bits:
        tid = _pick(asker.ask_trigger_bits & other.offer_trigger_bits, index.trigger, asker.ask_triggers)
        return ASK_IN_OFFER, True, f"{asker.short}'s ask ({asker.ask_triggers[tid]}) is who {other.short} serves"
    pools = asker.ask_sphere_bits & other.sphere_bits
    if pools & ~index.generic_bits:
        sid = _pick(pools & ~index.generic_bits, index.sphere, asker.ask_spheres)
        return ASK_IN_SPHERE, True, f"{asker.short}'s ask ({asker.ask_spheres[sid]}) is who {other.short} serves"
    events = asker.ask_trigger_bits & other.trigger_bits
    if events:
        # a generic moment ("start-ups") is met by nearly every business trade: a link only if nothing better
        specific = bool(events & ~index.generic_trigger_bits)
        tid = _pick(events & ~index.generic_trigger_bits or events, index.trigger, asker.ask_triggers)
        called = [p for p in other.professions if p in index.knowledge.triggers[tid].professions]
        meets = f"meets as {_what(other, called[0])}" if called else "serves"
        text = f"{asker.short}'s ask ({asker.ask_triggers[tid]}) is who {other.short} {meets}"
        if specific or not pools:
            return (ASK_IN_TRIGGER if specific else GENERIC), specific, text
    if pools:
        sid = _pick(pools, index.sphere, asker.ask_spheres)
        return GENERIC, False, f"{asker.short}'s ask ({asker.ask_spheres[sid]}) is who {other.short} serves"
    return None


def _declared_link(owner: Profile, other: Profile, index: RoomIndex) -> Link:
    """`other` is in the contact sphere `owner` listed (callers check `owner.declared_bits & other.prof_bits`)."""
    prof = _pick(owner.declared_bits & other.prof_bits, index.prof, other.professions)
    return DECLARED_SPHERE, True, f"{other.short} is in {owner.short}'s contact sphere ({prof})"


def _links(p: Profile, q: Profile, index: RoomIndex) -> list[Link]:
    """Every link between two people who don't compete, strongest first (ties keep this order)."""
    links: list[Link] = []
    # cheap bit tests before any call: in a big room most pairs have nothing in each other's ask
    for asker, other in ((p, q), (q, p)):
        if (
            asker.ask_prof_bits & other.prof_bits
            or asker.ask_trigger_bits & other.trigger_bits
            or (asker.ask_sphere_bits & other.sphere_bits)
        ):
            link = _ask_link(asker, other, index)
            if link:
                links.append(link)
        if asker.declared_bits & other.prof_bits:
            links.append(_declared_link(asker, other, index))
    shared = p.sphere_bits & q.sphere_bits
    specific = shared & ~index.generic_bits
    if specific:
        weight = SAME_SPHERE + EXTRA_SPHERE * (specific.bit_count() - 1)
        core = specific & p.trade_sphere_bits & q.trade_sphere_bits  # what their trades share says it best
        links.append((weight, True, f"Both serve {index.serves[lowest_bit(core or specific)]}"))
    elif shared:
        links.append((GENERIC, False, f"Both serve {index.serves[lowest_bit(shared)]}"))
    events = p.trigger_bits & q.trigger_bits
    talked = events & (p.ask_trigger_bits | q.ask_trigger_bits | p.offer_trigger_bits | q.offer_trigger_bits)
    plain = events & ~index.generic_trigger_bits | talked  # a generic moment counts once an ask or offer names it
    if plain:
        asked = events & p.ask_trigger_bits & q.ask_trigger_bits  # both asks are after a moment both meet
        swap = SAME_ASK if asked else 0.0  # they can swap those introductions
        weight = min(MAX_TRIGGER, SHARED_TRIGGER + swap + EXTRA_TRIGGER * (plain.bit_count() - 1))
        links.append((weight, True, f"Both see {index.phrases[lowest_bit(asked or talked or plain)]}"))
    elif events:
        links.append((GENERIC, False, f"Both see {index.phrases[lowest_bit(events)]}"))
    same_events = p.ask_trigger_bits & q.ask_trigger_bits & ~events
    same_pools = p.ask_sphere_bits & q.ask_sphere_bits & ~index.generic_bits & ~specific
    if same_events:
        links.append((SAME_ASK, True, f"Both ask for {index.phrases[lowest_bit(same_events)]}"))
    elif same_pools:
        links.append((SAME_ASK, True, f"Both ask to meet {index.serves[lowest_bit(same_pools)]}"))
    if p.partner_bits & q.prof_bits:
        mine = _pick(q.partner_bits & p.prof_bits, index.prof, p.professions)
        theirs = _pick(p.partner_bits & q.prof_bits, index.prof, q.professions)
        text = f"Power team: {_what(p, mine)} and {_what(q, theirs)} pass each other work"
        links.append((POWER_TEAM, True, text))
    if p.giver and q.giver:
        links.append((BOTH_GIVERS, False, "Both active givers this meeting"))
    if len(links) > 1:
        links.sort(key=lambda link: -link[0])
    return links


def _score(links: list[Link]) -> float:
    """Specific links add up; generic ones add at most GENERIC_CAP, with or without a specific link beside them."""
    specific = generic = 0.0
    for weight, is_specific, _ in links:
        if is_specific:
            specific += weight
        else:
            generic += weight
    return specific + min(generic, GENERIC_CAP)


def _competes(p: Profile, q: Profile) -> bool:
    return bool(p.prof_bits & q.rival_bits or q.prof_bits & p.rival_bits)


def _best_of_each(ranked: list[Suggestion], per_person: int) -> list[Suggestion]:
    """The pairs among the best `per_person` of at least one of their two people, in the list's order."""
    seen: dict[str, int] = {}
    kept = []
    for s in ranked:
        if seen.get(s.a, 0) < per_person or seen.get(s.b, 0) < per_person:
            kept.append(s)
        seen[s.a] = seen.get(s.a, 0) + 1
        seen[s.b] = seen.get(s.b, 0) + 1
    return kept


def _spread(scored: list[tuple[bool, float, int, int, Suggestion]], people: int) -> list[Suggestion]:
    """Best first, the way a coach works a room: each introduction someone already has above moves their next pairs
    down (by SPREAD), so the top ten meet ten different needs rather than one realtor's four partners. Pairs joined
    only by generic links stay below every specific pair. Only the head of the list (SPREAD_PER_PERSON pairs a
    person) is spread; the long tail nobody reads stays in score order.

    A pair's place only falls, so a pair popped with an up-to-date place is the best left; a stale one goes back
    with its new place.
    """
    scored.sort(key=lambda item: (item[0], -item[1], item[2], item[3]))
    size = SPREAD_PER_PERSON * people
    seen = [0] * people
    heap = [(generic, -score, i, j, 0, s) for generic, score, i, j, s in scored[:size]]
    heapq.heapify(heap)
    ranked: list[Suggestion] = []
    while heap:
        generic, _, i, j, stamp, s = heapq.heappop(heap)
        now = seen[i] + seen[j]
        if now != stamp:
            heapq.heappush(heap, (generic, -s.score * SPREAD**now, i, j, now, s))
            continue
        ranked.append(s)
        seen[i] += 1
        seen[j] += 1
    ranked.extend(item[4] for item in scored[size:])
    return ranked


def suggest(
    attendees: Sequence[Attendee],
    referrals: Sequence[Referral],
    knowledge: Knowledge,
    limit: int | None = None,
    per_person: int | None = None,
) -> list[Suggestion]:
    """Every worthwhile pair in the room, best first and spread (see `_spread`); never two competitors, never
    someone marked absent.

    `per_person` keeps only pairs among the first `per_person` of at least one of their two people: what summary
    pages show.
    """
    index = index_for(knowledge)
    people = _profiles(attendees, referrals, index)
    history = _history(referrals)
    keys = [name_key(p.name) for p in people]
    scored: list[tuple[bool, float, int, int, Suggestion]] = []
    for i, p in enumerate(people):
        met = history.get(keys[i], {})
        for j in range(i + 1, len(people)):
            q = people[j]
            if p.prof_bits & q.rival_bits or q.prof_bits & p.rival_bits:  # never suggest two competitors
                continue
            links = _links(p, q, index)
            if not links:
                continue
            score = _score(links)
            generic = not any(is_specific for _, is_specific, _ in links)
            reasons = [text for _, _, text in links[:MAX_REASONS]]
            found = met.get(keys[j]) if met else None
            if found:
                score *= found[0]
                reasons.append(found[1])
            score = round(score, 2)
            scored.append((generic, score, i, j, Suggestion(p.name, q.name, score, tuple(reasons))))
    ranked = _spread(scored, len(people))
    if per_person is not None:
        ranked = _best_of_each(ranked, per_person) if per_person > 0 else []
    return ranked if limit is None else ranked[: max(0, limit)]


def helpers_for(
    name: str, attendees: Sequence[Attendee], referrals: Sequence[Referral], knowledge: Knowledge, limit: int = 3
) -> list[Suggestion]:
    """Who in the room can help this person's ask, best first; `a` is the asker and `b` the helper."""
    index = index_for(knowledge)
    people = _profiles(attendees, referrals, index)
    key = name_key(name)
    asker = next((p for p in people if name_key(p.name) == key), None)
    if asker is None:
        return []
    found: list[tuple[float, int, Suggestion]] = []
    for j, other in enumerate(people):
        if other is asker or _competes(asker, other):
            continue
        # only what serves the ask counts here, and only specifically: a shared pool alone doesn't
        ask = _ask_link(asker, other, index)
        links = [ask] if ask and ask[1] else []
        if asker.declared_bits & other.prof_bits:
            links.append(_declared_link(asker, other, index))
        if links:
            links.sort(key=lambda link: -link[0])
            total = round(sum(weight for weight, _, _ in links), 2)
            found.append((-total, j, Suggestion(asker.name, other.name, total, tuple(t for _, _, t in links))))
    found.sort(key=lambda item: item[:2])
    return [s for _, _, s in found[: max(0, limit)]]


def unrecognised(attendees: Sequence[Attendee], knowledge: Knowledge) -> list[Attendee]:
    """Attendees whose profession (and business) names nothing in the data: they match by ask and offer words only."""
    index = index_for(knowledge)
    return [p for p in _present(attendees) if p.profession.strip() and not index.profile(p, p.name, False).known]
