"""Acceptance: on the frozen evaluation rooms (eval/rooms, never tuned on) every listed pair is in the room's top
suggestions (top 10 up to 16 people, top 12 above), each with its reasons. It fails, with the recall per room,
until the matcher finds them all."""

from __future__ import annotations

from bench.eval_rooms import ROOMS, evaluate_all


def test_every_listed_pair_is_in_the_rooms_top_suggestions_with_reasons() -> None:
    results = evaluate_all(ROOMS)
    assert len(results) >= 8
    for r in results:
        top = {frozenset((a, b)): reasons for a, b, _, reasons in r.ranked[: r.top]}
        assert all(top[frozenset(pair)] for pair in r.found), r.room  # every pair found says why
    missed = [f"{r.room} {len(r.found)}/{len(r.found) + len(r.missed)}" for r in results if r.missed]
    found = sum(len(r.found) for r in results)
    total = found + sum(len(r.missed) for r in results)
    assert not missed, f"recall {found}/{total}; rooms with misses: {', '.join(missed)}"
