"""The ask check: scores how well a "what I want" statement lets the room picture one real person, and says why.

The vocabulary and weights compile in `ask_vocab`; the words and hits are read in `ask_match`; this module
turns the hits into findings, a score and a verdict.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from netevent.ask.gate import LazyRegex
from netevent.ask.match import longest_target_chain, resolve_overlaps, vocabulary_matches
from netevent.ask.tokens import is_plain, read_words, tokens
from netevent.ask.vocab import (
    CREDIT_CODES,
    MISSING_CODES,
    PENALTY_CODES,
    PRIORITY,
    AskRules,
    CodeRule,
    Finding,
    make_finding,
)

__all__ = [
    "CREDIT_CODES",
    "MISSING_CODES",
    "PENALTY_CODES",
    "PRIORITY",
    "AskReview",
    "AskRules",
    "CodeRule",
    "Finding",
    "review",
]


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


_new = object.__new__
_CODE = itemgetter(2)


def review(text: str, rules: AskRules) -> AskReview:
    """Review one ask: find what makes it specific or vague, score it 0–100 and give the verdict."""
    text = text if isinstance(text, str) else str(text)
    plain = is_plain(text)
    n_words, n_capitals, has_digit = read_words(text, plain)
    if not n_words:
        return _empty(text, rules)
    low = text.lower().replace("’", "'")
    if len(low) != len(text):  # a few letters change length when lower-cased; keep offsets true
        low = text
    toks = tokens(text, low, plain)
    foreign = _looks_foreign(text, toks[2], rules, plain)
    # Capitals mark names only in English sentence case (German capitalises every noun).
    no_case = foreign or (n_words >= 2 and n_capitals > 0.8 * n_words)
    matches = vocabulary_matches(text, low, toks, rules, no_case, has_digit, plain)
    matches = resolve_overlaps(matches)

    codes = rules.codes
    found = frozenset(map(_CODE, matches))
    person_named = "role" in found or "named" in found
    # Findings go straight to the problems (anything that costs points or is advice) or the credits, in reading
    # order; the problems are then ranked, each by its key in `ranks`. The score is every finding's points.
    problems: list[Finding] = []
    ranks: list[int] = []
    credits: list[Finding] = []
    score = 0
    seen: set[str] = set()
    targets = 0
    hits = rules._hits
    for start, end, code in matches:
        rule, points, target, said = hits[code]
        if code in seen:
            points = 0
        elif points and code == "generic-target" and person_named:
            points = rules.generic_beside_role
        seen.add(code)
        targets += target
        score += points
        words = text[start:end]
        if said is None or "{" in words:
            finding = make_finding(rule, text, points, (start, end))
        else:  # make_finding's result, with the message halves around the words joined once
            message, message_end, suggestion, suggestion_end = said
            finding = _new(Finding)
            finding.__dict__.update(
                code=rule.code,
                message=message if message_end is None else message + words + message_end,
                suggestion=suggestion if suggestion_end is None else suggestion + words + suggestion_end,
                points=points,
                span=(start, end),
                words=words,
            )
        if points < 0:
            problems.append(finding)
            ranks.append(points * 10)
        else:
            credits.append(finding)

    # Notes and missing-kind advice are all problems, whatever their points.
    notes: list[Finding] = []
    chain = longest_target_chain(text, matches, rules) if targets >= rules.many_targets else []
    if chain and "many-targets" in codes:
        rule = codes["many-targets"]
        notes.append(make_finding(rule, text, rule.points, (chain[0][0], chain[-1][1])))
    if n_words < rules.too_short_words and "too-short" in codes:
        rule = codes["too-short"]
        span = (len(text) - len(text.lstrip()), len(text.rstrip()))
        notes.append(make_finding(rule, text, rule.points, span, count=n_words))
    if n_words > rules.too_long_words and "too-long" in codes:
        notes.append(make_finding(codes["too-long"], text, codes["too-long"].points, None, count=n_words))
    missing, missing_ranked, missing_points, missing_ranks = rules.missing_for(found)
    score += missing_points
    if not problems and not notes and not (foreign and "not-english" in codes):
        problems = list(missing_ranked)  # ranked once per set of codes found, nothing else to rank among
    else:
        for note in notes:
            score += note.points
            problems.append(note)
            ranks.append(rules.problem_key(note))
        problems.extend(missing)
        ranks.extend(missing_ranks)
        if "not-english" in codes and foreign:
            rule = codes["not-english"]
            problems.append(make_finding(rule, text, min(rule.points, rules.foreign_cap - score), None))
            score += problems[-1].points
            ranks.append(rules.problem_key(problems[-1]))
        if len(problems) > 1:  # a stable sort by rank, read off the ranks list rather than computed per finding
            problems = [problems[k] for k in sorted(range(len(problems)), key=ranks.__getitem__)]
    score = max(0, min(100, score))
    # Built without the frozen dataclass's __init__, as findings are: one per check.
    result = _new(AskReview)
    result.__dict__.update(text=text, score=score, verdict=_verdict(score, rules), findings=(*problems, *credits))
    return result


def _empty(text: str, rules: AskRules) -> AskReview:
    rule = rules.codes.get("empty") or CodeRule("empty", 0, "There's no ask here yet.", "Say who you want to meet.")
    span = (0, len(text)) if text.strip() else None
    finding = make_finding(rule, text, 0, span)
    return AskReview(text=text, score=0, verdict="vague", findings=(finding,))


def _verdict(score: int, rules: AskRules) -> str:
    if score >= rules.specific_at:
        return "specific"
    return "needs-work" if score >= rules.needs_work_at else "vague"


# Run only on text with letters outside ASCII, so compiled then.
_LETTER = LazyRegex(r"[^\W\d_]")
_NON_LATIN = LazyRegex(r"[^\W\d_A-Za-z\u00C0-\u024F]")


def _looks_foreign(text: str, words: list[str], rules: AskRules, plain: bool) -> bool:
    """Most words unknown to every English list, or mostly non-Latin letters: we can't judge it."""
    # Plain text has no letters outside ASCII, let alone non-Latin ones.
    if not plain and len(_NON_LATIN.findall(text)) > 0.5 * len(_LETTER.findall(text)):
        return True
    if len(words) < 4:
        return False
    if len(words) < 60:
        return sum(map(rules.known_words.__contains__, words)) < 0.25 * len(words)
    # A long ask's first half often already holds a quarter of its words known: then the rest needn't be counted.
    half = len(words) // 2
    known = sum(map(rules.known_words.__contains__, words[:half]))
    if known >= 0.25 * len(words):
        return False
    return known + sum(map(rules.known_words.__contains__, words[half:])) < 0.25 * len(words)
