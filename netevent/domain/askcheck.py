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
# A run of capitalised words, possibly joined by "&" ("Patel & Co", "Smile Dental Care").
_CAPS_RUN = re.compile(r"(?<![\w&])[A-Z][\w'’.-]*(?:[ \t]+(?:&[ \t]+)?[A-Z][\w'’.-]*)*")
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


def _is_problem_note(finding: Finding) -> bool:
    return finding.code in ("empty", "not-english", "too-short", "too-long", "many-targets")


@dataclass(frozen=True)
class CodeRule:
    """How one finding code scores and speaks."""

    code: str
    points: int
    message: str
    suggestion: str
    pattern: re.Pattern[str] | None = None


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
    place_names: re.Pattern[str] | None
    place_prepositions: re.Pattern[str]
    company_suffix: re.Pattern[str] | None
    connectors: frozenset[str]
    fillers: frozenset[str]
    known_words: frozenset[str]
    not_names: frozenset[str]
    possessive: re.Pattern[str] | None = None
    generic_beside_role: int = 0
    gains: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> AskRules:
        """Compile the rules data (the parsed ask_rules.toml) into regexes, once."""
        codes_data: Mapping[str, Mapping[str, Any]] = data.get("codes", {})
        codes: dict[str, CodeRule] = {}
        for code, spec in codes_data.items():
            pattern = None
            if code in CREDIT_CODES + PENALTY_CODES and code != "named":
                pattern = _compile_terms(spec.get("terms", ()), spec.get("patterns", ()), spec)
            codes[code] = CodeRule(
                code=code,
                points=int(spec.get("points", 0)),
                message=str(spec.get("message", code)),
                suggestion=str(spec.get("suggestion", "")),
                pattern=pattern,
            )
        place = codes_data.get("place", {})
        named = codes_data.get("named", {})
        many = codes_data.get("many-targets", {})
        words = data.get("words", {})
        english = {w.lower() for w in words.get("english", ())}
        known = set(english)
        for code in ("role", "sector", "size", "trigger", "reason", "generic-target", "anyone", "lead-request"):
            for term in codes_data.get(code, {}).get("terms", ()):
                known.update(_WORD.findall(term.lower()))
        for term in codes_data.get("place", {}).get("terms", ()):
            known.update(_WORD.findall(term.lower()))
        known.update(w.lower() for w in words.get("not_names", ()))
        verdict = data.get("verdict", {})
        limits = data.get("limits", {})
        prepositions = sorted(place.get("prepositions", ("in",)), key=len, reverse=True)
        return cls(
            codes=codes,
            specific_at=int(verdict.get("specific", 60)),
            needs_work_at=int(verdict.get("needs_work", 30)),
            too_short_words=int(limits.get("too_short_words", 4)),
            too_long_words=int(limits.get("too_long_words", 70)),
            many_targets=int(limits.get("many_targets", 3)),
            foreign_cap=int(limits.get("foreign_cap", 45)),
            place_names=_compile_terms(place.get("names", ()), (), {}, plurals=False),
            place_prepositions=re.compile(
                r"(?:^|\W)(?:"
                + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in prepositions)
                + r")\s+(?:the\s+)?$",
                re.IGNORECASE,
            ),
            company_suffix=_compile_terms(named.get("terms", ()), (), {}, plurals=False),
            connectors=frozenset(c.lower() for c in many.get("connectors", (",", "or", "and"))),
            fillers=frozenset(f.lower() for f in many.get("fillers", ())),
            known_words=frozenset(known),
            not_names=frozenset(w.lower() for w in words.get("not_names", ())),
            possessive=_compile_terms(words.get("possessives", ()), (), {}, plurals=False),
            generic_beside_role=int(codes_data.get("generic-target", {}).get("points_beside_role", -5)),
            gains={code: str(spec["gain"]) for code, spec in codes_data.items() if "gain" in spec},
        )


