"""Recall of the matcher on the frozen evaluation rooms (eval/rooms/*.toml): measure only, never tune on them.

A listed pair counts when it is among the room's top N suggestions: N = 10 for rooms up to 16 people, 12 above.
It also counts people in a pair whose best partner is someone in no pair (the rooms' generic "I help small
businesses grow" attendees are in none): that should be 0.
Run `python bench/eval_rooms.py [DIR]` (default eval/rooms); `--misses` also prints each missed pair and its rank,
`--top` each room's top suggestions with their reasons (for the tuning rooms: looking at why is tuning).
"""

from __future__ import annotations

import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from netevent.domain.matcher import suggest
from netevent.domain.models import Attendee, name_key
from netevent.domain.professions import Knowledge
from netevent.services.spheres import knowledge

ROOMS = Path(__file__).resolve().parent.parent / "eval" / "rooms"
_FIELDS = ("name", "business", "profession", "ask", "offer")


@dataclass(frozen=True)
class RoomResult:
    room: str
    people: int
    top: int
    found: list[tuple[str, str]]
    missed: list[tuple[str, str, int | None]]  # (a, b, rank or None when never suggested)
    ranked: list[tuple[str, str, float, tuple[str, ...]]]
    unpaired_best: list[tuple[str, str]]  # (person in a pair, their best partner, who is in no pair)

    @property
    def recall(self) -> float:
        total = len(self.found) + len(self.missed)
        return len(self.found) / total if total else 1.0


def top_n(people: int) -> int:
    return 10 if people <= 16 else 12


def load_room(path: Path) -> tuple[list[Attendee], list[tuple[str, str]]]:
    """The room's attendees (built directly, so `[[pair]]` never reaches the event loader) and its pairs."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    attendees = [
        Attendee(**{k: str(row.get(k, "")) for k in _FIELDS}, attendance="present") for row in data["attendee"]
    ]
    pairs = [(str(row["a"]), str(row["b"])) for row in data.get("pair", [])]
    return attendees, pairs


def evaluate(path: Path, kn: Knowledge) -> RoomResult:
    attendees, pairs = load_room(path)
    ranked = suggest(attendees, [], kn)
    rank = {frozenset((name_key(s.a), name_key(s.b))): i + 1 for i, s in enumerate(ranked)}
    n = top_n(len(attendees))
    found: list[tuple[str, str]] = []
    missed: list[tuple[str, str, int | None]] = []
    for a, b in pairs:
        place = rank.get(frozenset((name_key(a), name_key(b))))
        if place is not None and place <= n:
            found.append((a, b))
        else:
            missed.append((a, b, place))
    paired = {name_key(name) for pair in pairs for name in pair}
    best: dict[str, str] = {}
    for s in ranked:
        best.setdefault(s.a, s.b)
        best.setdefault(s.b, s.a)
    # the coach's pairs name the people with a real partner; none of them should be steered to someone outside
    unpaired_best = [(a, b) for a, b in best.items() if name_key(a) in paired and name_key(b) not in paired]
    rows = [(s.a, s.b, s.score, s.reasons) for s in ranked]
    return RoomResult(path.stem, len(attendees), n, found, missed, rows, unpaired_best)


def evaluate_all(folder: Path = ROOMS, kn: Knowledge | None = None) -> list[RoomResult]:
    kn = kn or knowledge()
    return [evaluate(path, kn) for path in sorted(folder.glob("*.toml"))]


def main(argv: list[str]) -> None:
    folder = Path(next((a for a in argv if not a.startswith("--")), ROOMS))
    results = evaluate_all(folder)
    for r in results:
        total = len(r.found) + len(r.missed)
        print(
            f"{r.room:<18} {r.people:>3} people  top {r.top:<3} {len(r.found)}/{total}  {r.recall:6.0%}"
            f"  best partner outside the pairs: {len(r.unpaired_best)}"
        )
        if "--misses" in argv:
            for a, b, place in r.missed:
                print(f"    missed {a} – {b} (rank {place or 'none'})")
            for a, b in r.unpaired_best:
                print(f"    {a}'s best partner is {b}, who is in no pair")
        if "--top" in argv:
            for place, (a, b, score, reasons) in enumerate(r.ranked[: r.top + 4], 1):
                print(f"  {place:>3}. {score:5.2f} {a} – {b}: {'; '.join(reasons)}")
    found = sum(len(r.found) for r in results)
    total = found + sum(len(r.missed) for r in results)
    print(f"{'overall':<18} {found}/{total} {found / total if total else 1:6.0%}")


if __name__ == "__main__":
    main(sys.argv[1:])
