"""Contact-sphere knowledge as data (professions, synonyms, competitors, trigger events), text lookup, and profiles."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from netevent.domain.models import Attendee
from netevent.errors import UserError

_WORD = re.compile(r"[a-z0-9&]+")
_ES_ENDINGS = ("s", "x", "z", "ch", "sh")


class KnowledgeError(UserError):
    """The sphere data is malformed; the message names the field (e.g. `triggers.divorce.professions`)."""


def normalise(text: str) -> str:
    """Lower-case ASCII with the same length as `text`, so match offsets point back into the original words."""
    if text.isascii():
        return text.lower()
    out = []
    for ch in text:
        base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c)).lower()
        out.append(base if len(base) == 1 and base.isascii() else ("?" if not ch.isspace() else " "))
    return "".join(out)


def _words(term: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(normalise(term)))


def _plural(word: str) -> str:
    """The regular English plural of a word; irregular ones belong in the data as synonyms."""
    if word.endswith("man"):
        return word[:-3] + "men"
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(_ES_ENDINGS):
        return word + "es"
    return word + "s"


@dataclass(frozen=True, slots=True)
class Match:
    """One term found in a text: what it stands for and the words as written."""

    targets: frozenset[str]
    words: str


class Lexicon:
    """Multi-word terms → targets, found by whole-word lookup so "IT" never matches "bit" and plurals just work."""

    def __init__(self, terms: Mapping[str, Iterable[str]]) -> None:
        table: dict[tuple[str, ...], set[str]] = {}
        for term, targets in terms.items():
            words = _words(term)
            if not words:
                continue
            for variant in (words, (*words[:-1], _plural(words[-1]))):
                table.setdefault(variant, set()).update(targets)
        self._table = {k: frozenset(v) for k, v in table.items()}
        self._longest = max((len(k) for k in self._table), default=0)
        self._starts = frozenset(k[0] for k in self._table)

    def scan(self, text: str | Tokens) -> list[Match]:
        """Longest terms first, left to right, never overlapping."""
        tokens = text if isinstance(text, Tokens) else Tokens(text)
        words = tokens.words
        found: list[Match] = []
        i, n = 0, len(words)
        starts, table, longest = self._starts, self._table, self._longest
        while i < n:
            if words[i] in starts:
                for size in range(min(longest, n - i), 0, -1):
                    targets = table.get(tuple(words[i : i + size]))
                    if targets:
                        found.append(Match(targets, tokens.span(i, i + size)))
                        i += size
                        break
                else:
                    i += 1
            else:
                i += 1
        return found


class Tokens:
    """A text split into normalised words once, so several lexicons can scan it; spans are found only on a hit."""

    __slots__ = ("_spans", "text", "words")

    def __init__(self, text: str) -> None:
        self.text = text or ""
        self.words: list[str] = _WORD.findall(normalise(self.text)) if self.text else []
        self._spans: list[tuple[int, int]] | None = None

    def span(self, start: int, end: int) -> str:
        """The words as written from token `start` up to (not including) token `end`."""
        if self._spans is None:
            self._spans = [m.span() for m in _WORD.finditer(normalise(self.text))]
        words = self.text[self._spans[start][0] : self._spans[end - 1][1]]
        if start == 0 and words[:1].isupper() and not words.split()[0].isupper():
            words = words[0].lower() + words[1:]  # "Letting agents who…" reads as "letting agents" mid-sentence
        return words


@dataclass(frozen=True, slots=True)
class Sphere:
    id: str
    name: str
    serves: str
    professions: tuple[str, ...]
    clients: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Trigger:
    id: str
    phrase: str
    cues: tuple[str, ...]
    professions: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Profession:
    name: str
    spheres: tuple[str, ...]
    synonyms: tuple[str, ...]
    competitors: frozenset[str]  # includes the profession itself
    triggers: tuple[str, ...]


def _strings(value: Any, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise KnowledgeError(f"{where}: expected a list of strings")
    return [" ".join(v.split()).lower() for v in value if v.strip()]


def _text(table: Mapping[str, Any], key: str, where: str, default: str | None = None) -> str:
    value = table.get(key, default)
    if not isinstance(value, str) or not value.strip():
        raise KnowledgeError(f"{where}.{key}: expected some text")
    return value.strip()


@dataclass(frozen=True, eq=False)
class Knowledge:
    """Everything the matcher knows about who serves whom; build it with `Knowledge.from_dict`."""

    spheres: Mapping[str, Sphere]
    professions: Mapping[str, Profession]
    triggers: Mapping[str, Trigger]
    profession_words: Lexicon = field(repr=False)
    trigger_cues: Lexicon = field(repr=False)
    client_cues: Lexicon = field(repr=False)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Knowledge:
        """Check and index the data of `spheres.toml`; a problem raises KnowledgeError naming the field."""
        spheres_in = data.get("spheres")
        if not isinstance(spheres_in, Mapping) or not spheres_in:
            raise KnowledgeError("spheres: expected at least one [spheres.NAME] table")
        spheres: dict[str, Sphere] = {}
        prof_spheres: dict[str, list[str]] = {}
        synonyms: dict[str, list[str]] = {}
        word_owner: dict[str, str] = {}
        clients: dict[str, set[str]] = {}
        for sid, table in spheres_in.items():
            where = f"spheres.{sid}"
            if not isinstance(table, Mapping):
                raise KnowledgeError(f"{where}: expected a table")
            profs = table.get("professions", {})
            if not isinstance(profs, Mapping) or not profs:
                raise KnowledgeError(f"{where}.professions: expected a table of profession = [synonyms]")
            names = []
            for raw_name, syns in profs.items():
                name = " ".join(raw_name.split()).lower()
                names.append(name)
                prof_spheres.setdefault(name, [])
                if sid not in prof_spheres[name]:
                    prof_spheres[name].append(sid)
                for word in [name, *_strings(syns, f"{where}.professions.{raw_name}")]:
                    owner = word_owner.setdefault(word, name)
                    if owner != name:
                        raise KnowledgeError(f"{where}.professions.{raw_name}: {word!r} already means {owner!r}")
                    if word != name and word not in synonyms.setdefault(name, []):
                        synonyms[name].append(word)
            cue_list = _strings(table.get("clients", []), f"{where}.clients")
            for cue in cue_list:
                clients.setdefault(cue, set()).add(sid)
            spheres[sid] = Sphere(
                sid, _text(table, "name", where, sid), _text(table, "serves", where), tuple(names), tuple(cue_list)
            )

        rivals: dict[str, set[str]] = {name: {name} for name in prof_spheres}
        groups = data.get("competitors", {}).get("groups", [])
        if not isinstance(groups, list):
            raise KnowledgeError("competitors.groups: expected a list of lists of professions")
        for i, group in enumerate(groups):
            members = _strings(group, f"competitors.groups[{i}]")
            for name in members:
                if name not in rivals:
                    raise KnowledgeError(f"competitors.groups[{i}]: {name!r} is not a profession in any sphere")
                rivals[name].update(members)

        triggers: dict[str, Trigger] = {}
        cues: dict[str, set[str]] = {}
        prof_triggers: dict[str, list[str]] = {name: [] for name in prof_spheres}
        triggers_in = data.get("triggers", {})
        if not isinstance(triggers_in, Mapping):
            raise KnowledgeError("triggers: expected [triggers.NAME] tables")
        for tid, table in triggers_in.items():
            where = f"triggers.{tid}"
            if not isinstance(table, Mapping):
                raise KnowledgeError(f"{where}: expected a table")
            profs = _strings(table.get("professions", []), f"{where}.professions")
            for name in profs:
                if name not in prof_spheres:
                    raise KnowledgeError(f"{where}.professions: {name!r} is not a profession in any sphere")
                prof_triggers[name].append(tid)
            cue_list = _strings(table.get("cues", []), f"{where}.cues")
            for cue in cue_list:
                cues.setdefault(cue, set()).add(tid)
            triggers[tid] = Trigger(tid, _text(table, "phrase", where), tuple(cue_list), tuple(profs))

        professions = {
            name: Profession(
                name, tuple(sids), tuple(synonyms.get(name, ())), frozenset(rivals[name]), tuple(prof_triggers[name])
            )
            for name, sids in prof_spheres.items()
        }
        return cls(
            spheres=spheres,
            professions=professions,
            triggers=triggers,
            profession_words=Lexicon({word: {owner} for word, owner in word_owner.items()}),
            trigger_cues=Lexicon(cues),
            client_cues=Lexicon(clients),
        )

    def classify(self, text: str) -> set[str]:
        """The canonical professions a free text names ("Realtors in Leeds" → {"estate agent"})."""
        return {target for match in self.profession_words.scan(text) for target in match.targets}

    def triggers_in(self, text: str) -> set[str]:
        """The trigger events a text points at ("couples going through a divorce" → {"divorce"})."""
        return {target for match in self.trigger_cues.scan(text) for target in match.targets}

    def client_spheres_in(self, text: str) -> set[str]:
        """The spheres whose clients a text describes ("dog owners" → {"pets"})."""
        return {target for match in self.client_cues.scan(text) for target in match.targets}

    def competes(self, one: str, other: str) -> bool:
        """Whether two canonical professions chase the same work (a profession always competes with itself)."""
        prof = self.professions.get(one)
        return one == other or (prof is not None and other in prof.competitors)


# ---------------------------------------------------------------- one attendee, read once

_VOWEL_LETTERS = frozenset("AEFHILMNORSX")  # initialisms said with a vowel first: "an HR consultant", "an IFA"


@dataclass(slots=True)
class Profile:
    """One attendee read against the knowledge once, so comparing two people is only integer bit arithmetic."""

    name: str
    short: str
    what: str  # "a conveyancing solicitor": their profession as they wrote it, with its article, for reasons
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


def article(noun: str) -> str:
    first = noun.split()[0] if noun.split() else noun
    initialism = first.isupper() and len(first) <= 4
    vowel = first[0] in _VOWEL_LETTERS if initialism else first[:1].lower() in "aeiou"
    return f"an {noun}" if vowel else f"a {noun}"


def _running_case(text: str) -> str:
    """ "Letting agent" reads as "letting agent" mid-sentence; "IT support" keeps its capitals."""
    if text[:1].isupper() and not text.split()[0].isupper():
        return text[0].lower() + text[1:]
    return text


def _bits(names: Iterable[str], index: dict[str, int]) -> int:
    value = 0
    for name in names:
        bit = index.get(name)
        if bit is not None:
            value |= 1 << bit
    return value


def set_bits(value: int) -> Iterable[int]:
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


class RoomIndex:
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

    def profile(self, person: Attendee, short: str, giver: bool) -> Profile:
        kn = self.knowledge
        profs = self.read(person.profession)[0] or self.read(person.business)[0]
        ordered = tuple(sorted(profs))
        spheres = {sid for p in ordered for sid in kn.professions[p].spheres}
        triggers = {tid for p in ordered for tid in kn.professions[p].triggers}
        _, offer_triggers, offer_spheres = self.read(person.offer)
        ask_prof, ask_triggers, ask_spheres = self.read(person.ask)
        declared = {p for entry in person.sphere for p in self.read(entry)[0]}
        written = " ".join(person.profession.split())
        return Profile(
            name=person.name,
            short=short,
            what=article(_running_case(written)) if len(ordered) == 1 and self.read(person.profession)[0] else "",
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
