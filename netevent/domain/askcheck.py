"""The ask check: scores how well a "what I want" statement lets the room picture one real person, and says why."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

# Codes that earn points when found; their absence is advice ("no-role" …) rather than a penalty.
CREDIT_CODES = ("named", "role", "sector", "place", "size", "trigger", "reason")
# Codes found by vocabulary that cost points.
PENALTY_CODES = ("lead-request", "anyone", "generic-target")
# On an exact tie of spans, the earlier code here keeps the words.
PRIORITY = ("lead-request", "anyone", "generic-target", "place", "named", "role", "sector", "size", "trigger", "reason")
MISSING_CODES = ("no-role", "no-sector", "no-place", "no-trigger")
_RANK = {code: i for i, code in enumerate(PRIORITY)}

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# Words as the vocabulary sees them: letters/digits with inner apostrophes, and "&" ("b&b", "patel & co").
_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|&")
_SENTENCE_END = re.compile(r"(?:^|[.!?:;\"“(\n•*-])\s*$")


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


@dataclass(frozen=True)
class AskReview:
    """The verdict on one ask, with every point of the score explained by a finding."""

    text: str
    score: int
    verdict: str
    findings: tuple[Finding, ...]

    @property
    def problems(self) -> tuple[Finding, ...]:
        """What costs points or is missing, most valuable to fix first."""
        return tuple(f for f in self.findings if f.points < 0 or f.code in MISSING_CODES or _is_problem_note(f))

    @property
    def credits(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.code in CREDIT_CODES)

    @property
    def top_suggestion(self) -> str:
        """The one thing to say to the speaker now; empty when the ask is already specific."""
        if self.verdict == "specific":
            return ""
        return next((f.suggestion for f in self.problems if f.suggestion), "")

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "score": self.score,
            "verdict": self.verdict,
            "findings": [f.to_dict() for f in self.findings],
        }


_NOTES = frozenset(("empty", "not-english", "too-short", "too-long", "many-targets"))
_PROBLEM_CODES = _NOTES | frozenset(MISSING_CODES)  # listed with the problems whatever their points


def _is_problem_note(finding: Finding) -> bool:
    return finding.code in _NOTES


@dataclass(frozen=True)
class _Pattern:
    """A rules regex, run on the lower-cased ask unless it asks for case with "(?-i:"; skipped cheaply when it
    needs a digit and the ask has none (most asks), since scanning regexes is most of the cost of a check."""

    regex: re.Pattern[str]
    cased: bool
    needs_digit: bool
    needs_word: str = ""  # a pattern that starts with a fixed word runs only when that word is in the ask


def _compile_patterns(patterns: Iterable[str]) -> tuple[_Pattern, ...]:
    compiled = []
    for p in patterns:
        cased = "(?-i:" in p
        flags = re.IGNORECASE if cased else 0
        lead = re.match(r"(?:\(\?-i:)?\\b([A-Za-z]{3,})(?![A-Za-z?*{|])", p)
        word = lead.group(1) if lead and "|" not in p[: lead.end() + 1] else ""
        compiled.append(
            _Pattern(re.compile(p, flags), cased, r"\d" in p or "[0-9]" in p, word if cased else word.lower())
        )
    return tuple(compiled)


@dataclass(frozen=True)
class CodeRule:
    """How one finding code scores and speaks."""

    code: str
    points: int
    message: str
    suggestion: str
    patterns: tuple[_Pattern, ...] = ()


@dataclass(frozen=True)
class AskRules:
    """The compiled vocabulary and weights; build with `AskRules.from_dict` from the rules data."""

    codes: Mapping[str, CodeRule]
    specific_at: int
    needs_work_at: int
    too_short_words: int
    too_long_words: int
    many_targets: int
    foreign_cap: int
    lexicon: Mapping[str, Any]  # word trie: word → {next word → …, "": codes ending here}
    units: frozenset[str]
    number_words: frozenset[str]
    place_prepositions: re.Pattern[str]
    company_suffix: re.Pattern[str] | None
    connectors: frozenset[str]
    fillers: frozenset[str]
    known_words: frozenset[str]
    not_names: frozenset[str]
    possessives: frozenset[str] = frozenset()
    suffix_words: frozenset[str] = frozenset()  # company endings: a capitalised run ending so is a name
    generic_beside_role: int = 0
    gains: Mapping[str, str] = field(default_factory=dict)
    # Derived once from the above, so a check doesn't redo per-rules work: (code, pattern) in scan order, and
    # (covering codes, the finding) for each missing-kind advice, which never depends on the ask's text.
    _patterns: tuple[tuple[str, _Pattern], ...] = field(default=(), init=False, repr=False, compare=False)
    _missing: tuple[tuple[frozenset[str], Finding], ...] = field(default=(), init=False, repr=False, compare=False)
    _gain_value: Mapping[str, int] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        patterns = tuple(
            (c, p) for c in CREDIT_CODES + PENALTY_CODES if c in self.codes for p in self.codes[c].patterns
        )
        missing = []
        for code in MISSING_CODES:
            if code in self.codes:
                gain = self.gains.get(code, code.removeprefix("no-"))
                covered = frozenset({gain} | ({"named"} if gain in ("role", "sector") else set()))
                missing.append((covered, _finding(self.codes[code], "", self.codes[code].points, None)))
        object.__setattr__(self, "_patterns", patterns)  # frozen: set once, here
        object.__setattr__(self, "_missing", tuple(missing))
        # How much fixing advice is worth: the points of the code it would gain (ranks problems that cost nothing).
        gain_value = {code: -self.codes[gain].points for code, gain in self.gains.items() if gain in self.codes}
        object.__setattr__(self, "_gain_value", gain_value)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> AskRules:
        """Compile the rules data (the parsed ask_rules.toml) into regexes, once."""
        codes_data: Mapping[str, Mapping[str, Any]] = data.get("codes", {})
        codes: dict[str, CodeRule] = {}
        lexicon: dict[str, Any] = {}
        for code, spec in codes_data.items():
            patterns: tuple[_Pattern, ...] = ()
            if code in CREDIT_CODES + PENALTY_CODES and code != "named":
                _index(lexicon, spec.get("terms", ()), code, plurals=True)
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
        _index(lexicon, place.get("names", ()), "place-name", plurals=False)
        _index(lexicon, named.get("terms", ()), "suffix", plurals=False)
        known: set[str] = set()
        for code, spec in codes_data.items():
            if code not in ("named",):
                for term in list(spec.get("terms", ())) + list(spec.get("units", ())):
                    known.update(_TOKEN.findall(term.lower()))
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
            units=frozenset(f for u in size.get("units", ()) for f in _forms(_TOKEN.findall(u.lower())[-1], True)),
            number_words=frozenset(_TOKEN.findall(n.lower())[-1] for n in size.get("number_words", ()) if n.strip()),
            place_prepositions=re.compile(
                r"(?:^|\W)(?:"
                + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in prepositions)
                + r")\s+(?:the\s+)?$",
                re.IGNORECASE,
            ),
            company_suffix=re.compile(
                r"(?<![\w&])(?:" + "|".join(re.escape(x) for x in suffixes) + r")(?![\w&])", re.IGNORECASE
            )
            if suffixes
            else None,
            connectors=frozenset(c.lower() for c in many.get("connectors", (",", "or", "and"))),
            fillers=frozenset(f.lower() for f in many.get("fillers", ())),
            known_words=frozenset(f for w in known for f in _forms(w, True)),
            not_names=frozenset(w.lower() for w in words.get("not_names", ())),
            possessives=frozenset(w.lower() for w in words.get("possessives", ())),
            suffix_words=frozenset(_TOKEN.findall(t.lower())[-1] for t in suffixes if _TOKEN.findall(t)),
            generic_beside_role=int(codes_data.get("generic-target", {}).get("points_beside_role", -5)),
            gains={code: str(spec["gain"]) for code, spec in codes_data.items() if "gain" in spec},
        )


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


def _index(lexicon: dict[str, Any], terms: Iterable[str], code: str, plurals: bool) -> None:
    """File each term (and its plurals) in a word trie, so matching costs a dict look-up per word, not per term."""
    for term in terms:
        for form in _forms(term, plurals) if term.strip() else ():
            node = lexicon
            for token in _TOKEN.findall(form.replace("’", "'")):
                node = node.setdefault(token, {})
            if node is not lexicon:
                node[""] = (*node.get("", ()), code)


@dataclass
class _Match:
    code: str
    start: int
    end: int


def review(text: str, rules: AskRules) -> AskReview:
    """Review one ask: find what makes it specific or vague, score it 0–100 and give the verdict."""
    text = text if isinstance(text, str) else str(text)
    words = _WORD.findall(text)
    if not words:
        return _empty(text, rules)
    low = text.lower().replace("’", "'")
    if len(low) != len(text):  # a few letters change length when lower-cased; keep offsets true
        low = text
    toks = _tokens(text, low)
    lowered = [t[2] for t in toks]
    foreign = _looks_foreign(text, lowered, rules)
    # Capitals mark names only in English sentence case (German capitalises every noun).
    matches = _vocabulary_matches(text, low, toks, lowered, rules, no_case=foreign or _is_all_caps(words))
    matches = _resolve_overlaps(matches)
    matches.sort(key=lambda m: (m.start, m.end))

    findings: list[Finding] = []
    seen: set[str] = set()
    person_named = any(m.code in ("role", "named") for m in matches)
    for m in matches:
        rule = rules.codes[m.code]
        points = 0 if m.code in seen else rule.points
        if points and m.code == "generic-target" and person_named:
            points = rules.generic_beside_role
        seen.add(m.code)
        findings.append(_finding(rule, text, points, (m.start, m.end)))

    chain = _longest_target_chain(text, matches, rules)
    if chain and "many-targets" in rules.codes:
        span = (chain[0].start, chain[-1].end)
        findings.append(_finding(rules.codes["many-targets"], text, rules.codes["many-targets"].points, span))
    if len(words) < rules.too_short_words and "too-short" in rules.codes:
        rule = rules.codes["too-short"]
        span = (len(text) - len(text.lstrip()), len(text.rstrip()))
        findings.append(_finding(rule, text, rule.points, span, count=len(words)))
    if len(words) > rules.too_long_words and "too-long" in rules.codes:
        findings.append(_finding(rules.codes["too-long"], text, rules.codes["too-long"].points, None, count=len(words)))

    found = {m.code for m in matches}
    findings.extend(finding for covered, finding in rules._missing if covered.isdisjoint(found))

    score = sum(f.points for f in findings)
    if "not-english" in rules.codes and foreign:
        rule = rules.codes["not-english"]
        findings.append(_finding(rule, text, min(rule.points, rules.foreign_cap - score), None))
        score = sum(f.points for f in findings)
    score = max(0, min(100, score))
    return AskReview(text=text, score=score, verdict=_verdict(score, rules), findings=_ordered(findings, rules))


def _empty(text: str, rules: AskRules) -> AskReview:
    rule = rules.codes.get("empty") or CodeRule("empty", 0, "There's no ask here yet.", "Say who you want to meet.")
    span = (0, len(text)) if text.strip() else None
    finding = _finding(rule, text, 0, span)
    return AskReview(text=text, score=0, verdict="vague", findings=(finding,))


def _finding(rule: CodeRule, text: str, points: int, span: tuple[int, int] | None, count: int = 0) -> Finding:
    words = text[span[0] : span[1]] if span else ""
    message, suggestion = rule.message, rule.suggestion
    if "{" in message:
        message = message.replace("{words}", words).replace("{count}", str(count))
    if "{" in suggestion:
        suggestion = suggestion.replace("{words}", words).replace("{count}", str(count))
    # Built without the frozen dataclass's __init__ (a guarded setattr per field): a check makes several of these.
    finding = _new(Finding)
    finding.__dict__.update(
        code=rule.code, message=message, suggestion=suggestion, points=points, span=span, words=words
    )
    return finding


_new = object.__new__


def _verdict(score: int, rules: AskRules) -> str:
    if score >= rules.specific_at:
        return "specific"
    return "needs-work" if score >= rules.needs_work_at else "vague"


def _ordered(findings: list[Finding], rules: AskRules) -> tuple[Finding, ...]:
    """Problems first, costliest (or most valuable to fix) first; then credits in reading order."""

    gain_value = rules._gain_value
    problems = []
    others = []
    for f in findings:
        (problems if f.points < 0 or f.code in _PROBLEM_CODES else others).append(f)
    problems.sort(key=lambda f: f.points * 10 if f.points < 0 else gain_value.get(f.code, 0))
    return tuple(problems + others)


_LETTER = re.compile(r"[^\W\d_]")
_NON_LATIN = re.compile(r"[^\W\d_A-Za-z\u00C0-\u024F]")


def _is_all_caps(words: list[str]) -> bool:
    return len(words) >= 2 and sum(map(str.isupper, words)) > 0.8 * len(words)


def _looks_foreign(text: str, words: list[str], rules: AskRules) -> bool:
    """Most words unknown to every English list, or mostly non-Latin letters: we can't judge it."""
    if not text.isascii() and len(_NON_LATIN.findall(text)) > 0.5 * len(_LETTER.findall(text)):
        return True
    if len(words) < 4:
        return False
    return sum(map(rules.known_words.__contains__, words)) < 0.25 * len(words)


