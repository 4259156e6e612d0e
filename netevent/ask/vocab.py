"""The ask check's compiled vocabulary and weights, and the findings they produce; built once per rules file."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import InitVar, dataclass, field
from typing import Any, NamedTuple

from netevent.ask.gate import LazyRegex, ascii_twin, pattern_gate

# Codes that earn points when found; their absence is advice ("no-role" …) rather than a penalty.
CREDIT_CODES = ("named", "role", "sector", "place", "size", "trigger", "reason")
# Codes found by vocabulary that cost points.
PENALTY_CODES = ("lead-request", "anyone", "generic-target")
# On an exact tie of spans, the earlier code here keeps the words.
PRIORITY = ("lead-request", "anyone", "generic-target", "place", "named", "role", "sector", "size", "trigger", "reason")
MISSING_CODES = ("no-role", "no-sector", "no-place", "no-trigger")
# What a scattergun ask lists one after another.
TARGET_CODES = frozenset(("role", "sector", "generic-target", "named"))

# Words as the vocabulary sees them: letters/digits with inner apostrophes, and "&" ("b&b", "patel & co").
TOKEN = LazyRegex(r"[^\W_]+(?:['’][^\W_]+)*|&")


@dataclass(frozen=True)
class Finding:
    """One reason the ask scored what it did: what was found (or missing), where, and what to do about it."""

    code: str
    message: str
    suggestion: str
    points: int
    span: tuple[int, int] | None = None
    words: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "message": self.message,
            "suggestion": self.suggestion,
            "points": self.points,
            "span": list(self.span) if self.span else None,
            "words": self.words,
        }


# Records of the compiled rules are named tuples: defining one costs start-up a fifth of a frozen dataclass (whose
# generated methods are compiled at import), and they pickle as plain tuples.
class _Pattern(NamedTuple):
    """A rules regex, run on the lower-cased ask unless it asks for case with "(?-i:"; skipped cheaply when it
    needs a digit and the ask has none (most asks), since scanning regexes is most of the cost of a check."""

    regex: LazyRegex
    cased: bool
    needs_digit: bool
    needs_word: str = ""  # a pattern that starts with a fixed word runs only when that word is in the ask
    gate: tuple[str, ...] = ()  # every match holds one of these strings, so an ask holding none skips the scan
    ascii_regex: LazyRegex | None = None  # the same regex in ASCII mode, for text ascii_readable() passes


def _compile_patterns(patterns: Iterable[str]) -> tuple[_Pattern, ...]:
    compiled = []
    for p in patterns:
        cased = "(?-i:" in p
        flags = re.IGNORECASE if cased else 0
        lead = re.match(r"(?:\(\?-i:)?\\b([A-Za-z]{3,})(?![A-Za-z?*{|])", p)
        word = lead.group(1) if lead and "|" not in p[: lead.end() + 1] else ""
        re.compile(p, flags)  # a broken pattern in the rules file fails as the rules load, not mid-review
        regex = LazyRegex(p, flags)
        digit = r"\d" in p or "[0-9]" in p
        word = word if cased else word.lower()
        compiled.append(_Pattern(regex, cased, digit, word, pattern_gate(p, flags), ascii_twin(p, flags)))
    return tuple(compiled)


class CodeRule(NamedTuple):
    """How one finding code scores and speaks."""

    code: str
    points: int
    message: str
    suggestion: str
    patterns: tuple[_Pattern, ...] = ()


# A finding's words-free text: (message, message after {words} or None, suggestion, suggestion after or None).
Speech = tuple[str, str | None, str, str | None]
# Missing-kind advice for one set of codes found: (findings in order, the same ranked, their points, their ranks).
MissingAdvice = tuple[tuple[Finding, ...], tuple[Finding, ...], int, tuple[int, ...]]
# A lexicon node as a check walks it: (codes of the terms ending at this word, the next words' nodes or None,
# whether the codes are hits as they stand and no longer term goes on from here).
PhraseNode = tuple[tuple[str, ...], "dict[str, PhraseNode] | None", bool]
# A pattern as a check runs it: (code, regex, its ASCII twin or None, sees capitals, word the ask must contain or
# "", gate).
ScanPattern = tuple[str, LazyRegex, LazyRegex | None, bool, str, tuple[str, ...]]


# Never compared or printed (its repr would be the whole vocabulary): no generated __eq__/__repr__, which cost
# start-up to compile.
@dataclass(frozen=True, eq=False, repr=False)
class AskRules:
    """The compiled vocabulary and weights; build with `AskRules.from_dict` from the rules data."""

    codes: Mapping[str, CodeRule]
    specific_at: int
    needs_work_at: int
    too_short_words: int
    too_long_words: int
    many_targets: int
    foreign_cap: int
    # Word trie: word → {next word → …, "": codes ending here}. Kept only as _phrase_starts, the form a check
    # walks: storing both doubled the rules cache every start reads.
    lexicon: InitVar[Mapping[str, Any]]
    units: frozenset[str]
    number_words: frozenset[str]
    place_prepositions: LazyRegex  # compiled on first use: loading the rules cache compiles no regex
    company_suffix: LazyRegex | None
    connectors: frozenset[str]
    fillers: frozenset[str]
    known_words: frozenset[str]
    not_names: frozenset[str]
    possessives: frozenset[str] = frozenset()
    suffix_words: frozenset[str] = frozenset()  # company endings: a capitalised run ending so is a name
    generic_beside_role: int = 0
    gains: Mapping[str, str] = field(default_factory=dict)
    # Derived once from the above, so a check doesn't redo per-rules work: the patterns in scan order for asks
    # without a digit and for asks with one, and (covering codes, the finding) for each missing-kind advice,
    # which never depends on the ask's text.
    _scan_plain: tuple[ScanPattern, ...] = field(default=(), init=False, repr=False, compare=False)
    _scan_digit: tuple[ScanPattern, ...] = field(default=(), init=False, repr=False, compare=False)
    _missing: tuple[tuple[frozenset[str], Finding], ...] = field(default=(), init=False, repr=False, compare=False)
    _gain_value: Mapping[str, int] = field(default_factory=dict, init=False, repr=False, compare=False)
    # For each scan list, None or (regex for the lower-cased ask, regex for the ask as typed) finding any of the
    # strings one of which each of its regexes needs (its gate or word): no hit, no regex to run.
    _scan_plain_needs: tuple[LazyRegex | None, LazyRegex | None] = field(
        default=(None, None), init=False, repr=False, compare=False
    )
    _scan_digit_needs: tuple[LazyRegex | None, LazyRegex | None] = field(
        default=(None, None), init=False, repr=False, compare=False
    )
    _plain_words: frozenset[str] = field(default=frozenset(), init=False, repr=False, compare=False)
    # The lexicon as a check walks it: first word → (its codes, without repeats; the next words' nodes or None).
    _phrase_starts: dict[str, PhraseNode] = field(default_factory=dict, init=False, repr=False, compare=False)
    _missing_by_found: dict[frozenset[str], MissingAdvice] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    # code → (its rule, points, whether a scattergun ask lists it, its speech): all a hit needs, in one look-up.
    # The speech is (message, text after {words} or None, suggestion, text after {words} or None) when message and
    # suggestion hold at most one {words} and no {count}, so a hit's finding is joined, not replaced; else None.
    _hits: dict[str, tuple[CodeRule, int, bool, Speech | None]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def __post_init__(self, lexicon: Mapping[str, Any]) -> None:
        patterns = [(c, p) for c in CREDIT_CODES + PENALTY_CODES if c in self.codes for p in self.codes[c].patterns]
        scan_digit = tuple((c, p.regex, p.ascii_regex, p.cased, p.needs_word, p.gate) for c, p in patterns)
        scan_plain = tuple(scan for scan, (_, p) in zip(scan_digit, patterns, strict=True) if not p.needs_digit)
        missing = []
        for code in MISSING_CODES:
            if code in self.codes:
                gain = self.gains.get(code, code.removeprefix("no-"))
                covered = frozenset({gain} | ({"named"} if gain in ("role", "sector") else set()))
                missing.append((covered, make_finding(self.codes[code], "", self.codes[code].points, None)))
        # How much fixing advice is worth: the points of the code it would gain (ranks problems that cost nothing).
        gain_value = {code: -self.codes[gain].points for code, gain in self.gains.items() if gain in self.codes}
        for name, value in (
            ("_scan_plain", scan_plain),
            ("_scan_digit", scan_digit),
            ("_missing", tuple(missing)),
            ("_gain_value", gain_value),
            ("_phrase_starts", _phrase_nodes(lexicon)),
            ("_scan_plain_needs", _needs(scan_plain)),
            ("_scan_digit_needs", _needs(scan_digit)),
            ("_plain_words", _plain_words(self.known_words, self.not_names)),
            ("_hits", {c: (rule, rule.points, c in TARGET_CODES, _speech(rule)) for c, rule in self.codes.items()}),
        ):
            object.__setattr__(self, name, value)  # frozen: set once, here

    # Pickled (the rules cache, read at every start) without what is rebuilt faster than it is read: the union
    # of two word sets, and the per-process memo of missing-kind advice.
    def __getstate__(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k not in ("_plain_words", "_missing_by_found")}

    def __setstate__(self, state: dict[str, Any]) -> None:
        plain = _plain_words(state["known_words"], state["not_names"])
        self.__dict__.update(state, _plain_words=plain, _missing_by_found={})

    def missing_for(self, found: frozenset[str]) -> MissingAdvice:
        """The missing-kind advice for an ask whose hits have these codes: in order, ranked (problem_key), their
        points, and each one's rank. Asks share a handful of code sets, so each is worked out once."""
        advice = self._missing_by_found.get(found)
        if advice is None:
            missing = tuple(finding for covered, finding in self._missing if covered.isdisjoint(found))
            ranked = tuple(sorted(missing, key=self.problem_key))
            points = sum(f.points for f in missing)
            advice = self._missing_by_found[found] = (missing, ranked, points, tuple(map(self.problem_key, missing)))
        return advice

    def problem_key(self, finding: Finding) -> int:
        """Problems rank costliest first, then by how much fixing them would gain."""
        return finding.points * 10 if finding.points < 0 else self._gain_value.get(finding.code, 0)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> AskRules:
        """Compile the rules data (the parsed ask_rules.toml) into regexes, once."""
        codes_data: Mapping[str, Mapping[str, Any]] = data.get("codes", {})
        codes: dict[str, CodeRule] = {}
        lexicon: dict[str, Any] = {}
        # One object per word across the lexicon and the word sets, so the rules cache stores each word once.
        same: dict[str, str] = {}
        for code, spec in codes_data.items():
            patterns: tuple[_Pattern, ...] = ()
            if code in CREDIT_CODES + PENALTY_CODES and code != "named":
                _index(lexicon, spec.get("terms", ()), code, True, same)
                patterns = _compile_patterns(spec.get("patterns", ()))
            codes[code] = CodeRule(
                code=code,
                points=int(spec.get("points", 0)),
                message=str(spec.get("message", code)),
                suggestion=str(spec.get("suggestion", "")),
                patterns=patterns,
            )
        place = codes_data.get("place", {})
        size = codes_data.get("size", {})
        named = codes_data.get("named", {})
        many = codes_data.get("many-targets", {})
        words = data.get("words", {})
        _index(lexicon, place.get("names", ()), "place-name", False, same)
        _index(lexicon, named.get("terms", ()), "suffix", False, same)
        known: set[str] = set()
        for code, spec in codes_data.items():
            if code not in ("named",):
                for term in list(spec.get("terms", ())) + list(spec.get("units", ())):
                    known.update(TOKEN.findall(term.lower()))
        known.update(w.lower() for w in words.get("english", ()))
        known.update(w.lower() for w in words.get("not_names", ()))
        verdict = data.get("verdict", {})
        limits = data.get("limits", {})
        prepositions = sorted(place.get("prepositions", ("in",)), key=len, reverse=True)
        suffixes = sorted(named.get("terms", ()), key=len, reverse=True)
        return cls(
            codes=codes,
            specific_at=int(verdict.get("specific", 60)),
            needs_work_at=int(verdict.get("needs_work", 30)),
            too_short_words=int(limits.get("too_short_words", 4)),
            too_long_words=int(limits.get("too_long_words", 70)),
            many_targets=int(limits.get("many_targets", 3)),
            foreign_cap=int(limits.get("foreign_cap", 45)),
            lexicon=lexicon,
            units=frozenset(f for u in size.get("units", ()) for f in _forms(TOKEN.findall(u.lower())[-1], True)),
            number_words=frozenset(TOKEN.findall(n.lower())[-1] for n in size.get("number_words", ()) if n.strip()),
            place_prepositions=LazyRegex(
                r"(?:^|\W)(?:"
                + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in prepositions)
                + r")\s+(?:the\s+)?$",
                re.IGNORECASE,
            ),
            company_suffix=LazyRegex(
                r"(?<![\w&])(?:" + "|".join(re.escape(x) for x in suffixes) + r")(?![\w&])", re.IGNORECASE
            )
            if suffixes
            else None,
            connectors=frozenset(c.lower() for c in many.get("connectors", (",", "or", "and"))),
            fillers=frozenset(f.lower() for f in many.get("fillers", ())),
            known_words=frozenset(same.setdefault(f, f) for w in known for f in _forms(w, True)),
            not_names=frozenset(same.setdefault(w, w) for w in map(str.lower, words.get("not_names", ()))),
            possessives=frozenset(w.lower() for w in words.get("possessives", ())),
            suffix_words=frozenset(TOKEN.findall(t.lower())[-1] for t in suffixes if TOKEN.findall(t)),
            generic_beside_role=int(codes_data.get("generic-target", {}).get("points_beside_role", -5)),
            gains={code: str(spec["gain"]) for code, spec in codes_data.items() if "gain" in spec},
        )


