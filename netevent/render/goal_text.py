"""A member's goal in words, and how far this meeting's records have gone towards it."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text

from netevent.domain.chapter import Goal
from netevent.domain.history import goal_met
from netevent.domain.models import FACILITATOR, Kind, Referral, name_key

WORDS = ((Kind.REFERRAL.value, "referral"), (Kind.INTRODUCTION.value, "introduction"),
         (Kind.ONE_TO_ONE.value, "one-to-one"))  # fmt: skip


def _numbers(goal: Goal) -> tuple[int, int, int]:
    return goal.referrals, goal.introductions, goal.one_to_ones


def goal_words(goal: Goal) -> str:
    """"2 referrals, 1 one-to-one": the numbers a goal sets, the zeros left out."""
    return ", ".join(f"{n} {word}{'s' if n != 1 else ''}" for n, (_, word) in zip(_numbers(goal), WORDS, strict=True)
                     if n)  # fmt: skip


def goal_progress(goal: Goal, records: Iterable[Referral]) -> tuple[bool, str]:
    """(met, "1/2 referrals, 0/1 one-to-ones"): the goal judged on what its member has given in `records`."""
    given = {kind: 0 for kind, _ in WORDS}
    for r in records:
        # as in the tally (and so the history): an introduction the facilitator made is nobody's giving
        if name_key(r.giver) == name_key(goal.name) and r.kind in given and r.made_by != FACILITATOR:
            given[r.kind] += 1
    so_far = ", ".join(f"{given[kind]}/{n} {word}s" for n, (kind, word) in zip(_numbers(goal), WORDS, strict=True)
                       if n)  # fmt: skip
    return goal_met(_numbers(goal), given), so_far


def goal_line(goal: Goal, records: Iterable[Referral]) -> Text:
    """"Goal: 2 referrals — met", judged on what the member has given in `records` (this meeting's) so far."""
    met, so_far = goal_progress(goal, records)
    out = Text("Goal: ", style="bold")
    out.append(goal_words(goal))
    if met:
        out.append(" — met", style="bold green")
        return out
    out.append(" — not met", style="bold yellow")
    out.append(f" (so far {so_far})", style="italic")
    return out
