"""The ask check's vocabulary as the reader uses it: a phrase table and word sets, built from the data file."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

# Words as the check sees them: letters and digits with inner apostrophes, and the signs that matter ("&", money).
TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|[&£$€]")

# The kinds of phrase in the table, highest priority first: when the same words are listed under two kinds,
# the earlier kind keeps them.
KINDS = (
    "lead",
    "anyone",
    "generic",
    "suffix",
    "role",
    "owner",
    "group",
    "business",
    "trade",
    "place",
    "size",
    "moment",
    "need",
    "trait",
    "when",
    "hedge",
    "self",
    "self-after",
    "service",
)
WHO = ("named", "role", "owner", "business", "trade", "group")
NARROWING = ("place", "size", "moment", "need")


def words_of(text: str) -> tuple[str, ...]:
    """A phrase's words as the table keys them: lower case, straight apostrophes."""
    return tuple(m.group().lower().replace("’", "'") for m in TOKEN.finditer(text))


def plural_forms(word: str) -> set[str]:
    """The word and the plurals an ask may use for it ("agency" → "agencies", "church" → "churches")."""
    forms = {word, word + "s"}
    if word.endswith(("s", "x", "ch", "sh")):
        forms.add(word + "es")
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        forms.add(word[:-1] + "ies")
    if word.endswith("man"):
        forms.add(word[:-3] + "men")
    if word.endswith("'s"):
        forms.add(word[:-2] + "s'")
    return forms


def _cue_forms(cues: Iterable[str]) -> frozenset[str]:
    """Audience cues as the reader counts them: words as the table keys them, with their plurals ("pensions")."""
    out = set()
    for cue in cues:
        key = words_of(cue)
        if key:
            out.update(" ".join((*key[:-1], last)) for last in plural_forms(key[-1]))
    return frozenset(out)


@dataclass(frozen=True)
class Say:
    """How one finding code speaks: its message, its advice for each kind of ask, and its rewrite prompt."""

    message: str
    suggestion: str = ""
    consumer: str = ""
    business: str = ""
    prompt: str = ""

    def advice(self, audience: str) -> str:
        """The suggestion that fits this kind of ask: consumer asks never get business advice."""
        if audience == "consumer" and self.consumer:
            return self.consumer
        if audience == "business" and self.business:
            return self.business
        return self.suggestion


# A phrase: its words, and its kind.
Phrase = tuple[tuple[str, ...], str]


