"""The matcher in a big room where many people read alike (same trade, same kind of ask): each pair scores as it
would on its own, and each person's best few are the ones the full ranked list gives them."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from netevent.domain.matcher import Knowledge, Suggestion, suggest
from netevent.domain.models import Attendee, Kind, Referral
from netevent.services.spheres import knowledge
from tests.matcher_rosters import ROOMS, spread_holds


@pytest.fixture(scope="module")
def kn() -> Knowledge:
    return knowledge()


def _big_room(copies: int = 3, seed: int = 5) -> tuple[list[Attendee], list[Referral]]:
    """Every test roster's people, each `copies` times under other names, and records of every kind between them."""
    people = [replace(p, name=f"{p.name} {n}") for room in ROOMS for p in room.attendees for n in range(1, copies + 1)]
    rng = random.Random(seed)
    names = [p.name for p in people]
    kinds = [k.value for k in Kind]
    records = []
    for _ in range(len(people) * 2):
        giver, receiver = rng.sample(names, 2)
        kind = rng.choice(kinds)
        contact = rng.choice(names) if kind == Kind.INTRODUCTION.value and rng.random() < 0.3 else ""
        records.append(Referral(giver=giver, receiver=receiver, kind=kind, contact=contact))
    return people, records


def _best_of_each(full: list[Suggestion], per_person: int) -> list[Suggestion]:
    """By hand from the full list: a pair stays when it is among the best `per_person` of either person."""
    seen: dict[str, int] = {}
    kept = []
    for s in full:
        if seen.get(s.a, 0) < per_person or seen.get(s.b, 0) < per_person:
            kept.append(s)
        seen[s.a] = seen.get(s.a, 0) + 1
        seen[s.b] = seen.get(s.b, 0) + 1
    return kept


def _check_room(kn: Knowledge) -> None:
    people, records = _big_room()
    full = suggest(people, records, kn)
    assert len({s.score for s in full}) > 5  # a room with a real spread of scores, not one tie
    assert spread_holds(full, len({p.key for p in people if not p.is_absent and p.name.strip()}))
    for per_person in (1, 2, 5):
        assert suggest(people, records, kn, per_person=per_person) == _best_of_each(full, per_person)
    assert suggest(people, records, kn, per_person=3, limit=7) == _best_of_each(full, 3)[:7]
    scores = {(s.a, s.b): s.score for s in full}
    rng = random.Random(11)
    names = sorted((p.name for p in people), key=lambda name: (name.casefold(), name))  # the matcher's a-b order
    others = [(a, b) for i, a in enumerate(names) for b in names[i + 1 :: 9] if (a, b) not in scores]
    for a, b in rng.sample(sorted(scores), 60) + rng.sample(others, 20):  # as if nobody else were in the room
        alone = suggest([p for p in people if p.name in (a, b)], records, kn)
        assert [(s.a, s.b, s.score) for s in alone] == ([(a, b, scores[(a, b)])] if (a, b) in scores else [])


def test_alike_people_in_a_big_room_score_as_each_pair_alone(kn: Knowledge) -> None:
    _check_room(kn)
