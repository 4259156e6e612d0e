"""Acceptance: on the frozen evaluation rooms (eval/rooms, never tuned on) every listed pair is in the room's top
suggestions (top 10 up to 16 people, top 12 above), each with its reasons.

The target (46 of 46) is not reached yet: the matcher finds 43. The target stays written as it is and is marked
a strict expected failure, so the suite reports it on every run and turns red the day it passes without this
mark being removed; a second test holds the recall reached so far, so a change that loses pairs fails CI.
`bench/eval_rooms.py` prints the figures per room."""

from __future__ import annotations

import pytest

from bench.eval_rooms import ROOMS, evaluate_all

REACHED = 43  # pairs found of 46 on 2026-12-04 (41 on 2026-12-03; 21 before issue 18)


def recall() -> tuple[int, int, list]:
    results = evaluate_all(ROOMS)
    found = sum(len(r.found) for r in results)
    return found, found + sum(len(r.missed) for r in results), results


def test_every_pair_found_comes_with_its_reasons_and_recall_does_not_fall() -> None:
    found, total, results = recall()
    assert len(results) >= 8 and total >= 46
    for r in results:
        top = {frozenset((a, b)): reasons for a, b, _, reasons in r.ranked[: r.top]}
        assert all(top[frozenset(pair)] for pair in r.found), r.room  # every pair found says why
    assert found >= REACHED, f"recall fell to {found}/{total} (was {REACHED})"


@pytest.mark.xfail(strict=True, reason="issue 18 target not reached: 43 of 46 eval pairs in the top suggestions")
def test_every_listed_pair_is_in_the_rooms_top_suggestions() -> None:
    found, total, results = recall()
    missed = [f"{r.room} {len(r.found)}/{len(r.found) + len(r.missed)}" for r in results if r.missed]
    assert not missed, f"recall {found}/{total}; rooms with misses: {', '.join(missed)}"
