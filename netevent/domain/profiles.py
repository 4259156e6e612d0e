"""One attendee read against the profession knowledge once, as bit sets, so comparing two people in the
matcher's pair loop is mostly integer arithmetic."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from netevent.domain.lexicon import Match, Tokens, running_case
from netevent.domain.models import Attendee
from netevent.domain.professions import Knowledge

# what an offer says after "for" is whom it serves, and what it bills is who pays: neither is a service it offers
_FOR = re.compile(r"\bfor\b|\b(?:billing|billed|bills)\s+(?:to|through|via)\b", re.IGNORECASE)  # "billing to insurers"
_VOWEL_LETTERS = frozenset("AEFHILMNORSX")  # initialisms said with a vowel first: "an HR consultant", "an IFA"
_JOINS = frozenset({"and", "&", "or", "plus"})  # stems of the words that join two trades in one profession field
_POSSESSIVES = frozenset({"their", "its", "his", "her", "our", "your", "my"})


@dataclass(slots=True)
class Profile:
    """One attendee read against the knowledge once, so comparing two people is mostly integer bit arithmetic."""

    name: str
    short: str
    what: str  # "a conveyancing solicitor": their profession as they wrote it, with its article, for reasons
    known: bool  # their profession (or business) names one in the data
    professions: tuple[str, ...]
    prof_bits: int
    rival_bits: int
    partner_bits: int  # the professions in their power teams
    sphere_bits: int  # the client pools they serve: their profession's, and any their offer names
    trade_sphere_bits: int  # their profession's own pools: the ones a reason names first
    trigger_bits: int  # the events they are called to: their profession's, and any their offer names
    offer_trigger_bits: int
    ask_prof: dict[str, str]  # canonical profession → the words of the ask that named it
    ask_triggers: dict[str, str]
    ask_spheres: dict[str, str]
    ask_prof_bits: int
    ask_trigger_bits: int
    ask_sphere_bits: int
    declared_bits: int  # professions in the contact sphere they listed
    giver: bool


def article(noun: str) -> str:
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


def lowest_bit(value: int) -> int:
    """The position of the lowest set bit of a non-zero value."""
    return (value & -value).bit_length() - 1


def _trade(tokens: Tokens, matches: list[Match]) -> list[Match]:
    """Trade names written side by side are one trade: the last when it ends the name ("restaurant accountant" is an
    accountant, "dental marketing agency" a marketing agency), else the first, whose job title follows ("retirement
    residence marketing manager" works for the residence). Names set apart ("accountant / bookkeeper") all count,
    except one that only describes the word after it ("lawyer, retirement village contracts" is no village).
    What follows "for" is whom the trade serves ("linen service for B&Bs" is no B&B)."""
    words = tokens.words
    if "for" in words:
        cut = words.index("for")
        matches = [m for m in matches if m.start < cut]
    if len(matches) < 2:
        return matches
    for before, after in pairwise(matches):
        if after.start != before.end or not tokens.spaced(after.start):
            starts = {m.start for m in matches}
            trades = [m for m in matches if not _describes_next(tokens, m, starts)]
            return trades or matches
    return [matches[-1] if matches[-1].end == len(words) else matches[0]]


def _describes_next(tokens: Tokens, match: Match, starts: set[int]) -> bool:
    """Whether a trade name is followed, across a space, by a word that is neither a trade nor "and"/"or"."""
    end = match.end
    if end >= len(tokens.words) or end in starts or not tokens.spaced(end):
        return False
    return tokens.words[end] not in _JOINS


def _named(tokens: Tokens, matches: list[Match]) -> list[Match]:
    """Trade names a text asks for: one after "for their" is what the text's people use ("a styled shoot for their
    marketing", "photos for their website"), not a trade they want to meet."""
    raw = tokens.raw
    return [m for m in matches if not (m.start >= 2 and raw[m.start - 1] in _POSSESSIVES and raw[m.start - 2] == "for")]


def _first_words(matches: Iterable[Match]) -> dict[str, str]:
    out: dict[str, str] = {}
    for match in matches:
        for target in sorted(match.targets):
            out.setdefault(target, match.words)
    return out


Reading = tuple[dict[str, str], dict[str, str], dict[str, str]]


class RoomIndex:
    """Bit positions for one Knowledge's professions, spheres and triggers, and a cache of read texts.

    Sphere and trigger bits run from the most specific (fewest professions) up, so the lowest bit two people
    share is the one that says most about them; generic spheres and triggers come last of all.
    """

    def __init__(self, knowledge: Knowledge) -> None:
        self.knowledge = kn = knowledge
        self.profs = sorted(kn.professions)
        self.prof = {name: i for i, name in enumerate(self.profs)}
        self.spheres = sorted(kn.spheres, key=lambda s: (kn.spheres[s].generic, len(kn.spheres[s].professions), s))
        self.sphere = {sid: i for i, sid in enumerate(self.spheres)}
        self.generic_bits = _bits((s for s in self.spheres if kn.spheres[s].generic), self.sphere)
        self.triggers = sorted(kn.triggers, key=lambda t: (kn.triggers[t].generic, len(kn.triggers[t].professions), t))
        self.trigger = {tid: i for i, tid in enumerate(self.triggers)}
        self.generic_trigger_bits = _bits((t for t in self.triggers if kn.triggers[t].generic), self.trigger)
        self.serves = [kn.spheres[sid].serves for sid in self.spheres]
        self.phrases = [kn.triggers[tid].phrase for tid in self.triggers]
        self._texts: dict[str, Reading] = {}
        self._trades: dict[str, dict[str, str]] = {}  # profession and business fields, read once each

    def read(self, text: str) -> Reading:
        """Professions, trigger events and client spheres a text names, each with the words that named it."""
        cached = self._texts.get(text)
        if cached is None:
            kn = self.knowledge
            tokens = Tokens(text)
            cached = (
                _first_words(_named(tokens, kn.profession_words.scan(tokens))),
                _first_words(kn.trigger_cues.scan(tokens)),
                _first_words(kn.client_cues.scan(tokens)),
            )
            if len(self._texts) > 20_000:
                self._texts.clear()
            self._texts[text] = cached
        return cached

    def trade(self, text: str) -> tuple[dict[str, str], str]:
        """The professions a profession field names, each with its words (see `_trade`), and the rest of its words:
        whom the trade serves ("restaurant accountant", "lawyer, retirement village contracts", "IT for clinics")."""
        found = self._trades.get(text)
        if found is None:
            if len(self._trades) > 20_000:
                self._trades.clear()
            tokens = Tokens(text)
            kept = _trade(tokens, self.knowledge.profession_words.scan(tokens))
            found = self._trades[text] = (_first_words(kept), tokens.outside(kept))
        return found

    def _ask(self, ask: str, own: tuple[str, ...]) -> Reading:
        """What an ask names, less the asker's own trade: "parents looking for a dentist", from a dentist, asks for
        parents, not for dentists or dental practices."""
        named, triggers, spheres = self.read(ask)
        if not own or not (named.keys() & set(own)):
            return named, triggers, spheres
        mine = set(own)
        named = {p: w for p, w in named.items() if p not in mine}
        spheres = {s: w for s, w in spheres.items() if not (self.read(w)[0].keys() and self.read(w)[0].keys() <= mine)}
        return named, triggers, spheres

    def profile(self, person: Attendee, short: str, giver: bool) -> Profile:
        kn = self.knowledge
        named, rest = self.trade(person.profession)
        ordered = tuple(sorted(named or self.trade(person.business)[0]))
        _, offer_triggers, offer_spheres = self.read(person.offer)
        _, rest_triggers, rest_spheres = self.read(rest)  # the clients or moment the profession field names
        offer_triggers = {**rest_triggers, **offer_triggers}
        offer_spheres = {**rest_spheres, **offer_spheres}
        offer_profs = self.read(_FOR.split(person.offer, maxsplit=1)[0])[0]  # "IT support for dental practices"
        ask_prof, ask_triggers, ask_spheres = self._ask(person.ask, ordered)
        # a service the offer names ("conveyancing, wills and probate") brings that service's clients too
        serves = [*ordered, *offer_profs]
        spheres = {sid for p in serves for sid in kn.professions[p].spheres} | set(offer_spheres)
        triggers = {tid for p in ordered for tid in kn.professions[p].triggers} | set(offer_triggers)
        declared = {p for entry in person.sphere for p in self.read(entry)[0]}
        written = " ".join(person.profession.split())
        return Profile(
            name=person.name,
            short=short,
            what=article(running_case(written)) if len(ordered) == 1 and named else "",
            known=bool(ordered),
            professions=ordered,
            prof_bits=_bits(ordered, self.prof),
            rival_bits=_bits((r for p in ordered for r in kn.professions[p].competitors), self.prof),
            partner_bits=_bits((r for p in ordered for r in kn.professions[p].partners), self.prof),
            sphere_bits=_bits(spheres, self.sphere),
            trade_sphere_bits=_bits((sid for p in ordered for sid in kn.professions[p].spheres), self.sphere),
            trigger_bits=_bits(triggers, self.trigger),
            offer_trigger_bits=_bits(offer_triggers, self.trigger),
            ask_prof=ask_prof,
            ask_triggers=ask_triggers,
            ask_spheres=ask_spheres,
            ask_prof_bits=_bits(ask_prof, self.prof),
            ask_trigger_bits=_bits(ask_triggers, self.trigger),
            ask_sphere_bits=_bits(ask_spheres, self.sphere),
            declared_bits=_bits(declared, self.prof),
            giver=giver,
        )


_INDEX_CACHE: dict[int, tuple[Knowledge, RoomIndex]] = {}


def index_for(knowledge: Knowledge) -> RoomIndex:
    """One index per Knowledge object: the app asks again and again with the same knowledge."""
    cached = _INDEX_CACHE.get(id(knowledge))
    if cached is None or cached[0] is not knowledge:
        if len(_INDEX_CACHE) > 8:
            _INDEX_CACHE.clear()
        cached = (knowledge, RoomIndex(knowledge))
        _INDEX_CACHE[id(knowledge)] = cached
    return cached[1]
