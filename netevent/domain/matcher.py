"""Suggest who in the room should meet whom, with the reasons a seasoned networker would give."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from netevent.domain.models import Attendee, Kind, Referral, name_key
from netevent.domain.professions import Knowledge, KnowledgeError, Profile, RoomIndex, article, index_for, set_bits

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


def _first_name(name: str) -> str:
    parts = name.split()
    return parts[0] if parts else name


def _profiles(attendees: Sequence[Attendee], referrals: Sequence[Referral], index: RoomIndex) -> list[Profile]:
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
    givers = {name_key(giver) for giver in {r.giver for r in referrals}}
    return [
        index.profile(
            p,
            _first_name(p.name) if firsts[_first_name(p.name).casefold()] == 1 else p.name,
            p.key in givers,
        )
        for p in people
    ]


def _history(referrals: Sequence[Referral]) -> tuple[set[frozenset[str]], set[frozenset[str]]]:
    """Pairs introduced (an `introduction` between them either way, or to its contact) and one-to-ones booked."""
    introduced: set[frozenset[str]] = set()
    booked: set[frozenset[str]] = set()
    keys: dict[str, str] = {}  # thousands of records name a few hundred people: normalise each name once
    key = keys.get
    introduction, one_to_one = Kind.INTRODUCTION.value, Kind.ONE_TO_ONE.value
    for record in referrals:
        giver, receiver = record.giver, record.receiver
        giver_key = key(giver) or keys.setdefault(giver, name_key(giver))
        receiver_key = key(receiver) or keys.setdefault(receiver, name_key(receiver))
        if record.kind == introduction:
            introduced.add(frozenset((giver_key, receiver_key)))
            if record.contact.strip():  # "giver introduced receiver to <contact>" when the contact is in the room
                introduced.add(frozenset((receiver_key, name_key(record.contact))))
        elif record.kind == one_to_one:
            booked.add(frozenset((giver_key, receiver_key)))
    return introduced, booked


def _ask_weight(asker: Profile, other: Profile) -> float:
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


def _ask_reason(asker: Profile, other: Profile, index: RoomIndex) -> str:
    """The sentence for the rung of `_ask_weight` that matched."""
    if asker.ask_prof_bits & other.prof_bits:
        prof = _pick(asker.ask_prof_bits & other.prof_bits, index.prof, asker.ask_prof)
        return f"{asker.short}'s ask mentions {asker.ask_prof[prof]}: {other.short} is {_what(other, prof)}"
    if asker.ask_trigger_bits & other.offer_trigger_bits:
        tid = _pick(asker.ask_trigger_bits & other.offer_trigger_bits, index.trigger, asker.ask_triggers)
        return f"{asker.short}'s ask ({asker.ask_triggers[tid]}) is who {other.short} serves"
    bits = asker.ask_sphere_bits & (other.offer_sphere_bits | other.sphere_bits)
    if bits:
        sid = _pick(bits, index.sphere, asker.ask_spheres)
        return f"{asker.short}'s ask ({asker.ask_spheres[sid]}) is who {other.short} serves"
    tid = _pick(asker.ask_trigger_bits & other.trigger_bits, index.trigger, asker.ask_triggers)
    called = [p for p in other.professions if p in index.knowledge.triggers[tid].professions]
    return f"{asker.short}'s ask ({asker.ask_triggers[tid]}) is who {other.short} meets as {_what(other, called[0])}"


def _declared_reason(owner: Profile, other: Profile, index: RoomIndex) -> str:
    prof = _pick(owner.declared_bits & other.prof_bits, index.prof, other.professions)
    return f"{other.short} is in {owner.short}'s contact sphere ({prof})"


def _shared_sphere(p: Profile, q: Profile, index: RoomIndex) -> int:
    """The sphere both belong to first (a venue is a wedding business before a hospitality one), then the narrowest."""
    key = (p.prof_bits, q.prof_bits)
    found = index.common.get(key)
    if found is None:
        kn = index.knowledge

        def place(person: Profile, sid: str) -> int:
            return min(
                kn.professions[x].spheres.index(sid) for x in person.professions if sid in kn.professions[x].spheres
            )

        shared = [index.spheres[bit] for bit in set_bits(p.sphere_bits & q.sphere_bits)]
        best = min(shared, key=lambda sid: (place(p, sid) + place(q, sid), index.sphere[sid]))
        found = index.common[key] = index.sphere[best]
    return found


def _shared_trigger(p: Profile, q: Profile, index: RoomIndex) -> int:
    """The life event that links them best: one either of them talks about, else where both are core professions."""
    shared = p.trigger_bits & q.trigger_bits
    talked = shared & (p.ask_trigger_bits | q.ask_trigger_bits | p.offer_trigger_bits | q.offer_trigger_bits)
    key = (p.prof_bits, q.prof_bits, talked or shared)
    found = index.linking.get(key)
    if found is None:
        best: tuple[int, int, int] = (1 << 30, 0, 0)
        for bit in set_bits(talked or shared):
            rank = index.rank[bit]
            here = min(rank[x] for x in p.professions if x in rank) + min(rank[x] for x in q.professions if x in rank)
            best = min(best, (here, len(rank), bit))
        found = index.linking[key] = best[2]
    return found


def _weight_desc(item: tuple[float, str]) -> float:
    return -item[0]


def _reasons(p: Profile, q: Profile, index: RoomIndex) -> list[str]:
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


# What the pair score reads of a profile: people alike in all of these score alike with everyone else.
_SCORED = attrgetter(
    "prof_bits", "rival_bits", "sphere_bits", "trigger_bits", "offer_trigger_bits", "offer_sphere_bits",
    "ask_prof_bits", "ask_trigger_bits", "ask_sphere_bits", "declared_bits", "giver",
)  # fmt: skip
_UNKNOWN = 1.0  # a table entry not worked out yet (scores are stored negated, so never positive)
# Every weight is a whole number of quarters, so a pair's sum is exact whatever the order of its terms: the pair
# read either way round scores the same, worked out once. (Other weights would still work, just twice the sums.)
_EXACT = all(
    (weight * 4).is_integer()
    for weight in (
        ASK_NAMES_PROFESSION, ASK_IN_OFFER, ASK_IN_SPHERE, ASK_IN_TRIGGER, DECLARED_SPHERE, SAME_SPHERE,
        EXTRA_SPHERE, SHARED_TRIGGER, EXTRA_TRIGGER, MAX_TRIGGER, BOTH_GIVERS,
    )
)  # fmt: skip


class _Scores:
    """Pair scores (before history) per pair of kinds of people, each worked out once when first needed.

    A room of 500 from a few dozen trades has a few dozen kinds, so 125,000 pairs cost ~2,000 sums. Entries are
    kept per ordered pair of kinds, the earlier person in name order first, so each sum is the one the pair
    itself would give (same terms in the same order, to the last bit).
    """

    def __init__(self, people: Sequence[Profile], index: RoomIndex) -> None:
        kinds: dict[tuple[Any, ...], int] = {}
        self.kind: list[int] = []  # person → kind
        self.members: list[list[int]] = []  # kind → its people, in name order
        self.samples: list[Profile] = []
        for i, person in enumerate(people):
            kind = kinds.setdefault(_SCORED(person), len(kinds))
            if kind == len(self.samples):
                self.samples.append(person)
                self.members.append([])
            self.kind.append(kind)
            self.members[kind].append(i)
        count = len(self.samples)
        self.raw = [[0.0] * count for _ in range(count)]
        self.neg = [[_UNKNOWN] * count for _ in range(count)]  # -round(score, 2), None when they are not a pair
        self._ranked: dict[int, list[tuple[float, int]]] = {}
        self.sphere_weight = [0.0] + [SAME_SPHERE + EXTRA_SPHERE * (n - 1) for n in range(1, len(index.spheres) + 1)]
        self.trigger_weight = [0.0] + [
            min(MAX_TRIGGER, SHARED_TRIGGER + EXTRA_TRIGGER * (n - 1)) for n in range(1, len(index.triggers) + 1)
        ]

    def fill(self, s: int, t: int) -> float | None:
        """Work out the entry for kinds `s` (the earlier person) and `t`; None for competitors or no reason."""
        total = _total(self.samples[s], self.samples[t], self.sphere_weight, self.trigger_weight)
        neg = -round(total, 2) if total else None
        self.raw[s][t], self.neg[s][t] = total, neg
        if _EXACT:  # the same terms summed the other way round: the same float
            self.raw[t][s], self.neg[t][s] = total, neg
        return neg

    def get(self, s: int, t: int) -> float | None:
        neg = self.neg[s][t]
        return self.fill(s, t) if neg == _UNKNOWN else neg

    def ranked(self, s: int) -> list[tuple[float, int]]:
        """The kinds that pair with kind `s`, best first by the better of the pair's two ways round."""
        found = self._ranked.get(s)
        if found is None:
            get = self.get
            found = self._ranked[s] = sorted(
                (min(n for n in (get(s, t), get(t, s)) if n is not None), t)
                for t in range(len(self.samples))
                if get(s, t) is not None or get(t, s) is not None
            )
        return found