def _known(word: str, known: frozenset[str]) -> bool:
    word = word.replace("’", "'")
    return word in known or (word.endswith("'s") and word[:-2] in known)


# A token: (start, end, lowercase text, starts with a capital)
_Tok = tuple[int, int, str, bool]
_DIGIT = re.compile(r"\d")
_JOINERS = frozenset(" \t\n-'’")
_JOINER_CHARS = "".join(_JOINERS)


def _tokens(text: str, low: str) -> list[_Tok]:
    """Words of the lower-cased ask, with their offsets and whether the original starts with a capital."""
    if low is text:  # rare: lower-casing changed the length, so lower each word on its own
        return [(m.start(), m.end(), m.group().lower(), m.group()[0].isupper()) for m in _TOKEN.finditer(text)]
    return [(m.start(), m.end(), m.group(), text[m.start()].isupper()) for m in _TOKEN.finditer(low)]


def _joined(text: str, end: int, start: int) -> bool:
    """Two words belong to one phrase when only spaces, hyphens or apostrophes sit between them."""
    return start - end < 4 and all(c in _JOINERS for c in text[end:start])


def _vocabulary_matches(
    text: str, low: str, toks: list[_Tok], lowered: list[str], rules: AskRules, no_case: bool
) -> list[_Match]:
    """Every vocabulary, pattern, size, place-name and capitalised-name hit, before overlaps are resolved."""
    found: list[_Match] = []
    n = len(toks)
    lexicon = rules.lexicon
    for i, word in enumerate(lowered):
        node = lexicon.get(word)
        if node is None:
            continue
        longest: dict[str, int] | None = None  # code → index of the last word of its fullest phrase starting here
        j = i
        while True:
            codes = node.get("")
            if codes:
                if longest is None:
                    longest = {}
                for code in codes:
                    longest[code] = j
            if j + 1 >= n or (nxt := node.get(lowered[j + 1])) is None:
                break
            gap_start, gap_end = toks[j][1], toks[j + 1][0]
            if gap_end - gap_start >= 4 or text[gap_start:gap_end].strip(_JOINER_CHARS):
                break  # only spaces, hyphens or apostrophes may sit inside a phrase
            node, j = nxt, j + 1
        if longest is None:
            continue
        start = toks[i][0]
        for code, last in longest.items():
            end = toks[last][1]
            if code == "place-name":
                if no_case or toks[i][3]:
                    found.append(_Match("place", start, end))
            elif code == "generic-target" and i and lowered[i - 1] in rules.possessives:
                continue  # "their clients" are the target's clients, not the target
            elif code != "suffix":
                found.append(_Match(code, start, end))
    has_digit = _DIGIT.search(text) is not None
    for code, p in rules._patterns:
        if (has_digit or not p.needs_digit) and (not p.needs_word or p.needs_word in (text if p.cased else low)):
            subject = text if p.cased or low is text else low
            found.extend(_Match(code, m.start(), m.end()) for m in p.regex.finditer(subject) if m.end() > m.start())
    # str.isdigit (what _sizes tests) also takes non-ASCII digits such as "²" that \d skips
    if "size" in rules.codes and (has_digit or not text.isascii() or not rules.number_words.isdisjoint(lowered)):
        found.extend(_sizes(text, toks, rules))
    if "named" in rules.codes:
        found.extend(_names(text, toks, rules, no_case))
    return found


