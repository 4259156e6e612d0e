"""The ask check: read an ask, judge it, and word the review (findings, what to listen for, a rewrite).

Reading is in `reading`, the verdict rule in `judging`, the wording in `advice`; the vocabulary is data
(netevent/data/ask_rules.toml, compiled by `vocab.AskRules`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from netevent.ask.advice import (
    CREDIT_CODES,
    MISSING_CODES,
    NOTE_CODES,
    Finding,
    findings,
    missing,
    rewrite,
)
from netevent.ask.judging import judge
from netevent.ask.listening import listen_for
from netevent.ask.reading import read
from netevent.ask.vocab import AskRules

__all__ = ["CREDIT_CODES", "MISSING_CODES", "AskReview", "AskRules", "Finding", "review"]


@dataclass(frozen=True)
class AskReview:
    """The verdict on one ask, with its reasons, the phrases the room should listen for, and a sharper wording."""

    text: str
    score: int
    verdict: str
    findings: tuple[Finding, ...]
    listen_for: tuple[str, ...] = ()
    rewrite: str = ""

    @property
    def problems(self) -> tuple[Finding, ...]:
        """What blurs the ask or is missing from it, most worth fixing first."""
        return tuple(f for f in self.findings if f.points < 0 or f.code in MISSING_CODES or f.code in NOTE_CODES)

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
            "listen_for": list(self.listen_for),
            "rewrite": self.rewrite,
        }


def review(text: str, rules: AskRules) -> AskReview:
    """Review one ask: what names a who, what narrows or blurs it, the verdict, and what to do about it."""
    text = text if isinstance(text, str) else str(text)
    if not any(c.isalnum() for c in text):
        return _empty(text, rules)
    reading = read(text, rules)
    judged = judge(reading)
    gaps = [] if judged.verdict == "specific" else missing(reading, judged)  # once, for the findings and rewrite
    return AskReview(
        text=text,
        score=judged.score,
        verdict=judged.verdict,
        findings=findings(reading, judged, rules, gaps),
        listen_for=listen_for(reading, rules),
        rewrite=rewrite(reading, judged, rules, gaps),
    )


def _empty(text: str, rules: AskRules) -> AskReview:
    say = rules.speak("empty")
    span = (0, len(text)) if text.strip() else None
    advice = say.suggestion or "Say who you want to meet."
    finding = Finding("empty", say.message, advice, 0, span, text if span else "")
    prompt = rules.speak("no-who").prompt
    return AskReview(text, 0, "vague", (finding,), (), f"Who do you know who {prompt}?" if prompt else "")