def _total(p: Profile, q: Profile, sphere_weight: list[float], trigger_weight: list[float]) -> float:
    """How much `p` and `q` (in that order) have to talk about; 0.0 for competitors. `_reasons` says it in words."""
    p_prof, q_prof = p.prof_bits, q.prof_bits
    if p_prof & q.rival_bits or q_prof & p.rival_bits:
        return 0.0
    total = _ask_weight(p, q) + _ask_weight(q, p)
    if p.declared_bits & q_prof:
        total += DECLARED_SPHERE
    if q.declared_bits & p_prof:
        total += DECLARED_SPHERE
    total += sphere_weight[(p.sphere_bits & q.sphere_bits).bit_count()]
    total += trigger_weight[(p.trigger_bits & q.trigger_bits).bit_count()]
    if p.giver and q.giver:
        total += BOTH_GIVERS
    return total


Scored = tuple[float, int, int, str]  # (-score, a's place, b's place, history note): sorts best first, then a, b


def _all_pairs(scores: _Scores, history: dict[tuple[int, int], tuple[float, str]]) -> list[Scored]:
    """Every pair with something in common, best first."""
    kind, negs, fill = scores.kind, scores.neg, scores.fill
    out: list[Scored] = []
    for i, s in enumerate(kind):
        row = negs[s]
        for j in range(i + 1, len(kind)):
            t = kind[j]
            neg = row[t]
            if neg == _UNKNOWN:
                neg = fill(s, t)
            if neg is None:
                continue
            found = history.get((i, j)) if history else None
            if found is None:
                out.append((neg, i, j, ""))
            else:
                out.append((-round(scores.raw[s][t] * found[0], 2), i, j, found[1]))
    out.sort()
    return out