@dataclass(frozen=True)
class AskRules:
    """Everything the ask check reads with, built once per rules file."""

    phrases: dict[str, tuple[Phrase, ...]]  # first word → phrases starting with it, longest first
    place_names: dict[str, tuple[tuple[str, ...], ...]]
    size_units: frozenset[str]
    number_words: frozenset[str]
    place_prepositions: frozenset[str]
    name_cues: frozenset[str]
    known_words: frozenset[str]
    not_names: frozenset[str]
    tools: frozenset[str]
    connectors: frozenset[str]
    fillers: frozenset[str]
    consumer_cues: frozenset[str]
    business_cues: frozenset[str]
    life_events: frozenset[str]
    english: frozenset[str]
    person_words: frozenset[str]
    organisation_nouns: frozenset[str]
    qualities: frozenset[str]
    one_person: frozenset[str]
    events: frozenset[str]
    subjects: frozenset[str]
    moves: frozenset[str]
    listen: dict[tuple[str, ...], str]
    say: dict[str, Say]
    too_short_words: int = 2
    too_long_words: int = 70
    list_targets: int = 3
    lead_ins: tuple[tuple[str, ...], ...] = field(default=())

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> AskRules:
        """Build the rules from the data file's tables (a missing table is simply empty)."""
        who, narrow, blur, words = (dict(data.get(k, {})) for k in ("who", "narrow", "blur", "words"))
        lists: dict[str, Iterable[str]] = {
            "lead": blur.get("lead", []),
            "anyone": blur.get("anyone", []),
            "generic": blur.get("generic", []),
            "suffix": who.get("company_suffixes", []),
            "role": who.get("role", []),
            "owner": who.get("owner", []),
            "group": who.get("group", []),
            "business": who.get("business", []),
            "trade": who.get("trade", []),
            "place": narrow.get("place", []),
            "size": narrow.get("size", []),
            "moment": narrow.get("moment", []),
            "need": narrow.get("need", []),
            "trait": narrow.get("trait", []),
            "when": narrow.get("when", []),
            "hedge": narrow.get("hedges", []),
            "self": narrow.get("self_cues", []),
            "self-after": narrow.get("self_after_cues", []),
            "service": narrow.get("service_cues", []),
        }
        table: dict[tuple[str, ...], str] = {}
        for kind in KINDS:  # in priority order: the first kind to list a phrase keeps it
            plural = kind in ("lead", "generic", "role", "owner", "group", "business", "trade", "place", "size")
            for term in lists[kind]:
                key = words_of(term)
                if not key:
                    continue
                forms = plural_forms(key[-1]) if plural else {key[-1]}
                if kind == "business":  # "a hotel's GM": the business whose role is asked for
                    forms = {*forms, key[-1] + "'s"}
                for last in sorted(forms):
                    table.setdefault((*key[:-1], last), kind)
                if plural and len(key) > 2 and key[1] == "of":  # "heads of HR", "directors of operations"
                    for first in sorted(plural_forms(key[0]) - {key[0]}):
                        table.setdefault((first, *key[1:]), kind)
        by_first: dict[str, list[Phrase]] = {}
        for key, kind in table.items():
            by_first.setdefault(key[0], []).append((key, kind))
        phrases = {w: tuple(sorted(ps, key=lambda p: -len(p[0]))) for w, ps in by_first.items()}
        places: dict[str, list[tuple[str, ...]]] = {}
        for name in narrow.get("place_names", []):
            key = words_of(name)
            if key:
                places.setdefault(key[0], []).append(key)
        limits = dict(data.get("limits", {}))
        vocabulary = {w for key in table for w in key}
        say = {
            code: Say(**{k: str(v) for k, v in spec.items() if k in Say.__dataclass_fields__})
            for code, spec in dict(data.get("say", {})).items()
        }
        return cls(
            phrases=phrases,
            place_names={w: tuple(sorted(ks, key=lambda k: -len(k))) for w, ks in places.items()},
            size_units=frozenset(f for u in narrow.get("size_units", []) for f in plural_forms(u.lower())),
            number_words=frozenset(w.lower() for w in narrow.get("number_words", [])),
            place_prepositions=frozenset(w.lower() for w in narrow.get("place_prepositions", [])),
            name_cues=frozenset(w.lower() for w in words.get("name_cues", [])),
            known_words=frozenset(w.lower() for w in (*words.get("english", []), *words.get("states", [])))
            | vocabulary,
            not_names=frozenset(
                f for w in (*words.get("not_names", []), *words.get("tools", [])) for f in plural_forms(w.lower())
            ),
            tools=frozenset(w.lower() for w in words.get("tools", [])),
            connectors=frozenset(w.lower() for w in blur.get("connectors", [])),
            fillers=frozenset(w.lower() for w in blur.get("fillers", [])),
            consumer_cues=_cue_forms(words.get("consumer_cues", [])),
            business_cues=_cue_forms(words.get("business_cues", [])),
            life_events=_cue_forms(words.get("life_events", [])),
            english=frozenset(w.lower() for w in words.get("english", [])),
            person_words=frozenset(" ".join(words_of(w)) for w in words.get("person_words", [])),
            organisation_nouns=frozenset(
                f for w in blur.get("organisation_nouns", []) for f in plural_forms(w.lower())
            ),
            qualities=frozenset(w.lower() for w in blur.get("qualities", [])),
            one_person=frozenset(" ".join(words_of(w)) for w in words.get("one_person", [])),
            events=frozenset(" ".join(words_of(w)) for w in narrow.get("events", [])),
            subjects=frozenset(w.lower() for w in words.get("subjects", [])),
            moves=frozenset(w.lower() for w in narrow.get("moves", [])),
            listen={words_of(k): str(v) for k, v in dict(data.get("listen", {})).items()},
            say=say,
            too_short_words=int(limits.get("too_short_words", 2)),
            too_long_words=int(limits.get("too_long_words", 70)),
            list_targets=int(limits.get("list_targets", 3)),
            lead_ins=tuple(sorted({words_of(t) for t in narrow.get("lead_ins", [])} - {()}, key=lambda k: -len(k))),
        )

    @functools.cached_property
    def phrases_by_size(self) -> dict[str, tuple[tuple[int, dict[tuple[str, ...], str]], ...]]:
        """The phrase table as first word → (length, {words: kind}) longest first: one lookup per length."""
        out: dict[str, tuple[tuple[int, dict[tuple[str, ...], str]], ...]] = {}
        for first, phrases in self.phrases.items():
            sizes: dict[int, dict[tuple[str, ...], str]] = {}
            for key, kind in phrases:
                sizes.setdefault(len(key), {}).setdefault(key, kind)
            out[first] = tuple(sorted(sizes.items(), reverse=True))
        return out

    @functools.cached_property
    def trie(self) -> dict[str, Any]:
        """The phrase table as nested dicts, one level per word; "" at a level holds the kind of the phrase
        that ends there. Reading walks it word by word, so a lookup costs one step per word matched."""
        root: dict[str, Any] = {}
        for phrases in self.phrases.values():
            for key, kind in phrases:
                node = root
                for word in key:
                    node = node.setdefault(word, {})
                node.setdefault("", kind)
        return root

    @functools.cached_property
    def cue_pair_starts(self) -> frozenset[str]:
        """The first words of the two-word audience cues ("life insurance"): only pairs starting so are looked up."""
        cues = self.consumer_cues | self.business_cues | self.life_events
        return frozenset(c.split()[0] for c in cues if " " in c)

    @functools.cached_property
    def lead_ins_by_first(self) -> dict[str, tuple[tuple[str, ...], ...]]:
        """The lead-ins indexed by their first word, each list longest first."""
        out: dict[str, list[tuple[str, ...]]] = {}
        for lead in self.lead_ins:
            out.setdefault(lead[0], []).append(lead)
        return {w: tuple(leads) for w, leads in out.items()}

    def speak(self, code: str) -> Say:
        return self.say.get(code) or Say(message=code.replace("-", " ").capitalize() + ': "{words}".')