def _plain_words(known_words: frozenset[str], not_names: frozenset[str]) -> frozenset[str]:
    """Words a capital doesn't make a name: known vocabulary, the words that are never names, and "&"."""
    return known_words | not_names | {"&"}


def _speech(rule: CodeRule) -> Speech | None:
    """The rule's message and suggestion split around their one {words}; None when either has {count} or
    {words} twice (make_finding fills those in)."""
    halves: list[str | None] = []
    for said in (rule.message, rule.suggestion):
        parts = said.split("{words}")
        if "{count}" in said or len(parts) > 2:
            return None
        halves += [parts[0], parts[1] if len(parts) == 2 else None]
    return halves[0], halves[1], halves[2], halves[3]  # type: ignore[return-value]


def _needs(scan: tuple[ScanPattern, ...]) -> tuple[LazyRegex | None, LazyRegex | None]:
    """Regexes finding, in the lower-cased ask and in the ask as typed, any string one of which each regex in
    `scan` needs; (None, None) when one of them needs none, so there is always something to run."""
    by_case: tuple[set[str], set[str]] = (set(), set())
    for _code, _regex, _ascii, cased, word, gate in scan:
        if not (word or gate):
            return None, None
        by_case[cased].update(gate or (word,))
    return tuple(  # type: ignore[return-value]
        LazyRegex("|".join(map(re.escape, sorted(strings, key=len, reverse=True)))) if strings else None
        for strings in by_case
    )


