"""Who serves whom, as data: professions with their regional names, the client pools they share (spheres), the
life and business events that send one client to several of them (triggers). Reading one attendee against it is
in profiles.py."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from netevent.domain.lexicon import Lexicon, stems
from netevent.errors import UserError


class KnowledgeError(UserError):
    """The sphere data is malformed; the message names the field (e.g. `triggers.divorce.professions`)."""


@dataclass(frozen=True, slots=True)
class Sphere:
    id: str
    name: str
    serves: str
    professions: tuple[str, ...]
    clients: tuple[str, ...] = ()
    generic: bool = False  # "small businesses": a link so broad it only counts when nothing better joins a pair


@dataclass(frozen=True, slots=True)
class Trigger:
    id: str
    phrase: str
    cues: tuple[str, ...]
    professions: tuple[str, ...]
    generic: bool = False  # "starting a business": a moment so many trades meet that it counts only when talked about


@dataclass(frozen=True, slots=True)
class Profession:
    name: str
    spheres: tuple[str, ...]
    synonyms: tuple[str, ...]
    competitors: frozenset[str]  # includes the profession itself
    triggers: tuple[str, ...]
    partners: frozenset[str] = frozenset()  # its power team: trades it passes work to and gets work from


def _strings(value: Any, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise KnowledgeError(f"{where}: expected a list of strings")
    return [" ".join(v.split()).lower() for v in value if v.strip()]


def _text(table: Mapping[str, Any], key: str, where: str, default: str | None = None) -> str:
    value = table.get(key, default)
    if not isinstance(value, str) or not value.strip():
        raise KnowledgeError(f"{where}.{key}: expected some text")
    return value.strip()


def _table(value: Any, where: str, keys: frozenset[str] | None = None) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise KnowledgeError(f"{where}: expected a table")
    unknown = sorted(set(value) - keys) if keys is not None else []
    if unknown:  # usually a line pasted under the wrong table
        raise KnowledgeError(f"{where}.{unknown[0]}: not a field here (expected one of {', '.join(sorted(keys))})")
    return value


_SPHERE_KEYS = frozenset({"name", "serves", "clients", "professions", "generic"})
_TRIGGER_KEYS = frozenset({"phrase", "cues", "professions", "generic"})
_PROFESSION_KEYS = frozenset({"names", "pools", "events", "rivals"})


class _Names:
    """Every profession name and synonym, checked so one stemmed name never means two professions."""

    def __init__(self) -> None:
        self.owner: dict[tuple[str, ...], str] = {}
        self.words: dict[str, str] = {}  # as written → canonical profession
        self.synonyms: dict[str, list[str]] = {}

    def add(self, name: str, synonyms: list[str], where: str) -> None:
        self.synonyms.setdefault(name, [])
        for word in [name, *synonyms]:
            key = stems(word)
            owner = self.owner.setdefault(key, name)
            if owner != name:
                raise KnowledgeError(f"{where}: {word!r} already means {owner!r}; keep it under one profession")
            self.words[word] = name
            if word != name and word not in self.synonyms[name]:
                self.synonyms[name].append(word)


class _Builder:
    """Reads the data's three ways of saying who serves whom into one set of professions, pools and events."""

    def __init__(self) -> None:
        self.names = _Names()
        self.pools: dict[str, list[str]] = {}  # sphere → its professions
        self.prof_spheres: dict[str, list[str]] = {}
        self.prof_triggers: dict[str, list[str]] = {}
        self.event_profs: dict[str, list[str]] = {}  # trigger → its professions
        self.pending: list[tuple[str, str, str]] = []  # (trigger, profession, where) checked once all are read
        self.groups: dict[str, list[tuple[list[str], str]]] = {"rivals": [], "partners": []}

    def profession(self, raw_name: str, synonyms: Any, sid: str, where: str) -> str:
        name = " ".join(raw_name.split()).lower()
        if not name:
            raise KnowledgeError(f"{where}: a profession needs a name")
        if name not in self.pools[sid]:
            self.pools[sid].append(name)
        if sid not in self.prof_spheres.setdefault(name, []):
            self.prof_spheres[name].append(sid)
        self.prof_triggers.setdefault(name, [])
        self.names.add(name, _strings(synonyms, where), where)
        return name

    def link(self, tid: str, name: str, where: str) -> None:
        self.pending.append((tid, name, where))

    def resolve(self) -> dict[str, dict[str, set[str]]]:
        """Check every trigger and group names a known profession; each one's rivals (itself too) and partners."""
        for tid, name, where in self.pending:
            if name not in self.prof_spheres:
                raise KnowledgeError(f"{where}: {name!r} is not a profession in any sphere")
            if tid not in self.event_profs:
                raise KnowledgeError(f"{where}: {tid!r} is not a trigger; add a [triggers.{tid}] table")
            if name not in self.event_profs[tid]:
                self.event_profs[tid].append(name)
                self.prof_triggers[name].append(tid)
        out: dict[str, dict[str, set[str]]] = {}
        for kind, groups in self.groups.items():
            found = out[kind] = {name: {name} if kind == "rivals" else set() for name in self.prof_spheres}
            for members, where in groups:
                for name in members:
                    if name not in found:
                        raise KnowledgeError(f"{where}: {name!r} is not a profession in any sphere")
                    found[name].update(m for m in members if m != name or kind == "rivals")
        return out