def _best_pairs(scores: _Scores, history: dict[tuple[int, int], tuple[float, str]], per_person: int) -> list[Scored]:
    """The pairs among the best `per_person` of at least one of their two people, best first.

    Exactly the pairs the full list would keep: in it, one person's pairs come by score, then by the other's
    place in name order, so each person's best few are found from the kinds that score highest with them.
    """
    kind, members, negs, get = scores.kind, scores.members, scores.neg, scores.get
    noted: dict[int, dict[int, Scored]] = {}  # person → partner → their pair, rescored by its history
    for (i, j), (factor, note) in history.items():
        if get(kind[i], kind[j]) is not None:
            item = (-round(scores.raw[kind[i]][kind[j]] * factor, 2), i, j, note)
            noted.setdefault(i, {})[j] = noted.setdefault(j, {})[i] = item
    kept: set[Scored] = set()
    for i, s in enumerate(kind):
        own = noted.get(i, {})
        candidates = [(item[0], j) for j, item in own.items()]
        plain = 0  # candidates not in `own`, the lowest scoring of them at `worst`
        worst = 0.0
        for best, t in scores.ranked(s):
            if plain >= per_person and best > worst:
                break  # every partner still to come scores less than `per_person` already found
            group = members[t]
            cut = bisect_left(group, i)
            after = cut + 1 if cut < len(group) and group[cut] == i else cut
            # partners before i pair as (them, i), those after as (i, them)
            for neg, start, stop in ((negs[t][s], 0, cut), (negs[s][t], after, len(group))):
                if neg is None or start >= stop:
                    continue
                taken = 0  # a run ties on score, so beyond its first `per_person` (by place) none can be kept
                for j in group[start:stop]:
                    if j not in own:
                        candidates.append((neg, j))
                        taken += 1
                        if taken == per_person:
                            break
                if taken:
                    worst = max(worst, neg) if plain else neg
                    plain += taken
        candidates.sort()
        for neg, j in candidates[:per_person]:
            kept.add(own.get(j) or ((neg, i, j, "") if i < j else (neg, j, i, "")))
    return sorted(kept)


def suggest(
    attendees: Sequence[Attendee],
    referrals: Sequence[Referral],
    knowledge: Knowledge,
    limit: int | None = None,
    per_person: int | None = None,
) -> list[Suggestion]:
    """Every worthwhile pair in the room, best first; never two competitors, never someone marked absent.

    `per_person` keeps only pairs among the best `per_person` of at least one of their two people: what
    summary pages show. Reasons are written only for the pairs kept, which is most of the cost in a big room.
    """
    index = index_for(knowledge)
    people = _profiles(attendees, referrals, index)
    position = {name_key(p.name): i for i, p in enumerate(people)}
    history: dict[tuple[int, int], tuple[float, str]] = {}
    introduced, booked = _history(referrals)
    for pairs, factor, note in (
        (booked, ONE_TO_ONE_FACTOR, "One-to-one already booked"),
        (introduced, INTRODUCED_FACTOR, "Already introduced: book a one-to-one next"),  # wins over a booking
    ):
        for pair in pairs:
            ends = sorted(position[k] for k in pair if k in position)
            if len(ends) == 2:
                history[(ends[0], ends[1])] = (factor, note)
    scores = _Scores(people, index)
    if per_person is None:
        scored = _all_pairs(scores, history)
    else:
        scored = _best_pairs(scores, history, per_person) if per_person > 0 else []
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
    index = index_for(knowledge)
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