def _sizes(text: str, toks: list[_Tok], rules: AskRules) -> list[_Match]:
    """ "<number> [a few words] <unit>": "20 staff", "a dozen vans", "40-bed", "two or more bays"."""
    found = []
    for i, (start, _, word, _capital) in enumerate(toks):
        if not (word[0].isdigit() or word in rules.number_words):
            continue
        for j in range(i + 1, min(i + 5, len(toks))):
            gap = text[toks[j - 1][1] : toks[j][0]]
            if gap.strip(" \t-+") and gap not in (",", "."):
                break
            if toks[j][2] in rules.units:
                found.append(_Match("size", start, toks[j][1]))
                break
    return found


def _names(text: str, toks: list[_Tok], rules: AskRules, no_case: bool) -> list[_Match]:
    """Capitalised names the vocabulary doesn't know: a person or business, or a place after "in"/"near"."""
    found: list[_Match] = []
    if no_case:
        # Capitals say nothing here; only "<WORD> LTD"-style company endings do.
        if rules.company_suffix:
            for m in rules.company_suffix.finditer(text):
                i = next((k for k, t in enumerate(toks) if t[0] >= m.start()), len(toks))
                j = i
                while (
                    j > 0
                    and not _known(toks[j - 1][2], rules.known_words)
                    and _joined(text, toks[j - 1][1], toks[j][0] if j < len(toks) else m.start())
                ):
                    j -= 1
                if j < i:
                    found.append(_Match("named", toks[j][0], m.end()))
        return found
    runs: list[list[_Tok]] = []
    for k, tok in enumerate(toks):
        if tok[3] or (tok[2] == "&" and runs and runs[-1][-1] is toks[k - 1]):
            if runs and runs[-1][-1] is toks[k - 1] and text[toks[k - 1][1] : tok[0]].strip(" \t") == "":
                runs[-1].append(tok)
            else:
                runs.append([tok])
    for run in runs:
        base = run[0][0]
        at_start = base == 0 or bool(_SENTENCE_END.search(text[max(0, base - 3) : base]))
        has_suffix = any(t[2] in rules.suffix_words for t in run[1:])
        if at_start and not has_suffix and (len(run) == 1 or _known(run[0][2], rules.known_words)):
            run = run[1:]
        while run and _plain(run[0][2], rules):
            run = run[1:]
        while run and _plain(run[-1][2], rules) and not has_suffix:
            run = run[:-1]
        if not run:
            continue
        start, end = run[0][0], run[-1][1]
        code = "place" if rules.place_prepositions.search(text[max(0, start - 16) : start]) else "named"
        found.append(_Match(code, start, end))
    return found