def _phrase_nodes(trie: Mapping[str, Any], shared: dict[Any, Any] | None = None) -> dict[str, PhraseNode]:
    """The lexicon's nodes as (codes ending there, next words' nodes or None, whether those codes are hits as
    they stand), so a word that ends a term and starts no longer one costs one look-up."""
    # Equal code tuples and equal last-word nodes (nearly every node: ~3,100 of them, 13 different) are one object,
    # so the rules cache stores each once and a start reads a few dozen tuples instead of thousands.
    shared = {} if shared is None else shared
    nodes: dict[str, PhraseNode] = {}
    for word, child in trie.items():
        if word:
            codes = tuple(dict.fromkeys(child.get("", ())))
            codes = shared.setdefault(codes, codes)
            deeper = _phrase_nodes(child, shared)
            simple = bool(codes) and not deeper and _CHECKED_CODES.isdisjoint(codes)
            node = (codes, deeper or None, simple)
            nodes[word] = node if deeper else shared.setdefault(node, node)
    return nodes


# Lexicon codes that a hit needs a second look for: a place name's capital, a generic target's possessive, a
# company ending (never a hit of its own).
_CHECKED_CODES = frozenset(("place-name", "generic-target", "suffix"))


def _forms(term: str, plurals: bool) -> list[str]:
    """A term and, if asked, its plurals ("agency" → "agencies"; "coach" → "coaches")."""
    term = " ".join(term.lower().split())
    if not term:
        return []
    if not plurals or not term[-1:].isalpha():
        return [term]
    forms = [term, term + "s", term + "es"]
    if len(term) > 2 and term.endswith("y") and term[-2] not in "aeiou":
        forms.append(term[:-1] + "ies")
    return forms