def _term_regex(term: str, plurals: bool) -> str:
    """A whole-word regex for one vocabulary term, tolerant of spacing, hyphens and plurals."""
    words = term.strip().split()
    parts = [re.escape(w).replace(r"\-", r"[-\s]?") for w in words]
    last = words[-1]
    if plurals and last[-1:].isalpha():
        if len(last) > 2 and last.endswith("y") and last[-2] not in "aeiou":
            parts[-1] = re.escape(last[:-1]) + "(?:y|ies)"
        else:
            parts[-1] += r"(?:s|es)?"
    return r"(?<![\w&])" + r"\s+".join(parts) + r"(?![\w&])"


def _compile_terms(
    terms: Iterable[str], patterns: Iterable[str], spec: Mapping[str, Any], plurals: bool = True
) -> re.Pattern[str] | None:
    """One alternation per code, longest terms first so the fullest phrase wins."""
    alternatives = [_term_regex(t, plurals) for t in sorted({t for t in terms if t.strip()}, key=len, reverse=True)]
    alternatives += list(patterns)
    if spec.get("units"):
        alternatives.append(_size_regex(spec["units"], spec.get("number_words", ())))
    if not alternatives:
        return None
    return re.compile("|".join(f"(?:{a})" for a in alternatives), re.IGNORECASE)


def _size_regex(units: Iterable[str], number_words: Iterable[str]) -> str:
    """ "<number> [up to two words] <unit>": "20 staff", "a dozen vans", "40-bed", "3 busy clinics"."""
    numbers = [r"\d[\d,.]*\s?(?:k|\+)?"] + [re.escape(w).replace(r"\ ", r"\s+") for w in number_words]
    unit_alt = "|".join(_term_regex(u, True)[len(r"(?<![\w&])") :] for u in sorted(set(units), key=len, reverse=True))
    number = r"(?<![\w£$€])(?:over\s+|about\s+|around\s+|up\s+to\s+|at\s+least\s+)?(?:" + "|".join(numbers) + ")"
    more = r"(?:\s*(?:-|to|or|plus)\s*\d+\+?|\s+or\s+(?:more|over|above))?"
    return number + more + r"[-\s]+(?:[a-z][\w-]*\s+){0,2}?(?:" + unit_alt + ")"


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
    foreign = _looks_foreign(words, rules)
    # Capitals mark names only in English sentence case (German capitalises every noun).
    matches = _vocabulary_matches(text, rules, no_case=foreign or _is_all_caps(text))
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
    for missing in MISSING_CODES:
        gain = rules.gains.get(missing, missing.removeprefix("no-"))
        covered = {gain} | ({"named"} if gain in ("role", "sector") else set())
        if missing in rules.codes and not covered & found:
            findings.append(_finding(rules.codes[missing], text, rules.codes[missing].points, None))

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
    return Finding(
        code=rule.code,
        message=rule.message.replace("{words}", words).replace("{count}", str(count)),
        suggestion=rule.suggestion.replace("{words}", words).replace("{count}", str(count)),
        points=points,
        span=span,
        words=words,
    )


def _verdict(score: int, rules: AskRules) -> str:
    if score >= rules.specific_at:
        return "specific"
    return "needs-work" if score >= rules.needs_work_at else "vague"


def _ordered(findings: list[Finding], rules: AskRules) -> tuple[Finding, ...]:
    """Problems first, costliest (or most valuable to fix) first; then credits in reading order."""

    def value(f: Finding) -> int:
        if f.points < 0:
            return f.points * 10
        gain = rules.gains.get(f.code)
        return -rules.codes[gain].points if gain and gain in rules.codes else 0

    problems = [f for f in findings if f.points < 0 or f.code in MISSING_CODES or _is_problem_note(f)]
    others = [f for f in findings if f not in problems]
    problems.sort(key=value)
    return tuple(problems + others)


def _is_all_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 8 and sum(c.isupper() for c in letters) / len(letters) > 0.8


