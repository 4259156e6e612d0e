"""Time `export_all` on a large meeting: 500 attendees, 5,000 records, a pitch each; target ≤ 2 s for everything."""

from __future__ import annotations

import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gen import make_event, make_referrals

from netevent.domain.models import Event, Pitch
from netevent.export import WRITERS, export_all, paused_gc
from netevent.export.report import write_report_html
from netevent.export.snapshot import Snapshot
from netevent.export.summaries import write_summaries
from netevent.export.tables import write_mail_merge
from netevent.store.repository import Store

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


def build(path: Path, attendees: int = ATTENDEES, records: int = RECORDS) -> Store:
    """The fixture store, written without fsync: only the export is being timed."""
    event = make_event(attendees, seed=7)
    store = Store(path, durable=False)
    store.load_event(event)
    for pitch in make_pitches(event):  # before the records, while each whole-file write is still small
        store.add_pitch(pitch)
    store.add_referrals(make_referrals(event, records, seed=7))
    store.set_state("round", {"position": attendees, "order": [a.name for a in event.attendees]})
    return store


PAGE_SAMPLE = 5  # pages timed first, to decide whether writing all 500 fits FULL_PAGES_BUDGET_S
FULL_PAGES_BUDGET_S = 30.0


def _timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def measure(store: Store, folder: Path) -> dict[str, float]:
    """Seconds per part of `export_all(store, folder, "all")`, in the order it does them and as it runs them (with
    the cycle collector paused, `paused_gc`).

    The summary pages come from netevent.services.summaries.build_summary, one attendee at a time; should that be too
    slow to write 500 of them in FULL_PAGES_BUDGET_S, PAGE_SAMPLE pages are timed and the rest extrapolated.
    """
    with paused_gc():
        return _measure(store, folder)


def _measure(store: Store, folder: Path) -> dict[str, float]:
    phases: dict[str, float] = {}
    snap: Snapshot | None = None

    def read() -> None:
        nonlocal snap
        snap = Snapshot.from_store(store)
        _ = (snap.tally, snap.suggestions)

    phases["read_tally_reviews_suggestions"] = _timed(read)
    assert snap is not None
    folder.mkdir()
    for name in ("csv", "json", "md", "vcf", "ics"):
        phases[name] = _timed(lambda name=name: WRITERS[name](snap, folder))
    phases["report_html_and_mail_merge"] = _timed(
        lambda: (write_report_html(snap, folder), write_mail_merge(snap, folder))
    )
    phases["summary_room_grouping"] = _timed(lambda: snap.room_for(snap.attendees[0]))
    names = [a.name for a in snap.attendees]
    first = _timed(lambda: write_summaries(snap, folder, names[:1]))  # includes compiling the page template
    sample = names[1 : 1 + PAGE_SAMPLE]
    sampled = _timed(lambda: write_summaries(snap, folder, sample))
    rest = names[1 + PAGE_SAMPLE :]
    if sampled / len(sample) * len(rest) <= FULL_PAGES_BUDGET_S:
        phases["summary_pages"] = first + sampled + _timed(lambda: write_summaries(snap, folder, rest))
        phases["summary_pages_extrapolated"] = 0.0
    else:
        phases["summary_pages"] = first + sampled / len(sample) * (len(names) - 1)
        phases["summary_pages_extrapolated"] = 1.0
    phases["summary_page_each"] = phases["summary_pages"] / len(names)
    return phases


def run(quick: bool = False) -> dict[str, float]:
    """Wall time of a full export (every format) of 500 attendees and 5,000 records, with its parts."""
    with tempfile.TemporaryDirectory(prefix="netevent-bench-", dir=Path.cwd()) as tmp:
        root = Path(tmp)
        with build(root / "chapter.json", 60, 300) as store:  # a big real chapter, every page written
            chapter = min(
                _timed(lambda i=i: export_all(store, root / f"chapter-{i}")) for i in range(1 if quick else 3)
            )
        with build(root / "store.json") as store:
            runs = [measure(store, root / f"out-{i}") for i in range(1 if quick else 2)]
    extras = ("summary_pages_extrapolated", "summary_page_each")  # not parts of the total
    best = min(runs, key=lambda r: sum(v for k, v in r.items() if k not in extras))
    parts = {k: v for k, v in best.items() if k not in extras}
    figures = {"export_s_500x5000": round(sum(parts.values()), 3)}
    figures["export_s_500x5000_without_summary_pages"] = round(
        sum(parts.values()) - parts["summary_pages"] - parts["summary_room_grouping"], 3
    )
    figures |= {f"export_phase_s_{k}": round(v, 3) for k, v in best.items()}
    figures["export_s_60x300"] = round(chapter, 3)
    return figures


if __name__ == "__main__":
    result = run(quick="--quick" in sys.argv)
    for key, value in result.items():
        print(f"{key:<55} {value:>10.3f}{'' if key.endswith('extrapolated') else ' s'}")
    if result.get("export_phase_s_summary_pages_extrapolated"):
        print(f"(summary pages were too slow to write all {ATTENDEES}: timed {PAGE_SAMPLE + 1} and extrapolated)")
    verdict = "met" if result["export_s_500x5000"] <= TARGET_S else "MISSED"
    print(f"target export of {ATTENDEES} attendees and {RECORDS:,} records <= {TARGET_S:g} s: {verdict}")
