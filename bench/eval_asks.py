"""The ask check on the frozen evaluation asks (eval/asks.toml): the figures issue 18 sets targets for.

Measure only: the set is never tuned on (eval/README.md). Prints the figures; `--json` prints them as one JSON
object on the last line. The misses are not printed, so that reading the output cannot become tuning.
"""

from __future__ import annotations

import json
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

EVAL_FILE = Path(__file__).resolve().parent.parent / "eval" / "asks.toml"

# Advice that only fits a business target: naming a kind of business or the role who buys for it. Matched in the
# finding's text, so the figure means the same whatever codes an engine uses.
BUSINESS_ADVICE = (
    "kind of business",
    "signs the order",
    "role who",
    "office manager",
    "finance director",
    "practice owner",
    "dental practice",
    "café owner",
    "role at one kind",
    "law firm",
)

TARGETS = {
    "specific_as_specific_pct": 90.0,
    "vague_as_vague_pct": 90.0,
    "vague_as_specific": 0,
    "non_specific_without_advice": 0,
    "consumer_with_business_advice": 0,
}


def load_asks(path: Path = EVAL_FILE) -> list[dict[str, str]]:
    return list(tomllib.loads(path.read_text(encoding="utf-8"))["ask"])


def gives_business_advice(review: Any) -> bool:
    for finding in review.findings:
        said = f"{finding.message} {finding.suggestion}".lower()
        if any(marker in said for marker in BUSINESS_ADVICE):
            return True
    return False


def has_sharpening_advice(review: Any) -> bool:
    """At least one finding says what to add or change: a suggestion beside a problem."""
    return any(f.suggestion.strip() for f in review.findings)


def evaluate(asks: list[dict[str, str]], check: Callable[[str], Any]) -> dict[str, float]:
    """The issue's figures for `check` (text → review) over labelled asks."""
    counts = {"specific": 0, "vague": 0, "needs-work": 0}
    agree = {"specific": 0, "vague": 0, "needs-work": 0}
    vague_as_specific = no_advice = business_on_consumer = consumers = 0
    for ask in asks:
        review = check(ask["text"])
        label = ask["label"]
        counts[label] += 1
        agree[label] += review.verdict == label
        vague_as_specific += label == "vague" and review.verdict == "specific"
        no_advice += review.verdict != "specific" and not has_sharpening_advice(review)
        if ask["audience"] == "consumer":
            consumers += 1
            business_on_consumer += gives_business_advice(review)
    return {
        "asks": len(asks),
        "specific_as_specific_pct": round(100 * agree["specific"] / max(counts["specific"], 1), 1),
        "vague_as_vague_pct": round(100 * agree["vague"] / max(counts["vague"], 1), 1),
        "needs_work_as_needs_work_pct": round(100 * agree["needs-work"] / max(counts["needs-work"], 1), 1),
        "vague_as_specific": vague_as_specific,
        "non_specific_without_advice": no_advice,
        "consumer_asks": consumers,
        "consumer_with_business_advice": business_on_consumer,
    }


def misses_targets(figures: dict[str, float]) -> list[str]:
    """Each target the figures miss, as a line saying the figure and the target."""
    out = []
    for name, target in TARGETS.items():
        value = figures[name]
        ok = value >= target if name.endswith("_pct") else value <= target
        if not ok:
            out.append(f"{name} = {value} (target {'≥' if name.endswith('_pct') else '≤'} {target})")
    return out


def run() -> dict[str, float]:
    from netevent.services.ask_rules import review_ask

    return evaluate(load_asks(), review_ask)


if __name__ == "__main__":
    figures = run()
    for name, value in figures.items():
        print(f"{name:<34}{value:>8}")
    missed = misses_targets(figures)
    print("meets every target" if not missed else "MISSES: " + "; ".join(missed))
    if "--json" in sys.argv:
        print(json.dumps(figures))