def _looks_foreign(words: list[str], rules: AskRules) -> bool:
    """Most words unknown to every English list, or mostly non-Latin letters: we can't judge it."""
    letters = [c for w in words for c in w if c.isalpha()]
    if letters and sum(ord(c) > 0x24F for c in letters) / len(letters) > 0.5:
        return True
    if len(words) < 4:
        return False
    known = sum(_known(w.lower(), rules.known_words) for w in words)
    return known / len(words) < 0.25


def _known(word: str, known: frozenset[str]) -> bool:
    word = word.replace("’", "'")
    if word in known:
        return True
    for suffix, repl in (("ies", "y"), ("es", ""), ("s", ""), ("'s", "")):
        if word.endswith(suffix) and word[: -len(suffix)] + repl in known:
            return True
    return False


def _vocabulary_matches(text: str, rules: AskRules, no_case: bool) -> list[_Match]:
    """Every vocabulary, pattern, place-name and capitalised-name hit, before overlaps are resolved."""
    found: list[_Match] = []
    for code in CREDIT_CODES + PENALTY_CODES:
        rule = rules.codes.get(code)
        if rule and rule.pattern:
            for m in rule.pattern.finditer(text):
                if code == "generic-target" and _after_possessive(text, m.start(), rules):
                    continue  # "their clients" are the target's clients, not the target
                found.append(_Match(code, m.start(), m.end()))
    if rules.place_names and "place" in rules.codes:
        for m in rules.place_names.finditer(text):
            if no_case or m.group()[0].isupper():
                found.append(_Match("place", m.start(), m.end()))
    if "named" in rules.codes:
        found.extend(_names(text, rules, no_case))
    return found


def _after_possessive(text: str, start: int, rules: AskRules) -> bool:
    if not rules.possessive:
        return False
    before = text[max(0, start - 12) : start].rstrip()
    last = re.search(r"[\w'’]+$", before)
    return bool(last and rules.possessive.fullmatch(last.group()))


def _names(text: str, rules: AskRules, no_case: bool) -> list[_Match]:
    """Capitalised names the vocabulary doesn't know: a person or business, or a place after "in"/"near"."""
    found: list[_Match] = []
    if no_case:
        # Capitals say nothing here; only "<WORD> LTD"-style company endings do.
        if rules.company_suffix:
            for m in rules.company_suffix.finditer(text):
                before = re.search(r"([^\W\d_][\w'’-]*)\s+$", text[max(0, m.start() - 40) : m.start()])
                if before and not _known(before.group(1).lower(), rules.known_words):
                    found.append(_Match("named", m.start() - len(before.group(0)), m.end()))
        return found
    for run in _CAPS_RUN.finditer(text):
        tokens = [(t.start(), t.end(), t.group()) for t in re.finditer(r"[^\s]+", run.group())]
        base = run.start()
        at_start = bool(_SENTENCE_END.search(text[max(0, base - 3) : base])) or base == 0
        has_suffix = bool(rules.company_suffix and rules.company_suffix.search(run.group()))
        if at_start and not has_suffix and (len(tokens) == 1 or _known(tokens[0][2].lower(), rules.known_words)):
            tokens = tokens[1:]
        while tokens and _plain(tokens[0][2], rules):
            tokens = tokens[1:]
        while tokens and _plain(tokens[-1][2], rules) and not has_suffix:
            tokens = tokens[:-1]
        if not tokens:
            continue
        start, end = base + tokens[0][0], base + tokens[-1][1]
        while end > start and text[end - 1] in ".'’-":
            end -= 1
        code = "place" if rules.place_prepositions.search(text[max(0, start - 16) : start]) else "named"
        found.append(_Match(code, start, end))
    return found


def _plain(token: str, rules: AskRules) -> bool:
    """A capitalised word that is ordinary vocabulary or an acronym we know, so no name."""
    word = token.strip(".,'’-").lower()
    return not word or word == "&" or _known(word, rules.known_words) or word in rules.not_names


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
    targets = [m for m in matches if m.code in ("role", "sector", "generic-target", "named")]
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