def _plain(word: str, rules: AskRules) -> bool:
    """A capitalised word that is ordinary vocabulary or an acronym we know, so no name."""
    return word == "&" or _known(word, rules.known_words) or word in rules.not_names


def _resolve_overlaps(matches: list[_Match]) -> list[_Match]:
    """Drop hits swallowed by a fuller phrase: "paying clients" is a lead request, not a generic "clients"."""
    kept: list[_Match] = []
    penalties = set(PENALTY_CODES)
    exclusive = {"named", "place"}
    for m in matches:
        swallowed = False
        for n in matches:
            if n is m or not (n.start <= m.start and m.end <= n.end):
                continue
            same_span = n.start == m.start and n.end == m.end
            if n.code == m.code:
                if not same_span or id(n) < id(m):
                    swallowed = True
                    break
                continue
            conflicting = m.code in penalties or n.code in penalties or m.code in exclusive or n.code in exclusive
            if conflicting and (not same_span or _RANK[n.code] < _RANK[m.code]):
                swallowed = True
                break
        if not swallowed:
            kept.append(m)
    return kept


def _longest_target_chain(text: str, matches: list[_Match], rules: AskRules) -> list[_Match]:
    """The longest list of targets joined only by commas/"or"/"and", if it is long enough to scatter the ask."""
    candidates = [m for m in matches if m.code in ("role", "sector", "generic-target", "named")]
    if len(candidates) < rules.many_targets:
        return []
    # "estate" inside "estate agents" is not a target of its own
    targets = [
        m
        for m in candidates
        if not any(
            n is not m and n.start <= m.start and m.end <= n.end and n.end - n.start > m.end - m.start
            for n in candidates
        )
    ]
    best: list[_Match] = []
    chain: list[_Match] = []
    for m in targets:
        if chain and _only_connectors(text[chain[-1].end : m.start], rules):
            chain.append(m)
        elif chain and m.start < chain[-1].end:
            continue
        else:
            chain = [m]
        if len(chain) > len(best):
            best = list(chain)
    if len(best) < rules.many_targets:
        return []
    # Several roles at one named kind of business ("the owner, manager or head chef of a café") is one target.
    codes = {m.code for m in best}
    lo, hi = best[0].start, best[-1].end
    if codes == {"role"} and any(m.code in ("sector", "named") and (m.end <= lo or m.start >= hi) for m in matches):
        return []
    return best


_GAP_TOKEN = re.compile(r"[,;/&]|[\w'’]+")


def _only_connectors(gap: str, rules: AskRules) -> bool:
    tokens = [t.lower() for t in _GAP_TOKEN.findall(gap)]
    rest = [t for t in tokens if t not in rules.fillers]
    return bool(rest) and all(t in rules.connectors for t in rest)
