"""Time `export_all` on a large meeting: 500 attendees, 5,000 records, a pitch each; target ≤ 2 s for everything."""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gen import make_event, make_referrals

from netevent.domain.models import Event, Pitch
from netevent.export import WRITERS, export_all
from netevent.export.snapshot import Snapshot
from netevent.store import Store

ATTENDEES = 500
RECORDS = 5_000
TARGET_S = 2.0


def make_pitches(event: Event, seed: int = 1) -> list[Pitch]:
    """One timed pitch per attendee, a quarter of them over time, a few skipped."""
    rng = random.Random(seed)
    out = []
    for slot, person in enumerate(event.attendees):
        planned = event.planned_seconds(person)
        actual = planned * (0.7 + rng.random() * 0.5)
        skipped = rng.random() < 0.03
        out.append(
            Pitch(
                speaker=person.name,
                planned_seconds=planned,
                actual_seconds=0.0 if skipped else round(actual, 2),
                overtime_seconds=0.0 if skipped else round(max(0.0, actual - planned), 2),
                pauses=[[10.0, 12.5]] if rng.random() < 0.1 else [],
                status="skipped" if skipped else "done",
                slot=slot,
            )
        )
    return out


def build(path: Path) -> Store:
    """The fixture store, written without fsync: only the export is being timed."""
    event = make_event(ATTENDEES, seed=7)
    store = Store(path, durable=False)
    store.load_event(event)
    for pitch in make_pitches(event):  # before the records, while each whole-file write is still small
        store.add_pitch(pitch)
    store.add_referrals(make_referrals(event, RECORDS, seed=7))
    store.set_state("round", {"position": ATTENDEES, "order": [a.name for a in event.attendees]})
    return store


def _phases(store: Store, folder: Path) -> dict[str, float]:
    """Seconds per format, with the shared work (reading, tally, reviews, suggestions) reported on its own."""
    times: dict[str, float] = {}
    start = time.perf_counter()
    snap = Snapshot.from_store(store)
    _ = (snap.tally, snap.suggestions)
    times["read+tally+reviews+suggestions"] = time.perf_counter() - start
    folder.mkdir()
    for name, writer in WRITERS.items():
        start = time.perf_counter()
        writer(snap, folder)
        times[name] = time.perf_counter() - start
    return times


def run(quick: bool = False) -> dict[str, float]:
    """Median wall time of a full export (every format) of 500 attendees and 5,000 records."""
    repeats = 1 if quick else 3
    with tempfile.TemporaryDirectory(prefix="netevent-bench-", dir=Path.cwd()) as tmp:
        root = Path(tmp)
        with build(root / "store.json") as store:
            times = []
            for i in range(repeats):
                start = time.perf_counter()
                export_all(store, root / f"out-{i}", {"all"})
                times.append(time.perf_counter() - start)
            figures = {"export_s_500x5000": round(statistics.median(times), 3)}
            if not quick:
                figures |= {f"export_phase_s_{k}": round(v, 3) for k, v in _phases(store, root / "phases").items()}
    return figures


if __name__ == "__main__":
    result = run(quick="--quick" in sys.argv)
    for key, value in result.items():
        print(f"{key:<55} {value:>8.3f} s")
    verdict = "met" if result["export_s_500x5000"] <= TARGET_S else "MISSED"
    print(f"target export of {ATTENDEES} attendees and {RECORDS:,} records <= {TARGET_S:g} s: {verdict}")