def _index(lexicon: dict[str, Any], terms: Iterable[str], code: str, plurals: bool, same: dict[str, str]) -> None:
    """File each term (and its plurals) in a word trie, so matching costs a dict look-up per word, not per term;
    each word as `same` holds it."""
    for term in terms:
        for form in _forms(term, plurals) if term.strip() else ():
            node = lexicon
            for token in TOKEN.findall(form.replace("’", "'")):
                node = node.setdefault(same.setdefault(token, token), {})
            if node is not lexicon:
                node[""] = (*node.get("", ()), code)


_new = object.__new__


def make_finding(rule: CodeRule, text: str, points: int, span: tuple[int, int] | None, count: int = 0) -> Finding:
    """The finding `rule` gives for the words at `span` of `text`, its message and suggestion filled in."""
    words = text[span[0] : span[1]] if span else ""
    message, suggestion = rule.message, rule.suggestion
    if "{" in message:  # {count} is filled after {words}, as it always was, even inside the quoted words
        if "{words}" in message:
            message = message.replace("{words}", words)
        if "{count}" in message:
            message = message.replace("{count}", str(count))
    if "{" in suggestion:
        if "{words}" in suggestion:
            suggestion = suggestion.replace("{words}", words)
        if "{count}" in suggestion:
            suggestion = suggestion.replace("{count}", str(count))
    # Built without the frozen dataclass's __init__ (a guarded setattr per field): a check makes several of these.
    finding = _new(Finding)
    finding.__dict__.update(
        code=rule.code, message=message, suggestion=suggestion, points=points, span=span, words=words
    )
    return finding