def _read_professions(build: _Builder, data: Mapping[str, Any]) -> None:
    """The profession-led tables: `[professions."joiner"]` with names, pools, events and rivals."""
    for raw_name, raw in _table(data.get("professions", {}), "professions").items():
        where = f"professions.{raw_name}"
        table = _table(raw, where, _PROFESSION_KEYS)
        pools = _strings(table.get("pools", []), f"{where}.pools")
        if not pools:
            raise KnowledgeError(f"{where}.pools: name at least one sphere this profession serves")
        for sid in pools:
            if sid not in build.pools:
                raise KnowledgeError(f"{where}.pools: {sid!r} is not a sphere; add a [spheres.{sid}] table")
            name = build.profession(raw_name, table.get("names", []), sid, f"{where}.names")
        for tid in _strings(table.get("events", []), f"{where}.events"):
            build.link(tid, name, f"{where}.events")
        rivals = _strings(table.get("rivals", []), f"{where}.rivals")
        if rivals:
            build.groups["rivals"].append(([name, *rivals], f"{where}.rivals"))


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
        build = _Builder()
        meta: dict[str, tuple[str, str, tuple[str, ...], bool]] = {}
        clients: dict[str, set[str]] = {}
        for sid, raw in spheres_in.items():
            where = f"spheres.{sid}"
            table = _table(raw, where, _SPHERE_KEYS)
            build.pools[sid] = []
            profs = table.get("professions", {})
            if not isinstance(profs, Mapping):
                raise KnowledgeError(f"{where}.professions: expected a table of profession = [synonyms]")
            for raw_name, syns in profs.items():
                build.profession(raw_name, syns, sid, f"{where}.professions.{raw_name}")
            cue_list = _strings(table.get("clients", []), f"{where}.clients")
            for cue in cue_list:
                clients.setdefault(cue, set()).add(sid)
            generic = table.get("generic", False)
            if not isinstance(generic, bool):
                raise KnowledgeError(f"{where}.generic: expected true or false")
            meta[sid] = (_text(table, "name", where, sid), _text(table, "serves", where), tuple(cue_list), generic)

        triggers_meta: dict[str, tuple[str, tuple[str, ...], bool]] = {}
        cues: dict[str, set[str]] = {}
        for tid, raw in _table(data.get("triggers", {}), "triggers").items():
            where = f"triggers.{tid}"
            table = _table(raw, where, _TRIGGER_KEYS)
            build.event_profs[tid] = []
            for name in _strings(table.get("professions", []), f"{where}.professions"):
                build.link(tid, name, f"{where}.professions")
            cue_list = _strings(table.get("cues", []), f"{where}.cues")
            for cue in cue_list:
                cues.setdefault(cue, set()).add(tid)
            generic = table.get("generic", False)
            if not isinstance(generic, bool):
                raise KnowledgeError(f"{where}.generic: expected true or false")
            triggers_meta[tid] = (_text(table, "phrase", where), tuple(cue_list), generic)

        _read_professions(build, data)
        for key, kind in (("competitors", "rivals"), ("partners", "partners")):
            groups = _table(data.get(key, {}), key).get("groups", [])
            if not isinstance(groups, list):
                raise KnowledgeError(f"{key}.groups: expected a list of lists of professions")
            for i, group in enumerate(groups):
                build.groups[kind].append((_strings(group, f"{key}.groups[{i}]"), f"{key}.groups[{i}]"))
        linked = build.resolve()
        for sid, members in build.pools.items():
            if not members:
                raise KnowledgeError(f"spheres.{sid}: no profession serves it; list one or remove the sphere")
        spheres = {
            sid: Sphere(sid, name, serves, tuple(build.pools[sid]), cue_list, generic)
            for sid, (name, serves, cue_list, generic) in meta.items()
        }
        triggers = {
            tid: Trigger(tid, phrase, cue_list, tuple(build.event_profs[tid]), generic)
            for tid, (phrase, cue_list, generic) in triggers_meta.items()
        }
        professions = {
            name: Profession(
                name, tuple(sids), tuple(build.names.synonyms[name]), frozenset(linked["rivals"][name]),
                tuple(build.prof_triggers[name]), frozenset(linked["partners"][name]),
            )
            for name, sids in build.prof_spheres.items()
        }  # fmt: skip
        # phrases that hold a trade name but name no trade ("apply for PR" is residency, not public relations)
        words: dict[str, set[str]] = {phrase: set() for phrase in _strings(data.get("not_trades", []), "not_trades")}
        words.update({word: {owner} for word, owner in build.names.words.items()})
        return cls(
            spheres=spheres,
            professions=professions,
            triggers=triggers,
            profession_words=Lexicon(words, whole_words=True),
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
